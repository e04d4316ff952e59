import { randomBytes } from 'node:crypto';
import type { Actor } from '../../schema/auth.js';
import { loadTopology } from '../../platform/env.js';
import { schemaFile } from '../../platform/paths.js';
import { type FederationOptions, startFederation } from '../../runtime/federation.js';
import { gatewayRequest } from '../../seeds/seed.js';
import { TEST_DATABASE_URL, TEST_JWT_SECRET, TEST_SETTINGS } from './env.js';
import type { Call } from './catalog-fixtures.js';
import type { GqlResult } from './subgraph-client.js';

/** The demo's three-node topology on free ports and fresh databases, with the gateway in front. */
export async function startTestFederation(label: string, nodeTimeoutMs = 3000, gateway: Pick<FederationOptions, 'playgroundHeaders'> = {}) {
  const topology = loadTopology(schemaFile('../seeds/topology.demo.json'));
  const federation = await startFederation({
    topology,
    serverUrl: TEST_DATABASE_URL,
    databasePrefix: `t_${label}_${randomBytes(3).toString('hex')}_`,
    dropDatabasesOnStop: true,
    settings: TEST_SETTINGS,
    jwtSecret: TEST_JWT_SECRET,
    nodeTimeoutMs,
    ...gateway,
  });
  const gql = async <T = Record<string, any>>(actor: Actor | null, query: string, variables: Record<string, unknown> = {}) =>
    (await gatewayRequest(federation.gateway.url, TEST_JWT_SECRET, actor, query, variables)) as GqlResult<T> & { status: number };
  /** The same calls in the shape the catalog fixtures take: through the gateway the subgraph is the router's business. */
  const call: Call = (_subgraph, actor, query, variables) => gql(actor, query, variables);
  return { federation, gql, call };
}
