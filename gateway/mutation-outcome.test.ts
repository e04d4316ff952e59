import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANONYMOUS, IDEMPOTENCY_KEY_HEADER, INTERNAL_AUTH_HEADER, verifyInternal } from '../schema/auth.js';
import { TopologyIndex, type NodeConfig } from '../schema/topology.js';
import { RegionRoutingDataSource, type GatewayContext } from './routing.js';

const SECRET = 'outcome-test-secret-0123456789abcdef';

/**
 * Real HTTP servers standing in for a node's catalog: one reads the mutation and then drops the
 * connection (as a node that crashes while committing), one never answers, one answers with the
 * key it received and the signature's verdict. The fourth node's port is closed.
 */
function nodeServer(mode: 'drop' | 'hang' | 'answer', nodeId: string): Promise<Server> {
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    if (mode === 'drop') return req.socket.destroy();
    if (mode === 'hang') return;
    const key = (req.headers[IDEMPOTENCY_KEY_HEADER] as string | undefined) ?? null;
    const claims = verifyInternal(req.headers[INTERNAL_AUTH_HEADER] as string, body, SECRET, { subgraph: 'catalog', node: nodeId }, { idempotencyKey: key });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: { retireDataResource: { id: 'x', key, signedFor: claims?.actor.sub ?? null } }, extensions: { idempotentReplay: true } }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const servers: Server[] = [];
let source: RegionRoutingDataSource;
let closedPort: number;
const urlOf = (port: number) => `http://127.0.0.1:${port}/graphql`;

beforeAll(async () => {
  const [drop, hang, answer] = await Promise.all([nodeServer('drop', 'lishui'), nodeServer('hang', 'liandu'), nodeServer('answer', 'longquan')]);
  servers.push(drop, hang, answer);
  const spare = await nodeServer('answer', 'none');
  closedPort = (spare.address() as AddressInfo).port;
  await new Promise<void>((resolve) => spare.close(() => resolve()));
  const node = (id: string, regions: string[], parent: string | null, port: number): NodeConfig => ({
    id,
    name: id,
    regions,
    parent,
    profiles: ['L'],
    subgraphs: { catalog: urlOf(port), sharing: urlOf(port), opening: urlOf(port), operation: urlOf(port) },
  });
  const portOf = (s: Server) => (s.address() as AddressInfo).port;
  const topology = new TopologyIndex({
    nodes: [
      node('lishui', ['331100'], null, portOf(drop)),
      node('liandu', ['331102'], 'lishui', portOf(hang)),
      node('longquan', ['331181'], 'lishui', portOf(answer)),
      node('jinyun', ['331125'], 'lishui', closedPort),
    ],
  });
  // Long enough for the answering server on a loaded machine: only the one that never answers reaches it.
  source = new RegionRoutingDataSource('catalog', { topology, internalSecret: SECRET, nodeTimeoutMs: 5000, connectionFields: new Set() });
});
afterAll(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

const RETIRE = 'mutation($id: ID!) { retireDataResource(id: $id, reason: "r") { id } }';
async function retire(region: string, key = `key-${region}`) {
  const context: GatewayContext = { actor: { ...ANONYMOUS, sub: 'caller-1' }, idempotency: { key, replayed: false } };
  const response = await source.process({
    kind: 'incoming operation',
    request: { query: RETIRE, variables: { id: `${region}:01ARZ3NDEKTSV4RRFFQ69G5FA1` } },
    context,
  } as never);
  return { response, context };
}

describe('a mutation whose outcome the gateway cannot know says so (issue 7, item 4)', () => {
  test('the node drops the connection after receiving the mutation → MUTATION_OUTCOME_UNKNOWN with the key to retry with', async () => {
    const { response } = await retire('331100');
    expect(response.errors![0].extensions).toMatchObject({ code: 'MUTATION_OUTCOME_UNKNOWN', idempotencyKey: 'key-331100', node: 'lishui' });
    expect(response.errors![0].message).toContain('Idempotency-Key: key-331100');
  });

  test('the node does not answer in time → MUTATION_OUTCOME_UNKNOWN', async () => {
    const { response } = await retire('331102');
    expect(response.errors![0].extensions).toMatchObject({ code: 'MUTATION_OUTCOME_UNKNOWN', idempotencyKey: 'key-331102' });
    expect(response.errors![0].message).toMatch(/5000 ms/);
  });

  test('the node refuses the connection: nothing was sent, so the outcome is known → NODE_UNAVAILABLE', async () => {
    const { response } = await retire('331125');
    expect(response.errors![0].extensions).toMatchObject({ code: 'NODE_UNAVAILABLE', node: 'jinyun' });
  });

  test('the key travels with the mutation, covered by the signature for that node, and a replay is reported back', async () => {
    const { response, context } = await retire('331181', 'client-key-1');
    expect(response.data!.retireDataResource).toEqual({ id: 'x', key: 'client-key-1', signedFor: 'caller-1' });
    expect(context.idempotency!.replayed).toBe(true);
  });
});
