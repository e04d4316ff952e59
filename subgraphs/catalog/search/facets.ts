/** A facet value and how many matches have it. */
export interface Bucket {
  value: string;
  count: number;
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
export const FACET_NAMES = Object.keys(FACET_COLUMNS) as FacetName[];

/** The facet columns, as the GROUPING SETS group them. */
export const FACET_COLUMN_NAMES: readonly string[] = FACET_NAMES.map((f) => FACET_COLUMNS[f]);

/** A facet list per facet, as read from a GROUPING SETS query. */
export type FacetLists = Record<FacetName, Bucket[]>;

/** A search's facets: a list per facet, largest first, the number of matches they describe, and whether the counts are exact. */
export interface Facets {
  lists: FacetLists;
  total: number;
  exact: boolean;
}

/** One GROUPING SETS query groups the matches by every facet column at once. */
export const groupingSets = (alias: string) => `grouping sets (${FACET_NAMES.map((f) => `(${alias}.${FACET_COLUMNS[f]})`).join(', ')})`;
/** A bucket: which set (grouping()'s bits), the value, and its count. */
export const bucketColumns = (alias: string) => {
  const cols = FACET_NAMES.map((f) => `${alias}.${FACET_COLUMNS[f]}`);
  return `grouping(${cols.join(', ')}) as g, coalesce(${cols.map((c) => `${c}::text`).join(', ')}) as value, count(*)::int as count`;
};
/** grouping()'s value for the rows of one facet: every bit set but that column's (the first column is the highest bit). */
export const groupingOf = (facet: FacetName) => (2 ** FACET_NAMES.length - 1) ^ (2 ** (FACET_NAMES.length - 1 - FACET_NAMES.indexOf(facet)));

/** The lists of a GROUPING SETS query's rows (`bucketColumns`). */
export function toLists(rows: Record<string, unknown>[]): FacetLists {
  const lists = Object.fromEntries(FACET_NAMES.map((f) => [f, [] as Bucket[]])) as FacetLists;
  const top = FACET_NAMES.length - 1;
  for (const row of rows) {
    // grouping() sets the bit of every column a row is not grouped by; the first column is the highest bit.
    const index = FACET_NAMES.findIndex((_, i) => ((Number(row.g) >> (top - i)) & 1) === 0);
    if (index >= 0) lists[FACET_NAMES[index]!].push({ value: String(row.value), count: Number(row.count) });
  }
  return lists;
}

/** The facets, each list largest first (ties by value, so the order is stable). */
export function toFacets(lists: FacetLists, total: number, exact: boolean): Facets {
  for (const list of Object.values(lists)) list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return { lists, total, exact };
}
