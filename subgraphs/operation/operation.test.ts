import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ANONYMOUS } from '../../schema/auth.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { registerOrganization } from '../../test/support/catalog-fixtures.js';
import { codeOf } from '../../test/support/subgraph-client.js';
import { addDays, isCalendarDate, todayInChina } from '../kit/rules/calendar.js';
import { termEnd } from './operator.dates.js';

let t: Awaited<ReturnType<typeof startTestNode>>;
const AUTH = authority('331100', '331100:01ARZ3NDEKTSV4RRFFQ69G5FAV');
const FIELDS = 'id agreementNo agreementSignedAt termStart termEnd scope licensedBy status statusReason version organization { id }';
const CREATE = `mutation($input: CreateOperatorInput!) { createOperator(input: $input) { ${FIELDS} } }`;
const GET = `query($id: ID!) { operator(id: $id) { ${FIELDS} } }`;
const LIST = `query($status: OperatorStatus, $org: ID, $first: Int) { operators(status: $status, organizationId: $org, first: $first) { totalCount edges { node { id status } } } }`;
/** suspendOperator names a violation of D §28 and a deadline; `reason` is then its rectification demand. */
const change = (name: string) =>
  name === 'suspendOperator'
    ? `mutation($id: ID!, $reason: String!) { suspendOperator(id: $id, input: { violations: [MISUSE_OF_DATA], rectification: $reason, rectifyBy: "${addDays(todayInChina(), 15)}" }) { id status statusReason version } }`
    : `mutation($id: ID!, $reason: String!) { ${name}(id: $id, reason: $reason) { id status statusReason version } }`;

let n = 0;
const agreementNo = () => `DL-SQ-${Date.now().toString(36)}-${++n}`;
const today = () => todayInChina();
const input = (organizationId: string, over: Record<string, unknown> = {}) => ({
  organizationId,
  agreementNo: agreementNo(),
  agreementSignedAt: today(),
  termStart: today(),
  scope: '文旅、交通领域公共数据的开发利用',
  ...over,
});

const enterprise = (name = '丽水市大数据发展有限公司') => registerOrganization(t.call, '331100', name, 'ENTERPRISE');

async function license(orgId: string, over: Record<string, unknown> = {}) {
  const r = await t.call('operation', AUTH, CREATE, { input: input(orgId, over) });
  expect(r.errors).toBeUndefined();
  return r.data!.createOperator as Record<string, any>;
}

async function auditFor(entityId: string): Promise<string[]> {
  const rows = await t.running.subgraphs
    .operation!.orm.em.getConnection()
    .execute<{ action: string }[]>(`select action from "operation".audit_event where kind = 'CHANGE' and entity_id = ? order by id`, [entityId]);
  return rows.map((r) => r.action);
}

async function auditCount(): Promise<number> {
  const rows = await t.running.subgraphs.operation!.orm.em.getConnection().execute<{ n: string }[]>(`select count(*) as n from "operation".audit_event where kind = 'CHANGE'`);
  return Number(rows[0]!.n);
}

async function operatorsOf(orgId: string): Promise<number> {
  const r = await t.call('operation', AUTH, LIST, { org: orgId });
  return r.data!.operators.totalCount;
}

beforeAll(async () => {
  t = await startTestNode('operation', nodeConfig('lishui', ['331100', '331121']));
});
afterAll(async () => t?.stop());

describe('agreement dates', () => {
  test('a term of n years ends the day before the anniversary, month-end where there is none [D §10]', () => {
    expect(termEnd('2024-01-01', 3)).toBe('2026-12-31');
    expect(termEnd('2024-07-15', 3)).toBe('2027-07-14');
    expect(termEnd('2024-03-01', 3)).toBe('2027-02-28');
    expect(termEnd('2024-02-29', 4)).toBe('2028-02-28');
    expect(termEnd('2024-02-29', 3)).toBe('2027-02-28');
    expect(termEnd('2024-12-31', 3)).toBe('2027-12-30');
    expect(termEnd('2025-03-01', 3)).toBe('2028-02-29');
    expect(termEnd('2024-01-01', 1)).toBe('2024-12-31');
  });

  test('only real YYYY-MM-DD dates are valid', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    for (const bad of ['2023-02-29', '2024-13-01', '2024-1-01', '2024/01/01', '20240101', '', '2024-01-01T00:00']) expect(isCalendarDate(bad)).toBe(false);
  });
});

