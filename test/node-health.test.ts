import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ANONYMOUS, internalHeaders } from '../schema/auth.js';
import { TEST_SECRET } from './support/env.js';
import { authority } from './support/node.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { startTestFederation } from './support/federation.js';
import { callSubgraph } from './support/subgraph-client.js';
import { tcpProxy } from './support/tcp-proxy.js';

/**
 * Issue 7 item 5 and issue 15 item 8: a node that fails costs only its part, and a frozen node is
 * known before anyone waits on it. Two real faults on a three-node federation: one node's database
 * refuses connections, and one node's catalog is frozen behind a TCP proxy (accepts connections,
 * never answers). Whether the gateway asked a node is read from what the node's proxy received,
 * never from how long an answer took.
 */
const NODE_TIMEOUT_MS = 30_000;
/** Bound on waiting for the gateway's probes to see a change: over ten times what they take on a quiet machine (`npm run bench -- freeze`). */
const PROBE_WAIT_MS = 30_000;
let f: Awaited<ReturnType<typeof startTestFederation>>;
const tag = `健康${Math.random().toString(36).slice(2, 6)}`;
const ids: Record<string, string> = {};

const LIST = `query($f: DataResourceFilter, $s: RegionScopeInput) { dataResources(filter: $f, scope: $s) { totalCount edges { node { id } } } }`;
const list = (scope?: { regionCode: string; includeSubRegions?: boolean }) => f.gql(null, LIST, { f: { keyword: tag }, s: scope ?? null });
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
/** Polls the gateway's /health (bounded) until the node's catalog has the status wanted; returns that view. */
const catalogBecomes = async (nodeId: string, status: 'up' | 'down') => {
  for (const end = Date.now() + PROBE_WAIT_MS; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    const catalog = (await health()).nodes.find((n) => n.id === nodeId).subgraphs.catalog;
    if (catalog.status === status) return catalog;
  }
  throw new Error(`${nodeId}'s catalog did not become ${status} within ${PROBE_WAIT_MS} ms`);
};
/** Puts a TCP proxy in front of a node's catalog; the gateway reads each node's URLs from the topology at every request and probe. */
async function proxied(nodeId: string, work: (proxy: Awaited<ReturnType<typeof tcpProxy>>, direct: string) => Promise<void>) {
  const node = nodeOf(nodeId);
  const direct = node.subgraphs.catalog;
  const proxy = await tcpProxy(direct);
  node.subgraphs.catalog = proxy.url;
  try {
    await work(proxy, direct);
  } finally {
    node.subgraphs.catalog = direct;
    await proxy.close();
  }
}

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
  expect(await rejoined(PROBE_WAIT_MS)).toBe(true);
});
afterAll(async () => f?.federation.stop());

describe('a node whose database refuses connections', () => {
  test("a city-wide list returns the other nodes' rows plus NODE_UNAVAILABLE for that node, which is then not asked; it rejoins once the database is back", async () => {
    await proxied('liandu', async (proxy) => {
      expect(await rejoined(PROBE_WAIT_MS)).toBe(true);
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
        const asked = proxy.graphqlRequests;
        const again = await list({ regionCode: '331102', includeSubRegions: false });
        expect(again.errors![0].extensions!.code).toBe('NODE_UNAVAILABLE');
        expect(proxy.graphqlRequests).toBe(asked);
      } finally {
        await outage.acceptConnections();
      }
      expect(await rejoined(PROBE_WAIT_MS)).toBe(true);
      expect((await readyOf('liandu')).status).toBe(200);
      expect((await health()).nodes.find((n) => n.id === 'liandu').status).toBe('up');
    });
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

describe('a frozen node [issue 15 item 8]', () => {
  test('its probes find it down while nobody asks it; then its part is answered NODE_UNAVAILABLE without sending, writes included; it rejoins once it answers', async () => {
    await proxied('longquan', async (proxy, direct) => {
      expect(await rejoined(PROBE_WAIT_MS)).toBe(true);
      const asked = proxy.graphqlRequests;
      proxy.freeze();

      // No request is made: the gateway's own probes of /ready find the node down.
      const down = await catalogBecomes('longquan', 'down');
      expect(down.reason).toMatch(/did not answer its readiness probe within \d+ ms, 2 times in a row/);
      expect(proxy.graphqlRequests).toBe(asked);

      const cityWide = await list();
      expect(cityWide.data!.dataResources.totalCount).toBe(2);
      expect(cityWide.errors!.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'NODE_UNAVAILABLE', node: 'longquan', regions: ['331181'] })]);
      const own = await list({ regionCode: '331181' });
      expect(own.errors![0].extensions).toMatchObject({ code: 'NODE_UNAVAILABLE', node: 'longquan' });
      // A write to it is not sent either: refused at once, and nothing was written.
      const write = await f.gql(authority('331181'), `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`, {
        input: { regionCode: '331181', name: `${tag}龙泉市档案馆`, creditCode: '11331181MB0000001X', kind: 'AGENCY' },
      });
      expect(write.errors![0].extensions).toMatchObject({ code: 'NODE_UNAVAILABLE', node: 'longquan' });
      expect(proxy.graphqlRequests).toBe(asked);

      const h = await health();
      expect(h.nodes.find((n) => n.id === 'longquan')).toMatchObject({ status: 'down', subgraphs: { catalog: { status: 'down' }, sharing: { status: 'up' } } });

      proxy.thaw();
      expect(await catalogBecomes('longquan', 'up')).toEqual({ status: 'up' });
      expect(await rejoined(PROBE_WAIT_MS)).toBe(true);
      const orgs = await callSubgraph(direct, { subgraph: 'catalog', node: 'longquan' }, authority('331181'), `{ organizations(first: 100) { edges { node { name } } } }`);
      expect(orgs.data!.organizations.edges.map((e: any) => e.node.name)).not.toContain(`${tag}龙泉市档案馆`);
    });
  });

  test('a query already waiting on the node when it froze ends when the probes find it down, not at the node timeout', async () => {
    await proxied('longquan', async (proxy) => {
      expect(await rejoined(PROBE_WAIT_MS)).toBe(true);
      const asked = proxy.graphqlRequests;
      proxy.freeze();
      const r = await list();
      // It was sent (the node was not yet known down), and cut by the probe's finding, not by NODE_TIMEOUT_MS.
      expect(proxy.graphqlRequests).toBe(asked + 1);
      expect(r.data!.dataResources.totalCount).toBe(2);
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0].extensions).toMatchObject({ code: 'NODE_UNAVAILABLE', node: 'longquan' });
      expect(r.errors![0].message).toMatch(/did not answer its readiness probe/);
      expect(r.errors![0].message).not.toMatch(new RegExp(`within ${NODE_TIMEOUT_MS} ms`));
      proxy.thaw();
      expect(await catalogBecomes('longquan', 'up')).toEqual({ status: 'up' });
    });
  });
});
