import type { EntityManager, FilterQuery, Knex, QBFilterQuery } from '@mikro-orm/postgresql';
import type { SubgraphContext } from '../../kit/server/context.js';
import { loadedColumns, tableOf, untracked } from '../../kit/server/reads.js';
import { DataResource } from '../resource.entity.js';
import { bucketColumns, FACET_COLUMN_NAMES, FACET_NAMES, groupingOf, groupingSets, toFacets, toLists, type Facets, type FacetLists } from './facets.js';
import { matchSql, nameMatchSql, RANKS, rankSql, walkSql, type Keyword, type Narrowing, type Rank } from './text.js';

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

/** Where a page starts: after a (rank, seq) with a keyword, after a seq without one; null for the first page. */
export type After = { rank: Rank; seq: string } | { seq: string } | null;

/** A count and whether it is exact: past the bound it is an estimate. */
export interface Counted {
  count: number;
  exact: boolean;
}

/** What a search reads, all of it decided from the selection before its first statement. */
interface Read {
  /** Up to size + 1 entries in page order (the extra one tells whether a next page exists), each with its rank when there is a keyword. */
  rows: { node: DataResource; rank: Rank | null }[];
  count: Counted | null;
  facets: Facets | null;
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
export class Search {
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
        count: facets ? { count: facets.total, exact: facets.exact } : count,
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

  async facets(): Promise<Facets> {
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
  private firstMatches(limit: number, columns: readonly string[]): Knex.QueryBuilder {
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
  private async readFacets(run: Run, sampled: Row[] | null): Promise<Facets> {
    const knex = this.ctx.em.getKnex();
    // The first bound + 1 matches (all of them with exactCount), grouped: exact when that is all of them.
    const first = this.bound === null ? this.matches().select(FACET_COLUMN_NAMES.map((c) => `r.${c}`)) : this.firstMatches(this.bound + 1, FACET_COLUMN_NAMES);
    const lists = toLists(
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
    if (this.bound === null || read <= this.bound) return toFacets(lists, read, true);

    const rows = sampled ?? (await run(this.sampled(bucketColumns('r'), groupingSets('r'))));
    const sample = toLists(rows);
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
    ) as FacetLists;
    return toFacets(merged, estimate, false);
  }
}
