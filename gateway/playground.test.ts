import { describe, test, expect, beforeAll, afterAll } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { fastify, type FastifyInstance } from 'fastify';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { playground, toScriptJson, DEFAULT_TITLE, type PlaygroundOptions } from './playground.js';
import { EXAMPLE_OPERATIONS } from './playground-examples.js';

const ASSETS: [file: string, pkg: string, path: string, contentType: string][] = [
  ['react.production.min.js', 'react', 'umd/react.production.min.js', 'text/javascript; charset=utf-8'],
  ['react-dom.production.min.js', 'react-dom', 'umd/react-dom.production.min.js', 'text/javascript; charset=utf-8'],
  ['graphiql.min.js', 'graphiql', 'graphiql.min.js', 'text/javascript; charset=utf-8'],
  ['graphiql.min.css', 'graphiql', 'graphiql.min.css', 'text/css; charset=utf-8'],
];

const require = createRequire(import.meta.url);
const onDisk = (pkg: string, path: string) => readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), path));

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** node:http rather than fetch, which would negotiate and undo gzip behind the test's back. */
function get(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    // A raw path, so that dot segments reach the server instead of being resolved by URL parsing.
    const req = request({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The playground plugin on a server of its own, as the gateway registers it; `onRequest` sees every request. */
async function serve(options: PlaygroundOptions, onRequest?: (method: string, url: string) => void): Promise<{ app: FastifyInstance; base: string }> {
  const app = fastify();
  if (onRequest) app.addHook('onRequest', async (req) => onRequest(req.method, req.url));
  await app.register(playground, options);
  app.post('/graphql', async () => ({ errors: [{ message: 'no schema in this test' }] }));
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base };
}

function inlineScript(html: string): string {
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
  expect(scripts).toHaveLength(1);
  return scripts[0]![1]!;
}

interface CapturedRender {
  fetcherOptions: unknown;
  rootId: unknown;
  component: unknown;
  props: Record<string, unknown>;
}

/** Runs the page's inline script against stand-ins for the UMD globals to see exactly what GraphiQL receives. */
function runInlineScript(html: string): CapturedRender {
  const captured: Partial<CapturedRender> = {};
  const GraphiQL = Object.assign(() => null, {
    createFetcher: (options: unknown) => {
      captured.fetcherOptions = options;
      return 'the-fetcher';
    },
  });
  runInNewContext(inlineScript(html), {
    GraphiQL,
    React: {
      createElement: (component: unknown, props: Record<string, unknown>) => {
        captured.component = component;
        captured.props = props;
        return 'element';
      },
    },
    ReactDOM: { createRoot: () => ({ render: () => undefined }) },
    document: {
      getElementById: (id: string) => {
        captured.rootId = id;
        return {};
      },
    },
  });
  expect(captured.component).toBe(GraphiQL);
  return captured as CapturedRender;
}

describe('GraphiQL playground', () => {
  let app: FastifyInstance;
  let base: string;
  const others: FastifyInstance[] = [];

  beforeAll(async () => {
    ({ app, base } = await serve({ endpoint: '/graphql', defaultHeaders: '{"Authorization":"Bearer test"}' }));
  });

  afterAll(async () => {
    await app.close();
    for (const other of others) await other.close();
  });

  /** The page another configuration serves. */
  async function pageOf(options: PlaygroundOptions, path = '/playground'): Promise<Reply> {
    const other = await serve(options);
    others.push(other.app);
    return get(other.base, path);
  }

  test('serves the page at / and /playground with only local assets', async () => {
    for (const path of ['/', '/playground', '/playground?x=1']) {
      const res = await get(base, path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      const html = res.body.toString('utf8');
      expect(html).toContain('<html lang="zh-CN">');
      expect(html).toContain(`<title>${DEFAULT_TITLE}</title>`);
      expect(html).not.toMatch(/https?:\/\//i);
      expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*\/\//i);

      const scriptSrcs = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]*)"/g)].map((m) => m[1]);
      expect(scriptSrcs).toEqual(ASSETS.filter(([f]) => f.endsWith('.js')).map(([f]) => `/playground/assets/${f}`));
      const linkHrefs = [...html.matchAll(/<link\b[^>]*\bhref="([^"]*)"/g)].map((m) => m[1]);
      expect(linkHrefs).toEqual(['data:,', '/playground/assets/graphiql.min.css']);
    }
  });

  test('sends a strict CSP that allows the inline script by its hash', async () => {
    const res = await get(base, '/playground');
    const csp = String(res.headers['content-security-policy']);
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name!, values];
      }),
    );
    const hash = createHash('sha256')
      .update(inlineScript(res.body.toString('utf8')), 'utf8')
      .digest('base64');
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'", `'sha256-${hash}'`]);
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
    expect(directives.get('font-src')).toEqual(["'self'", 'data:']);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  test('renders GraphiQL with the endpoint, header editor, persisted headers and example tabs', async () => {
    const html = (await get(base, '/playground')).body.toString('utf8');
    const render = runInlineScript(html);
    expect(render.rootId).toBe('graphiql');
    expect(render.fetcherOptions).toEqual({ url: '/graphql' });
    expect(render.props).toMatchObject({
      fetcher: 'the-fetcher',
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
      defaultHeaders: '{"Authorization":"Bearer test"}',
    });
    expect(render.props.defaultTabs).toEqual(EXAMPLE_OPERATIONS.map((e) => ({ query: e.query, headers: '{"Authorization":"Bearer test"}' })));
    for (const example of EXAMPLE_OPERATIONS) expect(html).toContain(toScriptJson(example.query));
  });

  test("examples cover the token how-to, the four-subgraph join, the authority's review desk, the sharing desks, the share request, the open-data portal and desk, the operation desks, and the data plane", () => {
    expect(EXAMPLE_OPERATIONS).toHaveLength(15);
    expect(EXAMPLE_OPERATIONS[0]!.query).toMatch(/^# .*token/);
    expect(EXAMPLE_OPERATIONS[0]!.query).toContain('npm run token -- --org <orgId> --roles AGENCY');
    expect(EXAMPLE_OPERATIONS[0]!.query).toContain('{"Authorization": "Bearer <token>"}');
    const join = EXAMPLE_OPERATIONS[1]!.query;
    for (const field of ['provider', 'sharing', 'openDataset', 'operator']) expect(join).toContain(field);
    // Three tabs change data: the share request, the public portal's opinion, registration and application, and the city-wide aggregate's submission and review.
    expect(EXAMPLE_OPERATIONS.filter((e) => /^mutation /m.test(e.query))).toHaveLength(3);
    expect(EXAMPLE_OPERATIONS.some((e) => e.query.includes('"331102"'))).toBe(true);
    expect(EXAMPLE_OPERATIONS.some((e) => /after: \$after/.test(e.query))).toBe(true);
    expect(EXAMPLE_OPERATIONS.some((e) => e.query.includes('catalogReviewQueue') && e.query.includes('overdueCatalogByAgency'))).toBe(true);
    const provider = EXAMPLE_OPERATIONS.find((e) => /^query ProviderDesk /m.test(e.query))!.query;
    for (const field of ['shareRequests(status: PENDING', 'shareRequests(status: GRANTED', 'dataVerifications(filter: { status: OPEN }', 'dueDate', 'negativeList'])
      expect(provider).toContain(field);
    const city = EXAMPLE_OPERATIONS.find((e) => /^query CityCoordination /m.test(e.query))!.query;
    for (const field of ['shareCoordinationQueue', 'shareViolations', 'dataVerifications(filter: { overdue: true }', 'negativeList']) expect(city).toContain(field);
    // The public browses, gives an opinion, follows its receipt, registers and applies [OPN-3, OPN-4]; the agency's desk answers them.
    const portal = EXAMPLE_OPERATIONS.find((e) => /^query BrowseOpenCatalog /m.test(e.query))!.query;
    for (const op of ['restrictedOpenDataHolders', 'fileOpenDataOpinion', 'openDataOpinion(id: $id, receiptToken: $receiptToken)', 'registerOpenDataUser', 'applyForOpenData'])
      expect(portal).toContain(op);
    const desk = EXAMPLE_OPERATIONS.find((e) => /^query OpenDataDesk/m.test(e.query))!.query;
    for (const field of [
      'awaitingReview: true',
      'openDataOpinions(filter: { status: OPEN }',
      'openDataApplications(status: PENDING',
      'openDataComplaints(status: FILED',
      'openDataDemands',
      'openDataPlans',
    ])
      expect(desk).toContain(field);
    // The data plane (issue 19): a grantee's read through its grant [SHR-5, SEC-3], an open download and API read [OPN-2], a city-wide aggregate reviewed before release [OPR-4].
    const grant = EXAMPLE_OPERATIONS.find((e) => /^query ReadThroughGrant\(/m.test(e.query))!.query;
    for (const text of ['npm run token -- --roles AGENCY', 'entryRecords(', 'organizationId: $organizationId', 'scenario: $scenario', 'masked']) expect(grant).toContain(text);
    const open = EXAMPLE_OPERATIONS.find((e) => /^query OpenRecords\(/m.test(e.query))!.query;
    for (const text of ['accessMethod: DOWNLOAD', 'curl --compressed -o stops.csv localhost:4000/data/open/<id>.csv', 'openDatasetRecords(']) expect(open).toContain(text);
    const aggregate = EXAMPLE_OPERATIONS.find((e) => /^mutation Submit\(/m.test(e.query))!.query;
    for (const text of ['npm run token -- --roles OPERATOR', 'submitAggregateRun(', 'reviewAggregateRun(id: $id, approve: true)', 'aggregateRun(id: $id)'])
      expect(aggregate).toContain(text);
  });

  test.each(ASSETS)('serves %s from the local package', async (file, pkg, path, contentType) => {
    const res = await get(base, `/playground/assets/${file}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(contentType);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.length).toBeGreaterThan(1000);
    expect(res.body.equals(onDisk(pkg, path))).toBe(true);

    const zipped = await get(base, `/playground/assets/${file}`, { 'accept-encoding': 'gzip, deflate' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(res.body.length);
    expect(gunzipSync(zipped.body).equals(res.body)).toBe(true);

    const revalidated = await get(base, `/playground/assets/${file}`, { 'if-none-match': String(res.headers.etag) });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
  });

  test('HEAD gets headers without a body', async () => {
    const res = await get(base, '/playground/assets/graphiql.min.css', {}, 'HEAD');
    expect(res.status).toBe(200);
    expect(Number(res.headers['content-length'])).toBeGreaterThan(0);
    expect(res.body.length).toBe(0);
  });

  test("serves nothing else: other paths and methods are the gateway's", async () => {
    for (const [method, path] of [
      ['GET', '/graphql'],
      ['GET', '/unknown'],
      ['GET', '/playground/'],
      ['GET', '/playground/assets/'],
      ['GET', '/playground/assets/missing.js'],
      ['GET', '/playground/assets/../package.json'],
      ['POST', '/playground'],
    ] as const) {
      const res = await get(base, path, {}, method);
      expect([method, path, res.status]).toEqual([method, path, 404]);
    }
  });

  test('a GraphQL endpoint at / keeps that path', async () => {
    expect((await pageOf({ endpoint: '/' }, '/')).status).toBe(404);
    expect((await pageOf({ endpoint: '/' }, '/playground')).status).toBe(200);
  });

  test('escapes the title, the headers and the endpoint', async () => {
    const hostile = '</script><script>alert(1)</script><!--\u2028';
    const res = await pageOf({ endpoint: `/graphql?${hostile}`, title: hostile, defaultHeaders: hostile });
    const body = res.body.toString('utf8');
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<!--');
    expect(inlineScript(body)).not.toContain('\u2028');
    expect(body).toContain('<title>&#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;&#60;!--');
    const render = runInlineScript(body);
    expect(render.fetcherOptions).toEqual({ url: `/graphql?${hostile}` });
    expect(render.props.defaultHeaders).toBe(hostile);
    const hash = createHash('sha256').update(inlineScript(body), 'utf8').digest('base64');
    expect(String(res.headers['content-security-policy'])).toContain(`'sha256-${hash}'`);
  });

  test('an absolute endpoint on another origin is allowed by connect-src', async () => {
    const res = await pageOf({ endpoint: 'http://10.0.0.8:4000/graphql' });
    expect(String(res.headers['content-security-policy'])).toContain("connect-src 'self' http://10.0.0.8:4000;");
  });
});
