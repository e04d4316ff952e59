import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Actor } from '../schema/auth.js';
import { citizenIdCheckChar } from '../subgraphs/kit/rules/citizen-id.js';
import { addDays, todayInChina } from '../subgraphs/kit/rules/calendar.js';
import { auditor } from './support/access.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { startTestFederation } from './support/federation.js';
import { agency, authority, isBackgroundStatement } from './support/node.js';

/**
 * Inside the platform across the federation [OPR-4, D §5, D §15, D §17, D §21]: an operator of the
 * city node 331100 and one of 莲都区 331102 (its own node) register their staff by real name, ask to
 * import outside data and export results, decided by the authority of their region; the data plane
 * asks one batch of use checks that the gateway sends to both nodes, each answering for its own
 * operators with one statement per table.
 */

let f: Awaited<ReturnType<typeof startTestFederation>>;
const CITY = '331100';
const LIANDU = '331102';
let lianduOperation: string[] = [];

const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;
const field = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.field;
const serviceCenter = (region: string): Actor => ({ sub: `service-center-${region}`, orgId: null, region, roles: ['SERVICE_CENTER'] });
const operatorToken = (orgId: string, operatorId: string): Actor => ({ sub: `operator-${operatorId}`, orgId, region: orgId.slice(0, 6), roles: ['OPERATOR'], account: operatorId });
const citizenId = (first17: string) => first17 + citizenIdCheckChar(first17);

const REGISTER = `mutation($id: ID!, $input: RegisterOperatorStaffInput!) { registerOperatorStaff(id: $id, input: $input) { id name citizenIdMasked status operatorId } }`;
const DEREGISTER = `mutation($id: ID!) { deregisterOperatorStaff(id: $id, reason: "离职") { id status deregisteredOn } }`;
const IMPORT = `mutation($id: ID!, $input: DataTransferInput!) { requestDataImport(id: $id, input: $input) { id status direction source } }`;
const EXPORT = `mutation($id: ID!, $input: DataTransferInput!) { requestDataExport(id: $id, input: $input) { id status direction } }`;
const DECIDE_IMPORT = `mutation($id: ID!, $approve: Boolean!, $reason: String) { decideDataImport(id: $id, approve: $approve, reason: $reason) { id status decisionReason decidedOn } }`;
const DECIDE_EXPORT = `mutation($id: ID!, $approve: Boolean!, $reason: String) { decideDataExport(id: $id, approve: $approve, reason: $reason) { id status decisionReason } }`;
const CHECKS = `query($c: [OperationUseCheckInput!]!) { operationUseChecks(checks: $c) { operatorId staffId authorizationId allowed decision message } }`;
const STAFF = `query($id: ID!) { operatorStaffMember(id: $id) { id name citizenIdMasked status } }`;
const ASSESSMENT = { complianceAssessment: '符合授权范围', riskAssessment: '脱敏抽样，风险可控', networkSecurityOpinion: '同意', expertCommitteeOpinion: '同意' };

interface Op {
  org: string;
  id: string;
  actor: Actor;
  region: string;
  provider: string;
  entry: string;
  authorization: string;
}

async function grantedOperator(region: string, name: string): Promise<Op> {
  const org = await registerOrganization(f.call, region, name, 'ENTERPRISE');
  const id = (
    await f.must(authority(region), `mutation($input: CreateOperatorInput!) { createOperator(input: $input) { id } }`, {
      input: { organizationId: org, agreementNo: `SQYY-${region}-${Date.now()}`, agreementSignedAt: todayInChina(), termStart: todayInChina(), scope: '文旅数据产品' },
    })
  ).createOperator.id as string;
  const actor = operatorToken(org, id);
  const provider = await registerOrganization(f.call, region, `${name}的数据提供单位`);
  const entry = await publishResource(f.call, provider, region);
  const authorization = (
    await f.must(actor, `mutation($id: ID!, $input: ApplyForOperationAuthorizationInput!) { applyForOperationAuthorization(id: $id, input: $input) { id } }`, {
      id,
      input: {
        scenarioName: `景区客流预测 ${region}`,
        scenarioDescription: '预测节假日客流',
        valueKind: 'ECONOMIC_AND_SOCIAL',
        value: '缓解拥堵',
        priorityDomain: 'CULTURE_TOURISM',
        plan: '三个月建模',
        goals: [{ description: '模型上线', dueDate: addDays(todayInChina(), 180) }],
        entries: [{ resourceId: entry, items: [{ name: '企业名称', reason: '识别经营主体' }] }],
      },
    })
  ).applyForOperationAuthorization.id as string;
  await f.must(serviceCenter(region), `mutation($id: ID!) { firstReviewOperationAuthorization(id: $id, input: { decision: PASS }) { id } }`, { id: authorization });
  await f.must(authority(region), `mutation($id: ID!, $input: ReReviewOperationAuthorizationInput!) { reReviewOperationAuthorization(id: $id, input: $input) { id } }`, {
    id: authorization,
    input: { decision: 'APPROVE', ...ASSESSMENT },
  });
  const answered = await f.must(
    agency(provider),
    `mutation($id: ID!, $input: AnswerOperationAuthorizationEntryInput!) { answerOperationAuthorizationEntry(id: $id, input: $input) { status } }`,
    { id: authorization, input: { resourceId: entry, decision: 'CONFIRM' } },
  );
  expect(answered.answerOperationAuthorizationEntry.status).toBe('GRANTED');
  return { org, id, actor, region, provider, entry, authorization };
}

