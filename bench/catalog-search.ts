import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { mintToken } from '../gateway/auth.js';
import type { Actor } from '../schema/auth.js';
import { loadTopology } from '../platform/env.js';
import { ROOT } from '../platform/paths.js';
import { startFederation } from '../runtime/federation.js';
import { DEMO_ORGANIZATIONS } from '../seeds/demo-data.js';
import { gatewayClient, seedDemo } from '../seeds/seed.js';
import { dropIfStale, ensureCatalogFixture } from './catalog-fixture.js';
import { formatTable, percentile, viaGateway, type Call } from './client.js';

/**
 * `npm run bench -- catalog`: catalog keyword search [CAT-8] over three nodes of 333,334 entries
 * each (a million in all), on a real PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL), through the gateway over
 * HTTP, each node in its own process as in production.
 *
 * The databases (`<prefix><node>`, prefix BENCH_CATALOG_PREFIX, default `bench_catalog_`) are kept between runs: the demo is seeded through the
 * API once, the fixture (bench/catalog-fixture.ts) is generated once and reused while it is
 * still current; a database built on another version of the catalog migrations is dropped and
 * rebuilt. `-- --drop` drops them at the end.
 *
 * Cases, each a page of 20 with totalCount (bounded: exact up to CATALOG_COUNT_BOUND matches per
 * node, estimated beyond) and one filter, p50/p95 over REQUESTS requests taken in turns (so a load
 * change on the machine hits every case alike): a 1-, a 2- and a 4-character term (target p95 ≤
 * 100 ms), each again with the facet counts selected (target p95 ≤ 150 ms) and with
 * exactCount: true (reported, no target); page 50 reached by cursor against page 1 (target p50
 * ratio ≤ 1.1). Each case prints its totalCount and whether it is exact.
 *
 * Environment: BENCH_CATALOG_ENTRIES (entries per node, default 333334), BENCH_CATALOG_REQUESTS
 * (requests per case, default 60, at least 50), BENCH_CATALOG_PREFIX (database name prefix,
 * default bench_catalog_: another prefix gives a fixture of one's own).
 */

const PER_NODE = Number(process.env.BENCH_CATALOG_ENTRIES || 333_334);
const PREFIX = process.env.BENCH_CATALOG_PREFIX || 'bench_catalog_';
const REQUESTS = Math.max(50, Number(process.env.BENCH_CATALOG_REQUESTS || 60));
const WARMUP_ROUNDS = 5;
const PAGE_SIZE = 20;
const DEEP_PAGE = 50;
const P95_TARGET_MS = 100;
const FACETS_P95_TARGET_MS = 150;
const PAGE_RATIO_TARGET = 1.1;

const FACETS = `facets {
  shareAttribute { value count } openAttribute { value count } securityGrade { value count } library { value count } format { value count }
  updateFrequency { value count } status { value count } provider { value count } region { value count } }`;

const searchQuery = (facets: boolean, exactCount = false) => `query Search($filter: DataResourceFilter, $after: String) {
  dataResources(filter: $filter, first: ${PAGE_SIZE}, after: $after${exactCount ? ', exactCount: true' : ''}) {
    totalCount
    totalCountIsExact
    edges { cursor node { id code name updateFrequency provider { name } } }
    pageInfo { hasNextPage endCursor }
    ${facets ? FACETS : ''}
  }
}`;

interface Case {
  label: string;
  filter: Record<string, string>;
}

/** A 1-, 2- and 4-character term, each with one filter under which it still has matches. */
const KEYWORD_CASES: Case[] = [
  { label: "'人' + shareAttribute UNCONDITIONAL", filter: { keyword: '人', shareAttribute: 'UNCONDITIONAL' } },
  { label: "'企业' + library LEGAL_PERSON", filter: { keyword: '企业', library: 'LEGAL_PERSON' } },
  { label: "'户籍信息' + shareAttribute CONDITIONAL", filter: { keyword: '户籍信息', shareAttribute: 'CONDITIONAL' } },
];

interface Timed {
  label: string;
  /** totalCount as the case answers it, with `~` when it is an estimate. */
  hits: string;
  times: number[];
  target?: string;
  verdict?: string;
}

/** Each round calls every case once, in turn; the first rounds only warm up. */
async function measure(calls: readonly (readonly [string, Call])[], rounds: number): Promise<Map<string, number[]>> {
  const times = new Map(calls.map(([label]) => [label, [] as number[]]));
  for (let round = -WARMUP_ROUNDS; round < rounds; round++) {
    for (const [label, call] of calls) {
      const t = performance.now();
      await call();
      if (round >= 0) times.get(label)!.push(performance.now() - t);
    }
  }
  return times;
}

