import type { FilterQuery } from '@mikro-orm/postgresql';
import { DEFAULT_CATALOG_COUNT_BOUND } from '../../../platform/env.js';
import { decodeCursor, encodeCursor } from '../../../schema/cursor.js';
import type { SubgraphContext } from '../../kit/server/context.js';
import { badInput } from '../../kit/server/errors.js';
import { assertKnownIdRegion, cursorOf, pageSize, regionsInScope, type RegionScopeInput, seqAfter } from '../../kit/server/pagination.js';
import { resourceFilter } from '../access.js';
import type { DataResource } from '../resource.entity.js';
import type { DataResourceFilter } from '../resource.inputs.js';
import { type After, type Counted, Search } from './engine.js';
import type { Facets } from './facets.js';
import { narrowingOf, parseKeyword, RANKS, type Keyword, type Rank } from './text.js';

/**
 * The catalog search [CAT-8], `searchCatalog` its one entry point: the criteria checked and turned
 * into conditions here, the statements in engine.ts, the facets' grouping in facets.ts, the
 * keyword and its SQL in text.ts. The engine builds its SQL with knex below the ORM: a page ranked
 * by keyword, a sample (TABLESAMPLE), walks of the newest entries and facets by GROUPING SETS are
 * statements the ORM's query builder cannot express. Besides this folder only kit/server/reads.ts
 * reads around the ORM's queries (for answers outside the unit of work).
 */

export type { Bucket } from './facets.js';

/** What a search is asked: the query's arguments, and what the client selected. */
export interface SearchCriteria {
  filter?: DataResourceFilter | null;
  scope?: RegionScopeInput | null;
  first?: number | null;
  after?: string | null;
  /** Count every match, not only up to the count bound (SubgraphSettings.catalogCountBound). */
  exactCount: boolean;
  /** What the client selected: the count and the facets are read only when wanted, with the page. */
  wants: { count: boolean; facets: boolean };
}

/** A page of a search, and its count and facets as selected. */
export interface CatalogSearch {
  /** The page's entries in order, each with its cursor. */
  edges: { cursor: string; node: DataResource }[];
  hasNextPage: boolean;
  /** Whether any match precedes the page; null on a first page, which has none. */
  hasBefore: (() => Promise<boolean>) | null;
  /** The number of matches, exact or estimated: only when a count was wanted. */
  count(): Promise<Counted>;
  /** Only when facets were wanted. */
  facets(): Promise<Facets>;
}

const FILTER_KEYS = ['providerId', 'shareAttribute', 'openAttribute', 'securityGrade', 'library', 'format', 'updateFrequency', 'status'] as const;

const BAD_CURSOR =
  'after 不是本次检索返回的游标：请原样传入同一检索（同一关键词）上一页的 pageInfo.endCursor / after is not a cursor of this search: pass pageInfo.endCursor of the previous page of the same search (same keyword) unchanged';

/** With a keyword the key is (rank ascending, newest first); without one, newest first like every list. */
function parseAfter(after: string | null | undefined, keyword: Keyword | null): After {
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

/** Searches the catalog of this node for what the caller may see. */
export async function searchCatalog(ctx: SubgraphContext, criteria: SearchCriteria): Promise<CatalogSearch> {
  const size = pageSize(criteria.first);
  const f = criteria.filter ?? {};
  if (f.providerId) assertKnownIdRegion(f.providerId, 'filter.providerId');
  const keyword = parseKeyword(f.keyword);
  const after = parseAfter(criteria.after, keyword);
  const regions = regionsInScope(ctx.node, criteria.scope);
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

  const bound = criteria.exactCount ? null : (ctx.settings.catalogCountBound ?? DEFAULT_CATALOG_COUNT_BOUND);
  const search = new Search(ctx, where, keyword, narrowing, criteria.wants, bound, size, after);
  const { rows } = await search.read();
  return {
    edges: rows.slice(0, size).map(({ node, rank }) => ({
      cursor: rank === null ? cursorOf(node) : encodeCursor({ values: [rank, node.seq], directions: ['ASC', 'DESC'] }),
      node,
    })),
    hasNextPage: rows.length > size,
    hasBefore: after ? () => search.hasBefore() : null,
    count: () => search.count(),
    facets: () => search.facets(),
  };
}