let city: Op;
let district: Op;
let serial = 0;
const staffInput = (over: Record<string, unknown> = {}) => ({
  name: '李明',
  citizenId: citizenId(`3311021990030${String(1000 + ++serial).slice(-4)}`),
  role: '数据开发工程师',
  confidentialityAgreementNo: `BM-${serial}`,
  confidentialitySignedOn: todayInChina(),
  ...over,
});
const register = async (op: Op, over: Record<string, unknown> = {}) => (await f.must(op.actor, REGISTER, { id: op.id, input: staffInput(over) })).registerOperatorStaff;

beforeAll(async () => {
  f = await startTestFederation('operation_staff', 10_000, {
    onQuery: (node, subgraph, sql) => {
      if (node === 'liandu' && subgraph === 'operation' && !isBackgroundStatement(sql)) lianduOperation.push(sql);
    },
  });
  city = await grantedOperator(CITY, '丽水文旅数据运营有限公司');
  district = await grantedOperator(LIANDU, '莲都数据运营有限公司');
}, 300_000);
afterAll(async () => f?.federation.stop());

describe('staff by real name under a confidentiality agreement [OPR-4, D §17 (一)]', () => {
  test('an operator registers its staff on its own node, the citizen ID shown masked; the same person twice is a CONFLICT; a bad ID is refused naming the field [D §17 (一)]', async () => {
    const input = staffInput();
    const s = (await f.must(district.actor, REGISTER, { id: district.id, input })).registerOperatorStaff;
    expect(s.id.startsWith(`${LIANDU}:`)).toBe(true);
    expect(s).toMatchObject({ name: '李明', status: 'ACTIVE', operatorId: district.id });
    expect(s.citizenIdMasked).toBe(`3311**********${input.citizenId.slice(-4)}`);
    expect(code(await f.gql(district.actor, REGISTER, { id: district.id, input }))).toBe('CONFLICT');
    const bad = await f.gql(district.actor, REGISTER, { id: district.id, input: { ...staffInput(), citizenId: '331102199003071230' } });
    expect([code(bad), field(bad)]).toEqual(['BAD_USER_INPUT', 'input.citizenId']);
    // The city authority oversees the district: it reads the record (audited); another operator does not.
    expect((await f.must(authority(CITY), STAFF, { id: s.id })).operatorStaffMember.citizenIdMasked).toBe(s.citizenIdMasked);
    expect((await f.must(city.actor, STAFF, { id: s.id })).operatorStaffMember).toBeNull();
  });

  test('only the operator itself registers: another operator, an agency and the authority are refused [D §17]', async () => {
    for (const actor of [city.actor, agency(district.provider), authority(LIANDU)]) {
      expect(code(await f.gql(actor, REGISTER, { id: district.id, input: staffInput() }))).toBe('FORBIDDEN');
    }
  });
});

