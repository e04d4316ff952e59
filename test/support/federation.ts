import { randomBytes } from 'node:crypto';
import type { Actor } from '../../schema/auth.js';
import { loadTopology } from '../../platform/env.js';
import { schemaFile } from '../../platform/paths.js';
import { type FederationOptions, startFederation } from '../../runtime/federation.js';
import { gatewayRequest } from '../../seeds/seed.js';
import { embeddedImages, TEST_DATABASE_URL, TEST_JWT_SECRET, TEST_SERVER_POOL_MAX, TEST_SETTINGS } from './env.js';
import type { Call } from './catalog-fixtures.js';
import type { GqlResult } from './subgraph-client.js';
import type { SubgraphSettings } from '../../subgraphs/kit/server/settings.js';

/**
 * The demo's three-node topology on free ports and fresh databases, with the gateway in front. The
 * default node timeout leaves a healthy node on a loaded machine time to answer (a test file's
 * embedded databases all run on one thread); a test of a node that does not answer in time sets
 * its own.
 */
export async function startTestFederation(
  label: string,
  nodeTimeoutMs = 10_000,
  options: Pick<FederationOptions, 'playgroundHeaders' | 'onQuery' | 'auditAnchorIntervalMs' | 'publicBaseUrl' | 'health'> & {
    eventPollMs?: number;
    databaseLimits?: SubgraphSettings['databaseLimits'];
  } = {},
) {
  const { eventPollMs, databaseLimits, ...rest } = options;
  const topology = loadTopology(schemaFile('../seeds/topology.demo.json'));
  const federation = await startFederation({
    topology,
    serverUrl: TEST_DATABASE_URL,
    databasePrefix: `t_${label}_${randomBytes(3).toString('hex')}_`,
    dropDatabasesOnStop: true,
    settings: eventPollMs === undefined && !databaseLimits ? TEST_SETTINGS : { ...TEST_SETTINGS, eventPollMs, databaseLimits },
    jwtSecret: TEST_JWT_SECRET,
    nodeTimeoutMs,
    databaseImages: await embeddedImages({ migrated: true }),
    serverPoolMax: TEST_SERVER_POOL_MAX,
    ...rest,
  });
  const gql = async <T = Record<string, any>>(actor: Actor | null, query: string, variables: Record<string, unknown> = {}) =>
    (await gatewayRequest(federation.gateway.url, TEST_JWT_SECRET, actor, query, variables)) as GqlResult<T> & { status: number };
  /** The same calls in the shape the catalog fixtures take: through the gateway the subgraph is the router's business. */
  const call: Call = (_subgraph, actor, query, variables) => gql(actor, query, variables);
  /** The data of a request that must succeed: any error fails the test, naming it. */
  const must = async <T = Record<string, any>>(actor: Actor | null, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const r = await gql<T>(actor, query, variables);
    if (r.errors?.length) throw new Error(`expected no errors, got ${JSON.stringify(r.errors)}`);
    return r.data as T;
  };
  return { federation, gql, call, must };
}
