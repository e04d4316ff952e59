import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Actor } from '../schema/auth.js';
import { loadTopology } from '../platform/env.js';
import { createLogger } from '../platform/log.js';
import { schemaFile, SUPERGRAPH_FILE } from '../platform/paths.js';
import { mintToken } from './auth.js';
import { createGateway, type RunningGateway } from './server.js';

/** The gateway alone, its nodes unreachable: what a transfer meets before any node is asked, and when its node does not answer. */
const JWT_SECRET = 'transfer-plumbing-jwt-secret-0123456789ab';
const LIMIT = 4;
const MAX_BYTES = 1024;
const LOAD = '331102:01ARZ3NDEKTSV4RRFFQ69G5FAV';

let gw: RunningGateway;
beforeAll(async () => {
  const topology = loadTopology(schemaFile('../seeds/topology.demo.json'));
  // Port 1: nothing listens there, so a forwarded transfer fails at once.
  for (const node of topology.nodes) for (const name of Object.keys(node.subgraphs)) node.subgraphs[name as keyof typeof node.subgraphs] = 'http://127.0.0.1:1/graphql';
  gw = await createGateway({
    topology,
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    jwtSecret: JWT_SECRET,
    internalSecret: 'transfer-plumbing-internal-secret-012345',
    auditSecret: 'transfer-plumbing-audit-secret-0123456789',
    rateLimit: { max: LIMIT, windowMs: 60_000 },
    transferMaxBytes: MAX_BYTES,
    health: { probeIntervalMs: 60_000, probeTimeoutMs: 100 },
    logger: createLogger({ destination: { write: () => undefined } }),
  });
});
afterAll(async () => gw?.stop());

const staff = (n: number): Actor => ({ sub: `staff-${n}`, orgId: null, region: '331102', roles: ['AUTHORITY'] });
const put = async (actor: Actor | null, path: string, body: string, headers: Record<string, string> = {}) => {
  const auth: Record<string, string> = actor ? { authorization: `Bearer ${await mintToken(actor, JWT_SECRET)}` } : {};
  const res = await fetch(`${gw.url}${path}`, { method: 'PUT', headers: { 'content-type': 'text/csv', ...auth, ...headers }, body });
  return { status: res.status, body: (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] } };
};

describe('streamed transfers at the gateway [issue 19 item 7]', () => {
  test('a bad token is 401, a path of no known kind 404, a declared body over the bound 413 — before any node is asked', async () => {
    const bad = await fetch(`${gw.url}/data/loads/${LOAD}`, { method: 'PUT', headers: { authorization: 'Bearer x' }, body: 'a' });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const unknown = await put(staff(1), `/data/nothing/${LOAD}`, 'a');
    expect([unknown.status, unknown.body.errors[0].extensions.code]).toEqual([404, 'NOT_FOUND']);
    const big = await put(staff(1), `/data/loads/${LOAD}`, 'x'.repeat(MAX_BYTES + 1));
    expect([big.status, big.body.errors[0].extensions.code, big.body.errors[0].extensions.maxBytes]).toEqual([413, 'PAYLOAD_TOO_LARGE', MAX_BYTES]);
  });

  test('a node that cannot be reached is 503 NODE_UNAVAILABLE naming it', async () => {
    const r = await put(staff(2), `/data/loads/${LOAD}`, 'a,b\n1,2\n');
    expect([r.status, r.body.errors[0].extensions.code, r.body.errors[0].extensions.node]).toEqual([503, 'NODE_UNAVAILABLE', 'liandu']);
  });

  test('transfers count against the caller’s rate limit like /graphql', async () => {
    const caller = staff(3);
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++) statuses.push((await put(caller, `/data/loads/${LOAD}`, 'a')).status);
    expect(statuses.slice(0, LIMIT).every((s) => s !== 429)).toBe(true);
    expect(statuses[LIMIT]).toBe(429);
  });
});
