import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { buildASTSchema, isEnumType, parse } from 'graphql';
import jsonld from 'jsonld';
import { DataFactory, StreamWriter, type Quad, type Quad_Object } from 'n3';
import Negotiator from 'negotiator';
import { errorBody } from '../platform/http.js';
import { MAX_PAGE_SIZE, pageSizeProblem } from '../schema/routing.js';
import type { NodeConfig } from '../schema/topology.js';

/**
 * The open catalog of the whole federation as DCAT-AP 3.0.1 [OPN-10]: every OPEN open dataset the
 * public may see, with what its catalog entry says about it, in Turtle or JSON-LD on one URL, a
 * page of datasets per document. The data is read through the gateway's own GraphQL as the
 * anonymous public, so the export can hold nothing the public could not read anyway.
 */

export const OPEN_CATALOG_PATH = '/open-catalog';

const { namedNode, literal, quad } = DataFactory;

const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  adms: 'http://www.w3.org/ns/adms#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
} as const;

/** Prefixes of both serializations; the JSON-LD context is exactly these, so terms compact to `dct:title` and round-trip unchanged. */
const PREFIXES: Record<string, string> = { ...NS };

const EU = 'http://publications.europa.eu/resource/authority/';

/** UpdateFrequency → the EU frequency vocabulary DCAT-AP recommends for dct:accrualPeriodicity. */
const FREQUENCY: Record<string, string> = {
  REAL_TIME: 'UPDATE_CONT',
  DAILY: 'DAILY',
  WEEKLY: 'WEEKLY',
  MONTHLY: 'MONTHLY',
  QUARTERLY: 'QUARTERLY',
  HALF_YEARLY: 'ANNUAL_2',
  YEARLY: 'ANNUAL',
  ON_DEMAND: 'IRREG',
};

/**
 * DataFormat → the EU file-type vocabulary. The catalog records a kind of data, not a file
 * type: each kind maps to the file type the platform delivers it in; streaming media has no
 * single one and gets no dct:format.
 */
const FILE_TYPE: Record<string, string | undefined> = {
  SPREADSHEET: 'XLSX',
  DATABASE: 'CSV',
  API: 'JSON',
  DOCUMENT: 'PDF',
  IMAGE: 'JPEG',
};

/** OpenDatasetAccessLevel → the EU access-right vocabulary. */
const ACCESS_RIGHT: Record<string, string> = { UNCONDITIONAL: 'PUBLIC', RESTRICTED: 'RESTRICTED' };

/** OpenPriorityDomain [Z §7] → the EU data-theme vocabulary, with its English labels. */
const THEME: Record<string, [code: string, label: string] | undefined> = {
  PUBLIC_SAFETY: ['JUST', 'Justice, legal system and public safety'],
  HEALTH: ['HEAL', 'Health'],
  URBAN_GOVERNANCE: ['REGI', 'Regions and cities'],
  SOCIAL_GOVERNANCE: ['SOCI', 'Population and society'],
  LIVELIHOOD: ['SOCI', 'Population and society'],
  NATURAL_RESOURCES: ['ENVI', 'Environment'],
  ENVIRONMENT: ['ENVI', 'Environment'],
  TRANSPORT: ['TRAN', 'Transport'],
  WEATHER: ['ENVI', 'Environment'],
  LICENCES: ['GOVE', 'Government and public sector'],
  ENTERPRISE_CREDIT: ['ECON', 'Economy and finance'],
};

/** One distribution per access method [Z §20, B §32]: its title, and the file type it delivers (from the entry's format for a download). */
const DISTRIBUTION: Record<string, { zh: string; en: string; fileType: (format: string | undefined) => string | undefined }> = {
  DOWNLOAD: { zh: '数据下载', en: 'File download', fileType: (format) => (format ? FILE_TYPE[format] : undefined) },
  API: { zh: '接口调用', en: 'API access', fileType: () => 'JSON' },
  MODEL: { zh: '算法模型（在平台内运行，仅经审查的结果数据离开平台）', en: 'Algorithm run on the platform; only its reviewed results leave it', fileType: () => undefined },
};

