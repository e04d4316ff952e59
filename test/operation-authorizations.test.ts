import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Actor } from '../schema/auth.js';
import { addDays, todayInChina } from '../subgraphs/kit/rules/calendar.js';
import { auditor } from './support/access.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { startTestFederation } from './support/federation.js';
import { agency, authority } from './support/node.js';

/**
 * Data-use authorizations, one per scenario, across the federation: an operator of the city node
 * 331100 asks for entries of the city and of 莲都区 331102 (its own node); the service center and
 * the authority review on the city node, and each provider answers there, the district's through
 * the gateway routing by the application's ID [OPR-2, OPR-3, D §7, D §12-14, D §22].
 */

let f: Awaited<ReturnType<typeof startTestFederation>>;
const CITY = '331100';
const LIANDU = '331102';

const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;
const field = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.field;
const serviceCenter = (region: string): Actor => ({ sub: `service-center-${region}`, orgId: null, region, roles: ['SERVICE_CENTER'] });
const operatorToken = (orgId: string, operatorId: string): Actor => ({ sub: `operator-${operatorId}`, orgId, region: orgId.slice(0, 6), roles: ['OPERATOR'], account: operatorId });

const APPLY = `mutation($id: ID!, $input: ApplyForOperationAuthorizationInput!) { applyForOperationAuthorization(id: $id, input: $input) { id status scenarioName priorityDomain operatorTermEnd entries { resourceId entryName provider { id } items { name reason } answer } steps { kind } } }`;
const FIRST = `mutation($id: ID!, $input: FirstReviewOperationAuthorizationInput!) { firstReviewOperationAuthorization(id: $id, input: $input) { id status firstReviewOpinion reReviewDeadline { dueDate workingDays profile basis overdue } } }`;
const RE = `mutation($id: ID!, $input: ReReviewOperationAuthorizationInput!) { reReviewOperationAuthorization(id: $id, input: $input) { id status complianceAssessment expertCommitteeOpinion refusalReason confirmationDeadline { dueDate workingDays profile basis overdue } } }`;
const ANSWER = `mutation($id: ID!, $input: AnswerOperationAuthorizationEntryInput!) { answerOperationAuthorizationEntry(id: $id, input: $input) { id status grantedOn validUntil entries { resourceId answer confirmedItems answerReason } grantedEntries { resourceId providerId items } steps { kind } } }`;
const GET = `query($id: ID!) { operationAuthorization(id: $id) { id status operator { id } entries { resourceId answer } } }`;
const LIST = `query($filter: OperationAuthorizationFilter) { operationAuthorizations(filter: $filter, first: 100) { totalCount edges { node { id status overdue } } } }`;

const ASSESSMENT = {
  complianceAssessment: '场景符合授权范围，数据用途合法',
  riskAssessment: '使用脱敏抽样数据，风险可控',
  networkSecurityOpinion: '州网信办：同意，需落实日志留存',
  expertCommitteeOpinion: '数据专家委员会：同意',
};

interface Operator {
  org: string;
  id: string;
  actor: Actor;
  termEnd: string;
}

async function licensedOperator(region: string, name: string): Promise<Operator> {
  const org = await registerOrganization(f.call, region, name, 'ENTERPRISE');
  const op = (
    await f.must(authority(region), `mutation($input: CreateOperatorInput!) { createOperator(input: $input) { id termEnd } }`, {
      input: {
        organizationId: org,
        agreementNo: `SQYY-${region}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`,
        agreementSignedAt: todayInChina(),
        termStart: todayInChina(),
        scope: '文旅与交通数据产品',
      },
    })
  ).createOperator;
  return { org, id: op.id, actor: operatorToken(org, op.id), termEnd: op.termEnd };
}

let cityOperator: Operator;
let otherOperator: Operator;
let cityProvider: string;
let districtProvider: string;
let cityEntry: string;
let districtEntry: string;
let serial = 0;

const demand = (over: Record<string, unknown> = {}) => ({
  scenarioName: `景区客流预测 ${++serial}`,
  scenarioDescription: '按景区预测节假日客流，供景区和交通部门调度',
  valueKind: 'ECONOMIC_AND_SOCIAL',
  value: '缓解节假日拥堵，提升游客体验',
  priorityDomain: 'CULTURE_TOURISM',
  plan: '三个月建模，三个月试运行，之后推广到全市景区',
  goals: [{ description: '预测模型上线', dueDate: addDays(todayInChina(), 180) }],
  entries: [
    { resourceId: cityEntry, items: [{ name: '企业名称', reason: '识别景区经营主体' }] },
    {
      resourceId: districtEntry,
      items: [
        { name: '企业名称', reason: '识别辖区景区经营主体' },
        { name: '登记状态', reason: '排除已注销的经营主体' },
      ],
    },
  ],
  ...over,
});

