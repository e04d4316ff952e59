import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ANONYMOUS, type Actor } from '../../schema/auth.js';
import { newId } from '../../schema/ids.js';
import { publishResource, registerOrganization, resourceInput, type ResourceOverrides } from '../../test/support/catalog-fixtures.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { codeOf } from '../../test/support/subgraph-client.js';
import { verifyAuditChain } from '../kit/server/audit.js';
import { todayInChina } from '../kit/rules/calendar.js';

let t: Awaited<ReturnType<typeof startTestNode>>;
const CITY = '331100';

beforeAll(async () => {
  t = await startTestNode('sharing', nodeConfig('lishui', [CITY, '331121']));
});
afterAll(async () => t?.stop());

const FIELDS = `id status decisionRule scenario purpose legalDuty itemNames shareMode endDate authorityApprovalRequired decisionReason decidedAt decidedBy createdAt version active
  resource { id } requester { id } provider { id }`;
const REQUEST = `mutation($input: RequestShareInput!) { requestShare(input: $input) { ${FIELDS} } }`;
const APPROVE = `mutation($id: ID!, $reason: String) { approveShareRequest(id: $id, reason: $reason) { ${FIELDS} } }`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectShareRequest(id: $id, reason: $reason) { ${FIELDS} } }`;
const GET = `query($id: ID!) { shareRequest(id: $id) { id status } }`;
const LIST = `query($status: ShareRequestStatus, $scope: RegionScopeInput, $first: Int, $after: String) {
  shareRequests(status: $status, scope: $scope, first: $first, after: $after) { totalCount edges { cursor node { id status } } pageInfo { hasNextPage endCursor } } }`;

const inAYear = () => new Date(Date.now() + 365 * 86400_000).toISOString().slice(0, 10);
const CONDITIONAL: ResourceOverrides = { shareAttribute: 'CONDITIONAL', shareCondition: '仅限市场监管执法使用', shareReason: '含企业经营信息' };
const LEGAL_BASIS = '《中华人民共和国统计法》第九条';
const NOT_SHARED: ResourceOverrides = { shareAttribute: 'NOT_SHARED', legalBasis: LEGAL_BASIS, openAttribute: 'PROHIBITED' };

/** A provider with one published entry and a requesting agency, fresh for each test. */
async function scenario(over: ResourceOverrides = {}) {
  const provider = await registerOrganization(t.call, CITY, '丽水市市场监督管理局');
  const requester = await registerOrganization(t.call, CITY, '丽水市人力资源和社会保障局');
  const resourceId = await publishResource(t.call, provider, CITY, over);
  return { provider, requester, resourceId, providerStaff: agency(provider, CITY), requesterStaff: agency(requester, CITY) };
}

const requestInput = (resourceId: string, requesterId: string, over: Record<string, unknown> = {}) => ({
  resourceId,
  requesterId,
  scenario: '就业补贴资格核验',
  purpose: '核验申请人所在企业的登记状态',
  legalDuty: '《就业促进法》规定的就业补贴审核职责',
  itemNames: ['统一社会信用代码', '登记状态'],
  itemJustifications: [{ itemName: '统一社会信用代码', justification: '按信用代码匹配补贴申请人所在企业' }],
  endDate: inAYear(),
  ...over,
});

async function rowsFor(resourceId: string): Promise<number> {
  const rows = await t.running.subgraphs
    .sharing!.orm.em.getConnection()
    .execute<{ n: number }[]>('select count(*)::int as n from "sharing".share_request where resource_id = ?', [resourceId]);
  return rows[0]!.n;
}

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await t.running.subgraphs
    .sharing!.orm.em.getConnection()
    .execute<{ action: string }[]>(`select action from "sharing".audit_event where kind = 'CHANGE' and entity_id = ? order by id`, [entityId]);
  return rows.map((r) => r.action);
}

async function request(actor: Actor, input: Record<string, unknown>) {
  return t.call('sharing', actor, REQUEST, { input });
}

describe('requesting shared data', () => {
  test('UNCONDITIONAL requests are granted at once, automatically [SHR-2, B §27, J §17]', async () => {
    const s = await scenario();
    const r = await request(s.requesterStaff, requestInput(s.resourceId, s.requester));
    expect(r.errors).toBeUndefined();
    const req = r.data!.requestShare;
    expect(req).toMatchObject({
      status: 'GRANTED',
      decisionRule: 'UNCONDITIONAL_AUTO_GRANT',
      decidedBy: 'SYSTEM',
      decisionReason: '无条件共享，自动授权 / unconditional: granted automatically',
      active: true,
      shareMode: 'API',
      authorityApprovalRequired: false,
      itemNames: ['统一社会信用代码', '登记状态'],
      version: 1,
      resource: { id: s.resourceId },
      requester: { id: s.requester },
      provider: { id: s.provider },
    });
    expect(req.id.startsWith(`${CITY}:`)).toBe(true);
    expect(new Date(req.decidedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await auditActions(req.id)).toEqual(['shareRequest.create']);
  });

  // A registered agency of another platform may request (test/sharing-across-nodes.test.ts); a token
  // alone does not make an organization: one no platform registered is refused, and nothing is written.
  test('an organization no platform registered may not request, whatever its token says [SHR-1, B §26]', async () => {
    const s = await scenario();
    const districtOrg = newId('331102');
    const r = await request(agency(districtOrg, '331102'), requestInput(s.resourceId, districtOrg));
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.requesterId' });
    const em = t.running.subgraphs.sharing!.orm.em.fork();
    expect(await em.getConnection().execute('select count(*)::int as n from "sharing".share_request where requester_id = ?', [districtOrg])).toEqual([{ n: 0 }]);
  });

  test('CONDITIONAL requests wait for the provider, who approves; deciding twice is a CONFLICT [SHR-2, B §27]', async () => {
    const s = await scenario(CONDITIONAL);
    const r = await request(s.requesterStaff, requestInput(s.resourceId, s.requester));
    expect(r.errors).toBeUndefined();
    const id = r.data!.requestShare.id;
    expect(r.data!.requestShare).toMatchObject({
      status: 'PENDING',
      decisionRule: 'CONDITIONAL_PROVIDER_DECISION',
      decidedAt: null,
      decidedBy: null,
      decisionReason: null,
      active: false,
    });

    const approved = await t.call('sharing', s.providerStaff, APPROVE, { id, reason: '符合共享条件' });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveShareRequest).toMatchObject({
      status: 'GRANTED',
      decisionRule: 'CONDITIONAL_PROVIDER_DECISION',
      decisionReason: '符合共享条件',
      decidedBy: `staff-${s.provider}`,
      active: true,
      version: 2,
    });

    const again = await t.call('sharing', s.providerStaff, REJECT, { id, reason: '改变主意' });
    expect(codeOf(again)).toBe('CONFLICT');
    expect((await t.call('sharing', s.requesterStaff, GET, { id })).data!.shareRequest.status).toBe('GRANTED');
    expect(await auditActions(id)).toEqual(['shareRequest.create', 'shareRequest.approve']);
  });

  test('a rejection needs a reason, and is recorded with it [SHR-2, B §27, L §34]', async () => {
    const s = await scenario(CONDITIONAL);
    const id = (await request(s.requesterStaff, requestInput(s.resourceId, s.requester))).data!.requestShare.id;
    // Required by the schema; a blank one is refused naming the field.
    expect(codeOf(await t.call('sharing', s.providerStaff, REJECT, { id, reason: null }))).toBe('BAD_USER_INPUT');
    const refused = await t.call('sharing', s.providerStaff, REJECT, { id, reason: '   ' });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect((await t.call('sharing', s.providerStaff, GET, { id })).data!.shareRequest.status).toBe('PENDING');
    const rejected = await t.call('sharing', s.providerStaff, REJECT, { id, reason: '申请场景不在共享条件范围内' });
    expect(rejected.data!.rejectShareRequest).toMatchObject({ status: 'REJECTED', decisionReason: '申请场景不在共享条件范围内', active: false });
    expect(await auditActions(id)).toEqual(['shareRequest.create', 'shareRequest.reject']);
  });

  test('only the provider or the data authority of this platform decides [SEC-1, B §27]', async () => {
    const s = await scenario(CONDITIONAL);
    const id = (await request(s.requesterStaff, requestInput(s.resourceId, s.requester))).data!.requestShare.id;
    const other = await registerOrganization(t.call, CITY, '丽水市交通运输局');
    const attempts: [Actor, string][] = [
      [s.requesterStaff, 'FORBIDDEN'], // sees its own request but cannot grant itself data
      [agency(other, CITY), 'NOT_FOUND'], // another agency does not even see it
      [authority('331102'), 'NOT_FOUND'], // the authority of another platform
      [ANONYMOUS, 'UNAUTHENTICATED'],
    ];
    for (const [actor, code] of attempts) {
      const r = await t.call('sharing', actor, APPROVE, { id });
      expect(codeOf(r)).toBe(code);
    }
    expect((await t.call('sharing', s.providerStaff, GET, { id })).data!.shareRequest.status).toBe('PENDING');
    expect(await auditActions(id)).toEqual(['shareRequest.create']);
    const byAuthority = await t.call('sharing', authority(CITY), APPROVE, { id });
    expect(byAuthority.data!.approveShareRequest).toMatchObject({ status: 'GRANTED', decidedBy: `authority-${CITY}`, decisionRule: 'AUTHORITY_COORDINATION' });
  });

  test('concurrent decisions on one request: exactly one wins, the other is a CONFLICT [ARCHITECTURE: no lost update]', async () => {
    const s = await scenario(CONDITIONAL);
    const id = (await request(s.requesterStaff, requestInput(s.resourceId, s.requester))).data!.requestShare.id;
    const results = await Promise.all([t.call('sharing', s.providerStaff, APPROVE, { id }), t.call('sharing', authority(CITY), REJECT, { id, reason: '暂缓' })]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.map(codeOf).filter(Boolean)).toEqual(['CONFLICT']);
    expect((await auditActions(id)).filter((a) => a !== 'shareRequest.create')).toHaveLength(1);
  });

  test('NOT_SHARED data is refused citing its legal basis, and nothing is written [SHR-2, B §27, J §17]', async () => {
    const s = await scenario(NOT_SHARED);
    const r = await request(s.requesterStaff, requestInput(s.resourceId, s.requester));
    expect(codeOf(r)).toBe('FORBIDDEN');
    expect(r.errors![0].message).toContain(LEGAL_BASIS);
    expect(r.errors![0].extensions!.legalBasis).toBe(LEGAL_BASIS);
    expect(await rowsFor(s.resourceId)).toBe(0);
  });

  test('items the entry does not have are named in the error, and nothing is written [SHR-1, B §26]', async () => {
    const s = await scenario();
    const r = await request(s.requesterStaff, requestInput(s.resourceId, s.requester, { itemNames: ['企业名称', '法定代表人身份证号', '注册资本'], itemJustifications: [] }));
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe('input.itemNames');
    expect(r.errors![0].extensions!.unknownItems).toEqual(['法定代表人身份证号', '注册资本']);
    expect(r.errors![0].message).toContain('法定代表人身份证号');
    expect(r.errors![0].message).toContain('注册资本');
    expect(r.errors![0].message).not.toContain('企业名称');
    expect(await rowsFor(s.resourceId)).toBe(0);
  });

  test('an agency can only request for its own organization [SEC-1]', async () => {
    const s = await scenario();
    const other = await registerOrganization(t.call, CITY, '丽水市民政局');
    const attempts: [Actor, string][] = [
      [agency(other, CITY), 'FORBIDDEN'],
      [authority(CITY), 'FORBIDDEN'],
      [ANONYMOUS, 'UNAUTHENTICATED'],
    ];
    for (const [actor, code] of attempts) {
      expect(codeOf(await request(actor, requestInput(s.resourceId, s.requester)))).toBe(code);
    }
    expect(await rowsFor(s.resourceId)).toBe(0);
  });

  test.each([
    ['no scenario', { scenario: '  ' }, 'input.scenario'],
    ['no purpose', { purpose: '' }, 'input.purpose'],
    ['no items', { itemNames: [] }, 'input.itemNames'],
    ['only blank items', { itemNames: [' '] }, 'input.itemNames'],
    ['an impossible date', { endDate: '2030-02-30' }, 'input.endDate'],
    ['a date in another format', { endDate: '2030/01/01' }, 'input.endDate'],
    ['an end date of today', { endDate: todayInChina() }, 'input.endDate'],
    ['an end date in the past', { endDate: '2020-01-01' }, 'input.endDate'],
    ['an unknown resource', { resourceId: newId(CITY) }, 'input.resourceId'],
    ['a malformed resource ID', { resourceId: 'not-an-id' }, 'input.resourceId'],
  ])('refuses %s, naming the field, and writes nothing [SHR-1, B §26]', async (_label, over, field) => {
    const s = await scenario();
    const r = await request(s.requesterStaff, requestInput(s.resourceId, s.requester, over));
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe(field);
    expect(await rowsFor(s.resourceId)).toBe(0);
  });

  test('an entry that is not published cannot be requested [CAT-5, SHR-1]', async () => {
    const s = await scenario();
    const draft = await t.call('catalog', s.providerStaff, `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }`, {
      input: resourceInput(s.provider, CITY),
    });
    const draftId = draft.data!.createDataResource.id;
    const r = await request(s.requesterStaff, requestInput(draftId, s.requester));
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe('input.resourceId');
    expect(await rowsFor(draftId)).toBe(0);
  });

  test('an agency does not request its own data', async () => {
    const s = await scenario();
    const r = await request(s.providerStaff, requestInput(s.resourceId, s.provider));
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe('input.resourceId');
    expect(await rowsFor(s.resourceId)).toBe(0);
  });

  test('bulk copy of UNCONDITIONAL data waits for the data authority, not the provider [SHR-6, L §17]', async () => {
    const s = await scenario({ shareMode: 'BULK_COPY' });
    const r = await request(s.requesterStaff, requestInput(s.resourceId, s.requester, { shareMode: 'BULK_COPY' }));
    expect(r.data!.requestShare).toMatchObject({ status: 'PENDING', shareMode: 'BULK_COPY', authorityApprovalRequired: true, decisionRule: 'MODE_REQUIRES_AUTHORITY' });
    const id = r.data!.requestShare.id;
    expect(codeOf(await t.call('sharing', s.providerStaff, APPROVE, { id }))).toBe('FORBIDDEN');
    const ok = await t.call('sharing', authority(CITY), APPROVE, { id, reason: '同意批量复制' });
    expect(ok.data!.approveShareRequest).toMatchObject({ status: 'GRANTED', decisionRule: 'MODE_REQUIRES_AUTHORITY' });
  });
});

describe('grade drives sharing', () => {
  test.each([
    ['CORE', 'UNCONDITIONAL'],
    ['IMPORTANT', 'UNCONDITIONAL'],
    ['CORE', 'CONDITIONAL'],
    ['IMPORTANT', 'CONDITIONAL'],
  ])('%s data shared %s is never granted automatically and only the authority decides it [J §7, B §10, Z §9, B §27]', async (grade, share) => {
    const s = await scenario({ securityGrade: grade, openAttribute: 'PROHIBITED', ...(share === 'CONDITIONAL' ? CONDITIONAL : {}) });
    const r = await request(s.requesterStaff, requestInput(s.resourceId, s.requester));
    expect(r.errors).toBeUndefined();
    expect(r.data!.requestShare).toMatchObject({
      status: 'PENDING',
      decisionRule: 'GRADE_REQUIRES_AUTHORITY',
      authorityApprovalRequired: true,
      decidedBy: null,
      decidedAt: null,
      active: false,
    });
    const id = r.data!.requestShare.id;
    const byProvider = await t.call('sharing', s.providerStaff, APPROVE, { id, reason: '同意' });
    expect(codeOf(byProvider)).toBe('FORBIDDEN');
    expect(byProvider.errors![0].message).toContain('J §7');
    expect(codeOf(await t.call('sharing', s.providerStaff, REJECT, { id, reason: '不同意' }))).toBe('FORBIDDEN');
    expect((await t.call('sharing', s.requesterStaff, GET, { id })).data!.shareRequest.status).toBe('PENDING');
    expect(await auditActions(id)).toEqual(['shareRequest.create']);

    const byAuthority = await t.call('sharing', authority(CITY), APPROVE, { id, reason: '经审查同意共享' });
    expect(byAuthority.errors).toBeUndefined();
    expect(byAuthority.data!.approveShareRequest).toMatchObject({ status: 'GRANTED', decisionRule: 'GRADE_REQUIRES_AUTHORITY', decidedBy: `authority-${CITY}`, active: true });
  });

  test('the grade outranks the share mode in the rule named [J §7, B §10, Z §9, L §17]', async () => {
    const s = await scenario({ securityGrade: 'IMPORTANT', openAttribute: 'PROHIBITED' });
    const r = await request(s.requesterStaff, requestInput(s.resourceId, s.requester, { shareMode: 'OFFLINE', offlineReason: '使用系统部署在涉密网络，无法接入共享平台' }));
    expect(r.data!.requestShare).toMatchObject({ status: 'PENDING', decisionRule: 'GRADE_REQUIRES_AUTHORITY', authorityApprovalRequired: true });
  });

  test('a grade raised to IMPORTANT while a CONDITIONAL request waits takes the decision from the provider to the authority [J §7, B §10, Z §9, B §49]', async () => {
    const s = await scenario(CONDITIONAL);
    const id = (await request(s.requesterStaff, requestInput(s.resourceId, s.requester))).data!.requestShare.id;
    const revised = await t.call('catalog', s.providerStaff, `mutation($id: ID!, $input: UpdateDataResourceInput!) { updateDataResource(id: $id, input: $input) { id } }`, {
      id: s.resourceId,
      input: { securityGrade: 'IMPORTANT', openAttribute: 'PROHIBITED' },
    });
    expect(revised.errors).toBeUndefined();
    await t.call('catalog', s.providerStaff, `mutation($id: ID!) { submitDataResource(id: $id) { id } }`, { id: s.resourceId });
    const published = await t.call('catalog', authority(CITY), `mutation($id: ID!) { publishDataResource(id: $id) { securityGrade } }`, { id: s.resourceId });
    expect(published.data!.publishDataResource.securityGrade).toBe('IMPORTANT');

    // Refused at once (the provider's approval re-reads the grade), and for good once the catalog's
    // change event has reached sharing: then only the authority decides.
    const byProvider = await t.call('sharing', s.providerStaff, APPROVE, { id });
    expect(codeOf(byProvider)).toBe('FORBIDDEN');
    const GRADE = `query($id: ID!) { shareRequest(id: $id) { status authorityApprovalRequired decisionRule } }`;
    // The bound only ends a test whose event never arrives.
    let seen: any;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      seen = (await t.call('sharing', s.requesterStaff, GRADE, { id })).data!.shareRequest;
      if (seen.authorityApprovalRequired) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen).toEqual({ status: 'PENDING', authorityApprovalRequired: true, decisionRule: 'GRADE_REQUIRES_AUTHORITY' });
    expect(codeOf(await t.call('sharing', s.providerStaff, REJECT, { id, reason: '数据已升为重要数据' }))).toBe('FORBIDDEN');
    const byAuthority = await t.call('sharing', authority(CITY), APPROVE, { id, reason: '经主管部门审核同意' });
    expect(byAuthority.data!.approveShareRequest).toMatchObject({ status: 'GRANTED', decisionRule: 'GRADE_REQUIRES_AUTHORITY' });
  });

  test('GENERAL data keeps its rules: UNCONDITIONAL is granted at once [B §27, J §17]', async () => {
    const s = await scenario({ securityGrade: 'GENERAL' });
    const r = await request(s.requesterStaff, requestInput(s.resourceId, s.requester));
    expect(r.data!.requestShare).toMatchObject({ status: 'GRANTED', decisionRule: 'UNCONDITIONAL_AUTO_GRANT', authorityApprovalRequired: false });
  });
});

describe('who sees share requests', () => {
  test('requester, provider, the authority and auditors see a request; other agencies and the public do not [SEC-1]', async () => {
    const s = await scenario(CONDITIONAL);
    const id = (await request(s.requesterStaff, requestInput(s.resourceId, s.requester))).data!.requestShare.id;
    const other = await registerOrganization(t.call, CITY, '丽水市教育局');
    const auditor: Actor = { sub: 'auditor-1', orgId: null, region: CITY, roles: ['AUDITOR'] };
    for (const actor of [s.requesterStaff, s.providerStaff, authority(CITY), auditor]) {
      expect((await t.call('sharing', actor, GET, { id })).data!.shareRequest).toEqual({ id, status: 'PENDING' });
    }
    for (const actor of [agency(other, CITY), authority('331102')]) {
      expect((await t.call('sharing', actor, GET, { id })).data!.shareRequest).toBeNull();
      const list = await t.call('sharing', actor, LIST, { first: 100 });
      expect(list.errors).toBeUndefined();
      expect(list.data!.shareRequests.edges.map((e: any) => e.node.id)).not.toContain(id);
    }
    // The public is told to sign in, not shown an empty list.
    expect((await t.call('sharing', ANONYMOUS, GET, { id })).data!.shareRequest).toBeNull();
    const anon = await t.call('sharing', ANONYMOUS, LIST, {});
    expect(codeOf(anon)).toBe('UNAUTHENTICATED');
    expect(anon.data).toBeNull();
  });

  test('an agency lists requests it made and received, newest first, by status and page [SHR-1]', async () => {
    const s = await scenario(CONDITIONAL);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await request(s.requesterStaff, requestInput(s.resourceId, s.requester, { scenario: `场景${i}` }))).data!.requestShare.id);
    await t.call('sharing', s.providerStaff, APPROVE, { id: ids[0] });

    const page1 = await t.call('sharing', s.requesterStaff, LIST, { first: 2 });
    expect(page1.data!.shareRequests.totalCount).toBe(3);
    expect(page1.data!.shareRequests.pageInfo.hasNextPage).toBe(true);
    const page2 = await t.call('sharing', s.requesterStaff, LIST, { first: 2, after: page1.data!.shareRequests.pageInfo.endCursor });
    const listed = [...page1.data!.shareRequests.edges, ...page2.data!.shareRequests.edges].map((e: any) => e.node.id);
    expect(listed).toEqual([...ids].reverse());

    const pending = await t.call('sharing', s.providerStaff, LIST, { status: 'PENDING' });
    expect(pending.data!.shareRequests.edges.map((e: any) => e.node.id)).toEqual([ids[2], ids[1]]);
    const county = await t.call('sharing', s.providerStaff, LIST, { scope: { regionCode: '331121', includeSubRegions: true } });
    expect(county.data!.shareRequests.totalCount).toBe(0);
    const city = await t.call('sharing', s.providerStaff, LIST, { scope: { regionCode: CITY, includeSubRegions: false } });
    expect(city.data!.shareRequests.totalCount).toBe(3);
    const badScope = await t.call('sharing', s.providerStaff, LIST, { scope: { regionCode: '999999', includeSubRegions: true } });
    expect(codeOf(badScope)).toBe('BAD_USER_INPUT');
  });

  test('every mutation leaves an audit event and the chain verifies [SEC-2, J §28]', async () => {
    const s = await scenario(CONDITIONAL);
    const id = (await request(s.requesterStaff, requestInput(s.resourceId, s.requester))).data!.requestShare.id;
    await t.call('sharing', s.providerStaff, APPROVE, { id });
    const rows = await t.running.subgraphs
      .sharing!.orm.em.getConnection()
      .execute<{ action: string; actor_org: string }[]>(`select action, actor_org from "sharing".audit_event where kind = 'CHANGE' and entity_id = ? order by id`, [id]);
    expect(rows).toEqual([
      { action: 'shareRequest.create', actor_org: s.requester },
      { action: 'shareRequest.approve', actor_org: s.provider },
    ]);
    expect((await verifyAuditChain(t.running.subgraphs.sharing!.orm.em.fork(), t.running.subgraphs.sharing!.audit)).ok).toBe(true);
  });
});
