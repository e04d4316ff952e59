import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createGateway, type RunningGateway } from '../gateway/server.js';
import { SUPERGRAPH_FILE } from '../schema/paths.js';
import type { SubgraphName, Topology } from '../schema/topology.js';
import { provisionNodeDatabases, type NodeDatabases } from './databases.js';
import type { DatabaseLimits } from '../subgraphs/kit/orm.js';
import { startNode, type RunningNode } from './node.js';
import type { NodeProcessCommand, NodeProcessReply, NodeProcessRequest, StatisticsReply } from './node-process.js';

export interface FederationOptions {
  topology: Topology;
  /** A PostgreSQL server: each node gets its own database on it. Absent: embedded PGlite per subgraph. */
  serverUrl?: string;
  /** Database name prefix per node on the server (`<prefix><nodeId>`). */
  databasePrefix: string;
  /** Embedded databases persist under `<dataDir>/<nodeId>/<subgraph>`; absent keeps them in memory. */
  dataDir?: string;
  dropDatabasesOnStop?: boolean;
  internalSecret: string;
  /** Keys the audit chains (nodes) and checks their checkpoints (gateway). */
  auditSecret: string;
  /** Where the gateway appends audit checkpoints (JSON lines); absent: memory only. */
  auditAnchorFile?: string;
  auditAnchorIntervalMs?: number;
  jwtSecret: string;
  /** Use the ports in the topology's URLs (the demo); otherwise free ports are picked. */
  fixedPorts?: boolean;
  gatewayPort?: number;
  host?: string;
  nodeTimeoutMs?: number;
  /** Statement and connection-acquire timeouts of every subgraph's pool; the kit's defaults when absent. */
  databaseLimits?: Partial<DatabaseLimits>;
  playgroundHeaders?: string;
  onQuery?: (nodeId: string, subgraph: SubgraphName, sql: string) => void;
  /**
   * Run each node in a child process (compiled code only), as production runs them apart: then a
   * fan-out to several nodes really computes in parallel. Default: all in this process.
   */
  processPerNode?: boolean;
  /** Serve `GET /metrics` on the gateway and every in-process subgraph (METRICS_ENABLED); default on. */
  metrics?: boolean;
  /** How often each subgraph checks its tables' statistics (STATISTICS_INTERVAL_MS); absent: only at start-up. */
  statisticsIntervalMs?: number;
  /** What each in-process node's new embedded databases start from (runtime/databases.ts); absent: fresh clusters. */
  databaseImages?: Partial<Record<SubgraphName, Blob>>;
  /** How often each in-process node's event consumers poll their source (kit/events.ts); absent: the kit's default. */
  eventPollMs?: number;
}

export interface RunningFederation {
  gateway: RunningGateway;
  topology: Topology;
  nodes: Map<string, RunningNode>;
  /** Each in-process node's databases (not with processPerNode), e.g. to exercise a database outage. */
  databases: Map<string, NodeDatabases>;
  /** Stops one node's subgraphs (its databases stay), to exercise partial failure. */
  stopNode(id: string): Promise<void>;
  /** Brings every subgraph's table statistics up to date (kit/statistics.ts): call it when a bulk load through the API ends. */
  refreshStatistics(): Promise<void>;
  stop(): Promise<void>;
}

const portOf = (url: string) => Number(new URL(url).port);

/** Starts a node in a child process and resolves once its subgraphs listen (their URLs written into `node`). */
function forkNode(req: NodeProcessRequest): Promise<RunningNode> {
  const child = fork(new URL('./node-process.js', import.meta.url), { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`node ${req.node.id} exited with code ${code} before it was ready`)));
    child.once('message', (reply: NodeProcessReply) => {
      if (!reply.ready) return reject(new Error(`node ${req.node.id} failed to start: ${reply.error}`));
      Object.assign(req.node.subgraphs, reply.node.subgraphs);
      child.removeAllListeners('exit');
      const command = (c: NodeProcessCommand) => child.send(c);
      resolve({
        node: req.node,
        subgraphs: {},
        refreshStatistics: () =>
          new Promise<void>((done, fail) => {
            child.once('message', (r: StatisticsReply) => (r.statistics === 'refreshed' ? done() : fail(new Error(`node ${req.node.id}: ${r.error}`))));
            command('refresh-statistics');
          }),
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            command('stop');
          }),
      });
    });
    child.send(req);
  });
}