/** A text as language-tagged literals: "中文 / English" (the API's bilingual style) as both, otherwise by its script. */
export function languageTagged(text: string): { zh?: string; en?: string } {
  const t = text.trim();
  const both = /^(.*\p{Script=Han}.*?)\s+\/\s+([^\p{Script=Han}]+)$/su.exec(t);
  if (both) return { zh: both[1]!.trim(), en: both[2]!.replace(/\s*\[[^\]]*\]$/, '').trim() };
  return /\p{Script=Han}/u.test(t) ? { zh: t } : { en: t };
}

type Labels = Map<string, { zh?: string; en?: string }>;

/** Every enum value's description in the supergraph, as language-tagged text, keyed `Enum.VALUE`: the API's own words. */
export function enumLabels(supergraphSdl: string): Labels {
  const schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  const labels: Labels = new Map();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isEnumType(type) || type.name.startsWith('__')) continue;
    for (const v of type.getValues()) if (v.description) labels.set(`${type.name}.${v.name}`, languageTagged(v.description));
  }
  return labels;
}

interface Org {
  id: string;
  name: string;
  creditCode: string | null;
}

/** An open dataset as the export reads it (the operation below). */
export interface OpenDatasetRow {
  id: string;
  status: string;
  title: string;
  description: string | null;
  openAttribute: string;
  accessMethods: string[];
  priorityDomain: string | null;
  dataType: string;
  publishedAt: string;
  updatedAt: string;
  provider: Org | null;
  resource: {
    code: string;
    summary: string;
    format: string;
    updateFrequency: string;
    library: string;
    openCondition: string | null;
    updatedAt: string;
    lastDataUpdateAt: string | null;
    region: { code: string; name: string } | null;
    provider: Org | null;
  } | null;
}

const ORG = 'id name creditCode';
export const OPEN_CATALOG_QUERY = `query OpenCatalogExport($first: Int!, $after: String) {
  openDatasets(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id status title description openAttribute accessMethods priorityDomain dataType publishedAt updatedAt
      provider { ${ORG} }
      resource { code summary format updateFrequency library openCondition updatedAt lastDataUpdateAt region { code name } provider { ${ORG} } }
    } }
  }
}`;

export interface OpenCatalogPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: OpenDatasetRow }[];
}

/** Where the IRIs of the export live: under the public base URL, each entity by its global ID, so an IRI never changes. */
export class OpenCatalogIris {
  constructor(readonly base: string) {}
  get catalogDocument() {
    return `${this.base}${OPEN_CATALOG_PATH}`;
  }
  get catalog() {
    return `${this.catalogDocument}#catalog`;
  }
  dataset = (id: string) => `${this.catalogDocument}/datasets/${id}`;
  organization = (id: string) => `${this.catalogDocument}/organizations/${id}`;
  platform = (id: string) => `${this.catalogDocument}/platforms/${id}`;
  region = (code: string) => `${this.catalogDocument}/regions/${code}`;
  /** The platform's own concepts for the data type of Z §10 (数据集 / 数据接口): no EU vocabulary names them. */
  dataType = (type: string) => `${this.catalogDocument}/data-types/${type}`;
  page(first: number, after: string | null, defaultFirst: number) {
    const q = new URLSearchParams();
    if (after) q.set('after', after);
    if (first !== defaultFirst) q.set('first', String(first));
    const s = q.toString();
    return s ? `${this.catalogDocument}?${s}` : this.catalogDocument;
  }
}

const iri = (ns: keyof typeof NS, local: string) => namedNode(`${NS[ns]}${local}`);
const A = iri('rdf', 'type');
const dateTime = (v: string) => literal(new Date(v).toISOString(), iri('xsd', 'dateTime'));

/** Literals of a text in every language it has. */
function texts(text: { zh?: string; en?: string } | undefined): Quad_Object[] {
  if (!text) return [];
  return (['zh', 'en'] as const).flatMap((lang) => (text[lang] ? [literal(text[lang]!, lang)] : []));
}

