import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Actor } from '../schema/auth.js';
import { loadTopology } from '../platform/env.js';
import { createLogger } from '../platform/log.js';
import { schemaFile, SUPERGRAPH_FILE } from '../platform/paths.js';
import { mintToken } from './auth.js';
import { createGateway, type RunningGateway } from './server.js';

/** The gateway alone: CORS and the rate limit answer before any node would be asked. */
const JWT_SECRET = 'http-plumbing-jwt-secret-0123456789abcdef';
const PORTAL = 'https://portal.lishui.gov.cn';
const LIMIT = 3;

const lines: Record<string, any>[] = [];
let gw: RunningGateway;
beforeAll(async () => {
  gw = await createGateway({
    topology: loadTopology(schemaFile('../seeds/topology.demo.json')),
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    jwtSecret: JWT_SECRET,
    internalSecret: 'http-plumbing-internal-secret-0123456789',
    auditSecret: 'http-plumbing-audit-secret-0123456789abc',
    corsOrigins: [PORTAL],
    rateLimit: { max: LIMIT, windowMs: 60_000 },
    logger: createLogger({ destination: { write: (line: string) => void lines.push(JSON.parse(line)) } }),
  });
});
afterAll(async () => gw?.stop());

const authority = (region: string): Actor => ({ sub: `authority-${region}`, orgId: null, region, roles: ['AUTHORITY'] });
const preflight = (origin: string) =>
  fetch(`${gw.url}/graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
  });

describe('CORS: only configured origins may call the API from a browser', () => {
  test('a preflight from a configured origin is allowed, with the headers a GraphQL client sends', async () => {
    const res = await preflight(PORTAL);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });

  test('a preflight from any other origin is refused: no allow-origin, so the browser sends nothing', async () => {
    const res = await preflight('https://evil.example.com');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('the actual request from the configured origin carries the allow-origin header, and exposes the request id and Retry-After to the page [issue 15 item 11]', async () => {
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { origin: PORTAL, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(PORTAL);
    const exposed = res.headers.get('access-control-expose-headers')?.toLowerCase().split(/,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(['x-request-id', 'retry-after']));
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });
});

describe('rate limit per client', () => {
  const ask = async (actor: Actor) =>
    fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await mintToken(actor, JWT_SECRET, '10m')}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  test(`after ${LIMIT} requests one token subject gets 429 with Retry-After, while another subject still passes`, async () => {
    // Each request with a fresh token: the limit follows the subject, not the token's text.
    for (let i = 0; i < LIMIT; i++) expect((await ask(authority('331100'))).status).toBe(200);
    const refused = await ask(authority('331100'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
    const body = (await refused.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(body.errors[0].message).toMatch(/retry after/);
    expect(lines.find((l) => l.requestId === refused.headers.get('x-request-id'))).toMatchObject({ status: 429, actor: 'authority-331100', errors: ['RATE_LIMITED'] });

    expect((await ask(authority('331102'))).status).toBe(200);
  });

  test('health checks are never limited', async () => {
    for (let i = 0; i < LIMIT * 3; i++) expect((await fetch(`${gw.url}/health`)).status).toBe(200);
  });
});
