import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ANONYMOUS } from '../../schema/auth.js';
import { publishResource, registerOrganization, resourceInput } from '../../test/support/catalog-fixtures.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { codeOf, type GqlResult } from '../../test/support/subgraph-client.js';

let t: Awaited<ReturnType<typeof startTestNode>>;

beforeAll(async () => {
  t = await startTestNode('opening', nodeConfig('lishui', ['331100', '331121']));
});
afterAll(async () => t?.stop());

const FIELDS = `id title description openAttribute accessMethods priorityDomain status publishedAt free createdAt version resource { id } provider { id }`;
const PROPOSE = `mutation($input: ProposeOpenDatasetInput!) { proposeOpenDataset(input: $input) { ${FIELDS} proposal { kind status } } }`;
const APPROVE = `mutation($id: ID!) { approveOpenDatasetProposal(id: $id) { ${FIELDS} } }`;
const GET = `query($id: ID!) { openDataset(id: $id) { id status title } }`;
const LIST = `query($scope: RegionScopeInput, $m: OpenAccessMethod, $first: Int, $after: String) {
  openDatasets(scope: $scope, accessMethod: $m, first: $first, after: $after) { totalCount edges { cursor node { id status } } pageInfo { hasNextPage endCursor } }
}`;

const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => t.running.subgraphs.opening!.orm.em.getConnection().execute<T[]>(query, params);
const datasetRows = (resourceId: string) => sql('select id from "opening".open_dataset where resource_id = ?', [resourceId]);
const auditCount = async () => Number((await sql<{ n: string }>(`select count(*) as n from "opening".audit_event where kind = 'CHANGE'`))[0]!.n);

/** Every test registers its own provider, so tests never depend on each other. */
async function provider(region = '331100', name = '丽水市交通运输局') {
  const org = await registerOrganization(t.call, region, name);
  return { org, staff: agency(org, region) };
}

async function propose(actor: ReturnType<typeof agency>, resourceId: string, over: Record<string, unknown> = {}) {
  return t.call('opening', actor, PROPOSE, { input: { resourceId, accessMethods: ['API'], ...over } });
}

/** Proposed by `actor`, then approved by the authority of the entry's region [B §31]; answers the approval (or the refused proposal). */
async function open(actor: ReturnType<typeof agency>, resourceId: string, over: Record<string, unknown> = {}) {
  const proposed = await propose(actor, resourceId, over);
  if (proposed.errors) return proposed;
  return t.call('opening', authority(resourceId.slice(0, 6)), APPROVE, { id: proposed.data!.proposeOpenDataset.id });
}

/** Walks every page as the caller and returns the IDs in order. */
async function listAll(actor: typeof ANONYMOUS, vars: Record<string, unknown> = {}, first = 2) {
  const ids: string[] = [];
  let after: string | null = null;
  let total = -1;
  for (let guard = 0; guard < 1000; guard++) {
    const r: GqlResult = await t.call('opening', actor, LIST, { ...vars, first, after });
    expect(r.errors).toBeUndefined();
    const c: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = r.data!.openDatasets;
    total = c.totalCount;
    expect(c.edges.length).toBeLessThanOrEqual(first);
    ids.push(...c.edges.map((e) => e.node.id));
    if (!c.pageInfo.hasNextPage) break;
    after = c.pageInfo.endCursor;
  }
  return { ids, total };
}

