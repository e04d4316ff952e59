import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ANONYMOUS, type Actor } from '../../schema/auth.js';
import { newId } from '../../schema/ids.js';
import { auditor } from '../../test/support/access.js';
import { publishResource, registerOrganization, type ResourceOverrides } from '../../test/support/catalog-fixtures.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { codeOf } from '../../test/support/subgraph-client.js';
import { addDays, todayInChina } from '../kit/rules/calendar.js';

/**
 * Requests by scenario, decisions, the negative list, grants with a life, share modes and
 * sanctions [SHR-1..3, SHR-5, SHR-6, SHR-10], on one node (the city's, with a county).
 */

let t: Awaited<ReturnType<typeof startTestNode>>;
const CITY = '331100';

beforeAll(async () => {
  t = await startTestNode('sharing_life', nodeConfig('lishui', [CITY, '331121']));
});
afterAll(async () => t?.stop());

const FIELDS = `id status decisionRule itemNames requestedItemNames endDate requestedEndDate itemJustifications { itemName justification }
  offlineReason escalationReason crossNode authorityApprovalRequired decisionReason grantState active suspensionReason rectificationDemand rectificationDeadline revocationReason
  suspendedBy suspendedAs revokedBy revokedAs negativeListItems negativeListBasis`;
const REQUEST = `mutation($input: RequestShareInput!) { requestShare(input: $input) { ${FIELDS} } }`;
const ESCALATE = `mutation($input: RequestShareInput!, $reason: String!) { escalateShareRequest(input: $input, reason: $reason) { ${FIELDS} } }`;
const APPROVE = `mutation($id: ID!, $reason: String, $itemNames: [String!], $endDate: LocalDate) {
  approveShareRequest(id: $id, reason: $reason, itemNames: $itemNames, endDate: $endDate) { ${FIELDS} } }`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectShareRequest(id: $id, reason: $reason) { ${FIELDS} } }`;
const GET = `query($id: ID!) { shareRequest(id: $id) { ${FIELDS} } }`;
const SUSPEND = `mutation($id: ID!, $reason: String!, $demand: String!, $deadline: LocalDate!) {
  suspendShareGrant(id: $id, reason: $reason, rectificationDemand: $demand, rectificationDeadline: $deadline) { ${FIELDS} } }`;
const REINSTATE = `mutation($id: ID!, $reason: String!) { reinstateShareGrant(id: $id, reason: $reason) { ${FIELDS} } }`;
const REVOKE = `mutation($id: ID!, $reason: String!) { revokeShareGrant(id: $id, reason: $reason) { ${FIELDS} } }`;
const CHECK = `query($id: ID!, $org: ID!, $items: [String!]!, $scenario: String!) {
  shareGrantCheck(id: $id, organizationId: $org, itemNames: $items, scenario: $scenario) { allowed denial reason grant { id } } }`;
const ADD_NEGATIVE = `mutation($input: AddNegativeListEntryInput!) { addNegativeListEntry(input: $input) { id dataName itemNames legalBasis removedAt provider { id } resource { id } } }`;
const NEGATIVE_LIST = `query($providerId: ID, $includeRemoved: Boolean) { negativeList(providerId: $providerId, includeRemoved: $includeRemoved, first: 100) { totalCount edges { node { id dataName itemNames legalBasis removedAt } } } }`;
const VIOLATIONS = `query($reviewed: Boolean) { shareViolations(reviewed: $reviewed, first: 100) { totalCount edges { node { id kind itemNames reason reviewNote shareRequest { id } provider { id } requester { id } } } } }`;
const REVIEW = `mutation($id: ID!, $note: String!) { reviewShareViolation(id: $id, note: $note) { id reviewNote reviewedBy } }`;
const IMPOSE = `mutation($input: ImposeShareSanctionInput!) { imposeShareSanction(input: $input) { id status violation deadline organization { id } } }`;
const LIFT = `mutation($id: ID!, $reason: String!) { liftShareSanction(id: $id, reason: $reason) { id status liftReason } }`;
const SANCTIONS = `query($org: ID) { shareSanctions(organizationId: $org, first: 100) { totalCount edges { node { id status } } } }`;

const inAYear = () => addDays(todayInChina(), 365);
const CONDITIONAL: ResourceOverrides = { shareAttribute: 'CONDITIONAL', shareCondition: '仅限市场监管执法使用', shareReason: '含企业经营信息' };
const LEGAL_BASIS = '《中华人民共和国统计法》第九条';
const NOT_SHARED: ResourceOverrides = { shareAttribute: 'NOT_SHARED', legalBasis: LEGAL_BASIS, openAttribute: 'PROHIBITED' };
const JUSTIFIED = [{ itemName: '统一社会信用代码', justification: '按信用代码匹配企业' }];

async function scenario(over: ResourceOverrides = {}) {
  const provider = await registerOrganization(t.call, CITY, '丽水市市场监督管理局');
  const requester = await registerOrganization(t.call, CITY, '丽水市人力资源和社会保障局');
  const resourceId = await publishResource(t.call, provider, CITY, over);
  return { provider, requester, resourceId, providerStaff: agency(provider, CITY), requesterStaff: agency(requester, CITY) };
}
type Scenario = Awaited<ReturnType<typeof scenario>>;

const input = (s: Scenario, over: Record<string, unknown> = {}) => ({
  resourceId: s.resourceId,
  requesterId: s.requester,
  scenario: '就业补贴资格核验',
  purpose: '核验企业登记状态',
  legalDuty: '《就业促进法》规定的就业补贴审核职责',
  itemNames: ['统一社会信用代码', '企业名称', '登记状态'],
  itemJustifications: JUSTIFIED,
  endDate: inAYear(),
  ...over,
});

async function ok<T = any>(actor: Actor, query: string, variables: Record<string, unknown>): Promise<T> {
  const r = await t.call('sharing', actor, query, variables);
  expect(r.errors).toBeUndefined();
  return r.data as T;
}

const sql = <T = any>(text: string, params: unknown[] = []) => t.running.subgraphs.sharing!.orm.em.getConnection().execute<T[]>(text, params);
const rowsFor = async (resourceId: string) => (await sql<{ n: number }>('select count(*)::int as n from "sharing".share_request where resource_id = ?', [resourceId]))[0]!.n;
const changesOf = async (entityId: string) =>
  (await sql<{ action: string }>(`select action from "sharing".audit_event where kind = 'CHANGE' and entity_id = ? order by id`, [entityId])).map((r) => r.action);

async function granted(s: Scenario, over: Record<string, unknown> = {}): Promise<string> {
  return (await ok(s.requesterStaff, REQUEST, { input: input(s, over) })).requestShare.id;
}

const check = (actor: Actor, s: Scenario, items: string[], scenarioName = '就业补贴资格核验', org = s.requester) =>
  ok(actor, CHECK, { id: s.resourceId, org, items, scenario: scenarioName }).then((d) => d.shareGrantCheck);

describe('requests by scenario [SHR-1]', () => {
  test.each([
    ['no legal duty', { legalDuty: ' ' }, 'input.legalDuty'],
    ['an identifier item without a justification [B §26, B §28]', { itemJustifications: [] }, 'input.itemJustifications'],
    ['a justification of an item not requested', { itemJustifications: [...JUSTIFIED, { itemName: '注册资本', justification: '需要' }] }, 'input.itemJustifications'],
    ['a blank justification', { itemJustifications: [{ itemName: '统一社会信用代码', justification: '  ' }] }, 'input.itemJustifications'],
    ['an item justified twice', { itemJustifications: [...JUSTIFIED, ...JUSTIFIED] }, 'input.itemJustifications'],
    ['a mode the entry does not offer [SHR-6, J §17]', { shareMode: 'BULK_COPY' }, 'input.shareMode'],
    ['offline without saying why online is impossible [B §27, L §17]', { shareMode: 'OFFLINE', offlineReason: ' ' }, 'input.offlineReason'],
    ['a requester not registered in the catalog', 'unregistered', 'input.requesterId'],
  ])('refuses %s, naming the field, and writes nothing [B §26, J §17]', async (_label, over, field) => {
    const s = await scenario();
    let actor = s.requesterStaff;
    let values = input(s, typeof over === 'string' ? {} : (over as Record<string, unknown>));
    if (over === 'unregistered') {
      const ghost = newId(CITY);
      actor = agency(ghost, CITY);
      values = { ...values, requesterId: ghost };
    }
    const r = await t.call('sharing', actor, REQUEST, { input: values });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe(field);
    expect(await rowsFor(s.resourceId)).toBe(0);
  });

  test('the missing justifications are named [B §26, B §28]', async () => {
    const s = await scenario();
    const r = await t.call('sharing', s.requesterStaff, REQUEST, { input: input(s, { itemJustifications: [] }) });
    expect(r.errors![0].extensions!.missingJustifications).toEqual(['统一社会信用代码']);
    expect(r.errors![0].message).toContain('统一社会信用代码');
  });

  test('more than 10 items need a justification each [B §26, B §28]', async () => {
    const items = Array.from({ length: 11 }, (_, i) => ({ name: `信息项${i + 1}`, dataType: 'STRING' }));
    const s = await scenario({ items });
    const names = items.map((i) => i.name);
    const refused = await t.call('sharing', s.requesterStaff, REQUEST, { input: input(s, { itemNames: names, itemJustifications: [] }) });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].extensions!.missingJustifications).toEqual(names);
    const all = names.map((n) => ({ itemName: n, justification: '补贴审核逐项比对' }));
    const r = (await ok(s.requesterStaff, REQUEST, { input: input(s, { itemNames: names, itemJustifications: all }) })).requestShare;
    expect(r.itemJustifications).toHaveLength(11);
    const few = await t.call('sharing', s.requesterStaff, REQUEST, { input: input(s, { scenario: '另一场景', itemNames: names.slice(0, 10), itemJustifications: [] }) });
    expect(few.errors).toBeUndefined();
  });

  test('a request keeps its justifications, legal duty and what it asked for [B §26, B §28]', async () => {
    const s = await scenario();
    const r = (await ok(s.requesterStaff, REQUEST, { input: input(s) })).requestShare;
    expect(r).toMatchObject({
      status: 'GRANTED',
      itemNames: ['统一社会信用代码', '企业名称', '登记状态'],
      requestedItemNames: ['统一社会信用代码', '企业名称', '登记状态'],
      itemJustifications: JUSTIFIED,
      crossNode: false,
      grantState: 'ACTIVE',
      active: true,
    });
  });

  test('one pending request per requester, entry and scenario: a second is a CONFLICT; another scenario is fine [SHR-1]', async () => {
    const s = await scenario(CONDITIONAL);
    await ok(s.requesterStaff, REQUEST, { input: input(s) });
    const again = await t.call('sharing', s.requesterStaff, REQUEST, { input: input(s) });
    expect(codeOf(again)).toBe('CONFLICT');
    expect(await rowsFor(s.resourceId)).toBe(1);
    await ok(s.requesterStaff, REQUEST, { input: input(s, { scenario: '失业保险金发放核验' }) });
    expect(await rowsFor(s.resourceId)).toBe(2);
  });
});

describe('share modes [SHR-6, L §17, J §17, B §27]', () => {
  test("API is the default; offline needs a reason and the authority's consent, not the provider's", async () => {
    const s = await scenario();
    expect((await ok(s.requesterStaff, REQUEST, { input: input(s, { scenario: '接口' }) })).requestShare).toMatchObject({
      status: 'GRANTED',
      decisionRule: 'UNCONDITIONAL_AUTO_GRANT',
    });
    const off = (await ok(s.requesterStaff, REQUEST, { input: input(s, { shareMode: 'OFFLINE', offlineReason: '业务系统部署在涉密网络' }) })).requestShare;
    expect(off).toMatchObject({ status: 'PENDING', decisionRule: 'MODE_REQUIRES_AUTHORITY', offlineReason: '业务系统部署在涉密网络', authorityApprovalRequired: true });
    expect(codeOf(await t.call('sharing', s.providerStaff, APPROVE, { id: off.id }))).toBe('FORBIDDEN');
    expect((await ok(authority(CITY), APPROVE, { id: off.id, reason: '同意线下交换' })).approveShareRequest.status).toBe('GRANTED');
  });

  test('an entry offered by bulk copy also answers API calls; one offered offline only offline', async () => {
    const bulk = await scenario({ shareMode: 'BULK_COPY' });
    expect((await ok(bulk.requesterStaff, REQUEST, { input: input(bulk) })).requestShare.status).toBe('GRANTED');
    const offline = await scenario({ shareMode: 'OFFLINE' });
    const r = await t.call('sharing', offline.requesterStaff, REQUEST, { input: input(offline) });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.offeredModes).toEqual(['OFFLINE']);
  });
});

describe('decisions [SHR-2]', () => {
  test('the provider approves narrowing the items and shortening the end date, never widening [B §28]', async () => {
    const s = await scenario(CONDITIONAL);
    const id = await granted(s);
    const end = addDays(todayInChina(), 30);
    const wider = await t.call('sharing', s.providerStaff, APPROVE, { id, itemNames: ['企业名称', '注册资本'] });
    expect(codeOf(wider)).toBe('BAD_USER_INPUT');
    expect(wider.errors![0].extensions).toMatchObject({ field: 'itemNames', extraItems: ['注册资本'] });
    const later = await t.call('sharing', s.providerStaff, APPROVE, { id, endDate: addDays(inAYear(), 1) });
    expect(later.errors![0].extensions!.field).toBe('endDate');
    // A rejection narrows nothing: the schema has no items to name on it.
    const onReject = await t.call('sharing', s.providerStaff, `mutation($id: ID!) { rejectShareRequest(id: $id, reason: "不同意", itemNames: ["企业名称"]) { id } }`, { id });
    expect(codeOf(onReject)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await changesOf(id)).toEqual(['shareRequest.create']);

    const d = (await ok(s.providerStaff, APPROVE, { id, reason: '仅共享名称和状态', itemNames: ['企业名称', '登记状态'], endDate: end })).approveShareRequest;
    expect(d).toMatchObject({
      status: 'GRANTED',
      decisionRule: 'CONDITIONAL_PROVIDER_DECISION',
      itemNames: ['企业名称', '登记状态'],
      requestedItemNames: ['统一社会信用代码', '企业名称', '登记状态'],
      endDate: end,
      requestedEndDate: inAYear(),
      active: true,
    });
  });

  test('NOT_SHARED data is refused citing its basis; escalated, only the authority decides, and its grant records a reason [B §27, J §17]', async () => {
    const s = await scenario(NOT_SHARED);
    const refused = await t.call('sharing', s.requesterStaff, REQUEST, { input: input(s) });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(refused.errors![0].message).toContain(LEGAL_BASIS);
    expect(refused.errors![0].message).toContain('escalateShareRequest');
    const noReason = await t.call('sharing', s.requesterStaff, ESCALATE, { input: input(s), reason: ' ' });
    expect(codeOf(noReason)).toBe('BAD_USER_INPUT');
    expect(await rowsFor(s.resourceId)).toBe(0);

    const e = (await ok(s.requesterStaff, ESCALATE, { input: input(s), reason: '开展人口普查复核，法律授权使用' })).escalateShareRequest;
    expect(e).toMatchObject({ status: 'PENDING', decisionRule: 'NOT_SHARED_COORDINATION', authorityApprovalRequired: true, escalationReason: '开展人口普查复核，法律授权使用' });
    expect(await changesOf(e.id)).toEqual(['shareRequest.escalate']);
    expect(codeOf(await t.call('sharing', s.providerStaff, APPROVE, { id: e.id, reason: '同意' }))).toBe('FORBIDDEN');
    const silent = await t.call('sharing', authority(CITY), APPROVE, { id: e.id });
    expect(codeOf(silent)).toBe('BAD_USER_INPUT');
    expect(silent.errors![0].extensions!.field).toBe('reason');
    const g = (await ok(authority(CITY), APPROVE, { id: e.id, reason: '经协调，依统计法第九条例外同意' })).approveShareRequest;
    expect(g).toMatchObject({ status: 'GRANTED', decisionRule: 'NOT_SHARED_COORDINATION', decisionReason: '经协调，依统计法第九条例外同意' });
  });

  test('escalation is only for NOT_SHARED data [B §27]', async () => {
    const s = await scenario(CONDITIONAL);
    const r = await t.call('sharing', s.requesterStaff, ESCALATE, { input: input(s), reason: '急需' });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe('input.resourceId');
    expect(await rowsFor(s.resourceId)).toBe(0);
  });
});

describe('negative list [SHR-3, B §24, L §34]', () => {
  test('each agency keeps its own list; others cannot write it; bad input writes nothing [B §24]', async () => {
    const s = await scenario(CONDITIONAL);
    const line = { providerId: s.provider, resourceId: s.resourceId, itemNames: ['统一社会信用代码'], legalBasis: LEGAL_BASIS };
    for (const [actor, code] of [
      [s.requesterStaff, 'FORBIDDEN'],
      [authority(CITY), 'FORBIDDEN'],
      [ANONYMOUS, 'UNAUTHENTICATED'],
    ] as [Actor, string][]) {
      expect(codeOf(await t.call('sharing', actor, ADD_NEGATIVE, { input: line }))).toBe(code);
    }
    for (const [over, field] of [
      [{ itemNames: [' '] }, 'input.itemNames'],
      [{ itemNames: ['注册资本'] }, 'input.itemNames'],
      [{ legalBasis: '' }, 'input.legalBasis'],
    ] as const) {
      const r = await t.call('sharing', s.providerStaff, ADD_NEGATIVE, { input: { ...line, ...over } });
      expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await ok(s.providerStaff, NEGATIVE_LIST, { providerId: s.provider })).negativeList.totalCount).toBe(0);

    const added = (await ok(s.providerStaff, ADD_NEGATIVE, { input: line })).addNegativeListEntry;
    expect(added).toMatchObject({
      dataName: '企业登记信息',
      itemNames: ['统一社会信用代码'],
      legalBasis: LEGAL_BASIS,
      provider: { id: s.provider },
      resource: { id: s.resourceId },
    });
    expect(codeOf(await t.call('sharing', s.providerStaff, ADD_NEGATIVE, { input: line }))).toBe('CONFLICT');

    const other = await registerOrganization(t.call, CITY, '丽水市教育局');
    for (const actor of [s.providerStaff, authority(CITY), auditor(CITY)]) {
      expect((await ok(actor, NEGATIVE_LIST, { providerId: s.provider })).negativeList.edges.map((e: any) => e.node.id)).toEqual([added.id]);
    }
    for (const actor of [agency(other, CITY), authority('331121')]) {
      expect((await ok(actor, NEGATIVE_LIST, { providerId: s.provider })).negativeList.totalCount).toBe(0);
    }
    expect(codeOf(await t.call('sharing', ANONYMOUS, NEGATIVE_LIST, { providerId: s.provider }))).toBe('UNAUTHENTICATED');
  });

  test('rejecting data not on the list needs a reason and is recorded as a violation the authority reviews; listed data is not [B §24, L §34]', async () => {
    const s = await scenario(CONDITIONAL);
    const unlisted = await granted(s);
    const silent = await t.call('sharing', s.providerStaff, REJECT, { id: unlisted, reason: ' ' });
    expect(silent.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(silent.errors![0].message).toContain('B §24');
    await ok(s.providerStaff, REJECT, { id: unlisted, reason: '本部门工作繁忙' });
    const mine = (await ok(s.providerStaff, VIOLATIONS, { reviewed: false })).shareViolations.edges.map((e: any) => e.node);
    expect(mine).toEqual([
      {
        id: expect.any(String),
        kind: 'UNLISTED_REJECTION',
        itemNames: ['统一社会信用代码', '企业名称', '登记状态'],
        reason: '本部门工作繁忙',
        reviewNote: null,
        shareRequest: { id: unlisted },
        provider: { id: s.provider },
        requester: { id: s.requester },
      },
    ]);

    await ok(s.providerStaff, ADD_NEGATIVE, { input: { providerId: s.provider, resourceId: s.resourceId, itemNames: ['统一社会信用代码'], legalBasis: LEGAL_BASIS } });
    const listed = await granted(s, { scenario: '另一场景', itemNames: ['统一社会信用代码'] });
    await ok(s.providerStaff, REJECT, { id: listed, reason: '信用代码列入负面清单' });
    expect((await ok(s.providerStaff, VIOLATIONS, {})).shareViolations.totalCount).toBe(1);

    const v = mine[0].id;
    expect(codeOf(await t.call('sharing', s.providerStaff, REVIEW, { id: v, note: '已核实' }))).toBe('FORBIDDEN');
    expect(codeOf(await t.call('sharing', auditor(CITY), REVIEW, { id: v, note: '已核实' }))).toBe('FORBIDDEN');
    expect(codeOf(await t.call('sharing', authority(CITY), REVIEW, { id: v, note: ' ' }))).toBe('BAD_USER_INPUT');
    expect((await ok(authority(CITY), REVIEW, { id: v, note: '无正当理由拒绝，责令改正' })).reviewShareViolation).toMatchObject({
      reviewNote: '无正当理由拒绝，责令改正',
      reviewedBy: `authority-${CITY}`,
    });
    expect(codeOf(await t.call('sharing', authority(CITY), REVIEW, { id: v, note: '再次' }))).toBe('CONFLICT');
    expect((await ok(auditor(CITY), VIOLATIONS, { reviewed: true })).shareViolations.edges.map((e: any) => e.node.id)).toContain(v);
  });

  test('a rejection is a violation item by item: rejecting one listed and two unlisted items records the two [B §24, L §34]', async () => {
    const s = await scenario(CONDITIONAL);
    await ok(s.providerStaff, ADD_NEGATIVE, { input: { providerId: s.provider, resourceId: s.resourceId, itemNames: ['统一社会信用代码'], legalBasis: LEGAL_BASIS } });
    const id = await granted(s);
    const pending = (await ok(s.requesterStaff, GET, { id })).shareRequest;
    expect(pending).toMatchObject({ status: 'PENDING', decisionRule: 'NEGATIVE_LIST_PROVIDER_DECISION', negativeListItems: ['统一社会信用代码'], negativeListBasis: LEGAL_BASIS });
    await ok(s.providerStaff, REJECT, { id, reason: '不予提供' });
    const [v] = (await ok(s.providerStaff, VIOLATIONS, {})).shareViolations.edges.map((e: any) => e.node);
    expect(v).toMatchObject({ shareRequest: { id }, itemNames: ['企业名称', '登记状态'] });
  });

  test('an item on the negative list is never granted automatically: an UNCONDITIONAL request naming it waits for the provider, with the line shown [SHR-2, SHR-3, B §24, B §27]', async () => {
    const s = await scenario();
    await ok(s.providerStaff, ADD_NEGATIVE, { input: { providerId: s.provider, resourceId: s.resourceId, itemNames: ['登记状态'], legalBasis: LEGAL_BASIS } });
    const withListed = (await ok(s.requesterStaff, REQUEST, { input: input(s) })).requestShare;
    expect(withListed).toMatchObject({ status: 'PENDING', decisionRule: 'NEGATIVE_LIST_PROVIDER_DECISION', negativeListItems: ['登记状态'], negativeListBasis: LEGAL_BASIS });
    expect(await check(s.requesterStaff, s, ['登记状态'])).toMatchObject({ allowed: false, denial: 'NO_GRANT' });
    // Unlisted items of the same entry are still granted at once [B §24: data not on the list is shared].
    const unlisted = (await ok(s.requesterStaff, REQUEST, { input: input(s, { scenario: '另一场景', itemNames: ['企业名称'], itemJustifications: [] }) })).requestShare;
    expect(unlisted).toMatchObject({ status: 'GRANTED', decisionRule: 'UNCONDITIONAL_AUTO_GRANT', negativeListItems: [] });
    // The provider decides (its own rule is kept), or the requester escalates to the authority.
    const approved = (await ok(s.providerStaff, APPROVE, { id: withListed.id, reason: '仅限本场景', itemNames: ['统一社会信用代码', '企业名称'] })).approveShareRequest;
    expect(approved).toMatchObject({ status: 'GRANTED', decisionRule: 'NEGATIVE_LIST_PROVIDER_DECISION', itemNames: ['统一社会信用代码', '企业名称'] });
    const escalated = (await ok(s.requesterStaff, ESCALATE, { input: input(s, { scenario: '第三场景' }), reason: '执法急需' })).escalateShareRequest;
    expect(escalated).toMatchObject({ status: 'PENDING', decisionRule: 'NOT_SHARED_COORDINATION', authorityApprovalRequired: true, negativeListItems: ['登记状态'] });
    expect(codeOf(await t.call('sharing', s.providerStaff, APPROVE, { id: escalated.id }))).toBe('FORBIDDEN');
  });

  test('the authority rejecting (coordination) is no provider violation [L §34]', async () => {
    const s = await scenario(CONDITIONAL);
    const id = await granted(s);
    await ok(authority(CITY), REJECT, { id, reason: '场景不明确' });
    expect((await ok(s.providerStaff, VIOLATIONS, {})).shareViolations.totalCount).toBe(0);
  });
});

describe('grants with a life [SHR-5, B §26, B §28, B §49]', () => {
  test('the grant check answers with the grant, or why not: items, scenario, none [B §26, B §28]', async () => {
    const s = await scenario();
    const id = await granted(s, { itemNames: ['企业名称', '登记状态'], itemJustifications: [] });
    expect(await check(s.requesterStaff, s, ['企业名称'])).toEqual({ allowed: true, denial: null, reason: null, grant: { id } });
    expect(await check(s.providerStaff, s, ['企业名称', '登记状态'])).toMatchObject({ allowed: true, grant: { id } });
    expect(await check(authority(CITY), s, ['统一社会信用代码'])).toMatchObject({ allowed: false, denial: 'ITEMS_NOT_GRANTED', grant: { id } });
    expect((await check(auditor(CITY), s, ['统一社会信用代码'])).reason).toContain('统一社会信用代码');
    expect(await check(s.requesterStaff, s, ['企业名称'], '招商引资')).toMatchObject({ allowed: false, denial: 'SCENARIO_NOT_GRANTED' });
    const stranger = await registerOrganization(t.call, CITY, '丽水市文化和旅游局');
    expect(await check(agency(stranger, CITY), s, ['企业名称'], '就业补贴资格核验', stranger)).toMatchObject({ allowed: false, denial: 'NO_GRANT', grant: null });
  });

  test('only the organization, the provider and overseers may check; bad input is named [SEC-1]', async () => {
    const s = await scenario();
    await granted(s);
    const stranger = await registerOrganization(t.call, CITY, '丽水市体育局');
    for (const [actor, code] of [
      [agency(stranger, CITY), 'FORBIDDEN'],
      [authority('331121'), 'FORBIDDEN'],
      [ANONYMOUS, 'UNAUTHENTICATED'],
    ] as [Actor, string][]) {
      expect(codeOf(await t.call('sharing', actor, CHECK, { id: s.resourceId, org: s.requester, items: ['企业名称'], scenario: '就业补贴资格核验' }))).toBe(code);
    }
    const empty = await t.call('sharing', s.requesterStaff, CHECK, { id: s.resourceId, org: s.requester, items: [' '], scenario: 'x' });
    expect(empty.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'itemNames' });
    const noId = await t.call('sharing', s.requesterStaff, CHECK, { id: 'nonsense', org: s.requester, items: ['企业名称'], scenario: 'x' });
    expect(noId.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  test('a grant expires by itself after its end date, no job needed [SHR-5, B §28]', async () => {
    const s = await scenario();
    const id = await granted(s);
    await sql('update "sharing".share_request set end_date = ? where id = ?', [addDays(todayInChina(), -1), id]);
    expect((await ok(s.requesterStaff, GET, { id })).shareRequest).toMatchObject({ status: 'GRANTED', grantState: 'EXPIRED', active: false });
    expect(await check(s.requesterStaff, s, ['企业名称'])).toMatchObject({ allowed: false, denial: 'EXPIRED', grant: { id } });
    expect(codeOf(await t.call('sharing', s.providerStaff, SUSPEND, { id, reason: 'x', demand: 'y', deadline: inAYear() }))).toBe('CONFLICT');
  });

  test('the provider suspends with a rectification demand and deadline, reinstates, and revokes for good [B §49]', async () => {
    const s = await scenario();
    const id = await granted(s);
    const deadline = addDays(todayInChina(), 10);
    for (const [over, field] of [
      [{ reason: ' ' }, 'reason'],
      [{ demand: '' }, 'rectificationDemand'],
      [{ deadline: todayInChina() }, 'rectificationDeadline'],
    ] as const) {
      const r = await t.call('sharing', s.providerStaff, SUSPEND, { ...{ id, reason: '超范围使用', demand: '删除违规留存数据', deadline }, ...over });
      expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    for (const [actor, code] of [
      [s.requesterStaff, 'FORBIDDEN'],
      [auditor(CITY), 'FORBIDDEN'],
      [authority('331121'), 'NOT_FOUND'],
    ] as [Actor, string][]) {
      expect(codeOf(await t.call('sharing', actor, SUSPEND, { id, reason: '超范围使用', demand: '删除违规留存数据', deadline }))).toBe(code);
    }
    expect(await changesOf(id)).toEqual(['shareRequest.create']);

    const sus = (await ok(s.providerStaff, SUSPEND, { id, reason: '超范围使用', demand: '删除违规留存数据', deadline })).suspendShareGrant;
    expect(sus).toMatchObject({
      status: 'SUSPENDED',
      grantState: 'SUSPENDED',
      active: false,
      suspensionReason: '超范围使用',
      rectificationDemand: '删除违规留存数据',
      rectificationDeadline: deadline,
    });
    expect(await check(s.requesterStaff, s, ['企业名称'])).toMatchObject({ allowed: false, denial: 'SUSPENDED' });
    expect(codeOf(await t.call('sharing', s.requesterStaff, REINSTATE, { id, reason: '已整改' }))).toBe('FORBIDDEN');
    const back = (await ok(s.providerStaff, REINSTATE, { id, reason: '已删除违规数据' })).reinstateShareGrant;
    expect(back).toMatchObject({ status: 'GRANTED', grantState: 'ACTIVE', suspensionReason: null, rectificationDemand: null });
    expect(codeOf(await t.call('sharing', s.providerStaff, REINSTATE, { id, reason: '再次' }))).toBe('CONFLICT');

    const gone = (await ok(authority(CITY), REVOKE, { id, reason: '再次超范围使用' })).revokeShareGrant;
    expect(gone).toMatchObject({ status: 'REVOKED', grantState: 'REVOKED', revocationReason: '再次超范围使用', active: false });
    expect(await check(s.requesterStaff, s, ['企业名称'])).toMatchObject({ allowed: false, denial: 'REVOKED' });
    expect(codeOf(await t.call('sharing', s.providerStaff, REINSTATE, { id, reason: 'x' }))).toBe('CONFLICT');
    expect(await changesOf(id)).toEqual(['shareRequest.create', 'shareGrant.suspend', 'shareGrant.reinstate', 'shareGrant.revoke']);
  });

  test("who suspended is who lifts: the grant names who suspended and revoked it, and the provider cannot lift the authority's suspension [SHR-5, SHR-10, B §49]", async () => {
    const s = await scenario();
    const id = await granted(s);
    const deadline = addDays(todayInChina(), 10);
    const byProvider = (await ok(s.providerStaff, SUSPEND, { id, reason: '超范围使用', demand: '删除违规留存数据', deadline })).suspendShareGrant;
    expect(byProvider).toMatchObject({ suspendedBy: s.providerStaff.sub, suspendedAs: 'PROVIDER' });
    expect((await ok(s.providerStaff, REINSTATE, { id, reason: '已整改' })).reinstateShareGrant).toMatchObject({ status: 'GRANTED', suspendedBy: null, suspendedAs: null });

    const byAuthority = (await ok(authority(CITY), SUSPEND, { id, reason: '未落实安全保障措施', demand: '补充安全措施', deadline })).suspendShareGrant;
    expect(byAuthority).toMatchObject({ suspendedBy: authority(CITY).sub, suspendedAs: 'AUTHORITY' });
    const refused = await t.call('sharing', s.providerStaff, REINSTATE, { id, reason: '已整改' });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect((await ok(authority(CITY), GET, { id })).shareRequest.status).toBe('SUSPENDED');
    expect((await ok(authority(CITY), REINSTATE, { id, reason: '整改到位' })).reinstateShareGrant.status).toBe('GRANTED');

    const gone = (await ok(s.providerStaff, REVOKE, { id, reason: '再次超范围使用' })).revokeShareGrant;
    expect(gone).toMatchObject({ status: 'REVOKED', revokedBy: s.providerStaff.sub, revokedAs: 'PROVIDER' });
    expect(await changesOf(id)).toEqual(['shareRequest.create', 'shareGrant.suspend', 'shareGrant.reinstate', 'shareGrant.suspend', 'shareGrant.reinstate', 'shareGrant.revoke']);
  });

  test('a grant only the authority could give is reinstated only by the authority [J §7, B §10, B §49]', async () => {
    const s = await scenario({ securityGrade: 'IMPORTANT', openAttribute: 'PROHIBITED' });
    const id = await granted(s);
    await ok(authority(CITY), APPROVE, { id, reason: '同意' });
    await ok(s.providerStaff, SUSPEND, { id, reason: '安全检查', demand: '提交安全评估报告', deadline: addDays(todayInChina(), 5) });
    expect(codeOf(await t.call('sharing', s.providerStaff, REINSTATE, { id, reason: '已提交' }))).toBe('FORBIDDEN');
    expect((await ok(authority(CITY), REINSTATE, { id, reason: '评估通过' })).reinstateShareGrant.status).toBe('GRANTED');
  });
});

describe('sanctions [SHR-10, B §49]', () => {
  const impose = (s: Scenario, over: Record<string, unknown> = {}) => ({
    regionCode: CITY,
    userOrganizationId: s.requester,
    violation: 'BEYOND_SCOPE',
    description: '将共享数据提供给第三方',
    rectificationDemand: '收回并删除已提供的数据，提交整改报告',
    deadline: addDays(todayInChina(), 15),
    ...over,
  });

  test("the authority suspends all of a user's grants here; lifted after rectification [B §49]", async () => {
    const s = await scenario();
    const a = await granted(s);
    const other = await publishResource(t.call, s.provider, CITY);
    const b = (await ok(s.requesterStaff, REQUEST, { input: { ...input(s), resourceId: other } })).requestShare.id;

    for (const [over, field] of [
      [{ description: ' ' }, 'input.description'],
      [{ rectificationDemand: '' }, 'input.rectificationDemand'],
      [{ deadline: '2020-01-01' }, 'input.deadline'],
      [{ regionCode: '999999' }, 'input.regionCode'],
    ] as const) {
      const r = await t.call('sharing', authority(CITY), IMPOSE, { input: impose(s, over) });
      expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    for (const [actor, code] of [
      [s.providerStaff, 'FORBIDDEN'],
      [authority('331121'), 'FORBIDDEN'],
      [auditor(CITY), 'FORBIDDEN'],
      [ANONYMOUS, 'UNAUTHENTICATED'],
    ] as [Actor, string][]) {
      expect(codeOf(await t.call('sharing', actor, IMPOSE, { input: impose(s) }))).toBe(code);
    }
    expect((await ok(authority(CITY), SANCTIONS, { org: s.requester })).shareSanctions.totalCount).toBe(0);

    const sanction = (await ok(authority(CITY), IMPOSE, { input: impose(s) })).imposeShareSanction;
    expect(sanction).toMatchObject({ status: 'IN_FORCE', violation: 'BEYOND_SCOPE', organization: { id: s.requester } });
    expect(codeOf(await t.call('sharing', authority(CITY), IMPOSE, { input: impose(s) }))).toBe('CONFLICT');
    for (const id of [a, b]) expect((await ok(s.requesterStaff, GET, { id })).shareRequest).toMatchObject({ status: 'GRANTED', grantState: 'SANCTIONED', active: false });
    const checked = await ok(s.providerStaff, CHECK, { id: s.resourceId, org: s.requester, items: ['企业名称'], scenario: '就业补贴资格核验' });
    expect(checked.shareGrantCheck).toMatchObject({ allowed: false, denial: 'SANCTIONED', grant: { id: a } });
    expect(checked.shareGrantCheck.reason).toContain('收回并删除已提供的数据');
    // The sanctioned organization sees its sanction; another agency does not.
    expect((await ok(s.requesterStaff, SANCTIONS, {})).shareSanctions.totalCount).toBe(1);
    expect((await ok(s.providerStaff, SANCTIONS, { org: s.requester })).shareSanctions.totalCount).toBe(0);

    expect(codeOf(await t.call('sharing', s.requesterStaff, LIFT, { id: sanction.id, reason: '已整改' }))).toBe('FORBIDDEN');
    const lifted = (await ok(authority(CITY), LIFT, { id: sanction.id, reason: '已删除数据并提交整改报告' })).liftShareSanction;
    expect(lifted).toMatchObject({ status: 'LIFTED', liftReason: '已删除数据并提交整改报告' });
    expect((await ok(s.requesterStaff, CHECK, { id: s.resourceId, org: s.requester, items: ['企业名称'], scenario: '就业补贴资格核验' })).shareGrantCheck.allowed).toBe(true);
    expect(await changesOf(sanction.id)).toEqual(['shareSanction.impose', 'shareSanction.lift']);
  });

  test('not rectified by the deadline, the service is terminated (computed) and cannot be lifted [B §49]', async () => {
    const s = await scenario();
    const a = await granted(s);
    const sanction = (await ok(authority(CITY), IMPOSE, { input: impose(s, { violation: 'NO_SECURITY_MEASURES' }) })).imposeShareSanction;
    await sql('update "sharing".share_sanction set deadline = ? where id = ?', [addDays(todayInChina(), -1), sanction.id]);
    expect((await ok(auditor(CITY), SANCTIONS, { org: s.requester })).shareSanctions.edges[0].node.status).toBe('TERMINATED');
    expect((await ok(s.requesterStaff, GET, { id: a })).shareRequest.grantState).toBe('TERMINATED');
    expect((await ok(s.requesterStaff, CHECK, { id: s.resourceId, org: s.requester, items: ['企业名称'], scenario: '就业补贴资格核验' })).shareGrantCheck.denial).toBe(
      'TERMINATED',
    );
    const lift = await t.call('sharing', authority(CITY), LIFT, { id: sanction.id, reason: '补交整改报告' });
    expect(codeOf(lift)).toBe('CONFLICT');
    expect(lift.errors![0].message).toContain('B §49');
  });
});

describe('lists a front-end team can filter without reading the resolvers [SHR-1, SHR-10]', () => {
  const LIST = `query($resourceId: ID, $side: ShareRequestSide, $scenario: String) {
    shareRequests(resourceId: $resourceId, side: $side, scenario: $scenario, first: 100) { totalCount edges { node { id } } } }`;
  const ids = async (actor: Actor, vars: Record<string, unknown>) => (await ok(actor, LIST, vars)).shareRequests.edges.map((e: any) => e.node.id).sort();

  test('shareRequests filters by entry, by the side of the caller, and by scenario', async () => {
    const s = await scenario();
    const other = await publishResource(t.call, s.provider, CITY);
    const a = await granted(s);
    const b = await granted(s, { scenario: '另一场景' });
    const c = (await ok(s.requesterStaff, REQUEST, { input: input(s, { resourceId: other }) })).requestShare.id;
    // The requester's own entry, requested by the provider: RECEIVED for the requester.
    const reverse = await publishResource(t.call, s.requester, CITY);
    const d = (await ok(s.providerStaff, REQUEST, { input: input(s, { resourceId: reverse, requesterId: s.provider }) })).requestShare.id;

    expect(await ids(s.requesterStaff, { resourceId: s.resourceId })).toEqual([a, b].sort());
    expect(await ids(s.requesterStaff, { side: 'MADE' })).toEqual([a, b, c].sort());
    expect(await ids(s.requesterStaff, { side: 'RECEIVED' })).toEqual([d]);
    expect(await ids(s.requesterStaff, { scenario: '另一场景' })).toEqual([b]);
    expect(await ids(s.requesterStaff, { resourceId: s.resourceId, scenario: '就业补贴资格核验' })).toEqual([a]);
    const bySide = await t.call('sharing', authority(CITY), LIST, { side: 'MADE' });
    expect(bySide.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'side' });
  });

  test('a sanction shows the region it covers; a violation its kind as an enum', async () => {
    const s = await scenario(CONDITIONAL);
    const sanction = (
      await ok(authority(CITY), `mutation($input: ImposeShareSanctionInput!) { imposeShareSanction(input: $input) { region { code } } }`, {
        input: { regionCode: '331121', userOrganizationId: s.requester, violation: 'SERIOUS_BREACH', description: '泄露', rectificationDemand: '整改', deadline: inAYear() },
      })
    ).imposeShareSanction;
    expect(sanction).toEqual({ region: { code: '331121' } });
    const kind = await ok(authority(CITY), `query { __type(name: "ShareViolation") { fields { name type { kind ofType { name kind } } } } }`, {});
    expect(kind.__type.fields.find((f: any) => f.name === 'kind').type).toEqual({ kind: 'NON_NULL', ofType: { name: 'ShareViolationKind', kind: 'ENUM' } });
  });
});