describe('licensing operators [OPR-1]', () => {
  test('the authority licenses an enterprise with the default 3-year term [D §9-10]', async () => {
    const org = await enterprise();
    const op = await license(org, { agreementSignedAt: '2023-12-15', termStart: '2024-01-01' });
    expect(op).toMatchObject({
      agreementSignedAt: '2023-12-15',
      termStart: '2024-01-01',
      termEnd: '2026-12-31',
      licensedBy: AUTH.orgId,
      version: 1,
      organization: { id: org },
      statusReason: null,
    });
    expect(op.id).toMatch(/^331100:[0-9A-Z]{26}$/);
    expect(await auditFor(op.id)).toEqual(['operator.create']);
  });

  test('a term starting today is ACTIVE and runs 3 years; termYears overrides the policy [D §10]', async () => {
    const op = await license(await enterprise());
    expect(op.status).toBe('ACTIVE');
    expect(op.termEnd).toBe(termEnd(today(), 3));
    const five = await license(await enterprise(), { termYears: 5 });
    expect(five.termEnd).toBe(termEnd(today(), 5));
  });

  test('a public-service organization (e.g. a water company) may be licensed [J §20]', async () => {
    const org = await registerOrganization(t.call, '331100', '丽水市供水有限公司', 'PUBLIC_SERVICE');
    expect((await license(org)).status).toBe('ACTIVE');
  });

  test("an industry department (agency) may not license an operator: FORBIDDEN [J §20]; nor another platform's authority or the public", async () => {
    const org = await enterprise();
    const dept = await registerOrganization(t.call, '331100', '丽水市文化和旅游局', 'AGENCY');
    const before = await auditCount();
    const byAgency = await t.call('operation', agency(dept, '331100'), CREATE, { input: input(org) });
    expect(codeOf(byAgency)).toBe('FORBIDDEN');
    expect(byAgency.errors![0].message).toContain('J §20');
    const byOtherAuthority = await t.call('operation', authority('331102'), CREATE, { input: input(org) });
    expect(codeOf(byOtherAuthority)).toBe('FORBIDDEN');
    const byOperator = await t.call('operation', { sub: 'op-1', orgId: org, region: '331100', roles: ['OPERATOR'] }, CREATE, { input: input(org) });
    expect(codeOf(byOperator)).toBe('FORBIDDEN');
    const anon = await t.call('operation', ANONYMOUS, CREATE, { input: input(org) });
    expect(codeOf(anon)).toBe('UNAUTHENTICATED');
    expect(await operatorsOf(org)).toBe(0);
    expect(await auditCount()).toBe(before);
  });

  test.each([
    ['AGENCY', '丽水市自然资源和规划局'],
    ['AUTHORITY', '丽水市大数据发展管理局'],
  ])('a government body (%s) cannot become an operator [J §20]', async (kind, name) => {
    const org = await registerOrganization(t.call, '331100', name, kind);
    const r = await t.call('operation', AUTH, CREATE, { input: input(org) });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe('input.organizationId');
    expect(r.errors![0].message).toContain(name);
    expect(await operatorsOf(org)).toBe(0);
  });

  test.each([
    ['a malformed ID', 'not-an-id'],
    ['an organization not registered', '331100:01ARZ3NDEKTSV4RRFFQ69G5FAV'],
    ['an organization of another platform', '331102:01ARZ3NDEKTSV4RRFFQ69G5FAV'],
  ])('refuses %s, naming input.organizationId', async (_label, organizationId) => {
    const r = await t.call('operation', AUTH, CREATE, { input: input(organizationId) });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe('input.organizationId');
  });

  test.each([
    ['an impossible signing date', { agreementSignedAt: '2024-02-30' }, 'input.agreementSignedAt'],
    ['a start date not in YYYY-MM-DD form', { agreementSignedAt: '2024-01-01', termStart: '2024/03/01' }, 'input.termStart'],
    ['a signing date after the start of the term', { agreementSignedAt: '2024-03-02', termStart: '2024-03-01' }, 'input.agreementSignedAt'],
    ['a signing date in the future', { agreementSignedAt: '2999-01-01', termStart: '2999-01-01' }, 'input.agreementSignedAt'],
    ['a term of 0 years', { termYears: 0 }, 'input.termYears'],
    ['a term of 11 years', { termYears: 11 }, 'input.termYears'],
    ['an empty agreement number', { agreementNo: '  ' }, 'input.agreementNo'],
    ['an empty scope', { scope: '' }, 'input.scope'],
  ])('refuses %s, naming the field, and writes nothing', async (_label, over, field) => {
    const org = await enterprise();
    const before = await auditCount();
    const r = await t.call('operation', AUTH, CREATE, { input: input(org, over) });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe(field);
    expect(await operatorsOf(org)).toBe(0);
    expect(await auditCount()).toBe(before);
  });

  test('a duplicate agreement number is a CONFLICT and writes nothing', async () => {
    const first = await license(await enterprise());
    const org = await enterprise('丽水市文旅数据科技有限公司');
    const before = await auditCount();
    const r = await t.call('operation', AUTH, CREATE, { input: input(org, { agreementNo: first.agreementNo }) });
    expect(codeOf(r)).toBe('CONFLICT');
    expect(r.errors![0].message).toContain(first.agreementNo);
    expect(await operatorsOf(org)).toBe(0);
    expect(await auditCount()).toBe(before);
  });

  test('an organization holds at most one non-revoked authorization at a time; after revocation it may be licensed again [D §10-11]', async () => {
    const org = await enterprise();
    const past = await license(org, { agreementSignedAt: '2019-12-01', termStart: '2020-01-01', termYears: 3 });
    expect(past.status).toBe('EXPIRED');
    const current = await license(org);
    const overlap = await t.call('operation', AUTH, CREATE, { input: input(org, { termYears: 1 }) });
    expect(codeOf(overlap)).toBe('CONFLICT');
    expect(overlap.errors![0].message).toContain(current.agreementNo);
    expect(await operatorsOf(org)).toBe(2);
    const revoked = await t.call('operation', AUTH, change('revokeOperator'), { id: current.id, reason: '违规使用公共数据' });
    expect(revoked.errors).toBeUndefined();
    expect((await license(org)).status).toBe('ACTIVE');
  });
});

