import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mintToken } from '../gateway/auth.js';
import type { Actor } from '../schema/auth.js';
import { makeCreditCode, makeOrganizationCode } from '../subgraphs/kit/rules/credit-code.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { TEST_JWT_SECRET } from './support/env.js';
import { startTestFederation } from './support/federation.js';
import { agency, authority } from './support/node.js';
import { putRecords } from './support/records.js';

let f: Awaited<ReturnType<typeof startTestFederation>>;

beforeAll(async () => {
  f = await startTestFederation('destroy');
}, 180_000);
afterAll(async () => f?.federation.stop());

const orm = (node: string) => f.federation.nodes.get(node)!.subgraphs.catalog!.orm;
const sql = <T = Record<string, any>>(node: string, query: string, params: unknown[] = []) => orm(node).em.fork().getConnection().execute<T[]>(query, params);
const n = async (node: string, query: string, params: unknown[] = []) => Number((await sql<{ n: string }>(node, query, params))[0]!.n);
const rowsOf = (resourceId: string, where = 'true', params: unknown[] = []) =>
  n('liandu', `select count(*) as n from "catalog".data_record where resource_id = ? and ${where}`, [resourceId, ...params]);
const requests = () => n('liandu', 'select count(*) as n from "catalog".data_destruction');
const changes = () => n('liandu', `select count(*) as n from "catalog".audit_event where kind = 'CHANGE'`);
const auditOf = async (id: string) =>
  (
    await sql<{ action: string; actor_sub: string; data: string }>(
      'liandu',
      `select action, actor_sub, data from "catalog".audit_event where entity_id = ? and kind = 'CHANGE' order by id`,
      [id],
    )
  ).map((a) => ({ ...a, data: JSON.parse(a.data) }));

/** What anyone holding the rows recomputes: SHA-256 over "version\trow\tjsonb text\n" in (version, row) order. */
async function expectedHash(resourceId: string, where: string, params: unknown[]) {
  const rows = await sql<{ version: number; row_no: string; data: string }>(
    'liandu',
    `select version, row_no, data::text as data from "catalog".data_record where resource_id = ? and ${where} order by version, row_no`,
    [resourceId, ...params],
  );
  const h = createHash('sha256');
  for (const r of rows) h.update(`${r.version}\t${r.row_no}\t${r.data}\n`);
  return { hash: h.digest('hex'), count: rows.length };
}

const FIELDS = `id status target loadVersion filter { item eq } reason legalBasis matchingRows requestedBy decidedBy decidedAt decisionNote
  destroyedVersions rowCount contentHash region { code } resource { id } provider { id }`;
const REQUEST = `mutation($input: RequestDataDestructionInput!) { requestDataDestruction(input: $input) { ${FIELDS} } }`;
const APPROVE = `mutation($input: ApproveDataDestructionInput!) { approveDataDestruction(input: $input) { ${FIELDS} } }`;
const REFUSE = `mutation($input: RefuseDataDestructionInput!) { refuseDataDestruction(input: $input) { ${FIELDS} } }`;
const LIST = `query($filter: DataDestructionFilter) { dataDestructions(filter: $filter, first: 100) { totalCount edges { node { id status resource { id } } } } }`;

const city = authority('331100');
const district = authority('331102');
const longquan = authority('331181');
const auditor: Actor = { sub: 'auditor-331102', orgId: null, region: '331102', roles: ['AUDITOR'] };
const BASIS = '《浙江省公共数据条例》第三十条 [J §30]';

let org: string;
let staff: Actor;
let other: Actor;
let seq = 0;

/** A business registration as stored (records/values.ts): a valid credit code, a name, a status. */
const business = (i: number, status = '存续') => ({
  统一社会信用代码: makeCreditCode(`91331102${makeOrganizationCode(`MA${String(i).padStart(6, '0')}`)}`),
  企业名称: `丽水莲都测试企业${i}有限公司`,
  登记状态: status,
});

/** A published entry of the district agency with two versions: 5 rows, then 3 appended (2 of them 注销). */
async function entry() {
  const id = await publishResource(f.call, org, '331102', { name: `企业登记信息${++seq}` });
  await putRecords(
    orm('liandu'),
    id,
    org,
    [1, 2, 3, 4, 5].map((i) => business(i)),
    'REPLACE',
  );
  await putRecords(orm('liandu'), id, org, [business(6, '注销'), business(7), business(8, '注销')]);
  return id;
}

