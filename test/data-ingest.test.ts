import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { request as undiciRequest } from 'undici';
import { INTERNAL_AUTH_HEADER, signInternal, type Actor } from '../schema/auth.js';
import { transferSigned } from '../schema/transfer.js';
import { mintToken } from '../gateway/auth.js';
import { citizenIdCheckChar } from '../subgraphs/kit/rules/citizen-id.js';
import { makeCreditCode, makeOrganizationCode } from '../subgraphs/kit/rules/credit-code.js';
import { agency, authority } from './support/node.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { startTestFederation } from './support/federation.js';
import { TEST_DATABASE_URL, TEST_JWT_SECRET, TEST_SECRET, TEST_SETTINGS } from './support/env.js';
import { eventually } from './support/eventually.js';

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

  test('a batched load runs once: a retry with the same Idempotency-Key answers the same load and writes no second version', async () => {
    const { id, staff } = await entryOf('331100', '丽水市商务局');
    const records = [company('331100', 50)];
    const send = async () => {
      const res = await undiciRequest(`${f.federation.gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await mintToken(staff, TEST_JWT_SECRET)}`, 'idempotency-key': `load-${id}` },
        body: JSON.stringify({ query: LOAD, variables: { input: { resourceId: id, records } } }),
      });
      return (await res.body.json()) as { data: { loadEntryRecords: { id: string; version: number } }; extensions?: Record<string, unknown> };
    };
    const once = await send();
    const again = await send();
    expect(again.data.loadEntryRecords).toMatchObject({ id: once.data.loadEntryRecords.id, version: 1 });
    expect(again.extensions?.idempotentReplay).toBe(true);
    expect(await recordCount('lishui', id)).toBe(1);
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

const START = `mutation($input: StartDataLoadInput!) { startDataLoad(input: $input) { id status source mode version rowsRead } }`;

/** PUTs a file to the gateway's transfer route as the actor (a string, or a stream sent chunked without a length). */
async function put(actor: Actor | null, path: string, body: string | Readable, contentType = 'text/csv', extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { 'content-type': contentType, ...extra };
  if (actor) headers.authorization = `Bearer ${await mintToken(actor, TEST_JWT_SECRET)}`;
  const res = await undiciRequest(`${f.federation.gateway.url}${path}`, { method: 'PUT', headers, body });
  const text = await res.body.text();
  return { status: res.statusCode, json: JSON.parse(text) as Record<string, any> };
}

async function startLoad(actor: Actor, resourceId: string, format: 'CSV' | 'JSON', mode = 'APPEND') {
  const started = (await f.must(actor, START, { input: { resourceId, format, mode } })).startDataLoad;
  expect(started).toMatchObject({ status: 'LOADING', source: format, mode, rowsRead: 0 });
  return started.id as string;
}

const HEADER = ITEMS.map((i) => i.name).join(',');
const csvLine = (r: Record<string, unknown>) => ITEMS.map((i) => (r[i.name] === undefined ? '' : String(r[i.name]))).join(',');
const csvOf = (rows: Record<string, unknown>[]) => `${[HEADER, ...rows.map(csvLine)].join('\r\n')}\r\n`;

