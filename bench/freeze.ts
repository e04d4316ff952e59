import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { loadTopology } from '../platform/env.js';
import { ROOT } from '../platform/paths.js';
import { startFederation } from '../runtime/federation.js';
import { tcpProxy } from '../test/support/tcp-proxy.js';
import { formatTable, percentile } from './client.js';

/**
 * `npm run bench -- freeze`: how soon the gateway knows a frozen node (gateway/health.ts), on the
 * three demo nodes in this process (embedded PGlite, or BENCH_DATABASE_URL's server), empty. The
 * catalog of 龙泉市 sits behind a TCP proxy; each round freezes it (connections accepted, nothing
 * answered) and measures, from the freeze:
 * - found down: when the gateway's `/health` first shows it down, with no request sent meanwhile;
 * - first request: a city-wide list sent at the freeze, which waits on the frozen node until it is
 *   found down (before continuous probing it waited the whole NODE_TIMEOUT_MS);
 * - next request: the same list once it is found down (not sent to it);
 * - rejoin: from the thaw until `/health` shows it up again.
 * BENCH_FREEZE_ROUNDS (5) rounds. It reports; it does not gate.
 */

const NODE_TIMEOUT_MS = 5000;
const LIST = '{ dataResources(first: 20) { totalCount edges { node { id } } } }';

export async function freezeBenchmark(serverUrl: string | undefined): Promise<void> {
  const rounds = Number(process.env.BENCH_FREEZE_ROUNDS || 5);
  const fed = await startFederation({
    topology: loadTopology(resolve(ROOT, 'seeds/topology.demo.json')),
    serverUrl,
    databasePrefix: `bench_freeze_${randomBytes(4).toString('hex')}_`,
    dropDatabasesOnStop: true,
    settings: { internalSecret: randomBytes(32).toString('hex'), auditSecret: randomBytes(32).toString('hex'), metrics: false },
    jwtSecret: randomBytes(32).toString('hex'),
    nodeTimeoutMs: NODE_TIMEOUT_MS,
  });
  const node = fed.topology.nodes.find((n) => n.id === 'longquan')!;
  const direct = node.subgraphs.catalog;
  const proxy = await tcpProxy(direct);
  node.subgraphs.catalog = proxy.url;
  const list = async () => {
    const started = performance.now();
    const res = await fetch(`${fed.gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: LIST }) });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    return { ms: performance.now() - started, codes: (body.errors ?? []).map((e) => e.extensions?.code).join(',') || 'ok' };
  };
  const catalogStatus = async () =>
    ((await (await fetch(`${fed.gateway.url}/health`)).json()) as { nodes: { id: string; subgraphs: { catalog: { status: string } } }[] }).nodes.find((n) => n.id === 'longquan')!
      .subgraphs.catalog.status;
  /** Milliseconds from `since` until the catalog's status is `status` (polled every 10 ms, bounded). */
  const until = async (status: 'up' | 'down', since: number) => {
    for (const end = performance.now() + 60_000; performance.now() < end; await new Promise((r) => setTimeout(r, 10))) {
      if ((await catalogStatus()) === status) return performance.now() - since;
    }
    throw new Error(`longquan's catalog did not become ${status} within 60 s`);
  };
  try {
    const rows: number[][] = [];
    const cells: string[][] = [];
    for (let round = 1; round <= rounds; round++) {
      await until('up', performance.now());
      if ((await list()).codes !== 'ok') throw new Error('the federation does not answer the list before the freeze');
      const frozenAt = performance.now();
      proxy.freeze();
      const [first, foundDown] = await Promise.all([list(), until('down', frozenAt)]);
      const next = await list();
      const thawedAt = performance.now();
      proxy.thaw();
      const rejoin = await until('up', thawedAt);
      rows.push([foundDown, first.ms, next.ms, rejoin]);
      cells.push([String(round), foundDown.toFixed(0), `${first.ms.toFixed(0)} (${first.codes})`, `${next.ms.toFixed(1)} (${next.codes})`, rejoin.toFixed(0)]);
    }
    const median = (i: number) =>
      percentile(
        rows.map((r) => r[i]!).sort((a, b) => a - b),
        0.5,
      );
    cells.push(['p50', median(0).toFixed(0), median(1).toFixed(0), median(2).toFixed(1), median(3).toFixed(0)]);
    console.log(
      `\n[freeze] ${serverUrl ? 'PostgreSQL' : 'PGlite'}, probes every 500 ms bounded by 1000 ms, NODE_TIMEOUT_MS ${NODE_TIMEOUT_MS}; milliseconds from the freeze (rejoin: from the thaw)\n${formatTable(
        ['round', 'found down', 'first request', 'next request', 'rejoin'],
        cells,
        'lrrrr',
      )}`,
    );
  } finally {
    node.subgraphs.catalog = direct;
    await proxy.close();
    await fed.stop();
  }
}