class Triples {
  readonly quads: Quad[] = [];
  add(s: string, p: ReturnType<typeof iri>, o: Quad_Object | string | (Quad_Object | string)[] | undefined | null) {
    if (o === undefined || o === null) return this;
    for (const obj of Array.isArray(o) ? o : [o]) this.quads.push(quad(namedNode(s), p, typeof obj === 'string' ? namedNode(obj) : obj));
    return this;
  }
}

function agent(t: Triples, iriOf: string, name: string, creditCode?: string | null) {
  t.add(iriOf, A, iri('foaf', 'Agent')).add(iriOf, iri('foaf', 'name'), texts(languageTagged(name)));
  if (creditCode) t.add(iriOf, iri('dct', 'identifier'), literal(creditCode));
}

export interface CatalogContext {
  iris: OpenCatalogIris;
  /** The root node: its platform publishes the federation's catalog. */
  root: NodeConfig;
  /** Name of the root node's region, for the catalog's coverage. */
  rootRegion: { code: string; name: string };
  labels: Labels;
}

/** The catalog itself and this page of it (hydra: the page, the first page, the next one). */
export function catalogQuads(c: CatalogContext, page: { url: string; first: string; next: string | null; totalCount: number; datasetIds: string[] }): Quad[] {
  const t = new Triples();
  const cat = c.iris.catalog;
  const publisher = c.iris.platform(c.root.id);
  t.add(cat, A, iri('dcat', 'Catalog'))
    .add(cat, iri('dct', 'title'), texts({ zh: `${c.root.name}开放数据目录`, en: `Open data catalogue of ${c.root.name} and the platforms below it` }))
    .add(cat, iri('dct', 'description'), [
      literal(`${c.root.name}及其下级公共数据平台向社会开放的数据集（开放中），按 DCAT-AP 3 发布`, 'zh'),
      literal(`The datasets that ${c.root.name} and the public data platforms below it open to the public (while open), as DCAT-AP 3`, 'en'),
    ])
    .add(cat, iri('dct', 'publisher'), publisher)
    .add(cat, iri('dct', 'spatial'), c.iris.region(c.rootRegion.code))
    .add(cat, iri('dcat', 'themeTaxonomy'), `${EU}data-theme`)
    .add(cat, iri('foaf', 'homepage'), c.iris.catalogDocument)
    .add(cat, iri('dcat', 'dataset'), page.datasetIds.map(c.iris.dataset))
    .add(cat, iri('hydra', 'totalItems'), literal(String(page.totalCount), iri('xsd', 'integer')))
    .add(cat, iri('hydra', 'view'), page.url);
  agent(t, publisher, c.root.name);
  t.add(c.iris.catalogDocument, A, iri('foaf', 'Document'));
  t.add(`${EU}data-theme`, A, iri('skos', 'ConceptScheme')).add(`${EU}data-theme`, iri('dct', 'title'), literal('Data theme', 'en'));
  location(t, c, c.rootRegion);
  t.add(page.url, A, iri('hydra', 'PartialCollectionView')).add(page.url, iri('hydra', 'first'), page.first).add(page.url, iri('hydra', 'next'), page.next);
  return t.quads;
}

function location(t: Triples, c: CatalogContext, region: { code: string; name: string }) {
  const r = c.iris.region(region.code);
  t.add(r, A, iri('dct', 'Location')).add(r, iri('skos', 'prefLabel'), literal(region.name, 'zh')).add(r, iri('dct', 'identifier'), literal(region.code));
}

const latest = (...dates: (string | null | undefined)[]) => dates.filter((d): d is string => !!d).reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));

