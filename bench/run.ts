import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import { resolve } from 'node:path';
import { mintToken } from '../gateway/auth.js';
import { internalHeaders, type Actor, type InternalTarget } from '../schema/auth.js';
import { loadTopology } from '../platform/env.js';
import { ROOT } from '../platform/paths.js';
import { startFederation, type RunningFederation } from '../runtime/federation.js';
import { DEMO_NEGATIVE_LIST, DEMO_NOT_SHARED_ENTRIES, DEMO_ORGANIZATIONS, DEMO_SHARE_REQUESTS } from '../seeds/demo-data.js';
import { gatewayClient, seedDemo } from '../seeds/seed.js';
import { formatTable, percentile, post, viaGateway, type Call, type Data } from './client.js';

/**
 * `npm run bench`: gateway overhead and fan-out cost of the federation, on embedded PGlite and,
 * when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set, on that PostgreSQL server. Everything
 * (client, gateway, 12 subgraphs, PGlite) runs in this one process on 127.0.0.1, so the figures
 * compare cases with each other; they are not a capacity estimate for a deployment.
 * It reports; it does not gate: a missed target still exits 0, a failed request exits 1.
 * `npm run bench -- catalog` runs the catalog search benchmark instead (bench/catalog-search.ts),
 * `npm run bench -- demo-search` the demo catalog's keyword search per node (bench/demo-search.ts),
 * `npm run bench -- cpu` the CPU-per-request benchmark (bench/cpu.ts),
 * `npm run bench -- load` the load benchmark in the production shape (bench/load.ts),
 * `npm run bench -- freeze` how soon the gateway knows a frozen node (bench/freeze.ts),
 * `npm run bench -- dcat` the DCAT-AP export of the demo's open catalog (bench/dcat.ts),
 * `npm run bench -- data` the data plane: loads, reads through a grant, aggregates (bench/data.ts).
 */

// A line per request would be measured too (and written by every node process): the benchmark logs
// warnings and errors only unless LOG_LEVEL says otherwise. Node processes inherit it.
process.env.LOG_LEVEL ||= 'warn';

const WARMUP = 50;
const SEQUENTIAL = 300;
const CONCURRENT = 600;
const CONCURRENCY = 8;
/** Hard cap per phase (sequential, concurrent) of each case, so a slow machine still finishes. */
const PHASE_CAP_MS = 30_000;
const EXTRA_PER_NODE = 200;
const SEED_PARALLEL = 6;
const TARGET = 1.5;

interface Row {
  label: string;
  calls: string;
  n: number;
  p50: number;
  p95: number;
  rps: number;
}

// ---------------------------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------------------------

/** Signed per request, as the gateway does: the signature covers the body and a timestamp. */
const direct =
  (subgraphUrl: string, target: InternalTarget, actor: Actor, secret: string) =>
  (query: string, variables: Data = {}): Call =>
  () => {
    const body = JSON.stringify({ query, variables });
    return post(subgraphUrl, body, internalHeaders(actor, body, secret, target));
  };

// Every in-process HTTP request (client → gateway → subgraphs, whether by fetch or by the gateway's
// undici pool) is announced on undici's diagnostics channel, so one probe request can list the
// subgraph calls a case really causes: the proof that (a) hits one node and (c) one vs three.
// Outside a probe it costs one null check.
let probe: string[] | null = null;
subscribe('undici:request:create', (message) => {
  const { request } = message as { request: { origin: string; path: string } };
  probe?.push(new URL(request.path, request.origin).toString());
});

async function subgraphCalls(fed: RunningFederation, call: Call): Promise<string> {
  const names = new Map<string, string>();
  for (const n of fed.topology.nodes) for (const url of Object.values(n.subgraphs)) names.set(url, n.id);
  const seen: string[] = [];
  probe = seen;
  try {
    await call();
  } finally {
    probe = null;
  }
  const nodes = seen.map((u) => names.get(u)).filter((x): x is string => !!x);
  const count = new Set(nodes).size;
  return `${nodes.length} on ${count} node${count === 1 ? '' : 's'}`;
}

