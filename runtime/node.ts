import type { NodeConfig, SubgraphName, Topology } from '../schema/topology.js';
import type { DatabaseLimits } from '../subgraphs/kit/server/orm.js';
import { createSubgraph, type RunningSubgraph } from '../subgraphs/kit/server/subgraph.js';
import type { RetentionSettings } from '../subgraphs/kit/server/retention.js';
import { MODULES } from './modules.js';

export interface NodeOptions {
  node: NodeConfig;
  /** Every node of the federation, `node` among them (the same object); this node alone when absent. */
  topology?: Topology;
  databaseUrls: Record<SubgraphName, string>;
  poolMax?: number;
  databaseLimits?: Partial<DatabaseLimits>;
  internalSecret: string;
  auditSecret: string;
  /** Port per subgraph; 0 or absent picks a free one and writes the URL back into `node`. */
  ports?: Partial<Record<SubgraphName, number>>;
  host?: string;
  onQuery?: (subgraph: SubgraphName, sql: string) => void;
  /** How often event consumers poll their source (kit/server/events.ts); default 1 s. */
  eventPollMs?: number;
  /** Serve `GET /metrics` on every subgraph (METRICS_ENABLED); default on. */
  metrics?: boolean;
  /** How often each subgraph checks its tables' statistics (STATISTICS_INTERVAL_MS); absent: only at start-up. */
  statisticsIntervalMs?: number;
  /** What each subgraph keeps how long (kit/server/retention.ts); absent: pruned only when asked. */
  retention?: Partial<RetentionSettings>;
  /** Failures of an event's handler, in a row, before it goes to the dead-letter table (EVENT_MAX_ATTEMPTS). */
  eventMaxAttempts?: number;
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
      databaseUrl: opts.databaseUrls[name],
      poolMax: opts.poolMax,
      databaseLimits: opts.databaseLimits,
      internalSecret: opts.internalSecret,
      auditSecret: opts.auditSecret,
      port,
      host: opts.host,
      onQuery: opts.onQuery ? (sql) => opts.onQuery!(name, sql) : undefined,
      eventPollMs: opts.eventPollMs,
      metrics: opts.metrics,
      statisticsIntervalMs: opts.statisticsIntervalMs,
      modules: Object.values(MODULES),
      retention: opts.retention,
      eventMaxAttempts: opts.eventMaxAttempts,
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
