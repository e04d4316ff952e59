import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NodeConfig } from '../schema/topology.js';
import { MISSES_TO_DOWN, NodeHealth, ServiceDown } from './health.js';

/**
 * A real subgraph stand-in whose `/ready` says what the test sets. It counts the probes it got,
 * how many were in flight at once, and how many the gateway gave up on (closed before an answer).
 */
let server: Server;
let mode: 'unavailable' | 'ready' | 'hang' = 'ready';
let probes = 0;
let inFlight = 0;
let mostInFlight = 0;
let abandoned = 0;
let node: NodeConfig;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    if (req.url !== '/ready') return void res.writeHead(404).end();
    probes += 1;
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    res.on('close', () => {
      inFlight -= 1;
      if (!res.writableEnded) abandoned += 1;
    });
    if (mode === 'hang') return;
    res.writeHead(mode === 'ready' ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: mode }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  node = { id: 'liandu', name: '莲都', regions: ['331102'], parent: null, profiles: ['L'], subgraphs: { catalog: url, sharing: url, opening: url, operation: url } };
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

let health: NodeHealth | undefined;
afterEach(async () => {
  await health?.stop();
  health = undefined;
  server.closeAllConnections();
});
/** Probing fast, so the tests wait little; the rules do not depend on the figures. */
const start = (o: { probeIntervalMs?: number; probeTimeoutMs?: number } = {}) => {
  mode = 'ready';
  probes = 0;
  mostInFlight = 0;
  abandoned = 0;
  health = new NodeHealth(() => [node], { probeIntervalMs: 50, probeTimeoutMs: 150, ...o });
  health.start();
  return health;
};
/** Bounded wait for a condition (a bound, not a measurement: far above what it takes on a quiet machine). */
const waitFor = async (cond: () => boolean, ms = 10_000) => {
  for (const end = Date.now() + ms; Date.now() < end && !cond(); ) await new Promise((r) => setTimeout(r, 20));
  return cond();
};
const sleepWhile = (ms: number) => {
  for (const end = performance.now() + ms; performance.now() < end; );
};

describe('node health: probing every node service, up or down', () => {
  test('a service that answers is probed again and again, one probe at a time per service, and stays up', async () => {
    const h = start();
    // Four services share the stand-in: at most four probes at once, one each.
    expect(await waitFor(() => probes >= 12)).toBe(true);
    expect(mostInFlight).toBeLessThanOrEqual(4);
    expect(h.view()[0]).toMatchObject({ id: 'liandu', status: 'up', subgraphs: { catalog: { status: 'up' }, sharing: { status: 'up' } } });
  });

  test(`a service whose probes go unanswered is found down after ${MISSES_TO_DOWN} in a row without any request; a query watching it is cut; it rejoins when /ready answers`, async () => {
    const h = start();
    expect(await waitFor(() => probes >= 4)).toBe(true);
    const cuts: ServiceDown[] = [];
    h.watch(node, 'catalog', (why) => cuts.push(why));
    const released = h.watch(node, 'catalog', (why) => cuts.push(why));
    released();
    mode = 'hang';
    expect(await waitFor(() => h.downReason(node, 'catalog') !== undefined)).toBe(true);
    expect(h.downReason(node, 'catalog')!.reason).toBe(`did not answer its readiness probe within 150 ms, ${MISSES_TO_DOWN} times in a row`);
    // The watcher still registered was cut once, with the reason; the released one was not.
    expect(cuts).toHaveLength(1);
    expect(cuts[0]).toBeInstanceOf(ServiceDown);
    expect(cuts[0].message).toMatch(/^is down since .* \(did not answer its readiness probe/);
    // Hung probes are given up, not left to pile up.
    expect(await waitFor(() => abandoned >= MISSES_TO_DOWN)).toBe(true);
    expect(mostInFlight).toBeLessThanOrEqual(4);
    expect(h.view()[0]).toMatchObject({ status: 'down', subgraphs: { catalog: { status: 'down' } } });

    mode = 'ready';
    // The stand-in serves the node's four services: each comes back with its own next probe.
    expect(await waitFor(() => h.view()[0].status === 'up')).toBe(true);
  });

  test('an answer that says "not ready" is no miss: an up service stays up (its requests decide), a down one stays down until ready', async () => {
    const h = start();
    mode = 'unavailable';
    const before = probes;
    expect(await waitFor(() => probes >= before + 8)).toBe(true);
    expect(h.downReason(node, 'sharing')).toBeUndefined();

    h.failed(node, 'sharing', 'answered HTTP 503');
    const seen = probes;
    expect(await waitFor(() => probes >= seen + 8)).toBe(true);
    expect(h.downReason(node, 'sharing')).toMatchObject({ reason: 'answered HTTP 503' });
    mode = 'ready';
    expect(await waitFor(() => h.downReason(node, 'sharing') === undefined)).toBe(true);
  });

  test('a service that refuses connections is found down as unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/graphql`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const gone: NodeConfig = { ...node, id: 'longquan', subgraphs: { catalog: url, sharing: url, opening: url, operation: url } };
    health = new NodeHealth(() => [gone], { probeIntervalMs: 50, probeTimeoutMs: 150 });
    health.start();
    const h = health;
    expect(await waitFor(() => h.downReason(gone, 'opening') !== undefined)).toBe(true);
    expect(h.downReason(gone, 'opening')!.reason).toBe('could not be reached');
  });

  test('a pause of the gateway process itself (a long synchronous task) is no miss: the probe waits for time the process could run', async () => {
    const h = start({ probeIntervalMs: 20, probeTimeoutMs: 100 });
    expect(await waitFor(() => probes >= 8)).toBe(true);
    let cut = false;
    h.watch(node, 'catalog', () => {
      cut = true;
    });
    // Each pause outlasts the probe timeout several times, with a single turn of the event loop between them.
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setImmediate(r));
      sleepWhile(400);
    }
    const after = probes;
    expect(await waitFor(() => probes >= after + 8)).toBe(true);
    expect(cut).toBe(false);
    expect(h.view()[0].status).toBe('up');
  });

  test('a request that succeeds closes the breaker at once; stop ends probing', async () => {
    const h = start();
    h.failed(node, 'opening', 'answered HTTP 503');
    h.succeeded(node, 'opening');
    expect(h.downReason(node, 'opening')).toBeUndefined();
    h.failed(node, 'opening', 'answered HTTP 503');
    await h.stop();
    health = undefined;
    expect(h.downReason(node, 'opening')).toBeUndefined();
    const stopped = probes;
    // Twenty intervals later, not one more probe arrived.
    await new Promise((r) => setTimeout(r, 1000));
    expect(probes).toBe(stopped);
  });
});