/** One dataset: what the open dataset and its catalog entry say, in DCAT-AP terms. */
export function datasetQuads(c: CatalogContext, d: OpenDatasetRow): Quad[] {
  const t = new Triples();
  const ds = c.iris.dataset(d.id);
  const r = d.resource;
  const label = (e: string, v: string | null | undefined) => (v ? c.labels.get(`${e}.${v}`) : undefined);
  t.add(ds, A, iri('dcat', 'Dataset'))
    .add(ds, iri('dct', 'identifier'), literal(d.id))
    .add(ds, iri('dct', 'title'), texts(languageTagged(d.title)))
    // DCAT-AP requires a description: the dataset's own, else its entry's summary, else its title.
    .add(ds, iri('dct', 'description'), texts(languageTagged(d.description || r?.summary || d.title)))
    .add(ds, iri('dct', 'issued'), dateTime(d.publishedAt))
    .add(ds, iri('dct', 'modified'), dateTime(latest(d.updatedAt, r?.updatedAt, r?.lastDataUpdateAt)));
  const accessRight = ACCESS_RIGHT[d.openAttribute];
  if (accessRight) {
    t.add(ds, iri('dct', 'accessRights'), `${EU}access-right/${accessRight}`).add(`${EU}access-right/${accessRight}`, A, iri('dct', 'RightsStatement'));
  }
  const theme = d.priorityDomain ? THEME[d.priorityDomain] : undefined;
  if (theme) {
    const themeIri = `${EU}data-theme/${theme[0]}`;
    t.add(ds, iri('dcat', 'theme'), themeIri).add(themeIri, A, iri('skos', 'Concept')).add(themeIri, iri('skos', 'prefLabel'), literal(theme[1], 'en'));
  }
  t.add(ds, iri('dcat', 'keyword'), texts(label('OpenPriorityDomain', d.priorityDomain)));
  if (d.dataType) {
    const type = c.iris.dataType(d.dataType);
    t.add(ds, iri('dct', 'type'), type)
      .add(type, A, iri('skos', 'Concept'))
      .add(type, iri('skos', 'prefLabel'), texts(label('OpenDataType', d.dataType) ?? { en: d.dataType }));
  }
  const provider = d.provider ?? r?.provider;
  if (provider) {
    t.add(ds, iri('dct', 'publisher'), c.iris.organization(provider.id));
    agent(t, c.iris.organization(provider.id), provider.name, provider.creditCode);
  }
  let conditions: string | undefined;
  if (r) {
    const code = `${ds}#code`;
    t.add(ds, iri('adms', 'identifier'), code).add(code, A, iri('adms', 'Identifier')).add(code, iri('skos', 'notation'), literal(r.code));
    const frequency = FREQUENCY[r.updateFrequency];
    if (frequency) {
      const f = `${EU}frequency/${frequency}`;
      t.add(ds, iri('dct', 'accrualPeriodicity'), f)
        .add(f, A, iri('dct', 'Frequency'))
        .add(f, iri('skos', 'prefLabel'), texts(label('UpdateFrequency', r.updateFrequency)));
    }
    t.add(ds, iri('dcat', 'keyword'), texts(label('Library', r.library)));
    if (r.region) {
      t.add(ds, iri('dct', 'spatial'), c.iris.region(r.region.code));
      location(t, c, r.region);
    }
    if (r.openCondition) {
      conditions = `${ds}#conditions`;
      t.add(conditions, A, iri('dct', 'RightsStatement')).add(conditions, iri('rdfs', 'label'), texts(languageTagged(r.openCondition)));
    }
  }
  for (const method of d.accessMethods) {
    const kind = DISTRIBUTION[method];
    if (!kind) continue;
    const dist = `${ds}#${method.toLowerCase()}`;
    t.add(ds, iri('dcat', 'distribution'), dist)
      .add(dist, A, iri('dcat', 'Distribution'))
      .add(dist, iri('dct', 'title'), texts(kind))
      // The platform's portal grants access; the dataset's IRI is where its description (and how to obtain it) lives.
      .add(dist, iri('dcat', 'accessURL'), ds)
      .add(dist, iri('dct', 'rights'), conditions);
    const fileType = kind.fileType(r?.format);
    if (fileType) t.add(dist, iri('dct', 'format'), `${EU}file-type/${fileType}`).add(`${EU}file-type/${fileType}`, A, iri('dct', 'MediaTypeOrExtent'));
  }
  return t.quads;
}

