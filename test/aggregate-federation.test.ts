import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Actor } from '../schema/auth.js';
import { addDays, todayInChina } from '../subgraphs/kit/rules/calendar.js';
import { citizenIdCheckChar } from '../subgraphs/kit/rules/citizen-id.js';
import { auditor } from './support/access.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { startTestFederation } from './support/federation.js';
import { loadRecords } from './support/records.js';
import { agency, authority } from './support/node.js';

/**
 * Usable but invisible, city-wide [D §15, D §17, Z §20, OPR-4, OPN-2]: air-quality entries of the
 * city 331100 (node lishui), 莲都区 331102 (node liandu) and 龙泉市 331181 (node longquan) with the
 * same items; a public data user under their MODEL offers submits one aggregate across the three
 * nodes; each node computes and holds its partial; the city authority approves on every node; the
 * gateway merges the partials and suppresses small groups only after the merge.
 */

let f: Awaited<ReturnType<typeof startTestFederation>>;
const CITY = '331100';
const LIANDU = '331102';
const LONGQUAN = '331181';

const ITEMS = [
  { name: '站点类型', dataType: 'STRING' },
  { name: 'PM25', dataType: 'DECIMAL' },
  { name: '日期', dataType: 'DATE' },
  { name: '监测员', dataType: 'STRING', personalInfo: true },
  { name: '监测员身份证号', dataType: 'STRING', personalInfo: true, identifier: true },
];

const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;
const ext = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions ?? {};
const catalogSql = <T>(nodeId: string, text: string, params: unknown[] = []) =>
  f.federation.nodes.get(nodeId)!.subgraphs.catalog!.orm.em.fork().getConnection().execute<T[]>(text, params);

let serial = 500;
const citizenId = (region = CITY) => {
  const first17 = `${region}19850101${++serial}`;
  return first17 + citizenIdCheckChar(first17);
};

const reading = (kind: string, pm: string, day: string, i: number) => ({
  站点类型: kind,
  PM25: pm,
  日期: day,
  监测员: `张${i}`,
  监测员身份证号: citizenId(),
});
const times = (n: number, make: (i: number) => Record<string, unknown>) => Array.from({ length: n }, (_, i) => make(i));

async function airEntry(region: string, name: string) {
  const provider = await registerOrganization(f.call, region, `${name}生态环境局`);
  const resourceId = await publishResource(f.call, provider, region, { name: `${name}空气质量监测`, items: ITEMS });
  const staff = agency(provider, region);
  const datasetId = (
    await f.must(staff, `mutation($input: ProposeOpenDatasetInput!) { proposeOpenDataset(input: $input) { id } }`, { input: { resourceId, accessMethods: ['API', 'MODEL'] } })
  ).proposeOpenDataset.id as string;
  await f.must(authority(region), `mutation($id: ID!) { approveOpenDatasetProposal(id: $id) { id } }`, { id: datasetId });
  return { provider, resourceId, datasetId };
}

async function registerUser(name: string) {
  const u = (
    await f.must(null, `mutation($input: RegisterOpenDataUserInput!) { registerOpenDataUser(input: $input) { id } }`, {
      input: { regionCode: CITY, name, kind: 'NATURAL_PERSON', idNumber: citizenId(), contact: '13905780000' },
    })
  ).registerOpenDataUser;
  return { id: u.id as string, actor: { sub: `user-${u.id}`, orgId: null, region: CITY, roles: ['USER'], account: u.id } as Actor };
}

const SUBMIT = `mutation($input: SubmitAggregateRunInput!) { submitAggregateRun(input: $input) { id status scopeRegion resourceIds localResourceIds result { groups { key } } } }`;
const REVIEW = `mutation($id: ID!, $approve: Boolean!, $reason: String) { reviewAggregateRun(id: $id, approve: $approve, reason: $reason) { id status localResourceIds } }`;
const RUN = `query($id: ID!) { aggregateRun(id: $id) { id status localResourceIds partial { groupBy } result { suppressedGroups minGroupSize groups { key count values { fn item value } } } } }`;
const PREVIEW = `query($id: ID!, $items: [String!]!, $basis: AggregateBasisInput!) { recordPreview(id: $id, items: $items, basis: $basis) { resourceId items rows { values } } }`;

