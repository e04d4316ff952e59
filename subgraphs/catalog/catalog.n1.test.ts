import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { publishResource, registerOrganization } from '../../test/support/catalog-fixtures.js';

let t: Awaited<ReturnType<typeof startTestNode>>;
let statements = 0;

beforeAll(async () => {
  t = await startTestNode('n1', nodeConfig('lishui', ['331100']), (subgraph) => {
    if (subgraph === 'catalog') statements += 1;
  });
  // Several providers, so loading each entry's provider really is a per-parent lookup.
  const providers = await Promise.all(
    ['公安局', '市场监督管理局', '人力资源和社会保障局', '卫生健康委员会', '交通运输局'].map((n) => registerOrganization(t.call, '331100', `丽水市${n}`)),
  );
  for (let i = 0; i < 50; i++) await publishResource(t.call, providers[i % providers.length], '331100', { name: `目录条目${i}` });
}, 300_000);
afterAll(async () => t?.stop());

const LIST = `query($n: Int) { dataResources(first: $n) { totalCount edges { node { id name provider { name region { name } } items { name dataType } } } } }`;

async function statementsFor(first: number): Promise<{ count: number; edges: number }> {
  const before = statements;
  const r = await t.call('catalog', authority('331100'), LIST, { n: first });
  expect(r.errors).toBeUndefined();
  return { count: statements - before, edges: r.data!.dataResources.edges.length };
}

test("a 50-entry list with each entry's provider and items costs the same SQL statements as a 5-entry list (no N+1)", async () => {
  const small = await statementsFor(5);
  const large = await statementsFor(50);
  expect(small.edges).toBe(5);
  expect(large.edges).toBe(50);
  expect(large.count).toBe(small.count);
  // The page with its count, providers, items: a regression to per-row loading would show as dozens.
  expect(large.count).toBeLessThanOrEqual(3);
});

const REVIEW = `query($n: Int) { dataResources(first: $n) { edges { node { id overdue oneSourceFlags { itemName sourceResource { name } } pendingRevision { status }
  history { number actorOrganization { name } } items { name source { name } } provider { catalogEvaluation { entries returnedReviews } } } } } }`;

test('review records, one-source flags and evaluation for 50 entries cost the same SQL statements as for 5 [CAT-5, CAT-6, CAT-9]', async () => {
  const run = async (first: number) => {
    const before = statements;
    const r = await t.call('catalog', authority('331100'), REVIEW, { n: first });
    expect(r.errors).toBeUndefined();
    expect(r.data!.dataResources.edges).toHaveLength(first);
    expect(r.data!.dataResources.edges[0].node.history.length).toBeGreaterThan(0);
    return statements - before;
  };
  const small = await run(5);
  const large = await run(50);
  expect(large).toBe(small);
  // 10 to read, plus one batched write of the reads of review records (begin, lock, last link, insert, commit) [D §24].
  expect(large).toBeLessThanOrEqual(15);
});
