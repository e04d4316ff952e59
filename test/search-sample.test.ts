import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ANONYMOUS } from '../schema/auth.js';
import { storedEntry } from '../seeds/stored-entry.js';
import { registerOrganization, withCountBound } from './support/catalog-fixtures.js';
import { provisionTestDatabases, TEST_SETTINGS } from './support/env.js';
import { callerOf, nodeConfig, startCatalog } from './support/node.js';
import { callSubgraph } from './support/subgraph-client.js';
import { type RunningSubgraph } from '../subgraphs/kit/server/subgraph.js';
import { DataResource } from '../subgraphs/catalog/resource.entity.js';
import { beyondBound, sampleShare, walkRanks } from '../subgraphs/catalog/search/engine.js';

/**
 * The sample behind a search's count, on a catalog larger than the sample and than a walk
 * (10,700 entries, loaded in bulk): the count it settles, and the page it chooses to walk for.
 * The catalog's smaller tests see the whole table in the sample; these do not.
 */

describe('beyondBound: when a search count may be an estimate [CAT-8, L §9]', () => {
  /** A deterministic stream of uniform numbers (mulberry32), so the test draws the same samples on every run. */
  function uniform(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  test('never claims more than the bound for matches that are within it, however they lie on the pages', () => {
    const share = sampleShare(33_659);
    const draw = uniform(7);
    // The most pages a count within the bound can occupy: one match on each of `bound` pages.
    for (let trial = 0; trial < 2_000; trial++) {
      let found = 0;
      for (let page = 0; page < 1000; page++) if (draw() < share) found += 1;
      expect(beyondBound(1000, found, share)).toBe(false);
    }
  });

  test('recognizes a frequent term from the pages the sample found it on', () => {
    const share = sampleShare(33_659);
    // 12,000 matches, one page in three holding one: the sample finds about 130 pages.
    expect(beyondBound(1000, Math.round((33_659 / 3) * share), share)).toBe(true);
    // A sample of the whole table never stands in for the bounded count.
    expect(beyondBound(1000, 1000, 1)).toBe(false);
  });
});

describe('walkRanks: how a search page is read [CAT-8, L §9]', () => {
  const sample = (rows: number, hits: number, nameHits: number, total = 33_659) => ({ __sampled: [rows / 10, rows], __total: total, __hits: hits, __name_hits: nameHits });

  test('walks a rank whose matches the newest entries are expected to hold several pages of, and only that rank', () => {
    expect([...walkRanks(21, sample(4000, 300, 280))]).toEqual([1]);
    expect([...walkRanks(21, sample(4000, 300, 10))]).toEqual([2]);
    expect([...walkRanks(21, sample(4000, 12, 6))]).toEqual([]);
    expect([...walkRanks(21, sample(0, 0, 0))]).toEqual([]);
    // A table the sample reads whole never walks: its index is as quick.
    expect([...walkRanks(21, sample(4000, 300, 280, 400))]).toEqual([]);
  });
});

const REGION = '331100';
const node = nodeConfig('lishui', [REGION]);
const OLD = 600;
const NEW = 10_100;
let dbs: Awaited<ReturnType<typeof provisionTestDatabases>>;
let sub: RunningSubgraph;
/** The catalog's settings, kept to lower its count bound for a test. */
const settings = { ...TEST_SETTINGS, metrics: false };
const statements: string[] = [];
/** The statement that counts matches up to the bound. */
const BOUNDED_COUNT = /count\(\*\)::int as count from \(select 1 /;

const SEARCH = `query($f: DataResourceFilter, $after: String) { dataResources(filter: $f, first: 20, after: $after) {
  totalCount totalCountIsExact edges { node { name } } pageInfo { hasNextPage endCursor } } }`;

async function search(keyword: string, after: string | null = null) {
  const r = await callSubgraph(sub.url, { subgraph: 'catalog', node: node.id }, ANONYMOUS, SEARCH, { f: { keyword }, after });
  expect(r.errors).toBeUndefined();
  return r.data!.dataResources as {
    totalCount: number;
    totalCountIsExact: boolean;
    edges: { node: { name: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
}

describe('a catalog larger than the sample [CAT-8, L §9]', () => {
  beforeAll(async () => {
    dbs = await provisionTestDatabases('search_sample');
    sub = await startCatalog(node, dbs, { settings, onQuery: (sql) => statements.push(sql) });
    const providerId = await registerOrganization(callerOf(node), REGION, '丽水市档案馆');
    // Oldest first (IDs, and so the order of entries, follow the order they are made in): 600
    // archive entries, then 10,100 others, 3 of which name an archive too.
    const names = [...Array.from({ length: OLD }, (_, i) => `档案目录${i}`), ...Array.from({ length: NEW }, (_, i) => (i % 5000 === 0 ? `新建档案${i / 5000}` : `普通条目${i}`))];
    const rows = names.map((name, i) =>
      storedEntry({ region: REGION, providerId, code: `${REGION}/91000/${String(i).padStart(6, '0')}`, name, summary: '按月汇总，供各部门共享使用。', itemNames: ['记录编号'] }),
    );
    await sub.orm.em.fork().transactional(async (em) => {
      for (let i = 0; i < rows.length; i += 1000) await em.insertMany(DataResource, rows.slice(i, i + 1000));
    });
    const conn = sub.orm.em.fork().getConnection();
    await conn.execute('analyze "catalog".data_resource');
    const [{ pages }] = await conn.execute(`select pg_relation_size('"catalog".data_resource') / current_setting('block_size')::int as pages`);
    // What these tests are about: a sample of part of the table.
    expect(sampleShare(Number(pages))).toBeLessThan(0.8);
  }, 300_000);
  afterAll(async () => {
    await sub?.stop();
    await dbs?.stop();
  });

  test('a page whose newest matches are few walks the newest entries, then continues among the older ones in order', async () => {
    const before = statements.length;
    const page1 = await search('档案');
    expect(statements.slice(before).some((sql) => sql.includes('walk_edge'))).toBe(true);
    const expected = ['新建档案2', '新建档案1', '新建档案0', ...Array.from({ length: 17 }, (_, i) => `档案目录${OLD - 1 - i}`)];
    expect(page1.edges.map((e) => e.node.name)).toEqual(expected);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await search('档案', page1.pageInfo.endCursor);
    expect(page2.edges.map((e) => e.node.name)).toEqual(Array.from({ length: 20 }, (_, i) => `档案目录${OLD - 18 - i}`));
    expect(page1.totalCount).toBe(OLD + 3);
    expect(page1.totalCountIsExact).toBe(true);
  });

  test('with facets the page is the same, and past the bound the counts are estimates said to be', async () => {
    const Q = `query($f: DataResourceFilter) { dataResources(filter: $f, first: 20) {
      totalCount edges { node { name } } facets { countsAreExact status { value count } } } }`;
    const r = await withCountBound(100, () => callSubgraph(sub.url, { subgraph: 'catalog', node: node.id }, ANONYMOUS, Q, { f: { keyword: '档案' } }), settings);
    expect(r.errors).toBeUndefined();
    const plain = await search('档案');
    expect(r.data!.dataResources.edges).toEqual(plain.edges);
    expect(r.data!.dataResources.facets.countsAreExact).toBe(false);
    expect(r.data!.dataResources.facets.status).toEqual([{ value: 'PUBLISHED', count: r.data!.dataResources.totalCount }]);
    expect(r.data!.dataResources.totalCount).toBeGreaterThan(100);
  });

  test('a count the sample cannot settle is counted up to the bound, then estimated and said to be', async () => {
    const before = statements.length;
    const r = await withCountBound(100, () => search('档案'), settings);
    expect(statements.slice(before).filter((sql) => BOUNDED_COUNT.test(sql))).toHaveLength(1);
    expect(r.totalCountIsExact).toBe(false);
    expect(r.totalCount).toBeGreaterThan(100);
    expect(r.totalCount).toBeGreaterThan((OLD + 3) / 2);
    expect(r.totalCount).toBeLessThan((OLD + 3) * 2);
  });

  test('a term on far more pages than the bound allows is estimated from the sample alone, without counting its matches', async () => {
    const before = statements.length;
    const r = await withCountBound(100, () => search('条目'), settings);
    expect(statements.slice(before).filter((sql) => BOUNDED_COUNT.test(sql))).toEqual([]);
    expect(r.totalCountIsExact).toBe(false);
    expect(r.totalCount).toBeGreaterThan(NEW * 0.8);
    expect(r.totalCount).toBeLessThan(NEW * 1.2);
    expect(r.edges.map((e) => e.node.name).slice(0, 3)).toEqual([`普通条目${NEW - 1}`, `普通条目${NEW - 2}`, `普通条目${NEW - 3}`]);
    // Counted exactly on request.
    const exact = await callSubgraph(
      sub.url,
      { subgraph: 'catalog', node: node.id },
      ANONYMOUS,
      '{ dataResources(filter: { keyword: "条目" }, exactCount: true) { totalCount totalCountIsExact } }',
    );
    expect(exact.data!.dataResources).toEqual({ totalCount: NEW - 3, totalCountIsExact: true });
  });
});
