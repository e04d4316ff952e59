import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { mintToken } from '../gateway/auth.js';
import { loadTopology } from '../platform/env.js';
import { ROOT } from '../platform/paths.js';
import { startFederation } from '../runtime/federation.js';
import { DEMO_ORGANIZATIONS } from '../seeds/demo-data.js';
import { seedDemo } from '../seeds/seed.js';
import { formatTable, percentile, post, viaGateway, type Call } from './client.js';
import { childPids, cpuSeconds } from './proc.js';

/**
 * `npm run bench -- cpu`: CPU time per by-id request (`dataResource(id)`) through the gateway, each
 * node in its own process, on PostgreSQL when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set,
 * else on PGlite. REQUESTS sequential requests per case, with an AGENCY token minted once.
 *
 * - gateway: process.cpuUsage() of this process, which also runs the client; the client's own
 *   share is measured by the same number of requests (same body) to a bare node:http endpoint in
 *   this process, which answers a fixed JSON of the same size, and subtracted.
 * - node: utime+stime (/proc/<pid>/stat) of the child process that served the requests, i.e. the
 *   child whose CPU grew most; the other children's growth (idle timers, health checks) is shown
 *   apart. Linux only.
 *
 * Runs with what the baseline commit already has, so the same file measures "before" and "after".
 * Environment: BENCH_CPU_REQUESTS (default 2000), BENCH_CPU_ROUNDS (default 3; medians are shown).
 */

const REQUESTS = Number(process.env.BENCH_CPU_REQUESTS || 2000);
const ROUNDS = Math.max(1, Number(process.env.BENCH_CPU_ROUNDS || 3));
const WARMUP = 200;
const RESOURCE = 'query($id: ID!) { dataResource(id: $id) { id name summary shareAttribute items { name dataType } } }';

/** CPU µs each child process has used so far. */
function childCpuUs(): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of childPids()) {
    try {
      out.set(pid, cpuSeconds(pid) * 1e6);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return out;
}

const selfCpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

interface Sample {
  selfUs: number;
  nodeUs: number;
  otherNodesUs: number;
  p50: number;
}

async function sample(call: Call): Promise<Sample> {
  const before = childCpuUs();
  const self0 = selfCpuUs();
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t = performance.now();
    await call();
    times.push(performance.now() - t);
  }
  const selfUs = (selfCpuUs() - self0) / REQUESTS;
  const grown = [...childCpuUs()].map(([pid, us]) => us - (before.get(pid) ?? us)).sort((a, b) => b - a);
  return {
    selfUs,
    nodeUs: (grown[0] ?? 0) / REQUESTS,
    otherNodesUs: grown.slice(1).reduce((a, b) => a + b, 0) / REQUESTS,
    p50: percentile(
      times.sort((a, b) => a - b),
      0.5,
    ),
  };
}

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );

export async function cpuBenchmark(serverUrl: string | undefined): Promise<void> {
  const jwtSecret = randomBytes(32).toString('hex');
  const db = serverUrl ? 'postgres' : 'pglite';
  console.log(`\n[${db}] starting the federation (a process per node) …`);
  const fed = await startFederation({
    topology: loadTopology(resolve(ROOT, 'seeds/topology.demo.json')),
    serverUrl,
    databasePrefix: `bench_cpu_${randomBytes(4).toString('hex')}_`,
    dropDatabasesOnStop: true,
    settings: { internalSecret: randomBytes(32).toString('hex'), auditSecret: randomBytes(32).toString('hex') },
    jwtSecret,
    nodeTimeoutMs: 10_000,
    processPerNode: true,
  });
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(bareAnswer);
    });
  });
  let bareAnswer = '';
  try {
    const seeded = await seedDemo(fed.gateway.url, jwtSecret);
    const amr = DEMO_ORGANIZATIONS.find((o) => o.key === 'lishui-amr')!;
    const actor = { sub: 'bench-cpu', orgId: seeded.organizations.get(amr.key)!, region: amr.regionCode, roles: ['AGENCY' as const] };
    const gateway = viaGateway(fed.gateway.url, await mintToken(actor, jwtSecret, '1h'));
    // Public: open UNCONDITIONAL. Non-public: open PROHIBITED, share CONDITIONAL, its provider asking (an audited read).
    const entries = [
      ['public (lishui-wjw-medical-institutions)', seeded.resources.get('lishui-wjw-medical-institutions')!],
      ['non-public (lishui-amr-business-registration)', seeded.resources.get('lishui-amr-business-registration')!],
    ] as const;

    await new Promise<void>((ok) => bare.listen(0, '127.0.0.1', ok));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/graphql`;
    const answer = await gateway(RESOURCE, { id: entries[0][1] })();
    if (!answer.dataResource) throw new Error('the public entry is not visible to the benchmark actor');
    bareAnswer = JSON.stringify({ data: answer });
    const body = JSON.stringify({ query: RESOURCE, variables: { id: entries[0][1] } });
    const clientOnly: Call = () => post(bareUrl, body, { authorization: 'Bearer x' });

    const cases: [string, Call][] = entries.map(([label, id]) => [label, gateway(RESOURCE, { id })]);
    for (const [label, call] of cases) {
      const d = await call();
      if (!d.dataResource) throw new Error(`${label}: not visible to the benchmark actor`);
    }
    for (let i = 0; i < WARMUP; i++) {
      await clientOnly();
      for (const [, call] of cases) await call();
    }
    const samples = new Map<string, Sample[]>([['client only (bare endpoint)', []], ...cases.map(([l]) => [l, []] as [string, Sample[]])]);
    for (let r = 0; r < ROUNDS; r++) {
      samples.get('client only (bare endpoint)')!.push(await sample(clientOnly));
      for (const [label, call] of cases) samples.get(label)!.push(await sample(call));
    }
    const client = median(samples.get('client only (bare endpoint)')!.map((s) => s.selfUs));
    const cells = [...samples].map(([label, ss]) => {
      const self = median(ss.map((s) => s.selfUs));
      const node = median(ss.map((s) => s.nodeUs));
      const isClient = label.startsWith('client only');
      const gw = isClient ? 0 : self - client;
      return [
        label,
        self.toFixed(0),
        isClient ? '-' : gw.toFixed(0),
        isClient ? '-' : node.toFixed(0),
        isClient ? '-' : median(ss.map((s) => s.otherNodesUs)).toFixed(0),
        isClient ? '-' : (gw + node).toFixed(0),
        median(ss.map((s) => s.p50)).toFixed(2),
      ];
    });
    const header = ['case', 'this process µs', 'gateway µs', 'node µs', 'other nodes µs', 'total µs', 'p50 ms'];
    console.log(`\n[${db}] CPU per request, ${REQUESTS} sequential requests, median of ${ROUNDS} rounds (gateway = this process − client only)`);
    console.log(formatTable(header, cells, 'lrrrrrr'));
  } finally {
    bare.close();
    await fed.stop();
  }
}
