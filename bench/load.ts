import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { mintToken } from '../gateway/auth.js';
import type { Actor } from '../schema/auth.js';
import { loadTopology } from '../platform/env.js';
import { ROOT } from '../platform/paths.js';
import { startFederation } from '../runtime/federation.js';
import { DEMO_ORGANIZATIONS } from '../seeds/demo-data.js';
import { seedDemo } from '../seeds/seed.js';
import { type Data, formatTable, percentile } from './client.js';
import { childPids, cpuSeconds, machineTicks, rssMb, rssSampler } from './proc.js';

/**
 * `npm run bench -- load`: the federation in the shape production runs it, under concurrent
 * clients. On a real PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL), each node runs in a
 * process of its own and the gateway too (`bin/gateway`, configured by its environment like a
 * deployment, with the heap limits it sets); only the clients run in this process.
 *
 * The databases (`bench_load_<node>`) are kept between runs: the demo is seeded through the API
 * once. `-- --drop` drops them at the end.
 *
 * 1. Fan-out: one keyword search, city-wide (no scope: all 3 nodes) against the same search
 *    scoped to one node's region, in turns request by request, sequentially; p50 ratio target ≤ 1.5.
 * 2. Load: at each concurrency level, after a warm-up, clients send a fixed mix (anonymous
 *    open-catalog listing, agency keyword search, by-id read) until BENCH_LOAD_REQUESTS requests
 *    or BENCH_LOAD_SECONDS, whichever comes first: requests/s, p50/p99 and errors per kind, and the
 *    gateway process's peak RSS (target ≤ 200 MB) and CPU.
 *
 * The clients share the machine with the gateway, the nodes and PostgreSQL, so the throughput is
 * what this machine sustains for the whole system, not the gateway alone.
 *
 * Environment: BENCH_LOAD_LEVELS (default 10,50,200), BENCH_LOAD_REQUESTS (per level, default
 * 3000), BENCH_LOAD_SECONDS (per level, default 30), BENCH_LOAD_WARMUP (requests per level,
 * default 200), BENCH_LOAD_FANOUT (requests per fan-out case, default 200).
 * It reports; it does not gate: a missed target or failed requests under load still exit 0.
 */

const LEVELS = (process.env.BENCH_LOAD_LEVELS || '10,50,200').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_LOAD_REQUESTS || 3000);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS || 30);
const WARMUP = Number(process.env.BENCH_LOAD_WARMUP || 200);
const FANOUT_REQUESTS = Number(process.env.BENCH_LOAD_FANOUT || 200);
const FANOUT_WARMUP = 20;
const FANOUT_CAP_MS = 60_000;
/** Requests per fan-out case, one case at a time, to read its CPU cost per request. */
const FANOUT_CPU_REQUESTS = 100;
const RSS_TARGET_MB = 200;
const FANOUT_TARGET = 1.5;
/** A request still unanswered after this counts as an error (TIMEOUT) rather than stalling the level. */
const REQUEST_TIMEOUT_MS = 30_000;
const PREFIX = 'bench_load_';

const OPEN_LISTING = '{ openDatasets(first: 20) { totalCount edges { node { id title openAttribute accessMethods priorityDomain publishedAt provider { name } } } } }';
const SEARCH = `query Search($keyword: String!, $scope: RegionScopeInput) {
  dataResources(filter: { keyword: $keyword }, scope: $scope, first: 20) { totalCount edges { node { id code name updateFrequency provider { name } } } } }`;
const BY_ID = 'query Resource($id: ID!) { dataResource(id: $id) { id code name summary shareAttribute openAttribute provider { name } items { name dataType } } }';
const KEYWORDS = ['信息', '许可', '登记', '企业', '人口', '检测'];
const FANOUT_KEYWORD = '信息';

type Kind = 'open listing (anonymous)' | 'agency search' | 'by-id read';
const KINDS: Kind[] = ['open listing (anonymous)', 'agency search', 'by-id read'];

// ---------------------------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------------------------

interface Outcome {
  ms: number;
  data?: Data;
  /** Absent when the request succeeded: HTTP status ≠ 200, a GraphQL error code, or a transport failure. */
  error?: { code: string; message: string };
}

/**
 * One request, never throwing: a failure is a result to count. Node's fetch goes through undici's
 * global agent, which opens as many connections per origin as requests are in flight.
 */
