import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Actor } from '../schema/auth.js';
import { regionOf } from '../schema/ids.js';
import { citizenIdCheckChar } from '../subgraphs/kit/rules/citizen-id.js';
import { addDays, todayInChina } from '../subgraphs/kit/rules/calendar.js';
import { termEnd } from '../subgraphs/operation/operator.dates.js';
import { ACCOUNT_STANDING_TTL_MS } from '../gateway/standing.js';
import { registerOrganization } from './support/catalog-fixtures.js';
import { startTestFederation } from './support/federation.js';
import { agency, authority } from './support/node.js';
import { auditor } from './support/access.js';

/**
 * Operators bound to their tokens, and sanctions that end access [OPR-1, OPR-9, D §8-11, D §28,
 * J §20], through the gateway on the demo topology: the city node 丽水市 (331100) and the district
 * 莲都区 (331102) with a node of its own.
 */

const CITY = '331100';
const LIANDU = '331102';
let f: Awaited<ReturnType<typeof startTestFederation>>;

const FIELDS = 'id status kind kindReason selectionBasis termStart termEnd rectifyBy accessEndedOn statusReason version renews { id } organization { id }';
const CREATE = `mutation($input: CreateOperatorInput!) { createOperator(input: $input) { ${FIELDS} } }`;
const GET = `query($id: ID!) { operator(id: $id) { ${FIELDS} sanctions { violations rectification rectifyBy reinstatedAt reinstatement } } }`;
const SUSPEND = `mutation($id: ID!, $input: SuspendOperatorInput!) { suspendOperator(id: $id, input: $input) { ${FIELDS} } }`;
const change = (name: string) => `mutation($id: ID!, $reason: String!) { ${name}(id: $id, reason: $reason) { ${FIELDS} } }`;
/** A query the gateway sends to the district's node only. */
const ON_LIANDU = `{ operators(scope: { regionCode: "${LIANDU}", includeSubRegions: false }, first: 1) { totalCount } }`;
/** A query the gateway sends to the city's node only. */
const ON_CITY = `{ operators(scope: { regionCode: "${CITY}", includeSubRegions: false }, first: 1) { totalCount } }`;

let n = 0;
const today = () => todayInChina();
const enterprise = (region: string, name: string) => registerOrganization(f.call, region, `${name}${++n}`, 'ENTERPRISE');
const input = (organizationId: string, over: Record<string, unknown> = {}) => ({
  organizationId,
  agreementNo: `SQYY-${Date.now().toString(36)}-${++n}`,
  agreementSignedAt: today(),
  termStart: today(),
  scope: '文旅、交通领域公共数据的开发利用',
  ...over,
});
type Licensed = Record<string, any> & { id: string; organization: { id: string } };
async function license(region: string, organizationId: string, over: Record<string, unknown> = {}): Promise<Licensed> {
  return (await f.must(authority(region), CREATE, { input: input(organizationId, over) })).createOperator as Licensed;
}
const suspension = (over: Record<string, unknown> = {}) => ({
  violations: ['MISUSE_OF_DATA', 'SECURITY_MEASURES_MISSING'],
  rectification: '立即停止超范围使用数据，补齐数据安全保障措施',
  rectifyBy: addDays(today(), 10),
  ...over,
});
/** The operator's own token: its organization, and its authorization as the account [D §8-11]. */
const tokenOf = (op: { id: string; organization: { id: string } }): Actor => ({
  sub: `staff-of-${op.id}`,
  orgId: op.organization.id,
  region: regionOf(op.id),
  roles: ['OPERATOR'],
  account: op.id,
});
const codeOf = (r: { errors?: { extensions?: Record<string, any> }[] }) => r.errors?.[0]?.extensions?.code;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sql = (node: string, subgraph: 'operation' | 'opening', text: string, params: unknown[]) =>
  f.federation.nodes.get(node)!.subgraphs[subgraph]!.orm.em.fork().getConnection().execute(text, params);

