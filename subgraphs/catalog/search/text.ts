import { DATA_FORMATS, LIBRARIES, OPEN_ATTRIBUTES, RESOURCE_STATUSES, SECURITY_GRADES, SHARE_ATTRIBUTES, UPDATE_FREQUENCIES } from '../../../schema/enums.js';
import { badInput } from '../../kit/server/errors.js';

/**
 * Keyword search over names, summaries and item names [CAT-8]: substring matching of Chinese
 * text without word segmentation, served by an index for terms of any length.
 *
 * Why character n-grams and not pg_trgm: a trigram index cannot serve 1- and 2-character terms
 * (they contain no trigram, so PostgreSQL reads every row), and Chinese keywords are mostly 1–4
 * characters. The index is GIN (core array_ops, so PostgreSQL and PGlite alike) over
 * `search_keys(search_text, …)`: every character and every pair of adjacent characters, plus
 * the values of the filter columns (see KEY_COLUMNS).
 * - a 1- or 2-character term is itself a gram: `@> array[term]` is exact;
 * - a longer term needs all its pairs (GIN intersects their posting lists) plus a substring
 *   recheck, since pairs present somewhere do not prove they are adjacent.
 * The grams are an index expression rather than a stored column: stored, they made the table
 * 2.8 times larger at 100,000 entries, and counting a frequent term's matches (which visits the
 * table) that much slower. The price is that the expression must never be evaluated row by row
 * (see withoutSeqScan in engine.ts).
 *
 * Measured at 100,000 entries on PostgreSQL 15 (2 cores), one filter: a ranked page of 20 takes
 * 4–18 ms for '局', '企业' and '户籍信息', page 50 by cursor the same; counting all matches is
 * the dearest part and grows with them: 7–26 ms for the public, 7–55 ms for the data authority
 * (38,000 matches of '局'); facets (which then give the count) 7–41 and 10–130 ms.
 *
 * All normalization happens here, in JavaScript, for both the stored text and the keyword: what
 * PostgreSQL's lower() does beyond ASCII depends on the server's locale, so doing it in SQL could
 * make the same keyword match differently on two nodes.
 */

/** Longest keyword accepted, in characters. */
export const MAX_KEYWORD_LENGTH = 50;

/**
 * The form text and keyword are compared in: NFKC (full-width ＡＢＣ１２３ → ABC123, compatibility
 * ideographs → unified ones), lower case, and line breaks as spaces — the stored text separates
 * its fields with line breaks, so no keyword can match across two fields.
 */
export function normalizeSearch(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\r\n]/g, ' ');
}

/** Characters by code point, as string_to_array(t, null) splits them in a UTF-8 database. */
const chars = (s: string): string[] => Array.from(s);

/**
 * The search column of an entry: name, summary and item names, normalized, one per line, the name
 * first (ranking reads it back as the first line). The database derives the grams from it in its
 * index expressions. The workflow spreads the result into the row on create and update; bulk
 * loaders call it too.
 */
export function searchColumns(s: { name: string; summary: string }, items: { name: string }[]): { searchText: string } {
  return { searchText: [s.name, s.summary, ...items.map((i) => i.name)].map(normalizeSearch).join('\n') };
}

/** A parsed keyword: its normalized text and the grams an entry must contain to match it. */
export interface Keyword {
  text: string;
  grams: string[];
  /** Whether the grams only narrow the candidates (terms of 3 or more characters). */
  recheck: boolean;
}

/** Null when there is nothing to search for (no keyword, or only spaces). */
export function parseKeyword(raw: string | null | undefined): Keyword | null {
  const text = normalizeSearch(raw ?? '').trim();
  if (!text) return null;
  const cs = chars(text);
  if (cs.length > MAX_KEYWORD_LENGTH) {
    throw badInput(
      `关键词过长（${cs.length} 个字），请缩短到 ${MAX_KEYWORD_LENGTH} 个字以内 / keyword too long (${cs.length} characters): shorten it to at most ${MAX_KEYWORD_LENGTH}`,
      'filter.keyword',
    );
  }
  if (cs.length <= 2) return { text, grams: [text], recheck: false };
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < cs.length; i++) pairs.add(cs[i]! + cs[i + 1]!);
  return { text, grams: [...pairs], recheck: true };
}