const p = (times: number[], q: number) =>
  percentile(
    [...times].sort((a, b) => a - b),
    q,
  );

/** The endCursor of page `page - 1`, walking there page by page as a client would. */
async function cursorBefore(search: (after: string | null) => Call, page: number): Promise<string> {
  let after: string | null = null;
  for (let i = 1; i < page; i++) {
    const d = (await search(after)()).dataResources;
    if (!d.pageInfo.hasNextPage) throw new Error(`the search has only ${i} pages, fewer than ${page}`);
    after = d.pageInfo.endCursor as string;
  }
  return after!;
}

export async function catalogSearchBenchmark(serverUrl: string | undefined, args: string[]): Promise<void> {
  if (!serverUrl) throw new Error('the catalog search benchmark needs PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL)');
  const jwtSecret = randomBytes(32).toString('hex');
  if (!/^[a-z_][a-z0-9_]*$/.test(PREFIX)) throw new Error(`BENCH_CATALOG_PREFIX must be a lower-case SQL identifier prefix, got "${PREFIX}"`);
  const prefix = PREFIX;
  const topology = loadTopology(resolve(ROOT, 'seeds/topology.demo.json'));
  for (const n of topology.nodes) {
    if (await dropIfStale(serverUrl, `${prefix}${n.id}`)) console.log(`[catalog] dropped ${prefix}${n.id}: built on another version of the catalog schema`);
  }
  console.log(`\n[catalog] starting the federation on ${new URL(serverUrl).host} (databases ${prefix}<node>, kept between runs) …`);
  const fed = await startFederation({
    topology,
    serverUrl,
    databasePrefix: prefix,
    dropDatabasesOnStop: args.includes('--drop'),
    settings: { internalSecret: randomBytes(32).toString('hex'), auditSecret: randomBytes(32).toString('hex') },
    jwtSecret,
    nodeTimeoutMs: 10_000,
    processPerNode: true,
  });
  try {
    const seeded = await seedDemo(fed.gateway.url, jwtSecret, (m) => console.log(`  demo: ${m}`));
    if (!seeded.seeded) console.log('  demo already seeded');

    console.log(`[catalog] fixture: ${PER_NODE} entries per node …`);
    const t0 = performance.now();
    const reports = await Promise.all(
      fed.topology.nodes.map((n) => {
        const url = new URL(serverUrl);
        url.pathname = `/${prefix}${n.id}`;
        return ensureCatalogFixture(n.id, url.toString(), PER_NODE, console.log);
      }),
    );
    const wall = (performance.now() - t0) / 1000;
    for (const r of reports) {
      console.log(
        r.generated
          ? `  ${r.nodeId}: generated ${r.entries} entries and ${r.items} items in ${r.seconds.toFixed(1)} s (VACUUM ANALYZE included)`
          : `  ${r.nodeId}: ${r.entries} entries kept from an earlier run`,
      );
    }
    if (reports.some((r) => r.generated)) console.log(`  generation wall time, nodes in parallel: ${wall.toFixed(1)} s`);

    // The city's market-regulation agency: authenticated, not the authority, so every node applies the same visibility rule.
    const amr = DEMO_ORGANIZATIONS.find((o) => o.key === 'lishui-amr')!;
    const authority: Actor = { sub: 'bench-authority', orgId: null, region: '331100', roles: ['AUTHORITY'] };
    const orgs = await gatewayClient(fed.gateway.url, jwtSecret)(
      authority,
      '{ organizations(scope: { regionCode: "331100", includeSubRegions: false }, first: 100) { edges { node { id creditCode } } } }',
    );
    const amrId = (orgs.organizations.edges as { node: { id: string; creditCode: string } }[]).find((e) => e.node.creditCode === amr.creditCode)!.node.id;
    const gateway = viaGateway(fed.gateway.url, await mintToken({ sub: 'bench-staff', orgId: amrId, region: amr.regionCode, roles: ['AGENCY'] }, jwtSecret, '2h'));
    const search =
      (c: Case, facets: boolean, exactCount = false) =>
      (after: string | null = null) =>
        gateway(searchQuery(facets, exactCount), { filter: c.filter, after });

    const total = (await gateway('{ dataResources(first: 1, exactCount: true) { totalCount } }')()).dataResources.totalCount as number;
    const counted = async (call: Call) => {
      const d = (await call()).dataResources;
      return { count: d.totalCount as number, text: `${d.totalCountIsExact ? '' : '~'}${d.totalCount}` };
    };
    const hits = new Map<string, string>();
    const exactHits = new Map<string, number>();
    for (const c of KEYWORD_CASES) {
      hits.set(c.label, (await counted(search(c, false)())).text);
      hits.set(`${c.label}, facets`, (await counted(search(c, true)())).text);
      const exact = await counted(search(c, false, true)());
      hits.set(`${c.label}, exact`, exact.text);
      exactHits.set(c.label, exact.count);
    }

    // Keyword cases, bounded with and without facets, and exact, all in turns.
    const keywordCalls = KEYWORD_CASES.flatMap(
      (c) =>
        [
          [c.label, search(c, false)()],
          [`${c.label}, facets`, search(c, true)()],
          [`${c.label}, exact`, search(c, false, true)()],
        ] as const,
    );
    const keywordTimes = await measure(keywordCalls, REQUESTS);

    // Page 50 by cursor against page 1, of the first case with enough matches.
    const deep = KEYWORD_CASES.find((c) => exactHits.get(c.label)! >= DEEP_PAGE * PAGE_SIZE) ?? KEYWORD_CASES[0]!;
    const cursor = await cursorBefore(search(deep, false), DEEP_PAGE);
    const pageCalls = [
      ['page 1', search(deep, false)()],
      [`page ${DEEP_PAGE}`, search(deep, false)(cursor)],
      ['page 1, facets', search(deep, true)()],
      [`page ${DEEP_PAGE}, facets`, search(deep, true)(cursor)],
    ] as const;
    const pageTimes = await measure(pageCalls, REQUESTS);

    const rows: Timed[] = [];
    for (const c of KEYWORD_CASES) {
      const times = keywordTimes.get(c.label)!;
      const ok = p(times, 0.95) <= P95_TARGET_MS;
      rows.push({ label: c.label, hits: hits.get(c.label)!, times, target: `p95 ≤ ${P95_TARGET_MS} ms`, verdict: ok ? 'PASS' : 'MISS' });
      const facetTimes = keywordTimes.get(`${c.label}, facets`)!;
      rows.push({
        label: '  … with facets',
        hits: hits.get(`${c.label}, facets`)!,
        times: facetTimes,
        target: `p95 ≤ ${FACETS_P95_TARGET_MS} ms`,
        verdict: p(facetTimes, 0.95) <= FACETS_P95_TARGET_MS ? 'PASS' : 'MISS',
      });
      rows.push({ label: '  … exactCount: true', hits: hits.get(`${c.label}, exact`)!, times: keywordTimes.get(`${c.label}, exact`)! });
    }
    const ratio = (a: string, b: string) => p(pageTimes.get(a)!, 0.5) / p(pageTimes.get(b)!, 0.5);
    const deepRatio = ratio(`page ${DEEP_PAGE}`, 'page 1');
    const facetRatio = ratio(`page ${DEEP_PAGE}, facets`, 'page 1, facets');
    const deepHits = hits.get(deep.label)!;
    rows.push({ label: `page 1 of ${deep.label}`, hits: deepHits, times: pageTimes.get('page 1')! });
    rows.push({
      label: `page ${DEEP_PAGE} (after the cursor of page ${DEEP_PAGE - 1})`,
      hits: deepHits,
      times: pageTimes.get(`page ${DEEP_PAGE}`)!,
      target: `p50 ≤ ${PAGE_RATIO_TARGET} × page 1`,
      verdict: `${deepRatio <= PAGE_RATIO_TARGET ? 'PASS' : 'MISS'} (${deepRatio.toFixed(2)})`,
    });
    rows.push({ label: '  page 1, with facets', hits: hits.get(`${deep.label}, facets`)!, times: pageTimes.get('page 1, facets')! });
    rows.push({
      label: `  page ${DEEP_PAGE}, with facets`,
      hits: hits.get(`${deep.label}, facets`)!,
      times: pageTimes.get(`page ${DEEP_PAGE}, facets`)!,
      verdict: `ratio ${facetRatio.toFixed(2)}`,
    });

    const header = ['case', 'totalCount', 'n', 'p50 ms', 'p95 ms', 'target', 'result'];
    const cells = rows.map((r) => [
      r.label,
      String(r.hits),
      String(r.times.length),
      p(r.times, 0.5).toFixed(1),
      p(r.times, 0.95).toFixed(1),
      r.target ?? '(no target)',
      r.verdict ?? '',
    ]);
    console.log(
      `\n[catalog] keyword search through the gateway over ${fed.topology.nodes.length} nodes (${total} entries visible to an agency), ` +
        `first: ${PAGE_SIZE} with totalCount (~: an estimate past the bound), each node in its own process\n${formatTable(header, cells, 'lrrrrll')}`,
    );
    const missed = rows.filter((r) => r.verdict?.startsWith('MISS')).length;
    console.log(`\n[catalog] ${missed === 0 ? 'every target met' : `${missed} target(s) missed`}`);
  } finally {
    await fed.stop();
  }
}