describe('proposing and approving open datasets', () => {
  test("the provider's staff proposes an UNCONDITIONAL entry and the authority approves: OPEN, free, titled after the catalog entry, audited [OPN-1, B §31, Z §10, Z §27]", async () => {
    const { org, staff } = await provider();
    const resourceId = await publishResource(t.call, org, '331100', { name: '公交线路与站点', summary: '全市公交线路、站点位置', library: 'THEMATIC' });
    const r = await open(staff, resourceId, { accessMethods: ['API', 'DOWNLOAD', 'API'], priorityDomain: 'TRANSPORT' });
    expect(r.errors).toBeUndefined();
    const d = r.data!.approveOpenDatasetProposal;
    expect(d).toMatchObject({
      title: '公交线路与站点',
      description: '全市公交线路、站点位置',
      openAttribute: 'UNCONDITIONAL',
      accessMethods: ['DOWNLOAD', 'API'],
      priorityDomain: 'TRANSPORT',
      status: 'OPEN',
      free: true,
      version: 2,
      resource: { id: resourceId },
      provider: { id: org },
    });
    expect(d.id).toMatch(/^331100:[0-9A-Z]{26}$/);
    expect(new Date(d.publishedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const audit = await sql<{ action: string; actor_org: string }>(`select action, actor_org from "opening".audit_event where kind = 'CHANGE' and entity_id = ?`, [d.id]);
    expect(audit.map((a) => a.action)).toEqual(['openDataset.propose', 'openDataset.approve']);
    expect(audit[0]!.actor_org).toBe(org);
  });

  test('an explicit title and description replace the catalog defaults', async () => {
    const { org, staff } = await provider();
    const resourceId = await publishResource(t.call, org, '331100');
    const r = await open(staff, resourceId, { title: '  企业名录（开放版）  ', description: '每日更新的企业名录' });
    expect(r.data!.approveOpenDatasetProposal).toMatchObject({ title: '企业名录（开放版）', description: '每日更新的企业名录', priorityDomain: null });
  });

  test("the city authority approves a hosted county's dataset, as the county's own authority does [B §31, J §9]", async () => {
    const { org, staff } = await provider('331121', '缙云县气象局');
    for (const approver of ['331100', '331121']) {
      const resourceId = await publishResource(t.call, org, '331121');
      const id = (await propose(staff, resourceId, { priorityDomain: 'WEATHER' })).data!.proposeOpenDataset.id as string;
      expect(id.startsWith('331121:')).toBe(true);
      const r = await t.call('opening', authority(approver), APPROVE, { id });
      expect(r.errors).toBeUndefined();
      expect(r.data!.approveOpenDatasetProposal).toMatchObject({ provider: { id: org }, status: 'OPEN', priorityDomain: 'WEATHER' });
    }
  });

  test('an entry the catalog marks PROHIBITED is refused as not open, and nothing is written [OPN-1, Z §12, B §30]', async () => {
    const { org, staff } = await provider();
    const resourceId = await publishResource(t.call, org, '331100', { openAttribute: 'PROHIBITED' });
    const before = await auditCount();
    const r = await open(staff, resourceId);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe('input.resourceId');
    expect(r.errors![0].message).toContain('PROHIBITED');
    expect(r.errors![0].message).toContain('禁止');
    expect(await datasetRows(resourceId)).toEqual([]);
    expect(await auditCount()).toBe(before);
  });

  test('RESTRICTED data may not be offered for DOWNLOAD, naming input.accessMethods, but may be offered by API [OPN-2, Z §20]', async () => {
    const { org, staff } = await provider();
    const resourceId = await publishResource(t.call, org, '331100', { openAttribute: 'RESTRICTED', openCondition: '限科研与公益用途' });
    const before = await auditCount();
    const refused = await open(staff, resourceId, { accessMethods: ['API', 'DOWNLOAD'] });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].extensions!.field).toBe('input.accessMethods');
    expect(refused.errors![0].message).toContain('DOWNLOAD');
    expect(await datasetRows(resourceId)).toEqual([]);
    expect(await auditCount()).toBe(before);

    const ok = await open(staff, resourceId, { accessMethods: ['API', 'MODEL'] });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.approveOpenDatasetProposal).toMatchObject({ openAttribute: 'RESTRICTED', accessMethods: ['API', 'MODEL'], free: false, status: 'OPEN' });
  });

  test("a draft (unpublished) entry is refused as a CONFLICT with the entry's state: only the master catalog can be opened [Z §11, B §31]", async () => {
    const { org, staff } = await provider();
    const created = await t.call('catalog', staff, `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }`, {
      input: resourceInput(org, '331100'),
    });
    const resourceId = created.data!.createDataResource.id as string;
    const r = await open(staff, resourceId);
    expect(codeOf(r)).toBe('CONFLICT');
    expect(r.errors![0].message).toContain('DRAFT');
    expect(await datasetRows(resourceId)).toEqual([]);
  });

  test('unknown or malformed entry IDs are refused on input.resourceId', async () => {
    const { staff } = await provider();
    for (const resourceId of ['331100:01ARZ3NDEKTSV4RRFFQ69G5FAV', 'not-an-id']) {
      const r = await open(staff, resourceId);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field).toBe('input.resourceId');
    }
  });

  test('at least one access method is required [Z §20, B §32]', async () => {
    const { org, staff } = await provider();
    const resourceId = await publishResource(t.call, org, '331100');
    const r = await open(staff, resourceId, { accessMethods: [] });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe('input.accessMethods');
    expect(await datasetRows(resourceId)).toEqual([]);
  });

  test("only the provider's staff proposes: another agency, the authority itself and the public are refused, nothing written [SEC-1, B §6, B §31]", async () => {
    const { org } = await provider();
    const other = await provider('331100', '丽水市卫生健康委员会');
    const resourceId = await publishResource(t.call, org, '331100');
    const before = await auditCount();
    expect(codeOf(await propose(other.staff, resourceId))).toBe('FORBIDDEN');
    expect(codeOf(await propose(authority('331100'), resourceId))).toBe('FORBIDDEN');
    expect(codeOf(await propose(authority('331102'), resourceId))).toBe('FORBIDDEN');
    expect(codeOf(await propose(ANONYMOUS, resourceId))).toBe('UNAUTHENTICATED');
    expect(await datasetRows(resourceId)).toEqual([]);
    expect(await auditCount()).toBe(before);
  });

  test('a proposed dataset is not in the open catalog until approved; the proposer may not approve, a county authority not for the city [B §31]', async () => {
    const { org, staff } = await provider();
    const resourceId = await publishResource(t.call, org, '331100');
    const proposed = await propose(staff, resourceId);
    expect(proposed.data!.proposeOpenDataset).toMatchObject({ status: 'PROPOSED', publishedAt: null, proposal: { kind: 'OPEN', status: 'SUBMITTED' } });
    const id = proposed.data!.proposeOpenDataset.id as string;
    expect((await t.call('opening', ANONYMOUS, GET, { id })).data!.openDataset).toBeNull();
    const before = await auditCount();
    expect(codeOf(await t.call('opening', staff, APPROVE, { id }))).toBe('FORBIDDEN');
    // A sibling county's authority does not even see the city's proposal.
    expect(codeOf(await t.call('opening', authority('331121'), APPROVE, { id }))).toBe('NOT_FOUND');
    expect(await auditCount()).toBe(before);
    expect((await t.call('opening', authority('331100'), APPROVE, { id })).data!.approveOpenDatasetProposal).toMatchObject({ status: 'OPEN' });
    expect((await t.call('opening', ANONYMOUS, GET, { id })).data!.openDataset).toMatchObject({ status: 'OPEN' });
  });

  test('a returned proposal stays out of the catalog with the comment; a return needs a comment; proposing again resubmits [B §31]', async () => {
    const { org, staff } = await provider();
    const resourceId = await publishResource(t.call, org, '331100');
    const id = (await propose(staff, resourceId)).data!.proposeOpenDataset.id as string;
    const RETURN = `mutation($id: ID!, $c: String!) { returnOpenDatasetProposal(id: $id, comment: $c) { status proposal { status reviewComment } } }`;
    const blankComment = await t.call('opening', authority('331100'), RETURN, { id, c: '  ' });
    expect(codeOf(blankComment)).toBe('BAD_USER_INPUT');
    expect(blankComment.errors![0].extensions!.field).toBe('comment');
    const returned = await t.call('opening', authority('331100'), RETURN, { id, c: '请补充重点领域' });
    expect(returned.data!.returnOpenDatasetProposal).toEqual({ status: 'RETURNED', proposal: { status: 'RETURNED', reviewComment: '请补充重点领域' } });
    expect(codeOf(await t.call('opening', authority('331100'), APPROVE, { id }))).toBe('CONFLICT');
    const again = await propose(staff, resourceId, { priorityDomain: 'TRANSPORT' });
    expect(again.data!.proposeOpenDataset).toMatchObject({ id, status: 'PROPOSED', priorityDomain: 'TRANSPORT', proposal: { kind: 'OPEN', status: 'SUBMITTED' } });
  });

  test('an OPEN dataset changes only when the authority approves the change; one proposal at a time [OPN-1, B §31]', async () => {
    const { org, staff } = await provider();
    const resourceId = await publishResource(t.call, org, '331100');
    const id = (await open(staff, resourceId)).data!.approveOpenDatasetProposal.id as string;
    const change = await propose(staff, resourceId, { accessMethods: ['API', 'DOWNLOAD'], title: '新名称' });
    expect(change.data!.proposeOpenDataset).toMatchObject({ id, status: 'OPEN', title: '企业登记信息', accessMethods: ['API'], proposal: { kind: 'CHANGE', status: 'SUBMITTED' } });
    const before = await auditCount();
    expect(codeOf(await propose(staff, resourceId, { accessMethods: ['MODEL'] }))).toBe('CONFLICT');
    expect(await auditCount()).toBe(before);
    expect(await datasetRows(resourceId)).toHaveLength(1);
    const approved = await t.call('opening', authority('331100'), APPROVE, { id });
    expect(approved.data!.approveOpenDatasetProposal).toMatchObject({ status: 'OPEN', title: '新名称', accessMethods: ['DOWNLOAD', 'API'] });
  });

  test('a withdrawal needs a reason and the approval; a suspended dataset reopens by approval [OPN-1, Z §35, B §31]', async () => {
    const { org, staff } = await provider();
    const resourceId = await publishResource(t.call, org, '331100');
    const id = (await open(staff, resourceId)).data!.approveOpenDatasetProposal.id as string;
    const WITHDRAW = `mutation($id: ID!, $r: String!) { proposeOpenDatasetWithdrawal(id: $id, reason: $r) { status proposal { kind status } } }`;
    const noReason = await t.call('opening', staff, WITHDRAW, { id, r: '' });
    expect(codeOf(noReason)).toBe('BAD_USER_INPUT');
    expect(noReason.errors![0].extensions!.field).toBe('reason');
    expect(codeOf(await t.call('opening', authority('331100'), WITHDRAW, { id, r: '数据已过时' }))).toBe('FORBIDDEN');
    expect((await t.call('opening', staff, WITHDRAW, { id, r: '数据已过时' })).data!.proposeOpenDatasetWithdrawal).toEqual({
      status: 'OPEN',
      proposal: { kind: 'WITHDRAW', status: 'SUBMITTED' },
    });
    expect((await t.call('opening', authority('331100'), APPROVE, { id })).data!.approveOpenDatasetProposal.status).toBe('WITHDRAWN');
    const reopen = await propose(staff, resourceId);
    expect(reopen.data!.proposeOpenDataset).toMatchObject({ status: 'WITHDRAWN', proposal: { kind: 'REOPEN', status: 'SUBMITTED' } });
    expect((await t.call('opening', authority('331100'), APPROVE, { id })).data!.approveOpenDatasetProposal.status).toBe('OPEN');
  });

  test('the review queue lists datasets awaiting review, to the authority only [B §31]', async () => {
    const { org, staff } = await provider();
    const resourceId = await publishResource(t.call, org, '331100');
    const id = (await propose(staff, resourceId)).data!.proposeOpenDataset.id as string;
    const QUEUE = `query { openDatasets(awaitingReview: true, first: 100) { edges { node { id } } } }`;
    const ids = async (actor: typeof ANONYMOUS) => (await t.call('opening', actor, QUEUE)).data!.openDatasets.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await ids(authority('331100'))).toContain(id);
    expect(await ids(ANONYMOUS)).not.toContain(id);
    expect(await ids((await provider('331100', '丽水市统计局')).staff)).not.toContain(id);
  });
});

