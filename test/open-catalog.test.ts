import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import jsonld from 'jsonld';
import { Parser, Store, type Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { mintToken } from '../gateway/auth.js';
import { ROOT } from '../platform/paths.js';
import { seedDemo } from '../seeds/seed.js';
import { TEST_JWT_SECRET } from './support/env.js';
import { eventually } from './support/eventually.js';
import { startTestFederation } from './support/federation.js';
import { authority } from './support/node.js';

/**
 * The open catalog as DCAT-AP 3.0.1 [OPN-10]: the demo's whole open catalog, seeded through the
 * API, read page by page in Turtle and in JSON-LD through the gateway, parsed back and validated
 * with a SHACL engine against the official shapes (`../shared/dcat-ap/dcat-ap-SHACL.ttl`).
 */

const SHAPES = resolve(ROOT, '../shared/dcat-ap/dcat-ap-SHACL.ttl');
const BASE = 'https://data.lishui.example.gov.cn/pdf';
const PAGE = 40;
const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};

let f: Awaited<ReturnType<typeof startTestFederation>>;
/** The retired entry's open dataset, suspended by the catalog's event [Z §35]. */
let suspendedId: string;
/** What the public's API lists: every OPEN dataset. */
let openIds: string[];

interface Page {
  status: number;
  contentType: string;
  link: string;
  quads: Quad[];
}

/** The gateway's URL for an IRI of the configured public base: the test server is not at that address. */
const local = (iri: string) => iri.replace(BASE, f.federation.gateway.url);

