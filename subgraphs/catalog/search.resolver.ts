import { Arg, Args, Ctx, Field, FieldResolver, ID, Info, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { EntityManager, FilterQuery, Knex, QBFilterQuery } from '@mikro-orm/postgresql';
import { decodeCursor, encodeCursor } from '../../schema/cursor.js';
import { getRegion } from '../../schema/regions.js';
import type { SubgraphContext } from '../kit/server/context.js';
import { DEFAULT_CATALOG_COUNT_BOUND } from '../../platform/env.js';
import { badInput } from '../kit/server/errors.js';
import { loadedColumns, tableOf, untracked } from '../kit/server/reads.js';
import { assertKnownIdRegion, connectionType, cursorOf, PageArgs, pageInfoOf, pageSize, regionsInScope, RegionScopeInput, seqAfter } from '../kit/server/pagination.js';
import { DataFormatEnum, LibraryEnum, OpenAttributeEnum, ResourceStatusEnum, SecurityGradeEnum, ShareAttributeEnum, UpdateFrequencyEnum } from './enums.js';
import { Organization } from './organization.entity.js';
import { organizationLoader } from './organization.loader.js';
import { Region } from './region.type.js';
import { DataResource } from './resource.entity.js';
import { DataResourceFilter } from './resource.inputs.js';
import { resourceFilter } from './access.js';
import { readResource } from './resource.audit.js';
import { matchSql, nameMatchSql, narrowingOf, parseKeyword, RANKS, rankSql, walkSql, type Keyword, type Narrowing, type Rank } from './search.js';

const DataResourceConnection = connectionType(
  DataResource,
  'DataResource',
  '目录条目列表（跨平台合并为一个有序列表）/ a page of catalog entries, merged across platforms into one ordered list',
  {
    totalCount:
      '符合条件且调用者可见的总数，跨平台时为各平台之和。每个平台在上限（默认 1000 条）以内精确计数；超过上限时该平台的部分为按随机抽样估算的值（不小于上限加一），此时 totalCountIsExact 为 false；需要精确数时传 exactCount: true / ' +
      'total matching entries the caller may see, summed over the platforms. Each platform counts exactly up to a bound (1,000 by default); beyond it, its part is an estimate from a random sample of its entries (never below the bound plus one) and totalCountIsExact is false. Pass exactCount: true for the exact number',
    totalCountIsExact:
      'totalCount 是否为精确数：任一平台超过计数上限而给出估计值时为 false / whether totalCount is exact: false when any platform had more matches than the bound and gave an estimate',
  },
);

const COUNTED =
  '统计范围为当前检索的全部结果（含关键词和全部筛选条件，不限于本页），按数量从多到少排列 / counts over the whole current result set (keyword and every filter applied, not just this page), largest first';

/** One facet list per filter: the values present in the result set and how many entries have each. */
function facetType(name: string, valueType: () => object, what: string) {
  @ObjectType(name, { description: `${what}分面：取值及条目数 / ${name.replace(/Facet$/, '')} facet: a value and its number of entries` })
  class Facet {
    @Field(valueType, { description: '取值 / the value' })
    value!: string;

    @Field(() => Int, { description: '条目数 / number of entries with this value' })
    count!: number;
  }
  return Facet;
}

const ShareAttributeFacet = facetType('ShareAttributeFacet', () => ShareAttributeEnum, '共享属性');
const OpenAttributeFacet = facetType('OpenAttributeFacet', () => OpenAttributeEnum, '开放属性');
const SecurityGradeFacet = facetType('SecurityGradeFacet', () => SecurityGradeEnum, '数据分级');
const LibraryFacet = facetType('LibraryFacet', () => LibraryEnum, '所属资源库');
const DataFormatFacet = facetType('DataFormatFacet', () => DataFormatEnum, '资源格式');
const UpdateFrequencyFacet = facetType('UpdateFrequencyFacet', () => UpdateFrequencyEnum, '更新周期');
const ResourceStatusFacet = facetType('ResourceStatusFacet', () => ResourceStatusEnum, '状态');

@ObjectType('ProviderFacet', { description: '提供部门分面 / provider facet: an organization and its number of entries' })
class ProviderFacet {
  @Field(() => ID, { description: '提供部门ID，可作为 filter.providerId / the provider ID, usable as filter.providerId' })
  value!: string;

  @Field(() => Int, { description: '条目数 / number of entries' })
  count!: number;

  @Field(() => Organization, { nullable: true, description: '提供部门 / the organization' })
  provider!: Promise<Organization | null>;
}

@ObjectType('RegionFacet', { description: '行政区划分面 / region facet: an owning region and its number of entries' })
class RegionFacet {
  @Field({ description: '行政区划代码，可作为 scope.regionCode / the region code, usable as scope.regionCode' })
  value!: string;

  @Field(() => Int, { description: '条目数 / number of entries' })
  count!: number;

  @Field(() => Region, { nullable: true, description: '行政区划 / the region' })
  region!: Region | null;
}

/** The number of matches the facets describe, exact or estimated: the count when facets are selected. */
const FACET_TOTAL = Symbol('facetTotal');

interface Bucket {
  value: string;
  count: number;
}

/** A count and whether it is exact (see DataResourceConnection.totalCount). */
interface Counted {
  count: number;
  exact: boolean;
}

@ObjectType('DataResourceFacets', { description: `检索结果的分面计数 / facet counts of a search. ${COUNTED}` })
class DataResourceFacets {
  @Field({
    description:
      '各计数是否为精确数。任一平台的结果超过计数上限时为 false：该平台的各计数按随机抽样的比例估算并缩放到其估计总数，不低于其前若干条结果中的实际数；抽样未遇到的少见取值可能缺失。exactCount: true 时总是精确 / ' +
      "whether the counts are exact. False when any platform had more matches than the count bound: that platform's counts are then estimated from a random sample of its entries, scaled to its estimated total, never below how often the value occurs among its first matches; a rare value the sample missed may be absent. Always exact with exactCount: true",
  })
  countsAreExact!: boolean;

  [FACET_TOTAL]!: number;
  @Field(() => [ShareAttributeFacet], { description: '按共享属性 / by share attribute' }) shareAttribute!: Bucket[];
  @Field(() => [OpenAttributeFacet], { description: '按开放属性 / by open attribute' }) openAttribute!: Bucket[];
  @Field(() => [SecurityGradeFacet], { description: '按数据分级 / by security grade' }) securityGrade!: Bucket[];
  @Field(() => [LibraryFacet], { description: '按所属资源库 / by library' }) library!: Bucket[];
  @Field(() => [DataFormatFacet], { description: '按资源格式 / by format' }) format!: Bucket[];
  @Field(() => [UpdateFrequencyFacet], { description: '按更新周期 / by update frequency' }) updateFrequency!: Bucket[];
  @Field(() => [ResourceStatusFacet], { description: '按状态 / by status' }) status!: Bucket[];
  @Field(() => [ProviderFacet], { description: '按提供部门 / by provider' }) provider!: ProviderFacet[];
  @Field(() => [RegionFacet], { description: '按所属行政区划 / by owning region' }) region!: RegionFacet[];
}

/** Facet name → column, in the order of the GROUPING SETS (and of the bits of grouping()). */
const FACET_COLUMNS = {
  shareAttribute: 'share_attribute',
  openAttribute: 'open_attribute',
  securityGrade: 'security_grade',
  library: 'library',
  format: 'format',
  updateFrequency: 'update_frequency',
  status: 'status',
  provider: 'provider_id',
  region: 'region_code',
} as const;
type FacetName = keyof typeof FACET_COLUMNS;
const FACET_NAMES = Object.keys(FACET_COLUMNS) as FacetName[];

/** One GROUPING SETS query groups the matches by every facet column at once. */
const groupingSets = (alias: string) => `grouping sets (${FACET_NAMES.map((f) => `(${alias}.${FACET_COLUMNS[f]})`).join(', ')})`;
/** A bucket: which set (grouping()'s bits), the value, and its count. */
const bucketColumns = (alias: string) => {
  const cols = FACET_NAMES.map((f) => `${alias}.${FACET_COLUMNS[f]}`);
  return `grouping(${cols.join(', ')}) as g, coalesce(${cols.map((c) => `${c}::text`).join(', ')}) as value, count(*)::int as count`;
};
/** grouping()'s value for the rows of one facet: every bit set but that column's (the first column is the highest bit). */
const groupingOf = (facet: FacetName) => (2 ** FACET_NAMES.length - 1) ^ (2 ** (FACET_NAMES.length - 1 - FACET_NAMES.indexOf(facet)));

const FILTER_KEYS = ['providerId', 'shareAttribute', 'openAttribute', 'securityGrade', 'library', 'format', 'updateFrequency', 'status'] as const;

/** Fields the client selected on the returned connection, through fragments too. */
function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) names.add(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet);
      else visit(info.fragments[s.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return names;
}

// biome-ignore lint/suspicious/noExplicitAny: raw SQL rows, whose columns the query at hand names
type Row = Record<string, any>;
type Run = (q: Knex.QueryBuilder | Knex.Raw) => Promise<Row[]>;

/**
 * Runs a search's statements in one transaction, with sequential scans and parallel workers
 * disabled in it. The grams expression costs ~40 µs per row: a plan that evaluates it on every row
 * (a sequential scan, which the planner prefers for a term found in nearly every entry) took 3 s at
 * 100,000 entries, where the GIN index answers in milliseconds. Index walks stay allowed; their
 * cheap strpos tests run first. Parallel workers cost 15–30 ms to start, more than a ranked page
 * takes, and the nodes of a federation already share the server's cores. One transaction for all
 * of a search's statements: the settings are made once, and each statement is one round trip.
 */
async function withoutSeqScan<T>(em: EntityManager, work: (run: Run) => Promise<T>): Promise<T> {
  const connection = em.getConnection();
  return connection.transactional(async (trx) => {
    await connection.execute(`select set_config('enable_seqscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`, [], 'run', trx);
    return work((q) => connection.execute(q, [], 'all', trx));
  });
}

const SEARCH = Symbol('search');

/**
 * Pages of data_resource an estimate reads (TABLESAMPLE SYSTEM: whole pages chosen at random): a
 * few milliseconds, and enough matches of a term frequent enough to pass the bound for an error of
 * a few percent. A table of fewer pages is read whole, so there the estimate is the exact count.
 */
const SAMPLE_PAGES = 400;
/**
 * The sample's seed is fixed: an unchanged catalog gives the same estimate on every page of a
 * search and on every request (no total that jumps between page 1 and page 2), and the sampled
 * pages stay in the buffer cache. Any write moves the estimate with the rows it changed.
 */
const SAMPLE_SEED = 1;

/** The prefix of the columns a page's statement reads besides the entry's (rank, count, sample), kept from the entity. */
const EXTRA = '__';
const RANK_COLUMN = `${EXTRA}rank`;

/** The share of a table of `total` pages that the sample reads: each page is drawn with this probability, independently. */
export function sampleShare(total: number): number {
  return Math.min(1, SAMPLE_PAGES / Math.max(1, total));
}

/** How unlikely beyondBound's verdict may be wrong: never, for practical purposes. */
const BEYOND_BOUND_RISK = 1e-9;

/**
 * Whether a sample proves, all but certainly, that more than `bound` entries match: true when it
 * found matches on `hitPages` distinct pages, each page drawn independently with probability
 * `share`. Were there at most `bound` matches, they would lie on at most `bound` pages, so the
 * pages found would be at most Binomial(bound, share), and by Bernstein's inequality
 * P(X ≥ μ + t) ≤ exp(−t² / (2(μ + t/3))) this many would happen with probability below
 * BEYOND_BOUND_RISK. Counting pages rather than rows keeps this true however the matches cluster:
 * a hundred matches on one page are one page found. When it says false the count is read exactly.
 */
export function beyondBound(bound: number, hitPages: number, share: number): boolean {
  const mu = bound * share;
  const l = Math.log(1 / BEYOND_BOUND_RISK);
  const t = l / 3 + Math.sqrt((l * l) / 9 + 2 * l * mu);
  return hitPages >= mu + t;
}

/** The sample's counts of matches: rows, and distinct pages holding one (see beyondBound). */
const SAMPLE_COUNTS = `count(*)::int as ${EXTRA}hits, count(distinct (r.ctid::text::point)[0])::int as ${EXTRA}hit_pages`;

/** The newest entries a walk reads at most (see walkSql); older ones are left to the index. */
const WALK_ROWS = 10_000;
/** The CTE holding the seq where a walk stops: the WALK_ROWS-th newest entry's. */
const WALK_EDGE = 'walk_edge';
/** How many times a page's worth of matches the newest WALK_ROWS entries must be expected to hold before a rank walks. */
const WALK_MARGIN = 3;

/** A grouped sample's totals, as walkRanks reads them: every entry has a status, so the status buckets hold each sampled match once. */
function facetSampleTotals(rows: Row[]): Record<string, unknown> {
  const status = rows.filter((row) => Number(row.g) === groupingOf('status'));
  const sum = (column: string) => status.reduce((n, row) => n + Number(row[column]), 0);
  return {
    [`${EXTRA}sampled`]: rows[0]?.[`${EXTRA}sampled`] ?? [0, 0],
    [`${EXTRA}total`]: rows[0]?.[`${EXTRA}total`] ?? 0,
    [`${EXTRA}hits`]: sum('count'),
    [`${EXTRA}name_hits`]: sum(`${EXTRA}name_hits`),
  };
}

/**
 * The ranks (1 and 2) whose page is found sooner by walking the newest entries than through the
 * grams' index, judged from the sample read for the count, of a table larger than the sample:
 * those expected, at the rate the sample found their matches, to hold WALK_MARGIN pages' worth
 * (`limit` entries) among the newest WALK_ROWS. A wrong guess costs time, never results: a walk
 * that falls short goes on through the index (see Search.page).
 */
export function walkRanks(limit: number, s: Record<string, unknown>): Set<Rank> {
  const rows = Number((s[`${EXTRA}sampled`] as number[])[1]);
  const hits = Number(s[`${EXTRA}hits`]);
  const nameHits = Number(s[`${EXTRA}name_hits`]);
  const walks = new Set<Rank>();
  // A table the sample reads whole is small enough that its index answers any rank in a few reads.
  if (rows === 0 || sampleShare(Number(s[`${EXTRA}total`])) >= 1) return walks;
  for (const [rank, n] of [
    [1, nameHits],
    [2, hits - nameHits],
  ] as const) {
    if ((n / rows) * WALK_ROWS >= WALK_MARGIN * limit) walks.add(rank);
  }
  return walks;
}

/** A facet list per facet, as read from a GROUPING SETS query. */
type Lists = Record<FacetName, Bucket[]>;

/** Where a page starts: after a (rank, seq) with a keyword, after a seq without one; null for the first page. */
type After = { rank: Rank; seq: string } | { seq: string } | null;

/** What a search reads, all of it decided from the selection before its first statement. */
interface Read {
  /** Up to size + 1 entries in page order (the extra one tells whether a next page exists), each with its rank when there is a keyword. */
  rows: { node: DataResource; rank: Rank | null }[];
  count: Counted | null;
  facets: DataResourceFacets | null;
}

/**
 * One search: its page, and its count and facets if selected, read together — in one transaction
 * (with a keyword) of as few statements as the selection allows. With a keyword the sample comes
 * first: it settles a frequent term's count and chooses how the page is read (walkRanks); without
 * one the page and the sample are one statement. The page's statement reads the entries
 * themselves, so there is no second lookup by ID. With facets selected the count comes from the
 * facets' reads, so the matches are read once.
 *
 * Counting every match of a frequent term reads most of the table (a 1-character term matches
 * one entry in seven), so by default a count is exact only up to a bound. The sample settles a
 * frequent term on its own (beyondBound); otherwise the node reads at most `bound + 1` matches,
 * exact up to the bound. Past it the count is an estimate, never below bound + 1, flagged inexact:
 * the matches in a random sample of the table's pages (SAMPLE_PAGES), scaled by the share of the
 * table sampled. The sample applies the same row conditions — the caller's visibility
 * (resourceFilter), filters and region scope — and the keyword as a plain substring test
 * (`strpos`), which is what the index answers: for 1- and 2-character terms containing the gram
 * is containing the substring, and longer terms are rechecked by that same test. The grams
 * expressions are never evaluated on the sampled rows (they cost ~40 µs a row).
 * Why a sample and not the planner's row estimate (EXPLAIN, free): the planner multiplies
 * selectivities as if independent — the keyword's, the filters', the access conditions' — and a
 * longer term's pairs are anything but independent (for a 4-character term it foresaw a handful
 * of rows where there were thousands); the sample measures the actual combination, typically
 * within a few percent for a frequent term, for a few hundred page reads.
 * Facets past the bound: the sample's buckets scaled to the estimate, and every value among the
 * first bound + 1 matches at least as often as it occurs there (so a value the sample missed is
 * still listed, with a count it truly reaches).
 * Nothing is cached: each request reads the current rows, so a count is never staler than the
 * statement that read it, and only ever covers what the caller may see.
 */
class Search {
  private readP?: Promise<Read>;
  private filteredQ?: Knex.QueryBuilder;

  constructor(
    private readonly ctx: SubgraphContext,
    private readonly where: FilterQuery<DataResource>,
    private readonly keyword: Keyword | null,
    private readonly narrowing: Narrowing,
    private readonly wanted: { count: boolean; facets: boolean },
    /** Null: count every match (exactCount: true). */
    private readonly bound: number | null,
    private readonly size: number,
    private readonly after: After,
  ) {}

  /** Everything, once: the page, the count and the facets as selected. */
  read(): Promise<Read> {
    this.readP ??= this.inTransaction(async (run) => {
      const knex = this.ctx.em.getKnex();
      const counting = this.wanted.count && !this.wanted.facets;
      let rows: Row[];
      let count: Counted | null = null;
      let sample: Row[] | null = null;
      if (counting && this.bound === null) {
        rows = await run(this.pageWith(this.matches().select(knex.raw(`count(*)::int as ${EXTRA}count`))));
        count = { count: Number(rows[0]![`${EXTRA}count`]), exact: true };
      } else if (counting && !this.keyword) {
        rows = await run(this.pageWith(this.sampled(SAMPLE_COUNTS)));
        count = await this.countFromSample(run, this.bound!, rows[0]!);
      } else {
        // With a keyword the sample comes first: it also tells whether the page is found sooner by walking (walkRanks).
        if (this.keyword && this.bound !== null && (this.wanted.count || this.wanted.facets)) {
          const name = nameMatchSql(this.keyword);
          const nameHits = knex.raw(`count(*) filter (where ${name.sql})::int as ${EXTRA}name_hits`, name.bindings);
          sample = await run(
            this.wanted.facets ? this.sampled(knex.raw(`${bucketColumns('r')}, ?`, [nameHits]), groupingSets('r')) : this.sampled(knex.raw(`${SAMPLE_COUNTS}, ?`, [nameHits])),
          );
        }
        rows = await run(this.page(sample ? walkRanks(this.size + 1, this.wanted.facets ? facetSampleTotals(sample) : sample[0]!) : undefined));
        if (counting) count = await this.countFromSample(run, this.bound!, sample![0]!);
      }
      const facets = this.wanted.facets ? await this.readFacets(run, sample) : null;
      return {
        rows: rows.filter((row) => row.id !== null).map((row) => this.toEntry(row)),
        count: facets ? { count: facets[FACET_TOTAL], exact: facets.countsAreExact } : count,
        facets,
      };
    });
    return this.readP;
  }

  async count(): Promise<Counted> {
    const read = await this.read();
    if (!read.count) throw new Error('search: totalCount was resolved but not found selected');
    return read.count;
  }

  async facets(): Promise<DataResourceFacets> {
    const read = await this.read();
    if (!read.facets) throw new Error('search: facets were resolved but not found selected');
    return read.facets;
  }

  /**
   * Whether any match precedes the page's cursor in the search's order: without a keyword one at
   * or after its seq; with one, any of an earlier rank, or of its rank at or after its seq. Each
   * test stops at its first row.
   */
  async hasBefore(): Promise<boolean> {
    if (!this.after) return false;
    const knex = this.ctx.em.getKnex();
    const one = () => this.filtered().select(knex.raw('1')).limit(1);
    const tests: Knex.QueryBuilder[] = [];
    if ('rank' in this.after && this.keyword) {
      for (const rank of RANKS.filter((r) => r <= (this.after as { rank: Rank }).rank)) {
        const cls = rankSql(this.keyword, rank);
        const q = one().whereRaw(cls.sql, cls.bindings);
        if (rank === this.after.rank) q.where('r.seq', '>=', this.after.seq);
        tests.push(q);
      }
    } else {
      tests.push(one().where('r.seq', '>=', this.after.seq));
    }
    const rows = await this.inTransaction((run) => run(knex.raw(`select ${tests.map(() => 'exists(?)').join(' or ')} as before`, tests)));
    return rows[0]?.before === true;
  }

  private inTransaction<T>(work: (run: Run) => Promise<T>): Promise<T> {
    const connection = this.ctx.em.getConnection();
    return this.keyword ? withoutSeqScan(this.ctx.em, work) : work((q) => connection.execute(q, [], 'all'));
  }

  /**
   * `data_resource as r` under the search's conditions, nothing selected. The ORM turns the
   * conditions into SQL once per search; every statement starts from a copy.
   */
  private filtered(): Knex.QueryBuilder {
    this.filteredQ ??= this.ctx.em
      .createQueryBuilder(DataResource, 'r')
      .where(this.where as QBFilterQuery<DataResource>)
      .getKnexQuery()
      .clearSelect()
      .clearOrder();
    return this.filteredQ.clone();
  }

  /** data_resource, qualified by its schema. */
  private table(): string {
    return tableOf(this.ctx.em, DataResource);
  }

  /** Every match: the filters, and the keyword with the keys the filters imply. */
  private matches(): Knex.QueryBuilder {
    const q = this.filtered();
    if (this.keyword) {
      const m = matchSql(this.keyword, this.narrowing);
      q.whereRaw(m.sql, m.bindings);
    }
    return q;
  }

  /** The entry's columns as the ORM loads it (lazy ones, the search text, left out). */
  private entryColumns(): string[] {
    return loadedColumns(this.ctx.em, DataResource, 'r');
  }

  /**
   * The page's entries, size + 1 of them at most, in page order. With a keyword, each rank's
   * first entries (rankSql) in one statement, ranked; without, newest first. A rank in `walks` is
   * read by walking the newest WALK_ROWS entries (walkSql), and by its index among the older ones
   * only when the walk leaves the page short.
   */
  private page(walks: ReadonlySet<Rank> = new Set()): Knex.QueryBuilder {
    const knex = this.ctx.em.getKnex();
    const columns = this.entryColumns();
    const limit = this.size + 1;
    if (!this.keyword) {
      const q = this.filtered().select(columns).orderBy('r.seq', 'desc').limit(limit);
      if (this.after) q.where('r.seq', '<', this.after.seq);
      return q;
    }
    const k = this.keyword;
    const after = this.after as { rank: Rank; seq: string } | null;
    const ctes: [string, Knex.QueryBuilder][] = [];
    const ranked = (rank: Rank, cls: { sql: string; bindings: string[] }) => {
      const q = this.filtered()
        .select([...columns, knex.raw(`${rank}::int as ${RANK_COLUMN}`)])
        .whereRaw(cls.sql, cls.bindings);
      if (after && rank === after.rank) q.where('r.seq', '<', after.seq);
      return q.orderBy('r.seq', 'desc').limit(limit);
    };
    const parts = RANKS.filter((rank) => !after || rank >= after.rank).map((rank): Knex.QueryBuilder => {
      if (rank === 0 || !walks.has(rank)) return ranked(rank, rankSql(k, rank));
      const recent = `recent${rank}`;
      ctes.push([recent, ranked(rank, walkSql(k, rank)).whereRaw(`r.seq > coalesce((select seq from ${WALK_EDGE}), '')`)]);
      const older = ranked(rank, rankSql(k, rank)).whereRaw(`r.seq <= (select seq from ${WALK_EDGE})`).whereRaw(`(select count(*) from ${recent}) < ?`, [limit]);
      return knex.select('*').from(knex.raw(`(select * from ${recent} union all ?) as ${recent}_and_older`, [older]));
    });
    // The last rank (entries matched only in their summary or items) is read only when the
    // earlier ranks leave the page short: a term that fills the page from names does not walk
    // its other matches too. A condition on no column is tested once, before the scan starts.
    const last = parts.pop()!;
    const union = (qs: Knex.QueryBuilder[]) => knex.raw(qs.map(() => '?').join(' union all '), qs);
    const all = parts.length ? knex.raw('select * from earlier union all ?', [last.whereRaw('(select count(*) from earlier) < ?', [limit])]) : knex.raw('?', [last]);
    const q = knex.select('*').from(knex.raw('(?) as p', [all]));
    if (ctes.length) q.withMaterialized(WALK_EDGE, knex.raw(`select seq from ${this.table()} order by seq desc offset ? limit 1`, [WALK_ROWS]));
    for (const [name, cte] of ctes) q.withMaterialized(name, cte);
    if (parts.length) q.withMaterialized('earlier', union(parts));
    return q.orderByRaw(`${RANK_COLUMN}, seq desc`).limit(limit);
  }

  /** The page and `extra` (one row of columns named EXTRA…) in one statement: one row with `extra` and no entry when the page is empty. */
  private pageWith(extra: Knex.QueryBuilder): Knex.Raw {
    const order = this.keyword ? `p.${RANK_COLUMN}, p.seq desc` : 'p.seq desc';
    return this.ctx.em.getKnex().raw(`select c.*, p.* from ? as c left join ? as p on true order by ${order}`, [extra, this.page()]);
  }

  /**
   * The count from the sample read with the page, counting exactly only when the sample cannot
   * rule out a count within the bound (see beyondBound): a frequent term, whose bounded count
   * would read the whole posting list of its grams, is settled by the sample alone. A sample of
   * the whole table is the exact count.
   */
  private async countFromSample(run: Run, bound: number, s: Row): Promise<Counted> {
    const hits = Number(s[`${EXTRA}hits`]);
    const total = Number(s[`${EXTRA}total`]);
    const share = sampleShare(total);
    const estimate = (): Counted => ({ count: Math.max(bound + 1, Math.round(share >= 1 ? hits : this.scaled(hits, Number(s[`${EXTRA}sampled`][0]), total))), exact: false });
    if (share >= 1) return hits <= bound ? { count: hits, exact: true } : estimate();
    if (beyondBound(bound, Number(s[`${EXTRA}hit_pages`]), share)) return estimate();
    const count = Number((await run(this.ctx.em.getKnex().raw('select count(*)::int as count from ? as m', [this.firstMatches(bound + 1, [])])))[0]!.count);
    return count <= bound ? { count, exact: true } : estimate();
  }

  /** A raw row of the page as the entity: untracked when the request only reads (kit/server/reads.ts). */
  private toEntry(row: Row): { node: DataResource; rank: Rank | null } {
    const columns: Row = {};
    for (const [key, value] of Object.entries(row)) if (!key.startsWith(EXTRA)) columns[key] = value;
    const rank = row[RANK_COLUMN];
    const node = this.ctx.readOnly ? untracked(this.ctx.em, DataResource, [columns])[0]! : this.ctx.em.map(DataResource, columns);
    return { node, rank: rank === undefined ? null : (Number(rank) as Rank) };
  }

  /** At most the first `limit` matches, selecting `columns` (of `r`). */
  private firstMatches(limit: number, columns: string[]): Knex.QueryBuilder {
    const knex = this.ctx.em.getKnex();
    return this.matches()
      .select(columns.length ? columns.map((c) => `r.${c}`) : [knex.raw('1')])
      .limit(limit);
  }

  /**
   * The matches among a sample of the table's pages (see SAMPLE_PAGES), selecting `select`, with
   * `__sampled` ([distinct pages holding a sampled row, sampled rows]) and `__total` (the table's
   * pages) as columns too.
   */
  private sampled(select: string | Knex.Raw, groupBy?: string): Knex.QueryBuilder {
    const knex = this.ctx.em.getKnex();
    const table = this.table();
    const totalPages = `greatest(1, pg_relation_size('${table}') / current_setting('block_size')::int)`;
    const sample = `tablesample system (least(100, ${SAMPLE_PAGES} * 100.0 / ${totalPages})) repeatable (${SAMPLE_SEED})`;
    const q = this.filtered()
      .from(knex.raw(`${table} as "r" ${sample}`))
      .select(
        knex.raw(
          `?, (select array[count(distinct (s.ctid::text::point)[0]), count(*)]::int[] from ${table} as s ${sample}) as ${EXTRA}sampled, ${totalPages}::int as ${EXTRA}total`,
          [typeof select === 'string' ? knex.raw(select) : select],
        ),
      );
    if (this.keyword) q.whereRaw('strpos(r.search_text, ?) > 0', [this.keyword.text]);
    if (groupBy) q.groupByRaw(groupBy);
    return q;
  }

  /**
   * Scales matches in the sample to the table: the sample's share is the pages it read over the
   * table's pages (counting the pages read rather than trusting the requested percentage removes
   * the chance in how many were drawn; a page without a live row is not counted as read, so a
   * table with many emptied pages is overestimated, which the catalog, whose entries are retired
   * rather than deleted, does not produce).
   */
  private scaled(inSample: number, pages: number, total: number): number {
    return pages > 0 ? (inSample * total) / pages : 0;
  }

  /** The facets: the first bound + 1 matches grouped, and past the bound the sample (`sampled`, when already read) grouped. */
  private async readFacets(run: Run, sampled: Row[] | null): Promise<DataResourceFacets> {
    const knex = this.ctx.em.getKnex();
    const names = FACET_NAMES.map((f) => FACET_COLUMNS[f]);
    // The first bound + 1 matches (all of them with exactCount), grouped: exact when that is all of them.
    const first = this.bound === null ? this.matches().select(names.map((c) => `r.${c}`)) : this.firstMatches(this.bound + 1, names);
    const lists = this.toLists(
      await run(
        knex
          .queryBuilder()
          .from(first.as('m'))
          .select(knex.raw(bucketColumns('m')))
          .groupByRaw(groupingSets('m')),
      ),
    );
    // Every entry has a status: the status buckets add up to the matches read.
    const read = lists.status.reduce((n, b) => n + b.count, 0);
    if (this.bound === null || read <= this.bound) return this.toFacets(lists, read, true);

    const rows = sampled ?? (await run(this.sampled(bucketColumns('r'), groupingSets('r'))));
    const sample = this.toLists(rows);
    const inSample = sample.status.reduce((n, b) => n + b.count, 0);
    const pages = Number(rows[0]?.[`${EXTRA}sampled`]?.[0] ?? 0);
    const total = Number(rows[0]?.[`${EXTRA}total`] ?? 0);
    const estimate = Math.max(this.bound + 1, Math.round(this.scaled(inSample, pages, total)));
    // Shares from the sample; if it holds no match at all, from the first matches.
    const [shares, sharesOf] = inSample > 0 ? [sample, inSample] : [lists, read];
    const merged = Object.fromEntries(
      FACET_NAMES.map((f) => {
        const counts = new Map(lists[f].map((b) => [b.value, b.count]));
        for (const b of shares[f]) counts.set(b.value, Math.max(counts.get(b.value) ?? 0, Math.round((b.count * estimate) / sharesOf)));
        return [f, [...counts].map(([value, count]) => ({ value, count }))];
      }),
    ) as Lists;
    return this.toFacets(merged, estimate, false);
  }

  private toLists(rows: Row[]): Lists {
    const lists = Object.fromEntries(FACET_NAMES.map((f) => [f, [] as Bucket[]])) as Lists;
    const top = FACET_NAMES.length - 1;
    for (const row of rows) {
      // grouping() sets the bit of every column a row is not grouped by; the first column is the highest bit.
      const index = FACET_NAMES.findIndex((_, i) => ((Number(row.g) >> (top - i)) & 1) === 0);
      if (index >= 0) lists[FACET_NAMES[index]!].push({ value: String(row.value), count: Number(row.count) });
    }
    return lists;
  }

  private toFacets(lists: Lists, total: number, exact: boolean): DataResourceFacets {
    for (const list of Object.values(lists)) list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    const organizations = organizationLoader(this.ctx);
    return {
      [FACET_TOTAL]: total,
      countsAreExact: exact,
      ...lists,
      provider: lists.provider.map(
        (b) =>
          ({
            ...b,
            get provider() {
              return organizations.load(b.value);
            },
          }) satisfies ProviderFacet,
      ),
      region: lists.region.map((b) => {
        const info = getRegion(b.value);
        return { ...b, region: info ? Region.from(info) : null };
      }),
    };
  }
}

const BAD_CURSOR =
  'after 不是本次检索返回的游标：请原样传入同一检索（同一关键词）上一页的 pageInfo.endCursor / after is not a cursor of this search: pass pageInfo.endCursor of the previous page of the same search (same keyword) unchanged';

/** With a keyword the key is (rank ascending, newest first); without one, newest first like every list. */
function parseAfter(after: string | null | undefined, keyword: Keyword | null): { rank: Rank; seq: string } | { seq: string } | null {
  if (!after) return null;
  if (!keyword) return { seq: seqAfter(after, BAD_CURSOR)! };
  const key = decodeCursor(after);
  const [a, b] = key?.values ?? [];
  const ok = key && key.values.length === 2 && key.directions.join() === 'ASC,DESC' && typeof a === 'number' && (RANKS as number[]).includes(a) && typeof b === 'string';
  if (!ok) throw badInput(BAD_CURSOR, 'after');
  return { rank: a as Rank, seq: b as string };
}

/**
 * The catalog a search shows by default is the current one: retired entries only when a status
 * filter asks for them (a retired entry stays readable by ID and in its history) [CAT-5, CAT-8].
 */
function statusConditions(f: Pick<DataResourceFilter, 'status' | 'statuses'>): { where: FilterQuery<DataResource>; narrows: boolean } {
  if (f.statuses) {
    if (f.statuses.length === 0)
      throw badInput('statuses 不能为空列表；不按状态筛选请省略 / statuses must not be an empty list: leave it out to search current entries', 'filter.statuses');
    return { where: { status: { $in: [...new Set(f.statuses)] } }, narrows: true };
  }
  return f.status ? { where: {}, narrows: true } : { where: { status: { $ne: 'DEPRECATED' } }, narrows: false };
}

@Resolver(() => DataResourceConnection)
export class DataResourceSearchResolver {
  @Query(() => DataResourceConnection, {
    description:
      '检索数据目录：全部平台合并为一个列表。有关键词时名称与关键词完全相同的在前，其次名称包含关键词的，再次仅摘要或信息项名称包含的，同级最新在前；无关键词时最新在前 / ' +
      'search the catalog: all platforms as one list. With a keyword: entries named exactly the keyword first, then those whose name contains it, then those where only the summary or an item name does, newest first within each; without one, newest first [CAT-8]',
  })
  async dataResources(
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('filter', () => DataResourceFilter, { nullable: true }) filter?: DataResourceFilter | null,
    @Arg('exactCount', {
      defaultValue: false,
      description:
        '为 true 时 totalCount 与分面计数均为精确数（读取全部结果，结果多时较慢，仍受语句超时限制）；默认在上限以内精确、超过上限时估计 / ' +
        'true: totalCount and the facet counts are exact (every match is read: slower for frequent terms, still within the statement timeout); by default they are exact up to a bound and estimated beyond',
    })
    exactCount: boolean = false,
  ) {
    const size = pageSize(page.first);
    const f = filter ?? {};
    if (f.providerId) assertKnownIdRegion(f.providerId, 'filter.providerId');
    const keyword = parseKeyword(f.keyword);
    const after = parseAfter(page.after, keyword);
    const regions = regionsInScope(ctx.node, scope);
    const conditions: FilterQuery<DataResource>[] = [resourceFilter(ctx.actor, ctx.node)];
    for (const key of FILTER_KEYS) {
      if (f[key]) conditions.push({ [key]: f[key] } as FilterQuery<DataResource>);
    }
    const statuses = statusConditions(f);
    if (statuses.narrows) conditions.push(statuses.where);
    const narrowing = narrowingOf({ $and: conditions });
    // Leaving out the few retired entries would make the index read the keys of nearly every other row.
    if (!statuses.narrows) conditions.push(statuses.where);
    // A node holds only rows of its own regions: the whole node's regions narrow nothing.
    if (regions.length > 0 && regions.length < ctx.node.regions.length) narrowing.any.push(...narrowingOf({ regionCode: { $in: regions } }).any);
    const where: FilterQuery<DataResource> = { $and: [...conditions, { regionCode: { $in: regions } }] };

    const selected = selectedFields(info);
    const wanted = { count: selected.has('totalCount') || selected.has('totalCountIsExact'), facets: selected.has('facets') };
    const search = new Search(ctx, where, keyword, narrowing, wanted, exactCount ? null : (ctx.settings.catalogCountBound ?? DEFAULT_CATALOG_COUNT_BOUND), size, after);
    const { rows } = await search.read();
    const hasNextPage = rows.length > size;
    const edges = rows.slice(0, size).map(({ node, rank }) => ({
      cursor: rank === null ? cursorOf(node) : encodeCursor({ values: [rank, node.seq], directions: ['ASC', 'DESC'] }),
      node,
    }));
    for (const e of edges) readResource(ctx, e.node);
    return {
      edges,
      pageInfo: pageInfoOf(edges, hasNextPage, after ? () => search.hasBefore() : null),
      get totalCount() {
        return search.count().then((c) => c.count);
      },
      get totalCountIsExact() {
        return search.count().then((c) => c.exact);
      },
      [SEARCH]: search,
    };
  }

  @FieldResolver(() => DataResourceFacets, {
    description:
      '分面计数：统计当前检索的全部结果（含关键词和全部筛选条件，不限于本页），跨平台时为各平台之和；仅在选择时计算 / ' +
      'facet counts over the whole current result set (keyword and every filter applied, not just this page), summed over the platforms; computed only when selected',
  })
  facets(@Root() connection: { [SEARCH]: Search }): Promise<DataResourceFacets> {
    return connection[SEARCH].facets();
  }
}
