import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ANONYMOUS } from '../../schema/auth.js';
import { publishResource, registerOrganization } from '../../test/support/catalog-fixtures.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';

/**
 * Contract of the keys this subgraph owns (`OpenDataset`) or extends (`DataResource`): one result
 * per representation, in order, null where unknown or not visible to the caller.
 */
let t: Awaited<ReturnType<typeof startTestNode>>;
const openingSql: string[] = [];

let org: string;
let openResource: string;
let suspendedResource: string;
let plainResource: string;
let openId: string;
let suspendedId: string;
const UNKNOWN_ID = '331100:01ARZ3NDEKTSV4RRFFQ69G5FAV';

beforeAll(async () => {
  t = await startTestNode('opening_entities', nodeConfig('lishui', ['331100', '331121']), (subgraph, sql) => {
    if (subgraph === 'opening') openingSql.push(sql);
  });
  org = await registerOrganization(t.call, '331100', '丽水市气象局');
  const staff = agency(org, '331100');
  const PROPOSE = `mutation($input: ProposeOpenDatasetInput!) { proposeOpenDataset(input: $input) { id } }`;
  const APPROVE = `mutation($id: ID!) { approveOpenDatasetProposal(id: $id) { id } }`;
  const open = async (resourceId: string) => {
    const id = (await t.call('opening', staff, PROPOSE, { input: { resourceId, accessMethods: ['API'] } })).data!.proposeOpenDataset.id as string;
    await t.call('opening', authority('331100'), APPROVE, { id });
    return id;
  };
  openResource = await publishResource(t.call, org, '331100');
  suspendedResource = await publishResource(t.call, org, '331100');
  plainResource = await publishResource(t.call, org, '331100');
  openId = await open(openResource);
  suspendedId = await open(suspendedResource);
  await t.running.subgraphs.opening!.orm.em.getConnection().execute(`update "opening".open_dataset set status = 'SUSPENDED' where id = ?`, [suspendedId]);
});
afterAll(async () => t?.stop());

const datasetSelects = () => openingSql.filter((s) => /select/i.test(s) && s.includes('open_dataset')).length;

describe('_entities: OpenDataset', () => {
  const Q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on OpenDataset { id status resource { id } provider { id } } } }`;
  const reps = () => [
    { __typename: 'OpenDataset', id: openId },
    { __typename: 'OpenDataset', id: UNKNOWN_ID },
    { __typename: 'OpenDataset', id: suspendedId },
    { __typename: 'OpenDataset', id: 'garbage' },
    { __typename: 'OpenDataset', id: openId },
  ];

  test('anonymous: OPEN resolves, unknown and suspended are null, in order', async () => {
    const r = await t.call('opening', ANONYMOUS, Q, { r: reps() });
    expect(r.errors).toBeUndefined();
    const open = { id: openId, status: 'OPEN', resource: { id: openResource }, provider: { id: org } };
    expect(r.data!._entities).toEqual([open, null, null, null, open]);
  });

  test("the node's authority also resolves the suspended dataset; one query for all", async () => {
    const before = datasetSelects();
    const r = await t.call('opening', authority('331100'), Q, { r: reps() });
    expect(r.data!._entities.map((e: any) => e?.status ?? null)).toEqual(['OPEN', null, 'SUSPENDED', null, 'OPEN']);
    expect(datasetSelects() - before).toBe(1);
  });
});

describe('_entities: DataResource.openDataset', () => {
  const Q = `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on DataResource { id openDataset { id status } } } }`;
  const reps = () => [openResource, UNKNOWN_ID, suspendedResource, plainResource].map((id) => ({ __typename: 'DataResource', id }));

  test('anonymous: one entry per representation, openDataset only where OPEN, with one query for all', async () => {
    const before = datasetSelects();
    const r = await t.call('opening', ANONYMOUS, Q, { r: reps() });
    expect(r.errors).toBeUndefined();
    expect(r.data!._entities).toEqual([
      { __typename: 'DataResource', id: openResource, openDataset: { id: openId, status: 'OPEN' } },
      { __typename: 'DataResource', id: UNKNOWN_ID, openDataset: null },
      { __typename: 'DataResource', id: suspendedResource, openDataset: null },
      { __typename: 'DataResource', id: plainResource, openDataset: null },
    ]);
    expect(datasetSelects() - before).toBe(1);
  });

  test("the provider's staff sees its suspended dataset; another agency does not", async () => {
    const other = await registerOrganization(t.call, '331100', '丽水市水利局');
    const mine = await t.call('opening', agency(org, '331100'), Q, { r: reps() });
    expect(mine.data!._entities.map((e: any) => e.openDataset?.status ?? null)).toEqual(['OPEN', null, 'SUSPENDED', null]);
    const theirs = await t.call('opening', agency(other, '331100'), Q, { r: reps() });
    expect(theirs.data!._entities.map((e: any) => e.openDataset?.status ?? null)).toEqual(['OPEN', null, null, null]);
  });
});

describe('openAccessChecks [OPN-2, Z §20, Z §27]', () => {
  const Q = `query($c: [OpenAccessCheckInput!]!) { openAccessChecks(checks: $c) { datasetId method userAccount allowed decision agreementId offer { free resultReview } } }`;
  test('a batch answers each check in order, in one statement whatever its size; a suspended dataset answers NOT_OPEN', async () => {
    const checks = [
      { datasetId: openId, method: 'API', userAccount: 'u1' },
      { datasetId: openId, method: 'DOWNLOAD', userAccount: 'u1' },
      { datasetId: suspendedId, method: 'API', userAccount: 'u2' },
      { datasetId: UNKNOWN_ID, method: 'API', userAccount: 'u2' },
    ];
    const before = datasetSelects();
    const r = await t.call('opening', agency(org, '331100'), Q, { c: checks });
    expect(r.errors).toBeUndefined();
    expect(datasetSelects() - before).toBe(1);
    expect(r.data!.openAccessChecks.map((c: any) => [c.datasetId, c.method, c.allowed, c.decision, c.agreementId])).toEqual([
      [openId, 'API', true, 'ALLOWED', null],
      [openId, 'DOWNLOAD', false, 'METHOD_NOT_OFFERED', null],
      [suspendedId, 'API', false, 'NOT_OPEN', null],
      [UNKNOWN_ID, 'API', false, 'NOT_OPEN', null],
    ]);
    expect(r.data!.openAccessChecks[0].offer).toEqual({ free: true, resultReview: false });
  });

  test('a public user checks only its own account; the public must sign in; a bad ID names its check', async () => {
    const user = { sub: 'user-1', orgId: null, region: null, roles: ['USER'], account: 'acct-1' } as any;
    expect((await t.call('opening', user, Q, { c: [{ datasetId: openId, method: 'API', userAccount: 'acct-1' }] })).data!.openAccessChecks[0].allowed).toBe(true);
    expect((await t.call('opening', user, Q, { c: [{ datasetId: openId, method: 'API', userAccount: 'acct-2' }] })).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await t.call('opening', ANONYMOUS, Q, { c: [{ datasetId: openId, method: 'API', userAccount: 'acct-1' }] })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const bad = await t.call('opening', authority('331100'), Q, { c: [{ datasetId: '999999:01ARZ3NDEKTSV4RRFFQ69G5FAV', method: 'API', userAccount: 'u' }] });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'checks.0.datasetId' });
  });
});
