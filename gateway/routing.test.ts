import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, graphql } from 'graphql';
import { ANONYMOUS, INTERNAL_AUTH_HEADER, verifyInternal } from '../schema/auth.js';
import { encodeCursor } from '../schema/cursor.js';
import { TopologyIndex, type NodeConfig } from '../schema/topology.js';
import { RegionRoutingDataSource } from './routing.js';

const SECRET = 'routing-test-secret-0123456789abcdef';

/**
 * Real HTTP servers standing in for one subgraph on each node: each answers `_entities` with the
 * representations it received tagged with its node, and an error on the second one, so the test
 * sees exactly how the router split, reassembled and re-indexed. One never answers.
 */
function subgraphServer(nodeId: string, mode: 'answer' | 'hang'): Promise<Server> {
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    if (mode === 'hang') return;
    const actor = verifyInternal(req.headers[INTERNAL_AUTH_HEADER] as string, body, SECRET, { subgraph: 'catalog', node: nodeId })?.actor;
    const { variables } = JSON.parse(body);
    const reps = variables.representations as { id: string }[];
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        data: { _entities: reps.map((r) => ({ id: r.id, servedBy: nodeId, signedFor: actor?.sub ?? null })) },
        errors: reps.length > 1 ? [{ message: `second on ${nodeId}`, path: ['_entities', 1, 'name'] }] : [],
      }),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const servers: Server[] = [];