describe('the public open catalog', () => {
  test('anonymous callers list OPEN datasets newest first, page by page, and read each one [OPN-1, Z §10, B §31]', async () => {
    const { org, staff } = await provider('331121', '缙云县交通运输局');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const resourceId = await publishResource(t.call, org, '331121', { name: `公交线路${i}` });
      ids.push((await open(staff, resourceId)).data!.approveOpenDatasetProposal.id);
    }
    const { ids: listed, total } = await listAll(ANONYMOUS, { scope: { regionCode: '331121', includeSubRegions: false } });
    expect(listed).toHaveLength(total);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.filter((id) => ids.includes(id))).toEqual([...ids].reverse());
    expect(listed.every((id) => id.startsWith('331121:'))).toBe(true);
    const one = await t.call('opening', ANONYMOUS, GET, { id: ids[0] });
    expect(one.data!.openDataset).toEqual({ id: ids[0], status: 'OPEN', title: '公交线路0' });

    const bad = await t.call('opening', ANONYMOUS, LIST, { after: 'not-a-cursor' });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
  });

  test('the list filters by access method [OPN-2, Z §20]', async () => {
    const { org, staff } = await provider();
    const modelOnly = (await open(staff, await publishResource(t.call, org, '331100'), { accessMethods: ['MODEL'] })).data!.approveOpenDatasetProposal.id;
    const download = (await open(staff, await publishResource(t.call, org, '331100'), { accessMethods: ['DOWNLOAD', 'API'] })).data!.approveOpenDatasetProposal.id;
    const byModel = (await listAll(ANONYMOUS, { m: 'MODEL' }, 100)).ids;
    expect(byModel).toContain(modelOnly);
    expect(byModel).not.toContain(download);
    const byDownload = (await listAll(ANONYMOUS, { m: 'DOWNLOAD' }, 100)).ids;
    expect(byDownload).toContain(download);
    expect(byDownload).not.toContain(modelOnly);
  });

  test('a suspended dataset is hidden from the public and other agencies, but visible to the authority and the provider [Z §35]', async () => {
    const { org, staff } = await provider();
    const resourceId = await publishResource(t.call, org, '331100');
    const id = (await open(staff, resourceId)).data!.approveOpenDatasetProposal.id as string;
    // No suspension mutation yet (OPN-6 comes later): set the state directly to check who sees it.
    await sql(`update "opening".open_dataset set status = 'SUSPENDED' where id = ?`, [id]);
    const other = await provider('331100', '丽水市生态环境局');
    expect((await t.call('opening', ANONYMOUS, GET, { id })).data!.openDataset).toBeNull();
    expect((await t.call('opening', other.staff, GET, { id })).data!.openDataset).toBeNull();
    expect((await t.call('opening', authority('331100'), GET, { id })).data!.openDataset).toMatchObject({ id, status: 'SUSPENDED' });
    expect((await t.call('opening', staff, GET, { id })).data!.openDataset).toMatchObject({ id, status: 'SUSPENDED' });
    expect((await listAll(ANONYMOUS, {}, 100)).ids).not.toContain(id);
    expect((await listAll(authority('331100'), {}, 100)).ids).toContain(id);
  });

  test('the catalog entry shows its open dataset; the public sees it only while OPEN [OPN-1]', async () => {
    const { org, staff } = await provider();
    const resourceId = await publishResource(t.call, org, '331100');
    const id = (await open(staff, resourceId)).data!.approveOpenDatasetProposal.id as string;
    const Q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on DataResource { id openDataset { id status } } } }`;
    const reps = { r: [{ __typename: 'DataResource', id: resourceId }] };
    expect((await t.call('opening', ANONYMOUS, Q, reps)).data!._entities).toEqual([{ id: resourceId, openDataset: { id, status: 'OPEN' } }]);
    await sql(`update "opening".open_dataset set status = 'WITHDRAWN' where id = ?`, [id]);
    expect((await t.call('opening', ANONYMOUS, Q, reps)).data!._entities).toEqual([{ id: resourceId, openDataset: null }]);
    expect((await t.call('opening', authority('331100'), Q, reps)).data!._entities).toEqual([{ id: resourceId, openDataset: { id, status: 'WITHDRAWN' } }]);
  });
});