export const MEDIA_TYPES = { turtle: 'text/turtle', jsonld: 'application/ld+json' } as const;
type MediaType = (typeof MEDIA_TYPES)[keyof typeof MEDIA_TYPES];

/** The JSON-LD context: the prefixes and nothing else, so every term keeps its IRI visibly and compaction is cheap. */
const CONTEXT = PREFIXES;

/**
 * The page as Turtle: n3's StreamWriter pulls the quads one group at a time from the generator,
 * so the document goes out as it is written rather than built whole first.
 */
function turtle(groups: Iterable<Quad[]>): Readable {
  const writer = new StreamWriter({ prefixes: PREFIXES });
  writer.import(
    Readable.from(
      (function* () {
        for (const g of groups) yield* g;
      })(),
    ),
  );
  return writer;
}

/**
 * The page as JSON-LD, one `@graph` entry list per group. JSON-LD has no streaming serializer
 * (the jsonld library converts and compacts whole documents), so each group — the catalog, then
 * each dataset — is converted and compacted on its own and written as soon as it is ready: the
 * document streams dataset by dataset, and no step holds more than one dataset's triples. The
 * groups share no blank nodes (every node has an IRI), so writing them apart changes no meaning.
 */
function jsonLd(groups: Iterable<Quad[]>): Readable {
  return Readable.from(
    (async function* () {
      yield `{"@context":${JSON.stringify(CONTEXT)},"@graph":[`;
      let first = true;
      for (const g of groups) {
        // jsonld reads RDF/JS quads (termType, value, language, datatype), which n3 makes.
        const expanded = await jsonld.fromRDF(g as never);
        const compacted = (await jsonld.compact(expanded, CONTEXT, { graph: true })) as { '@graph'?: object[] };
        for (const node of compacted['@graph'] ?? []) {
          yield `${first ? '' : ','}\n${JSON.stringify(node)}`;
          first = false;
        }
      }
      yield '\n]}\n';
    })(),
  );
}

