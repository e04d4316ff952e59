/**
 * Keyset cursors: subgraphs encode them, and the gateway merges pages from several nodes by the sort key
 * they carry, so both sides must agree exactly on the key's shape and order. A cursor also names
 * the list it belongs to (`listOf`), so a cursor of one list is refused by another.
 */

import { createHash } from 'node:crypto';

export type SortDirection = 'ASC' | 'DESC';
export type SortValue = string | number;
export type SortKey = { values: SortValue[]; directions: SortDirection[]; list?: string };

type Wire = { l?: string; k: SortValue[]; d: ('a' | 'd')[] };

/** Longest list name a cursor may carry (`listOf` makes far shorter ones). */
const MAX_LIST = 100;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function isSortValue(v: unknown): v is SortValue {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

function isSortKey(key: SortKey): boolean {
  return (
    (key.list === undefined || (typeof key.list === 'string' && key.list.length > 0 && key.list.length <= MAX_LIST)) &&
    Array.isArray(key.values) &&
    Array.isArray(key.directions) &&
    key.values.length > 0 &&
    key.values.length === key.directions.length &&
    key.values.every(isSortValue) &&
    key.directions.every((d) => d === 'ASC' || d === 'DESC')
  );
}

export function encodeCursor(key: SortKey): string {
  // JSON would silently turn NaN/Infinity into null, producing a cursor that sorts nowhere.
  if (!isSortKey(key)) throw new Error('invalid sort key: need equal-length, non-empty values (finite numbers or strings) and directions (ASC/DESC)');
  const wire: Wire = { ...(key.list === undefined ? {} : { l: key.list }), k: key.values, d: key.directions.map((d) => (d === 'ASC' ? 'a' : 'd')) };
  return Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): SortKey | null {
  if (typeof cursor !== 'string' || !BASE64URL.test(cursor)) return null;
  const bytes = Buffer.from(cursor, 'base64url');
  // Buffer skips junk and stray bits, so insist on the canonical spelling: one key, one cursor.
  if (bytes.toString('base64url') !== cursor) return null;
  let wire: unknown;
  try {
    wire = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) return null;
  // An unknown field might change how the key orders (say, a nulls-first flag), so refuse rather than ignore it.
  const fields = Object.keys(wire).sort().join();
  if (fields !== 'd,k' && fields !== 'd,k,l') return null;
  const { k, d, l } = wire as Record<string, unknown>;
  if (!Array.isArray(d) || !d.every((x) => x === 'a' || x === 'd')) return null;
  const key: SortKey = { ...(l === undefined ? {} : { list: l as string }), values: k as SortValue[], directions: d.map((x) => (x === 'a' ? 'ASC' : 'DESC')) };
  return isSortKey(key) ? key : null;
}

/**
 * Code point order, which is the byte order of UTF-8 and so what PostgreSQL's COLLATE "C" gives;
 * `<` on JS strings compares UTF-16 units and puts U+10000 and above before U+E000..U+FFFF.
 */
function compareCodePoints(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
  }
  return Math.sign(a.length - b.length);
}

function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  throw new Error(`cannot compare sort values of different types: ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
}

/** Throws on keys of different shapes: they come from different orderings, and no answer would be right. */
export function compareSortKeys(a: SortKey, b: SortKey): number {
  if (a.values.length !== b.values.length || a.directions.some((d, i) => d !== b.directions[i])) {
    throw new Error('cannot compare sort keys with different lengths or directions');
  }
  for (let i = 0; i < a.values.length; i++) {
    const c = compareValues(a.values[i]!, b.values[i]!);
    if (c !== 0) return a.directions[i] === 'DESC' ? -c : c;
  }
  return 0;
}

/** Arguments as one spelling: keys sorted, absent and null alike left out, dates as their ISO text. */
function canonical(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.map((x) => canonical(x) ?? null);
  if (typeof v !== 'object') return v;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return (v as { toJSON(): unknown }).toJSON();
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    const c = canonical((v as Record<string, unknown>)[k]);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

/** Arguments that move along a list rather than choose it. */
const PAGING_ARGUMENTS = new Set(['first', 'after']);

/**
 * The name of the list a connection field's arguments select: the field, then a digest of every
 * argument but `first` and `after` (filters, scope, keyword — which also decide the order). The
 * same on every node for the same query, so a cursor the gateway took from one node resumes all.
 */
export function listOf(field: string, args: Record<string, unknown>): string {
  const chosen = Object.fromEntries(Object.entries(args).filter(([k]) => !PAGING_ARGUMENTS.has(k)));
  const digest = createHash('sha256')
    .update(JSON.stringify(canonical(chosen) ?? {}))
    .digest('base64url')
    .slice(0, 12);
  return `${field}~${digest}`;
}

/** The field a list name of `listOf` belongs to. */
export const fieldOfList = (list: string) => list.slice(0, list.lastIndexOf('~'));

/** The cursor of a position in `list`: a key of the list's order, with the list named inside. */
export function listCursor(list: string, key: Omit<SortKey, 'list'>): string {
  return encodeCursor({ values: key.values, directions: key.directions, list });
}

/**
 * The sort key a cursor resumes `list` after; one that cannot is refused with the error `refuse`
 * makes of why (`cursorMismatch`, a message for the `after` argument). The key must still fit the
 * list's order, which the list's own code checks.
 */
export function resumeKey(after: string, list: string, refuse: (why: string) => Error): SortKey {
  const key = decodeCursor(after);
  const why = cursorMismatch(key, list);
  if (why) throw refuse(why);
  return key!;
}

/**
 * Why a cursor cannot resume `list`, as a bilingual message for the `after` argument, or null when
 * it can (its sort key must still fit the list's order, which the list's own code checks).
 */
export function cursorMismatch(key: SortKey | null, list: string): string | null {
  if (key?.list === list) return null;
  const ours = fieldOfList(list);
  if (!key) {
    return 'after 不是本接口返回的游标：请原样传入上一页的 pageInfo.endCursor，或不传 after 从第一页开始 / after is not a cursor returned by this API: pass pageInfo.endCursor of the previous page unchanged, or leave after out to start from the first page';
  }
  if (key.list === undefined) {
    return 'after 是旧格式的游标，已不再适用：请不传 after 从第一页重新开始 / after is a cursor of an earlier format that is no longer accepted: start again from the first page (leave after out)';
  }
  const theirs = fieldOfList(key.list);
  if (theirs !== ours) {
    return `after 是 ${theirs} 列表的游标，不能用于 ${ours}：请传入本列表上一页的 pageInfo.endCursor，或不传 after 从第一页开始 / after is a cursor of ${theirs}, not of ${ours}: pass pageInfo.endCursor of the previous page of this list, or leave after out to start from the first page`;
  }
  return `after 是 ${ours} 在其他查询条件下的游标：翻页时除 first 和 after 外的参数须与上一页相同，或不传 after 从第一页开始 / after is a cursor of ${ours} with other arguments: page with the same arguments as the previous page (all but first and after), or leave after out to start from the first page`;
}
