/**
 * Keyset cursors: subgraphs encode them, and the gateway merges pages from several nodes by the sort key
 * they carry, so both sides must agree exactly on the key's shape and order.
 */

export type SortDirection = 'ASC' | 'DESC';
export type SortValue = string | number;
export type SortKey = { values: SortValue[]; directions: SortDirection[] };

type Wire = { k: SortValue[]; d: ('a' | 'd')[] };

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function isSortValue(v: unknown): v is SortValue {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

function isSortKey(key: SortKey): boolean {
  return (
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
  const wire: Wire = { k: key.values, d: key.directions.map((d) => (d === 'ASC' ? 'a' : 'd')) };
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
  if (Object.keys(wire).sort().join() !== 'd,k') return null;
  const { k, d } = wire as Record<string, unknown>;
  if (!Array.isArray(d) || !d.every((x) => x === 'a' || x === 'd')) return null;
  const key: SortKey = { values: k as SortValue[], directions: d.map((x) => (x === 'a' ? 'ASC' : 'DESC')) };
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
