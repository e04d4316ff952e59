import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { AuditSession, writeAudit } from '../subgraphs/kit/server/audit.js';
import { agency, authority } from './support/node.js';
import { registerOrganization, resourceInput } from './support/catalog-fixtures.js';
import { eventually } from './support/eventually.js';
import { startTestFederation } from './support/federation.js';

/**
 * Issue 8 item 3: what an operator's Prometheus scrapes. A three-node federation with its gateway,
 * real requests through it, and `GET /metrics` on the gateway and on a subgraph, parsed as the
 * text exposition format and compared before and after.
 */
let f: Awaited<ReturnType<typeof startTestFederation>>;

type Sample = { name: string; labels: Record<string, string>; value: number };

/** The samples of a Prometheus text exposition (comments skipped, label values unescaped). */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2].replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c));
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return samples;
}

async function scrape(url: string) {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const samples = parseExposition(await res.text());
  /** Sum of the samples of `name` whose labels include `where` (a RegExp matches a label's value). */
  return (name: string, where: Record<string, string | RegExp> = {}) =>
    samples
      .filter((s) => s.name === name && Object.entries(where).every(([k, v]) => (typeof v === 'string' ? s.labels[k] === v : v.test(s.labels[k] ?? ''))))
      .reduce((sum, s) => sum + s.value, 0);
}

const gatewayMetrics = () => scrape(`${f.federation.gateway.url}/metrics`);
const subgraphMetricsUrl = (node: string, subgraph: 'catalog' | 'sharing') =>
  f.federation.topology.nodes.find((n) => n.id === node)!.subgraphs[subgraph].replace(/\/graphql$/, '/metrics');

const LIST = `query CityList($s: RegionScopeInput) { dataResources(scope: $s) { totalCount } }`;

beforeAll(async () => {
  f = await startTestFederation('metrics');
});
afterAll(async () => f?.federation.stop());

describe('GET /metrics on the gateway', () => {
  test('a request is counted and timed by its operation name and outcome, and each node it reached by subgraph and node', async () => {
    const was = await gatewayMetrics();
    const r = await f.gql(null, LIST, { s: { regionCode: '331100', includeSubRegions: true } });
    expect(r.errors).toBeUndefined();
    const invalid = await f.gql(null, 'query Broken { dataResources(');
    expect(invalid.status).toBe(400);
    const now = await gatewayMetrics();

    const op = { operation: 'CityList', type: 'query', outcome: 'ok' };
    expect(now('pdf_gateway_requests_total', op) - was('pdf_gateway_requests_total', op)).toBe(1);
    expect(now('pdf_gateway_request_duration_seconds_count', op) - was('pdf_gateway_request_duration_seconds_count', op)).toBe(1);
    expect(now('pdf_gateway_request_duration_seconds_sum', op)).toBeGreaterThan(was('pdf_gateway_request_duration_seconds_sum', op));
    // A request that names no operation the gateway could resolve is counted, not by the name it sent.
    expect(now('pdf_gateway_requests_total', { operation: 'invalid', outcome: 'error' }) - was('pdf_gateway_requests_total', { operation: 'invalid', outcome: 'error' })).toBe(1);
    // 丽水市 with its sub-regions spans all three nodes: one catalog call to each.
    for (const node of ['lishui', 'liandu', 'longquan']) {
      const call = { subgraph: 'catalog', node, outcome: 'ok' };
      expect(now('pdf_gateway_node_fetches_total', call) - was('pdf_gateway_node_fetches_total', call)).toBe(1);
      expect(now('pdf_gateway_node_fetch_duration_seconds_count', call) - was('pdf_gateway_node_fetch_duration_seconds_count', call)).toBe(1);
    }
    // Every node service is up as the gateway sees it: 3 nodes × 4 subgraphs.
    expect(now('pdf_gateway_node_up')).toBe(12);
  });
});

