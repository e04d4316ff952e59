import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { MikroORM } from '@mikro-orm/postgresql';
import { ANONYMOUS } from '../../schema/auth.js';
import { decodeCursor, encodeCursor } from '../../schema/cursor.js';
import { newId, parseId } from '../../schema/ids.js';
import { publishResource, registerOrganization, resourceInput, uniqueCreditCode, withCountBound } from '../../test/support/catalog-fixtures.js';
import { provisionTestDatabases, TEST_SETTINGS } from '../../test/support/env.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { callSubgraph, codeOf } from '../../test/support/subgraph-client.js';
import { DEFAULT_MAX } from '../kit/server/input-bounds.js';
import { ormConfig } from '../kit/server/orm.js';
import { createSubgraph } from '../kit/server/subgraph.js';
import { catalogModule } from './index.js';
import { MAX_KEYWORD_LENGTH, narrowingOf, normalizeSearch, parseKeyword, searchColumns } from './search/text.js';

let t: Awaited<ReturnType<typeof startTestNode>>;
let statements = 0;
const REGION = '331100';

beforeAll(async () => {
  t = await startTestNode('search', nodeConfig('lishui', [REGION, '331121']), (subgraph) => {
    if (subgraph === 'catalog') statements += 1;
  });
}, 300_000);
afterAll(async () => t?.stop());

/** A tag no other test's data contains, so each test sees only its own entries. */
const tag = () => `检${Math.random().toString(36).slice(2, 7)}`;

const SEARCH = `query($f: DataResourceFilter, $first: Int, $after: String, $scope: RegionScopeInput) {
  dataResources(filter: $f, first: $first, after: $after, scope: $scope) { totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor } }
}`;

