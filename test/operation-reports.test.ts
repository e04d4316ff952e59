import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Actor } from '../schema/auth.js';
import { newId } from '../schema/ids.js';
import { addDays, todayInChina } from '../subgraphs/kit/rules/calendar.js';
import { auditor, operatorActor } from './support/access.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { startTestFederation } from './support/federation.js';
import { agency, authority, isBackgroundStatement } from './support/node.js';

/**
 * Operators' reports [OPR-7, D §20] and governance feedback [OPR-8, D §16] through the gateway,
 * across the city node (丽水市 331100) and a district with its own node (莲都区 331102): an
 * operator of the city reports a problem in a district entry, the district authority sets the
 * district agency its deadline, the agency answers, and an overdue item shows in the city
 * authority's list and in the district agency's catalog evaluation.
 */

let f: Awaited<ReturnType<typeof startTestFederation>>;
const CITY = '331100';
const LIANDU = '331102';
let districtOperationStatements = 0;

beforeAll(async () => {
  f = await startTestFederation('op_reports', undefined, {
    onQuery: (node, subgraph, sql) => {
      if (node === 'liandu' && subgraph === 'operation' && !isBackgroundStatement(sql)) districtOperationStatements += 1;
    },
  });
}, 300_000);
afterAll(async () => f?.federation.stop());

let agreements = 0;
/** An enterprise of `region` licensed `daysAgo` days ago for three years: its operator record and organization. */
async function licensed(region: string, name: string, daysAgo: number): Promise<{ id: string; org: string; actor: Actor }> {
  const org = await registerOrganization(f.call, region, name, 'ENTERPRISE');
  const start = addDays(todayInChina(), -daysAgo);
  const id = (
    await f.must(authority(region), `mutation($input: CreateOperatorInput!) { createOperator(input: $input) { id } }`, {
      input: {
        organizationId: org,
        agreementNo: `SQYY-${region}-${++agreements}-${Date.now()}`,
        agreementSignedAt: start,
        termStart: start,
        termYears: 3,
        scope: '文旅数据产品开发',
      },
    })
  ).createOperator.id as string;
  return { id, org, actor: { ...operatorActor(org), account: id } };
}

const SECTIONS = {
  storage: '授权数据存储于市政务云运营域，按等级保护三级管理',
  processing: '完成景区客流数据脱敏加工',
  analysis: '建立节假日客流预测模型',
  fusion: '与气象数据融合形成出行建议',
  marketOperation: '向2家文旅企业提供数据服务',
};
const FILE_REPORT = `mutation($id: ID!, $input: FileOperatorReportInput!) { fileOperatorReport(id: $id, input: $input) { id kind periodNumber periodStart periodEnd dueDate onTime operator { id } } }`;
const REPORT = `query($id: ID!) { operatorReport(id: $id) { id storage marketOperation } }`;
const MISSING = `query($op: ID) { missingOperatorReports(operatorId: $op) { operator { id } kind period periodStart periodEnd dueDate } }`;
const REPORTS = `query($op: ID) { operatorReports(operatorId: $op, first: 100) { totalCount } }`;
const codeOf = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;
const fieldOf = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.field;