const apply = (op: Operator, input: Record<string, unknown>) => f.gql(op.actor, APPLY, { id: op.id, input });
const applied = async (op: Operator, input = demand()) => (await f.must(op.actor, APPLY, { id: op.id, input })).applyForOperationAuthorization;
const firstReviewed = async (id: string, region = CITY) =>
  (await f.must(serviceCenter(region), FIRST, { id, input: { decision: 'PASS', opinion: '材料齐全' } })).firstReviewOperationAuthorization;
const reReviewed = async (id: string, region = CITY) => (await f.must(authority(region), RE, { id, input: { decision: 'APPROVE', ...ASSESSMENT } })).reReviewOperationAuthorization;
const count = async (actor: Actor = auditor(CITY)) => (await f.must(actor, LIST)).operationAuthorizations.totalCount as number;

beforeAll(async () => {
  f = await startTestFederation('operation_authorizations');
  cityOperator = await licensedOperator(CITY, '丽水文旅数据运营有限公司');
  otherOperator = await licensedOperator(CITY, '丽水交通数据运营有限公司');
  cityProvider = await registerOrganization(f.call, CITY, '丽水市市场监督管理局');
  districtProvider = await registerOrganization(f.call, LIANDU, '莲都区市场监督管理局');
  cityEntry = await publishResource(f.call, cityProvider, CITY);
  districtEntry = await publishResource(f.call, districtProvider, LIANDU, { shareAttribute: 'CONDITIONAL', shareCondition: '仅用于核验', shareReason: '涉及经营信息' });
}, 300_000);
afterAll(async () => f?.federation.stop());

describe('one scenario, one authorization [OPR-2, D §7, D §12-13]', () => {
  test('an operator submits a demand list naming entries on its own node and on a district node; two scenarios are two applications; the same scenario again while pending is a CONFLICT [D §13]', async () => {
    const input = demand();
    const a = await applied(cityOperator, input);
    expect(a).toMatchObject({ status: 'SUBMITTED', priorityDomain: 'CULTURE_TOURISM', operatorTermEnd: cityOperator.termEnd, steps: [{ kind: 'SUBMITTED' }] });
    expect(a.id.startsWith(`${CITY}:`)).toBe(true);
    expect(a.entries.map((e: any) => [e.resourceId, e.provider.id, e.answer])).toEqual([
      [cityEntry, cityProvider, 'PENDING'],
      [districtEntry, districtProvider, 'PENDING'],
    ]);
    const second = await applied(cityOperator);
    expect(second.id).not.toBe(a.id);

    const before = await count();
    const again = await apply(cityOperator, { ...input, scenarioName: `  ${input.scenarioName.replace(' ', '  ')} ` });
    expect(code(again)).toBe('CONFLICT');
    expect(again.errors![0]!.message).toContain('one scenario, one authorization');
    expect(await count()).toBe(before);
  });

  test('bad demand lists are refused naming the field, and nothing is written: an item without a reason, a goal after the agreement ends, an item the entry lacks [D §13 (二), D §13 (三), D §10]', async () => {
    const before = await count();
    const noReason = await apply(cityOperator, demand({ entries: [{ resourceId: cityEntry, items: [{ name: '企业名称', reason: '' }] }] }));
    expect([code(noReason), field(noReason)]).toEqual(['BAD_USER_INPUT', 'input.entries.0.items.0.reason']);
    const late = await apply(cityOperator, demand({ goals: [{ description: '推广', dueDate: addDays(cityOperator.termEnd, 1) }] }));
    expect([code(late), field(late)]).toEqual(['BAD_USER_INPUT', 'input.goals.0.dueDate']);
    expect(late.errors![0]!.message).toContain(cityOperator.termEnd);
    const unknownItem = await apply(cityOperator, demand({ entries: [{ resourceId: districtEntry, items: [{ name: '法定代表人身份证号', reason: '核验' }] }] }));
    expect([code(unknownItem), field(unknownItem)]).toEqual(['BAD_USER_INPUT', 'input.entries.0.items.0.name']);
    const badDomain = await apply(cityOperator, demand({ priorityDomain: 'SPACE' }));
    expect(badDomain.errors).toBeDefined();
    expect(await count()).toBe(before);
  });

  test('NOT_SHARED and PROHIBITED entries, on either node, cannot be asked for [B §22-23, Z §14, B §35]', async () => {
    const notShared = await publishResource(f.call, districtProvider, LIANDU, { shareAttribute: 'NOT_SHARED', legalBasis: '《中华人民共和国统计法》第九条' });
    const prohibited = await publishResource(f.call, cityProvider, CITY, { openAttribute: 'PROHIBITED' });
    for (const [resourceId, what] of [
      [notShared, 'NOT_SHARED'],
      [prohibited, 'PROHIBITED'],
    ] as const) {
      const r = await apply(cityOperator, demand({ entries: [{ resourceId, items: [{ name: '企业名称', reason: '识别' }] }] }));
      expect([code(r), field(r)]).toEqual(['BAD_USER_INPUT', 'input.entries.0.resourceId']);
      expect(r.errors![0]!.message).toContain(what);
    }
  });

  test('only the operator itself, in force, applies: another operator’s token, an agency and a suspended operator are refused [D §11, D §12, D §28]', async () => {
    const asOther = await f.gql(otherOperator.actor, APPLY, { id: cityOperator.id, input: demand() });
    expect(code(asOther)).toBe('FORBIDDEN');
    const asAgency = await f.gql(agency(cityProvider), APPLY, { id: cityOperator.id, input: demand() });
    expect(code(asAgency)).toBe('FORBIDDEN');
    const suspended = await licensedOperator(CITY, '丽水农业数据运营有限公司');
    await f.must(authority(CITY), `mutation($id: ID!, $input: SuspendOperatorInput!) { suspendOperator(id: $id, input: $input) { id } }`, {
      id: suspended.id,
      input: { violations: ['SECURITY_MEASURES_MISSING'], rectification: '落实安全措施', rectifyBy: addDays(todayInChina(), 30) },
    });
    const before = await count();
    const r = await apply(suspended, demand());
    // The gateway refuses every call with a suspended operator's tokens [D §11, D §28].
    expect(code(r)).toBe('ACCOUNT_SUSPENDED');
    expect(await count()).toBe(before);
  });
});