async function search(f: Record<string, unknown>, opts: { first?: number; after?: string | null; actor?: Parameters<typeof t.call>[1]; scope?: unknown } = {}) {
  const r = await t.call('catalog', opts.actor ?? authority(REGION), SEARCH, { f, first: opts.first ?? 20, after: opts.after ?? null, scope: opts.scope ?? null });
  expect(r.errors).toBeUndefined();
  return r.data!.dataResources as {
    totalCount: number;
    edges: { cursor: string; node: { id: string; name: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
const names = (page: { edges: { node: { name: string } }[] }) => page.edges.map((e) => e.node.name);

/** Every page by cursor until the end; fails on a page that repeats or skips. */
async function allPages(f: Record<string, unknown>, first: number) {
  const seen: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page = await search(f, { first, after });
    seen.push(...names(page));
    if (!page.pageInfo.hasNextPage) return seen;
    after = page.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

describe('normalization and keyword parsing', () => {
  test('text and keywords are compared in NFKC lower case, one field per line [CAT-8]', () => {
    expect(normalizeSearch('ＧＤＰ统计\n年报')).toBe('gdp统计 年报');
    expect(searchColumns({ name: '人口\n基本信息', summary: 'ＡＢＣ' }, [{ name: '姓名' }]).searchText).toBe('人口 基本信息\nabc\n姓名');
  });

  test('terms of 1 and 2 characters are one gram; longer terms need all their pairs and a recheck', () => {
    expect(parseKeyword(' 局 ')).toEqual({ text: '局', grams: ['局'], recheck: false });
    expect(parseKeyword('企业')).toEqual({ text: '企业', grams: ['企业'], recheck: false });
    expect(parseKeyword('户籍信息')).toEqual({ text: '户籍信息', grams: ['户籍', '籍信', '信息'], recheck: true });
    expect(parseKeyword('   ')).toBeNull();
    expect(parseKeyword('𠀀𠀁')).toEqual({ text: '𠀀𠀁', grams: ['𠀀𠀁'], recheck: false });
  });

  test('the index narrows by what a filter implies and by nothing else', () => {
    const where = {
      $and: [
        { status: 'PUBLISHED', openAttribute: { $ne: 'PROHIBITED' }, securityGrade: 'GENERAL' },
        { $or: [{ status: { $in: ['PUBLISHED', 'DEPRECATED'] } }, { providerId: '331100:X' }] },
        { shareAttribute: { $eq: 'CONDITIONAL' } },
        { regionCode: { $in: ['331121', '331122'] } },
        { name: 'not a key column' },
      ],
    };
    expect(narrowingOf(where)).toEqual({
      all: ['\u0001sPUBLISHED', '\u0001gGENERAL', '\u0001aCONDITIONAL'],
      any: [
        ['\u0001oUNCONDITIONAL', '\u0001oRESTRICTED'],
        ['\u0001r331121', '\u0001r331122'],
      ],
    });
    // Not being one region says nothing: regions are not a closed list here.
    expect(narrowingOf({ regionCode: { $ne: '331100' } })).toEqual({ all: [], any: [] });
  });
});

describe('keyword search [CAT-8]', () => {
  test('1-, 2- and 4-character terms match names, summaries and item names by substring, without word segmentation', async () => {
    const org = await registerOrganization(t.call, REGION, '丽水市公安局');
    const k = tag();
    // The rare characters live only in an item name, only in a summary, or only in a name.
    const byItem = await publishResource(t.call, org, REGION, { name: `${k}甲`, summary: '摘要', items: [{ name: '户籍地址夔', dataType: 'STRING' }] });
    await publishResource(t.call, org, REGION, { name: `${k}乙`, summary: `包含${k}的户籍信息摘要`, items: [{ name: '姓名', dataType: 'STRING' }] });
    await publishResource(t.call, org, REGION, { name: `${k}丙户籍信息`, summary: '摘要', items: [{ name: '姓名', dataType: 'STRING' }] });

    const one = await search({ keyword: '夔' });
    expect(one.edges.map((e) => e.node.id)).toEqual([byItem]);
    expect(one.totalCount).toBe(1);
    expect(names(await search({ keyword: `${k.slice(1, 3)}` })).sort()).toEqual([`${k}丙户籍信息`, `${k}乙`, `${k}甲`].sort());
    const four = await search({ keyword: '户籍信息', providerId: org });
    expect(names(four)).toEqual([`${k}丙户籍信息`, `${k}乙`]);
    // Characters of the term present but not adjacent: 户 and 籍, 信 and 息 appear in 甲's item only as 户籍地址.
    expect((await search({ keyword: '籍地址夔' })).totalCount).toBe(1);
    expect((await search({ keyword: '籍夔' })).totalCount).toBe(0);
  });

  test('case and full-width forms do not matter; LIKE wildcards are plain characters', async () => {
    const org = await registerOrganization(t.call, REGION, '丽水市统计局');
    const k = tag();
    await publishResource(t.call, org, REGION, { name: `${k}GDP核算`, summary: '增速_季度' });
    await publishResource(t.call, org, REGION, { name: `${k}占比100%`, summary: '比例' });
    await publishResource(t.call, org, REGION, { name: `${k}其他`, summary: '普通摘要' });
    expect(names(await search({ keyword: `${k}ｇｄｐ` }))).toEqual([`${k}GDP核算`]);
    expect(names(await search({ keyword: '%', providerId: org }))).toEqual([`${k}占比100%`]);
    expect(names(await search({ keyword: '_', providerId: org }))).toEqual([`${k}GDP核算`]);
    expect((await search({ keyword: `${k}%` })).totalCount).toBe(0);
  });

  test('the exact name ranks first, then names containing the term, then summary or item matches; newest first within each', async () => {
    const org = await registerOrganization(t.call, REGION, '丽水市民政局');
    const k = tag();
    const created: string[] = [];
    const add = async (name: string, summary = '摘要') => created.push(await publishResource(t.call, org, REGION, { name, summary }));
    await add('其他一', `摘要提到${k}`);
    await add(`${k}婚姻登记`);
    await add(k);
    await add('其他二', `也提到${k}`);
    await add(`旧${k}`);
    const page = await search({ keyword: k });
    expect(names(page)).toEqual([k, `旧${k}`, `${k}婚姻登记`, '其他二', '其他一']);
    expect(page.edges.map((e) => decodeCursor(e.cursor)!.values[0])).toEqual([0, 1, 1, 2, 2]);
    // Pages of 2 cross the rank boundaries without a repeat or a gap.
    expect(await allPages({ keyword: k }, 2)).toEqual(names(page));
    expect(await allPages({ keyword: k }, 1)).toEqual(names(page));
  });

  test('a name of the longest allowed length is searchable, and a name that only begins with a keyword of the longest length is no exact match', async () => {
    const org = await registerOrganization(t.call, REGION, '丽水市档案馆');
    const k = tag();
    const longest = `${k}${'档'.repeat(MAX_KEYWORD_LENGTH - k.length)}`;
    const more = DEFAULT_MAX.line - MAX_KEYWORD_LENGTH;
    const tail = Array.from({ length: more }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20000))).join('');
    await publishResource(t.call, org, REGION, { name: `${longest}${tail}` });
    await publishResource(t.call, org, REGION, { name: longest });
    expect(names(await search({ keyword: longest })).map((n) => n.length)).toEqual([MAX_KEYWORD_LENGTH, DEFAULT_MAX.line]);
    expect(decodeCursor((await search({ keyword: longest })).edges[1]!.cursor)!.values[0]).toBe(1);
  });

  test('filters and scope narrow a keyword search; the count is over all matches, not the page', async () => {
    const org = await registerOrganization(t.call, REGION, '丽水市交通运输局');
    const county = await registerOrganization(t.call, '331121', '青田县交通运输局');
    const k = tag();
    for (let i = 0; i < 3; i++)
      await publishResource(t.call, org, REGION, {
        name: `${k}线路${i}`,
        shareAttribute: i === 0 ? 'CONDITIONAL' : 'UNCONDITIONAL',
        shareCondition: '仅限交通执法',
        shareReason: '涉及车辆轨迹',
      });
    await publishResource(t.call, county, '331121', { name: `${k}县道` });
    const page = await search({ keyword: k }, { first: 2 });
    expect(page.totalCount).toBe(4);
    expect(page.edges).toHaveLength(2);
    expect((await search({ keyword: k, shareAttribute: 'CONDITIONAL' })).totalCount).toBe(1);
    expect(names(await search({ keyword: k }, { scope: { regionCode: '331121', includeSubRegions: false } }))).toEqual([`${k}县道`]);
    expect((await search({ keyword: k }, { scope: { regionCode: REGION, includeSubRegions: false } })).totalCount).toBe(3);
    expect((await search({ keyword: k }, { scope: { regionCode: REGION, includeSubRegions: true } })).totalCount).toBe(4);
  });

  test('the public finds only open published general entries, whatever the keyword', async () => {
    const org = await registerOrganization(t.call, REGION, '丽水市卫生健康委员会');
    const k = tag();
    await publishResource(t.call, org, REGION, { name: `${k}医院名录`, openAttribute: 'UNCONDITIONAL' });
    await publishResource(t.call, org, REGION, { name: `${k}病历`, openAttribute: 'PROHIBITED' });
    const draft = await t.call('catalog', agency(org, REGION), `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }`, {
      input: resourceInput(org, REGION, { name: `${k}草稿` }),
    });
    expect(draft.errors).toBeUndefined();
    expect(names(await search({ keyword: k }, { actor: ANONYMOUS }))).toEqual([`${k}医院名录`]);
    expect((await search({ keyword: k }, { actor: agency(org, REGION) })).totalCount).toBe(3);
  });

  test('a keyword that is too long, or a cursor of another search, is refused with what to fix', async () => {
    const long = await t.call('catalog', authority(REGION), SEARCH, { f: { keyword: '字'.repeat(MAX_KEYWORD_LENGTH + 1) } });
    expect(codeOf(long)).toBe('BAD_USER_INPUT');
    expect(long.errors![0].extensions!.field).toBe('filter.keyword');
    expect(long.errors![0].message).toContain(String(MAX_KEYWORD_LENGTH));
    for (const after of [
      'not-a-cursor',
      encodeCursor({ values: ['01ARZ3NDEKTSV4RRFFQ69G5FAV'], directions: ['DESC'] }),
      encodeCursor({ values: [7, 'x'], directions: ['ASC', 'DESC'] }),
    ]) {
      const r = await t.call('catalog', authority(REGION), SEARCH, { f: { keyword: '局' }, after });
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field).toBe('after');
    }
    const noKeyword = await t.call('catalog', authority(REGION), SEARCH, { after: encodeCursor({ values: [1, 'x'], directions: ['ASC', 'DESC'] }) });
    expect(codeOf(noKeyword)).toBe('BAD_USER_INPUT');
  });
});

const FACETS = `query($f: DataResourceFilter, $first: Int) { dataResources(filter: $f, first: $first) {
  totalCount
  facets {
    shareAttribute { value count } openAttribute { value count } securityGrade { value count } library { value count }
    format { value count } updateFrequency { value count } status { value count }
    provider { value count provider { name } } region { value count region { name } }
  }
} }`;

describe('facet counts [CAT-8]', () => {
  test('count every value of every filter over the whole result set, keyword and filters applied', async () => {
    const police = await registerOrganization(t.call, REGION, '丽水市公安局治安支队');
    const county = await registerOrganization(t.call, '331121', '青田县公安局');
    const k = tag();
    await publishResource(t.call, police, REGION, { name: `${k}一`, format: 'API', library: 'POPULATION' });
    await publishResource(t.call, police, REGION, { name: `${k}二`, format: 'API', updateFrequency: 'MONTHLY' });
    await publishResource(t.call, county, '331121', { name: `${k}三`, shareAttribute: 'NOT_SHARED', legalBasis: '《中华人民共和国保守国家秘密法》', openAttribute: 'PROHIBITED' });
    await publishResource(t.call, county, '331121', { name: '无关条目', summary: '不含标签' });
    const r = await t.call('catalog', authority(REGION), FACETS, { f: { keyword: k }, first: 1 });
    expect(r.errors).toBeUndefined();
    const { totalCount, facets } = r.data!.dataResources;
    expect(totalCount).toBe(3);
    expect(facets.shareAttribute).toEqual([
      { value: 'UNCONDITIONAL', count: 2 },
      { value: 'NOT_SHARED', count: 1 },
    ]);
    expect(facets.openAttribute).toEqual([
      { value: 'UNCONDITIONAL', count: 2 },
      { value: 'PROHIBITED', count: 1 },
    ]);
    expect(facets.securityGrade).toEqual([{ value: 'GENERAL', count: 3 }]);
    expect(facets.library).toEqual([
      { value: 'LEGAL_PERSON', count: 2 },
      { value: 'POPULATION', count: 1 },
    ]);
    expect(facets.format).toEqual([
      { value: 'API', count: 2 },
      { value: 'DATABASE', count: 1 },
    ]);
    expect(facets.updateFrequency).toEqual([
      { value: 'DAILY', count: 2 },
      { value: 'MONTHLY', count: 1 },
    ]);
    expect(facets.status).toEqual([{ value: 'PUBLISHED', count: 3 }]);
    expect(facets.provider).toEqual([
      { value: police, count: 2, provider: { name: '丽水市公安局治安支队' } },
      { value: county, count: 1, provider: { name: '青田县公安局' } },
    ]);
    expect(facets.region).toEqual([
      { value: REGION, count: 2, region: { name: '丽水市' } },
      { value: '331121', count: 1, region: { name: '青田县' } },
    ]);

    const filtered = await t.call('catalog', authority(REGION), FACETS, { f: { keyword: k, format: 'API' } });
    expect(filtered.data!.dataResources.totalCount).toBe(2);
    expect(filtered.data!.dataResources.facets.format).toEqual([{ value: 'API', count: 2 }]);
    expect(filtered.data!.dataResources.facets.provider.map((p: any) => p.count)).toEqual([2]);
  });

  test('without a keyword, facets count the whole visible catalog in scope', async () => {
    const org = await registerOrganization(t.call, REGION, '丽水市林业局');
    await publishResource(t.call, org, REGION, { name: '古树名木' });
    await publishResource(t.call, org, REGION, { name: '林权登记', format: 'SPREADSHEET' });
    const r = await t.call('catalog', authority(REGION), FACETS, { f: { providerId: org } });
    expect(r.data!.dataResources.totalCount).toBe(2);
    expect(r.data!.dataResources.facets.format).toEqual([
      { value: 'DATABASE', count: 1 },
      { value: 'SPREADSHEET', count: 1 },
    ]);
  });

  test('a page with facets and provider names costs the same SQL statements for 50 entries as for 5 (no per-row SQL)', async () => {
    const k = tag();
    const providers = await Promise.all(['人力社保局', '教育局', '水利局', '气象局', '商务局'].map((n) => registerOrganization(t.call, REGION, `丽水市${n}${k}`)));
    for (let i = 0; i < 50; i++) await publishResource(t.call, providers[i % providers.length]!, REGION, { name: `${k}条目${i}` });
    const Q = `query($f: DataResourceFilter, $first: Int) { dataResources(filter: $f, first: $first) {
      totalCount edges { node { name provider { name } items { name } } }
      facets { provider { value count provider { name } } status { value count } }
    } }`;
    const cost = async (first: number) => {
      const before = statements;
      const r = await t.call('catalog', authority(REGION), Q, { f: { keyword: k }, first });
      expect(r.errors).toBeUndefined();
      expect(r.data!.dataResources.edges).toHaveLength(first);
      expect(r.data!.dataResources.facets.provider.map((p: any) => p.count)).toEqual([10, 10, 10, 10, 10]);
      expect(r.data!.dataResources.totalCount).toBe(50);
      return statements - before;
    };
    const small = await cost(5);
    const large = await cost(50);
    expect(large).toBe(small);
    // One transaction (begin, settings, the sample, the ranked page with its entries, the facets,
    // which also give the count, commit), then providers and items. Per-row loading would show as dozens.
    expect(large).toBeLessThanOrEqual(8);
  });
});

const COUNTED = `query($f: DataResourceFilter, $exact: Boolean!, $facets: Boolean!) { dataResources(filter: $f, first: 1, exactCount: $exact) {
  totalCount totalCountIsExact
  facets @include(if: $facets) { countsAreExact format { value count } status { value count } }
} }`;

// The test database is far smaller than SAMPLE_PAGES pages, so the sample behind an estimate is the
// whole table: an estimate here equals the true count of what the caller sees, which the tests check.
describe('bounded counts [CAT-8]', () => {
  const counted = async (f: Record<string, unknown>, o: { exact?: boolean; facets?: boolean; actor?: Parameters<typeof t.call>[1] } = {}) => {
    const r = await t.call('catalog', o.actor ?? authority(REGION), COUNTED, { f, exact: o.exact ?? false, facets: o.facets ?? false });
    expect(r.errors).toBeUndefined();
    return r.data!.dataResources as {
      totalCount: number;
      totalCountIsExact: boolean;
      facets?: { countsAreExact: boolean; format: { value: string; count: number }[]; status: { value: string; count: number }[] };
    };
  };

  test('past the bound the count is an estimate above it and says so; exactCount and narrower searches are exact', async () => {
    const org = await registerOrganization(t.call, REGION, '丽水市统计局');
    const k = tag();
    for (let i = 0; i < 6; i++)
      await publishResource(t.call, org, REGION, { name: `${k}统计${i}`, format: i < 4 ? 'API' : 'DATABASE', openAttribute: i < 2 ? 'UNCONDITIONAL' : 'PROHIBITED' });
    await withCountBound(3, async () => {
      expect(await counted({ keyword: k })).toEqual({ totalCount: 6, totalCountIsExact: false });
      expect(await counted({ keyword: k }, { exact: true })).toEqual({ totalCount: 6, totalCountIsExact: true });
      expect(await counted({ keyword: k, format: 'DATABASE' })).toEqual({ totalCount: 2, totalCountIsExact: true });
    });
    // Exactly the bound is still exact: only a match past it makes an estimate.
    await withCountBound(4, async () => {
      expect(await counted({ keyword: k, format: 'API' })).toEqual({ totalCount: 4, totalCountIsExact: true });
    });
  });

  test('facets follow the count: exact within the bound or with exactCount, scaled estimates flagged past it', async () => {
    const org = await registerOrganization(t.call, REGION, '丽水市民政局');
    const k = tag();
    for (let i = 0; i < 6; i++) await publishResource(t.call, org, REGION, { name: `${k}名录${i}`, format: i < 4 ? 'API' : 'DATABASE' });
    /** All six entries counted, flagged exact or not. */
    const six = (exact: boolean) => ({
      totalCount: 6,
      totalCountIsExact: exact,
      facets: {
        countsAreExact: exact,
        format: [
          { value: 'API', count: 4 },
          { value: 'DATABASE', count: 2 },
        ],
        status: [{ value: 'PUBLISHED', count: 6 }],
      },
    });
    await withCountBound(3, async () => {
      // The same reads give both: the count is the estimated total the buckets are scaled to.
      expect(await counted({ keyword: k }, { facets: true })).toEqual(six(false));
      expect(await counted({ keyword: k }, { facets: true, exact: true })).toEqual(six(true));
      expect(await counted({ keyword: k, format: 'DATABASE' }, { facets: true })).toEqual({
        totalCount: 2,
        totalCountIsExact: true,
        facets: { countsAreExact: true, format: [{ value: 'DATABASE', count: 2 }], status: [{ value: 'PUBLISHED', count: 2 }] },
      });
    });
  });

  test('a caller who sees less is counted over what they see, bounded or exact', async () => {
    const org = await registerOrganization(t.call, REGION, '丽水市文化广电旅游局');
    const k = tag();
    for (let i = 0; i < 5; i++) await publishResource(t.call, org, REGION, { name: `${k}景区${i}`, openAttribute: i < 2 ? 'UNCONDITIONAL' : 'PROHIBITED' });
    await withCountBound(3, async () => {
      expect(await counted({ keyword: k })).toEqual({ totalCount: 5, totalCountIsExact: false });
      expect(await counted({ keyword: k }, { actor: ANONYMOUS })).toEqual({ totalCount: 2, totalCountIsExact: true });
      expect(await counted({ keyword: k }, { actor: ANONYMOUS, exact: true })).toEqual({ totalCount: 2, totalCountIsExact: true });
      const facets = await counted({ keyword: k }, { actor: ANONYMOUS, facets: true });
      expect(facets.facets!.countsAreExact).toBe(true);
      expect(facets.facets!.status).toEqual([{ value: 'PUBLISHED', count: 2 }]);
    });
    // Past the bound too, the estimate covers only the entries the caller may see.
    await withCountBound(1, async () => {
      expect(await counted({ keyword: k }, { actor: ANONYMOUS })).toEqual({ totalCount: 2, totalCountIsExact: false });
      expect(await counted({ keyword: k }, { actor: ANONYMOUS, facets: true })).toMatchObject({
        totalCount: 2,
        facets: { countsAreExact: false, status: [{ value: 'PUBLISHED', count: 2 }] },
      });
    });
  });

  test('without a keyword the count is bounded the same way', async () => {
    const org = await registerOrganization(t.call, REGION, `丽水市档案馆${tag()}`);
    for (let i = 0; i < 4; i++) await publishResource(t.call, org, REGION, { name: `档案${i}` });
    await withCountBound(3, async () => {
      expect(await counted({ providerId: org })).toEqual({ totalCount: 4, totalCountIsExact: false });
      expect(await counted({ providerId: org }, { exact: true })).toEqual({ totalCount: 4, totalCountIsExact: true });
    });
  });
});

describe('existing entries', () => {
  test('entries written before the n-gram migration are normalized and found by it', async () => {
    const dbs = await provisionTestDatabases('search_backfill');
    try {
      const url = dbs.urls.catalog;
      const orm = await MikroORM.init(ormConfig({ clientUrl: url, schema: 'catalog', entities: catalogModule.entities, migrations: catalogModule.migrations }));
      try {
        await orm.em.getConnection().execute('create schema if not exists "catalog"');
        const before = catalogModule.migrations.filter((m) => m.name < 'Migration20261124000100').map((m) => m.name);
        await orm.getMigrator().up({ migrations: before });
        const org = newId(REGION);
        const res = newId(REGION);
        const now = new Date();
        await orm.em
          .getConnection()
          .execute(`insert into "catalog"."organization" (id, seq, region_code, name, credit_code, kind, created_at) values (?, ?, ?, '丽水市档案馆', ?, 'AGENCY', ?)`, [
            org,
            parseId(org)!.ulid,
            REGION,
            uniqueCreditCode(REGION),
            now,
          ]);
        // The old search text: raw case and width, as the trigram version stored it.
        await orm.em.getConnection().execute(
          `insert into "catalog"."data_resource" (id, seq, region_code, provider_id, code, name, summary, library, format, update_frequency, security_grade,
             share_attribute, share_mode, open_attribute, status, search_text, created_at, updated_at)
           values (?, ?, ?, ?, 'OLD/1', 'ＡＢＣ档案目录', '馆藏档案', 'DEPARTMENT', 'DATABASE', 'YEARLY', 'GENERAL', 'UNCONDITIONAL', 'API', 'UNCONDITIONAL', 'PUBLISHED',
             E'ＡＢＣ档案目录\\n馆藏档案', ?, ?)`,
          [res, parseId(res)!.ulid, REGION, org, now, now],
        );
        await orm.em
          .getConnection()
          .execute(`insert into "catalog"."data_item" (id, resource_id, position, name, data_type) values (?, ?, 0, '全宗号', 'STRING')`, [newId(REGION), res]);
        await orm.getMigrator().up();
      } finally {
        await orm.close();
      }
      const catalog = await createSubgraph(catalogModule, {
        node: nodeConfig('backfill', [REGION]),
        settings: TEST_SETTINGS,
        databaseUrl: url,
        poolMax: dbs.poolMax,
      });
      try {
        for (const keyword of ['abc', '全宗号', '宗', '馆藏档案']) {
          const r = await callSubgraph(catalog.url, { subgraph: 'catalog', node: 'backfill' }, ANONYMOUS, SEARCH, { f: { keyword } });
          expect(r.errors).toBeUndefined();
          expect(names(r.data!.dataResources)).toEqual(['ＡＢＣ档案目录']);
        }
      } finally {
        await catalog.stop();
      }
    } finally {
      await dbs.stop();
    }
  }, 120_000);
});
