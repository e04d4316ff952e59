import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { NodeHealthOptions } from '../gateway/health.js';
import { createGateway, type RunningGateway } from '../gateway/server.js';
import { SUPERGRAPH_FILE } from '../platform/paths.js';
import type { SubgraphName, Topology } from '../schema/topology.js';
import { provisionNodeDatabases, type NodeDatabases } from './databases.js';
import type { SubgraphSettings } from '../subgraphs/kit/server/settings.js';
import { startNode, type RunningNode } from './node.js';
import type { NodeProcessCommand, NodeProcessReply, NodeProcessRequest, StatisticsReply, TopologyUpdate } from './node-process.js';

export interface FederationOptions {
  topology: Topology;
  /** A PostgreSQL server: each node gets its own database on it. Absent: embedded PGlite per subgraph. */
  serverUrl?: string;
  /** Database name prefix per node on the server (`<prefix><nodeId>`). */
  databasePrefix: string;
  /** Embedded databases persist under `<dataDir>/<nodeId>/<subgraph>`; absent keeps them in memory. */
  dataDir?: string;
  dropDatabasesOnStop?: boolean;
  /**
   * What every subgraph of every node is given (kit/server/settings.ts). The gateway shares its
   * secrets (it signs requests and checks the audit checkpoints), its host and its metrics switch.
   */
  settings: SubgraphSettings;
  /** Where the gateway appends audit checkpoints (JSON lines); absent: memory only. */
  auditAnchorFile?: string;
  auditAnchorIntervalMs?: number;
  jwtSecret: string;
  /** Use the ports in the topology's URLs (the demo); otherwise free ports are picked. */
  fixedPorts?: boolean;
  gatewayPort?: number;
  nodeTimeoutMs?: number;
  /** The gateway's readiness probing of every node service; its defaults when absent. */
  health?: NodeHealthOptions;
  /** Longest client token lifetime the gateway accepts; its default (24 h) when absent. */
  jwtMaxLifetimeMs?: number;
  playgroundHeaders?: string;
  /** Base of the open catalog export's IRIs (PUBLIC_BASE_URL); the gateway's own URL when absent. */
  publicBaseUrl?: string;
  onQuery?: (nodeId: string, subgraph: SubgraphName, sql: string) => void;
  /**
   * Run each node in a child process (compiled code only), as production runs them apart: then a
   * fan-out to several nodes really computes in parallel. Default: all in this process.
   */
  processPerNode?: boolean;
  /** What each in-process node's new embedded databases start from (runtime/databases.ts); absent: fresh clusters. */
  databaseImages?: Partial<Record<SubgraphName, Blob>>;
  /** Connections each in-process subgraph's pool may open on the server (default 10). */
  serverPoolMax?: number;
}

export interface RunningFederation {
  gateway: RunningGateway;
  topology: Topology;
  nodes: Map<string, RunningNode>;
  /** Each in-process node's databases (not with processPerNode), e.g. to exercise a database outage. */
  databases: Map<string, NodeDatabases>;
  /** Stops one node's subgraphs (its databases stay), to exercise partial failure. */
  stopNode(id: string): Promise<void>;
  /** Brings every subgraph's table statistics up to date (kit/server/statistics.ts): call it when a bulk load through the API ends. */
  refreshStatistics(): Promise<void>;
  stop(): Promise<void>;
}

const portOf = (url: string) => Number(new URL(url).port);

/** A node in a child process: told the federation's URLs once every node listens. */
type ForkedNode = RunningNode & { tellTopology?(topology: Topology): void };

/** Starts a node in a child process and resolves once its subgraphs listen (their URLs written into `node`). */
function forkNode(req: NodeProcessRequest): Promise<ForkedNode> {
  const child = fork(new URL('./node-process.js', import.meta.url), { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`node ${req.node.id} exited with code ${code} before it was ready`)));
    child.once('message', (reply: NodeProcessReply) => {
      if (!reply.ready) return reject(new Error(`node ${req.node.id} failed to start: ${reply.error}`));
      Object.assign(req.node.subgraphs, reply.node.subgraphs);
      child.removeAllListeners('exit');
      const command = (c: NodeProcessCommand | TopologyUpdate) => child.send(c);
      resolve({
        node: req.node,
        tellTopology: (topology) => command({ topology }),
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
              topology,
              settings: o.settings,
              serverUrl: o.serverUrl,
              database: `${o.databasePrefix}${node.id}`,
              dataDir: o.dataDir ? `${o.dataDir}/${node.id}` : undefined,
              dropOnStop: o.dropDatabasesOnStop,
              fixedPorts: !!o.fixedPorts,
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
          serverPoolMax: o.serverPoolMax,
        });
        databases.set(node.id, dbs);
        const ports = o.fixedPorts ? (Object.fromEntries(Object.entries(node.subgraphs).map(([s, url]) => [s, portOf(url)])) as Record<SubgraphName, number>) : undefined;
        nodes.set(
          node.id,
          await startNode({
            node,
            topology,
            settings: o.settings,
            databaseUrls: dbs.urls,
            poolMax: dbs.poolMax,
            ports,
            onQuery: o.onQuery ? (s, sql) => o.onQuery!(node.id, s, sql) : undefined,
          }),
        );
      }),
    );
    // A node in a process of its own learned the others' URLs only now that all of them listen.
    for (const n of nodes.values()) (n as ForkedNode).tellTopology?.(topology);
  } catch (err) {
    await Promise.allSettled([...nodes.values()].map((n) => n.stop()));
    await Promise.allSettled([...databases.values()].map((d) => d.stop()));
    throw err;
  }
  const gateway = await createGateway({
    topology,
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    jwtSecret: o.jwtSecret,
    internalSecret: o.settings.internalSecret,
    auditSecret: o.settings.auditSecret,
    auditAnchorFile: o.auditAnchorFile,
    auditAnchorIntervalMs: o.auditAnchorIntervalMs,
    port: o.gatewayPort,
    host: o.settings.host,
    nodeTimeoutMs: o.nodeTimeoutMs,
    health: o.health,
    jwtMaxLifetimeMs: o.jwtMaxLifetimeMs,
    playgroundHeaders: o.playgroundHeaders,
    publicBaseUrl: o.publicBaseUrl,
    metrics: o.settings.metrics,
    transferMaxBytes: o.settings.dataUploadMaxBytes,
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
