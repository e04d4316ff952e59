import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import { loadTopology } from '../platform/env.js';
import { MAX_BODY_BYTES } from '../platform/http.js';
import { schemaFile, SUPERGRAPH_FILE } from '../platform/paths.js';
import type { Actor } from '../schema/auth.js';
import { mintToken } from './auth.js';
import { createGateway, type RunningGateway } from './server.js';

/**
 * The gateway alone (no node runs): every request here is refused, or answered, before any node
 * would be asked, which is the point — a wrong request is the client's to fix and says so.
 */
const JWT_SECRET = 'http-status-jwt-secret-0123456789abcdef';
const authority = (region: string): Actor => ({ sub: `authority-${region}`, orgId: null, region, roles: ['AUTHORITY'] });
let gw: RunningGateway;
beforeAll(async () => {
  gw = await createGateway({
    topology: loadTopology(schemaFile('../seeds/topology.demo.json')),
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    jwtSecret: JWT_SECRET,
    internalSecret: 'http-status-internal-secret-0123456789',
    auditSecret: 'http-status-audit-secret-0123456789abcd',
    nodeTimeoutMs: 300,
  });
});
afterAll(async () => gw?.stop());

const post = async (body: string) => {
  const res = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, body: (await res.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] } };
};
const get = async (search: string) => {
  const res = await fetch(`${gw.url}/graphql?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
  return { status: res.status, body: (await res.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] } };
};
const q = (query: string, extra: Record<string, unknown> = {}) => JSON.stringify({ query, ...extra });

describe('wrong requests get the right HTTP status (issue 7, item 3)', () => {
  test.each([
    ['a syntax error', q('{ regions { ')],
    ['more tokens than the limit', q(`{ ${'__typename '.repeat(3100)} }`)],
    ['a field the schema lacks', q('{ nope }')],
    ['a query deeper than the limit', q('{ regions { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { code } } } } } } } } } } } }')],
    ['too many directives', q(`{ __typename ${'@include(if: true) '.repeat(25)} }`)],
    ['an unknown operationName', q('{ __typename }', { operationName: 'Nope' })],
    ['several operations and no operationName', q('query A { __typename } query B { __typename }')],
    ['a subscription (the graph has none)', q('subscription { x }')],
    ['a variable of the wrong type', q('query($n: Int!) { regions(parentCode: "331100") { code } n: __typename @include(if: $n) }', { variables: { n: 'x' } })],
    ['no query', JSON.stringify({ variables: {} })],
    ['a body that is not JSON', '{nope'],
    ['JSON that is not an object', '"query"'],
  ])('%s → 400 with an error saying what is wrong, in a code of the API (docs/api.md, Errors)', async (_label, body) => {
    const r = await post(body);
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0].message).toBeTruthy();
    expect(['BAD_REQUEST', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']).toContain(r.body.errors?.[0].extensions?.code);
  });

  test.each([
    ['a syntax error', 'query=%7B'],
    ['an unknown operationName', 'query=%7B__typename%7D&operationName=X'],
    ['variables that are not JSON', 'query=%7B__typename%7D&variables=%7Bnope'],
    ['no query', ''],
  ])('GET with %s → 400', async (_label, search) => {
    expect((await get(search)).status).toBe(400);
  });

  test('a valid operation still answers 200', async () => {
    expect(await post(q('{ __typename }'))).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
  });
});

describe('a body over the limit', () => {
  /** One keep-alive socket for every request, as a client's pooled agent would reuse it. */
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  afterAll(() => agent.destroy());

  /** One request on the agent; `socket` is the connection it went over. */
  function request(body: string, { chunked = false } = {}): Promise<{ status: number; connection: string | undefined; socket: Socket; json: any; nosniff: unknown }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (!chunked) headers['content-length'] = String(Buffer.byteLength(body));
      const req = http.request(`${gw.url}/graphql`, { method: 'POST', agent, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, connection: res.headers.connection, socket: req.socket!, json: JSON.parse(text), nosniff: res.headers['x-content-type-options'] }),
        );
      });
      req.on('error', reject);
      if (chunked) {
        // No Content-Length: the limit is found while reading.
        for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.slice(i, i + 64 * 1024));
        req.end();
      } else req.end(body);
    });
  }
  const oversize = q('{ __typename }', { pad: 'x'.repeat(MAX_BODY_BYTES + 10) });

  test.each([
    ['with a Content-Length', false],
    ['sent in chunks', true],
  ])("%s: 413 with a JSON error, and the same client's next request is answered at once", async (_label, chunked) => {
    const refused = await request(oversize, { chunked });
    expect(refused.status).toBe(413);
    expect(refused.nosniff).toBe('nosniff');
    expect(refused.json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(refused.json.errors[0].message).toContain(String(MAX_BODY_BYTES));
    // The refusal closes its connection, so the agent opens a fresh one for the next request instead
    // of sending it on a socket the rest of the body still occupies (which failed with ECONNRESET).
    expect(refused.connection).toBe('close');
    const next = await request(q('{ __typename }'));
    expect(next.status).toBe(200);
    expect(next.json).toEqual({ data: { __typename: 'Query' } });
    expect(next.socket).not.toBe(refused.socket);
  });
});

describe('tokens a client may not use are refused with 401 [issue 15 item 7]', () => {
  const ask = (token: string) =>
    fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
  const refusal = async (res: Response) => {
    expect(res.status).toBe(401);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    return body.errors[0].message;
  };

  test('a token carrying the internal SYSTEM role', async () => {
    expect(await refusal(await ask(await mintToken({ sub: 'intruder', orgId: null, region: null, roles: ['SYSTEM'] }, JWT_SECRET, '10m')))).toMatch(/SYSTEM role/);
  });

  test('a token living longer than the bound (24 h by default)', async () => {
    expect(await refusal(await ask(await mintToken(authority('331100'), JWT_SECRET, '25h')))).toMatch(/lifetime 25 h exceeds the 24 h allowed/);
  });
});

describe('every answer says X-Content-Type-Options: nosniff [issue 15 item 7]', () => {
  test.each([
    ['GraphQL', () => fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) }), 200],
    ['a refused token', () => fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer nope' }, body: '{}' }), 401],
    ['an unknown path', () => fetch(`${gw.url}/nope`), 404],
    ['a body that is not JSON', () => fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' }), 400],
    ['the playground page', () => fetch(`${gw.url}/playground`), 200],
    ['a playground asset', () => fetch(`${gw.url}/playground/assets/graphiql.min.css`), 200],
    ['the health view', () => fetch(`${gw.url}/health`), 200],
    ['the metrics', () => fetch(`${gw.url}/metrics`), 200],
  ])('%s', async (_label, ask, status) => {
    const res = await ask();
    expect(res.status).toBe(status);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    await res.arrayBuffer();
  });

  test('a 404 is a JSON error like the others', async () => {
    expect(await (await fetch(`${gw.url}/nope`)).json()).toEqual({ errors: [{ message: expect.stringContaining('/graphql'), extensions: { code: 'NOT_FOUND' } }] });
  });
});
