import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { composeServices } from '@apollo/composition';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildSchema, getNamedType, parse, printSchema } from 'graphql';
import type { Actor } from '../schema/auth.js';
import { encodeCursor } from '../schema/cursor.js';
import { newId, parseId } from '../schema/ids.js';
import { ROOT, schemaFile } from '../platform/paths.js';
import { SUBGRAPH_NAMES } from '../schema/topology.js';
import { auditor } from './support/access.js';
import { publishResource, registerOrganization, resourceInput } from './support/catalog-fixtures.js';
import { startTestFederation } from './support/federation.js';
import { agency, authority } from './support/node.js';
import { RELAY_SOURCES } from './support/relay-operations.js';

/**
 * Relay readiness through the gateway and its three nodes (丽水 331100, 莲都 331102, 龙泉 331181):
 * connections follow the Relay connection spec, `node(id)` finds any object by the global ID it
 * already has, and relay-compiler accepts the demo's operations, whose compiled queries then run.
 */

let f: Awaited<ReturnType<typeof startTestFederation>>;
const CITY = '331100';
const LIANDU = '331102';
const LONGQUAN = '331181';
const ANON = null;

/** Objects of every Node type, spread over the nodes. */
const ids: Record<string, string> = {};
const interleaved: string[] = [];

async function refused(actor: Actor | null, query: string, variables: Record<string, unknown>, field: string) {
  const r = await f.gql(actor, query, variables);
  expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  return r.errors![0]!.message;
}

const share = (resourceId: string, requesterId: string, scenario: string) =>
  f
    .must(agency(requesterId), `mutation($input: RequestShareInput!) { requestShare(input: $input) { id status } }`, {
      input: {
        resourceId,
        requesterId,
        scenario,
        purpose: '核验登记状态',
        legalDuty: '依法履行市场监管职责',
        itemNames: ['企业名称'],
        endDate: `${new Date().getFullYear() + 1}-06-30`,
      },
    })
    .then((d) => d.requestShare.id as string);

beforeAll(async () => {
  f = await startTestFederation('relay');
  ids.cityAgency = await registerOrganization(f.call, CITY, '丽水市市场监督管理局');
  ids.lianduAgency = await registerOrganization(f.call, LIANDU, '丽水市莲都区市场监督管理局');
  ids.longquanAgency = await registerOrganization(f.call, LONGQUAN, '龙泉市市场监督管理局');
  ids.operatorOrg = await registerOrganization(f.call, LONGQUAN, '龙泉市数据运营有限公司', 'ENTERPRISE');
  // Three entries matching 接力甲 on the city node, the newest a draft only its provider sees.
  ids.relay1 = await publishResource(f.call, ids.cityAgency, CITY, { name: '接力甲一' });
  ids.relay2 = await publishResource(f.call, ids.cityAgency, CITY, { name: '接力甲二' });
  ids.draft = (
    await f.must(agency(ids.cityAgency), `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }`, {
      input: resourceInput(ids.cityAgency, CITY, { name: '接力甲三' }),
    })
  ).createDataResource.id;
  ids.lianduResource = await publishResource(f.call, ids.lianduAgency, LIANDU, { name: '莲都区个体工商户登记信息' });
  ids.openDataset = (
    await f.must(agency(ids.lianduAgency), `mutation($input: ProposeOpenDatasetInput!) { proposeOpenDataset(input: $input) { id } }`, {
      input: { resourceId: ids.lianduResource, accessMethods: ['API'] },
    })
  ).proposeOpenDataset.id;
  await f.must(authority(LIANDU), `mutation($id: ID!) { approveOpenDatasetProposal(id: $id) { id } }`, { id: ids.openDataset });
  ids.operator = (
    await f.must(authority(LONGQUAN), `mutation($input: CreateOperatorInput!) { createOperator(input: $input) { id } }`, {
      input: { organizationId: ids.operatorOrg, agreementNo: `LQ-${Date.now()}`, agreementSignedAt: '2025-01-01', termStart: '2025-01-01', scope: '数据产品开发' },
    })
  ).createOperator.id;
  // Both requests live with the city's entry, on the city node; 龙泉's is the newer.
  ids.lianduRequest = await share(ids.relay1, ids.lianduAgency, '企业开办一件事');
  ids.longquanRequest = await share(ids.relay1, ids.longquanAgency, '跨区域企业监管');
  // The newest organizations, interleaved over the three nodes, so every page of two mixes nodes.
  for (let i = 0; i < 2; i++) for (const region of [CITY, LIANDU, LONGQUAN]) interleaved.push(await registerOrganization(f.call, region, `接力测试机构${region}-${i}`));
}, 300_000);
afterAll(async () => f?.federation.stop());