// ---------------------------------------------------------------------------------------------
// Measurement
// ---------------------------------------------------------------------------------------------

type Case = readonly [label: string, call: Call];

/**
 * Warm-up (JIT, query-plan cache, connection pools), then sequential requests for latency, then
 * CONCURRENCY workers for throughput. The cases of one comparison (direct vs gateway, 1 vs 3
 * nodes) take turns request by request in the sequential run, so a load change on the machine
 * hits both sides of the ratio alike. Latency comes from the sequential run only: under
 * concurrency it mostly measures queueing.
 */
async function measure(fed: RunningFederation, cases: readonly Case[]): Promise<Row[]> {
  const calls: string[] = [];
  for (const [, call] of cases) calls.push(await subgraphCalls(fed, call)); // one at a time: the probe is global
  for (let i = 0; i < WARMUP; i++) for (const [, call] of cases) await call();

  const times: number[][] = cases.map(() => []);
  const seqEnd = performance.now() + PHASE_CAP_MS;
  while (times[0].length < SEQUENTIAL && performance.now() < seqEnd) {
    for (const [i, [, call]] of cases.entries()) {
      const t = performance.now();
      await call();
      times[i].push(performance.now() - t);
    }
  }

  const rows: Row[] = [];
  for (const [i, [label, call]] of cases.entries()) {
    let started = 0;
    let failed = false;
    const t0 = performance.now();
    const worker = async () => {
      while (!failed && started < CONCURRENT && performance.now() < t0 + PHASE_CAP_MS) {
        started += 1;
        await call().catch((err) => {
          failed = true;
          throw err;
        });
      }
    };
    const settled = await Promise.allSettled(Array.from({ length: CONCURRENCY }, worker));
    const rejected = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (rejected) throw rejected.reason;
    const rps = started / ((performance.now() - t0) / 1000);
    const sorted = times[i].sort((a, b) => a - b);
    rows.push({ label, calls: calls[i], n: sorted.length, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), rps });
  }
  return rows;
}

function printTable(title: string, rows: Row[]) {
  const header = ['case', 'subgraph calls', 'n', 'p50 ms', 'p95 ms', `req/s (c=${CONCURRENCY})`];
  const cells = rows.map((r) => [r.label, r.calls, String(r.n), r.p50.toFixed(2), r.p95.toFixed(2), r.rps.toFixed(0)]);
  console.log(`\n${title}\n${formatTable(header, cells, 'llrrrr')}`);
}

// ---------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------

const TOPICS = ['企业信用信息', '道路运输许可', '农产品质量检测', '公共场所卫生许可信息', '就业登记', '林木采伐许可信息', '景区客流统计', '建设工程竣工验收'];

/** A valid published entry: half of the topics contain 信息, so the keyword search matches about half. */
function extraInput(providerId: string, regionCode: string, dept: number, i: number) {
  const conditional = i % 2 === 1;
  return {
    providerId,
    code: `${regionCode}/9${String(dept).padStart(4, '0')}/${String(i).padStart(4, '0')}`,
    name: `${TOPICS[i % TOPICS.length]}（基准 ${i}）`,
    summary: '基准测试用目录条目：由 bench/run.ts 生成，用于衡量网关与联邦查询的开销。',
    categoryCode: '05-01-01',
    library: 'DEPARTMENT',
    format: 'API',
    updateFrequency: 'MONTHLY',
    securityGrade: 'GENERAL',
    shareAttribute: conditional ? 'CONDITIONAL' : 'UNCONDITIONAL',
    shareCondition: conditional ? '仅限用于行政审批核验' : undefined,
    shareReason: conditional ? '含经营主体登记明细，须按业务场景申请' : undefined,
    openAttribute: conditional ? 'PROHIBITED' : 'UNCONDITIONAL',
    items: [
      { name: '记录编号', dataType: 'STRING', identifier: true },
      { name: '主体名称', dataType: 'STRING' },
      { name: '登记日期', dataType: 'DATE' },
      { name: '办理状态', dataType: 'STRING' },
    ],
  };
}