/** What the export's operation answers: a GraphQL result. */
export interface PublicResult {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/** Runs the export's GraphQL operation as the anonymous public, within the HTTP request. */
export type RunAsPublic = (request: FastifyRequest, query: string, variables: Record<string, unknown>) => Promise<PublicResult>;

export interface OpenCatalogOptions {
  run: RunAsPublic;
  /** The public base URL of the IRIs (PUBLIC_BASE_URL, else the gateway's own URL once it listens). */
  baseUrl: () => string;
  root: NodeConfig;
  rootRegion: { code: string; name: string };
  labels: Labels;
}

/** Datasets per document when `first` is not given: a harvester reads the catalog in as few requests as the API allows. */
export const OPEN_CATALOG_PAGE_SIZE = MAX_PAGE_SIZE;

const QUERY_PARAMETERS = new Set(['first', 'after']);

/**
 * `GET /open-catalog`: the open catalog as DCAT-AP, Turtle or JSON-LD by the Accept header, a
 * page of datasets per document; `after` (the `Link: rel="next"` of the previous page) and
 * `first` (1-100) page through it.
 */
export function serveOpenCatalog(app: FastifyInstance, o: OpenCatalogOptions): void {
  app.get(OPEN_CATALOG_PATH, async (request, reply) => {
    reply.header('vary', 'Accept');
    const mediaType = new Negotiator(request).mediaType([MEDIA_TYPES.turtle, MEDIA_TYPES.jsonld]) as MediaType | undefined;
    if (!mediaType) {
      return reply
        .code(406)
        .send(
          errorBody(
            `开放目录仅提供 Turtle 或 JSON-LD / the open catalog is served as ${MEDIA_TYPES.turtle} or ${MEDIA_TYPES.jsonld}: send one of them (or */*) in the Accept header`,
            'BAD_REQUEST',
            { field: 'Accept' },
          ),
        );
    }
    const query = request.query as Record<string, unknown>;
    const unknown = Object.keys(query).filter((k) => !QUERY_PARAMETERS.has(k));
    if (unknown.length) {
      return reply.code(400).send(
        errorBody(`未知参数 ${unknown.join(', ')} / unknown parameter ${unknown.join(', ')}: the open catalog takes only first and after`, 'BAD_USER_INPUT', {
          field: unknown[0],
        }),
      );
    }
    let first = OPEN_CATALOG_PAGE_SIZE;
    if (query.first !== undefined) {
      first = typeof query.first === 'string' && /^\d{1,3}$/.test(query.first) ? Number(query.first) : Number.NaN;
      const problem = pageSizeProblem(first);
      if (problem) return reply.code(400).send(errorBody(problem, 'BAD_USER_INPUT', { field: 'first' }));
    }
    if (query.after !== undefined && (typeof query.after !== 'string' || query.after === '')) {
      return reply
        .code(400)
        .send(errorBody('after 须为上一页 Link 头中给出的游标 / after must be the cursor the previous page gave in its Link header, once', 'BAD_USER_INPUT', { field: 'after' }));
    }
    const after = (query.after as string | undefined) ?? null;

    const result = await o.run(request, OPEN_CATALOG_QUERY, { first, after });
    const page = result.data?.openDatasets as OpenCatalogPage | undefined;
    const errors = result.errors ?? [];
    const refused = errors.find((e) => e.extensions?.code === 'BAD_USER_INPUT');
    if (refused) return reply.code(400).send(errorBody(refused.message, 'BAD_USER_INPUT', { field: 'after' }));
    // A node that did not answer would drop its datasets from the page and let the cursor run past
    // them: a harvester would take the catalog for complete. Better no page than a silently short one.
    const unavailable = errors.find((e) => e.extensions?.code === 'NODE_UNAVAILABLE');
    if (unavailable) {
      return reply
        .code(503)
        .header('retry-after', '5')
        .send(
          errorBody(
            `部分平台暂不可用，请稍后重试 / a platform is unavailable, so this page would be incomplete; retry later: ${unavailable.message}`,
            'NODE_UNAVAILABLE',
            unavailable.extensions,
          ),
        );
    }
    if (!page) {
      request.log.error({ errors }, 'open catalog export failed');
      return reply.code(500).send(errorBody('内部错误 / internal error', 'INTERNAL_SERVER_ERROR'));
    }

    const iris = new OpenCatalogIris(o.baseUrl());
    const c: CatalogContext = { iris, root: o.root, rootRegion: o.rootRegion, labels: o.labels };
    // Anonymous callers see OPEN datasets only; the status is checked again so that no change of
    // the subgraph's rules can put a suspended or withdrawn dataset into the public export.
    const datasets = page.edges.map((e) => e.node).filter((d) => d.status === 'OPEN');
    const url = iris.page(first, after, OPEN_CATALOG_PAGE_SIZE);
    const firstPage = iris.page(first, null, OPEN_CATALOG_PAGE_SIZE);
    const next = page.pageInfo.hasNextPage && page.pageInfo.endCursor ? iris.page(first, page.pageInfo.endCursor, OPEN_CATALOG_PAGE_SIZE) : null;
    reply.header('link', [`<${firstPage}>; rel="first"`, ...(next ? [`<${next}>; rel="next"`] : [])].join(', '));
    const groups = (function* () {
      yield catalogQuads(c, { url, first: firstPage, next, totalCount: page.totalCount, datasetIds: datasets.map((d) => d.id) });
      for (const d of datasets) yield datasetQuads(c, d);
    })();
    return reply
      .type(mediaType === MEDIA_TYPES.turtle ? 'text/turtle; charset=utf-8' : MEDIA_TYPES.jsonld)
      .send(mediaType === MEDIA_TYPES.turtle ? turtle(groups) : jsonLd(groups));
  });
}
