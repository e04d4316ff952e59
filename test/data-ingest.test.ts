import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { citizenIdCheckChar } from '../subgraphs/kit/rules/citizen-id.js';
import { makeCreditCode, makeOrganizationCode } from '../subgraphs/kit/rules/credit-code.js';
import { agency, authority } from './support/node.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { startTestFederation } from './support/federation.js';

let f: Awaited<ReturnType<typeof startTestFederation>>;
const gql = (...args: Parameters<typeof f.gql>) => f.gql(...args);

const sql = <T = Record<string, unknown>>(node: string, query: string, params: unknown[] = []) =>
  f.federation.nodes.get(node)!.subgraphs.catalog!.orm.em.getConnection().execute<T[]>(query, params);
const recordCount = async (node: string, resourceId: string) =>
  Number((await sql<{ n: string }>(node, `select count(*) as n from "catalog".data_record where resource_id = ?`, [resourceId]))[0]!.n);

const ITEMS = [
  { name: '统一社会信用代码', dataType: 'STRING', identifier: true, required: true },
  { name: '企业名称', dataType: 'STRING', required: true },
  { name: '注册资本', dataType: 'DECIMAL' },
  { name: '成立日期', dataType: 'DATE' },
  { name: '从业人数', dataType: 'INTEGER' },
  { name: '法定代表人身份证号', dataType: 'STRING', identifier: true, personalInfo: true },
];

let serial = 0;
/** A valid credit code of the region, new each call. */
const creditCode = (region: string) => makeCreditCode(`91${region}${makeOrganizationCode(`MA${String(++serial).padStart(6, '0')}`)}`);
const citizenId = (n: number) => {
  const first17 = `33110219900101${String(n % 1000).padStart(3, '0')}`;
  return first17 + citizenIdCheckChar(first17);
};
const company = (region: string, n: number) => ({
  统一社会信用代码: creditCode(region),
  企业名称: `丽水测试企业${n}有限公司`,
  注册资本: `${100 + n}.50`,
  成立日期: '2020-03-15',
  从业人数: n % 500,
  法定代表人身份证号: citizenId(n),
});

const LOAD = `mutation($input: LoadEntryRecordsInput!) { loadEntryRecords(input: $input) {
  id version source mode status rowsRead rowCount contentHash errorCount errors { line item message } loadedBy startedAt finishedAt resource { id } } }`;
const LOAD_OF = `query($id: ID!) { dataLoad(id: $id) { id status rowsRead rowCount errorCount } }`;
const ENTRY = `query($id: ID!) { dataResource(id: $id) { lastDataUpdateAt updateDueAt items { name required } dataLoads(first: 10) { totalCount edges { node { version status rowCount } } } } }`;

beforeAll(async () => {
  f = await startTestFederation('ingest');
}, 180_000);
afterAll(async () => f?.federation.stop());

async function entryOf(region: string, name: string) {
  const org = await registerOrganization(f.call, region, name);
  const id = await publishResource(f.call, org, region, { items: ITEMS });
  return { org, id, staff: agency(org, region) };
}