describe('operation reports [OPR-7, D §20]', () => {
  test('the operator files quarterly and annual reports per agreement, five sections each; once per period; missing periods are listed for the authority [D §20]', async () => {
    const op = await licensed(CITY, '丽水文旅数据运营有限公司', 500);
    const missingOf = async (actor: Actor) => (await f.must(actor, MISSING, { op: op.id })).missingOperatorReports as any[];
    const before = await missingOf(authority(CITY));
    // 500 days into the term: five quarters and the first agreement year are past their due dates.
    expect(before.map((m) => `${m.kind}:${m.period}`)).toEqual(['PERIODIC:1', 'PERIODIC:2', 'PERIODIC:3', 'PERIODIC:4', 'PERIODIC:5', 'ANNUAL:1']);
    expect(before[0]).toMatchObject({ operator: { id: op.id }, periodStart: addDays(todayInChina(), -500) });

    const filed = (await f.must(op.actor, FILE_REPORT, { id: op.id, input: { kind: 'PERIODIC', period: 1, ...SECTIONS } })).fileOperatorReport;
    expect(filed).toMatchObject({
      kind: 'PERIODIC',
      periodNumber: 1,
      periodStart: before[0].periodStart,
      periodEnd: before[0].periodEnd,
      dueDate: before[0].dueDate,
      onTime: false,
      operator: { id: op.id },
    });
    const annual = (await f.must(op.actor, FILE_REPORT, { id: op.id, input: { kind: 'ANNUAL', period: 1, ...SECTIONS } })).fileOperatorReport;
    expect(annual).toMatchObject({ kind: 'ANNUAL', periodNumber: 1, periodStart: before[0].periodStart, dueDate: before[5].dueDate });

    const again = await f.gql(op.actor, FILE_REPORT, { id: op.id, input: { kind: 'PERIODIC', period: 1, ...SECTIONS, storage: '改写' } });
    expect(codeOf(again)).toBe('CONFLICT');
    expect((await missingOf(authority(CITY))).map((m) => `${m.kind}:${m.period}`)).toEqual(['PERIODIC:2', 'PERIODIC:3', 'PERIODIC:4', 'PERIODIC:5']);
    // The operator sees its own missing reports; an agency sees none.
    expect(await missingOf(op.actor)).toHaveLength(4);
    expect(await missingOf(agency(await registerOrganization(f.call, CITY, '丽水市文化和广电旅游体育局')))).toEqual([]);
    expect(codeOf(await f.gql(null, MISSING, {}))).toBe('UNAUTHENTICATED');
  });

  test('bad input names its field and writes nothing; only the operator itself files [D §20]', async () => {
    const op = await licensed(CITY, '丽水数据服务有限公司', 200);
    const count = async () => (await f.must(authority(CITY), REPORTS, { op: op.id })).operatorReports.totalCount as number;
    const tries: [Actor, Record<string, unknown>, string, string?][] = [
      [op.actor, { kind: 'PERIODIC', period: 1, ...SECTIONS, fusion: '  ' }, 'BAD_USER_INPUT', 'input.fusion'],
      [op.actor, { kind: 'PERIODIC', period: 12, ...SECTIONS }, 'BAD_USER_INPUT', 'input.period'],
      [op.actor, { kind: 'PERIODIC', period: 13, ...SECTIONS }, 'BAD_USER_INPUT', 'input.period'],
      [op.actor, { kind: 'ANNUAL', period: 1, ...SECTIONS }, 'BAD_USER_INPUT', 'input.period'],
      [authority(CITY), { kind: 'PERIODIC', period: 1, ...SECTIONS }, 'FORBIDDEN'],
      [agency(op.org), { kind: 'PERIODIC', period: 1, ...SECTIONS }, 'FORBIDDEN'],
      [(await licensed(CITY, '丽水其他运营公司', 100)).actor, { kind: 'PERIODIC', period: 1, ...SECTIONS }, 'FORBIDDEN'],
      // A token naming no operator record of its organization is refused at the gateway [D §11].
      [{ ...op.actor, account: newId(CITY) }, { kind: 'PERIODIC', period: 1, ...SECTIONS }, 'UNAUTHENTICATED'],
    ];
    for (const [actor, input, code, field] of tries) {
      const r = await f.gql(actor, FILE_REPORT, { id: op.id, input });
      expect({ input, code: codeOf(r), field: fieldOf(r) }).toEqual({ input, code, field });
    }
    expect(await count()).toBe(0);
    // A token naming the operator record acts as it.
    const ok = await f.gql({ ...op.actor, account: op.id }, FILE_REPORT, { id: op.id, input: { kind: 'PERIODIC', period: 1, ...SECTIONS } });
    expect(ok.errors).toBeUndefined();
    expect(await count()).toBe(1);
  });

  test('authorities and auditors of the region and the operator itself read reports, nobody else; merged across nodes [D §20, D §24]', async () => {
    const city = await licensed(CITY, '丽水智慧交通数据公司', 200);
    const district = await licensed(LIANDU, '莲都区数字经济发展有限公司', 200);
    const cityReport = (await f.must(city.actor, FILE_REPORT, { id: city.id, input: { kind: 'PERIODIC', period: 1, ...SECTIONS } })).fileOperatorReport.id;
    const districtReport = (await f.must(district.actor, FILE_REPORT, { id: district.id, input: { kind: 'PERIODIC', period: 1, ...SECTIONS } })).fileOperatorReport.id;
    const sees = async (actor: Actor | null, id: string) => (await f.gql(actor, REPORT, { id })).data?.operatorReport?.id === id;
    expect(await sees(city.actor, cityReport)).toBe(true);
    expect(await sees(authority(CITY), cityReport)).toBe(true);
    expect(await sees(auditor(CITY), cityReport)).toBe(true);
    expect(await sees(authority(CITY), districtReport)).toBe(true);
    expect(await sees(authority(LIANDU), districtReport)).toBe(true);
    expect(await sees(authority(LIANDU), cityReport)).toBe(false);
    expect(await sees(district.actor, cityReport)).toBe(false);
    expect(await sees(agency(city.org), cityReport)).toBe(false);
    expect(await sees(null, cityReport)).toBe(false);
    const listed = (await f.must(authority(CITY), `{ operatorReports(first: 100) { edges { node { id } } } }`)).operatorReports.edges.map((e: any) => e.node.id);
    expect(listed).toEqual(expect.arrayContaining([cityReport, districtReport]));
    const missing = (await f.must(authority(CITY), `{ missingOperatorReports { operator { id } } }`)).missingOperatorReports.map((m: any) => m.operator.id);
    expect(missing).toEqual(expect.arrayContaining([city.id, district.id]));
    const districtOnly = (await f.must(authority(LIANDU), `{ missingOperatorReports { operator { id } } }`)).missingOperatorReports.map((m: any) => m.operator.id);
    expect(districtOnly).toContain(district.id);
    expect(districtOnly).not.toContain(city.id);
  });
});