describe('imports and exports decided by the authority of the operator’s region [OPR-4, D §17 (三), D §5, D §21]', () => {
  test('an import is PENDING until the district authority approves it; the city authority only supervises and may not decide there [D §17 (三)]', async () => {
    const t = (
      await f.must(district.actor, IMPORT, {
        id: district.id,
        input: { authorizationId: district.authorization, description: '景区气象数据', source: '州气象台（合同采购）', purpose: '融合客流预测' },
      })
    ).requestDataImport;
    expect(t).toMatchObject({ status: 'PENDING', direction: 'IMPORT', source: '州气象台（合同采购）' });
    expect(code(await f.gql(authority(CITY), DECIDE_IMPORT, { id: t.id, approve: true }))).toBe('FORBIDDEN');
    expect(code(await f.gql(district.actor, DECIDE_IMPORT, { id: t.id, approve: true }))).toBe('FORBIDDEN');
    expect((await f.must(authority(LIANDU), DECIDE_IMPORT, { id: t.id, approve: true })).decideDataImport).toMatchObject({ status: 'APPROVED', decidedOn: todayInChina() });
    expect(code(await f.gql(authority(LIANDU), DECIDE_IMPORT, { id: t.id, approve: false, reason: '改变主意' }))).toBe('CONFLICT');
  });

  test('an export is reviewed by the authority; a refusal needs a reason; an import without a source or under another operator’s authorization is refused [D §21, D §5 (一)]', async () => {
    const e = (await f.must(city.actor, EXPORT, { id: city.id, input: { authorizationId: city.authorization, description: '客流预测结果（聚合）', purpose: '交付景区' } }))
      .requestDataExport;
    expect(e).toMatchObject({ status: 'PENDING', direction: 'EXPORT' });
    const noReason = await f.gql(authority(CITY), DECIDE_EXPORT, { id: e.id, approve: false });
    expect([code(noReason), field(noReason)]).toEqual(['BAD_USER_INPUT', 'reason']);
    expect((await f.must(authority(CITY), DECIDE_EXPORT, { id: e.id, approve: false, reason: '含可识别个人的明细' })).decideDataExport.status).toBe('REFUSED');
    // An export's ID is not an import: the decision of one kind does not apply to the other.
    expect(code(await f.gql(authority(CITY), DECIDE_IMPORT, { id: e.id, approve: true }))).toBe('NOT_FOUND');
    const noSource = await f.gql(city.actor, IMPORT, { id: city.id, input: { authorizationId: city.authorization, description: '气象', purpose: '融合' } });
    expect([code(noSource), field(noSource)]).toEqual(['BAD_USER_INPUT', 'input.source']);
    const foreign = await f.gql(city.actor, EXPORT, { id: city.id, input: { authorizationId: district.authorization, description: '结果', purpose: '交付' } });
    expect(code(foreign)).toBe('NOT_FOUND');
  });
});

describe('the lists an operator’s workbench and the authority’s review desk read [OPR-4, D §17, D §24-25]', () => {
  test('an operator lists its own staff and requests, not another’s; the city authority sees pending requests on both nodes, merged; the public is told to sign in', async () => {
    await register(city);
    await register(district);
    const pending = async (op: Op) =>
      (await f.must(op.actor, EXPORT, { id: op.id, input: { authorizationId: op.authorization, description: '结果（聚合）', purpose: '交付' } })).requestDataExport.id as string;
    const [cityT, districtT] = [await pending(city), await pending(district)];
    const STAFF_LIST = `query($op: ID) { operatorStaff(operatorId: $op, first: 100) { totalCount edges { node { id operatorId citizenIdMasked status } } } }`;
    const TRANSFERS = `query($f: OperationDataTransferFilter) { operationDataTransfers(filter: $f, first: 100) { totalCount edges { node { id operatorId status direction } } } }`;
    const own = (await f.must(district.actor, STAFF_LIST)).operatorStaff.edges.map((e: any) => e.node);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((n: any) => n.operatorId === district.id && /\*/.test(n.citizenIdMasked))).toBe(true);
    expect((await f.must(district.actor, STAFF_LIST, { op: city.id })).operatorStaff.totalCount).toBe(0);
    const desk = (await f.must(authority(CITY), TRANSFERS, { f: { status: 'PENDING' } })).operationDataTransfers.edges.map((e: any) => e.node);
    expect(desk.map((n: any) => n.id)).toEqual(expect.arrayContaining([cityT, districtT]));
    expect(desk.every((n: any) => n.status === 'PENDING')).toBe(true);
    const districtDesk = (await f.must(authority(LIANDU), TRANSFERS, { f: { status: 'PENDING' } })).operationDataTransfers.edges.map((e: any) => e.node.id);
    expect(districtDesk).toContain(districtT);
    expect(districtDesk).not.toContain(cityT);
    const mine = (await f.must(city.actor, TRANSFERS, { f: { direction: 'EXPORT' } })).operationDataTransfers.edges.map((e: any) => e.node);
    expect(mine.every((n: any) => n.operatorId === city.id && n.direction === 'EXPORT')).toBe(true);
    expect(code(await f.gql(null, TRANSFERS))).toBe('UNAUTHENTICATED');
  });
});