const cityQuery = (resourceIds: string[], datasetIds: string[], over: Record<string, unknown> = {}) => ({
  resourceIds,
  groupBy: ['站点类型'],
  measures: [{ fn: 'COUNT' }, { fn: 'AVG', item: 'PM25' }, { fn: 'SUM', item: 'PM25' }, { fn: 'MIN', item: 'PM25' }, { fn: 'MAX', item: '日期' }],
  filter: [{ item: '日期', gte: '2026-01-01' }],
  purpose: '空气质量模型训练：按站点类型统计',
  basis: { datasetIds },
  ...over,
});
const runsOn = async (nodeId: string) => (await catalogSql<{ n: number }>(nodeId, 'select count(*)::int as n from "catalog".aggregate_run'))[0]!.n;

let user: Awaited<ReturnType<typeof registerUser>>;
let city: Awaited<ReturnType<typeof airEntry>>;
let liandu: Awaited<ReturnType<typeof airEntry>>;
let longquan: Awaited<ReturnType<typeof airEntry>>;

beforeAll(async () => {
  f = await startTestFederation('aggregate');
  [city, liandu, longquan] = await Promise.all([airEntry(CITY, '丽水市'), airEntry(LIANDU, '莲都区'), airEntry(LONGQUAN, '龙泉市')]);
  user = await registerUser('丽水空气模型实验室');
  // 郊区: 4 readings on each node, 12 city-wide; 工业: 3 on the city node only; 城区: 10 in 莲都区; one reading of 2025 filtered out.
  await loadRecords(f, city.resourceId, [...times(4, (i) => reading('郊区', '30.5', '2026-01-03', i)), ...times(3, (i) => reading('工业', '80', '2026-01-02', i))]);
  await loadRecords(f, liandu.resourceId, [
    ...times(4, (i) => reading('郊区', '20', '2026-01-05', i)),
    ...times(10, (i) => reading('城区', String(40 + i), '2026-01-04', i)),
    reading('郊区', '999', '2025-12-31', 99),
  ]);
  await loadRecords(
    f,
    longquan.resourceId,
    times(4, (i) => reading('郊区', '10.25', '2026-01-02', i)),
  );
}, 300_000);
afterAll(async () => f?.federation.stop());

