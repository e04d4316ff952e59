import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ANONYMOUS } from '../../schema/auth.js';
import { newId } from '../../schema/ids.js';
import { publishResource, registerOrganization } from '../../test/support/catalog-fixtures.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';

/**
 * Contract tests for the keys this subgraph owns (ShareRequest) or extends (DataResource): the
 * gateway sends `_entities` batches and needs exactly one result per representation, in order,
 * with null for what is unknown or not visible to the caller.
 */
let t: Awaited<ReturnType<typeof startTestNode>>;
const CITY = '331100';
const sharingSql: string[] = [];

let provider: string;
let requester: string;
let stranger: string;
let unconditional: string;
let conditional: string;
let untouched: string;
let granted: string;
let pending: string;
let strangersRequest: string;

const REQUEST = `mutation($input: RequestShareInput!) { requestShare(input: $input) { id status } }`;
const endDate = new Date(Date.now() + 200 * 86400_000).toISOString().slice(0, 10);
const ask = async (resourceId: string, requesterId: string) => {
  const r = await t.call('sharing', agency(requesterId, CITY), REQUEST, {
    input: { resourceId, requesterId, scenario: '不动产登记核验', purpose: '核验企业登记状态', legalDuty: '依法履行市场监管职责', itemNames: ['企业名称'], endDate },
  });
  expect(r.errors).toBeUndefined();
  return r.data!.requestShare.id as string;
};

beforeAll(async () => {
  t = await startTestNode('sharing_entities', nodeConfig('lishui', [CITY, '331121']), (subgraph, sql) => {
    if (subgraph === 'sharing') sharingSql.push(sql);
  });
  provider = await registerOrganization(t.call, CITY, '丽水市市场监督管理局');
  requester = await registerOrganization(t.call, CITY, '丽水市自然资源和规划局');
  stranger = await registerOrganization(t.call, CITY, '丽水市卫生健康委员会');
  unconditional = await publishResource(t.call, provider, CITY);
  conditional = await publishResource(t.call, provider, CITY, { shareAttribute: 'CONDITIONAL', shareCondition: '限登记业务', shareReason: '含经营信息' });
  untouched = await publishResource(t.call, provider, CITY);
  granted = await ask(unconditional, requester);
  await ask(unconditional, requester);
  pending = await ask(conditional, requester);
  strangersRequest = await ask(conditional, stranger);
});
afterAll(async () => t?.stop());

describe('_entities: ShareRequest', () => {
  const Q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ShareRequest { id status requester { id } resource { id } } } }`;
  const reps = () => [granted, newId(CITY), strangersRequest, 'garbage', pending].map((id) => ({ __typename: 'ShareRequest', id }));

  test('one result per representation, in order; null for unknown, malformed and not visible [SEC-1]', async () => {
    const r = await t.call('sharing', agency(requester, CITY), Q, { r: reps() });
    expect(r.errors).toBeUndefined();
    expect(r.data!._entities).toEqual([
      { id: granted, status: 'GRANTED', requester: { id: requester }, resource: { id: unconditional } },
      null,
      null, // another agency's request for the same data
      null,
      { id: pending, status: 'PENDING', requester: { id: requester }, resource: { id: conditional } },
    ]);
  });

  test('the provider and the authority see all of them; the public none', async () => {
    for (const actor of [agency(provider, CITY), authority(CITY)]) {
      const r = await t.call('sharing', actor, Q, { r: reps() });
      expect(r.data!._entities.map((e: any) => e?.id ?? null)).toEqual([granted, null, strangersRequest, null, pending]);
    }
    const anon = await t.call('sharing', ANONYMOUS, Q, { r: reps() });
    expect(anon.errors).toBeUndefined();
    expect(anon.data!._entities).toEqual([null, null, null, null, null]);
  });
});

describe('_entities: DataResource (this subgraph contributes `sharing`)', () => {
  const Q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on DataResource { id sharing { requestCount grantedCount pendingCount } } } }`;
  const reps = () => [unconditional, 'garbage', conditional, newId('330100'), untouched].map((id) => ({ __typename: 'DataResource', id }));

  test("counts per resource in order, from ONE grouped query; null for malformed IDs and other platforms' regions [SHR-11]", async () => {
    sharingSql.length = 0;
    const r = await t.call('sharing', agency(stranger, CITY), Q, { r: reps() });
    expect(r.errors).toBeUndefined();
    expect(r.data!._entities).toEqual([
      { id: unconditional, sharing: { requestCount: 2, grantedCount: 2, pendingCount: 0 } },
      null,
      { id: conditional, sharing: { requestCount: 2, grantedCount: 0, pendingCount: 2 } },
      null,
      { id: untouched, sharing: { requestCount: 0, grantedCount: 0, pendingCount: 0 } },
    ]);
    expect(sharingSql.filter((s) => s.includes('share_request'))).toHaveLength(1);
  });

  test('counts follow decisions', async () => {
    const d = await t.call('sharing', agency(provider, CITY), `mutation($id: ID!, $reason: String!) { rejectShareRequest(id: $id, reason: $reason) { status } }`, {
      id: strangersRequest,
      reason: '超出共享条件',
    });
    expect(d.errors).toBeUndefined();
    const r = await t.call('sharing', authority(CITY), Q, { r: [{ __typename: 'DataResource', id: conditional }] });
    expect(r.data!._entities).toEqual([{ id: conditional, sharing: { requestCount: 2, grantedCount: 0, pendingCount: 1 } }]);
  });

  test('anonymous callers get the key but no counts', async () => {
    const r = await t.call('sharing', ANONYMOUS, Q, { r: reps() });
    expect(r.errors).toBeUndefined();
    expect(r.data!._entities).toEqual([{ id: unconditional, sharing: null }, null, { id: conditional, sharing: null }, null, { id: untouched, sharing: null }]);
  });
});
