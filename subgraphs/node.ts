import type { NodeConfig, SubgraphName } from '../schema/topology.js';
import type { DatabaseLimits } from './kit/orm.js';
import { createSubgraph, type RunningSubgraph } from './kit/subgraph.js';
import { MODULES } from './modules.js';

export interface NodeOptions {
  node: NodeConfig;
  databaseUrls: Record<SubgraphName, string>;
  poolMax?: number;
  databaseLimits?: Partial<DatabaseLimits>;
  internalSecret: string;
  /** Port per subgraph; 0 or absent picks a free one and writes the URL back into `node`. */
  ports?: Partial<Record<SubgraphName, number>>;
  host?: string;
  onQuery?: (subgraph: SubgraphName, sql: string) => void;
}

export interface RunningNode {
  node: NodeConfig;
  subgraphs: Partial<Record<SubgraphName, RunningSubgraph>>;
  stop(): Promise<void>;
}

/** Runs the subgraphs of one node in this process (the demo and tests; production runs each alone). */
export async function startNode(opts: NodeOptions): Promise<RunningNode> {
  const subgraphs: Partial<Record<SubgraphName, RunningSubgraph>> = {};
  for (const [name, mod] of Object.entries(MODULES) as [SubgraphName, (typeof MODULES)[SubgraphName]][]) {
    const running = await createSubgraph(mod, {
      node: opts.node,
      databaseUrl: opts.databaseUrls[name],
      poolMax: opts.poolMax,
      databaseLimits: opts.databaseLimits,
      internalSecret: opts.internalSecret,
      port: opts.ports?.[name],
      host: opts.host,
      onQuery: opts.onQuery ? (sql) => opts.onQuery!(name, sql) : undefined,
    });
    subgraphs[name] = running;
    opts.node.subgraphs[name] = running.url;
  }
  return {
    node: opts.node,
    subgraphs,
    async stop() {
      await Promise.all(Object.values(subgraphs).map((s) => s!.stop()));
    },
  };
}
