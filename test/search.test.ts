import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { decodeCursor } from '../schema/cursor.js';
import { authority } from './support/node.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { startTestFederation } from './support/federation.js';

let f: Awaited<ReturnType<typeof startTestFederation>>;
const gql = (...args: Parameters<typeof f.gql>) => f.gql(...args);

const tag = () => `搜${Math.random().toString(36).slice(2, 7)}`;

beforeAll(async () => {
  f = await startTestFederation('search');
}, 300_000);
afterAll(async () => f?.federation.stop());

const PAGE = `query($f: DataResourceFilter, $first: Int, $after: String) {
  dataResources(filter: $f, first: $first, after: $after) { totalCount edges { cursor node { name region { code } } } pageInfo { hasNextPage endCursor } }
}`;

describe('catalog search through the gateway [CAT-8]', () => {
  test('one list over all nodes: the exact name first even when older and on another node, then by rank and newest; pages by cursor without repeats or gaps', async () => {
    const k = tag();
    const city = await registerOrganization(f.call, '331100', '丽水市自然资源和规划局');
    const liandu = await registerOrganization(f.call, '331102', '莲都区自然资源和规划分局');
    const longquan = await registerOrganization(f.call, '331181', '龙泉市自然资源和规划局');
    // Oldest first: the exact name is the oldest entry, on the city node.
    await publishResource(f.call, city, '331100', { name: k });
    await publishResource(f.call, liandu, '331102', { name: '地籍调查', summary: `包含${k}的摘要` });
    await publishResource(f.call, longquan, '331181', { name: `${k}林地` });
    await publishResource(f.call, city, '331100', { name: '测绘成果', items: [{ name: `${k}图号`, dataType: 'STRING' }] });
    await publishResource(f.call, liandu, '331102', { name: `${k}宗地` });
    const expected = [k, `${k}宗地`, `${k}林地`, '测绘成果', '地籍调查'];

    const whole = await gql(null, PAGE, { f: { keyword: k }, first: 10 });
    expect(whole.errors).toBeUndefined();
    expect(whole.data!.dataResources.totalCount).toBe(5);
    expect(whole.data!.dataResources.edges.map((e: any) => e.node.name)).toEqual(expected);
    expect(whole.data!.dataResources.edges.map((e: any) => decodeCursor(e.cursor)!.values[0])).toEqual([0, 1, 1, 2, 2]);

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const r: any = await gql(null, PAGE, { f: { keyword: k }, first: 2, after });
      expect(r.errors).toBeUndefined();
      expect(r.data.dataResources.totalCount).toBe(5);
      seen.push(...r.data.dataResources.edges.map((e: any) => e.node.name));
      after = r.data.dataResources.pageInfo.hasNextPage ? r.data.dataResources.pageInfo.endCursor : null;
      pages += 1;
    } while (after && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
  });

  test('a single character finds an entry whose only match is an item name, on whichever node holds it', async () => {
    const org = await registerOrganization(f.call, '331181', '龙泉市文化广电旅游体育局');
    await publishResource(f.call, org, '331181', { name: '青瓷窑址名录', summary: '龙泉青瓷古窑址', items: [{ name: '窑址编号罍', dataType: 'STRING' }] });
    const r = await gql(null, PAGE, { f: { keyword: '罍' } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.dataResources.edges.map((e: any) => [e.node.name, e.node.region.code])).toEqual([['青瓷窑址名录', '331181']]);
  });

  test("facet counts from several nodes are the sums of each node's own counts, and the total is their sum too", async () => {
    const k = tag();
    const city = await registerOrganization(f.call, '331100', '丽水市水利局');
    const liandu = await registerOrganization(f.call, '331102', '莲都区水利局');
    const longquan = await registerOrganization(f.call, '331181', '龙泉市水利局');
    await publishResource(f.call, city, '331100', { name: `${k}水库`, format: 'API' });
    await publishResource(f.call, city, '331100', { name: `${k}堤防`, shareAttribute: 'CONDITIONAL', shareCondition: '仅限防汛', shareReason: '涉及工程安全' });
    await publishResource(f.call, liandu, '331102', { name: `${k}山塘`, format: 'API' });
    await publishResource(f.call, longquan, '331181', { name: `${k}水文站`, format: 'SPREADSHEET' });
    await publishResource(f.call, longquan, '331181', {
      name: `${k}取水口`,
      format: 'API',
      shareAttribute: 'CONDITIONAL',
      shareCondition: '仅限水资源管理',
      shareReason: '涉及取水许可',
    });

    const FACETS = `query($f: DataResourceFilter, $scope: RegionScopeInput) { dataResources(filter: $f, scope: $scope, first: 1) {
      totalCount
      facets { format { value count } shareAttribute { value n: count } provider { count provider { name } } region { value count region { name } } }
    } }`;
    const all = await gql(authority('331100'), FACETS, { f: { keyword: k } });
    expect(all.errors).toBeUndefined();
    const { totalCount, facets } = all.data!.dataResources;
    expect(totalCount).toBe(5);
    expect(facets.format).toEqual([
      { value: 'API', count: 3 },
      { value: 'DATABASE', count: 1 },
      { value: 'SPREADSHEET', count: 1 },
    ]);
    expect(facets.shareAttribute).toEqual([
      { value: 'UNCONDITIONAL', n: 3 },
      { value: 'CONDITIONAL', n: 2 },
    ]);
    // Equal counts order by value, here the provider ID: 331100:… before 331181:….
    expect(facets.provider).toEqual([
      { count: 2, provider: { name: '丽水市水利局' } },
      { count: 2, provider: { name: '龙泉市水利局' } },
      { count: 1, provider: { name: '莲都区水利局' } },
    ]);
    expect(facets.region).toEqual([
      { value: '331100', count: 2, region: { name: '丽水市' } },
      { value: '331181', count: 2, region: { name: '龙泉市' } },
      { value: '331102', count: 1, region: { name: '莲都区' } },
    ]);

    // Each node alone, by scope: the merged counts are exactly their sums.
    const sums = new Map<string, number>();
    let total = 0;
    for (const regionCode of ['331100', '331102', '331181']) {
      const one = await gql(authority('331100'), FACETS, { f: { keyword: k }, scope: { regionCode, includeSubRegions: false } });
      expect(one.errors).toBeUndefined();
      total += one.data!.dataResources.totalCount;
      for (const b of one.data!.dataResources.facets.format) sums.set(b.value, (sums.get(b.value) ?? 0) + b.count);
    }
    expect(total).toBe(totalCount);
    expect(Object.fromEntries(facets.format.map((b: any) => [b.value, b.count]))).toEqual(Object.fromEntries(sums));
  });
});