describe('two-stage review and the providers’ confirmation across nodes [OPR-3, D §14, D §22]', () => {
  test('service center, then the authority within 5 working days with the D §22 assessment, then each provider within 5 working days — the district agency answers on the city node; granted for exactly the confirmed items [D §14, D §22]', async () => {
    const a = await applied(cityOperator);
    // The district's provider sees the application naming its entry, through the merged list, and reads it.
    const seen = (await f.must(agency(districtProvider), LIST)).operationAuthorizations.edges.map((e: any) => e.node.id);
    expect(seen).toContain(a.id);
    expect((await f.must(agency(districtProvider), GET, { id: a.id })).operationAuthorization.id).toBe(a.id);
    // Not yet: the authority cannot re-review before the first review, providers cannot answer before the re-review.
    expect(code(await f.gql(authority(CITY), RE, { id: a.id, input: { decision: 'APPROVE', ...ASSESSMENT } }))).toBe('CONFLICT');
    expect(code(await f.gql(authority(CITY), FIRST, { id: a.id, input: { decision: 'PASS' } }))).toBe('FORBIDDEN');

    const first = await firstReviewed(a.id);
    expect(first.status).toBe('FIRST_REVIEWED');
    expect(first.reReviewDeadline).toMatchObject({ workingDays: 5, profile: 'D', overdue: false });
    expect(first.reReviewDeadline.basis).toContain('D §14');
    expect(first.reReviewDeadline.dueDate > todayInChina()).toBe(true);

    const unassessed = await f.gql(authority(CITY), RE, { id: a.id, input: { decision: 'APPROVE', ...ASSESSMENT, expertCommitteeOpinion: null } });
    expect([code(unassessed), field(unassessed)]).toEqual(['BAD_USER_INPUT', 'input.expertCommitteeOpinion']);
    expect(code(await f.gql(serviceCenter(CITY), RE, { id: a.id, input: { decision: 'APPROVE', ...ASSESSMENT } }))).toBe('FORBIDDEN');
    const re = await reReviewed(a.id);
    expect(re).toMatchObject({
      status: 'RE_REVIEWED',
      complianceAssessment: ASSESSMENT.complianceAssessment,
      confirmationDeadline: { workingDays: 5, profile: 'D', overdue: false },
    });

    // A provider answers for its own entries only.
    expect(code(await f.gql(agency(cityProvider), ANSWER, { id: a.id, input: { resourceId: districtEntry, decision: 'CONFIRM' } }))).toBe('FORBIDDEN');
    const district = await f.gql(agency(districtProvider), ANSWER, {
      id: a.id,
      input: { resourceId: districtEntry, decision: 'CONFIRM', itemNames: ['企业名称'], reason: '登记状态另行共享' },
    });
    expect(district.errors).toBeUndefined();
    expect(district.data!.answerOperationAuthorizationEntry).toMatchObject({ status: 'RE_REVIEWED', grantedEntries: [] });
    const again = await f.gql(agency(districtProvider), ANSWER, { id: a.id, input: { resourceId: districtEntry, decision: 'CONFIRM' } });
    expect(code(again)).toBe('CONFLICT');

    const decline = await f.must(agency(cityProvider), ANSWER, { id: a.id, input: { resourceId: cityEntry, decision: 'DECLINE', reason: '该数据正在治理，暂不提供' } });
    const done = decline.answerOperationAuthorizationEntry;
    expect(done).toMatchObject({ status: 'GRANTED', grantedOn: todayInChina(), validUntil: cityOperator.termEnd });
    expect(done.grantedEntries).toEqual([{ resourceId: districtEntry, providerId: districtProvider, items: ['企业名称'] }]);
    expect(done.steps.map((s: any) => s.kind)).toEqual(['SUBMITTED', 'FIRST_REVIEW_PASSED', 'RE_REVIEW_APPROVED', 'PROVIDER_CONFIRMED', 'PROVIDER_DECLINED', 'GRANTED']);
    // A second application for a granted scenario is refused [D §13].
    const scenarioName = (await f.must(cityOperator.actor, `query($id: ID!) { operationAuthorization(id: $id) { scenarioName } }`, { id: a.id })).operationAuthorization
      .scenarioName;
    expect(code(await apply(cityOperator, demand({ scenarioName })))).toBe('CONFLICT');
  });

  test('a granted authorization is paused while its operator is suspended and ends the day after an unmet rectification deadline, shown as such [OPR-9, D §28]', async () => {
    const op = await licensedOperator(CITY, '丽水交通数据运营有限公司');
    const a = await applied(op, demand({ entries: [{ resourceId: districtEntry, items: [{ name: '企业名称', reason: '识别' }] }] }));
    await firstReviewed(a.id);
    await reReviewed(a.id);
    await f.must(agency(districtProvider), ANSWER, { id: a.id, input: { resourceId: districtEntry, decision: 'CONFIRM' } });
    const STANDING = `query($id: ID!) { operationAuthorization(id: $id) { status standing endedOn } }`;
    expect((await f.must(authority(CITY), STANDING, { id: a.id })).operationAuthorization).toEqual({ status: 'GRANTED', standing: 'IN_FORCE', endedOn: null });

    const rectifyBy = addDays(todayInChina(), 20);
    await f.must(authority(CITY), `mutation($id: ID!, $input: SuspendOperatorInput!) { suspendOperator(id: $id, input: $input) { id } }`, {
      id: op.id,
      input: { violations: ['MISUSE_OF_DATA'], rectification: '停止超范围使用', rectifyBy },
    });
    expect((await f.must(authority(CITY), STANDING, { id: a.id })).operationAuthorization).toEqual({ status: 'GRANTED', standing: 'OPERATOR_SUSPENDED', endedOn: null });
    // The deadline passes unmet (a test does not wait 20 days): from the next day every authorization has ended.
    const lapsed = addDays(todayInChina(), -2);
    await f.federation.nodes
      .get('lishui')!
      .subgraphs.operation!.orm.em.fork()
      .getConnection()
      .execute('update "operation".operator set rectify_by = ? where id = ?', [lapsed, op.id]);
    expect((await f.must(authority(CITY), STANDING, { id: a.id })).operationAuthorization).toEqual({ status: 'GRANTED', standing: 'ENDED', endedOn: addDays(lapsed, 1) });
  });

  test('nothing confirmed is not granted, a clear status [D §14]', async () => {
    const a = await applied(cityOperator, demand({ entries: [{ resourceId: districtEntry, items: [{ name: '企业名称', reason: '识别' }] }] }));
    await firstReviewed(a.id);
    await reReviewed(a.id);
    const r = (await f.must(agency(districtProvider), ANSWER, { id: a.id, input: { resourceId: districtEntry, decision: 'DECLINE', reason: '涉及经营信息' } }))
      .answerOperationAuthorizationEntry;
    expect(r).toMatchObject({ status: 'NOT_GRANTED', grantedOn: null, grantedEntries: [] });
  });

  test('returned at first review with the reason, refused at re-review with the reason; the returned scenario may be applied for again [D §14]', async () => {
    const input = demand();
    const a = await applied(cityOperator, input);
    const noReason = await f.gql(serviceCenter(CITY), FIRST, { id: a.id, input: { decision: 'RETURN' } });
    expect([code(noReason), field(noReason)]).toEqual(['BAD_USER_INPUT', 'input.opinion']);
    const returned = (await f.must(serviceCenter(CITY), FIRST, { id: a.id, input: { decision: 'RETURN', opinion: '实施计划不具体' } })).firstReviewOperationAuthorization;
    expect(returned).toMatchObject({ status: 'RETURNED', firstReviewOpinion: '实施计划不具体', reReviewDeadline: null });
    const b = await applied(cityOperator, input);
    await firstReviewed(b.id);
    const refused = (await f.must(authority(CITY), RE, { id: b.id, input: { decision: 'REFUSE', reason: '场景价值不明确', riskAssessment: '风险较高' } }))
      .reReviewOperationAuthorization;
    expect(refused).toMatchObject({ status: 'REFUSED', refusalReason: '场景价值不明确', confirmationDeadline: null });
  });

  test('who sees what: the operator its own, not another operator’s; the service center and authorities of the region; auditors read; the public is told to sign in [D §12-14, D §24]', async () => {
    const a = await applied(cityOperator);
    expect((await f.must(cityOperator.actor, GET, { id: a.id })).operationAuthorization.operator.id).toBe(cityOperator.id);
    expect((await f.must(otherOperator.actor, GET, { id: a.id })).operationAuthorization).toBeNull();
    expect((await f.must(otherOperator.actor, LIST)).operationAuthorizations.edges.map((e: any) => e.node.id)).not.toContain(a.id);
    for (const reader of [serviceCenter(CITY), authority(CITY), auditor(CITY)]) expect((await f.must(reader, GET, { id: a.id })).operationAuthorization?.id).toBe(a.id);
    for (const stranger of [serviceCenter(LIANDU), authority(LIANDU), agency(await registerOrganization(f.call, CITY, '丽水市气象局'))]) {
      expect((await f.must(stranger, GET, { id: a.id })).operationAuthorization).toBeNull();
    }
    expect(code(await f.gql(null, LIST))).toBe('UNAUTHENTICATED');
  });

  test('overdue steps are listed for the authority, merged across nodes: a city re-review and a district confirmation past their due dates [D §14, SEC-6]', async () => {
    const cityLate = await applied(cityOperator);
    await firstReviewed(cityLate.id);
    const districtOperator = await licensedOperator(LIANDU, '莲都文旅数据运营有限公司');
    const districtLate = await applied(districtOperator, demand({ entries: [{ resourceId: districtEntry, items: [{ name: '企业名称', reason: '识别' }] }] }));
    expect(districtLate.id.startsWith(`${LIANDU}:`)).toBe(true);
    await firstReviewed(districtLate.id, LIANDU);
    await reReviewed(districtLate.id, LIANDU);
    // As if reviewed two weeks ago: the due dates the platform gave then, now past.
    const past = addDays(todayInChina(), -3);
    const sql = (node: string) => f.federation.nodes.get(node)!.subgraphs.operation!.orm.em.fork().getConnection();
    await sql('lishui').execute(`update "operation"."operation_authorization" set re_review_due = ? where id = ?`, [past, cityLate.id]);
    await sql('liandu').execute(`update "operation"."operation_authorization" set confirmation_due = ? where id = ?`, [past, districtLate.id]);

    const overdue = (await f.must(authority(CITY), LIST, { filter: { overdue: true } })).operationAuthorizations.edges.map((e: any) => e.node);
    expect(overdue.map((n: any) => n.id)).toEqual(expect.arrayContaining([cityLate.id, districtLate.id]));
    expect(overdue.every((n: any) => n.overdue)).toBe(true);
    const onTime = (await f.must(authority(CITY), LIST, { filter: { overdue: false } })).operationAuthorizations.edges.map((e: any) => e.node.id);
    expect(onTime).not.toContain(cityLate.id);
    const late = (await f.must(authority(LIANDU), `query($id: ID!) { operationAuthorization(id: $id) { confirmationDeadline { overdue dueDate } } }`, { id: districtLate.id }))
      .operationAuthorization;
    expect(late.confirmationDeadline).toEqual({ overdue: true, dueDate: past });
    // A late answer is still taken, and grants.
    const answered = (await f.must(agency(districtProvider), ANSWER, { id: districtLate.id, input: { resourceId: districtEntry, decision: 'CONFIRM' } }))
      .answerOperationAuthorizationEntry;
    expect(answered.status).toBe('GRANTED');
  });

  test('a demand list handed in on paper is recorded by the service center with the day received, and reviews recorded later keep their real days: a step late by then is overdue at once [D §12, D §14, SEC-6]', async () => {
    const today = todayInChina();
    const received = addDays(today, -20);
    // Only the service center records a paper list; an operator cannot date its own submission.
    expect(code(await apply(cityOperator, demand({ receivedOn: received })))).toBe('FORBIDDEN');
    expect(code(await f.gql(serviceCenter(LIANDU), APPLY, { id: cityOperator.id, input: demand({ receivedOn: received }) }))).toBe('FORBIDDEN');
    const future = await f.gql(serviceCenter(CITY), APPLY, { id: cityOperator.id, input: demand({ receivedOn: addDays(today, 1) }) });
    expect([code(future), field(future)]).toEqual(['BAD_USER_INPUT', 'input.receivedOn']);
    const before = await count();

    const onPaper = (await f.must(serviceCenter(CITY), APPLY, { id: cityOperator.id, input: demand({ receivedOn: received }) })).applyForOperationAuthorization;
    expect(await count()).toBe(before + 1);
    const tooEarly = await f.gql(serviceCenter(CITY), FIRST, { id: onPaper.id, input: { decision: 'PASS', reviewedOn: addDays(received, -1) } });
    expect([code(tooEarly), field(tooEarly)]).toEqual(['BAD_USER_INPUT', 'input.reviewedOn']);
    const first = (await f.must(serviceCenter(CITY), FIRST, { id: onPaper.id, input: { decision: 'PASS', opinion: '材料齐全', reviewedOn: addDays(today, -18) } }))
      .firstReviewOperationAuthorization;
    expect(first.reReviewDeadline.workingDays).toBe(5);
    expect(first.reReviewDeadline.dueDate < today).toBe(true);
    expect(first.reReviewDeadline.overdue).toBe(true);

    const second = (await f.must(serviceCenter(CITY), APPLY, { id: cityOperator.id, input: demand({ receivedOn: received }) })).applyForOperationAuthorization;
    await f.must(serviceCenter(CITY), FIRST, { id: second.id, input: { decision: 'PASS', reviewedOn: addDays(today, -19) } });
    const beforeFirst = await f.gql(authority(CITY), RE, { id: second.id, input: { decision: 'APPROVE', ...ASSESSMENT, reviewedOn: addDays(today, -20) } });
    expect([code(beforeFirst), field(beforeFirst)]).toEqual(['BAD_USER_INPUT', 'input.reviewedOn']);
    const re = (await f.must(authority(CITY), RE, { id: second.id, input: { decision: 'APPROVE', ...ASSESSMENT, reviewedOn: addDays(today, -12) } }))
      .reReviewOperationAuthorization;
    expect(re.confirmationDeadline.overdue).toBe(true);

    const overdue = (await f.must(authority(CITY), LIST, { filter: { overdue: true } })).operationAuthorizations.edges.map((e: any) => e.node.id);
    expect(overdue).toEqual(expect.arrayContaining([onPaper.id, second.id]));
    const shown = (await f.must(authority(CITY), `query($id: ID!) { operationAuthorization(id: $id) { receivedOn steps { kind at } } }`, { id: onPaper.id }))
      .operationAuthorization;
    expect(shown.receivedOn).toBe(received);
    expect(shown.steps.map((s: any) => [s.kind, todayInChina(new Date(s.at))])).toEqual([
      ['SUBMITTED', received],
      ['FIRST_REVIEW_PASSED', addDays(today, -18)],
    ]);
  });
});