/** Starts every node of a topology and the gateway in this process: the demo, the tests and the benchmark. */
export async function startFederation(o: FederationOptions): Promise<RunningFederation> {
  const topology: Topology = structuredClone(o.topology);
  const nodes = new Map<string, RunningNode>();
  const databases = new Map<string, NodeDatabases>();
  const stopped = new Set<string>();
  try {
    await Promise.all(
      topology.nodes.map(async (node) => {
        if (o.processPerNode) {
          nodes.set(
            node.id,
            await forkNode({
              node,
              serverUrl: o.serverUrl,
              database: `${o.databasePrefix}${node.id}`,
              dataDir: o.dataDir ? `${o.dataDir}/${node.id}` : undefined,
              dropOnStop: o.dropDatabasesOnStop,
              internalSecret: o.internalSecret,
              auditSecret: o.auditSecret,
              fixedPorts: !!o.fixedPorts,
              host: o.host,
              databaseLimits: o.databaseLimits,
              statisticsIntervalMs: o.statisticsIntervalMs,
            }),
          );
          return;
        }
        const dbs = await provisionNodeDatabases({
          serverUrl: o.serverUrl,
          database: `${o.databasePrefix}${node.id}`,
          dataDir: o.dataDir ? `${o.dataDir}/${node.id}` : undefined,
          dropOnStop: o.dropDatabasesOnStop,
          images: o.databaseImages,
        });
        databases.set(node.id, dbs);
        const ports = o.fixedPorts ? (Object.fromEntries(Object.entries(node.subgraphs).map(([s, url]) => [s, portOf(url)])) as Record<SubgraphName, number>) : undefined;
        nodes.set(
          node.id,
          await startNode({
            node,
            databaseUrls: dbs.urls,
            poolMax: dbs.poolMax,
            databaseLimits: o.databaseLimits,
            internalSecret: o.internalSecret,
            auditSecret: o.auditSecret,
            ports,
            host: o.host,
            onQuery: o.onQuery ? (s, sql) => o.onQuery!(node.id, s, sql) : undefined,
            metrics: o.metrics,
            statisticsIntervalMs: o.statisticsIntervalMs,
            eventPollMs: o.eventPollMs,
          }),
        );
      }),
    );
  } catch (err) {
    await Promise.allSettled([...nodes.values()].map((n) => n.stop()));
    await Promise.allSettled([...databases.values()].map((d) => d.stop()));
    throw err;
  }
  const gateway = await createGateway({
    topology,
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    jwtSecret: o.jwtSecret,
    internalSecret: o.internalSecret,
    auditSecret: o.auditSecret,
    auditAnchorFile: o.auditAnchorFile,
    auditAnchorIntervalMs: o.auditAnchorIntervalMs,
    port: o.gatewayPort,
    host: o.host,
    nodeTimeoutMs: o.nodeTimeoutMs,
    playgroundHeaders: o.playgroundHeaders,
    metrics: o.metrics,
  });
  return {
    gateway,
    topology,
    nodes,
    databases,
    async stopNode(id) {
      if (stopped.has(id)) return;
      stopped.add(id);
      await nodes.get(id)!.stop();
    },
    async refreshStatistics() {
      await Promise.all([...nodes.entries()].filter(([id]) => !stopped.has(id)).map(([, n]) => n.refreshStatistics()));
    },
    async stop() {
      await gateway.stop();
      await Promise.all([...nodes.entries()].filter(([id]) => !stopped.has(id)).map(([, n]) => n.stop()));
      await Promise.all([...databases.values()].map((d) => d.stop()));
    },
  };
}
