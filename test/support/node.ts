import type { Actor } from '../../schema/auth.js';
import { regionOf } from '../../schema/ids.js';
import type { NodeConfig, SubgraphName } from '../../schema/topology.js';
import { startNode } from '../../runtime/node.js';
import { catalogModule } from '../../subgraphs/catalog/index.js';
import { createSubgraph, type SubgraphOptions } from '../../subgraphs/kit/server/subgraph.js';
import { provisionTestDatabases, TEST_SETTINGS } from './env.js';
import { type Call, callSubgraph } from './subgraph-client.js';

export function nodeConfig(id: string, regions: string[], parent: string | null = null): NodeConfig {
  const placeholder = 'http://127.0.0.1:1/graphql';
  return {
    id,
    name: id,
    regions,
    parent,
    profiles: ['L', 'Z', 'B', 'D', 'J'],
    subgraphs: { catalog: placeholder, sharing: placeholder, opening: placeholder, operation: placeholder },
  };
}

/** The gateway refuses a token whose organization is not in its region: test actors are built the same way. */
function inRegion(orgId: string | null, region: string): void {
  const own = orgId === null ? null : regionOf(orgId);
  if (own !== null && own !== region) throw new Error(`test actor: organization ${orgId} is in ${own}, not in ${region}`);
}

export const authority = (region: string, orgId: string | null = null): Actor => {
  inRegion(orgId, region);
  return { sub: `authority-${region}`, orgId, region, roles: ['AUTHORITY'] };
};
/** Staff of an organization; the region is the organization's own unless given (and then it must agree). */
export const agency = (orgId: string, region: string = regionOf(orgId) ?? ''): Actor => {
  inRegion(orgId, region);
  return { sub: `staff-${orgId}`, orgId, region, roles: ['AGENCY'] };
};

/**
 * Statements a subgraph sends whatever request a test measures: sibling consumers poll the
 * catalog's outbox every second, and the gateway asks each subgraph whether it is ready
 * (kit/readiness.ts). Statement counts are about the request, so these stay out of them.
 */
export const isBackgroundStatement = (sql: string) =>
  /"(outbox_event|outbox_consumer|event_receipt)"|\b(outbox_event|outbox_consumer|event_receipt)\b/.test(sql) || /^\[query\] select 1 \[/.test(sql);

/** One node with its four subgraphs on fresh databases, for subgraph-level tests. */
export async function startTestNode(label: string, node: NodeConfig, onQuery?: (subgraph: SubgraphName, sql: string) => void) {
  const dbs = await provisionTestDatabases(label, { migrated: true });
  const counted =
    onQuery &&
    ((subgraph: SubgraphName, sql: string) => {
      if (!isBackgroundStatement(sql)) onQuery(subgraph, sql);
    });
  const running = await startNode({ node, settings: TEST_SETTINGS, databaseUrls: dbs.urls, poolMax: dbs.poolMax, onQuery: counted });
  return {
    node,
    running,
    /** The node's databases, e.g. to exercise an outage. */
    dbs,
    call: <T = Record<string, any>>(subgraph: SubgraphName, actor: Actor, query: string, variables?: Record<string, unknown>) =>
      callSubgraph<T>(node.subgraphs[subgraph], { subgraph, node: node.id }, actor, query, variables),
    async stop() {
      await running.stop();
      await dbs.stop();
    },
  };
}

/** Calls `node`'s subgraphs signed as the gateway signs, at the URLs its config holds now. */
export const callerOf =
  (node: NodeConfig): Call =>
  (subgraph, actor, query, variables) =>
    callSubgraph(node.subgraphs[subgraph], { subgraph, node: node.id }, actor, query, variables);

/**
 * The catalog subgraph alone on `node`'s test databases, for tests that load rows in bulk or read
 * its ORM; `node.subgraphs.catalog` is pointed at it.
 */
export async function startCatalog(node: NodeConfig, dbs: Awaited<ReturnType<typeof provisionTestDatabases>>, extra: Partial<SubgraphOptions> = {}) {
  const sub = await createSubgraph(catalogModule, {
    node,
    settings: { ...TEST_SETTINGS, metrics: false },
    databaseUrl: dbs.urls.catalog,
    poolMax: dbs.poolMax,
    ...extra,
  });
  node.subgraphs.catalog = sub.url;
  return sub;
}
