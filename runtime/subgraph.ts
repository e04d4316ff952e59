import 'reflect-metadata';
import { loadEnv, loadTopology } from '../platform/env.js';
import { configureProcessLogger } from '../platform/log.js';
import { startTracing } from '../platform/tracing.js';
import { startEmbeddedDatabase } from './embedded-db.js';
import { createSubgraph, type SubgraphModule } from '../subgraphs/kit/server/subgraph.js';
import { SUBGRAPH_NAMES, type SubgraphName } from '../schema/topology.js';
import { subgraphSettingsOf } from '../subgraphs/kit/server/settings.js';
import { MODULES } from './modules.js';

/**
 * One subgraph as its own process (the production shape): `node dist/runtime/subgraph.js
 * <catalog|sharing|opening|operation>`. NODE_ID picks the node in the topology, DATABASE_URL its
 * database (embedded PGlite under DATA_DIR when absent), and the port comes from PORT or the
 * topology's URL for this subgraph.
 */
async function runSubgraphProcess(mod: SubgraphModule): Promise<void> {
  const env = loadEnv();
  const logger = await configureProcessLogger({ level: env.logLevel, pretty: env.logPretty });
  const topology = loadTopology(env.topologyFile);
  const node = topology.nodes.find((n) => n.id === env.nodeId);
  if (!node) throw new Error(`NODE_ID must name a node of ${env.topologyFile} (one of: ${topology.nodes.map((n) => n.id).join(', ')})`);
  // Before the ORM starts: knex requires pg then, and the pg instrumentation patches it as it loads.
  const tracing = startTracing({ endpoint: env.otlpEndpoint, serviceName: env.otelServiceName ?? `pdf-${mod.name}-${node.id}` });
  const embedded = env.databaseUrl ? undefined : await startEmbeddedDatabase(`${env.dataDir}/${node.id}/${mod.name}`);
  const running = await createSubgraph(mod, {
    node,
    topology,
    settings: subgraphSettingsOf(env),
    databaseUrl: env.databaseUrl ?? embedded!.url,
    poolMax: embedded ? 1 : undefined,
    port: env.port ?? Number(new URL(node.subgraphs[mod.name]).port),
    logger,
    modules: Object.values(MODULES),
  });
  logger.info({ service: mod.name, node: node.id, url: running.url }, 'subgraph listening');
  const stop = async () => {
    await running.stop();
    await embedded?.stop();
    await tracing?.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const name = process.argv[2] as SubgraphName | undefined;
if (!name || !SUBGRAPH_NAMES.includes(name)) {
  console.error(`usage: node dist/runtime/subgraph.js <${SUBGRAPH_NAMES.join('|')}>`);
  process.exit(2);
}
await runSubgraphProcess(MODULES[name]);