/** SQL with knex `?` placeholders, over the alias `r` of data_resource. */
export interface SqlPart {
  sql: string;
  bindings: string[];
}

/**
 * Filter columns whose values the search index also holds, as keys "\u0001<code><value>", so a
 * search narrows by them inside the index instead of on every matching row of the table: at
 * 100,000 entries, counting '局' for the public with one filter read 3,860 table pages instead of
 * 8,191 (17 ms instead of 57). A key is 3 or more characters long and a gram at most 2, so the
 * two never meet. Order and codes are those of "catalog".search_keys (Migration20261124000100).
 */
const KEY_COLUMNS = [
  ['status', 'status', 's', RESOURCE_STATUSES],
  ['shareAttribute', 'share_attribute', 'a', SHARE_ATTRIBUTES],
  ['openAttribute', 'open_attribute', 'o', OPEN_ATTRIBUTES],
  ['securityGrade', 'security_grade', 'g', SECURITY_GRADES],
  ['library', 'library', 'l', LIBRARIES],
  ['format', 'format', 'f', DATA_FORMATS],
  ['updateFrequency', 'update_frequency', 'u', UPDATE_FREQUENCIES],
  ['regionCode', 'region_code', 'r', null],
  ['providerId', 'provider_id', 'p', null],
] as const;
const KEY_CODE: Record<string, string> = Object.fromEntries(KEY_COLUMNS.map(([prop, , code]) => [prop, code]));
/** The closed value sets of the enum columns: "not X" is "one of the others" (a value outside the enum could not be served anyway). */
const KEY_VALUES: Record<string, readonly string[] | null> = Object.fromEntries(KEY_COLUMNS.map(([prop, , , values]) => [prop, values]));
const keyOf = (prop: string, value: string) => `\u0001${KEY_CODE[prop]}${value}`;

/** Keys an entry must have all of, and groups of which it must have one, to satisfy some conditions. */
export interface Narrowing {
  all: string[];
  any: string[][];
}

/**
 * The keys a filter implies: equality, `$in`, and on enum columns `$ne` and `$nin`, on a key
 * column, inside `$and` and plain objects. Anything else (`$or` …) implies nothing. The filter
 * stays a condition on the row as well, so narrowing never changes a result: it only lets the
 * index drop rows the filter would drop.
 */
export function narrowingOf(where: unknown, into: Narrowing = { all: [], any: [] }): Narrowing {
  if (!where || typeof where !== 'object') return into;
  for (const [key, value] of Object.entries(where)) {
    if (key === '$and' && Array.isArray(value)) for (const w of value) narrowingOf(w, into);
    if (!(key in KEY_CODE)) continue;
    if (typeof value === 'string') into.all.push(keyOf(key, value));
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      const ops = value as Record<string, unknown>;
      if (typeof ops.$eq === 'string') into.all.push(keyOf(key, ops.$eq));
      if (Array.isArray(ops.$in) && ops.$in.length > 0 && ops.$in.every((v) => typeof v === 'string')) into.any.push(ops.$in.map((v: string) => keyOf(key, v)));
      const excluded = typeof ops.$ne === 'string' ? [ops.$ne] : Array.isArray(ops.$nin) ? ops.$nin : null;
      const values = KEY_VALUES[key];
      if (excluded && values) into.any.push(values.filter((v) => !excluded.includes(v)).map((v) => keyOf(key, v)));
    }
  }
  return into;
}

/** The normalized name: the first line of search_text. Indexed as written, so keep it byte for byte. */
const NAME = `split_part(r.search_text, E'\\n', 1)`;
/**
 * The btree for exact names holds their first 64 characters, so a long name never exceeds a btree
 * entry's size. Equal to a keyword (at most MAX_KEYWORD_LENGTH < 64 characters), it is the whole name.
 */