describe('an import or export rests on an authorization in force [OPR-4, D §10-11, D §15, D §28]', () => {
  test('a request pending when its operator is suspended is not approved while it stays suspended, and nothing changes; reinstated, it is [D §28]', async () => {
    const op = await grantedOperator(LIANDU, '莲都农旅数据运营有限公司');
    const t = (await f.must(op.actor, EXPORT, { id: op.id, input: { authorizationId: op.authorization, description: '客流预测结果（聚合）', purpose: '交付景区' } }))
      .requestDataExport;
    await f.must(authority(LIANDU), `mutation($id: ID!, $input: SuspendOperatorInput!) { suspendOperator(id: $id, input: $input) { id } }`, {
      id: op.id,
      input: { violations: ['SECURITY_MEASURES_MISSING'], rectification: '落实安全措施', rectifyBy: addDays(todayInChina(), 30) },
    });
    const refused = await f.gql(authority(LIANDU), DECIDE_EXPORT, { id: t.id, approve: true });
    expect(code(refused)).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toMatch(/operator is suspended/);
    const still = `query($id: ID!) { operationDataTransfer(id: $id) { status } }`;
    expect((await f.must(authority(LIANDU), still, { id: t.id })).operationDataTransfer.status).toBe('PENDING');
    await f.must(authority(LIANDU), `mutation($id: ID!, $reason: String!) { reinstateOperator(id: $id, reason: $reason) { id } }`, { id: op.id, reason: '已整改' });
    expect((await f.must(authority(LIANDU), DECIDE_EXPORT, { id: t.id, approve: true })).decideDataExport.status).toBe('APPROVED');
  });
});

describe('one batched use check for the data plane [OPR-4, D §15, D §17, D §28]', () => {
  test('one batch across both nodes: each answers for its own operators; a deregistered staff member, another operator’s staff and items not granted are refused [D §15, D §17 (一)]', async () => {
    const cityStaff = await register(city);
    const districtStaff = await register(district);
    const gone = await register(district);
    await f.must(district.actor, DEREGISTER, { id: gone.id });
    const check = (op: Op, staffId: string, items = ['企业名称']) => ({ operatorId: op.id, staffId, authorizationId: op.authorization, resourceId: op.entry, items });
    const r = await f.must(auditor(CITY), CHECKS, {
      c: [
        check(city, cityStaff.id),
        check(district, districtStaff.id),
        check(district, gone.id),
        check(district, cityStaff.id),
        check(city, cityStaff.id, ['企业名称', '登记状态']),
      ],
    });
    const answers = r.operationUseChecks.map((c: any) => [c.operatorId === city.id ? 'city' : 'district', c.staffId, c.decision]);
    expect(answers).toHaveLength(5);
    expect(answers).toEqual(
      expect.arrayContaining([
        ['city', cityStaff.id, 'ALLOWED'],
        ['district', districtStaff.id, 'ALLOWED'],
        ['district', gone.id, 'STAFF_NOT_REGISTERED'],
        ['district', cityStaff.id, 'STAFF_NOT_REGISTERED'],
        ['city', cityStaff.id, 'AUTHORIZATION_NOT_COVERING'],
      ]),
    );
  });

  test('the operator checks its own uses, not another’s; an agency may not check [OPR-4]', async () => {
    const s = await register(district);
    const c = [{ operatorId: district.id, staffId: s.id, authorizationId: district.authorization, resourceId: district.entry, items: ['企业名称'] }];
    expect((await f.must(district.actor, CHECKS, { c })).operationUseChecks[0].allowed).toBe(true);
    // The check is a read of the authorization, kept in the district node's log with who asked [D §24-25].
    const reads = await f.federation.nodes
      .get('liandu')!
      .subgraphs.operation!.orm.em.fork()
      .getConnection()
      .execute(`select actor_sub from "operation".audit_event where kind = 'READ' and entity_type = 'OperationAuthorization' and entity_id = ?`, [district.authorization]);
    expect(reads.map((r) => (r as { actor_sub: string }).actor_sub)).toContain(district.actor.sub);
    expect(code(await f.gql(city.actor, CHECKS, { c }))).toBe('FORBIDDEN');
    expect(code(await f.gql(agency(district.provider), CHECKS, { c }))).toBe('FORBIDDEN');
  });

  test('a batch of 40 checks costs the district node the same statements as 4: one per table (no N+1); more than 100 is refused [OPR-4]', async () => {
    const staff: string[] = [];
    for (let i = 0; i < 4; i++) staff.push((await register(district)).id);
    const batch = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        operatorId: district.id,
        staffId: staff[i % staff.length],
        authorizationId: district.authorization,
        resourceId: district.entry,
        items: ['企业名称'],
      }));
    const cost = async (n: number) => {
      lianduOperation = [];
      const r = await f.must(auditor(CITY), CHECKS, { c: batch(n) });
      expect(r.operationUseChecks).toHaveLength(n);
      expect(r.operationUseChecks.every((c: any) => c.allowed)).toBe(true);
      expect(lianduOperation.filter((q) => /\binsert into "operation".audit_event/.test(q))).toHaveLength(1);
      return lianduOperation.length;
    };
    const small = await cost(4);
    expect(await cost(40)).toBe(small);
    // One select per table; the rest is the one transaction that appends the reads to the audit log (begin, lock, head, insert, commit).
    expect(small).toBeLessThanOrEqual(3 + 5);
    expect(code(await f.gql(auditor(CITY), CHECKS, { c: batch(101) }))).toBe('BAD_USER_INPUT');
  });
});
