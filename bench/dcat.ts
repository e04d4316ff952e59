import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { loadTopology } from '../platform/env.js';
import { ROOT } from '../platform/paths.js';
import { startFederation } from '../runtime/federation.js';
import { seedDemo } from '../seeds/seed.js';
import { formatTable, percentile, post } from './client.js';

/**
 * `npm run bench -- dcat`: the demo's open catalog as the public reads it [OPN-1, OPN-10]. First
 * the anonymous `openDatasets` listing through the gateway, merged from the three nodes, beside
 * the same listing scoped to the city's node alone; then the DCAT-AP export of the whole open
 * catalog (`GET /open-catalog`, gateway/dcat.ts), as a harvester reads it: every page, following
 * `Link: rel="next"`, in Turtle and in JSON-LD, at the largest page (100 datasets) and at pages
 * of 20. The demo seeded through the API, the three nodes in their own processes, on embedded
 * PGlite and, when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set, on that PostgreSQL server.
 * Medians of BENCH_DCAT_ROUNDS (20) rounds after 3 rounds of warm-up. It reports; it does not gate.
 */

const WARMUP = 3;
const ROUNDS = Number(process.env.BENCH_DCAT_ROUNDS || 20);

interface Row {
  db: string;
  format: string;
  first: number;
  pages: number;
  datasets: number;
  bytes: number;
  firstPage: number;
  whole: number;
}

/** The whole catalog once: the time to each page's first byte of the first page, the whole walk, what it brought. */
async function harvest(gatewayUrl: string, accept: string, first: number) {
  const t0 = performance.now();
  let url: string | null = `${gatewayUrl}/open-catalog?first=${first}`;
  let firstPage = 0;
  let pages = 0;
  let bytes = 0;
  let datasets = 0;
  while (url) {
    const res: Response = await fetch(url, { headers: { accept } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 300)}`);
    if (pages === 0) firstPage = performance.now() - t0;
    pages += 1;
    bytes += Buffer.byteLength(body);
    datasets += body.split(accept === 'text/turtle' ? 'a dcat:Dataset' : '"@type":"dcat:Dataset"').length - 1;
    const next = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
    url = next ? `${gatewayUrl}${new URL(next).pathname}${new URL(next).search}` : null;
  }
  return { ms: performance.now() - t0, firstPage, pages, bytes, datasets };
}

interface ListingRow {
  db: string;
  scope: string;
  first: number;
  total: number;
  p50: number;
  p95: number;
}

const LISTING = `query($first: Int!, $scope: RegionScopeInput) {
  openDatasets(first: $first, scope: $scope) { totalCount edges { node { id title openAttribute accessMethods priorityDomain provider { name } } } } }`;

const CITY_ONLY = { regionCode: '331100', includeSubRegions: false };

/**
 * The anonymous listing, the city node alone and the three nodes merged taking turns request by
 * request (a load change on the machine hits both alike), LISTING_ROUNDS times each after warm-up.
 */
async function listing(db: string, gatewayUrl: string): Promise<ListingRow[]> {
  const ask = (first: number, scope: typeof CITY_ONLY | null) => () => post(`${gatewayUrl}/graphql`, JSON.stringify({ query: LISTING, variables: { first, scope } }), {});
  const rows: ListingRow[] = [];
  for (const first of [20, 100]) {
    const cases = [
      ['city node only', ask(first, CITY_ONLY)],
      ['3 nodes merged', ask(first, null)],
    ] as const;
    const totals = [];
    for (const [, call] of cases) totals.push((await call()).openDatasets.totalCount as number);
    for (let i = 0; i < LISTING_WARMUP; i++) for (const [, call] of cases) await call();
    const times: number[][] = cases.map(() => []);
    for (let i = 0; i < LISTING_ROUNDS; i++) {
      for (const [c, [, call]] of cases.entries()) {
        const t = performance.now();
        await call();
        times[c]!.push(performance.now() - t);
      }
    }
    for (const [c, [scope]] of cases.entries()) {
      const sorted = times[c]!.sort((a, b) => a - b);
      rows.push({ db, scope, first, total: totals[c]!, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) });
    }
  }
  return rows;
}

const LISTING_WARMUP = 30;
const LISTING_ROUNDS = 200;

async function suite(db: string, serverUrl: string | undefined): Promise<{ listing: ListingRow[]; export: Row[] }> {
  const jwtSecret = randomBytes(32).toString('hex');
  console.log(`\n[${db}] starting the federation and seeding the demo …`);
  const fed = await startFederation({
    topology: loadTopology(resolve(ROOT, 'seeds/topology.demo.json')),
    serverUrl,
    databasePrefix: `bench_dcat_${randomBytes(4).toString('hex')}_`,
    dropDatabasesOnStop: true,
    settings: { internalSecret: randomBytes(32).toString('hex'), auditSecret: randomBytes(32).toString('hex') },
    jwtSecret,
    nodeTimeoutMs: 10_000,
    processPerNode: true,
  });
  try {
    await seedDemo(fed.gateway.url, jwtSecret);
    await fed.refreshStatistics();
    const listed = await listing(db, fed.gateway.url);
    const rows: Row[] = [];
    for (const first of [100, 20]) {
      for (const [format, accept] of [
        ['Turtle', 'text/turtle'],
        ['JSON-LD', 'application/ld+json'],
      ] as const) {
        for (let i = 0; i < WARMUP; i++) await harvest(fed.gateway.url, accept, first);
        const runs = [];
        for (let i = 0; i < ROUNDS; i++) runs.push(await harvest(fed.gateway.url, accept, first));
        const median = (xs: number[]) =>
          percentile(
            [...xs].sort((a, b) => a - b),
            0.5,
          );
        const { pages, bytes, datasets } = runs[0]!;
        rows.push({ db, format, first, pages, datasets, bytes, firstPage: median(runs.map((r) => r.firstPage)), whole: median(runs.map((r) => r.ms)) });
      }
    }
    return { listing: listed, export: rows };
  } finally {
    await fed.stop();
  }
}

export async function dcatBenchmark(serverUrl: string | undefined): Promise<void> {
  const results = [await suite('pglite', undefined), ...(serverUrl ? [await suite('postgres', serverUrl)] : [])];
  const listed = results.flatMap((r) => r.listing);
  const listingCells = listed.map((r, i) => {
    const ratio = i % 2 === 1 ? (r.p50 / listed[i - 1]!.p50).toFixed(2) : '';
    return [r.db, r.scope, String(r.first), String(r.total), r.p50.toFixed(2), r.p95.toFixed(2), ratio];
  });
  console.log(
    `\nanonymous openDatasets through the gateway, ${LISTING_ROUNDS} requests each\n${formatTable(['db', 'scope', 'first', 'totalCount', 'p50 ms', 'p95 ms', '3-node/1-node p50'], listingCells, 'llrrrrr')}`,
  );
  const rows = results.flatMap((r) => r.export);
  const header = ['db', 'format', 'page size', 'pages', 'datasets', 'KiB', 'first page p50 ms', 'whole catalog p50 ms'];
  const cells = rows.map((r) => [r.db, r.format, String(r.first), String(r.pages), String(r.datasets), (r.bytes / 1024).toFixed(0), r.firstPage.toFixed(1), r.whole.toFixed(1)]);
  console.log(`\nDCAT-AP export of the demo's open catalog, medians of ${ROUNDS} rounds\n${formatTable(header, cells, 'llrrrrrr')}`);
}
