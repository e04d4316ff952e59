import { afterEach, expect, jest, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadTopology } from '../platform/env.js';
import { schemaFile, SUPERGRAPH_FILE } from '../platform/paths.js';
import { createGateway } from './server.js';

/** The module through which @apollo/gateway starts its usage reporting to Apollo (and its cloud probes). */
const apolloTelemetry = createRequire(import.meta.url)('@apollo/gateway/dist/utilities/opentelemetry.js') as { createDataCollectionExporter: () => unknown };

const start = () =>
  createGateway({
    topology: loadTopology(schemaFile('../seeds/topology.demo.json')),
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    jwtSecret: 'telemetry-jwt-secret-0123456789abcdef',
    internalSecret: 'telemetry-internal-secret-0123456789',
    auditSecret: 'telemetry-audit-secret-0123456789abcd',
  });

const before = process.env.APOLLO_TELEMETRY_DISABLED;
afterEach(() => {
  jest.restoreAllMocks();
  if (before === undefined) delete process.env.APOLLO_TELEMETRY_DISABLED;
  else process.env.APOLLO_TELEMETRY_DISABLED = before;
});

test("the gateway reports nothing to Apollo's servers unless its operator turns that on [SEC-1, J §28, Z §30]", async () => {
  delete process.env.APOLLO_TELEMETRY_DISABLED;
  const exporter = jest.spyOn(apolloTelemetry, 'createDataCollectionExporter');
  const gw = await start();
  await gw.stop();
  expect(exporter).not.toHaveBeenCalled();
});

test('an operator who sets APOLLO_TELEMETRY_DISABLED=false gets Apollo’s reporting [J §28]', async () => {
  process.env.APOLLO_TELEMETRY_DISABLED = 'false';
  const exporter = jest.spyOn(apolloTelemetry, 'createDataCollectionExporter').mockReturnValue({ shutdown: async () => undefined });
  const gw = await start();
  await gw.stop();
  expect(exporter).toHaveBeenCalledTimes(1);
});