beforeAll(async () => {
  f = await startTestFederation('operators');
}, 300_000);
afterAll(async () => f?.federation.stop());

describe('licensing [OPR-1, D §9-10, J §20]', () => {
  test('the authority licenses a state-owned enterprise by default, the term computed from the policy (3 years under D) [D §9-10, J §20]', async () => {
    const org = await enterprise(CITY, '丽水市数据运营集团');
    const op = await license(CITY, org, { termYears: null });
    expect(op).toMatchObject({ status: 'ACTIVE', kind: 'STATE_OWNED_ENTERPRISE', kindReason: null, termStart: today(), termEnd: termEnd(today(), 3), renews: null });
  });

  test('an industry department never licenses [J §20]; another legal person needs a stated reason, and a refusal writes nothing', async () => {
    const dept = await registerOrganization(f.call, CITY, '丽水市经济和信息化局');
    const org = await enterprise(CITY, '丽水某科技有限公司');
    const count = async () => (await f.must(auditor(CITY), `query($o: ID) { operators(organizationId: $o) { totalCount } }`, { o: org })).operators.totalCount;
    expect(codeOf(await f.gql(agency(dept, CITY), CREATE, { input: input(org) }))).toBe('FORBIDDEN');
    const noReason = await f.gql(authority(CITY), CREATE, { input: input(org, { kind: 'OTHER_ENTERPRISE' }) });
    expect(noReason.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.kindReason' });
    expect(noReason.errors![0]!.message).toMatch(/J §20/);
    expect(await count()).toBe(0);
    const op = await license(CITY, org, { kind: 'OTHER_ENTERPRISE', kindReason: '公开遴选中技术实力评分第一', selectionBasis: '丽数据〔2026〕12号遴选结果' });
    expect(op).toMatchObject({ kind: 'OTHER_ENTERPRISE', kindReason: '公开遴选中技术实力评分第一', selectionBasis: '丽数据〔2026〕12号遴选结果' });
    expect(await count()).toBe(1);
  });

  test('the operator may not end its agreement early, nor extend it: no mutation lets an OPERATOR do so [D §10]', async () => {
    const org = await enterprise(CITY, '丽水文旅数据公司');
    const op = await license(CITY, org);
    const self = tokenOf(op);
    expect(codeOf(await f.gql(self, change('revokeOperator'), { id: op.id, reason: '我方提前解除协议' }))).toBe('FORBIDDEN');
    expect(codeOf(await f.gql(self, SUSPEND, { id: op.id, input: suspension() }))).toBe('FORBIDDEN');
    expect(codeOf(await f.gql(self, CREATE, { input: input(org, { renewsOperatorId: op.id, selectionBasis: '自行续期', termStart: addDays(op.termEnd, 1) }) }))).toBe('FORBIDDEN');
    expect((await f.must(authority(CITY), GET, { id: op.id })).operator).toMatchObject({ status: 'ACTIVE', version: 1, termEnd: op.termEnd });
  });

  test('renewal selects again: a new agreement after the old term, naming the new selection; the old term is never extended [D §10]', async () => {
    const org = await enterprise(CITY, '丽水交通数据公司');
    const op = await license(CITY, org);
    const overlapping = await f.gql(authority(CITY), CREATE, { input: input(org, { renewsOperatorId: op.id, selectionBasis: '2029年公开遴选', termStart: op.termEnd }) });
    expect(overlapping.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.termStart' });
    const unselected = await f.gql(authority(CITY), CREATE, { input: input(org, { renewsOperatorId: op.id, termStart: addDays(op.termEnd, 1) }) });
    expect(unselected.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.selectionBasis' });
    const renewal = await license(CITY, org, { renewsOperatorId: op.id, selectionBasis: '2029年公开遴选结果', termStart: addDays(op.termEnd, 1) });
    expect(renewal).toMatchObject({ status: 'PENDING', renews: { id: op.id }, termEnd: termEnd(addDays(op.termEnd, 1), 3) });
    expect(renewal.id).not.toBe(op.id);
    expect((await f.must(authority(CITY), GET, { id: op.id })).operator).toMatchObject({ termEnd: op.termEnd, version: 1 });
  });
});

describe('an OPERATOR token is bound to its operator, everywhere in the federation [OPR-1, D §11, D §28]', () => {
  test('a token naming no operator, or an operator of another organization, is refused (401)', async () => {
    const org = await enterprise(CITY, '丽水能源数据公司');
    const other = await license(CITY, await enterprise(CITY, '丽水农业数据公司'));
    const unknown = await f.gql({ ...tokenOf(other), orgId: org }, ON_CITY);
    expect(unknown.status).toBe(401);
    expect(codeOf(unknown)).toBe('UNAUTHENTICATED');
    const made = await f.gql({ ...tokenOf(other), account: `${CITY}:01ARZ3NDEKTSV4RRFFQ69G5FAV` }, ON_CITY);
    expect(made.status).toBe(401);
    expect((await f.gql(tokenOf(other), ON_CITY)).status).toBe(200);
  });

  test('from the moment a city operator is suspended on the city node, its calls to the district node are refused too, within a second; reinstated, they pass again [D §28]', async () => {
    const op = await license(CITY, await enterprise(CITY, '丽水市大数据发展有限公司'));
    const self = tokenOf(op);
    expect((await f.gql(self, ON_LIANDU)).data!.operators.totalCount).toBeGreaterThanOrEqual(0);
    expect((await f.gql(self, ON_CITY)).status).toBe(200);

    await f.must(authority(CITY), SUSPEND, { id: op.id, input: suspension() });
    const suspendedAt = Date.now();
    let refused: Awaited<ReturnType<typeof f.gql>> | undefined;
    while (!refused) {
      const r = await f.gql(self, ON_LIANDU);
      if (r.status !== 200) refused = r;
      else if (Date.now() - suspendedAt > 3000) throw new Error('the suspended operator was still served after 3 s');
      else await sleep(50);
    }
    expect(Date.now() - suspendedAt).toBeLessThan(ACCOUNT_STANDING_TTL_MS + 500);
    expect(refused.status).toBe(403);
    expect(codeOf(refused)).toBe('ACCOUNT_SUSPENDED');
    expect(refused.errors![0]!.message).toContain(addDays(today(), 10));
    // Every request started a second after the suspension is refused, on either node, and so is a mutation.
    await sleep(Math.max(0, suspendedAt + ACCOUNT_STANDING_TTL_MS - Date.now()));
    for (const q of [ON_LIANDU, ON_CITY, `query($id: ID!) { operator(id: $id) { id } }`]) expect(codeOf(await f.gql(self, q, { id: op.id }))).toBe('ACCOUNT_SUSPENDED');

    await f.must(authority(CITY), change('reinstateOperator'), { id: op.id, reason: '已完成整改并提交整改报告' });
    await sleep(ACCOUNT_STANDING_TTL_MS);
    expect((await f.gql(self, ON_LIANDU)).status).toBe(200);

    await f.must(authority(CITY), change('revokeOperator'), { id: op.id, reason: '再次违规使用公共数据' });
    await sleep(ACCOUNT_STANDING_TTL_MS);
    const revoked = await f.gql(self, ON_LIANDU);
    expect(revoked.status).toBe(403);
    expect(codeOf(revoked)).toBe('ACCOUNT_REVOKED');
  });

  test("a district operator suspended on the district's node is refused on the city's node; only its own authority suspends it [D §28, D §9]", async () => {
    const op = await license(LIANDU, await enterprise(LIANDU, '莲都区数据运营公司'));
    const self = tokenOf(op);
    expect((await f.gql(self, ON_CITY)).status).toBe(200);
    // The city authority supervises the district's platform: it does not act there.
    expect(codeOf(await f.gql(authority(CITY), SUSPEND, { id: op.id, input: suspension() }))).toBe('FORBIDDEN');
    await f.must(authority(LIANDU), SUSPEND, { id: op.id, input: suspension() });
    await sleep(ACCOUNT_STANDING_TTL_MS);
    expect(codeOf(await f.gql(self, ON_CITY))).toBe('ACCOUNT_SUSPENDED');
  });
});

describe('sanctions [OPR-9, D §28]', () => {
  test('a suspension names the violations of D §28 and a deadline after today within 90 days; bad input is refused and writes nothing', async () => {
    const op = await license(CITY, await enterprise(CITY, '丽水医疗数据公司'));
    const refusedWith = async (over: Record<string, unknown>) => (await f.gql(authority(CITY), SUSPEND, { id: op.id, input: suspension(over) })).errors![0]!.extensions;
    expect(await refusedWith({ violations: [] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.violations' });
    expect(await refusedWith({ rectifyBy: today() })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rectifyBy' });
    expect(await refusedWith({ rectifyBy: addDays(today(), 91) })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rectifyBy' });
    expect(await refusedWith({ rectification: ' ' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rectification' });
    expect(await refusedWith({ violations: ['LATE_REPORT'] })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await f.must(authority(CITY), GET, { id: op.id })).operator).toMatchObject({ status: 'ACTIVE', version: 1, rectifyBy: null, sanctions: [] });
  });

  test('not rectified by the deadline, the authorization ends: TERMINATED from the next day, shown with accessEndedOn; reinstating then is a CONFLICT [D §28]', async () => {
    const op = await license(CITY, await enterprise(CITY, '丽水物流数据公司'));
    const suspended = (await f.must(authority(CITY), SUSPEND, { id: op.id, input: suspension({ violations: ['PLATFORM_SECURITY_BREACH'] }) })).suspendOperator;
    expect(suspended).toMatchObject({ status: 'SUSPENDED', rectifyBy: addDays(today(), 10), accessEndedOn: null, statusReason: suspension().rectification });
    // The deadline passes (a test does not wait ten days).
    const deadline = addDays(today(), -2);
    await sql('lishui', 'operation', `update "operation"."operator" set rectify_by = ? where id = ?`, [deadline, op.id]);
    await sql('lishui', 'operation', `update "operation"."operator_sanction" set rectify_by = ? where operator_id = ?`, [deadline, op.id]);

    const seen = (await f.must(authority(CITY), GET, { id: op.id })).operator;
    expect(seen).toMatchObject({ status: 'TERMINATED', rectifyBy: deadline, accessEndedOn: addDays(deadline, 1) });
    expect(seen.sanctions).toEqual([
      { violations: ['PLATFORM_SECURITY_BREACH'], rectification: suspension().rectification, rectifyBy: deadline, reinstatedAt: null, reinstatement: null },
    ]);
    const terminated = await f.must(authority(CITY), `{ operators(status: TERMINATED, first: 100) { edges { node { id } } } }`);
    expect(terminated.operators.edges.map((e: any) => e.node.id)).toContain(op.id);

    const late = await f.gql(authority(CITY), change('reinstateOperator'), { id: op.id, reason: '已整改' });
    expect(codeOf(late)).toBe('CONFLICT');
    expect(late.errors![0]!.message).toContain(`access ended on ${addDays(deadline, 1)}`);
    await sleep(ACCOUNT_STANDING_TTL_MS);
    const refused = await f.gql(tokenOf(op), ON_LIANDU);
    expect(refused.status).toBe(403);
    expect(codeOf(refused)).toBe('ACCOUNT_REVOKED');
    expect(refused.errors![0]!.message).toContain(addDays(deadline, 1));
  });

  test('rectified in time, the operator is restored and the sanction closed; its history stays, seen by its overseers and itself, not by others [D §28]', async () => {
    const op = await license(CITY, await enterprise(CITY, '丽水信用数据公司'));
    await f.must(authority(CITY), SUSPEND, { id: op.id, input: suspension() });
    const back = (await f.must(authority(CITY), change('reinstateOperator'), { id: op.id, reason: '已补齐安全保障措施并通过复核' })).reinstateOperator;
    expect(back).toMatchObject({ status: 'ACTIVE', rectifyBy: null });
    const history = (await f.must(authority(CITY), GET, { id: op.id })).operator.sanctions;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ violations: ['MISUSE_OF_DATA', 'SECURITY_MEASURES_MISSING'], reinstatement: '已补齐安全保障措施并通过复核' });
    await sleep(ACCOUNT_STANDING_TTL_MS);
    expect((await f.must(tokenOf(op), GET, { id: op.id })).operator.sanctions).toHaveLength(1);
    expect((await f.must(auditor(CITY), GET, { id: op.id })).operator.sanctions).toHaveLength(1);
    expect((await f.must(authority(LIANDU), GET, { id: op.id })).operator.sanctions).toBeNull();
    const dept = await registerOrganization(f.call, CITY, '丽水市文化和广电旅游体育局');
    expect((await f.must(agency(dept, CITY), GET, { id: op.id })).operator.sanctions).toBeNull();
    // The authority's read of the sanctions is in the audit log [D §24].
    const reads = await sql('lishui', 'operation', `select count(*)::int as n from "operation".audit_event where kind = 'READ' and entity_type = 'OperatorSanction'`, []);
    expect((reads as { n: number }[])[0]!.n).toBeGreaterThan(0);
  });
});

describe('public data users through the same check [B §3, Z §39]', () => {
  test('a suspended or terminated user is refused on every node; a token naming no registered user is refused', async () => {
    const first17 = '331102199001011234'.slice(0, 17);
    const id = (
      await f.must(null, `mutation($input: RegisterOpenDataUserInput!) { registerOpenDataUser(input: $input) { id } }`, {
        input: { regionCode: LIANDU, name: '张三', kind: 'NATURAL_PERSON', idNumber: first17 + citizenIdCheckChar(first17), contact: '13900000000' },
      })
    ).registerOpenDataUser.id as string;
    const user: Actor = { sub: 'zhang', orgId: null, region: LIANDU, roles: ['USER'], account: id };
    expect((await f.gql(user, ON_CITY)).status).toBe(200);
    await sql('liandu', 'opening', `update "opening"."open_data_user" set status = 'SUSPENDED' where id = ?`, [id]);
    await sleep(ACCOUNT_STANDING_TTL_MS);
    expect(codeOf(await f.gql(user, ON_CITY))).toBe('ACCOUNT_SUSPENDED');
    await sql('liandu', 'opening', `update "opening"."open_data_user" set status = 'TERMINATED' where id = ?`, [id]);
    await sleep(ACCOUNT_STANDING_TTL_MS);
    expect(codeOf(await f.gql(user, ON_CITY))).toBe('ACCOUNT_REVOKED');
    const nobody = await f.gql({ ...user, account: `${LIANDU}:01ARZ3NDEKTSV4RRFFQ69G5FAV` }, ON_CITY);
    expect(nobody.status).toBe(401);
  });
});

describe('failing closed', () => {
  test("when the account's home node cannot answer, its tokens are refused with 503 ACCOUNT_STANDING_UNAVAILABLE, other callers go on", async () => {
    const op = await license(LIANDU, await enterprise(LIANDU, '莲都区文旅数据公司'));
    await f.federation.stopNode('liandu');
    await sleep(ACCOUNT_STANDING_TTL_MS);
    const r = await f.gql(tokenOf(op), ON_CITY);
    expect(r.status).toBe(503);
    expect(codeOf(r)).toBe('ACCOUNT_STANDING_UNAVAILABLE');
    expect((await f.gql(authority(CITY), ON_CITY)).status).toBe(200);
  });
});
