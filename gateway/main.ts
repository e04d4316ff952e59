import { readFileSync } from 'node:fs';
import { loadEnv, loadTopology } from '../platform/env.js';
import { configureProcessLogger } from '../platform/log.js';
import { SUPERGRAPH_FILE } from '../platform/paths.js';
import { startTracing } from '../platform/tracing.js';
import { createGateway } from './server.js';

/** The gateway as its own process: TOPOLOGY_FILE, JWT_SECRET, INTERNAL_SECRET, PORT (4000). */
const env = loadEnv();
const logger = await configureProcessLogger({ level: env.logLevel, pretty: env.logPretty });
const tracing = startTracing({ endpoint: env.otlpEndpoint, serviceName: env.otelServiceName ?? 'pdf-gateway' });
const gateway = await createGateway({
  topology: loadTopology(env.topologyFile),
  supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
  jwtSecret: env.jwtSecret,
  internalSecret: env.internalSecret,
  auditSecret: env.auditSecret,
  auditAnchorFile: env.auditAnchorFile,
  auditAnchorIntervalMs: env.auditAnchorIntervalMs,
  port: env.port ?? 4000,
  host: env.host,
  nodeTimeoutMs: env.nodeTimeoutMs,
  health: { probeIntervalMs: env.nodeProbeIntervalMs, probeTimeoutMs: env.nodeProbeTimeoutMs },
  jwtMaxLifetimeMs: env.jwtMaxLifetimeMs,
  corsOrigins: env.corsOrigins,
  rateLimit: env.rateLimitMax > 0 ? { max: env.rateLimitMax, windowMs: env.rateLimitWindowMs } : undefined,
  logger,
  metrics: env.metricsEnabled,
  publicBaseUrl: env.publicBaseUrl,
  transferMaxBytes: env.dataUploadMaxBytes,
});
logger.info({ url: gateway.url, playground: `${gateway.url}/playground` }, 'gateway listening');
const stop = async () => {
  await gateway.stop();
  await tracing?.shutdown();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