describe('status over time', () => {
  test('an agreement before its term is PENDING and after it EXPIRED; the list filters by the computed status [D §10]', async () => {
    const org1 = await enterprise();
    const org2 = await enterprise();
    const org3 = await enterprise();
    const pending = await license(org1, { termStart: addDays(today(), 30) });
    const expired = await license(org2, { agreementSignedAt: '2018-06-01', termStart: '2018-07-01', termYears: 3 });
    const active = await license(org3);
    expect(pending.status).toBe('PENDING');
    expect(expired).toMatchObject({ status: 'EXPIRED', termEnd: '2021-06-30' });
    const ids = async (status: string) => {
      const r = await t.call('operation', AUTH, LIST, { status, first: 100 });
      expect(r.errors).toBeUndefined();
      for (const e of r.data!.operators.edges) expect(e.node.status).toBe(status);
      return r.data!.operators.edges.map((e: any) => e.node.id);
    };
    expect(await ids('PENDING')).toContain(pending.id);
    expect(await ids('EXPIRED')).toContain(expired.id);
    const activeIds = await ids('ACTIVE');
    expect(activeIds).toContain(active.id);
    expect(activeIds).not.toContain(pending.id);
    expect(activeIds).not.toContain(expired.id);
    // An expired authorization is over: it can be neither suspended nor revoked.
    const late = await t.call('operation', AUTH, change('suspendOperator'), { id: expired.id, reason: '违规' });
    expect(codeOf(late)).toBe('CONFLICT');
  });

  test('the public sees only authorizations in force, without status reasons; signed-in callers see all [OPR-1]', async () => {
    const org1 = await enterprise();
    const org2 = await enterprise();
    const pending = await license(org1, { termStart: addDays(today(), 10) });
    const active = await license(org2);
    await t.call('operation', AUTH, change('suspendOperator'), { id: active.id, reason: '未落实安全保障措施' });
    await t.call('operation', AUTH, change('reinstateOperator'), { id: active.id, reason: '已整改' });
    const anonPending = await t.call('operation', ANONYMOUS, GET, { id: pending.id });
    expect(anonPending.data!.operator).toBeNull();
    const anonActive = await t.call('operation', ANONYMOUS, GET, { id: active.id });
    expect(anonActive.data!.operator).toMatchObject({ id: active.id, status: 'ACTIVE', statusReason: null });
    const dept = await registerOrganization(t.call, '331100', '丽水市交通运输局', 'AGENCY');
    const byAgency = await t.call('operation', agency(dept, '331100'), GET, { id: pending.id });
    expect(byAgency.data!.operator).toMatchObject({ id: pending.id, status: 'PENDING' });
    expect((await t.call('operation', agency(dept, '331100'), GET, { id: active.id })).data!.operator.statusReason).toBe('已整改');
    const anonList = await t.call('operation', ANONYMOUS, `{ operators(first: 100) { totalCount edges { node { id status } } } }`);
    const statuses = anonList.data!.operators.edges.map((e: any) => e.node.status);
    expect(new Set(statuses)).toEqual(new Set(['ACTIVE']));
    expect(anonList.data!.operators.edges.map((e: any) => e.node.id)).toContain(active.id);
    const anonPendingList = await t.call('operation', ANONYMOUS, LIST, { status: 'PENDING' });
    expect(anonPendingList.data!.operators.totalCount).toBe(0);
  });

  test('the list answers only for the regions in scope and pages by cursor', async () => {
    const org = await enterprise();
    await license(org, { agreementSignedAt: '2015-01-01', termStart: '2015-01-01', termYears: 1 });
    await license(org, { agreementSignedAt: '2016-01-01', termStart: '2016-01-01', termYears: 1 });
    await license(org, { agreementSignedAt: '2017-01-01', termStart: '2017-01-01', termYears: 1 });
    const Q = `query($org: ID, $after: String, $scope: RegionScopeInput) { operators(organizationId: $org, first: 2, after: $after, scope: $scope) { totalCount edges { node { termStart } } pageInfo { hasNextPage endCursor } } }`;
    const p1 = await t.call('operation', AUTH, Q, { org });
    expect(p1.data!.operators).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const p2 = await t.call('operation', AUTH, Q, { org, after: p1.data!.operators.pageInfo.endCursor });
    expect([...p1.data!.operators.edges, ...p2.data!.operators.edges].map((e: any) => e.node.termStart)).toEqual(['2017-01-01', '2016-01-01', '2015-01-01']);
    const district = await t.call('operation', AUTH, Q, { org, scope: { regionCode: '331121', includeSubRegions: true } });
    expect(district.data!.operators.totalCount).toBe(0);
  });
});