describe('ingest by the batched API [B §17-18, L §8, CAT-7]', () => {
  test('the providing agency loads records through the gateway: a version, a content hash, a data update for freshness', async () => {
    const { id, staff } = await entryOf('331100', '丽水市市场监督管理局');
    const before = (await f.must(staff, ENTRY, { id })).dataResource;
    expect(before.items.find((i: any) => i.name === '企业名称').required).toBe(true);
    const records: Record<string, unknown>[] = [company('331100', 1), company('331100', 2), { 统一社会信用代码: creditCode('331100'), 企业名称: '只有必填项的企业' }];
    const r = await gql(staff, LOAD, { input: { resourceId: id, records } });
    expect(r.errors).toBeUndefined();
    const load = r.data!.loadEntryRecords;
    expect(load).toMatchObject({
      version: 1,
      source: 'API',
      mode: 'APPEND',
      status: 'LOADED',
      rowsRead: 3,
      rowCount: 3,
      errorCount: 0,
      errors: [],
      loadedBy: staff.sub,
      resource: { id },
    });
    expect(load.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(load.id.startsWith('331100:')).toBe(true);
    expect(await recordCount('lishui', id)).toBe(3);
    const [stored] = await sql<{ data: Record<string, unknown> }>('lishui', `select data from "catalog".data_record where resource_id = ? and row_no = 1`, [id]);
    // Stored in their one canonical form: a number as a number, a decimal without padding.
    expect(stored!.data).toMatchObject({ 注册资本: '101.5', 从业人数: 1 });

    const after = (await f.must(staff, ENTRY, { id })).dataResource;
    expect(after.lastDataUpdateAt).not.toBeNull();
    expect(new Date(after.updateDueAt).getTime()).toBeGreaterThan(Date.now());
    expect(after.dataLoads).toMatchObject({ totalCount: 1, edges: [{ node: { version: 1, status: 'LOADED', rowCount: 3 } }] });
    expect((await f.must(staff, LOAD_OF, { id: load.id })).dataLoad).toMatchObject({ status: 'LOADED', rowCount: 3 });

    // The same rows spelled differently hash the same: the hash is of the canonical rows.
    const again = await f.must(staff, LOAD, {
      input: { resourceId: id, mode: 'REPLACE', records: records.map((x) => ({ ...x, 从业人数: x.从业人数 === undefined ? undefined : String(x.从业人数) })) },
    });
    expect(again.loadEntryRecords).toMatchObject({ version: 2, mode: 'REPLACE', status: 'LOADED' });
    expect(again.loadEntryRecords.contentHash).toBe(load.contentHash);
    const audit = await sql<{ action: string }>('lishui', `select action from "catalog".audit_event where kind = 'CHANGE' and entity_id in (?, ?) order by id`, [
      load.id,
      again.loadEntryRecords.id,
    ]);
    expect(audit.map((a) => a.action)).toEqual(['dataLoad.loaded', 'dataLoad.loaded']);
  });

  test('a wrong value, a bad check digit, an unknown item or a missing required item rejects the load: errors name the record and the item, nothing is written', async () => {
    const { id, staff } = await entryOf('331100', '丽水市人力资源和社会保障局');
    const good = company('331100', 10);
    const badCode = `${good.统一社会信用代码.slice(0, 17)}${good.统一社会信用代码[17] === '0' ? '1' : '0'}`;
    const records = [
      good,
      { ...company('331100', 11), 从业人数: '十二' },
      { ...company('331100', 12), 统一社会信用代码: badCode },
      { ...company('331100', 13), 电话: '123' },
      { 统一社会信用代码: creditCode('331100') },
    ];
    const r = await gql(staff, LOAD, { input: { resourceId: id, records } });
    expect(r.errors).toBeUndefined();
    const load = r.data!.loadEntryRecords;
    expect(load).toMatchObject({ status: 'REJECTED', rowCount: 0, errorCount: 4, contentHash: null });
    expect(load.errors).toEqual([
      { line: 2, item: '从业人数', message: expect.stringMatching(/not an integer/) },
      { line: 3, item: '统一社会信用代码', message: expect.stringMatching(/credit code/) },
      { line: 4, item: '电话', message: expect.stringMatching(/no item "电话"/) },
      { line: 5, item: '企业名称', message: expect.stringMatching(/required item/) },
    ]);
    expect(await recordCount('lishui', id)).toBe(0);
    const entry = (await f.must(staff, ENTRY, { id })).dataResource;
    expect(entry.lastDataUpdateAt).toBeNull();
    expect(entry.dataLoads.edges[0].node).toMatchObject({ status: 'REJECTED' });
  });

  test('only the providing agency loads; another agency and the authority are refused; bad input is refused before anything is written [SEC-1]', async () => {
    const { id, staff } = await entryOf('331100', '丽水市统计局');
    const other = await registerOrganization(f.call, '331100', '丽水市交通运输局');
    const records = [company('331100', 20)];
    const refused = await gql(agency(other, '331100'), LOAD, { input: { resourceId: id, records } });
    expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await gql(authority('331100'), LOAD, { input: { resourceId: id, records } })).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await gql(null, LOAD, { input: { resourceId: id, records } })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const empty = await gql(staff, LOAD, { input: { resourceId: id, records: [] } });
    expect(empty.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.records' });
    const tooMany = await gql(staff, LOAD, { input: { resourceId: id, records: Array.from({ length: 1001 }, () => ({})) } });
    expect(tooMany.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    // Another agency does not even learn the loads exist.
    expect((await f.must(agency(other, '331100'), ENTRY, { id })).dataResource.dataLoads).toBeNull();
    expect(await recordCount('lishui', id)).toBe(0);
    expect(Number((await sql<{ n: string }>('lishui', `select count(*) as n from "catalog".data_load where resource_id = ?`, [id]))[0]!.n)).toBe(0);
  });

  test('a retired entry takes no load', async () => {
    const { id, staff } = await entryOf('331100', '丽水市林业局');
    expect(
      (await gql(authority('331100'), `mutation($id: ID!, $r: String!) { retireDataResource(id: $id, reason: $r) { status } }`, { id, r: '数据不再更新' })).errors,
    ).toBeUndefined();
    const r = await gql(staff, LOAD, { input: { resourceId: id, records: [company('331100', 30)] } });
    expect(r.errors![0].extensions!.code).toBe('CONFLICT');
    expect(await recordCount('lishui', id)).toBe(0);
  });

  test('a district agency loads into its entry on its own node: the records stay there', async () => {
    const { id, staff } = await entryOf('331102', '丽水市莲都区市场监督管理局');
    const load = (await f.must(staff, LOAD, { input: { resourceId: id, records: [company('331102', 40), company('331102', 41)] } })).loadEntryRecords;
    expect(load).toMatchObject({ status: 'LOADED', rowCount: 2 });
    expect(load.id.startsWith('331102:')).toBe(true);
    expect(await recordCount('liandu', id)).toBe(2);
    expect(await recordCount('lishui', id)).toBe(0);
    expect((await f.must(staff, LOAD_OF, { id: load.id })).dataLoad).toMatchObject({ status: 'LOADED' });
  });
});
