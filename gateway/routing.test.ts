import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANONYMOUS, INTERNAL_AUTH_HEADER, verifyInternal } from '../schema/auth.js';
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
    const actor = verifyInternal(req.headers[INTERNAL_AUTH_HEADER] as string, body, SECRET);
    const { variables } = JSON.parse(body);
    const reps = variables.representations as { id: string }[];
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({
      data: { _entities: reps.map((r) => ({ id: r.id, servedBy: nodeId, signedFor: actor?.sub ?? null })) },
      errors: reps.length > 1 ? [{ message: `second on ${nodeId}`, path: ['_entities', 1, 'name'] }] : [],
    }));
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
    id, name: id, regions, parent, profiles: ['L'], subgraphs: { catalog: urlOf(s), sharing: urlOf(s), opening: urlOf(s), operation: urlOf(s) },
  });
  const topology = new TopologyIndex({ nodes: [node('lishui', ['331100'], null, city), node('liandu', ['331102'], 'lishui', district), node('longquan', ['331181'], 'lishui', dead)] });
  source = new RegionRoutingDataSource('catalog', { topology, internalSecret: SECRET, nodeTimeoutMs: 300, connectionFields: new Set() });
});
afterAll(() => {
  for (const s of servers) s.closeAllConnections(), s.close();
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
      [ids[0], 'liandu', 'caller-1'], [ids[1], 'lishui', 'caller-1'], [ids[2], 'liandu', 'caller-1'], [ids[3], 'lishui', 'caller-1'],
    ]);
    // Each node's error at its local index 1 points at the original index.
    expect(r.errors!.map((e) => [e.message, e.path])).toEqual([
      ['second on liandu', ['_entities', 2, 'name']],
      ['second on lishui', ['_entities', 3, 'name']],
    ]);
  });

  test('a node that does not answer in time costs only its representations: null there, NODE_UNAVAILABLE without its URL', async () => {
    const ids = ['331181:01ARZ3NDEKTSV4RRFFQ69G5FA5', '331100:01ARZ3NDEKTSV4RRFFQ69G5FA6'];
    const started = Date.now();
    const r = await fetchEntities(ids);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((r.data!._entities as any[]).map((e) => e?.servedBy ?? null)).toEqual([null, 'lishui']);
    const err = r.errors!.find((e) => e.extensions?.code === 'NODE_UNAVAILABLE')!;
    expect(err.extensions).toMatchObject({ node: 'longquan', regions: ['331181'] });
    expect(err.message).toMatch(/300 ms/);
    expect(JSON.stringify(r.errors)).not.toMatch(/127\.0\.0\.1|http:/);
  });
});