let source: RegionRoutingDataSource;
const urlOf = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/graphql`;

beforeAll(async () => {
  const [city, district, dead] = await Promise.all([subgraphServer('lishui', 'answer'), subgraphServer('liandu', 'answer'), subgraphServer('longquan', 'hang')]);
  servers.push(city, district, dead);
  const node = (id: string, regions: string[], parent: string | null, s: Server): NodeConfig => ({
    id,
    name: id,
    regions,
    parent,
    profiles: ['L'],
    subgraphs: { catalog: urlOf(s), sharing: urlOf(s), opening: urlOf(s), operation: urlOf(s) },
  });
  const topology = new TopologyIndex({
    nodes: [node('lishui', ['331100'], null, city), node('liandu', ['331102'], 'lishui', district), node('longquan', ['331181'], 'lishui', dead)],
  });
  // Long enough for the answering servers on a loaded machine: only the one that never answers reaches it.
  source = new RegionRoutingDataSource('catalog', { topology, internalSecret: SECRET, nodeTimeoutMs: 5000, connectionFields: new Set() });
});
afterAll(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

const ENTITIES = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on DataResource { id name } } }';
const fetchEntities = (ids: string[]) =>
  source.process({
    kind: 'incoming operation',
    request: { query: ENTITIES, variables: { representations: ids.map((id) => ({ __typename: 'DataResource', id })) } },
    context: { actor: { ...ANONYMOUS, sub: 'caller-1' } },
  } as never);

describe('entity routing', () => {
  test('representations are split by owner node, fetched signed, and reassembled in the original order', async () => {
    const ids = ['331102:01ARZ3NDEKTSV4RRFFQ69G5FA1', '331100:01ARZ3NDEKTSV4RRFFQ69G5FA2', '331102:01ARZ3NDEKTSV4RRFFQ69G5FA3', '331100:01ARZ3NDEKTSV4RRFFQ69G5FA4'];
    const r = await fetchEntities(ids);
    expect((r.data!._entities as any[]).map((e) => [e.id, e.servedBy, e.signedFor])).toEqual([
      [ids[0], 'liandu', 'caller-1'],
      [ids[1], 'lishui', 'caller-1'],
      [ids[2], 'liandu', 'caller-1'],
      [ids[3], 'lishui', 'caller-1'],
    ]);
    // Each node's error at its local index 1 points at the original index.
    expect(r.errors!.map((e) => [e.message, e.path])).toEqual([
      ['second on liandu', ['_entities', 2, 'name']],
      ['second on lishui', ['_entities', 3, 'name']],
    ]);
  });

  test('a node that does not answer in time costs only its representations: null there, NODE_UNAVAILABLE without its URL', async () => {
    const ids = ['331181:01ARZ3NDEKTSV4RRFFQ69G5FA5', '331100:01ARZ3NDEKTSV4RRFFQ69G5FA6'];
    // longquan never answers: that there is an answer at all is the node timeout's doing.
    const r = await fetchEntities(ids);
    expect((r.data!._entities as any[]).map((e) => e?.servedBy ?? null)).toEqual([null, 'lishui']);
    const err = r.errors!.find((e) => e.extensions?.code === 'NODE_UNAVAILABLE')!;
    expect(err.extensions).toMatchObject({ node: 'longquan', regions: ['331181'] });
    expect(err.message).toMatch(/5000 ms/);
    expect(JSON.stringify(r.errors)).not.toMatch(/127\.0\.0\.1|http:/);
  });
});

/**
 * Two nodes whose catalog answers a small connection schema with graphql-js itself, so aliases and
 * fragments in what the router sends are resolved for real; each records the queries it received.
 */
const CONNECTION_SDL = `
  type Query { dataResources(first: Int, after: String, filter: Filter): DataResourceConnection! }
  input Filter { keyword: String }
  type DataResourceConnection { totalCount: Int! totalCountIsExact: Boolean! edges: [Edge!]! pageInfo: PageInfo! facets: Facets! }
  type Edge { cursor: String! node: Node! }
  type Node { id: ID! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Facets { countsAreExact: Boolean! shareAttribute: [Bucket!]! provider: [ProviderBucket!]! }
  type Bucket { value: String! count: Int! }
  type ProviderBucket { value: ID! count: Int! provider: Org }
  type Org { name: String! }
`;

describe('connection routing with facets [CAT-8]', () => {
  const received: Record<string, string[]> = { a: [], b: [] };
  const ranked = (rank: number, seq: string) => encodeCursor({ values: [rank, seq], directions: ['ASC', 'DESC'] });
  // Node a holds the exact-name entry; node b's newer entries only contain the keyword. Node a
  // counted exactly; node b says its count and facets are estimates.
  const data: Record<string, { edges: [number, string][]; total: number; exact: boolean; share: [string, number][]; providers: [string, number][] }> = {
    a: {
      edges: [
        [0, '01A'],
        [2, '05A'],
      ],
      total: 2,
      exact: true,
      share: [['UNCONDITIONAL', 2]],
      providers: [['331100:P1', 2]],
    },
    b: {
      edges: [
        [1, '09B'],
        [2, '08B'],
        [2, '03B'],
      ],
      total: 3,
      exact: false,
      share: [
        ['CONDITIONAL', 2],
        ['UNCONDITIONAL', 1],
      ],
      providers: [['331102:P2', 3]],
    },
  };
  let connectionSource: RegionRoutingDataSource;
  const connectionServers: Server[] = [];

  beforeAll(async () => {
    const schema = buildSchema(CONNECTION_SDL);
    const serve = (id: string) => {
      const d = data[id]!;
      const server = createServer(async (req, res) => {
        let body = '';
        for await (const chunk of req) body += chunk;
        const { query, variables } = JSON.parse(body);
        received[id]!.push(query);
        const rootValue = {
          dataResources: ({ first }: { first: number }) => ({
            totalCount: d.total,
            totalCountIsExact: d.exact,
            edges: d.edges.slice(0, first).map(([rank, seq]) => ({ cursor: ranked(rank, seq), node: { id: `${id}-${seq}` } })),
            pageInfo: { hasNextPage: d.edges.length > first, endCursor: null },
            facets: {
              countsAreExact: d.exact,
              shareAttribute: d.share.map(([value, count]) => ({ value, count })),
              provider: d.providers.map(([value, count]) => ({ value, count, provider: { name: `org ${value}` } })),
            },
          }),
        };
        const result = await graphql({ schema, source: query, rootValue, variableValues: variables });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(result));
      });
      return new Promise<Server>((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
    };
    const [a, b] = await Promise.all([serve('a'), serve('b')]);
    connectionServers.push(a, b);
    const node = (id: string, regions: string[], parent: string | null, s: Server): NodeConfig => ({
      id,
      name: id,
      regions,
      parent,
      profiles: ['L'],
      subgraphs: { catalog: urlOf(s), sharing: urlOf(s), opening: urlOf(s), operation: urlOf(s) },
    });
    const topology = new TopologyIndex({ nodes: [node('a', ['331100'], null, a), node('b', ['331102'], 'a', b)] });
    connectionSource = new RegionRoutingDataSource('catalog', { topology, internalSecret: SECRET, nodeTimeoutMs: 10_000, connectionFields: new Set(['dataResources']) });
  });
  afterAll(() => {
    for (const s of connectionServers) {
      s.closeAllConnections();
      s.close();
    }
  });

  const run = async (query: string, variables: Record<string, unknown> = {}) => {
    received.a = [];
    received.b = [];
    const r = await connectionSource.process({ kind: 'incoming operation', request: { query, variables }, context: { actor: ANONYMOUS } } as never);
    expect(r.errors).toBeUndefined();
    return r.data!.dataResources as Record<string, any>;
  };

  test('facet counts of the nodes are summed per value, whatever the client selected in the buckets', async () => {
    const merged = await run(`{ dataResources(first: 3, filter: { keyword: "局" }) {
      edges { node { id } }
      f: facets { shareAttribute { n: count } provider { count provider { name } } }
    } }`);
    expect(merged).toEqual({
      edges: [{ node: { id: 'a-01A' } }, { node: { id: 'b-09B' } }, { node: { id: 'b-08B' } }],
      f: {
        shareAttribute: [{ n: 3 }, { n: 2 }],
        provider: [
          { count: 3, provider: { name: 'org 331102:P2' } },
          { count: 2, provider: { name: 'org 331100:P1' } },
        ],
      },
    });
    // Value and count came through the private alias; nobody asked for a total, so no node counted.
    for (const q of [...received.a, ...received.b]) {
      expect(q).toMatch(/_routerFacets: facets \{\s*shareAttribute \{\s*value\s+count\s*\}\s*provider \{\s*value\s+count\s*\}\s*\}/);
      expect(q).not.toMatch(/_routerTotal/);
    }
  });

  test('selections inside fragments are merged too, and the total is summed when asked for', async () => {
    const merged = await run(`query($after: String) { dataResources(first: 2, after: $after) { ...page } }
      fragment page on DataResourceConnection { total: totalCount ... on DataResourceConnection { edges { cursor } pageInfo { hasNextPage endCursor } } facets { ...share } }
      fragment share on Facets { shareAttribute { value count } }`);
    expect(merged.total).toBe(5);
    expect(merged.edges.map((e: any) => e.cursor)).toEqual([ranked(0, '01A'), ranked(1, '09B')]);
    expect(merged.pageInfo).toEqual({ hasNextPage: true, endCursor: ranked(1, '09B') });
    expect(merged.facets).toEqual({
      shareAttribute: [
        { value: 'UNCONDITIONAL', count: 3 },
        { value: 'CONDITIONAL', count: 2 },
      ],
    });
    expect(received.a[0]).toMatch(/_routerTotal: totalCount/);
  });

  test('the total and the facet counts are exact only if every node says so, under any alias and in fragments', async () => {
    const merged = await run(`{ dataResources(first: 1) {
      totalCount exact: totalCountIsExact ...flags
      facets { countsAreExact sure: countsAreExact shareAttribute { count } }
    } }
    fragment flags on DataResourceConnection { totalCountIsExact }`);
    expect(merged).toMatchObject({ totalCount: 5, exact: false, totalCountIsExact: false, facets: { countsAreExact: false, sure: false } });
  });
});