describe('a city-wide aggregate, fanned out by the gateway and merged from partials [D §15, D §17, Z §20, OPN-2]', () => {
  test('submitted once across three nodes under one run ID of the city; nothing released before the city authority approves; then groups merged, small ones suppressed after the merge', async () => {
    const ids = [city.resourceId, liandu.resourceId, longquan.resourceId];
    const submitted = (await f.must(user.actor, SUBMIT, { input: cityQuery(ids, [city.datasetId, liandu.datasetId, longquan.datasetId]) })).submitAggregateRun;
    expect(submitted.id.startsWith(`${CITY}:`)).toBe(true);
    expect(submitted).toMatchObject({ status: 'PENDING_REVIEW', scopeRegion: CITY, resourceIds: ids, result: null });
    expect(new Set(submitted.localResourceIds)).toEqual(new Set(ids));
    for (const node of ['lishui', 'liandu', 'longquan']) {
      const [row] = await catalogSql<{ status: string }>(node, 'select status from "catalog".aggregate_run where id = ?', [submitted.id]);
      expect(row!.status).toBe('PENDING_REVIEW');
    }

    // Held for review: the requester sees the run and no result.
    const pending = (await f.must(user.actor, RUN, { id: submitted.id })).aggregateRun;
    expect(pending).toMatchObject({ status: 'PENDING_REVIEW', result: null, partial: null });

    // The district authority is not the reviewer of a city-wide run; another user sees nothing.
    const district = await f.gql(authority(LIANDU), REVIEW, { id: submitted.id, approve: true });
    expect(code(district)).toBe('FORBIDDEN');
    const other = await registerUser('另一用户');
    expect((await f.must(other.actor, RUN, { id: submitted.id })).aggregateRun).toBeNull();

    const approved = (await f.must(authority(CITY), REVIEW, { id: submitted.id, approve: true, reason: '结果已脱敏，同意发布' })).reviewAggregateRun;
    expect(approved.status).toBe('APPROVED');
    expect(new Set(approved.localResourceIds)).toEqual(new Set(ids));

    const run = (await f.must(user.actor, RUN, { id: submitted.id })).aggregateRun;
    expect(run.status).toBe('APPROVED');
    expect(run.partial).toBeNull();
    expect(run.result.minGroupSize).toBe(10);
    // 工业 (3 readings, one node) is suppressed; 郊区 (4 + 4 + 4, small on every node) survives.
    expect(run.result.suppressedGroups).toBe(1);
    const byKey = new Map(run.result.groups.map((g: { key: string[] }) => [g.key[0], g]));
    const group = (k: string) => byKey.get(k) as { count: number; values: { fn: string; value: string }[] };
    expect([...byKey.keys()].sort()).toEqual(['城区', '郊区']);
    expect(group('郊区').count).toBe(12);
    const value = (g: { values: { fn: string; value: string }[] }, fn: string) => g.values.find((v) => v.fn === fn)!.value;
    // avg = (4×30.5 + 4×20 + 4×10.25) / 12 = 243 / 12, from the merged sum and count.
    expect(value(group('郊区'), 'SUM')).toBe('243');
    expect(value(group('郊区'), 'AVG')).toBe('20.25');
    expect(value(group('郊区'), 'MIN')).toBe('10.25');
    expect(value(group('郊区'), 'MAX')).toBe('2026-01-05');
    expect(value(group('城区'), 'AVG')).toBe('44.5');

    // Every step audited on every node holding a part.
    for (const node of ['lishui', 'liandu', 'longquan']) {
      const actions = (await catalogSql<{ action: string }>(node, 'select action from "catalog".audit_event where entity_id = ? order by id', [submitted.id])).map((a) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['aggregateRun.submit', 'aggregateRun.approve']));
    }
  });

  test('a refused run never releases its result [D §17, Z §20]', async () => {
    const input = cityQuery([liandu.resourceId, longquan.resourceId], [liandu.datasetId, longquan.datasetId]);
    const run = (await f.must(user.actor, SUBMIT, { input })).submitAggregateRun;
    expect(run.id.startsWith(`${CITY}:`)).toBe(true);
    expect(code(await f.gql(authority(CITY), REVIEW, { id: run.id, approve: false }))).toBe('BAD_USER_INPUT');
    expect((await f.must(authority(CITY), REVIEW, { id: run.id, approve: false, reason: '分组过细' })).reviewAggregateRun.status).toBe('REFUSED');
    expect((await f.must(user.actor, RUN, { id: run.id })).aggregateRun).toMatchObject({ status: 'REFUSED', result: null });
  });
});

