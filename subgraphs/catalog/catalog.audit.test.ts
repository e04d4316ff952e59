import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { publishResource, registerOrganization, resourceInput } from '../../test/support/catalog-fixtures.js';
import { isValidCheckpoint, AUDIT_HEAD_EXTENSION } from '../../schema/audit.js';
import { TEST_AUDIT_SECRET, TEST_SECRET } from '../../test/support/env.js';
import { internalHeaders } from '../../schema/auth.js';
import { verifyAuditChain } from '../kit/server/audit.js';

let t: Awaited<ReturnType<typeof startTestNode>>;
let statements = 0;
let provider: string;
let published: string;
const em = () => t.running.subgraphs.catalog!.orm.em.fork();
const reads = async () => (await em().getConnection().execute(`select * from "catalog".audit_event where kind = 'READ' order by id`)) as any[];

beforeAll(async () => {
  t = await startTestNode('auditreads', nodeConfig('lishui', ['331100']), (subgraph) => {
    if (subgraph === 'catalog') statements += 1;
  });
  provider = await registerOrganization(t.call, '331100', '丽水市大数据发展管理局');
  published = await publishResource(t.call, provider, '331100', { name: '公开目录条目' });
  for (let i = 0; i < 50; i++) {
    const r = await t.call('catalog', agency(provider, '331100'), `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }`, {
      input: resourceInput(provider, '331100', { name: `草稿${i}` }),
    });
    expect(r.errors).toBeUndefined();
  }
}, 300_000);
afterAll(async () => t?.stop());

const DRAFTS = `query($n: Int) { dataResources(first: $n, filter: { status: DRAFT }) { edges { node { id name } } } }`;
const auditor = { sub: 'auditor-331100', orgId: null, region: '331100', roles: ['AUDITOR' as const] };

test('reading drafts records who, which entry, when and from which organization; 50 cost the same statements as 5 [D §24, Z §34]', async () => {
  const run = async (n: number) => {
    const before = statements;
    const r = await t.call('catalog', auditor, DRAFTS, { n });
    expect(r.errors).toBeUndefined();
    expect(r.data!.dataResources.edges).toHaveLength(n);
    return statements - before;
  };
  const already = (await reads()).length;
  const small = await run(5);
  const large = await run(50);
  expect(large).toBe(small);
  const rows = (await reads()).slice(already);
  // 5 + 50 reads, each written once, in one insert per request.
  expect(rows).toHaveLength(55);
  expect(rows[0]).toMatchObject({
    kind: 'READ',
    action: 'read',
    entity_type: 'DataResource',
    actor_sub: 'auditor-331100',
    actor_region: '331100',
    region_code: '331100',
    keying: 'HMAC',
  });
  expect(new Date(rows[0].at).getTime()).toBeGreaterThan(Date.now() - 60_000);
  expect((await verifyAuditChain(em(), t.running.subgraphs.catalog!.audit)).ok).toBe(true);
});

test('the agency that reads its own draft is recorded with its organization; a public entry is not recorded [D §24]', async () => {
  const already = (await reads()).length;
  const r = await t.call('catalog', agency(provider, '331100'), `query($a: ID!, $b: ID!) { a: dataResource(id: $a) { id } b: dataResource(id: $b) { id history { number } } }`, {
    a: published,
    b: (await t.call('catalog', auditor, DRAFTS, { n: 1 })).data!.dataResources.edges[0].node.id,
  });
  expect(r.errors).toBeUndefined();
  const rows = (await reads()).slice(already + 1);
  expect(rows.map((x) => [x.entity_type, x.actor_org])).toEqual([
    ['DataResource', provider],
    ['DataResource.history', provider],
  ]);
  expect(rows.some((x) => x.entity_id === published)).toBe(false);
});

test("a response that appended events carries the chain's new head, signed for the gateway to keep [Z §34]", async () => {
  const body0 = JSON.stringify({ query: DRAFTS, variables: { n: 2 } });
  const res = await fetch(t.node.subgraphs.catalog, {
    method: 'POST',
    headers: internalHeaders(authority('331100'), body0, TEST_SECRET, { subgraph: 'catalog', node: 'lishui' }),
    body: body0,
  });
  const body = (await res.json()) as any;
  const head = body.extensions[AUDIT_HEAD_EXTENSION];
  expect(isValidCheckpoint(TEST_AUDIT_SECRET, head)).toBe(true);
  const [last] = await em().getConnection().execute(`select id, hash, seq from "catalog".audit_event order by id desc limit 1`);
  expect(head).toMatchObject({ node: 'lishui', subgraph: 'catalog', lastId: String(last.id), hash: last.hash, count: Number(last.seq) });
});
