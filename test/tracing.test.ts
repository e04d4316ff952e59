import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import pg from 'pg';
import { mintToken } from '../gateway/auth.js';
import { startTracing, type Tracing } from '../platform/tracing.js';
import { TEST_JWT_SECRET } from './support/env.js';
import { agency } from './support/node.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { startTestFederation } from './support/federation.js';

/**
 * Issue 8 item 4: one trace per request across the federation. Tracing is started in this
 * process with an in-memory exporter, then a three-node federation in the same process; a
 * request through the gateway carrying a client's `traceparent` must yield spans for each node
 * call at the gateway and for the SQL in the subgraphs, all in that trace.
 */
const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let f: Awaited<ReturnType<typeof startTestFederation>>;

beforeAll(async () => {
  tracing = startTracing({ serviceName: 'pdf-test', exporter })!;
  // In a process the pg instrumentation patches pg as knex requires it; jest loads modules itself,
  // past that hook, so the test applies the same patch to the pg jest loaded (the one knex uses).
  for (const i of tracing.instrumentations) for (const def of i.getModuleDefinitions()) if (def.name === 'pg') def.patch?.(pg, '8.23.1');
  f = await startTestFederation('tracing');
});
afterAll(async () => {
  await f?.federation.stop();
  await tracing?.shutdown();
});

/** A POST to the gateway as a client that started a trace of its own; returns that trace's id. */
async function tracedRequest(token: string | null, query: string, variables: Record<string, unknown> = {}) {
  const traceId = randomBytes(16).toString('hex');
  const res = await fetch(`${f.federation.gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  await tracing.flush();
  return { traceId, body, spans: exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId) };
}

const isSql = (s: ReadableSpan) => s.kind === SpanKind.CLIENT && s.instrumentationScope.name.includes('instrumentation-pg');
const parentOf = (s: ReadableSpan, spans: ReadableSpan[]) => spans.find((p) => p.spanContext().spanId === s.parentSpanContext?.spanId);

describe('a request through the gateway is one trace', () => {
  test('the gateway spans each node call (node, subgraph), the subgraph continues the trace it was sent, and its SQL is in it', async () => {
    exporter.reset();
    const { spans } = await tracedRequest(null, `query CityList($s: RegionScopeInput) { dataResources(scope: $s) { totalCount } }`, {
      s: { regionCode: '331100', includeSubRegions: true },
    });

    const fetches = spans.filter((s) => s.name === 'node fetch catalog');
    expect(fetches.map((s) => s.attributes['pdf.node']).sort()).toEqual(['liandu', 'lishui', 'longquan']);
    for (const s of fetches) expect(s.attributes).toMatchObject({ 'pdf.subgraph': 'catalog', 'pdf.outcome': 'ok' });

    // Each subgraph's server span hangs under the HTTP call that one node fetch made: the
    // traceparent crossed the wire, it was not merely the same id by chance.
    const served = spans.filter((s) => s.kind === SpanKind.SERVER && s.attributes['pdf.subgraph'] === 'catalog');
    expect(served.map((s) => s.attributes['pdf.node']).sort()).toEqual(['liandu', 'lishui', 'longquan']);
    for (const s of served) {
      const call = parentOf(s, spans)!;
      expect(call.kind).toBe(SpanKind.CLIENT);
      expect(parentOf(call, spans)).toMatchObject({ name: 'node fetch catalog', attributes: expect.objectContaining({ 'pdf.node': s.attributes['pdf.node'] }) });
    }

    // SQL of every node that answered, under that node's server span.
    const sql = spans.filter(isSql);
    const sqlNodes = new Set(
      sql.map((q) => {
        let p = parentOf(q, spans);
        while (p && p.kind !== SpanKind.SERVER) p = parentOf(p, spans);
        return p?.attributes['pdf.node'];
      }),
    );
    expect([...sqlNodes].sort()).toEqual(['liandu', 'lishui', 'longquan']);
    expect(sql.some((q) => /select/i.test(String(q.attributes['db.query.text'] ?? q.attributes['db.statement'] ?? q.name)))).toBe(true);
  });

  test("a subgraph's call to its sibling (sharing → catalog) carries the trace on", async () => {
    const owner = await registerOrganization(f.call, '331100', '丽水市市场监督管理局');
    const requester = await registerOrganization(f.call, '331100', '丽水市交通运输局');
    const resourceId = await publishResource(f.call, owner, '331100', { shareAttribute: 'CONDITIONAL', shareCondition: '仅用于核验', shareReason: '涉及经营信息' });
    exporter.reset();
    const token = await mintToken(agency(requester, '331100'), TEST_JWT_SECRET, '5m');
    const { spans } = await tracedRequest(token, `mutation Ask($input: RequestShareInput!) { requestShare(input: $input) { id } }`, {
      input: {
        resourceId,
        requesterId: requester,
        scenario: '企业开办',
        purpose: '核验登记状态',
        legalDuty: '依法履行市场监管职责',
        itemNames: ['企业名称'],
        endDate: `${new Date().getFullYear() + 1}-06-30`,
      },
    });
    const sharing = spans.find((s) => s.kind === SpanKind.SERVER && s.attributes['pdf.subgraph'] === 'sharing')!;
    const catalog = spans.find((s) => s.kind === SpanKind.SERVER && s.attributes['pdf.subgraph'] === 'catalog')!;
    expect(sharing).toBeDefined();
    expect(catalog).toBeDefined();
    // The catalog was called by the sharing subgraph (its peer client's HTTP span), not by the gateway.
    let p = parentOf(catalog, spans);
    while (p && p.kind !== SpanKind.SERVER) p = parentOf(p, spans);
    expect(p).toBe(sharing);
  });
});
