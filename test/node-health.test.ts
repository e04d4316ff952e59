import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { ANONYMOUS, internalHeaders } from '../schema/auth.js';
import { TEST_SECRET } from './support/env.js';
import { authority } from './support/node.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { startTestFederation } from './support/federation.js';
import { callSubgraph } from './support/subgraph-client.js';

/**
 * Issue 7 item 5: a node that fails costs only its part, quickly. Two real faults on a three-node
 * federation: one node's database refuses connections, and one node's catalog is frozen behind a
 * TCP proxy (accepts connections, never answers).
 */
const NODE_TIMEOUT_MS = 1000;
let f: Awaited<ReturnType<typeof startTestFederation>>;
const tag = `健康${Math.random().toString(36).slice(2, 6)}`;
const ids: Record<string, string> = {};

const LIST = `query($f: DataResourceFilter, $s: RegionScopeInput) { dataResources(filter: $f, scope: $s) { totalCount edges { node { id } } } }`;
const list = (scope?: { regionCode: string; includeSubRegions?: boolean }) => f.gql(null, LIST, { f: { keyword: tag }, s: scope ?? null });
const timed = async <T>(work: () => Promise<T>) => {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
};
const health = async () => (await (await fetch(`${f.federation.gateway.url}/health`)).json()) as { status: string; nodes: any[] };
const nodeOf = (id: string) => f.federation.topology.nodes.find((n) => n.id === id)!;
const readyOf = async (id: string) => {
  const res = await fetch(nodeOf(id).subgraphs.catalog.replace(/\/graphql$/, '/ready'));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
/** Polls (bounded) until the city-wide list has all three nodes' rows and no error. */
const rejoined = async (withinMs: number) => {
  for (const end = Date.now() + withinMs; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
    const r = await list();
    if (!r.errors && r.data?.dataResources.totalCount === 3) return true;
  }
  return false;
};

beforeAll(async () => {
  f = await startTestFederation('health', NODE_TIMEOUT_MS);
  for (const [node, region, name] of [
    ['lishui', '331100', '丽水市气象局'],
    ['liandu', '331102', '莲都区气象局'],
    ['longquan', '331181', '龙泉市气象局'],
  ]) {
    const org = await registerOrganization(f.call, region, name);
    ids[node] = await publishResource(f.call, org, region, { name: `${tag}降水监测` });
  }
  // Seeding on a busy machine may have tripped a breaker; the tests start from a healthy federation.
  expect(await rejoined(10_000)).toBe(true);
});
afterAll(async () => f?.federation.stop());

describe('a node whose database refuses connections', () => {
  test("a city-wide list returns the other nodes' rows plus NODE_UNAVAILABLE for that node; it rejoins once the database is back", async () => {
    const outage = f.federation.databases.get('liandu')!;
    await outage.refuseConnections();
    try {
      const r = await list();
      expect(r.data!.dataResources.totalCount).toBe(2);
      expect(r.data!.dataResources.edges.map((e: any) => e.node.id).sort()).toEqual([ids.lishui, ids.longquan].sort());
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0].extensions).toMatchObject({ code: 'NODE_UNAVAILABLE', node: 'liandu', regions: ['331102'] });
      expect(JSON.stringify(r)).not.toMatch(/127\.0\.0\.1|http:|localhost|postgres|INTERNAL/);

      // The subgraph says so itself: not ready, and a GraphQL answer that failed for it is a 503 DATABASE_UNAVAILABLE.
      const ready = await readyOf('liandu');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'unavailable', subgraph: 'catalog', node: 'liandu' });
      const direct = await fetchSubgraph('liandu');
      expect(direct.status).toBe(503);
      expect(direct.body.errors[0].extensions.code).toBe('DATABASE_UNAVAILABLE');
      expect(JSON.stringify(direct.body)).not.toMatch(/127\.0\.0\.1|postgres|ECONN|accepting/);

      const h = await health();
      expect(h.status).toBe('degraded');
      expect(h.nodes.find((n) => n.id === 'liandu')).toMatchObject({ status: 'down', subgraphs: { catalog: { status: 'down' } } });
      expect(h.nodes.find((n) => n.id === 'lishui')).toMatchObject({ status: 'up' });
      expect(JSON.stringify(h)).not.toMatch(/127\.0\.0\.1|http:/);

      // Known down: its part is answered without asking it.
      const again = await timed(() => list({ regionCode: '331102', includeSubRegions: false }));
      expect(again.result.errors![0].extensions!.code).toBe('NODE_UNAVAILABLE');
      expect(again.ms).toBeLessThan(100);
    } finally {
      await outage.acceptConnections();
    }
    expect(await rejoined(8000)).toBe(true);
    expect((await readyOf('liandu')).status).toBe(200);
    expect((await health()).nodes.find((n) => n.id === 'liandu').status).toBe('up');
  });
});