async function request(url: string, token: string | null, query: string, variables: Data = {}): Promise<Outcome> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const t = performance.now();
  try {
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await res.text();
    const ms = performance.now() - t;
    let json: { data?: Data | null; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      json = JSON.parse(text);
    } catch {
      return { ms, error: { code: `HTTP ${res.status}`, message: text.slice(0, 200) } };
    }
    const first = json.errors?.[0];
    if (res.status !== 200)
      return { ms, error: { code: `HTTP ${res.status}${first?.extensions?.code ? ` ${first.extensions.code}` : ''}`, message: first?.message ?? text.slice(0, 200) } };
    if (first) return { ms, error: { code: first.extensions?.code ?? 'GRAPHQL_ERROR', message: first.message } };
    if (!json.data) return { ms, error: { code: 'NO_DATA', message: text.slice(0, 200) } };
    return { ms, data: json.data };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const code = e.name === 'TimeoutError' ? 'TIMEOUT' : (e.cause?.code ?? e.name);
    return { ms: performance.now() - t, error: { code, message: e.cause ? String(e.cause) : e.message } };
  }
}

/** For set-up and checks: a failure stops the benchmark. */
async function must(url: string, token: string | null, query: string, variables: Data = {}): Promise<Data> {
  const r = await request(url, token, query, variables);
  if (r.error) throw new Error(`set-up request failed (${r.error.code}): ${r.error.message}\n${query}`);
  return r.data!;
}

// ---------------------------------------------------------------------------------------------
// The gateway process
// ---------------------------------------------------------------------------------------------

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