async function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${f.federation.gateway.url}${path}`, { headers });
}

async function parse(body: string, contentType: string): Promise<Quad[]> {
  if (contentType.startsWith('text/turtle')) return new Parser({ format: 'text/turtle' }).parse(body);
  const nquads = (await jsonld.toRDF(JSON.parse(body), { format: 'application/n-quads' })) as unknown as string;
  return new Parser({ format: 'application/n-quads' }).parse(nquads);
}

/** Every page of the export in one format, following `Link: rel="next"` from the first. */
async function allPages(accept: string, headers: Record<string, string> = {}): Promise<Page[]> {
  const pages: Page[] = [];
  let url: string | null = `${f.federation.gateway.url}/open-catalog?first=${PAGE}`;
  while (url && pages.length < 50) {
    const res: Response = await fetch(url, { headers: { accept, ...headers } });
    const body = await res.text();
    expect(res.status).toBe(200);
    const link = res.headers.get('link') ?? '';
    pages.push({ status: res.status, contentType: res.headers.get('content-type') ?? '', link, quads: await parse(body, res.headers.get('content-type') ?? '') });
    const next = /<([^>]+)>; rel="next"/.exec(link)?.[1];
    url = next ? local(next) : null;
  }
  return pages;
}

const objects = (quads: Quad[], predicate: string, subject?: string) =>
  quads.filter((q) => q.predicate.value === predicate && (subject === undefined || q.subject.value === subject)).map((q) => q.object);
const datasetsOf = (quads: Quad[]) => [
  ...new Set(quads.filter((q) => q.predicate.value === `${NS.rdf}type` && q.object.value === `${NS.dcat}Dataset`).map((q) => q.subject.value)),
];
const identifiers = (quads: Quad[]) =>
  datasetsOf(quads)
    .map((ds) => objects(quads, `${NS.dct}identifier`, ds)[0]!.value)
    .sort();
const canonical = (quads: Quad[]) => new Set(quads.map((q) => `${q.subject.id} ${q.predicate.id} ${q.object.id}`));

async function shacl(quads: Quad[]) {
  const shapes = new Store(new Parser().parse(readFileSync(SHAPES, 'utf8')));
  return new SHACLValidator(shapes).validate(new Store(quads));
}

let turtlePages: Page[];
let jsonLdPages: Page[];

beforeAll(async () => {
  f = await startTestFederation('opencatalog', 10_000, { publicBaseUrl: BASE });
  await seedDemo(f.federation.gateway.url, TEST_JWT_SECRET);
  // A retired entry's open dataset is suspended by the catalog's event: no longer public.
  const city = authority('331100');
  const listed: any = await f.gql(null, '{ openDatasets(scope: { regionCode: "331100", includeSubRegions: false }, first: 1) { edges { node { id resource { id } } } } }');
  const { id: datasetId, resource } = listed.data.openDatasets.edges[0].node;
  suspendedId = datasetId;
  const retired = resource.id as string;
  const r = await f.gql(city, 'mutation($id: ID!) { retireDataResource(id: $id, reason: "测试：停用后开放数据集暂停") { id } }', { id: retired });
  expect(r.errors).toBeUndefined();
  const status = await eventually(
    async () => (await f.gql(city, 'query($id: ID!) { openDataset(id: $id) { status } }', { id: suspendedId })).data?.openDataset?.status,
    (s) => s === 'SUSPENDED',
  );
  expect(status).toBe('SUSPENDED');
  openIds = [];
  let after: string | null = null;
  do {
    const page: any = await f.gql(null, 'query($after: String) { openDatasets(first: 100, after: $after) { edges { node { id status } } pageInfo { hasNextPage endCursor } } }', {
      after,
    });
    expect(page.errors).toBeUndefined();
    openIds.push(...page.data.openDatasets.edges.map((e: { node: { id: string } }) => e.node.id));
    after = page.data.openDatasets.pageInfo.hasNextPage ? page.data.openDatasets.pageInfo.endCursor : null;
  } while (after);
  openIds.sort();
  turtlePages = await allPages('text/turtle');
  jsonLdPages = await allPages('application/ld+json');
}, 900_000);
afterAll(async () => f?.federation.stop());

describe('the open catalog as DCAT-AP [OPN-10]', () => {
  test('every page of the demo catalog, in Turtle and in JSON-LD, conforms to the DCAT-AP 3.0.1 SHACL shapes with no violation', async () => {
    expect(openIds.length).toBeGreaterThan(PAGE * 2);
    for (const pages of [turtlePages, jsonLdPages]) {
      const report = await shacl(pages.flatMap((p) => p.quads));
      const problems = report.results.map((r) => `${r.focusNode?.value} ${r.path?.value}: ${r.message.map((m) => m.value).join('; ')}`);
      expect(problems).toEqual([]);
      expect(report.conforms).toBe(true);
      // Each page is a document of its own too: a harvester may stop after any of them.
      expect((await shacl(pages[pages.length - 1]!.quads)).conforms).toBe(true);
    }
  }, 300_000);

  test('the check is real: a dataset stripped of its mandatory description is a violation', async () => {
    const quads = turtlePages[0]!.quads;
    const ds = datasetsOf(quads)[0]!;
    const stripped = quads.filter((q) => !(q.subject.value === ds && q.predicate.value === `${NS.dct}description`));
    const report = await shacl(stripped);
    expect(report.conforms).toBe(false);
    expect(report.results.map((r) => [r.focusNode?.value, r.path?.value])).toEqual([[ds, `${NS.dct}description`]]);
  });

  test('the export lists exactly the OPEN datasets the API lists to the public, the suspended one not at all [OPN-1, Z §35]', () => {
    for (const pages of [turtlePages, jsonLdPages]) {
      const all = pages.flatMap((p) => p.quads);
      expect(identifiers(all)).toEqual(openIds);
      expect(identifiers(all)).not.toContain(suspendedId);
      const total = objects(all, `${NS.hydra}totalItems`).map((o) => Number(o.value));
      expect(new Set(total)).toEqual(new Set([openIds.length]));
    }
  });

  test('Turtle and JSON-LD carry the same triples', () => {
    const turtle = canonical(turtlePages.flatMap((p) => p.quads));
    const json = canonical(jsonLdPages.flatMap((p) => p.quads));
    expect(json.size).toBe(turtle.size);
    expect([...turtle].filter((t) => !json.has(t))).toEqual([]);
  });

  test('pages of the asked size, linked by `Link: rel="next"` and hydra:next, under the configured public base URL', () => {
    expect(turtlePages).toHaveLength(Math.ceil(openIds.length / PAGE));
    for (const [i, page] of turtlePages.entries()) {
      expect(page.contentType).toBe('text/turtle; charset=utf-8');
      expect(datasetsOf(page.quads)).toHaveLength(i < turtlePages.length - 1 ? PAGE : openIds.length - PAGE * i);
      const next = /<([^>]+)>; rel="next"/.exec(page.link)?.[1];
      const hydraNext = objects(page.quads, `${NS.hydra}next`).map((o) => o.value);
      if (i < turtlePages.length - 1) {
        expect(next).toMatch(new RegExp(`^${BASE}/open-catalog\\?after=[A-Za-z0-9_-]+&first=${PAGE}$`));
        expect(hydraNext).toEqual([next]);
      } else {
        expect(next).toBeUndefined();
        expect(hydraNext).toEqual([]);
      }
      expect(page.link).toContain(`<${BASE}/open-catalog?first=${PAGE}>; rel="first"`);
      for (const ds of datasetsOf(page.quads)) expect(ds.startsWith(`${BASE}/open-catalog/datasets/`)).toBe(true);
    }
    expect(jsonLdPages[0]!.contentType).toBe('application/ld+json');
  });

  test('literals in Chinese and English are tagged by language; dates are xsd:dateTime; enumerations use the EU vocabularies', () => {
    const all = turtlePages.flatMap((p) => p.quads);
    const catalog = all.find((q) => q.object.value === `${NS.dcat}Catalog`)!.subject.value;
    expect(new Set(objects(all, `${NS.dct}title`, catalog).map((o) => (o as { language: string }).language))).toEqual(new Set(['en', 'zh']));
    const keywords = objects(all, `${NS.dcat}keyword`).map((o) => (o as { language: string }).language);
    expect(new Set(keywords)).toEqual(new Set(['zh', 'en']));
    const titles = objects(all, `${NS.dct}title`).filter((o) => o.termType === 'Literal');
    expect(titles.every((o) => ['zh', 'en'].includes((o as { language: string }).language))).toBe(true);
    for (const p of ['issued', 'modified']) {
      const dates = objects(all, `${NS.dct}${p}`);
      expect(dates.length).toBeGreaterThanOrEqual(openIds.length);
      expect(dates.every((o) => o.termType === 'Literal' && (o as { datatype: { value: string } }).datatype.value === `${NS.xsd}dateTime`)).toBe(true);
    }
    const eu = (predicate: string, vocabulary: string) =>
      expect(objects(all, predicate).every((o) => o.value.startsWith(`http://publications.europa.eu/resource/authority/${vocabulary}/`))).toBe(true);
    eu(`${NS.dct}accrualPeriodicity`, 'frequency');
    eu(`${NS.dct}format`, 'file-type');
    eu(`${NS.dct}accessRights`, 'access-right');
    eu(`${NS.dcat}theme`, 'data-theme');
    expect(objects(all, `${NS.dct}accrualPeriodicity`)).toHaveLength(openIds.length);
    expect(new Set(objects(all, `${NS.dct}accessRights`).map((o) => o.value.split('/').pop()))).toEqual(new Set(['PUBLIC', 'RESTRICTED']));
    expect(datasetsOf(all).filter((ds) => objects(all, `${NS.dct}publisher`, ds).length === 1)).toHaveLength(openIds.length);
    expect(objects(all, `${NS.dcat}distribution`).length).toBeGreaterThanOrEqual(openIds.length);
  });

  test('a token changes nothing: the export is always what the public may read', async () => {
    const token = await mintToken(authority('331100'), TEST_JWT_SECRET, '1h');
    const withToken = await allPages('text/turtle', { authorization: `Bearer ${token}` });
    expect(identifiers(withToken.flatMap((p) => p.quads))).toEqual(openIds);
  }, 120_000);

  test('the format follows the Accept header; Turtle without one; anything else is refused (406)', async () => {
    expect((await get('/open-catalog?first=1')).headers.get('content-type')).toBe('text/turtle; charset=utf-8');
    expect((await get('/open-catalog?first=1', { accept: '*/*' })).headers.get('content-type')).toBe('text/turtle; charset=utf-8');
    expect((await get('/open-catalog?first=1', { accept: 'text/turtle;q=0.5, application/ld+json;q=0.9' })).headers.get('content-type')).toBe('application/ld+json');
    const refused = await get('/open-catalog', { accept: 'application/rdf+xml' });
    expect(refused.status).toBe(406);
    expect(((await refused.json()) as any).errors[0].extensions).toEqual({ code: 'BAD_REQUEST', field: 'Accept' });
  });

  test('a bad cursor, page size or parameter is refused (400) in the API error shape, naming the parameter', async () => {
    for (const [query, field] of [
      ['after=not-a-cursor', 'after'],
      ['after=', 'after'],
      ['first=0', 'first'],
      ['first=101', 'first'],
      ['first=ten', 'first'],
      ['page=2', 'page'],
    ] as const) {
      const res = await get(`/open-catalog?${query}`, { accept: 'text/turtle' });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.errors[0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
      expect(body.errors[0]!.message).toMatch(/ \/ /);
    }
    // A cursor of another list is refused too: it would page something else.
    const other: any = await f.gql(null, '{ operators(first: 1) { pageInfo { endCursor } } }');
    const cursor = other.data.operators.pageInfo.endCursor;
    if (cursor) expect((await get(`/open-catalog?after=${cursor}`)).status).toBe(400);
  });
});