/** The signed list query the gateway would send to the node's catalog, with the HTTP status kept. */
async function fetchSubgraph(nodeId: string) {
  const body = JSON.stringify({ query: LIST, variables: { f: { keyword: tag } } });
  const res = await fetch(nodeOf(nodeId).subgraphs.catalog, {
    method: 'POST',
    headers: internalHeaders(ANONYMOUS, body, TEST_SECRET, { subgraph: 'catalog', node: nodeId }),
    body,
  });
  return { status: res.status, body: (await res.json()) as any };
}

/**
 * A real TCP proxy in front of one subgraph. Frozen, it still accepts connections but forwards
 * nothing either way, as a hung process or a blackholed link would.
 */
async function tcpProxy(target: string) {
  const { hostname, port } = new URL(target);
  let frozen = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    client.on('data', (chunk) => void (frozen || upstream.write(chunk)));
    upstream.on('data', (chunk) => void (frozen || client.write(chunk)));
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    freeze() {
      frozen = true;
    },
    /** Forwards again; connections that swallowed bytes while frozen are cut (their streams are torn). */
    thaw() {
      for (const s of sockets) s.destroy();
      frozen = false;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('a frozen node', () => {
  test('the first request waits the node timeout; later ones answer its part with NODE_UNAVAILABLE in under 100 ms; it rejoins once it answers', async () => {
    const node = nodeOf('longquan');
    const direct = node.subgraphs.catalog;
    const proxy = await tcpProxy(direct);
    // The gateway reads each node's URLs from the topology at every request: point it at the proxy.
    node.subgraphs.catalog = proxy.url;
    try {
      expect(await rejoined(5000)).toBe(true);
      proxy.freeze();

      const first = await timed(() => list());
      expect(first.ms).toBeGreaterThanOrEqual(NODE_TIMEOUT_MS - 50);
      expect(first.result.data!.dataResources.totalCount).toBe(2);
      expect(first.result.errors!.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'NODE_UNAVAILABLE', node: 'longquan', regions: ['331181'] })]);

      // Its part alone (a scope it alone hosts), then the city-wide list: no wait for the frozen node.
      for (let i = 0; i < 3; i += 1) {
        const own = await timed(() => list({ regionCode: '331181' }));
        expect(own.result.errors![0].extensions).toMatchObject({ code: 'NODE_UNAVAILABLE', node: 'longquan' });
        expect(own.ms).toBeLessThan(100);
      }
      const cityWide = await timed(() => list());
      expect(cityWide.result.data!.dataResources.totalCount).toBe(2);
      expect(cityWide.result.errors!.map((e) => e.extensions!.node)).toEqual(['longquan']);
      expect(cityWide.ms).toBeLessThan(NODE_TIMEOUT_MS / 2);

      // A write to it is not sent: refused at once, and nothing was written.
      const write = await timed(() =>
        f.gql(authority('331181'), `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`, {
          input: { regionCode: '331181', name: `${tag}龙泉市档案馆`, creditCode: '11331181MB0000001X', kind: 'AGENCY' },
        }),
      );
      expect(write.result.errors![0].extensions).toMatchObject({ code: 'NODE_UNAVAILABLE', node: 'longquan' });
      expect(write.ms).toBeLessThan(100);

      const h = await health();
      expect(h.nodes.find((n) => n.id === 'longquan')).toMatchObject({
        status: 'down',
        subgraphs: { catalog: { status: 'down', reason: `did not answer within ${NODE_TIMEOUT_MS} ms` }, sharing: { status: 'up' } },
      });

      proxy.thaw();
      const back = await timed(() => rejoined(5000));
      expect(back.result).toBe(true);
      const orgs = await callSubgraph(direct, { subgraph: 'catalog', node: 'longquan' }, authority('331181'), `{ organizations(first: 100) { edges { node { name } } } }`);
      expect(orgs.data!.organizations.edges.map((e: any) => e.node.name)).not.toContain(`${tag}龙泉市档案馆`);
    } finally {
      node.subgraphs.catalog = direct;
      await proxy.close();
    }
  });
});