describe('ingest by streamed upload through the gateway [B §17-18, L §8, CAT-7]', () => {
  test('a CSV larger than one batch loads in one transaction as one version, streamed in chunks; progress and freshness follow', async () => {
    const { id, staff } = await entryOf('331100', '丽水市公安局');
    const loadId = await startLoad(staff, id, 'CSV', 'REPLACE');
    const rows = Array.from({ length: 2500 }, (_, n) => company('331100', 1000 + n));
    const text = `\uFEFF${csvOf(rows)}`;
    // Sent in small chunks without a length: the gateway and the node stream it through.
    const chunks = Array.from({ length: Math.ceil(text.length / 4096) }, (_, i) => text.slice(i * 4096, (i + 1) * 4096));
    const r = await put(staff, `/data/loads/${encodeURIComponent(loadId)}`, Readable.from(chunks));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: loadId, status: 'LOADED', source: 'CSV', mode: 'REPLACE', rowsRead: 2500, rowCount: 2500, errorCount: 0 });
    expect(r.json.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await recordCount('lishui', id)).toBe(2500);
    const entry = (await f.must(staff, ENTRY, { id })).dataResource;
    expect(entry.lastDataUpdateAt).not.toBeNull();
    expect(entry.dataLoads.edges[0].node).toMatchObject({ status: 'LOADED', rowCount: 2500 });
    expect((await f.must(staff, LOAD_OF, { id: loadId })).dataLoad).toMatchObject({ status: 'LOADED', rowsRead: 2500 });
    const audit = await sql<{ action: string }>('lishui', `select action from "catalog".audit_event where kind = 'CHANGE' and entity_id = ? order by id`, [loadId]);
    expect(audit.map((a) => a.action)).toEqual(['dataLoad.start', 'dataLoad.loaded']);

    // The same rows by the batched API hash the same as by CSV.
    const api = (await f.must(staff, LOAD, { input: { resourceId: id, mode: 'REPLACE', records: rows.slice(0, 10) } })).loadEntryRecords;
    const small = await startLoad(staff, id, 'CSV', 'REPLACE');
    expect((await put(staff, `/data/loads/${small}`, csvOf(rows.slice(0, 10)))).json.contentHash).toBe(api.contentHash);
  });

  test('JSON loads as an array or as NDJSON', async () => {
    const { id, staff } = await entryOf('331100', '丽水市生态环境局');
    const arrayLoad = await startLoad(staff, id, 'JSON');
    const a = await put(staff, `/data/loads/${arrayLoad}`, JSON.stringify([company('331100', 3000), company('331100', 3001)]), 'application/json');
    expect(a.json).toMatchObject({ status: 'LOADED', rowCount: 2 });
    const ndLoad = await startLoad(staff, id, 'JSON');
    const nd = await put(staff, `/data/loads/${ndLoad}`, `${JSON.stringify(company('331100', 3002))}\n\n${JSON.stringify(company('331100', 3003))}\n`, 'application/x-ndjson');
    expect(nd.json).toMatchObject({ status: 'LOADED', rowCount: 2, rowsRead: 2 });
    expect(await recordCount('lishui', id)).toBe(4);
    const broken = await startLoad(staff, id, 'JSON');
    const b = await put(staff, `/data/loads/${broken}`, `[${JSON.stringify(company('331100', 3004))}, {"企业名称": `, 'application/json');
    expect(b.json).toMatchObject({ status: 'REJECTED', rowCount: 0, errors: [{ line: 2, item: null, message: expect.stringMatching(/malformed JSON/) }] });
    expect(await recordCount('lishui', id)).toBe(4);
  });

  test('a wrong value past the first batch, or malformed CSV, rejects the whole file: the error names the line and the item, nothing is written', async () => {
    const { id, staff } = await entryOf('331100', '丽水市卫生健康委员会');
    const rows: Record<string, unknown>[] = Array.from({ length: 1500 }, (_, n) => company('331100', 4000 + n));
    rows[1399] = { ...rows[1399], 成立日期: '2020-02-30' };
    const loadId = await startLoad(staff, id, 'CSV');
    const r = await put(staff, `/data/loads/${loadId}`, csvOf(rows));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'REJECTED', rowCount: 0, errorCount: 1, errors: [{ line: 1400, item: '成立日期', message: expect.stringMatching(/YYYY-MM-DD/) }] });
    expect(await recordCount('lishui', id)).toBe(0);
    expect((await f.must(staff, ENTRY, { id })).dataResource.lastDataUpdateAt).toBeNull();

    const malformed = await startLoad(staff, id, 'CSV');
    const m = await put(staff, `/data/loads/${malformed}`, `${HEADER}\n${csvLine(company('331100', 5000))}\n"unclosed,quote\n`);
    expect(m.json).toMatchObject({ status: 'REJECTED', errors: [{ line: 2, item: null, message: expect.stringMatching(/malformed CSV/) }] });
    const badHeader = await startLoad(staff, id, 'CSV');
    const h = await put(staff, `/data/loads/${badHeader}`, `统一社会信用代码,电话\n${creditCode('331100')},1\n`);
    expect(h.json).toMatchObject({ status: 'REJECTED', errors: [{ line: 0, item: '电话' }] });
    expect(await recordCount('lishui', id)).toBe(0);
    // An ended load takes no second upload.
    const again = await put(staff, `/data/loads/${loadId}`, csvOf(rows.slice(0, 1)));
    expect([again.status, again.json.errors[0].extensions.code]).toEqual([409, 'CONFLICT']);
  });

  test('a file over the configured bound is refused with 413 and writes nothing; the load stays open for a smaller file', async () => {
    const { id, staff } = await entryOf('331100', '丽水市自然资源和规划局');
    const loadId = await startLoad(staff, id, 'CSV');
    const rows = Array.from({ length: 60 }, (_, n) => company('331100', 6000 + n));
    const before = TEST_SETTINGS.dataUploadMaxBytes;
    TEST_SETTINGS.dataUploadMaxBytes = 2048;
    try {
      const declared = await put(staff, `/data/loads/${loadId}`, csvOf(rows));
      expect([declared.status, declared.json.errors[0].extensions.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      const streamed = await put(staff, `/data/loads/${loadId}`, Readable.from([csvOf(rows)]));
      expect([streamed.status, streamed.json.errors[0].extensions.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      expect(streamed.json.errors[0].message).toMatch(/exceeds 2048 bytes and nothing was written/);
    } finally {
      TEST_SETTINGS.dataUploadMaxBytes = before;
    }
    expect(await recordCount('lishui', id)).toBe(0);
    expect((await f.must(staff, LOAD_OF, { id: loadId })).dataLoad.status).toBe('LOADING');
    expect((await put(staff, `/data/loads/${loadId}`, csvOf(rows))).json).toMatchObject({ status: 'LOADED', rowCount: 60 });
  });

  test('a gzip file is read as it inflates; a file that is not gzip, or another encoding, is refused and writes nothing', async () => {
    const { id, staff } = await entryOf('331100', '丽水市住房和城乡建设局');
    const rows = Array.from({ length: 300 }, (_, n) => company('331100', 12_000 + n));
    const loadId = await startLoad(staff, id, 'CSV');
    const zipped = await put(staff, `/data/loads/${loadId}`, Readable.from([gzipSync(csvOf(rows))]), 'text/csv', { 'content-encoding': 'gzip' });
    expect(zipped.json).toMatchObject({ status: 'LOADED', rowCount: 300 });
    const other = await startLoad(staff, id, 'CSV');
    const notGzip = await put(staff, `/data/loads/${other}`, csvOf(rows), 'text/csv', { 'content-encoding': 'gzip' });
    expect([notGzip.status, notGzip.json.errors[0].extensions.code, notGzip.json.errors[0].message]).toEqual([400, 'BAD_REQUEST', expect.stringMatching(/not valid gzip/)]);
    const brotli = await put(staff, `/data/loads/${other}`, csvOf(rows), 'text/csv', { 'content-encoding': 'br' });
    expect([brotli.status, brotli.json.errors[0].extensions.field]).toEqual([400, 'Content-Encoding']);
    expect(await recordCount('lishui', id)).toBe(300);
    expect((await f.must(staff, LOAD_OF, { id: other })).dataLoad.status).toBe('LOADING');
  });

  test('an upload cut off midway writes nothing and leaves the load open for the file to be sent again', async () => {
    const { id, staff } = await entryOf('331100', '丽水市文化广电旅游局');
    const loadId = await startLoad(staff, id, 'CSV');
    const rows = Array.from({ length: 1200 }, (_, n) => company('331100', 10_000 + n));
    const body = Readable.from(
      (async function* () {
        yield `${HEADER}\n${rows.slice(0, 1100).map(csvLine).join('\n')}\n`;
        throw new Error('the client’s disk failed');
      })(),
    );
    await expect(put(staff, `/data/loads/${loadId}`, body)).rejects.toThrow();
    const after = await eventually(
      async () => (await f.must(staff, LOAD_OF, { id: loadId })).dataLoad,
      (l) => l.status === 'LOADING' && l.rowsRead === 0,
    );
    expect(after).toMatchObject({ status: 'LOADING', rowsRead: 0 });
    expect(await recordCount('lishui', id)).toBe(0);
    expect((await put(staff, `/data/loads/${loadId}`, csvOf(rows))).json).toMatchObject({ status: 'LOADED', rowCount: 1200 });
  });

  test('only the providing agency uploads; the public, a bad token, another agency and an unsigned call to the node are refused [SEC-1]', async () => {
    const { id, staff } = await entryOf('331100', '丽水市水利局');
    const other = await registerOrganization(f.call, '331100', '丽水市应急管理局');
    const loadId = await startLoad(staff, id, 'CSV');
    const body = csvOf([company('331100', 7000)]);
    const refusedStart = await gql(agency(other, '331100'), START, { input: { resourceId: id, format: 'CSV' } });
    expect(refusedStart.errors![0].extensions!.code).toBe('FORBIDDEN');
    const forbidden = await put(agency(other, '331100'), `/data/loads/${loadId}`, body);
    expect([forbidden.status, forbidden.json.errors[0].extensions.code]).toEqual([403, 'FORBIDDEN']);
    const anonymous = await put(null, `/data/loads/${loadId}`, body);
    expect([anonymous.status, anonymous.json.errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    const badToken = await undiciRequest(`${f.federation.gateway.url}/data/loads/${loadId}`, { method: 'PUT', headers: { authorization: 'Bearer nope' }, body });
    expect(badToken.statusCode).toBe(401);
    await badToken.body.dump();
    const unknown = await put(staff, `/data/nothing/${loadId}`, body);
    expect(unknown.status).toBe(404);
    expect((await put(staff, `/data/loads/331100:01ARZ3NDEKTSV4RRFFQ69G5FAV`, body)).status).toBe(404);

    // The node itself takes a transfer only with the gateway's signature, and each signature once.
    const catalogUrl = new URL(f.federation.nodes.get('lishui')!.subgraphs.catalog!.url);
    const path = `/data/loads/${loadId}`;
    const direct = await undiciRequest(new URL(path, catalogUrl).toString(), { method: 'PUT', body });
    expect(direct.statusCode).toBe(401);
    await direct.body.dump();
    const signature = signInternal(staff, transferSigned('PUT', path), TEST_SECRET, { subgraph: 'catalog', node: 'lishui' });
    const first = await undiciRequest(new URL(path, catalogUrl).toString(), { method: 'PUT', headers: { [INTERNAL_AUTH_HEADER]: signature }, body });
    expect(first.statusCode).toBe(200);
    await first.body.dump();
    const replay = await undiciRequest(new URL(path, catalogUrl).toString(), { method: 'PUT', headers: { [INTERNAL_AUTH_HEADER]: signature }, body });
    expect(replay.statusCode).toBe(401);
    await replay.body.dump();
    expect(await recordCount('lishui', id)).toBe(1);
  });

  // An embedded PGlite node serves one connection, which the upload holds: progress is visible on PostgreSQL.
  (TEST_DATABASE_URL ? test : test.skip)('while a file is being read, dataLoad(id) shows the records read so far', async () => {
    const { id, staff } = await entryOf('331100', '丽水市数据进度局');
    const loadId = await startLoad(staff, id, 'CSV');
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const rows = Array.from({ length: 1500 }, (_, n) => company('331100', 9000 + n));
    const body = Readable.from(
      (async function* () {
        yield `${HEADER}\n${rows.slice(0, 1200).map(csvLine).join('\n')}\n`;
        await held;
        yield `${rows.slice(1200).map(csvLine).join('\n')}\n`;
      })(),
    );
    const uploading = put(staff, `/data/loads/${loadId}`, body);
    const during = await eventually(
      async () => (await f.must(staff, LOAD_OF, { id: loadId })).dataLoad,
      (l) => l.rowsRead >= 1000,
    );
    // The parser may hold the chunk's last line until it sees what follows: "so far" is the first batch at least, the chunk at most.
    expect(during.status).toBe('LOADING');
    expect(during.rowsRead).toBeGreaterThanOrEqual(1000);
    expect(during.rowsRead).toBeLessThanOrEqual(1200);
    expect(await recordCount('lishui', id)).toBe(0);
    release();
    expect((await uploading).json).toMatchObject({ status: 'LOADED', rowCount: 1500 });
  });

  test('a district agency uploads to its entry on its own node, routed by the load’s ID', async () => {
    const { id, staff } = await entryOf('331102', '丽水市莲都区卫生健康局');
    const loadId = await startLoad(staff, id, 'CSV');
    expect(loadId.startsWith('331102:')).toBe(true);
    const r = await put(staff, `/data/loads/${loadId}`, csvOf([company('331102', 8000), company('331102', 8001), company('331102', 8002)]));
    expect(r.json).toMatchObject({ status: 'LOADED', rowCount: 3 });
    expect(await recordCount('liandu', id)).toBe(3);
    expect(await recordCount('lishui', id)).toBe(0);
  });
});
