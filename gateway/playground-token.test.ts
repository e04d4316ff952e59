import { afterAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { decodeJwt } from 'jose';
import { loadTopology } from '../platform/env.js';
import { schemaFile } from '../platform/paths.js';
import { DEMO_TOKEN_LIFETIME, mintToken } from './auth.js';
import { createGateway, isLoopbackHost, type RunningGateway } from './server.js';

const HEADERS = JSON.stringify({ Authorization: 'Bearer demo-authority-token' });
const running: RunningGateway[] = [];
afterAll(async () => {
  for (const g of running) await g.stop();
});

async function playgroundOn(host: string): Promise<string> {
  const gateway = await createGateway({
    topology: loadTopology(schemaFile('../seeds/topology.demo.json')),
    supergraphSdl: readFileSync(schemaFile('supergraph.graphql'), 'utf8'),
    jwtSecret: 'x'.repeat(32),
    internalSecret: 'y'.repeat(32),
    auditSecret: 'z'.repeat(32),
    host,
    playgroundHeaders: HEADERS,
  });
  running.push(gateway);
  const port = new URL(gateway.url).port;
  return (await fetch(`http://127.0.0.1:${port}/playground`)).text();
}

describe("the playground's demo token", () => {
  test('is embedded when the gateway listens on loopback only', async () => {
    expect(await playgroundOn('127.0.0.1')).toContain('demo-authority-token');
  });

  test('is left out when the gateway listens on every interface', async () => {
    const html = await playgroundOn('0.0.0.0');
    expect(html).toContain('graphiql');
    expect(html).not.toContain('demo-authority-token');
  });

  test('loopback means this machine only', () => {
    for (const h of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.10', 'gateway.example.org', '127.0.0.1.example.org']) expect(isLoopbackHost(h)).toBe(false);
  });

  test('lives hours, not days', async () => {
    const claims = decodeJwt(await mintToken({ sub: 'demo-authority', orgId: null, region: '331100', roles: ['AUTHORITY'] }, 'x'.repeat(32), DEMO_TOKEN_LIFETIME));
    const lifetime = claims.exp! - claims.iat!;
    expect(lifetime).toBeGreaterThan(3600);
    expect(lifetime).toBeLessThanOrEqual(12 * 3600);
  });
});
