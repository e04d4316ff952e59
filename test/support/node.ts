import type { Actor } from '../../schema/auth.js';
import type { NodeConfig, SubgraphName } from '../../schema/topology.js';
import { startNode } from '../../subgraphs/node.js';
import { provisionTestDatabases, TEST_AUDIT_SECRET, TEST_SECRET } from './env.js';
import { callSubgraph } from './subgraph-client.js';

export function nodeConfig(id: string, regions: string[], parent: string | null = null): NodeConfig {
  const placeholder = 'http://127.0.0.1:1/graphql';
  return {
    id, name: id, regions, parent, profiles: ['L', 'Z', 'B', 'D', 'J'],
    subgraphs: { catalog: placeholder, sharing: placeholder, opening: placeholder, operation: placeholder },
  };
}

export const authority = (region: string, orgId: string | null = null): Actor => ({ sub: `authority-${region}`, orgId, region, roles: ['AUTHORITY'] });
export const agency = (orgId: string, region: string): Actor => ({ sub: `staff-${orgId}`, orgId, region, roles: ['AGENCY'] });

/** One node with its four subgraphs on fresh databases, for subgraph-level tests. */
export async function startTestNode(label: string, node: NodeConfig, onQuery?: (subgraph: SubgraphName, sql: string) => void) {
  const dbs = await provisionTestDatabases(label);
  const running = await startNode({ node, databaseUrls: dbs.urls, poolMax: dbs.poolMax, internalSecret: TEST_SECRET, auditSecret: TEST_AUDIT_SECRET, onQuery });
  return {
    node,
    running,
    call: <T = Record<string, any>>(subgraph: SubgraphName, actor: Actor, query: string, variables?: Record<string, unknown>) =>
      callSubgraph<T>(node.subgraphs[subgraph], { subgraph, node: node.id }, actor, query, variables),
    async stop() {
      await running.stop();
      await dbs.stop();
    },
  };
}