describe('suspension and revocation [D §11, D §28]', () => {
  test('suspend → reinstate → revoke; a revoked authorization cannot be reinstated; every step is audited', async () => {
    const op = await license(await enterprise());
    const suspended = await t.call('operation', AUTH, change('suspendOperator'), { id: op.id, reason: '违规使用公共数据，限15日内整改' });
    expect(suspended.data!.suspendOperator).toMatchObject({ status: 'SUSPENDED', statusReason: '违规使用公共数据，限15日内整改', version: 2 });
    const again = await t.call('operation', AUTH, change('suspendOperator'), { id: op.id, reason: '再次' });
    expect(codeOf(again)).toBe('CONFLICT');
    const reinstated = await t.call('operation', AUTH, change('reinstateOperator'), { id: op.id, reason: '已按要求整改' });
    expect(reinstated.data!.reinstateOperator).toMatchObject({ status: 'ACTIVE', version: 3 });
    const revoked = await t.call('operation', AUTH, change('revokeOperator'), { id: op.id, reason: '严重违反平台安全管理规范' });
    expect(revoked.data!.revokeOperator).toMatchObject({ status: 'REVOKED', version: 4 });
    for (const m of ['reinstateOperator', 'suspendOperator', 'revokeOperator']) {
      const r = await t.call('operation', AUTH, change(m), { id: op.id, reason: '尝试' });
      expect(codeOf(r)).toBe('CONFLICT');
    }
    expect((await t.call('operation', AUTH, GET, { id: op.id })).data!.operator).toMatchObject({ status: 'REVOKED', version: 4, statusReason: '严重违反平台安全管理规范' });
    expect(await auditFor(op.id)).toEqual(['operator.create', 'operator.suspend', 'operator.reinstate', 'operator.revoke']);
  });

  test('a suspended authorization not rectified is revoked directly [D §28]', async () => {
    const op = await license(await enterprise());
    await t.call('operation', AUTH, change('suspendOperator'), { id: op.id, reason: '未采取安全保障措施' });
    const r = await t.call('operation', AUTH, change('revokeOperator'), { id: op.id, reason: '逾期未整改' });
    expect(r.data!.revokeOperator.status).toBe('REVOKED');
    const active = await t.call('operation', AUTH, change('reinstateOperator'), { id: (await license(await enterprise())).id, reason: '无' });
    expect(codeOf(active)).toBe('CONFLICT');
  });

  test('only the authority of this platform changes status, a reason is required, and failures write nothing', async () => {
    const org = await enterprise();
    const op = await license(org);
    const dept = await registerOrganization(t.call, '331100', '丽水市经济和信息化局', 'AGENCY');
    const before = await auditCount();
    expect(codeOf(await t.call('operation', agency(dept, '331100'), change('suspendOperator'), { id: op.id, reason: '违规' }))).toBe('FORBIDDEN');
    expect(codeOf(await t.call('operation', authority('331102'), change('revokeOperator'), { id: op.id, reason: '违规' }))).toBe('FORBIDDEN');
    expect(codeOf(await t.call('operation', ANONYMOUS, change('revokeOperator'), { id: op.id, reason: '违规' }))).toBe('UNAUTHENTICATED');
    const noReason = await t.call('operation', AUTH, change('revokeOperator'), { id: op.id, reason: '   ' });
    expect(codeOf(noReason)).toBe('BAD_USER_INPUT');
    expect(noReason.errors![0].extensions!.field).toBe('reason');
    const noDemand = await t.call('operation', AUTH, change('suspendOperator'), { id: op.id, reason: '   ' });
    expect(noDemand.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rectification' });
    expect(codeOf(await t.call('operation', AUTH, change('suspendOperator'), { id: '331100:01ARZ3NDEKTSV4RRFFQ69G5FAV', reason: '违规' }))).toBe('NOT_FOUND');
    expect(codeOf(await t.call('operation', AUTH, change('suspendOperator'), { id: 'garbage', reason: '违规' }))).toBe('NOT_FOUND');
    expect((await t.call('operation', AUTH, GET, { id: op.id })).data!.operator).toMatchObject({ status: 'ACTIVE', version: 1 });
    expect(await auditCount()).toBe(before);
  });

  test('concurrent decisions on one authorization do not both win', async () => {
    const op = await license(await enterprise());
    const results = await Promise.all([
      t.call('operation', AUTH, change('suspendOperator'), { id: op.id, reason: '甲' }),
      t.call('operation', AUTH, change('revokeOperator'), { id: op.id, reason: '乙' }),
    ]);
    const ok = results.filter((r) => !r.errors);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    const final = (await t.call('operation', AUTH, GET, { id: op.id })).data!.operator;
    // Either both applied in order (suspend then revoke), or one lost with CONFLICT — never a lost update.
    expect(final.version).toBe(1 + ok.length);
    for (const r of results.filter((x) => x.errors)) expect(codeOf(r)).toBe('CONFLICT');
    expect((await auditFor(op.id)).length).toBe(1 + ok.length);
  });
});
