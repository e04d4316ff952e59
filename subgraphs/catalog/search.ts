import { badInput } from '../kit/errors.js';

/**
 * Keyword search over names, summaries and item names [CAT-8]: substring matching of Chinese
 * text without word segmentation, served by an index for terms of any length.
 *
 * Why character n-grams and not pg_trgm: a trigram index cannot serve 1- and 2-character terms
 * (they contain no trigram, so PostgreSQL reads every row), and Chinese keywords are mostly 1–4
 * characters. The index is GIN (core array_ops, so PostgreSQL and PGlite alike) over
 * `search_grams(search_text)`: every character and every pair of adjacent characters.
 * - a 1- or 2-character term is itself a gram: `@> array[term]` is exact;
 * - a longer term needs all its pairs (GIN intersects their posting lists) plus a substring
 *   recheck, since pairs present somewhere do not prove they are adjacent.
 * The grams are an index expression rather than a stored column: stored, they made the table
 * 2.8 times larger at 100,000 entries, and counting a frequent term's matches (which visits the
 * table) that much slower. The price is that the expression must never be evaluated row by row
 * (see withoutSeqScan in search.resolver.ts).
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
  return s.normalize('NFKC').toLowerCase().replace(/[\r\n]/g, ' ');
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
    throw badInput(`关键词过长（${cs.length} 个字），请缩短到 ${MAX_KEYWORD_LENGTH} 个字以内 / keyword too long (${cs.length} characters): shorten it to at most ${MAX_KEYWORD_LENGTH}`, 'filter.keyword');
  }
  if (cs.length <= 2) return { text, grams: [text], recheck: false };
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < cs.length; i++) pairs.add(cs[i]! + cs[i + 1]!);
  return { text, grams: [...pairs], recheck: true };
}

/** SQL with knex `?` placeholders, over the alias `r` of data_resource. */
export interface SqlPart {
  sql: string;
  bindings: unknown[];
}

/** The normalized name: the first line of search_text. Indexed as written, so keep it byte for byte. */
const NAME = `split_part(r.search_text, E'\\n', 1)`;
const grams = (expr: string) => `"catalog".search_grams(${expr})`;
/** One placeholder per gram: the ORM inlines bindings into the SQL, and would spell a bound array as a list. */
const gramArray = (k: Keyword) => `array[${k.grams.map(() => '?').join(', ')}]::text[]`;

/**
 * Entries the keyword matches, for counting and facets. Substring tests use strpos, never LIKE:
 * `%` and `_` in a keyword are plain characters.
 */
export function matchSql(k: Keyword): SqlPart {
  const contains = `${grams('r.search_text')} @> ${gramArray(k)}`;
  return k.recheck
    ? { sql: `${contains} and strpos(r.search_text, ?) > 0`, bindings: [...k.grams, k.text] }
    : { sql: contains, bindings: [...k.grams] };
}

export type Rank = 0 | 1 | 2;
export const RANKS: readonly Rank[] = [0, 1, 2];

/**
 * The entries of one rank: 0 the name is the keyword, 1 the name contains it, 2 only the summary
 * or an item name does. Ordering a page by (rank, newest) over all matches would sort every match
 * of a frequent term; each rank on its own is one index away from "newest first": rank 0 by the
 * (name, seq) btree, ranks 1 and 2 by the name-grams or text-grams GIN when rare, or by walking
 * seq backwards and stopping at the page size when frequent — the planner picks by the grams'
 * statistics. The strpos tests make a walk cheap: they reject non-matching rows before the
 * grams expression is evaluated (conditions run cheapest first).
 */
export function rankSql(k: Keyword, rank: Rank): SqlPart {
  switch (rank) {
    case 0:
      return { sql: `${NAME} = ?`, bindings: [k.text] };
    case 1:
      return { sql: `${grams(NAME)} @> ${gramArray(k)} and strpos(${NAME}, ?) > 0 and ${NAME} <> ?`, bindings: [...k.grams, k.text, k.text] };
    case 2:
      // `not (… > 0)` rather than `= 0`: the planner guesses 1/3 for the former and 1/200 for the latter.
      return { sql: `${grams('r.search_text')} @> ${gramArray(k)} and strpos(r.search_text, ?) > 0 and not (strpos(${NAME}, ?) > 0)`, bindings: [...k.grams, k.text, k.text] };
  }
}
