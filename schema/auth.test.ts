import { describe, expect, test } from '@jest/globals';
import { createHash, createHmac } from 'node:crypto';
import { ANONYMOUS, signInternal, verifyInternal, type Actor } from './auth.js';

const SECRET = 'a-test-secret-of-at-least-32-characters';
const TARGET = { subgraph: 'catalog', node: 'lishui' };
const BODY = '{"query":"{ __typename }"}';

/** Signs any JSON as the actor, exactly as signInternal does, so the signature is valid and only the content is wrong. */
function signRaw(actorJson: string, now = Date.now()): string {
  const actorB64 = Buffer.from(actorJson, 'utf8').toString('base64url');
  const ts = String(now);
  const nonce = 'n0nce';
  const sha = createHash('sha256').update(BODY).digest('hex');
  const mac = createHmac('sha256', SECRET)
    .update(JSON.stringify([actorB64, ts, nonce, TARGET.subgraph, TARGET.node, null, sha]))
    .digest('base64url');
  return `${actorB64}.${ts}.${nonce}.${mac}`;
}

describe('the internal actor header', () => {
  test('a signed actor comes back as it was sent', () => {
    const actor: Actor = { sub: 'staff-1', orgId: '331100:01ARZ3NDEKTSV4RRFFQ69G5FAV', region: '331100', roles: ['AGENCY'] };
    expect(verifyInternal(signInternal(actor, BODY, SECRET, TARGET), BODY, SECRET, TARGET)?.actor).toEqual(actor);
    expect(verifyInternal(signInternal(ANONYMOUS, BODY, SECRET, TARGET), BODY, SECRET, TARGET)?.actor).toEqual(ANONYMOUS);
  });

  test('the hand-made signer matches signInternal, so the cases below fail on content alone', () => {
    expect(verifyInternal(signRaw(JSON.stringify(ANONYMOUS)), BODY, SECRET, TARGET)?.actor).toEqual(ANONYMOUS);
  });

  test.each([
    ['not JSON', '{sub:'],
    ['an unknown role', JSON.stringify({ sub: 'x', orgId: null, region: null, roles: ['ADMIN'] })],
    ['no subject', JSON.stringify({ sub: '', orgId: null, region: null, roles: [] })],
    ['a missing organization field', JSON.stringify({ sub: 'x', region: null, roles: [] })],
    ['a region that is no region code', JSON.stringify({ sub: 'x', orgId: null, region: 'Lishui', roles: ['AUDITOR'] })],
    ['roles that are not a list', JSON.stringify({ sub: 'x', orgId: null, region: null, roles: 'AUTHORITY' })],
    ['an extra claim the subgraphs would ignore', JSON.stringify({ sub: 'x', orgId: null, region: null, roles: [], admin: true })],
  ])('a validly signed actor with %s is refused', (_label, json) => {
    expect(verifyInternal(signRaw(json), BODY, SECRET, TARGET)).toBeNull();
  });
});