async function requestOk(actor: Actor, input: Record<string, unknown>) {
  const r = await f.gql(actor, REQUEST, { input: { reason: '企业已注销满五年，登记数据已失去利用价值', legalBasis: BASIS, ...input } });
  expect(r.errors).toBeUndefined();
  return r.data!.requestDataDestruction;
}

beforeAll(async () => {
  org = await registerOrganization(f.call, '331102', '丽水市莲都区市场监督管理局');
  staff = agency(org);
  other = agency(await registerOrganization(f.call, '331102', '丽水市莲都区统计局'));
}, 120_000);

describe('records are destroyed only through a request the authority approves [SEC-4, J §30, Z §32]', () => {
  test('the district agency asks to destroy a whole version; the city authority approves on the district platform; the rows are gone and the audit log keeps what was destroyed', async () => {
    const id = await entry();
    const asked = await requestOk(staff, { resourceId: id, version: 1 });
    expect(asked).toMatchObject({ status: 'PENDING', target: 'VERSION', loadVersion: 1, matchingRows: 5, region: { code: '331102' }, rowCount: null, contentHash: null });
    expect(await rowsOf(id)).toBe(8);
    const expected = await expectedHash(id, 'version = 1', []);

    const pending = await f.must<any>(city, LIST, { filter: { status: 'PENDING' } });
    expect(pending.dataDestructions.edges.map((e: any) => e.node.id)).toContain(asked.id);

    const approved = (await f.must<any>(city, APPROVE, { input: { id: asked.id, note: '同意销毁' } })).approveDataDestruction;
    expect(approved).toMatchObject({ status: 'APPROVED', decidedBy: city.sub, requestedBy: staff.sub, rowCount: 5, destroyedVersions: [1], contentHash: expected.hash });
    expect(await rowsOf(id, 'version = 1')).toBe(0);
    expect(await rowsOf(id, 'version = 2')).toBe(3);
    const [load] = await sql<{ status: string }>('liandu', 'select status from "catalog".data_load where resource_id = ? and version = 1', [id]);
    expect(load!.status).toBe('DESTROYED');

    const audit = await auditOf(asked.id);
    expect(audit.map((a) => a.action)).toEqual(['dataDestruction.request', 'dataDestruction.approve']);
    expect(audit[1]).toMatchObject({
      actor_sub: city.sub,
      data: { resourceId: id, versions: [1], rowCount: 5, contentHash: expected.hash, hashAlgorithm: 'sha256', requestedBy: staff.sub, approvedBy: city.sub, legalBasis: BASIS },
    });
    expect(audit[1]!.data.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('records matching a filter are destroyed in every version; the district authority approves; the rest stays', async () => {
    const id = await entry();
    await putRecords(orm('liandu'), id, org, [business(9, '注销')]);
    const asked = await requestOk(staff, { resourceId: id, filter: [{ item: '登记状态', eq: '注销' }], reason: '已终止经营满五年的企业数据失去利用价值' });
    expect(asked).toMatchObject({ target: 'FILTER', loadVersion: null, filter: [{ item: '登记状态', eq: '注销' }], matchingRows: 3 });
    const expected = await expectedHash(id, `data->>'登记状态' = ?`, ['注销']);
    const approved = (await f.must<any>(district, APPROVE, { input: { id: asked.id } })).approveDataDestruction;
    expect(approved).toMatchObject({ status: 'APPROVED', rowCount: 3, destroyedVersions: [2, 3], contentHash: expected.hash });
    expect(await rowsOf(id, `data->>'登记状态' = '注销'`)).toBe(0);
    expect(await rowsOf(id)).toBe(6);
    const loads = await sql<{ status: string }>('liandu', 'select status from "catalog".data_load where resource_id = ? order by version', [id]);
    expect(loads.map((l) => l.status)).toEqual(['LOADED', 'LOADED', 'LOADED']);
    const [approve] = (await auditOf(asked.id)).filter((a) => a.action === 'dataDestruction.approve');
    expect(approve!.data).toMatchObject({ rowCount: 3, versions: [2, 3], contentHash: expected.hash });
    // The audit log names the items filtered on, never their values (they may be personal).
    const [req] = (await auditOf(asked.id)).filter((a) => a.action === 'dataDestruction.request');
    expect(req!.data.filterItems).toEqual(['登记状态']);
    expect(JSON.stringify(req!.data)).not.toContain('注销');
  });

  test('a refusal needs a reason and destroys nothing; a decided request cannot be decided again (CONFLICT)', async () => {
    const id = await entry();
    const asked = await requestOk(staff, { resourceId: id, version: 2 });
    const before = await changes();
    const blankReason = await f.gql(city, REFUSE, { input: { id: asked.id, reason: '  ' } });
    expect(blankReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    expect(await changes()).toBe(before);

    const refused = (await f.must<any>(city, REFUSE, { input: { id: asked.id, reason: '该数据仍用于年度统计，暂不销毁' } })).refuseDataDestruction;
    expect(refused).toMatchObject({ status: 'REFUSED', decisionNote: '该数据仍用于年度统计，暂不销毁', rowCount: null, contentHash: null });
    expect(await rowsOf(id)).toBe(8);
    expect((await auditOf(asked.id)).map((a) => a.action)).toEqual(['dataDestruction.request', 'dataDestruction.refuse']);

    for (const [actor, q, input] of [
      [district, APPROVE, { id: asked.id }],
      [city, REFUSE, { id: asked.id, reason: '再次处理' }],
    ] as const) {
      const again = await f.gql(actor, q, { input });
      expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    }
    const approvedOnce = await requestOk(staff, { resourceId: id, version: 2 });
    await f.must(district, APPROVE, { input: { id: approvedOnce.id } });
    const twice = await f.gql(city, APPROVE, { input: { id: approvedOnce.id } });
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await auditOf(approvedOnce.id)).filter((a) => a.action === 'dataDestruction.approve')).toHaveLength(1);
    // A destroyed version cannot be asked for again.
    const gone = await f.gql(staff, REQUEST, { input: { resourceId: id, version: 2, reason: '再次销毁', legalBasis: BASIS } });
    expect(gone.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.version' });
  });

  test('nobody else asks or decides: other agencies, authorities of other regions, auditors and the requester are refused, and nothing changes', async () => {
    const id = await entry();
    const before = [await requests(), await changes()];
    const byOther = await f.gql(other, REQUEST, { input: { resourceId: id, version: 1, reason: '无关部门申请', legalBasis: BASIS } });
    expect(byOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byAuthority = await f.gql(district, REQUEST, { input: { resourceId: id, version: 1, reason: '主管部门申请', legalBasis: BASIS } });
    expect(byAuthority.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await f.gql(null, REQUEST, { input: { resourceId: id, version: 1, reason: '匿名申请', legalBasis: BASIS } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect([await requests(), await changes()]).toEqual(before);

    const asked = await requestOk(staff, { resourceId: id, version: 1 });
    for (const [actor, code] of [
      [staff, 'FORBIDDEN'],
      [auditor, 'FORBIDDEN'],
      [longquan, 'NOT_FOUND'],
      [authority('331121'), 'NOT_FOUND'],
      [other, 'NOT_FOUND'],
    ] as const) {
      const r = await f.gql(actor, APPROVE, { input: { id: asked.id } });
      expect([actor.sub, r.errors?.[0]?.extensions?.code]).toEqual([actor.sub, code]);
    }
    expect(await rowsOf(id)).toBe(8);
    expect((await auditOf(asked.id)).map((a) => a.action)).toEqual(['dataDestruction.request']);

    // Lists: the agency its own, the other agency none, the auditor its region's; the public must sign in.
    const own = await f.must<any>(staff, LIST, { filter: { resourceId: id } });
    expect(own.dataDestructions.edges.map((e: any) => e.node.id)).toEqual([asked.id]);
    expect((await f.must<any>(other, LIST, { filter: { resourceId: id } })).dataDestructions.totalCount).toBe(0);
    expect((await f.must<any>(auditor, LIST, { filter: { resourceId: id } })).dataDestructions.totalCount).toBe(1);
    expect((await f.must<any>(longquan, LIST, { filter: { resourceId: id } })).dataDestructions.totalCount).toBe(0);
    expect((await f.gql(null, LIST, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('bad input is refused naming the field, and writes nothing', async () => {
    const id = await entry();
    const before = [await requests(), await changes()];
    const cases: [Record<string, unknown>, string][] = [
      [{ version: 1, filter: [{ item: '登记状态', eq: '注销' }] }, 'input.version'],
      [{}, 'input.version'],
      [{ version: 0 }, 'input.version'],
      [{ version: 9 }, 'input.version'],
      [{ filter: [] }, 'input.filter'],
      [{ filter: [{ item: '注册资本', eq: '1' }] }, 'input.filter[0].item'],
      [{ filter: [{ item: '登记状态' }] }, 'input.filter[0]'],
      [{ filter: [{ item: '登记状态', eq: '吊销' }] }, 'input.filter'],
      [{ version: 1, reason: ' ' }, 'input.reason'],
      [{ version: 1, legalBasis: '' }, 'input.legalBasis'],
    ];
    for (const [input, field] of cases) {
      const r = await f.gql(staff, REQUEST, { input: { resourceId: id, reason: '失去价值', legalBasis: BASIS, ...input } });
      expect([input, r.errors?.[0]?.extensions]).toEqual([input, expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
    }
    const tooLong = await f.gql(staff, REQUEST, { input: { resourceId: id, version: 1, reason: '长'.repeat(2001), legalBasis: BASIS } });
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect([await requests(), await changes()]).toEqual(before);
    expect(await rowsOf(id)).toBe(8);
  });

  test('a request and an approval happen once: resent with the same idempotency key, the first answer comes back and nothing is done twice', async () => {
    const id = await entry();
    const send = async (actor: Actor, query: string, input: Record<string, unknown>, key: string) => {
      const res = await fetch(`${f.federation.gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await mintToken(actor, TEST_JWT_SECRET, '10m')}`, 'idempotency-key': key },
        body: JSON.stringify({ query, variables: { input } }),
      });
      return (await res.json()) as { data?: any; errors?: unknown[]; extensions?: Record<string, unknown> };
    };
    const input = { resourceId: id, version: 1, reason: '失去价值', legalBasis: BASIS };
    const first = await send(staff, REQUEST, input, `destroy-ask-${id}`);
    const again = await send(staff, REQUEST, input, `destroy-ask-${id}`);
    expect(first.errors).toBeUndefined();
    expect(again.data.requestDataDestruction.id).toBe(first.data.requestDataDestruction.id);
    expect(again.extensions?.idempotentReplay).toBe(true);
    expect(await n('liandu', 'select count(*) as n from "catalog".data_destruction where resource_id = ?', [id])).toBe(1);

    const reqId = first.data.requestDataDestruction.id;
    const approved = await send(city, APPROVE, { id: reqId }, `destroy-approve-${id}`);
    const replay = await send(city, APPROVE, { id: reqId }, `destroy-approve-${id}`);
    expect(approved.errors).toBeUndefined();
    expect(replay.data.approveDataDestruction).toEqual(approved.data.approveDataDestruction);
    expect(replay.extensions?.idempotentReplay).toBe(true);
    expect((await auditOf(reqId)).map((a) => a.action)).toEqual(['dataDestruction.request', 'dataDestruction.approve']);
    expect(await rowsOf(id)).toBe(3);
  });

  test('a version larger than one batch is hashed and deleted whole, in order across batches', async () => {
    const id = await publishResource(f.call, org, '331102', { name: `企业登记信息${++seq}` });
    const version = await putRecords(
      orm('liandu'),
      id,
      org,
      Array.from({ length: 12_001 }, (_, i) => business(i + 1)),
      'REPLACE',
    );
    const expected = await expectedHash(id, 'version = ?', [version]);
    const asked = await requestOk(staff, { resourceId: id, version });
    const approved = (await f.must<any>(city, APPROVE, { input: { id: asked.id } })).approveDataDestruction;
    expect(approved).toMatchObject({ rowCount: 12_001, contentHash: expected.hash, destroyedVersions: [version] });
    expect(await rowsOf(id)).toBe(0);
  });
});