describe('GET /metrics on a subgraph', () => {
  test('its requests, SQL statements, pool and committed audit events (CHANGE, READ) move', async () => {
    const url = subgraphMetricsUrl('lishui', 'catalog');
    const here = { subgraph: 'catalog', node: 'lishui' };
    const was = await scrape(url);
    const org = await registerOrganization(f.call, '331100', '丽水市统计局');
    const staff = agency(org, '331100');
    const created = await f.gql(staff, `mutation Draft($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }`, { input: resourceInput(org, '331100') });
    expect(created.errors).toBeUndefined();
    // A draft is not public: showing it to its agency's staff is an audited read [Z §34].
    const read = await f.gql(staff, `query ReadDraft($id: ID!) { dataResource(id: $id) { id status } }`, { id: created.data!.createDataResource.id });
    expect(read.data!.dataResource).toEqual({ id: created.data!.createDataResource.id, status: 'DRAFT' });
    const now = await scrape(url);

    const planned = { ...here, operation: /^ReadDraft__catalog__\d+$/, type: 'query', outcome: 'ok' };
    expect(now('pdf_subgraph_requests_total', planned) - was('pdf_subgraph_requests_total', planned)).toBe(1);
    expect(now('pdf_subgraph_request_duration_seconds_count', planned) - was('pdf_subgraph_request_duration_seconds_count', planned)).toBe(1);
    expect(now('pdf_subgraph_requests_total', { ...here, type: 'mutation' }) - was('pdf_subgraph_requests_total', { ...here, type: 'mutation' })).toBe(2);
    expect(now('pdf_db_statement_duration_seconds_count', here) - was('pdf_db_statement_duration_seconds_count', here)).toBeGreaterThan(5);
    expect(now('pdf_audit_events_total', { ...here, kind: 'CHANGE' }) - was('pdf_audit_events_total', { ...here, kind: 'CHANGE' })).toBe(2);
    expect(now('pdf_audit_events_total', { ...here, kind: 'READ' }) - was('pdf_audit_events_total', { ...here, kind: 'READ' })).toBe(1);
    // Between requests no connection stays lent out, and the pool's states are all reported. The
    // gateway's readiness probe borrows one twice a second, so the pool is read when it is idle.
    const idle = await eventually(
      () => scrape(url),
      (m) => m('pdf_db_pool_connections', { ...here, state: 'used' }) === 0,
    );
    expect(idle('pdf_db_pool_connections', { ...here, state: 'used' })).toBe(0);
    expect(idle('pdf_db_pool_connections', { ...here, state: 'free' })).toBeGreaterThanOrEqual(1);
    for (const state of ['pending', 'creating']) expect(idle('pdf_db_pool_connections', { ...here, state })).toBe(0);
  });

  test('an audit event is counted once its transaction commits, never when it rolls back', async () => {
    const catalog = f.federation.nodes.get('lishui')!.subgraphs.catalog!;
    const url = subgraphMetricsUrl('lishui', 'catalog');
    const change = { subgraph: 'catalog', node: 'lishui', kind: 'CHANGE' };
    const actor = authority('331100');
    const event = { action: 'metrics-test', entityType: 'Test', entityId: '331100:01JTEST0000000000000000000' };
    const was = await scrape(url);
    await expect(
      catalog.orm.em.fork().transactional(async (em) => {
        await writeAudit(em, new AuditSession(catalog.audit, actor), actor, event);
        throw new Error('a later step of the mutation failed');
      }),
    ).rejects.toThrow('a later step');
    await catalog.orm.em.fork().transactional((em) => writeAudit(em, new AuditSession(catalog.audit, actor), actor, event));
    const now = await scrape(url);
    expect(now('pdf_audit_events_total', change) - was('pdf_audit_events_total', change)).toBe(1);
  });
});

describe('node availability as the gateway sees it', () => {
  test('a node that stops answering is 0 in pdf_gateway_node_up, and its calls are counted unavailable, then skipped', async () => {
    await f.federation.stopNode('longquan');
    const scope = { s: { regionCode: '331100', includeSubRegions: true } };
    const first = await f.gql(null, LIST, scope);
    expect(first.errors?.[0].extensions?.code).toBe('NODE_UNAVAILABLE');
    await f.gql(null, LIST, scope);
    const m = await gatewayMetrics();
    expect(m('pdf_gateway_node_up', { subgraph: 'catalog', node: 'longquan' })).toBe(0);
    expect(m('pdf_gateway_node_up', { subgraph: 'catalog', node: 'liandu' })).toBe(1);
    expect(m('pdf_gateway_node_fetches_total', { subgraph: 'catalog', node: 'longquan', outcome: 'unavailable' })).toBe(1);
    expect(m('pdf_gateway_node_fetches_total', { subgraph: 'catalog', node: 'longquan', outcome: 'skipped' })).toBeGreaterThanOrEqual(1);
    expect(m('pdf_gateway_requests_total', { operation: 'CityList', outcome: 'partial' })).toBe(2);
  });
});
