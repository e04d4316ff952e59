import type { NodeConfig, SubgraphName, Topology } from '../schema/topology.js';
import type { SubgraphSettings } from '../subgraphs/kit/server/settings.js';
import { createSubgraph, type RunningSubgraph } from '../subgraphs/kit/server/subgraph.js';
import { MODULES } from './modules.js';

export interface NodeOptions {
  node: NodeConfig;
  /** Every node of the federation, `node` among them (the same object); this node alone when absent. */
  topology?: Topology;
  /** What each of the node's subgraphs is given (kit/server/settings.ts). */
  settings: SubgraphSettings;
  databaseUrls: Record<SubgraphName, string>;
  poolMax?: number;
  /** Port per subgraph; 0 or absent picks a free one and writes the URL back into `node`. */
  ports?: Partial<Record<SubgraphName, number>>;
  onQuery?: (subgraph: SubgraphName, sql: string) => void;
}

export interface RunningNode {
  node: NodeConfig;
  subgraphs: Partial<Record<SubgraphName, RunningSubgraph>>;
  /** Stops one subgraph (as if its process ended); its database stays. Absent for a node in a child process. */
  stopSubgraph?(name: SubgraphName): Promise<void>;
  /** Starts a stopped subgraph again on the same database and port, as a restarted process would. */
  startSubgraph?(name: SubgraphName): Promise<RunningSubgraph>;
  /** Brings every subgraph's table statistics up to date (kit/server/statistics.ts): call it when a bulk load ends. */
  refreshStatistics(): Promise<void>;
  stop(): Promise<void>;
}

/** Runs the subgraphs of one node in this process (the demo and tests; production runs each alone). */
export async function startNode(opts: NodeOptions): Promise<RunningNode> {
  const subgraphs: Partial<Record<SubgraphName, RunningSubgraph>> = {};
  const start = async (name: SubgraphName, port: number | undefined) => {
    const running = await createSubgraph(MODULES[name], {
      node: opts.node,
      topology: opts.topology,
      settings: opts.settings,
      databaseUrl: opts.databaseUrls[name],
      poolMax: opts.poolMax,
      port,
      onQuery: opts.onQuery ? (sql) => opts.onQuery!(name, sql) : undefined,
      modules: Object.values(MODULES),
    });
    subgraphs[name] = running;
    opts.node.subgraphs[name] = running.url;
    return running;
  };
  for (const name of Object.keys(MODULES) as SubgraphName[]) await start(name, opts.ports?.[name]);
  return {
    node: opts.node,
    subgraphs,
    async stopSubgraph(name) {
      const running = subgraphs[name];
      delete subgraphs[name];
      await running?.stop();
    },
    startSubgraph(name) {
      if (subgraphs[name]) throw new Error(`${name} is already running`);
      return start(name, Number(new URL(opts.node.subgraphs[name]).port));
    },
    async refreshStatistics() {
      await Promise.all(Object.values(subgraphs).map((s) => s!.refreshStatistics()));
    },
    async stop() {
      await Promise.all(Object.values(subgraphs).map((s) => s!.stop()));
    },
  };
}
