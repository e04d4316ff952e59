import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { request as undiciRequest } from 'undici';
import { mintToken } from '../gateway/auth.js';
import type { Actor } from '../schema/auth.js';
import { loadTopology } from '../platform/env.js';
import { ROOT } from '../platform/paths.js';
import { startFederation } from '../runtime/federation.js';
import { DEMO_ORGANIZATIONS, DEMO_RESOURCES } from '../seeds/demo-data.js';
import { airQuality, citizenIdOf, Prng, seedOf } from '../seeds/records-generators.js';
import { gatewayClient, seedDemo } from '../seeds/seed.js';
import { type AggregateMeasureSpec, compileAggregate } from '../subgraphs/catalog/records/aggregate.js';
import type { ItemShape } from '../subgraphs/catalog/records/values.js';
import { addDays, todayInChina } from '../subgraphs/kit/rules/calendar.js';
import { type Data, formatTable, percentile, post } from './client.js';
import { childPids, rssMb, rssSampler } from './proc.js';

/**
 * `npm run bench -- data`: the data plane (issue 19) on a real PostgreSQL (BENCH_DATABASE_URL or
 * TEST_DATABASE_URL), through the gateway over HTTP, each node in its own process as in production.
 * Without PostgreSQL it says so and exits 0.
 *
 * One air-quality entry per node (the items of the demo's 环境空气质量监测数据), each holding
 * BENCH_DATA_RECORDS records (default 1,000,000):
 * 1. Load: the records of each entry as one CSV upload (`startDataLoad`, then `PUT
 *    /data/loads/{id}`), generated while it is sent (seeds/records-generators.ts, never the whole
 *    file in memory): records/s, and the peak RSS of the entry's node process and of this process
 *    (which runs the gateway the upload streams through, and the client generating it).
 * 2. Reads: pages of 100 of the city entry through a grant, as another node's agency
 *    (`entryRecords`), following cursors: the walk to page BENCH_DATA_DEEP_PAGE (default 1,000), then
 *    page 1 and that deep page in turns, p50/p95 each.
 * 3. Aggregate: one city-wide run over the three entries (group by station; count, average PM2.5,
 *    highest AQI) submitted by an open-data user under the MODEL offers, approved by the city
 *    authority, its result read, each timed over BENCH_DATA_ROUNDS rounds (default 5); against the
 *    same group-by and measures in plain SQL on one node's `catalog.data_record` (and on the three
 *    nodes at once): the ratios are the figures. The statement each node runs for its partial
 *    (compileAggregate), sent straight to the databases, tells the federation's share from the SQL's.
 *
 * The databases (`bench_data_<node>`) are kept between runs: a second run with the same
 * BENCH_DATA_RECORDS finds the entries loaded and skips the loads. `-- --drop` drops them at the end.
 * It reports; it does not gate.
 */

const RECORDS = Number(process.env.BENCH_DATA_RECORDS || 1_000_000);
const PAGE = 100;
const DEEP_PAGE = Math.max(2, Math.min(Number(process.env.BENCH_DATA_DEEP_PAGE || 1000), Math.floor(RECORDS / PAGE)));
const PAGE_ROUNDS = Number(process.env.BENCH_DATA_PAGE_ROUNDS || 50);
const ROUNDS = Math.max(1, Number(process.env.BENCH_DATA_ROUNDS || 5));
const PREFIX = 'bench_data_';
const ENTRY_NAME = '基准空气质量监测数据';
const SCENARIO = '空气质量联合研判';
/** Rows per chunk of the streamed CSV. */
const CHUNK_ROWS = 1000;

const AIR = DEMO_RESOURCES.find((r) => r.key === 'lishui-sthj-air-quality')!;
const ITEM_NAMES = AIR.items.map((i) => i.name);

const authority = (region: string): Actor => ({ sub: `bench-data-authority-${region}`, orgId: null, region, roles: ['AUTHORITY'] });
const staff = (orgId: string, region: string): Actor => ({ sub: `bench-data-staff-${orgId}`, orgId, region, roles: ['AGENCY'] });

const p = (times: number[], q: number) =>
  percentile(
    [...times].sort((a, b) => a - b),
    q,
  );
const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
};

