import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { agency, authority, nodeConfig, startTestNode } from '../../../test/support/node.js';
import { publishResource, registerOrganization } from '../../../test/support/catalog-fixtures.js';
import { makeCreditCode, makeOrganizationCode } from '../../kit/rules/credit-code.js';

let t: Awaited<ReturnType<typeof startTestNode>>;
let statements = 0;
const LOAD = `mutation($input: LoadEntryRecordsInput!) { loadEntryRecords(input: $input) { status } }`;

beforeAll(async () => {
  t = await startTestNode('loadsn1', nodeConfig('lishui', ['331100']), (subgraph) => {
    if (subgraph === 'catalog') statements += 1;
  });
  const org = await registerOrganization(t.call, '331100', '丽水市市场监督管理局');
  for (let i = 0; i < 12; i++) {
    const id = await publishResource(t.call, org, '331100', { name: `加载条目${i}` });
    // Two loads each, one of them rejected, so every entry's page has a node with errors.
    for (const code of [makeCreditCode(`91331100${makeOrganizationCode(`MA${String(i).padStart(6, '0')}`)}`), 'bad']) {
      const r = await t.call('catalog', agency(org, '331100'), LOAD, { input: { resourceId: id, records: [{ 统一社会信用代码: code, 企业名称: '某公司' }] } });
      expect(r.errors).toBeUndefined();
    }
  }
}, 300_000);
afterAll(async () => t?.stop());

const LIST = `query($n: Int) { dataResources(first: $n) { edges { node { id dataLoads(first: 1) { totalCount edges { node { version status rowCount errors { line item } } } pageInfo { hasNextPage } } } } } }`;

test('the loads of 12 entries cost the same SQL statements as of 3 (one batched page and one count) [B §18]', async () => {
  const run = async (first: number) => {
    const before = statements;
    const r = await t.call('catalog', authority('331100'), LIST, { n: first });
    expect(r.errors).toBeUndefined();
    const edges = r.data!.dataResources.edges;
    expect(edges).toHaveLength(first);
    for (const e of edges) expect(e.node.dataLoads).toMatchObject({ totalCount: 2, edges: [{ node: { version: 2, status: 'REJECTED' } }], pageInfo: { hasNextPage: true } });
    return statements - before;
  };
  const small = await run(3);
  const large = await run(12);
  expect(large).toBe(small);
});
