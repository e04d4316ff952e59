import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { buildClientSchema, getIntrospectionQuery, getNamedType, isLeafType, isNonNullType, isObjectType, type GraphQLObjectType, type IntrospectionQuery } from 'graphql';
import { loadTopology } from '../platform/env.js';
import { schemaFile, SUPERGRAPH_FILE } from '../platform/paths.js';
import { createGateway, MAX_COST, type RunningGateway } from './server.js';

/**
 * Issue 15 item 6: the largest page the API allows with every field of its type selected stays
 * within the operation cost limit (graphql-armor), and what is really expensive does not. The
 * gateway alone, its nodes unreachable: the limit is checked before any node would be asked.
 */
const LARGEST_PAGE = 100;
let gw: RunningGateway;
let connections: { field: string; connection: GraphQLObjectType; type: GraphQLObjectType }[];

beforeAll(async () => {
  const topology = loadTopology(schemaFile('../seeds/topology.demo.json'));
  for (const n of topology.nodes) for (const s of Object.keys(n.subgraphs) as (keyof typeof n.subgraphs)[]) n.subgraphs[s] = 'http://127.0.0.1:1/graphql';
  gw = await createGateway({
    topology,
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    jwtSecret: 'cost-limit-jwt-secret-0123456789abcdef',
    internalSecret: 'cost-limit-internal-secret-0123456789',
    auditSecret: 'cost-limit-audit-secret-0123456789abcd',
    nodeTimeoutMs: 300,
  });
  // The schema as a client sees it, from the gateway's own introspection.
  const schema = buildClientSchema((await post({ query: getIntrospectionQuery() })).data as unknown as IntrospectionQuery);
  connections = Object.values(schema.getQueryType()!.getFields())
    .filter((f) => getNamedType(f.type).name.endsWith('Connection') && f.args.some((a) => a.name === 'first'))
    .map((f) => {
      const connection = getNamedType(f.type) as GraphQLObjectType;
      const edges = connection.getFields().edges!;
      return { field: f.name, connection, type: getNamedType((getNamedType(edges.type) as GraphQLObjectType).getFields().node!.type) as GraphQLObjectType };
    });
});
afterAll(async () => gw?.stop());

async function post(body: unknown): Promise<{ data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const res = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as never;
}

/** Every field of a type a client can select without arguments: leaves as they are, objects by their __typename, nested pages left out. */
function ownFields(type: GraphQLObjectType, objects: Record<string, string> = {}): string {
  return Object.values(type.getFields())
    .filter((f) => !f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined) && !f.args.some((a) => a.name === 'first'))
    .map((f) => (isLeafType(getNamedType(f.type)) ? f.name : `${f.name} ${objects[f.name] ?? '{ __typename }'}`))
    .join(' ');
}

/** What the lists that require an argument are asked with. */
const REQUIRED_ARGS: Record<string, string> = {
  openDataPlans: 'year: 2026',
  entryRecords: 'id: "x", organizationId: "x", scenario: "x"',
  openDatasetRecords: 'id: "x"',
};

/** A page of the largest size, everything of the connection and of its items selected. */
const fullPage = (c: (typeof connections)[number], alias = c.field) =>
  `${alias}: ${c.field}(first: ${LARGEST_PAGE}${REQUIRED_ARGS[c.field] ? `, ${REQUIRED_ARGS[c.field]}` : ''}) { ${ownFields(c.connection, { edges: `{ cursor node { ${ownFields(c.type)} } }`, pageInfo: '{ hasNextPage endCursor }' })} }`;

describe(`operation cost limit (${MAX_COST})`, () => {
  test('every root list answers a page of 100 with every field of its type selected: none is refused for its cost', async () => {
    expect(connections.length).toBeGreaterThan(10);
    for (const { field, connection, type } of connections) {
      expect(isObjectType(type)).toBe(true);
      const r = await post({ query: `{ ${fullPage({ field, connection, type })} }` });
      // Past validation, the unreachable nodes answer for themselves: the operation was accepted.
      expect({ field, codes: (r.errors ?? []).map((e) => e.extensions?.code) }).toEqual({ field, codes: expect.not.arrayContaining(['GRAPHQL_VALIDATION_FAILED']) });
      expect(r.errors?.some((e) => /cost/i.test(e.message))).toBeFalsy();
    }
  });

  test('three such pages of the widest type in one operation are refused for their cost, before any node is asked', async () => {
    const widest = connections.reduce((a, b) => (Object.keys(b.type.getFields()).length > Object.keys(a.type.getFields()).length ? b : a));
    const page = (alias: string) => fullPage(widest, alias);
    expect((await post({ query: `{ ${page('a')} }` })).errors?.some((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')).toBeFalsy();
    const r = await post({ query: `{ ${page('a')} ${page('b')} ${page('c')} }` });
    expect(r.data).toBeUndefined();
    expect(r.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(new RegExp(`Cost limit of ${MAX_COST} exceeded`)), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    ]);
  });
});
