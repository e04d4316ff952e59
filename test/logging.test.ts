import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ulid } from 'ulid';
import { mintToken } from '../gateway/auth.js';
import type { Actor } from '../schema/auth.js';
import { createLogger, setProcessLogger } from '../platform/log.js';
import { startTestFederation } from './support/federation.js';
import { TEST_JWT_SECRET } from './support/env.js';
import { agency } from './support/node.js';

/**
 * The log lines of real servers (a three-node federation and its gateway), read back from the
 * pino destination every server of this process writes to.
 */
type Line = Record<string, any>;
const lines: Line[] = [];
const raw: string[] = [];
setProcessLogger(
  createLogger({
    level: 'info',
    destination: {
      write: (s: string) => {
        raw.push(s);
        lines.push(JSON.parse(s));
      },
    },
  }),
);

let f: Awaited<ReturnType<typeof startTestFederation>>;
beforeAll(async () => {
  f = await startTestFederation('logs');
});
afterAll(async () => f?.federation.stop());

const staff: Actor = agency(`331100:${ulid()}`);

async function ask(query: string, o: { requestId?: string; actor?: Actor } = {}) {
  const token = await mintToken(o.actor ?? staff, TEST_JWT_SECRET, '10m');
  const res = await fetch(`${f.federation.gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(o.requestId ? { 'x-request-id': o.requestId } : {}) },
    body: JSON.stringify({ query }),
  });
  return { token, requestId: res.headers.get('x-request-id')!, status: res.status, body: (await res.json()) as { data?: any; errors?: { extensions: { code: string } }[] } };
}

/**
 * The request lines of one request id, once the gateway's (written after its answer left) is there;
 * the bound only ends a test whose line never comes.
 */
async function requestLines(requestId: string): Promise<Line[]> {
  const deadline = Date.now() + 30_000;
  while (!lines.some((l) => l.requestId === requestId && l.service === 'gateway' && l.msg === 'request') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return lines.filter((l) => l.requestId === requestId && l.msg === 'request');
}

describe('one JSON line per request, at the gateway and at every subgraph it called', () => {
  test('the same request id, the actor, the operation, the nodes called with their time and outcome; never a token', async () => {
    const r = await ask('query CatalogPage { dataResources(first: 1) { totalCount } }', { requestId: 'portal-7f3a.1' });
    expect(r.status).toBe(200);
    expect(r.requestId).toBe('portal-7f3a.1');
    const mine = await requestLines('portal-7f3a.1');

    const gateway = mine.filter((l) => l.service === 'gateway');
    expect(gateway).toHaveLength(1);
    expect(gateway[0]).toMatchObject({
      level: 30,
      method: 'POST',
      path: '/graphql',
      status: 200,
      actor: staff.sub,
      org: staff.orgId,
      operation: 'CatalogPage',
      operationType: 'query',
    });
    expect(typeof gateway[0].ms).toBe('number');
    expect(gateway[0].errors).toBeUndefined();
    const nodes = gateway[0].nodes as { node: string; subgraph: string; ms: number; outcome: string; status: number }[];
    expect(nodes.map((n) => n.node).sort()).toEqual(['liandu', 'lishui', 'longquan']);
    for (const n of nodes) {
      expect(n).toMatchObject({ subgraph: 'catalog', outcome: 'ok', status: 200 });
      expect(n.ms).toBeGreaterThan(0);
    }

    const subgraphs = mine.filter((l) => l.service === 'catalog');
    expect(subgraphs.map((l) => l.node).sort()).toEqual(['liandu', 'lishui', 'longquan']);
    for (const l of subgraphs) {
      expect(l).toMatchObject({ path: '/graphql', status: 200, actor: staff.sub, org: staff.orgId, operationType: 'query' });
      expect(l.operation).toMatch(/^CatalogPage/);
    }

    // Neither the client's token nor the gateway's signature reaches any line.
    const all = raw.join('');
    expect(all).not.toContain(r.token);
    expect(all).not.toMatch(/bearer|x-internal-auth/i);
  });

  test('a request id that is not short and plain is replaced by one the gateway makes, and still reaches the nodes', async () => {
    const r = await ask('query Regions { dataResources(first: 1, scope: { regionCode: "331102" }) { totalCount } }', { requestId: 'has spaces and "quotes"' });
    expect(r.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const mine = await requestLines(r.requestId);
    expect(mine.map((l) => l.service).sort()).toEqual(['catalog', 'gateway']);
    expect(mine.find((l) => l.service === 'catalog')!.node).toBe('liandu');
  });
});

describe('unexpected errors', () => {
  test('are logged once, with their stack and the request id, and the request line names the outcome', async () => {
    const lishui = f.federation.nodes.get('lishui')!.subgraphs.catalog!;
    // A statement that fails (not an unreachable database): the kind of error only a bug produces.
    await lishui.orm.em.getConnection().execute('alter table "catalog"."data_resource" rename to "data_resource_moved"');
    try {
      const r = await ask('query Broken { dataResources(first: 1, scope: { regionCode: "331100", includeSubRegions: false }) { totalCount } }');
      expect(r.body.errors?.[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      const mine = await requestLines(r.requestId);
      const errors = lines.filter((l) => l.requestId === r.requestId && l.level >= 50);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ service: 'catalog', node: 'lishui', msg: 'unexpected error' });
      expect(errors[0].err.stack).toMatch(/data_resource[\s\S]*\n\s+at /);
      expect(mine.find((l) => l.service === 'catalog')).toMatchObject({ errors: ['INTERNAL_SERVER_ERROR'], operation: expect.stringMatching(/^Broken/) });
      expect(mine.find((l) => l.service === 'gateway')).toMatchObject({
        errors: ['INTERNAL_SERVER_ERROR'],
        nodes: [{ node: 'lishui', outcome: 'errors', codes: ['INTERNAL_SERVER_ERROR'] }],
      });
      // The client sees no SQL.
      expect(JSON.stringify(r.body)).not.toContain('data_resource');
    } finally {
      await lishui.orm.em.getConnection().execute('alter table "catalog"."data_resource_moved" rename to "data_resource"');
    }
  });
});