describe('refusals: roles, personal items, too many groups — nothing written [SEC-3, D §17, OPR-4, OPN-2]', () => {
  test('an agency, an authority and the public may not run aggregates; a user only as itself', async () => {
    const input = cityQuery([liandu.resourceId], [liandu.datasetId]);
    expect(code(await f.gql(null, SUBMIT, { input }))).toBe('UNAUTHENTICATED');
    for (const actor of [agency(liandu.provider, LIANDU), authority(LIANDU), auditor(CITY)]) {
      expect(code(await f.gql(actor, SUBMIT, { input }))).toBe('FORBIDDEN');
    }
    const wrongBasis = await f.gql(user.actor, SUBMIT, { input: { ...input, basis: { datasetIds: [liandu.datasetId], operatorId: liandu.provider } } });
    expect(ext(wrongBasis)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.basis' });
  });

  test('grouping on or measuring a personal item or an identifier is refused naming the field; nothing is stored', async () => {
    const before = await runsOn('liandu');
    const grouped = await f.gql(user.actor, SUBMIT, { input: cityQuery([liandu.resourceId], [liandu.datasetId], { groupBy: ['监测员'] }) });
    expect(ext(grouped)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.groupBy[0]' });
    const measured = await f.gql(user.actor, SUBMIT, { input: cityQuery([liandu.resourceId], [liandu.datasetId], { measures: [{ fn: 'COUNT', item: '监测员身份证号' }] }) });
    expect(ext(measured)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.measures[0].item' });
    const sumText = await f.gql(user.actor, SUBMIT, { input: cityQuery([liandu.resourceId], [liandu.datasetId], { measures: [{ fn: 'SUM', item: '站点类型' }] }) });
    expect(ext(sumText)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.measures[0].item' });
    expect(await runsOn('liandu')).toBe(before);
  });

  test('more groups than a run may yield is a clear error and nothing is stored [issue 19 item 7]', async () => {
    const wide = await airEntry(LONGQUAN, '龙泉市宽表');
    await catalogSql(
      'longquan',
      `insert into "catalog".data_load (id, resource_id, version, source, mode, status, rows_read, row_count, loaded_by, organization_id, started_at, finished_at)
       values (?, ?, 1, 'API', 'REPLACE', 'LOADED', 1001, 1001, 'test', 'test', now(), now())`,
      [randomUUID(), wide.resourceId],
    );
    await catalogSql(
      'longquan',
      `insert into "catalog".data_record (resource_id, version, row_no, data) select ?, 1, g, jsonb_build_object('站点类型', 'S' || g, 'PM25', '1', '日期', '2026-01-01') from generate_series(1, 1001) g`,
      [wide.resourceId],
    );
    const before = await runsOn('longquan');
    const r = await f.gql(user.actor, SUBMIT, { input: cityQuery([wide.resourceId], [wide.datasetId]) });
    expect(ext(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.groupBy' });
    expect(r.errors![0]!.message).toMatch(/more than 1000 groups/);
    expect(await runsOn('longquan')).toBe(before);
  });
});

describe('stops at once: a retired entry stops the next result read [issue 19 item 6, CAT-5]', () => {
  test('an approved run on an entry retired since is no longer released', async () => {
    const e = await airEntry(LONGQUAN, '龙泉市停用');
    await loadRecords(
      f,
      e.resourceId,
      times(12, (i) => reading('郊区', '12', '2026-01-02', i)),
    );
    const run = (await f.must(user.actor, SUBMIT, { input: cityQuery([e.resourceId], [e.datasetId]) })).submitAggregateRun;
    expect(run.id.startsWith(`${LONGQUAN}:`)).toBe(true);
    // A single-entry run is the district's: its own authority reviews it.
    await f.must(authority(LONGQUAN), REVIEW, { id: run.id, approve: true });
    expect((await f.must(user.actor, RUN, { id: run.id })).aggregateRun.result.groups[0].count).toBe(12);
    await f.must(authority(LONGQUAN), `mutation($id: ID!) { retireDataResource(id: $id, reason: "数据停止采集") { id } }`, { id: e.resourceId });
    const after = await f.gql(user.actor, RUN, { id: run.id });
    expect(after.data!.aggregateRun.result).toBeNull();
    expect(ext(after)).toMatchObject({ code: 'FORBIDDEN', decision: 'ENTRY_NOT_PUBLISHED' });
  });
});

/** An operator of 莲都区 granted items 站点类型 and PM25 of an entry, with one registered staff member [OPR-4, D §13-15, D §17]. */
async function grantedOperator(entry: { provider: string; resourceId: string }) {
  const org = await registerOrganization(f.call, LIANDU, '莲都空气数据运营有限公司', 'ENTERPRISE');
  const id = (
    await f.must(authority(LIANDU), `mutation($input: CreateOperatorInput!) { createOperator(input: $input) { id } }`, {
      input: { organizationId: org, agreementNo: `SQYY-AGG-${Date.now()}`, agreementSignedAt: todayInChina(), termStart: todayInChina(), scope: '环境数据产品' },
    })
  ).createOperator.id as string;
  const actor: Actor = { sub: `operator-${id}`, orgId: org, region: LIANDU, roles: ['OPERATOR'], account: id };
  const authorizationId = (
    await f.must(actor, `mutation($id: ID!, $input: ApplyForOperationAuthorizationInput!) { applyForOperationAuthorization(id: $id, input: $input) { id } }`, {
      id,
      input: {
        scenarioName: '空气质量预测',
        scenarioDescription: '按站点类型预测污染',
        valueKind: 'ECONOMIC_AND_SOCIAL',
        value: '改善预警',
        priorityDomain: 'CULTURE_TOURISM',
        plan: '三个月建模',
        goals: [{ description: '模型上线', dueDate: addDays(todayInChina(), 180) }],
        entries: [
          {
            resourceId: entry.resourceId,
            items: [
              { name: '站点类型', reason: '分组' },
              { name: 'PM25', reason: '建模' },
            ],
          },
        ],
      },
    })
  ).applyForOperationAuthorization.id as string;
  await f.must(
    { sub: `service-center-${LIANDU}`, orgId: null, region: LIANDU, roles: ['SERVICE_CENTER'] },
    `mutation($id: ID!) { firstReviewOperationAuthorization(id: $id, input: { decision: PASS }) { id } }`,
    { id: authorizationId },
  );
  await f.must(authority(LIANDU), `mutation($id: ID!, $input: ReReviewOperationAuthorizationInput!) { reReviewOperationAuthorization(id: $id, input: $input) { id } }`, {
    id: authorizationId,
    input: { decision: 'APPROVE', complianceAssessment: '符合授权范围', riskAssessment: '风险可控', networkSecurityOpinion: '同意', expertCommitteeOpinion: '同意' },
  });
  await f.must(
    agency(entry.provider),
    `mutation($id: ID!, $input: AnswerOperationAuthorizationEntryInput!) { answerOperationAuthorizationEntry(id: $id, input: $input) { status } }`,
    {
      id: authorizationId,
      input: { resourceId: entry.resourceId, decision: 'CONFIRM' },
    },
  );
  const staffId = (
    await f.must(actor, `mutation($id: ID!, $input: RegisterOperatorStaffInput!) { registerOperatorStaff(id: $id, input: $input) { id } }`, {
      id,
      input: { name: '王工', citizenId: citizenId(LIANDU), role: '数据开发工程师', confidentialityAgreementNo: 'BM-AGG-1', confidentialitySignedOn: todayInChina() },
    })
  ).registerOperatorStaff.id as string;
  return { id, actor, basis: { operatorId: id, staffId, authorizationId } };
}

describe('an operator under its authorization [OPR-4, D §15, D §17, D §28]', () => {
  test('runs within the items granted, the district authority approves; items not granted are refused; a suspended operator stops the next read and run', async () => {
    const op = await grantedOperator(liandu);
    const input = { resourceIds: [liandu.resourceId], groupBy: ['站点类型'], measures: [{ fn: 'COUNT' }, { fn: 'AVG', item: 'PM25' }], purpose: '污染预测模型', basis: op.basis };
    const beyond = await f.gql(op.actor, SUBMIT, { input: { ...input, filter: [{ item: '日期', gte: '2026-01-01' }] } });
    expect(ext(beyond)).toMatchObject({ code: 'FORBIDDEN', decision: 'AUTHORIZATION_NOT_COVERING' });
    // Another operator's staff may not use this authorization; a user may not name it.
    expect(code(await f.gql(user.actor, SUBMIT, { input }))).toBe('FORBIDDEN');

    const run = (await f.must(op.actor, SUBMIT, { input })).submitAggregateRun;
    expect(run).toMatchObject({ status: 'PENDING_REVIEW', scopeRegion: LIANDU });
    // A staff member deregistered since is refused at the next run: the node asks operation each time [D §17 (一)].
    const leaving = (
      await f.must(op.actor, `mutation($id: ID!, $input: RegisterOperatorStaffInput!) { registerOperatorStaff(id: $id, input: $input) { id } }`, {
        id: op.id,
        input: { name: '赵工', citizenId: citizenId(LIANDU), role: '分析师', confidentialityAgreementNo: 'BM-AGG-2', confidentialitySignedOn: todayInChina() },
      })
    ).registerOperatorStaff.id as string;
    await f.must(op.actor, `mutation($id: ID!) { deregisterOperatorStaff(id: $id, reason: "离职") { id } }`, { id: leaving });
    expect(ext(await f.gql(op.actor, SUBMIT, { input: { ...input, basis: { ...op.basis, staffId: leaving } } }))).toMatchObject({
      code: 'FORBIDDEN',
      decision: 'STAFF_NOT_REGISTERED',
    });
    expect((await f.must(op.actor, RUN, { id: run.id })).aggregateRun.result).toBeNull();
    await f.must(authority(LIANDU), REVIEW, { id: run.id, approve: true });
    const result = (await f.must(op.actor, RUN, { id: run.id })).aggregateRun.result;
    // 城区 10 and 郊区 5 (the 2025 reading counts here: no date filter) in 莲都区: both at least 10? 郊区 is 5, suppressed.
    expect(result.groups.map((g: { key: string[]; count: number }) => [g.key[0], g.count])).toEqual([['城区', 10]]);
    expect(result.suppressedGroups).toBe(1);

    await f.must(authority(LIANDU), `mutation($id: ID!, $input: SuspendOperatorInput!) { suspendOperator(id: $id, input: $input) { id } }`, {
      id: op.id,
      input: { violations: ['MISUSE_OF_DATA'], rectification: '违规使用，限期整改', rectifyBy: addDays(todayInChina(), 30) },
    });
    // Refused at once either way: by the gateway's standing check of the token's account, or (while
    // the gateway still holds the account's last answer) by the node, whose check operation refuses.
    const refusal = (r: Awaited<ReturnType<typeof f.gql>>) => code(r) === 'UNAUTHENTICATED' || code(r) === 'FORBIDDEN';
    const stopped = await f.gql(op.actor, RUN, { id: run.id });
    expect(stopped.data?.aggregateRun?.result ?? null).toBeNull();
    expect(refusal(stopped)).toBe(true);
    expect(refusal(await f.gql(op.actor, SUBMIT, { input }))).toBe(true);
  });
});

describe('a MODEL agreement suspended stops the next result read [issue 19 item 6, Z §39]', () => {
  test('a RESTRICTED entry under an agreement: released while the agreement is in force, refused once the opening agency suspends it', async () => {
    const provider = await registerOrganization(f.call, LIANDU, '莲都区卫生健康局');
    const resourceId = await publishResource(f.call, provider, LIANDU, { name: '莲都区传染病监测', items: ITEMS, openAttribute: 'RESTRICTED', openCondition: '限科研用途' });
    const staff = agency(provider, LIANDU);
    const datasetId = (
      await f.must(staff, `mutation($input: ProposeOpenDatasetInput!) { proposeOpenDataset(input: $input) { id } }`, { input: { resourceId, accessMethods: ['API', 'MODEL'] } })
    ).proposeOpenDataset.id as string;
    await f.must(authority(LIANDU), `mutation($id: ID!) { approveOpenDatasetProposal(id: $id) { id } }`, { id: datasetId });
    await loadRecords(
      f,
      resourceId,
      times(10, (i) => reading('城区', '5', '2026-01-02', i)),
    );
    const input = cityQuery([resourceId], [datasetId]);
    // No agreement yet: refused with opening's decision.
    expect(ext(await f.gql(user.actor, SUBMIT, { input }))).toMatchObject({ code: 'FORBIDDEN' });
    const applied = (
      await f.must(user.actor, `mutation($id: ID!, $input: ApplyForOpenDataInput!) { applyForOpenData(id: $id, input: $input) { id } }`, {
        id: datasetId,
        input: { scenario: '空气与疾病关联研究', storageCapability: '本单位机房', processingCapability: '专职人员', securityCapability: '访问控制与日志', creditLevel: 'A' },
      })
    ).applyForOpenData.id as string;
    const agreementId = (await f.must(staff, `mutation($id: ID!) { approveOpenDataApplication(id: $id, input: { termMonths: 12 }) { agreement { id } } }`, { id: applied }))
      .approveOpenDataApplication.agreement.id as string;
    const run = (await f.must(user.actor, SUBMIT, { input })).submitAggregateRun;
    await f.must(authority(LIANDU), REVIEW, { id: run.id, approve: true });
    expect((await f.must(user.actor, RUN, { id: run.id })).aggregateRun.result.groups[0].count).toBe(10);
    await f.must(staff, `mutation($id: ID!, $input: SuspendOpenDataAgreementInput!) { suspendOpenDataAgreement(id: $id, input: $input) { id } }`, {
      id: agreementId,
      input: { violations: ['BEYOND_AGREED_SCOPE'], rectification: '停止超范围使用', rectifyBy: addDays(todayInChina(), 30) },
    });
    const after = await f.gql(user.actor, RUN, { id: run.id });
    expect(after.data!.aggregateRun.result).toBeNull();
    expect(ext(after)).toMatchObject({ code: 'FORBIDDEN', decision: 'AGREEMENT_SUSPENDED' });
  });
});

describe('opening answers which entry a dataset is of (additive, for the data plane) [OPN-2]', () => {
  test('openAccessChecks carries the dataset’s catalog entry for a MODEL check', async () => {
    const r = await f.must(user.actor, `query($c: [OpenAccessCheckInput!]!) { openAccessChecks(checks: $c) { datasetId resourceId allowed decision } }`, {
      c: [{ datasetId: liandu.datasetId, method: 'MODEL', userAccount: user.id }],
    });
    expect(r.openAccessChecks).toEqual([{ datasetId: liandu.datasetId, resourceId: liandu.resourceId, allowed: true, decision: expect.any(String) }]);
  });
});

describe('a sampled, desensitized preview for model developers [D §17, Z §20]', () => {
  test('at most 30 rows, personal items and identifiers masked; audited; refused to others', async () => {
    const r = (await f.must(user.actor, PREVIEW, { id: liandu.resourceId, items: ['站点类型', '监测员', '监测员身份证号'], basis: { datasetIds: [liandu.datasetId] } }))
      .recordPreview;
    expect(r.rows.length).toBe(15);
    for (const row of r.rows) {
      expect(row.values[1]).toMatch(/^\*+$/);
      expect(row.values[2]).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    }
    const reads = await catalogSql<{ n: number }>(
      'liandu',
      `select count(*)::int as n from "catalog".audit_event where action = 'read' and entity_type = 'RecordPreview' and entity_id = ?`,
      [liandu.resourceId],
    );
    expect(reads[0]!.n).toBeGreaterThan(0);
    const staff = await f.gql(agency(liandu.provider, LIANDU), PREVIEW, { id: liandu.resourceId, items: ['站点类型'], basis: { datasetIds: [liandu.datasetId] } });
    expect(code(staff)).toBe('FORBIDDEN');
  });
});