const NAME_PREFIX = `left(${NAME}, 64)`;
const keys = (text: string) => `"catalog".search_keys(${text}, ${KEY_COLUMNS.map(([, column]) => `r.${column}`).join(', ')})`;
const grams = (text: string) => `"catalog".search_grams(${text})`;
/** One placeholder per element: the ORM would spell a bound array as a list. */
const array = (values: string[]) => `array[${values.map(() => '?').join(', ')}]::text[]`;

/** The index condition of the search_keys index: the keyword's grams, and the narrowing's keys. */
function contains(k: Keyword, n: Narrowing = { all: [], any: [] }): SqlPart {
  const all = [...k.grams, ...n.all];
  return {
    sql: [`${keys('r.search_text')} @> ${array(all)}`, ...n.any.map((group) => `${keys('r.search_text')} && ${array(group)}`)].join(' and '),
    bindings: [...all, ...n.any.flat()],
  };
}

/**
 * Entries the keyword matches, for counting and facets: every match is read, so the index
 * narrows by the filters too. Substring tests use strpos, never LIKE: `%` and `_` in a keyword
 * are plain characters.
 */
export function matchSql(k: Keyword, n: Narrowing): SqlPart {
  const c = contains(k, n);
  return k.recheck ? { sql: `${c.sql} and strpos(r.search_text, ?) > 0`, bindings: [...c.bindings, k.text] } : c;
}

export type Rank = 0 | 1 | 2;
export const RANKS: readonly Rank[] = [0, 1, 2];

/**
 * The entries of one rank: 0 the name is the keyword, 1 the name contains it, 2 only the summary
 * or an item name does. Ordering a page by (rank, newest) over all matches would sort every match
 * of a frequent term; each rank on its own is one index away from "newest first": rank 0 by the
 * (name, seq) btree, ranks 1 and 2 by the name-grams or the keys GIN when rare, or by walking seq
 * backwards and stopping at the page size when frequent — the planner picks by the grams'
 * statistics. The strpos tests make a walk cheap: they reject non-matching rows before the grams
 * expression is evaluated (conditions run cheapest first). No filter keys here: the planner
 * would count the filters twice (as keys and as row conditions), underestimate the rows, and
 * sort thousands of matches where a walk reads a few dozen (35 ms instead of 3 for '局').
 */
export function rankSql(k: Keyword, rank: Rank): SqlPart {
  switch (rank) {
    case 0:
      return { sql: `${NAME_PREFIX} = ?`, bindings: [k.text] };
    case 1:
      return { sql: `${grams(NAME)} @> ${array(k.grams)} and strpos(${NAME}, ?) > 0 and ${NAME} <> ?`, bindings: [...k.grams, k.text, k.text] };
    case 2: {
      const c = contains(k);
      // `not (… > 0)` rather than `= 0`: the planner guesses 1/3 for the former and 1/200 for the latter.
      return { sql: `${c.sql} and strpos(r.search_text, ?) > 0 and not (strpos(${NAME}, ?) > 0)`, bindings: [...c.bindings, k.text, k.text] };
    }
  }
}

/**
 * The entries of rank 1 or 2 as a walk tests them: substring tests only, which no index serves, so
 * the planner reads the newest entries one by one and stops at the page size. For a term whose
 * matches are frequent among the newest entries this reads a few thousand rows where the grams'
 * index would hand over every match to be sorted (and the planner, multiplying the selectivities
 * of the grams and of the filters as if independent, often expects far fewer). Substring
 * containment is the match itself, for terms of any length; the grams only ever served the index.
 */
export function walkSql(k: Keyword, rank: Exclude<Rank, 0>): SqlPart {
  return rank === 1
    ? { sql: `strpos(${NAME}, ?) > 0 and ${NAME} <> ?`, bindings: [k.text, k.text] }
    : { sql: `strpos(r.search_text, ?) > 0 and not (strpos(${NAME}, ?) > 0)`, bindings: [k.text, k.text] };
}

/** Whether an entry's name contains the keyword, in the sample that decides whether to walk (see walkSql). */
export function nameMatchSql(k: Keyword): SqlPart {
  return { sql: `strpos(${NAME}, ?) > 0`, bindings: [k.text] };
}