const agencyActor = (orgId: string, region: string): Actor => ({ sub: `bench-staff-${orgId}`, orgId, region, roles: ['AGENCY'] });
const authorityActor = (orgId: string, region: string): Actor => ({ sub: `bench-authority-${orgId}`, orgId, region, roles: ['AUTHORITY'] });

/**
 * EXTRA_PER_NODE more published entries per node, spread over the node's seeded agencies and
 * created, submitted and published by the real actors through the gateway. SEED_PARALLEL
 * entries are in flight at once, interleaved over the nodes, so every node's database works.
 */
async function seedExtra(gatewayUrl: string, jwtSecret: string, organizations: Map<string, string>): Promise<void> {
  const gql = gatewayClient(gatewayUrl, jwtSecret);
  const nodeIds = [...new Set(DEMO_ORGANIZATIONS.map((o) => o.nodeId))];
  const tasks: (() => Promise<void>)[] = [];
  for (let i = 0; i < EXTRA_PER_NODE; i++) {
    for (const nodeId of nodeIds) {
      const agencies = DEMO_ORGANIZATIONS.filter((o) => o.nodeId === nodeId && o.kind === 'AGENCY');
      const authority = DEMO_ORGANIZATIONS.find((o) => o.nodeId === nodeId && o.kind === 'AUTHORITY')!;
      const dept = i % agencies.length;
      const org = agencies[dept];
      const staff = agencyActor(organizations.get(org.key)!, org.regionCode);
      const reviewer = authorityActor(organizations.get(authority.key)!, authority.regionCode);
      tasks.push(async () => {
        const created = await gql(staff, 'mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }', {
          input: extraInput(staff.orgId!, org.regionCode, dept, i),
        });
        const id = created.createDataResource.id as string;
        await gql(staff, 'mutation($id: ID!) { submitDataResource(id: $id) { id } }', { id });
        await gql(reviewer, 'mutation($id: ID!) { publishDataResource(id: $id) { id } }', { id });
      });
    }
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: SEED_PARALLEL }, async () => {
      while (next < tasks.length) await tasks[next++]();
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Suite
// ---------------------------------------------------------------------------------------------

interface Result {
  db: string;
  rows: Row[];
  gatewayRatio: number;
  fanOutRatio: number;
}

const RESOURCE = 'query($id: ID!) { dataResource(id: $id) { id name summary shareAttribute items { name dataType } } }';
const FOUR_SUBGRAPHS = `{ dataResources(first: 20) { edges { node {
  id name provider { name operator { status } } sharing { requestCount } openDataset { title } } } } }`;
const SEARCH = `query($scope: RegionScopeInput) {
  dataResources(filter: { keyword: "信息" }, scope: $scope, first: 20) { totalCount edges { node { id name } } } }`;

const CREATE = 'mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }';

/**
 * A creation whose name is 1,000,000 characters, which the catalog refuses (BAD_USER_INPUT on
 * input.name) before the request reaches its tables (test/bounds-federation.test.ts): what such a
 * request costs. Only that refusal counts as an answer here.
 */
function refusedCreate(gatewayUrl: string, token: string, providerId: string, regionCode: string): Call {
  const body = JSON.stringify({ query: CREATE, variables: { input: { ...extraInput(providerId, regionCode, 0, 0), name: 'a'.repeat(1_000_000) } } });
  return async () => {
    const res = await fetch(`${gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    const json = (await res.json()) as Data;
    const extensions = json.errors?.[0]?.extensions;
    if (extensions?.code !== 'BAD_USER_INPUT' || extensions.field !== 'input.name')
      throw new Error(`the 1,000,000-character name was not refused on input.name (HTTP ${res.status}): ${JSON.stringify(json.errors ?? json.data)}`);
    return json;
  };
}

const GRANT_CHECK = `query($id: ID!, $org: ID!, $scenario: String!, $items: [String!]!) {
  shareGrantCheck(id: $id, organizationId: $org, scenario: $scenario, itemNames: $items) { allowed denial reason grant { id endDate } } }`;
const NEGATIVE_LIST = '{ negativeList(first: 20) { totalCount edges { node { id dataName itemNames legalBasis } } } }';

async function suite(db: string, serverUrl: string | undefined): Promise<Result> {
  const jwtSecret = randomBytes(32).toString('hex');
  const internalSecret = randomBytes(32).toString('hex');
  console.log(`\n[${db}] starting the federation …`);
  const fed = await startFederation({
    topology: loadTopology(resolve(ROOT, 'seeds/topology.demo.json')),
    serverUrl,
    databasePrefix: `bench_${randomBytes(4).toString('hex')}_`,
    dropDatabasesOnStop: true,
    settings: { internalSecret, auditSecret: randomBytes(32).toString('hex') },
    jwtSecret,
    nodeTimeoutMs: 10_000,
    // Production runs nodes apart; in one process a fan-out could not compute in parallel.
    processPerNode: true,
  });
  try {
    const t0 = performance.now();
    const seeded = await seedDemo(fed.gateway.url, jwtSecret);
    await seedExtra(fed.gateway.url, jwtSecret, seeded.organizations);
    await fed.refreshStatistics();
    const seedSeconds = (performance.now() - t0) / 1000;

    // The city's market-regulation agency: authenticated, so `sharing` is visible, and not the
    // authority, so every node applies the same visibility rule.
    const amr = DEMO_ORGANIZATIONS.find((o) => o.key === 'lishui-amr')!;
    const actor = agencyActor(seeded.organizations.get(amr.key)!, amr.regionCode);
    const token = await mintToken(actor, jwtSecret, '1h');
    const gateway = viaGateway(fed.gateway.url, token);
    const cityCatalog = direct(fed.topology.nodes.find((n) => n.id === 'lishui')!.subgraphs.catalog, { subgraph: 'catalog', node: 'lishui' }, actor, internalSecret);

    const total = (await gateway('{ dataResources(first: 1) { totalCount } }')()).dataResources.totalCount as number;
    const resourceId = seeded.resources.get('lishui-amr-business-registration')!;
    const cityOnly = gateway(SEARCH, { scope: { regionCode: '331100', includeSubRegions: false } });
    const allNodes = gateway(SEARCH, { scope: null });
    const hits = [(await cityOnly()).dataResources.totalCount, (await allNodes()).dataResources.totalCount];
    const fourSubgraphs = gateway(FOUR_SUBGRAPHS);
    if ((await fourSubgraphs()).dataResources.edges[0]?.node.sharing == null) throw new Error('sharing is null: the benchmark actor is not authenticated');
    if (!(await cityCatalog(RESOURCE, { id: resourceId })()).dataResource) throw new Error('the city resource is not visible to the benchmark actor');

    const gatewayPair = await measure(fed, [
      ['(a) dataResource, direct to city catalog', cityCatalog(RESOURCE, { id: resourceId })],
      ['(a) dataResource, through the gateway', gateway(RESOURCE, { id: resourceId })],
    ]);
    const four = await measure(fed, [['(b) dataResources x4 subgraphs, gateway', fourSubgraphs]]);
    const fanOut = await measure(fed, [
      [`(c) keyword, city only (${hits[0]} hits)`, cityOnly],
      [`(c) keyword, all nodes (${hits[1]} hits)`, allNodes],
    ]);

    // The grant check the data plane calls, asked by the provider (the benchmark actor) about the
    // demo's auto-granted request; and the city authority's negative list, merged from every node.
    const granted = DEMO_SHARE_REQUESTS.find((r) => r.key === 'hrss-business-registration')!;
    const grantCheck = gateway(GRANT_CHECK, {
      id: seeded.resources.get(granted.resourceKey),
      org: seeded.organizations.get(granted.requesterKey),
      scenario: granted.scenario,
      items: granted.itemNames.slice(0, 2),
    });
    const check = (await grantCheck()).shareGrantCheck;
    if (!check.allowed) throw new Error(`the seeded grant does not allow its own items: ${check.denial} ${check.reason}`);
    const city = DEMO_ORGANIZATIONS.find((o) => o.key === 'lishui-dsj')!;
    const cityAuthority = viaGateway(fed.gateway.url, await mintToken(authorityActor(seeded.organizations.get(city.key)!, city.regionCode), jwtSecret, '1h'));
    const negativeList = cityAuthority(NEGATIVE_LIST);
    const listed = (await negativeList()).negativeList.totalCount as number;
    const seededLines = DEMO_NEGATIVE_LIST.length + DEMO_NOT_SHARED_ENTRIES.length;
    if (listed !== seededLines) throw new Error(`the city authority sees ${listed} negative-list lines, not the ${seededLines} seeded`);
    const sharing = await measure(fed, [
      ['(d) shareGrantCheck, through the gateway', grantCheck],
      [`(e) negativeList, 3 nodes merged (${listed} lines)`, negativeList],
    ]);
    const refused = await measure(fed, [['(f) 1,000,000-character name refused, gateway', refusedCreate(fed.gateway.url, token, actor.orgId!, amr.regionCode)]]);
    const rows = [...gatewayPair, ...four, ...fanOut, ...sharing, ...refused];
    printTable(`[${db}] ${fed.topology.nodes.length} nodes, ${total} catalog entries, seeded in ${seedSeconds.toFixed(1)} s`, rows);
    return { db, rows, gatewayRatio: rows[1].p50 / rows[0].p50, fanOutRatio: rows[4].p50 / rows[3].p50 };
  } finally {
    await fed.stop();
  }
}

const verdict = (ratio: number) => `${ratio.toFixed(2)} (target ≤ ${TARGET}) ${ratio <= TARGET ? 'PASS' : 'MISS'}`;

// Each in-process Apollo server (13 per federation) adds SIGINT/SIGTERM handlers: expected here, not a leak.
process.setMaxListeners(64);

try {
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
  if (process.argv.slice(2).includes('catalog')) {
    const { catalogSearchBenchmark } = await import('./catalog-search.js');
    await catalogSearchBenchmark(serverUrl, process.argv.slice(2));
    process.exit(0);
  }
  if (process.argv.slice(2).includes('demo-search')) {
    const { demoSearchBenchmark } = await import('./demo-search.js');
    await demoSearchBenchmark(serverUrl);
    process.exit(0);
  }
  if (process.argv.slice(2).includes('cpu')) {
    await (await import('./cpu.js')).cpuBenchmark(serverUrl);
    process.exit(0);
  }
  if (process.argv.slice(2).includes('freeze')) {
    await (await import('./freeze.js')).freezeBenchmark(serverUrl);
    process.exit(0);
  }
  if (process.argv.slice(2).includes('dcat')) {
    await (await import('./dcat.js')).dcatBenchmark(serverUrl);
    process.exit(0);
  }
  if (process.argv.slice(2).includes('data')) {
    await (await import('./data.js')).dataBenchmark(serverUrl, process.argv.slice(2));
    process.exit(0);
  }
  if (process.argv.slice(2).includes('load')) {
    const { loadBenchmark } = await import('./load.js');
    await loadBenchmark(serverUrl, process.argv.slice(2));
    process.exit(0);
  }
  const results = [await suite('pglite', undefined)];
  if (serverUrl) results.push(await suite('postgres', serverUrl));
  console.log('\nsummary');
  for (const r of results) {
    console.log(`[${r.db}] gateway/direct p50 ratio: ${verdict(r.gatewayRatio)}`);
    console.log(`[${r.db}] 3-node/1-node p50 ratio: ${verdict(r.fanOutRatio)}`);
  }
  process.exit(0);
} catch (err) {
  console.error('\nbenchmark failed:', err);
  process.exit(1);
}
