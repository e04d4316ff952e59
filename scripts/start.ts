import 'reflect-metadata';
import { rmSync } from 'node:fs';
import { DEMO_TOKEN_LIFETIME, mintToken } from '../gateway/auth.js';
import { loadEnv, loadTopology } from '../platform/env.js';
import { configureProcessLogger } from '../platform/log.js';
import { startTracing } from '../platform/tracing.js';
import { seedDemo } from '../seeds/seed.js';
import { DEMO_ORGANIZATIONS } from '../seeds/demo-data.js';
import { startFederation } from '../runtime/federation.js';
import { subgraphSettingsOf } from '../subgraphs/kit/server/settings.js';

/**
 * `npm start`: the demo federation in one process — three nodes (丽水市, 莲都区, 龙泉市), each with
 * its four subgraphs on embedded databases (or on DATABASE_URL's server), and the gateway with
 * the playground. `npm start -- --reset` wipes the embedded data and seeds again.
 */
const env = loadEnv(process.env, { demo: true });
// Every server of the demo logs through this process logger: pretty lines unless LOG_PRETTY=false.
await configureProcessLogger({ level: env.logLevel, pretty: env.logPretty });
if (process.argv.includes('--reset')) {
  rmSync(env.dataDir, { recursive: true, force: true });
  console.log(`reset: removed ${env.dataDir}`);
}
const topology = loadTopology(env.topologyFile);
// Before the nodes' ORMs start: knex requires pg then, and the pg instrumentation patches it as it loads.
const tracing = startTracing({ endpoint: env.otlpEndpoint, serviceName: env.otelServiceName ?? 'pdf-demo' });
const port = env.port ?? 4000;
console.log(env.databaseUrl ? 'starting the demo federation on PostgreSQL …' : `starting the demo federation on embedded PGlite (data in ${env.dataDir}) …`);

const cityAuthority = { sub: 'demo-authority', orgId: null, region: '331100', roles: ['AUTHORITY' as const] };
const federation = await startFederation({
  topology,
  serverUrl: env.databaseUrl,
  databasePrefix: 'pdf_',
  dataDir: env.databaseUrl ? undefined : env.dataDir,
  settings: subgraphSettingsOf(env),
  auditAnchorFile: env.auditAnchorFile,
  auditAnchorIntervalMs: env.auditAnchorIntervalMs,
  jwtSecret: env.jwtSecret,
  fixedPorts: true,
  gatewayPort: port,
  nodeTimeoutMs: env.nodeTimeoutMs,
  health: { probeIntervalMs: env.nodeProbeIntervalMs, probeTimeoutMs: env.nodeProbeTimeoutMs },
  jwtMaxLifetimeMs: env.jwtMaxLifetimeMs,
  publicBaseUrl: env.publicBaseUrl,
  playgroundHeaders: JSON.stringify({ Authorization: `Bearer ${await mintToken(cityAuthority, env.jwtSecret, DEMO_TOKEN_LIFETIME)}` }, null, 2),
});

const seeded = await seedDemo(federation.gateway.url, env.jwtSecret, (m) => console.log(`  ${m}`), { topology: federation.topology, internalSecret: env.internalSecret });
if (!seeded.seeded) console.log('  demo data already present (use `npm start -- --reset` to start over)');
// The seed is a bulk load through the API: the first searches should not wait for the periodic check.
else await federation.refreshStatistics();

const amr = DEMO_ORGANIZATIONS.find((o) => o.key === 'lishui-amr')!;
const amrId = seeded.organizations.get(amr.key);
console.log(`
公共数据联邦已启动 / the federation is up
  playground:  ${federation.gateway.url}/playground
  GraphQL:     ${federation.gateway.url}/graphql
  health:      ${federation.gateway.url}/health
  nodes:       ${topology.nodes.map((n) => `${n.name} (${n.regions.join(',')})`).join('; ')}

The playground's Headers tab holds a token of the 丽水市 data authority (valid ${DEMO_TOKEN_LIFETIME}; restart for a new one),
served only while the gateway listens on loopback (HOST=${env.host}).
Anonymous callers (no Authorization header) see the open catalog only.
Other tokens: npm run token -- --roles AGENCY --region 331100 --org <organization id>${amrId ? `\n  e.g. ${amr.name}: npm run token -- --roles AGENCY --region 331100 --org ${amrId}` : ''}
`);

const shutdown = async () => {
  await federation.stop();
  await tracing?.shutdown();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