const ORGS = `query($first: Int, $after: String) { organizations(first: $first, after: $after) {
  edges { cursor node { id } }
  pageInfo { hasNextPage before: hasPreviousPage startCursor last: endCursor } } }`;
const SEARCH = `query($f: DataResourceFilter, $first: Int, $after: String) { dataResources(filter: $f, first: $first, after: $after) {
  edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
const REQUESTS = `query($first: Int, $after: String) { shareRequests(first: $first, after: $after) {
  edges { node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;

describe('connections follow the Relay connection spec', () => {
  test('pages merged from three nodes carry the page info of the merged list, under the client aliases', async () => {
    const whole = (await f.must(ANON, ORGS, { first: 100 })).organizations;
    expect(whole.edges.slice(0, 6).map((e: any) => e.node.id)).toEqual([...interleaved].reverse());
    expect(whole.edges.slice(0, 3).map((e: any) => parseId(e.node.id)!.region)).toEqual([LONGQUAN, LIANDU, CITY]);

    const pages: any[] = [];
    let after: string | null = null;
    do {
      const page: any = (await f.must(ANON, ORGS, { first: 2, after })).organizations;
      pages.push(page);
      after = page.pageInfo.hasNextPage ? page.pageInfo.last : null;
    } while (after && pages.length < 50);
    expect(pages.flatMap((p) => p.edges.map((e: any) => e.node.id))).toEqual(whole.edges.map((e: any) => e.node.id));
    pages.forEach((p, i) => {
      expect(p.pageInfo).toEqual({ hasNextPage: i < pages.length - 1, before: i > 0, startCursor: p.edges[0].cursor, last: p.edges.at(-1).cursor });
    });
  });

  test('hasPreviousPage says whether items the caller may see precede the cursor, with a keyword and without', async () => {
    const staff = agency(ids.cityAgency);
    for (const filter of [{ keyword: '接力甲' }, { providerId: ids.cityAgency }]) {
      // The provider's staff see the draft first; the public do not see it at all.
      const first = (await f.must(staff, SEARCH, { f: filter, first: 1 })).dataResources;
      expect(first.edges.map((e: any) => e.node.id)).toEqual([ids.draft]);
      expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: first.pageInfo.endCursor });
      const next = (await f.must(staff, SEARCH, { f: filter, first: 1, after: first.pageInfo.endCursor })).dataResources;
      expect(next.edges.map((e: any) => e.node.id)).toEqual([ids.relay2]);
      expect(next.pageInfo.hasPreviousPage).toBe(true);
      const publicNext = (await f.must(ANON, SEARCH, { f: filter, first: 1, after: first.pageInfo.endCursor })).dataResources;
      expect(publicNext.edges.map((e: any) => e.node.id)).toEqual([ids.relay2]);
      expect(publicNext.pageInfo.hasPreviousPage).toBe(false);
    }
    // The same over a list of share requests: the city authority sees both, 莲都's agency only its own [SHR-1].
    const newest = (await f.must(authority(CITY), REQUESTS, { first: 1 })).shareRequests;
    expect(newest.edges.map((e: any) => e.node.id)).toEqual([ids.longquanRequest]);
    const byAuthority = (await f.must(authority(CITY), REQUESTS, { first: 1, after: newest.pageInfo.endCursor })).shareRequests;
    expect(byAuthority).toMatchObject({ edges: [{ node: { id: ids.lianduRequest } }], pageInfo: { hasPreviousPage: true } });
    const byRequester = (await f.must(agency(ids.lianduAgency), REQUESTS, { first: 1, after: newest.pageInfo.endCursor })).shareRequests;
    expect(byRequester).toMatchObject({ edges: [{ node: { id: ids.lianduRequest } }], pageInfo: { hasPreviousPage: false } });
  });

  test('first is declared 20 by default and must be at least 1, on every connection, the search and the audit log included', async () => {
    const query = buildSchema(apiSchema()).getQueryType()!;
    const connections = Object.values(query.getFields()).filter((field) => getNamedType(field.type).name.endsWith('Connection'));
    expect(connections.map((c) => c.name)).toEqual(expect.arrayContaining(['dataResources', 'organizations', 'shareRequests', 'negativeList', 'auditEvents']));
    for (const c of connections) expect({ field: c.name, first: c.args.find((a) => a.name === 'first')?.defaultValue }).toEqual({ field: c.name, first: 20 });
    // The fixtures wrote more than 20 events into the city's log: left out, first gives 20 of them.
    const EVENTS = `query($first: Int) { auditEvents(first: $first) { edges { cursor } } }`;
    const all = (await f.must(auditor(CITY), EVENTS, { first: 100 })).auditEvents.edges.length;
    expect(all).toBeGreaterThan(20);
    expect((await f.must(auditor(CITY), EVENTS)).auditEvents.edges.length).toBe(20);
    for (const [actor, q] of [
      [ANON, ORGS],
      [ANON, SEARCH],
      [authority(CITY), REQUESTS],
      [auditor(CITY), EVENTS],
    ] as const) {
      expect(await refused(actor, q, { first: 0 }, 'first')).toMatch(/between 1 and 100/);
    }
  });

  test('a cursor is refused by another list, by the same list under other arguments, and in its earlier format', async () => {
    const orgCursor = (await f.must(ANON, ORGS, { first: 1 })).organizations.pageInfo.last;
    const negativeList = `query($after: String) { negativeList(after: $after) { edges { cursor } } }`;
    expect(await refused(authority(CITY), negativeList, { after: orgCursor }, 'after')).toMatch(/cursor of organizations, not of negativeList/);
    expect(await refused(ANON, SEARCH, { after: orgCursor }, 'after')).toMatch(/cursor of organizations, not of dataResources/);
    const events = `query($after: String) { auditEvents(after: $after) { edges { cursor } } }`;
    expect(await refused(auditor(CITY), events, { after: orgCursor }, 'after')).toMatch(/cursor of organizations, not of auditEvents/);
    const eventCursor = (await f.must(auditor(CITY), `query { auditEvents(first: 1) { pageInfo { endCursor } } }`)).auditEvents.pageInfo.endCursor;
    expect(await refused(ANON, ORGS, { after: eventCursor }, 'after')).toMatch(/cursor of auditEvents, not of organizations/);
    // The keyword is an argument of the search: a cursor of one keyword does not page another.
    const keywordCursor = (await f.must(ANON, SEARCH, { f: { keyword: '接力甲' }, first: 1 })).dataResources.pageInfo.endCursor;
    expect(await refused(ANON, SEARCH, { f: { keyword: '登记' }, after: keywordCursor }, 'after')).toMatch(/dataResources with other arguments/);
    const kinds = `query($after: String) { organizations(kind: ENTERPRISE, after: $after) { edges { cursor } } }`;
    expect(await refused(ANON, kinds, { after: orgCursor }, 'after')).toMatch(/organizations with other arguments/);
    const oldFormat = encodeCursor({ values: [parseId(ids.cityAgency)!.ulid], directions: ['DESC'] });
    expect(await refused(ANON, ORGS, { after: oldFormat }, 'after')).toMatch(/start again from the first page/);
  });
});

const NODE = `query($id: ID!) { node(id: $id) {
  __typename id
  ... on DataResource { name }
  ... on Organization { name }
  ... on ShareRequest { status scenario }
  ... on OpenDataset { title }
  ... on Operator { agreementNo }
} }`;

describe('object identification: node(id) [SEC-1]', () => {
  test('answers every Node type by the global ID alone, from the node of the region the ID carries', async () => {
    const cases: [Actor | null, string, string, Record<string, unknown>][] = [
      [ANON, ids.lianduResource, 'DataResource', { name: '莲都区个体工商户登记信息' }],
      [ANON, ids.longquanAgency, 'Organization', { name: '龙泉市市场监督管理局' }],
      [agency(ids.lianduAgency), ids.lianduRequest, 'ShareRequest', { status: 'GRANTED', scenario: '企业开办一件事' }],
      [ANON, ids.openDataset, 'OpenDataset', {}],
      [authority(LONGQUAN), ids.operator, 'Operator', {}],
    ];
    for (const [actor, id, type, fields] of cases) {
      expect((await f.must(actor, NODE, { id })).node).toMatchObject({ __typename: type, id, ...fields });
    }
  });

  test('is null, without an error, for what the caller may not see: nobody learns that it exists or what it is [SEC-1, SHR-1]', async () => {
    for (const [actor, id] of [
      [ANON, ids.lianduRequest],
      // 莲都's agency requested the same entry, but this request is 龙泉's.
      [agency(ids.lianduAgency), ids.longquanRequest],
      [ANON, ids.draft],
      [agency(ids.lianduAgency), ids.draft],
    ] as const) {
      expect(await f.gql(actor, NODE, { id })).toMatchObject({ data: { node: null } });
      expect((await f.gql(actor, NODE, { id })).errors).toBeUndefined();
    }
    // Its provider sees the draft.
    expect((await f.must(agency(ids.cityAgency), NODE, { id: ids.draft })).node).toMatchObject({ __typename: 'DataResource', name: '接力甲三' });
  });

  test('is null for an ID that names nothing: unknown, malformed, or of a region no platform hosts', async () => {
    for (const id of [newId(LIANDU), 'not-an-id', '999999:01ARZ3NDEKTSV4RRFFQ69G5FAV', ids.cityAgency.toLowerCase()]) {
      const r = await f.gql(authority(CITY), NODE, { id });
      expect(r).toMatchObject({ data: { node: null } });
      expect(r.errors).toBeUndefined();
    }
  });

  test('a read of a non-public object through node(id) is in the audit log, as any read of it [SEC-2, D §24]', async () => {
    const EVENTS = `query($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 100) { edges { node { action entityType } } } }`;
    const requester = agency(ids.longquanAgency);
    const staff = agency(ids.lianduAgency);
    const filter = { entityId: ids.longquanRequest, kind: 'READ', actor: requester.sub };
    const reads = async () => (await f.must(auditor(CITY), EVENTS, { filter })).auditEvents.edges.length;
    const before = await reads();
    expect((await f.must(requester, NODE, { id: ids.longquanRequest })).node).toMatchObject({ __typename: 'ShareRequest' });
    expect(await reads()).toBeGreaterThan(before);
    // A caller who sees nothing reads nothing.
    const unseen = { ...filter, actor: staff.sub };
    const beforeUnseen = (await f.must(auditor(CITY), EVENTS, { filter: unseen })).auditEvents.edges.length;
    await f.gql(staff, NODE, { id: ids.longquanRequest });
    expect((await f.must(auditor(CITY), EVENTS, { filter: unseen })).auditEvents.edges.length).toBe(beforeUnseen);
  });
});

/** The client-facing schema: the committed subgraph schemas composed, without federation's directives. */
function apiSchema(): string {
  const result = composeServices(
    [...SUBGRAPH_NAMES, 'audit'].map((name) => ({ name, url: `http://${name}.invalid/graphql`, typeDefs: parse(readFileSync(schemaFile(`${name}.graphql`), 'utf8')) })),
  );
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return printSchema(result.schema.toAPISchema().toGraphQLJSSchema());
}

describe('relay-compiler', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** The operation text relay-compiler wrote for one query. */
  const compiled = (name: string): string => {
    const artifact = readFileSync(join(dir, 'src', '__generated__', `${name}.graphql.ts`), 'utf8');
    return JSON.parse(/"text": ("(?:[^"\\]|\\.)*")/.exec(artifact)![1]!);
  };

  test("accepts @connection and @refetchable on the demo's operations, and the queries it makes run through the gateway", async () => {
    mkdirSync(join(dir, 'src', '__generated__'), { recursive: true });
    writeFileSync(join(dir, 'schema.graphql'), apiSchema());
    for (const [file, text] of Object.entries(RELAY_SOURCES)) writeFileSync(join(dir, 'src', file), text);
    writeFileSync(join(dir, 'relay.config.json'), JSON.stringify({ src: './src', schema: './schema.graphql', language: 'typescript', artifactDirectory: './src/__generated__' }));
    const run = await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules', 'relay-compiler', 'cli.js')], { cwd: dir }).catch((e) => e);
    expect({ code: run.code ?? 0, output: `${run.stdout}${run.stderr}` }).toMatchObject({ code: 0, output: expect.stringContaining('Compilation completed') });

    // Refetching a fragment goes through node(id).
    const refetch = compiled('CatalogSearchResourceRefetchQuery');
    expect(refetch).toMatch(/node\(id: \$id\)/);
    expect((await f.must(ANON, refetch, { id: ids.lianduResource })).node).toMatchObject({ __typename: 'DataResource', name: '莲都区个体工商户登记信息' });
    expect((await f.must(agency(ids.lianduAgency), compiled('ProviderDeskRequestRefetchQuery'), { id: ids.lianduRequest })).node).toMatchObject({
      scenario: '企业开办一件事',
      requester: { name: '丽水市莲都区市场监督管理局' },
    });
    expect((await f.must(ANON, compiled('OpenDatasetsDatasetRefetchQuery'), { id: ids.openDataset })).node).toMatchObject({ __typename: 'OpenDataset' });

    // Paging the connection as Relay does: the cursor of one page asks for the next.
    const paging = compiled('CatalogSearchPaginationQuery');
    const names: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const page: any = (await f.must(ANON, paging, { keyword: '接力甲', count: 1, cursor })).dataResources;
      names.push(...page.edges.map((e: any) => e.node.name));
      if (!page.pageInfo.hasNextPage) break;
      cursor = page.pageInfo.endCursor;
    }
    expect(names).toEqual(['接力甲二', '接力甲一']);
  });
});