const FILE_FEEDBACK = `mutation($input: FileGovernanceFeedbackInput!) { fileGovernanceFeedback(input: $input) { id status itemNames dueDate resource { id name } provider { id name } operatorId operatorOrganization { name } } }`;
const SET_DEADLINE = `mutation($id: ID!, $d: LocalDate, $n: Int) { setGovernanceFeedbackDeadline(id: $id, dueDate: $d, workingDays: $n) { id status dueDate deadlineWorkingDays deadlineBasis overdue } }`;
const ANSWER = `mutation($id: ID!, $a: String!) { answerGovernanceFeedback(id: $id, answer: $a) { id status answer answeredOnTime } }`;
const FEEDBACK_LIST = `query($filter: GovernanceFeedbackFilter) { governanceFeedbackItems(first: 100, filter: $filter) { totalCount edges { node { id overdue } } } }`;

describe('governance feedback [OPR-8, D §16]', () => {
  let operator: Awaited<ReturnType<typeof licensed>>;
  let provider: string;
  let resourceId: string;
  const listedFor = async (actor: Actor, filter: Record<string, unknown> | null = null) =>
    (await f.must(actor, FEEDBACK_LIST, { filter })).governanceFeedbackItems.edges.map((e: any) => e.node.id as string);
  const evaluation = async (actor: Actor, org: string) =>
    (await f.must(actor, `query($id: ID!) { organization(id: $id) { catalogEvaluation { overdueGovernanceFeedback } } }`, { id: org })).organization.catalogEvaluation
      .overdueGovernanceFeedback;

  beforeAll(async () => {
    operator = await licensed(CITY, '丽水瓯江数据运营有限公司', 30);
    provider = await registerOrganization(f.call, LIANDU, '丽水市莲都区市场监督管理局');
    resourceId = await publishResource(f.call, provider, LIANDU, { name: '莲都区企业登记信息' });
  }, 120_000);

  test('an operator of the city reports a problem in a district entry; the district authority sets the deadline; the district agency answers [D §16]', async () => {
    const filed = (await f.must(operator.actor, FILE_FEEDBACK, { input: { resourceId, itemNames: ['登记状态'], description: '约3%的企业登记状态与实际不符（已注销仍为存续）' } }))
      .fileGovernanceFeedback;
    expect(filed).toMatchObject({
      status: 'FILED',
      itemNames: ['登记状态'],
      dueDate: null,
      resource: { id: resourceId, name: '莲都区企业登记信息' },
      provider: { id: provider, name: '丽水市莲都区市场监督管理局' },
      operatorId: operator.id,
      operatorOrganization: { name: '丽水瓯江数据运营有限公司' },
    });
    expect(filed.id.startsWith(`${LIANDU}:`)).toBe(true);

    // The city authority supervises the district's node: it reads, it does not set the deadline.
    expect(codeOf(await f.gql(authority(CITY), SET_DEADLINE, { id: filed.id, n: 5 }))).toBe('FORBIDDEN');
    expect(codeOf(await f.gql(agency(provider), SET_DEADLINE, { id: filed.id, n: 5 }))).toBe('FORBIDDEN');
    expect(fieldOf(await f.gql(authority(LIANDU), SET_DEADLINE, { id: filed.id }))).toBe('dueDate');
    const set = (await f.must(authority(LIANDU), SET_DEADLINE, { id: filed.id, n: 5 })).setGovernanceFeedbackDeadline;
    expect(set).toMatchObject({ status: 'OPEN', deadlineWorkingDays: 5, overdue: false });
    expect(set.dueDate > todayInChina()).toBe(true);
    expect(set.deadlineBasis).toContain('D §16');
    expect(codeOf(await f.gql(authority(LIANDU), SET_DEADLINE, { id: filed.id, n: 10 }))).toBe('CONFLICT');

    const other = await registerOrganization(f.call, LIANDU, '丽水市莲都区统计局');
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(codeOf(await f.gql(agency(other), ANSWER, { id: filed.id, a: '已更正' })));
    expect(codeOf(await f.gql(operator.actor, ANSWER, { id: filed.id, a: '已更正' }))).toBe('FORBIDDEN');
    const answered = (await f.must(agency(provider), ANSWER, { id: filed.id, a: '已核对市场主体登记系统，更正1,204条登记状态' })).answerGovernanceFeedback;
    expect(answered).toMatchObject({ status: 'ANSWERED', answeredOnTime: true });
    expect(codeOf(await f.gql(agency(provider), ANSWER, { id: filed.id, a: '再次答复' }))).toBe('CONFLICT');

    const one = `query($id: ID!) { governanceFeedback(id: $id) { id answer } }`;
    for (const actor of [operator.actor, agency(provider), authority(LIANDU), authority(CITY), auditor(CITY)])
      expect((await f.must(actor, one, { id: filed.id })).governanceFeedback?.answer).toContain('更正');
    for (const actor of [agency(other), authority('331181'), (await licensed(CITY, '丽水另一运营公司', 100)).actor])
      expect((await f.must(actor, one, { id: filed.id })).governanceFeedback).toBeNull();
  });

  test('bad input names its field and writes nothing; only an operator in force files [D §16]', async () => {
    const count = async () => (await f.must(authority(LIANDU), FEEDBACK_LIST, { filter: { resourceId } })).governanceFeedbackItems.totalCount as number;
    const before = await count();
    const input = { resourceId, itemNames: ['登记状态'], description: '登记状态有误' };
    const unlicensed = operatorActor(await registerOrganization(f.call, CITY, '丽水未授权数据公司', 'ENTERPRISE'));
    const tries: [Actor, Record<string, unknown>, string, string?][] = [
      [operator.actor, { ...input, itemNames: ['注册资本'] }, 'BAD_USER_INPUT', 'input.itemNames'],
      [operator.actor, { ...input, itemNames: [] }, 'BAD_USER_INPUT', 'input.itemNames'],
      [operator.actor, { ...input, description: ' ' }, 'BAD_USER_INPUT', 'input.description'],
      [operator.actor, { ...input, resourceId: newId(LIANDU) }, 'BAD_USER_INPUT', 'input.resourceId'],
      [agency(provider), input, 'FORBIDDEN'],
      [authority(LIANDU), input, 'FORBIDDEN'],
      // An enterprise that holds no authorization has no operator token the gateway accepts [D §11].
      [unlicensed, input, 'UNAUTHENTICATED'],
      [{ ...operator.actor, account: newId(CITY) }, input, 'UNAUTHENTICATED'],
    ];
    for (const [actor, given, code, field] of tries) {
      const r = await f.gql(actor, FILE_FEEDBACK, { input: given });
      expect({ given, code: codeOf(r), field: fieldOf(r) }).toEqual({ given, code, field });
    }
    expect(await count()).toBe(before);
    const byAccount = await f.gql({ ...operator.actor, account: operator.id }, FILE_FEEDBACK, { input });
    expect(byAccount.errors).toBeUndefined();
  });

  test("an overdue item shows in the city authority's list, merged across nodes, and in the district agency's catalog evaluation [D §16, CAT-9, B §48]", async () => {
    expect(await evaluation(agency(provider), provider)).toBe(0);
    const filed = (await f.must(operator.actor, FILE_FEEDBACK, { input: { resourceId, itemNames: ['企业名称'], description: '部分企业名称含乱码' } })).fileGovernanceFeedback;
    await f.must(authority(LIANDU), SET_DEADLINE, { id: filed.id, d: addDays(todayInChina(), 3) });
    expect(await listedFor(authority(CITY), { overdue: true })).not.toContain(filed.id);
    // A test does not wait for the deadline: the district's operation database moves it into the past.
    await f.federation.nodes
      .get('liandu')!
      .subgraphs.operation!.orm.em.fork()
      .getConnection()
      .execute(`update "operation"."governance_feedback" set due_date = '2020-01-02' where id = ?`, [filed.id]);
    expect(await listedFor(authority(CITY), { overdue: true })).toContain(filed.id);
    expect(await listedFor(authority(LIANDU), { overdue: true })).toContain(filed.id);
    expect(await listedFor(agency(provider), { overdue: true })).toContain(filed.id);
    expect(await listedFor(operator.actor, { overdue: true })).toContain(filed.id);
    expect(await listedFor(authority(CITY), { overdue: false })).not.toContain(filed.id);
    expect(await evaluation(agency(provider), provider)).toBe(1);
    expect(await evaluation(authority(CITY), provider)).toBe(1);
    expect(codeOf(await f.gql(null, FEEDBACK_LIST, {}))).toBe('UNAUTHENTICATED');
  });

  test('the evaluation of many agencies reads their overdue feedback in one call and one statement: no N+1 [CAT-9]', async () => {
    for (let i = 0; i < 6; i++) await registerOrganization(f.call, LIANDU, `丽水市莲都区评价测试局${i}`);
    const Q = `query($n: Int) { organizations(scope: { regionCode: "${LIANDU}" }, first: $n) { edges { node { id catalogEvaluation { overdueGovernanceFeedback } } } } }`;
    const statementsFor = async (n: number) => {
      const before = districtOperationStatements;
      const r = await f.must(authority(LIANDU), Q, { n });
      expect(r.organizations.edges).toHaveLength(n);
      return districtOperationStatements - before;
    };
    const few = await statementsFor(2);
    const many = await statementsFor(8);
    expect(many).toBe(few);
    expect(many).toBe(1);
  });
});

