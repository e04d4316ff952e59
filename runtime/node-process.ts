import 'reflect-metadata';
import type { NodeConfig, Topology } from '../schema/topology.js';
import { provisionNodeDatabases } from './databases.js';
import type { SubgraphSettings } from '../subgraphs/kit/server/settings.js';
import { startNode } from './node.js';

/** What the parent sends a forked node (runtime/federation.ts, processPerNode). */
export interface NodeProcessRequest {
  node: NodeConfig;
  /** Every node, `node` among them; other nodes' URLs may still be placeholders (see TopologyUpdate). */
  topology: Topology;
  settings: SubgraphSettings;
  serverUrl?: string;
  database: string;
  dataDir?: string;
  dropOnStop?: boolean;
  fixedPorts: boolean;
}

export type NodeProcessReply = { ready: true; node: NodeConfig } | { ready: false; error: string };

/** What the parent sends a running node: stop, or bring the statistics up to date (answered with `StatisticsReply`). */
export type NodeProcessCommand = 'stop' | 'refresh-statistics';
export type StatisticsReply = { statistics: 'refreshed' } | { statistics: 'failed'; error: string };
/** The federation's URLs, sent once every node listens: this node's subgraphs then reach the others. */
export type TopologyUpdate = { topology: Topology };

/**
 * One node in a process of its own, as in production: its subgraphs, and for PGlite its database
 * engines, then run on their own thread instead of sharing one with every other node.
 */
process.once('message', async (req: NodeProcessRequest) => {
  try {
    const dbs = await provisionNodeDatabases({ serverUrl: req.serverUrl, database: req.database, dataDir: req.dataDir, dropOnStop: req.dropOnStop });
    // The node is the topology's own object, so URLs written into either are seen by both.
    const node = req.topology.nodes.find((n) => n.id === req.node.id)!;
    const ports = req.fixedPorts ? Object.fromEntries(Object.entries(node.subgraphs).map(([s, url]) => [s, Number(new URL(url).port)])) : undefined;
    const running = await startNode({
      node,
      topology: req.topology,
      settings: req.settings,
      databaseUrls: dbs.urls,
      poolMax: dbs.poolMax,
      ports,
    });
    process.on('message', async (msg: NodeProcessCommand | TopologyUpdate) => {
      if (typeof msg === 'object' && msg !== null && 'topology' in msg) {
        for (const other of msg.topology.nodes) if (other.id !== node.id) Object.assign(req.topology.nodes.find((n) => n.id === other.id)!.subgraphs, other.subgraphs);
        return;
      }
      if (msg === 'refresh-statistics') {
        const reply: StatisticsReply = await running.refreshStatistics().then(
          () => ({ statistics: 'refreshed' as const }),
          (err: Error) => ({ statistics: 'failed' as const, error: err.message }),
        );
        process.send!(reply);
        return;
      }
      if (msg !== 'stop') return;
      await running.stop();
      await dbs.stop();
      process.exit(0);
    });
    process.send!({ ready: true, node: running.node } satisfies NodeProcessReply);
  } catch (err) {
    process.send!({ ready: false, error: (err as Error).stack ?? String(err) } satisfies NodeProcessReply);
    process.exit(1);
  }
});