interface GatewayProcess {
  child: ChildProcess;
  url: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** `bin/gateway` as a deployment starts it (it execs node: the child's pid is the gateway's); resolves once `/health` answers. */
async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const port = await freePort();
  const full = { ...env, PORT: String(port), HOST: '127.0.0.1' };
  const child = spawn(resolve(ROOT, 'bin/gateway'), [], { env: { ...process.env, ...full }, stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  let exited: number | null | undefined;
  child.once('exit', (code) => {
    exited = code;
  });
  const deadline = performance.now() + 30_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`the gateway process exited with code ${exited} before it answered /health`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('the gateway process did not answer /health within 30 s');
    }
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    url,
    env: full,
    stop: () =>
      new Promise<void>((done) => {
        if (exited !== undefined) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Where the CPU went between start and stop, in cores: the gateway, the nodes, this process
 * (the clients), and the whole machine, which also counts PostgreSQL and anything else running.
 */
function cpuMeter(gatewayPid: number, nodePids: number[]): () => CpuShare {
  const t0 = performance.now();
  const g0 = cpuSeconds(gatewayPid);
  const n0 = nodePids.map(cpuSeconds);
  const self0 = process.cpuUsage();
  const m0 = machineTicks();
  return () => {
    const seconds = (performance.now() - t0) / 1000;
    const self = process.cpuUsage(self0);
    const m = machineTicks();
    return {
      gateway: (cpuSeconds(gatewayPid) - g0) / seconds,
      perNode: nodePids.map((pid, i) => (cpuSeconds(pid) - n0[i]!) / seconds),
      nodes: nodePids.reduce((n, pid, i) => n + cpuSeconds(pid) - n0[i]!, 0) / seconds,
      clients: (self.user + self.system) / 1e6 / seconds,
      machine: ((m.busy - m0.busy) / (m.total - m0.total)) * cpus().length,
      seconds,
    };
  };
}

/** Cores used on average over `seconds`. */
interface CpuShare {
  gateway: number;
  nodes: number;
  /** Per node, in the order of Workload.nodeIds. */
  perNode: number[];
  clients: number;
  machine: number;
  seconds: number;
}

/** CPU milliseconds per request: unlike latency, hardly changed by other work competing for the cores. */
const cpuMsPerRequest = (cores: number, c: CpuShare, requests: number) => ((cores * c.seconds * 1000) / requests).toFixed(1);

const cpuLine = (c: CpuShare) =>
  `CPU in cores: gateway ${c.gateway.toFixed(2)}, nodes ${c.nodes.toFixed(2)}, clients ${c.clients.toFixed(2)}; machine busy ${c.machine.toFixed(2)} of ${cpus().length} (PostgreSQL and other work included)`;

/**
 * PostgreSQL connections, sampled: the nodes' pools grow with the load, and the server's
 * max_connections is shared with whatever else uses it.
 */
interface PgWatch {
  max: number;
  /** Samples every 500 ms until the returned function is called; that returns the peaks. */
  watch(): () => { ours: number; total: number };
  end(): Promise<void>;
}

async function pgWatch(serverUrl: string): Promise<PgWatch> {
  const client = new pg.Client({ connectionString: serverUrl });
  // An idle client the server drops must not end the benchmark; the next sample just fails.
  client.on('error', () => {});
  await client.connect();
  const max = Number((await client.query('show max_connections')).rows[0].max_connections);
  const count = async () => {
    const r = await client.query(
      `select count(*) filter (where datname like $1)::int as ours, count(*)::int as total from pg_stat_activity where backend_type = 'client backend'`,
      [`${PREFIX}%`],
    );
    return r.rows[0] as { ours: number; total: number };
  };
  return {
    max,
    watch() {
      const peak = { ours: 0, total: 0 };
      let busy = false;
      const timer = setInterval(async () => {
        if (busy) return;
        busy = true;
        // A failed sample leaves the peak as it was: the count is context, not the measurement.
        const c = await count().catch(() => null);
        busy = false;
        if (!c) return;
        peak.ours = Math.max(peak.ours, c.ours);
        peak.total = Math.max(peak.total, c.total);
      }, 500);
      return () => {
        clearInterval(timer);
        return peak;
      };
    },
    end: () => client.end(),
  };
}

/** Node service calls the gateway has made so far, per node, from its own /metrics. */
async function nodeFetches(gatewayUrl: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${gatewayUrl}/metrics`)).text();
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/^pdf_gateway_node_fetches_total\{([^}]*)\} (\d+)/gm)) {
    const node = /node="([^"]*)"/.exec(m[1]!)?.[1];
    if (node && /outcome="ok"/.test(m[1]!)) counts.set(node, (counts.get(node) ?? 0) + Number(m[2]));
  }
  return counts;
}

/** Which nodes one request really reaches, read from the gateway's counters around it. */
async function nodesReached(gatewayUrl: string, call: () => Promise<unknown>): Promise<string> {
  const before = await nodeFetches(gatewayUrl);
  await call();
  const after = await nodeFetches(gatewayUrl);
  const hit = [...after].filter(([node, n]) => n > (before.get(node) ?? 0)).map(([node]) => node);
  return `${hit.length} node${hit.length === 1 ? '' : 's'} (${hit.sort().join(', ')})`;
}

// ---------------------------------------------------------------------------------------------
// Measurement
// ---------------------------------------------------------------------------------------------

const p = (times: number[], q: number) =>
  times.length
    ? percentile(
        [...times].sort((a, b) => a - b),
        q,
      )
    : Number.NaN;

/** '–' when nothing succeeded: a level can fail every request. */
const ms = (times: number[], q: number, digits = 1) => (times.length ? p(times, q).toFixed(digits) : '–');

/** A fixed pseudo-random draw for request i (and a salt per choice), so every run sends the same sequence. */
function draw(i: number, salt: number, n: number): number {
  let x = Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return ((x ^ (x >>> 16)) >>> 0) % n;
}

interface Workload {
  gatewayUrl: string;
  gatewayPid: number;
  /** The node processes, in the order of nodeIds. */
  nodePids: number[];
  nodeIds: string[];
  pg: PgWatch;
  agencyToken: string;
  resourceIds: string[];
}

/** The mix: 40 % anonymous open-catalog listings, 30 % agency searches, 30 % by-id reads. */
function nextRequest(w: Workload, i: number): [Kind, () => Promise<Outcome>] {
  const url = `${w.gatewayUrl}/graphql`;
  const roll = draw(i, 0, 10);
  if (roll < 4) return ['open listing (anonymous)', () => request(url, null, OPEN_LISTING)];
  if (roll < 7) return ['agency search', () => request(url, w.agencyToken, SEARCH, { keyword: KEYWORDS[draw(i, 1, KEYWORDS.length)], scope: null })];
  return ['by-id read', () => request(url, w.agencyToken, BY_ID, { id: w.resourceIds[draw(i, 2, w.resourceIds.length)] })];
}

interface LevelResult {
  clients: number;
  seconds: number;
  times: Map<Kind, number[]>;
  errors: Map<Kind, number>;
  errorKinds: Map<string, { count: number; first: string }>;
  peakRssMb: number;
  cpu: CpuShare;
  connections: { ours: number; total: number };
}

async function runLevel(w: Workload, clients: number, offset: number): Promise<LevelResult> {
  const peak = rssSampler(w.gatewayPid);
  const connections = w.pg.watch();
  // Warm-up at the level's concurrency: connections opened, plans cached; not recorded.
  let warm = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (warm < WARMUP) await nextRequest(w, offset + warm++)[1]();
    }),
  );

  const times = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
  const errors = new Map<Kind, number>(KINDS.map((k) => [k, 0]));
  const errorKinds = new Map<string, { count: number; first: string }>();
  let started = 0;
  const cpu = cpuMeter(w.gatewayPid, w.nodePids);
  const t0 = performance.now();
  const deadline = t0 + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (started < REQUESTS && performance.now() < deadline) {
        const [kind, call] = nextRequest(w, offset + WARMUP + started++);
        const r = await call();
        if (r.error) {
          errors.set(kind, errors.get(kind)! + 1);
          const key = `${kind}: ${r.error.code}`;
          const seen = errorKinds.get(key);
          if (seen) seen.count += 1;
          else errorKinds.set(key, { count: 1, first: r.error.message });
        } else times.get(kind)!.push(r.ms);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { clients, seconds, times, errors, errorKinds, peakRssMb: peak(), cpu: cpu(), connections: connections() };
}

function printLevel(r: LevelResult, maxConnections: number) {
  const row = (label: string, times: number[], errors: number) => [
    label,
    String(times.length + errors),
    ((times.length + errors) / r.seconds).toFixed(0),
    ms(times, 0.5),
    ms(times, 0.99),
    String(errors),
  ];
  const cells = KINDS.map((k) => row(k, r.times.get(k)!, r.errors.get(k)!));
  cells.push(
    row(
      'all',
      KINDS.flatMap((k) => r.times.get(k)!),
      KINDS.reduce((n, k) => n + r.errors.get(k)!, 0),
    ),
  );
  const rss = `${r.peakRssMb.toFixed(0)} MB (target ≤ ${RSS_TARGET_MB} MB) ${r.peakRssMb <= RSS_TARGET_MB ? 'PASS' : 'MISS'}`;
  console.log(
    `\n[load] ${r.clients} concurrent clients, ${r.seconds.toFixed(1)} s; gateway peak RSS ${rss}\n  ${cpuLine(r.cpu)}\n` +
      `  PostgreSQL connections, peak: the nodes' ${r.connections.ours}, all ${r.connections.total} of max_connections ${maxConnections}\n` +
      formatTable(['kind', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'errors'], cells, 'lrrrrr'),
  );
  for (const [key, e] of r.errorKinds) console.log(`  error ${key} × ${e.count}; first: ${e.first}`);
}

/** The two searches in turns, request by request, so a load change on the machine hits both alike. */
async function fanOut(w: Workload, oneNodeScope: Data): Promise<void> {
  const { gatewayUrl, agencyToken: token } = w;
  const url = `${gatewayUrl}/graphql`;
  const cases = [
    { label: `keyword '${FANOUT_KEYWORD}', one node (scope ${oneNodeScope.regionCode})`, vars: { keyword: FANOUT_KEYWORD, scope: oneNodeScope } },
    { label: `keyword '${FANOUT_KEYWORD}', city-wide (no scope)`, vars: { keyword: FANOUT_KEYWORD, scope: null } },
  ];
  const info: { reached: string; hits: number }[] = [];
  for (const c of cases) {
    const reached = await nodesReached(gatewayUrl, () => must(url, token, SEARCH, c.vars));
    const hits = (await must(url, token, SEARCH, c.vars)).dataResources.totalCount as number;
    info.push({ reached, hits });
  }
  const times: number[][] = cases.map(() => []);
  const cpu = cpuMeter(w.gatewayPid, w.nodePids);
  for (let round = -FANOUT_WARMUP, end = performance.now() + FANOUT_CAP_MS; round < FANOUT_REQUESTS && performance.now() < end; round++) {
    for (const [i, c] of cases.entries()) {
      const r = await request(url, token, SEARCH, c.vars);
      if (r.error) throw new Error(`fan-out search failed (${r.error.code}): ${r.error.message}`);
      if (round >= 0) times[i]!.push(r.ms);
    }
  }
  const used = cpu();
  const cost: CpuShare[] = [];
  for (const c of cases) {
    const meter = cpuMeter(w.gatewayPid, w.nodePids);
    for (let i = 0; i < FANOUT_CPU_REQUESTS; i++) await must(url, token, SEARCH, c.vars);
    cost.push(meter());
  }
  const cells = cases.map((c, i) => [
    c.label,
    info[i]!.reached,
    String(info[i]!.hits),
    String(times[i]!.length),
    p(times[i]!, 0.5).toFixed(2),
    p(times[i]!, 0.95).toFixed(2),
    cpuMsPerRequest(cost[i]!.gateway, cost[i]!, FANOUT_CPU_REQUESTS),
    cpuMsPerRequest(cost[i]!.nodes, cost[i]!, FANOUT_CPU_REQUESTS),
    cost[i]!.perNode.map((cores) => cpuMsPerRequest(cores, cost[i]!, FANOUT_CPU_REQUESTS)).join(' / '),
  ]);
  const ratio = p(times[1]!, 0.5) / p(times[0]!, 0.5);
  console.log(
    `\n[fan-out] sequential, through the gateway process, each node in its own process; demo-size catalog, first: 20 with totalCount\n` +
      formatTable(['case', 'reaches', 'hits', 'n', 'p50 ms', 'p95 ms', 'gateway CPU ms/req', 'nodes CPU ms/req', `per node (${w.nodeIds.join(' / ')})`], cells, 'llrrrrrrr') +
      `\n[fan-out] city-wide / one node p50 ratio: ${ratio.toFixed(2)} (target ≤ ${FANOUT_TARGET}) ${ratio <= FANOUT_TARGET ? 'PASS' : 'MISS'}` +
      `\n[fan-out] during the timed turns, ${cpuLine(used)}` +
      `\n[fan-out] CPU per request: ${FANOUT_CPU_REQUESTS} more requests of each case, one case at a time (PostgreSQL's share not counted)`,
  );
}

// ---------------------------------------------------------------------------------------------
// Suite
// ---------------------------------------------------------------------------------------------

export async function loadBenchmark(serverUrl: string | undefined, args: string[]): Promise<void> {
  if (!serverUrl) throw new Error('the load benchmark needs PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL)');
  const jwtSecret = randomBytes(32).toString('hex');
  const internalSecret = randomBytes(32).toString('hex');
  const auditSecret = randomBytes(32).toString('hex');
  console.log(`\n[load] starting the nodes on ${new URL(serverUrl).host} (databases ${PREFIX}<node>, kept between runs), each in its own process …`);
  // The federation's own in-process gateway only seeds; the measured one is the separate process below.
  const fed = await startFederation({
    topology: loadTopology(resolve(ROOT, 'seeds/topology.demo.json')),
    serverUrl,
    databasePrefix: PREFIX,
    dropDatabasesOnStop: args.includes('--drop'),
    settings: { internalSecret, auditSecret },
    jwtSecret,
    processPerNode: true,
  });
  const dir = mkdtempSync(join(tmpdir(), 'bench-load-'));
  let gateway: GatewayProcess | undefined;
  let watcher: PgWatch | undefined;
  try {
    const seeded = await seedDemo(fed.gateway.url, jwtSecret, (m) => console.log(`  demo: ${m}`));
    if (!seeded.seeded) console.log('  demo already seeded');

    const topologyFile = join(dir, 'topology.json');
    writeFileSync(topologyFile, JSON.stringify(fed.topology, null, 2));
    gateway = await startGatewayProcess({
      TOPOLOGY_FILE: topologyFile,
      JWT_SECRET: jwtSecret,
      INTERNAL_SECRET: internalSecret,
      AUDIT_SECRET: auditSecret,
      LOG_LEVEL: 'warn',
      // Every client here comes from 127.0.0.1 and the anonymous ones share that key: a per-client limit would measure itself.
      RATE_LIMIT_MAX: '0',
    });
    const shown = Object.entries(gateway.env)
      .map(([k, v]) => (/SECRET/.test(k) ? `${k}=<random>` : `${k}=${v}`))
      .join(' ');
    console.log(`[load] gateway process ${gateway.child.pid}: bin/gateway with ${shown} (the rest at their defaults)`);
    console.log(`[load] gateway RSS at start, before any request: ${rssMb(gateway.child.pid!).toFixed(0)} MB`);

    const graphql = `${gateway.url}/graphql`;
    // The city's market-regulation agency: authenticated, not the authority, so every node applies the same visibility rule.
    const amr = DEMO_ORGANIZATIONS.find((o) => o.key === 'lishui-amr')!;
    const authority: Actor = { sub: 'bench-load-authority', orgId: null, region: '331100', roles: ['AUTHORITY'] };
    const orgs = await must(
      graphql,
      await mintToken(authority, jwtSecret, '2h'),
      '{ organizations(scope: { regionCode: "331100", includeSubRegions: false }, first: 100) { edges { node { id creditCode } } } }',
    );
    const amrId = (orgs.organizations.edges as { node: { id: string; creditCode: string } }[]).find((e) => e.node.creditCode === amr.creditCode)!.node.id;
    const agencyToken = await mintToken({ sub: 'bench-load-staff', orgId: amrId, region: amr.regionCode, roles: ['AGENCY'] }, jwtSecret, '2h');
    const published = await must(graphql, agencyToken, '{ dataResources(filter: { status: PUBLISHED }, first: 100) { totalCount edges { node { id } } } }');
    const resourceIds = (published.dataResources.edges as { node: { id: string } }[]).map((e) => e.node.id);
    const open = (await must(graphql, null, OPEN_LISTING)).openDatasets.totalCount as number;
    if (resourceIds.length === 0 || open === 0) throw new Error(`the demo is not seeded as expected: ${resourceIds.length} published entries, ${open} open datasets`);
    console.log(`[load] catalog: ${published.dataResources.totalCount} published entries (by-id reads draw from ${resourceIds.length}), ${open} open datasets`);

    const gatewayPid = gateway.child.pid!;
    // startFederation forks the nodes in topology order, one after the other, before the gateway: ascending ids are that order.
    const nodePids = childPids()
      .filter((pid) => pid !== gatewayPid)
      .sort((a, b) => a - b);
    const nodeIds = fed.topology.nodes.map((n) => n.id);
    if (nodePids.length !== nodeIds.length) throw new Error(`found ${nodePids.length} node processes, expected ${nodeIds.length}`);
    watcher = await pgWatch(serverUrl);
    console.log(`[load] PostgreSQL max_connections ${watcher.max}, shared by the 3 nodes × 4 subgraph pools and anything else on the server`);
    const w: Workload = { gatewayUrl: gateway.url, gatewayPid, nodePids, nodeIds, pg: watcher, agencyToken, resourceIds };
    await fanOut(w, { regionCode: '331100', includeSubRegions: false });

    console.log(
      `\n[load] mix: 40 % anonymous openDatasets(first: 20), 30 % agency keyword search (first: 20, totalCount, keywords ${KEYWORDS.join(' ')}), 30 % dataResource(id) as the agency; ` +
        `per level ${WARMUP} warm-up requests, then ${REQUESTS} requests or ${SECONDS} s, whichever first; errors: HTTP ≠ 200 or GraphQL errors`,
    );
    console.log(`[load] gateway RSS after the fan-out, before the levels: ${rssMb(gateway.child.pid!).toFixed(0)} MB`);
    const results: LevelResult[] = [];
    let offset = 0;
    for (const clients of LEVELS) {
      const r = await runLevel(w, clients, offset);
      offset += WARMUP + REQUESTS;
      printLevel(r, w.pg.max);
      results.push(r);
    }
    const summary = results.map((r) => {
      const ok = KINDS.reduce((n, k) => n + r.times.get(k)!.length, 0);
      const failed = KINDS.reduce((n, k) => n + r.errors.get(k)!, 0);
      const all = KINDS.flatMap((k) => r.times.get(k)!);
      return [
        String(r.clients),
        ((ok + failed) / r.seconds).toFixed(0),
        ms(all, 0.5),
        ms(all, 0.99),
        String(failed),
        r.peakRssMb.toFixed(0),
        r.cpu.gateway.toFixed(2),
        cpuMsPerRequest(r.cpu.gateway, r.cpu, ok + failed),
        r.cpu.nodes.toFixed(2),
        cpuMsPerRequest(r.cpu.nodes, r.cpu, ok + failed),
        r.cpu.machine.toFixed(2),
      ];
    });
    console.log(
      `\n[load] summary\n${formatTable(['clients', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'gateway peak RSS MB', 'gateway cores', 'gateway CPU ms/req', 'nodes cores', 'nodes CPU ms/req', 'machine busy cores'], summary, 'rrrrrrrrrrr')}`,
    );
  } finally {
    await watcher?.end();
    await gateway?.stop();
    await fed.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