describe('an operator’s evaluation [D §22, D §24-25]', () => {
  const EVALUATION = `query($id: ID!) { operator(id: $id) { evaluation { authorizationsGranted productsReleased reportsFiled reportsOnTime feedbackFiled sanctions } } }`;

  test('reports filed and on time, feedback filed on another node’s entries, sanctions; the operator and its overseers read it, no one else [D §16, D §20, D §28]', async () => {
    const op = await licensed(CITY, '丽水评价数据运营有限公司', 400);
    // Its first quarter was due long ago: filed now, late.
    await f.must(op.actor, FILE_REPORT, { id: op.id, input: { kind: 'PERIODIC', period: 1, ...SECTIONS } });
    const provider = await registerOrganization(f.call, LIANDU, '丽水市莲都区评价提供局');
    const entry = await publishResource(f.call, provider, LIANDU, { name: '莲都区评价登记信息' });
    await f.must(op.actor, FILE_FEEDBACK, { input: { resourceId: entry, itemNames: ['登记状态'], description: '状态与实际不符' } });
    await f.must(authority(CITY), `mutation($id: ID!, $input: SuspendOperatorInput!) { suspendOperator(id: $id, input: $input) { id } }`, {
      id: op.id,
      input: { violations: ['MISUSE_OF_DATA'], rectification: '停止超范围使用', rectifyBy: addDays(todayInChina(), 30) },
    });
    const expected = { authorizationsGranted: 0, productsReleased: 0, reportsFiled: 1, reportsOnTime: 0, feedbackFiled: 1, sanctions: 1 };
    expect((await f.must(authority(CITY), EVALUATION, { id: op.id })).operator.evaluation).toEqual(expected);
    expect((await f.must(auditor(CITY), EVALUATION, { id: op.id })).operator.evaluation).toEqual(expected);
    expect((await f.must(authority(LIANDU), EVALUATION, { id: op.id })).operator?.evaluation ?? null).toBeNull();
    expect((await f.must(agency(provider, LIANDU), EVALUATION, { id: op.id })).operator?.evaluation ?? null).toBeNull();
  });

  test('operators on the district node are evaluated in one statement there, however many: no N+1 [D §24]', async () => {
    for (let i = 0; i < 4; i++) await licensed(LIANDU, `莲都评价运营公司${i}`, 10);
    const Q = `query($n: Int) { operators(scope: { regionCode: "${LIANDU}" }, first: $n) { edges { node { id evaluation { reportsFiled } } } } }`;
    const statementsFor = async (n: number) => {
      const before = districtOperationStatements;
      const r = await f.must(authority(LIANDU), Q, { n });
      expect(r.operators.edges).toHaveLength(n);
      return districtOperationStatements - before;
    };
    expect(await statementsFor(4)).toBe(await statementsFor(2));
  });
});