/** The upload's body: a header row, then the generated rows, a chunk of CHUNK_ROWS at a time. */
function* csvOf(count: number, seed: number): Generator<string> {
  yield `${ITEM_NAMES.join(',')}\n`;
  let chunk = '';
  let rows = 0;
  for (const r of airQuality(count, seed)) {
    // No generated air-quality value holds a comma, quote or line break: no quoting needed.
    chunk += `${ITEM_NAMES.map((n) => (r[n] === null || r[n] === undefined ? '' : String(r[n]))).join(',')}\n`;
    if (++rows === CHUNK_ROWS) {
      yield chunk;
      chunk = '';
      rows = 0;
    }
  }
  if (chunk) yield chunk;
}

interface BenchEntry {
  nodeId: string;
  region: string;
  providerId: string;
  resourceId: string;
  datasetId: string;
}

export async function dataBenchmark(serverUrl: string | undefined, args: string[]): Promise<void> {
  if (!serverUrl) {
    console.log('[data] the data-plane benchmark needs PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL); skipped');
    return;
  }
  const jwtSecret = randomBytes(32).toString('hex');
  console.log(`\n[data] starting the nodes on ${new URL(serverUrl).host} (databases ${PREFIX}<node>, kept between runs), each in its own process …`);
  const fed = await startFederation({
    topology: loadTopology(resolve(ROOT, 'seeds/topology.demo.json')),
    serverUrl,
    databasePrefix: PREFIX,
    dropDatabasesOnStop: args.includes('--drop'),
    // Every read here is one caller's: the per-caller read limit would measure itself.
    settings: { internalSecret: randomBytes(32).toString('hex'), auditSecret: randomBytes(32).toString('hex'), recordReadsPerMinute: 0 },
    jwtSecret,
    nodeTimeoutMs: 120_000,
    processPerNode: true,
  });
  const clients: pg.Client[] = [];
  try {
    const seeded = await seedDemo(fed.gateway.url, jwtSecret, (m) => console.log(`  demo: ${m}`));
    if (!seeded.seeded) console.log('  demo already seeded');
    const gql = gatewayClient(fed.gateway.url, jwtSecret);
    const graphql = `${fed.gateway.url}/graphql`;
    const nodeIds = fed.topology.nodes.map((n) => n.id);
    // startFederation forks the nodes in topology order, one after the other: ascending ids are that order.
    const nodePids = childPids().sort((a, b) => a - b);
    if (nodePids.length !== nodeIds.length) throw new Error(`found ${nodePids.length} node processes, expected ${nodeIds.length}`);

    // ------------------------------------------------------------------ entries
    const orgIds = new Map<string, string>();
    for (const nodeId of nodeIds) {
      const region = DEMO_ORGANIZATIONS.find((o) => o.nodeId === nodeId && o.kind === 'AUTHORITY')!.regionCode;
      const orgs = await gql(
        authority(region),
        'query($r: String!) { organizations(scope: { regionCode: $r, includeSubRegions: false }, first: 100) { edges { node { id creditCode } } } }',
        { r: region },
      );
      for (const { node } of orgs.organizations.edges as { node: { id: string; creditCode: string } }[]) {
        const o = DEMO_ORGANIZATIONS.find((d) => d.creditCode === node.creditCode);
        if (o) orgIds.set(o.key, node.id);
      }
    }
    const entries: BenchEntry[] = [];
    for (const nodeId of nodeIds) {
      const auth = DEMO_ORGANIZATIONS.find((o) => o.nodeId === nodeId && o.kind === 'AUTHORITY')!;
      const provider =
        DEMO_ORGANIZATIONS.find((o) => o.nodeId === nodeId && o.kind === 'AGENCY' && o.key.endsWith('sthj')) ??
        DEMO_ORGANIZATIONS.find((o) => o.nodeId === nodeId && o.kind === 'AGENCY')!;
      const providerId = orgIds.get(provider.key)!;
      const providerStaff = staff(providerId, provider.regionCode);
      const found = await gql(
        authority(auth.regionCode),
        'query($k: String!, $r: String!) { dataResources(filter: { keyword: $k }, scope: { regionCode: $r, includeSubRegions: false }, first: 5) { edges { node { id name openDataset { id } } } } }',
        { k: ENTRY_NAME, r: auth.regionCode },
      );
      const existing = (found.dataResources.edges as { node: { id: string; name: string; openDataset: { id: string } | null } }[]).find((e) => e.node.name === ENTRY_NAME)?.node;
      let resourceId = existing?.id;
      if (!resourceId) {
        const {
          key: _k,
          providerKey: _p,
          openDataset: _o,
          code: _c,
          name: _n,
          status: _s,
          reviewNote: _r,
          oneSourceDuplicate: _d,
          lastUpdateMonthsAgo: _l,
          items,
          ...fields
        } = AIR;
        resourceId = (
          await gql(providerStaff, 'mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }', {
            input: {
              ...fields,
              providerId,
              code: `${auth.regionCode}/09900/0001`,
              name: ENTRY_NAME,
              items: items.map((i) => ({ name: i.name, dataType: i.dataType, description: i.description, identifier: i.identifier ?? false, personalInfo: false })),
            },
          })
        ).createDataResource.id as string;
        await gql(providerStaff, 'mutation($id: ID!) { submitDataResource(id: $id) { id } }', { id: resourceId });
        await gql(authority(auth.regionCode), 'mutation($id: ID!) { publishDataResource(id: $id) { id } }', { id: resourceId });
      }
      let datasetId = existing?.openDataset?.id;
      if (!datasetId) {
        datasetId = (
          await gql(providerStaff, 'mutation($input: ProposeOpenDatasetInput!) { proposeOpenDataset(input: $input) { id } }', {
            input: { resourceId, title: `${ENTRY_NAME}（${auth.name}）`, accessMethods: ['API', 'MODEL'] },
          })
        ).proposeOpenDataset.id as string;
        await gql(authority(auth.regionCode), 'mutation($id: ID!) { approveOpenDatasetProposal(id: $id) { id } }', { id: datasetId });
      }
      entries.push({ nodeId, region: auth.regionCode, providerId, resourceId, datasetId });
    }

    // ------------------------------------------------------------------ 1. load
    const loadRows: string[][] = [];
    let loadedAny = false;
    for (const [i, e] of entries.entries()) {
      const providerStaff = staff(e.providerId, e.region);
      const latest = (
        await gql(providerStaff, 'query($id: ID!) { dataResource(id: $id) { dataLoads(first: 1) { edges { node { status mode rowCount } } } } }', { id: e.resourceId })
      ).dataResource.dataLoads.edges[0]?.node as { status: string; mode: string; rowCount: number | null } | undefined;
      if (latest?.status === 'LOADED' && latest.mode === 'REPLACE' && latest.rowCount === RECORDS) {
        loadRows.push([e.nodeId, `${RECORDS} (kept from an earlier run)`, '–', '–', '–', '–']);
        continue;
      }
      const load = (
        await gql(providerStaff, 'mutation($input: StartDataLoadInput!) { startDataLoad(input: $input) { id status } }', {
          input: { resourceId: e.resourceId, mode: 'REPLACE', format: 'CSV' },
        })
      ).startDataLoad as { id: string };
      const token = await mintToken(providerStaff, jwtSecret, '2h');
      console.log(`[data] loading ${RECORDS} records into ${e.resourceId} on ${e.nodeId} …`);
      const nodePeak = rssSampler(nodePids[i]!);
      const selfPeak = rssSampler(process.pid);
      const nodeBefore = rssMb(nodePids[i]!);
      const [answer, ms] = await timed(async () => {
        const res = await undiciRequest(`${fed.gateway.url}/data/loads/${load.id}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
          body: Readable.from(csvOf(RECORDS, seedOf(`bench-data-${e.nodeId}`))),
          headersTimeout: 0,
          bodyTimeout: 0,
        });
        return { status: res.statusCode, json: (await res.body.json()) as Data };
      });
      const peaks = { node: nodePeak(), self: selfPeak() };
      if (answer.status !== 200 || answer.json.status !== 'LOADED')
        throw new Error(`the load on ${e.nodeId} failed (HTTP ${answer.status}): ${JSON.stringify(answer.json).slice(0, 500)}`);
      loadedAny = true;
      loadRows.push([
        e.nodeId,
        String(answer.json.rowCount),
        (ms / 1000).toFixed(1),
        ((answer.json.rowCount as number) / (ms / 1000)).toFixed(0),
        `${nodeBefore.toFixed(0)} → ${peaks.node.toFixed(0)}`,
        peaks.self.toFixed(0),
      ]);
    }
    // The planner must know the tables' new size, as after any bulk load (runtime/federation.ts).
    if (loadedAny) await fed.refreshStatistics();
    console.log(
      `\n[data] 1. load: one CSV upload per entry through the gateway (PUT /data/loads/{id}, streamed, generated on the fly), one node at a time\n${formatTable(
        ['node', 'records', 'seconds', 'records/s', 'node process RSS MB (before → peak)', 'bench process (gateway + client) peak RSS MB'],
        loadRows,
        'lrrrrr',
      )}`,
    );

    // ------------------------------------------------------------------ 2. reads through a grant
    const city = entries[0]!;
    const reader = DEMO_ORGANIZATIONS.find((o) => o.nodeId !== city.nodeId && o.kind === 'AGENCY' && o.key.endsWith('amr'))!;
    const readerId = orgIds.get(reader.key)!;
    const readerStaff = staff(readerId, reader.regionCode);
    const check = await gql(
      readerStaff,
      'query($id: ID!, $org: ID!, $s: String!, $items: [String!]!) { shareGrantCheck(id: $id, organizationId: $org, scenario: $s, itemNames: $items) { allowed grant { id } } }',
      { id: city.resourceId, org: readerId, s: SCENARIO, items: ITEM_NAMES },
    );
    if (!check.shareGrantCheck.allowed) {
      const requested = (
        await gql(readerStaff, 'mutation($input: RequestShareInput!) { requestShare(input: $input) { id status } }', {
          input: {
            resourceId: city.resourceId,
            requesterId: readerId,
            scenario: SCENARIO,
            purpose: '跨区域空气质量联合研判，比对各监测站逐小时数据',
            legalDuty: '《大气污染防治法》规定的监测与预警职责',
            itemNames: ITEM_NAMES,
            itemJustifications: AIR.items.filter((i) => i.identifier).map((i) => ({ itemName: i.name, justification: '按站点编码关联各地监测数据' })),
            endDate: addDays(todayInChina(), 180),
          },
        })
      ).requestShare;
      if (requested.status !== 'GRANTED') throw new Error(`the share request for the benchmark's reads is ${requested.status}, not GRANTED`);
    }
    const readerToken = await mintToken(readerStaff, jwtSecret, '2h');
    const READ = `query($id: ID!, $org: ID!, $s: String!, $first: Int, $after: String) {
      entryRecords(id: $id, organizationId: $org, scenario: $s, first: $first, after: $after) { grantId edges { node { version rowNo values { item value } } } pageInfo { hasNextPage endCursor } } }`;
    const readPage = async (after: string | null) =>
      (
        await post(graphql, JSON.stringify({ query: READ, variables: { id: city.resourceId, org: readerId, s: SCENARIO, first: PAGE, after } }), {
          authorization: `Bearer ${readerToken}`,
        })
      ).entryRecords as { grantId: string | null; edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    console.log(`\n[data] 2. reads: walking ${DEEP_PAGE} pages of ${PAGE} of ${city.resourceId} as ${reader.name} (node ${reader.nodeId}) through its grant …`);
    const walk: number[] = [];
    let after: string | null = null;
    let deepCursor: string | null = null;
    for (let page = 1; page <= DEEP_PAGE; page++) {
      if (page === DEEP_PAGE) deepCursor = after;
      const [r, ms] = await timed(() => readPage(after));
      if (!r.grantId) throw new Error('the read was not under a grant');
      if (r.edges.length !== PAGE) throw new Error(`page ${page} has ${r.edges.length} rows, not ${PAGE}`);
      walk.push(ms);
      after = r.pageInfo.endCursor;
    }
    const turns: number[][] = [[], []];
    for (let round = -5; round < PAGE_ROUNDS; round++) {
      for (const [i, cursor] of [null, deepCursor].entries()) {
        const [, ms] = await timed(() => readPage(cursor));
        if (round >= 0) turns[i]!.push(ms);
      }
    }
    const head = walk.slice(0, 10);
    const tail = walk.slice(-10);
    const readCells = [
      [`walk: every page 1–${DEEP_PAGE}`, String(walk.length), p(walk, 0.5).toFixed(1), p(walk, 0.95).toFixed(1)],
      ['walk: pages 1–10', String(head.length), p(head, 0.5).toFixed(1), p(head, 0.95).toFixed(1)],
      [`walk: pages ${DEEP_PAGE - 9}–${DEEP_PAGE}`, String(tail.length), p(tail, 0.5).toFixed(1), p(tail, 0.95).toFixed(1)],
      ['page 1, in turns', String(turns[0]!.length), p(turns[0]!, 0.5).toFixed(1), p(turns[0]!, 0.95).toFixed(1)],
      [`page ${DEEP_PAGE} (after the cursor of page ${DEEP_PAGE - 1}), in turns`, String(turns[1]!.length), p(turns[1]!, 0.5).toFixed(1), p(turns[1]!, 0.95).toFixed(1)],
    ];
    console.log(
      `${formatTable(['case', 'n', 'p50 ms', 'p95 ms'], readCells, 'lrrr')}\n[data] page ${DEEP_PAGE} / page 1 p50 ratio: ${(p(turns[1]!, 0.5) / p(turns[0]!, 0.5)).toFixed(2)}` +
        `; walk rate ${((walk.length * PAGE) / (walk.reduce((a, b) => a + b, 0) / 1000)).toFixed(0)} records/s`,
    );

    // ------------------------------------------------------------------ 3. aggregate
    const user = (
      await gql(null, 'mutation($input: RegisterOpenDataUserInput!) { registerOpenDataUser(input: $input) { id } }', {
        input: {
          regionCode: city.region,
          name: `空气模型基准实验室${randomBytes(3).toString('hex')}`,
          kind: 'NATURAL_PERSON',
          idNumber: citizenIdOf(new Prng(Date.now()), city.region),
          contact: '13905780000',
        },
      })
    ).registerOpenDataUser.id as string;
    const userToken = await mintToken({ sub: `bench-data-user-${user}`, orgId: null, region: city.region, roles: ['USER'], account: user }, jwtSecret, '2h');
    const reviewerToken = await mintToken(authority(city.region), jwtSecret, '2h');
    const GROUP = '监测站点名称';
    const input = {
      resourceIds: entries.map((e) => e.resourceId),
      groupBy: [GROUP],
      measures: [{ fn: 'COUNT' }, { fn: 'AVG', item: 'PM2.5浓度' }, { fn: 'MAX', item: '空气质量指数' }] as AggregateMeasureSpec[],
      purpose: '空气质量模型训练：各监测站点全量统计（基准测试）',
      basis: { datasetIds: entries.map((e) => e.datasetId) },
    };
    const asMutation = (token: string, query: string, variables: Data) =>
      post(graphql, JSON.stringify({ query, variables }), { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() });
    const SUBMIT = 'mutation($input: SubmitAggregateRunInput!) { submitAggregateRun(input: $input) { id status } }';
    const REVIEW = 'mutation($id: ID!) { reviewAggregateRun(id: $id, approve: true, reason: "基准测试：同意发布") { id status } }';
    const RESULT = 'query($id: ID!) { aggregateRun(id: $id) { status result { suppressedGroups groups { key count values { fn item value } } } } }';

    const dbOf = (nodeId: string) => {
      const url = new URL(serverUrl);
      url.pathname = `/${PREFIX}${nodeId}`;
      return url.toString();
    };
    for (const e of entries) {
      const c = new pg.Client({ connectionString: dbOf(e.nodeId) });
      await c.connect();
      clients.push(c);
    }
    const PLAIN = `select data->>'${GROUP}' as station, count(*)::bigint as n, avg((data->>'PM2.5浓度')::numeric) as pm25, max((data->>'空气质量指数')::numeric) as aqi
      from "catalog".data_record where resource_id = $1 and version >= $2 group by 1 order by 1`;
    const bases = await Promise.all(
      entries.map(async (e, i) =>
        Number(
          (await clients[i]!.query(`select max(version) as v from "catalog".data_load where resource_id = $1 and status = 'LOADED' and mode = 'REPLACE'`, [e.resourceId])).rows[0]
            .v,
        ),
      ),
    );
    const plain = (i: number) => clients[i]!.query(PLAIN, [entries[i]!.resourceId, bases[i]]);
    // The statement each node runs for its partial (count, sum, min and max per measure, to be merged), straight to its database.
    const shapes = AIR.items.map((i) => ({ name: i.name, dataType: i.dataType as ItemShape['dataType'], identifier: i.identifier ?? false, personalInfo: false }));
    const partial = (i: number) => {
      const q = compileAggregate(input, shapes, [{ resourceId: entries[i]!.resourceId, base: bases[i]! }], 1000);
      let n = 0;
      return clients[i]!.query(
        q.sql.replace(/\?/g, () => `$${++n}`),
        q.params,
      );
    };

    console.log(`\n[data] 3. aggregate over ${entries.length} nodes × ${RECORDS} records: ${ROUNDS} rounds (and one warm-up) …`);
    const t = {
      submit: [] as number[],
      review: [] as number[],
      result: [] as number[],
      sqlOne: [] as number[],
      sqlThree: [] as number[],
      partialOne: [] as number[],
      partialThree: [] as number[],
    };
    let merged: { groups: { count: number }[]; suppressedGroups: number } | null = null;
    let sqlRows = 0;
    for (let round = -1; round < ROUNDS; round++) {
      const [submitted, submitMs] = await timed(() => asMutation(userToken, SUBMIT, { input }));
      const id = submitted.submitAggregateRun.id as string;
      const [, reviewMs] = await timed(() => asMutation(reviewerToken, REVIEW, { id }));
      const [read, resultMs] = await timed(() => post(graphql, JSON.stringify({ query: RESULT, variables: { id } }), { authorization: `Bearer ${userToken}` }));
      if (read.aggregateRun.status !== 'APPROVED' || !read.aggregateRun.result) throw new Error(`the aggregate run ${id} is ${read.aggregateRun.status} without a result`);
      merged = read.aggregateRun.result;
      const [one, oneMs] = await timed(() => plain(0));
      const [, threeMs] = await timed(() => Promise.all(entries.map((_, i) => plain(i))));
      sqlRows = one.rows.reduce((s, r) => s + Number(r.n), 0);
      const [, partialOneMs] = await timed(() => partial(0));
      const [, partialThreeMs] = await timed(() => Promise.all(entries.map((_, i) => partial(i))));
      if (round < 0) continue;
      t.partialOne.push(partialOneMs);
      t.partialThree.push(partialThreeMs);
      t.submit.push(submitMs);
      t.review.push(reviewMs);
      t.result.push(resultMs);
      t.sqlOne.push(oneMs);
      t.sqlThree.push(threeMs);
    }
    const counted = merged!.groups.reduce((s, g) => s + Number(g.count), 0);
    if (sqlRows !== RECORDS || counted !== RECORDS * entries.length)
      throw new Error(`the aggregate counted ${counted} records and the plain SQL ${sqlRows} on one node; expected ${RECORDS * entries.length} and ${RECORDS}`);
    const row = (label: string, times: number[]) => [label, String(times.length), p(times, 0.5).toFixed(0), p(times, 0.95).toFixed(0)];
    console.log(
      formatTable(
        ['case', 'n', 'p50 ms', 'p95 ms'],
        [
          row(`submitAggregateRun (computes the partials on ${entries.length} nodes)`, t.submit),
          row('reviewAggregateRun, approve (city authority, every node)', t.review),
          row('aggregateRun result read (merged, suppression applied)', t.result),
          row(`plain SQL on one node (${RECORDS} records)`, t.sqlOne),
          row(`plain SQL on the ${entries.length} nodes at once`, t.sqlThree),
          row('the partial statement a node runs (compileAggregate), on one node, directly', t.partialOne),
          row(`the same on the ${entries.length} nodes at once, directly`, t.partialThree),
        ],
        'lrrr',
      ) +
        `\n[data] ${merged!.groups.length} groups, ${merged!.suppressedGroups} suppressed, ${counted} records counted` +
        `\n[data] submit / plain SQL on one node, p50 ratio: ${(p(t.submit, 0.5) / p(t.sqlOne, 0.5)).toFixed(2)}` +
        `\n[data] submit / plain SQL on the three nodes at once, p50 ratio: ${(p(t.submit, 0.5) / p(t.sqlThree, 0.5)).toFixed(2)}` +
        `\n[data] result read / plain SQL on one node, p50 ratio: ${(p(t.result, 0.5) / p(t.sqlOne, 0.5)).toFixed(2)}` +
        `\n[data] submit / the nodes' partial statements run directly at once, p50 ratio: ${(p(t.submit, 0.5) / p(t.partialThree, 0.5)).toFixed(2)}`,
    );
  } finally {
    await Promise.allSettled(clients.map((c) => c.end()));
    await fed.stop();
  }
}
