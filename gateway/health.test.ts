import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NodeConfig } from '../schema/topology.js';
import { NodeHealth, readyUrl } from './health.js';

/** A real subgraph stand-in whose `/ready` says what the test sets, and counts the probes it got. */
let server: Server;
let mode: 'unavailable' | 'ready' | 'hang' = 'unavailable';
let probes = 0;
let node: NodeConfig;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url !== '/ready') return void res.writeHead(404).end();
    probes += 1;
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

const waitFor = async (cond: () => boolean, ms: number) => {
  for (const end = Date.now() + ms; Date.now() < end && !cond(); ) await new Promise((r) => setTimeout(r, 20));
  return cond();
};

describe('node health (circuit breaker)', () => {
  test('readiness lives beside GraphQL on the same base', () => {
    expect(readyUrl('http://127.0.0.1:4101/graphql')).toBe('http://127.0.0.1:4101/ready');
  });

  test('one failure opens the breaker for that service only; probes at a bounded rate close it once /ready says ready', async () => {
    const health = new NodeHealth(() => [node], { probeIntervalMs: 100, probeTimeoutMs: 200 });
    try {
      mode = 'unavailable';
      probes = 0;
      expect(health.downReason(node, 'catalog')).toBeUndefined();
      health.failed(node, 'catalog', 'did not answer within 1000 ms');
      expect(health.downReason(node, 'catalog')?.reason).toBe('did not answer within 1000 ms');
      expect(health.downReason(node, 'sharing')).toBeUndefined();
      expect(health.view()[0]).toMatchObject({
        id: 'liandu',
        status: 'down',
        subgraphs: { catalog: { status: 'down', reason: 'did not answer within 1000 ms' }, sharing: { status: 'up' } },
      });
      // A second failure while down starts no second probe loop.
      health.failed(node, 'catalog', 'could not be reached');
      await new Promise((r) => setTimeout(r, 550));
      expect(health.downReason(node, 'catalog')).toBeDefined();
      expect(probes).toBeGreaterThanOrEqual(3);
      expect(probes).toBeLessThanOrEqual(6);
      mode = 'ready';
      expect(await waitFor(() => !health.downReason(node, 'catalog'), 1000)).toBe(true);
      expect(health.view()[0].status).toBe('up');
    } finally {
      health.stop();
    }
  });

  test('a probe that hangs is bounded, and the node rejoins when it answers again', async () => {
    const health = new NodeHealth(() => [node], { probeIntervalMs: 50, probeTimeoutMs: 150 });
    try {
      mode = 'hang';
      probes = 0;
      health.failed(node, 'opening', 'did not answer within 1000 ms');
      await new Promise((r) => setTimeout(r, 600));
      // Each probe waits at most 150 ms, then 50 ms pass before the next: about three in 600 ms.
      expect(probes).toBeGreaterThanOrEqual(2);
      expect(probes).toBeLessThanOrEqual(4);
      mode = 'ready';
      expect(await waitFor(() => !health.downReason(node, 'opening'), 1000)).toBe(true);
    } finally {
      health.stop();
    }
  });

  test('a success closes the breaker at once; stop ends probing', async () => {
    const health = new NodeHealth(() => [node], { probeIntervalMs: 50, probeTimeoutMs: 100 });
    mode = 'unavailable';
    health.failed(node, 'sharing', 'answered HTTP 503');
    health.succeeded(node, 'sharing');
    expect(health.downReason(node, 'sharing')).toBeUndefined();
    health.failed(node, 'sharing', 'answered HTTP 503');
    health.stop();
    probes = 0;
    await new Promise((r) => setTimeout(r, 200));
    expect(probes).toBe(0);
    expect(health.downReason(node, 'sharing')).toBeUndefined();
  });
});
