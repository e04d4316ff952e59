/**
 * The city-wide merge of "usable but invisible" aggregates [D §15, D §17, Z §20, OPR-4, OPN-2]:
 * each node computed, over its own entries' records, a partial per group (row count; per measure
 * the count of values, their sum, min and max) and holds it until the authority approves the run.
 * The gateway merges the released partials here: counts and sums add up, the least of the minima
 * and the greatest of the maxima are kept, an average is the merged sum over the merged count, and
 * only then are groups smaller than the minimum suppressed. Suppressing on each node first would
 * drop a group that is small in every district and large in the city, and a node's suppressed
 * group would still be revealed by the city total minus the others.
 */

export const AGGREGATE_FUNCTIONS = ['COUNT', 'SUM', 'AVG', 'MIN', 'MAX'] as const;
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];

export interface PartialMeasure {
  fn: AggregateFunction;
  /** The item measured; null for COUNT of rows. */
  item: string | null;
  /** INTEGER or DECIMAL: sums and comparisons are numeric; otherwise min and max compare canonical text (dates, instants). */
  numeric: boolean;
}

/** One measure of one group on one node: how many values it counted, their sum (numeric), min and max, as decimal text. */
export interface PartialValue {
  n: number;
  sum: string | null;
  min: string | null;
  max: string | null;
}

export interface PartialGroup {
  /** The group's values of the group-by items, in their order (null: empty). */
  key: (string | null)[];
  count: number;
  values: PartialValue[];
}

/** What one node holds for a run: its groups, and the limits of its policy. */
export interface AggregatePartial {
  groupBy: string[];
  measures: PartialMeasure[];
  minGroupSize: number;
  maxGroups: number;
  groups: PartialGroup[];
}

export interface ReleasedValue {
  fn: AggregateFunction;
  item: string | null;
  value: string | null;
}

export interface ReleasedGroup {
  key: (string | null)[];
  count: number;
  values: ReleasedValue[];
}

export interface AggregateResult {
  groups: ReleasedGroup[];
  /** Groups left out because fewer than `minGroupSize` records fell in them city-wide. */
  suppressedGroups: number;
  minGroupSize: number;
}

/** Partials that cannot be merged: different queries, or more groups than a run may yield. */
export class AggregateMergeError extends Error {
  constructor(
    message: string,
    readonly code: 'BAD_USER_INPUT' | 'CONFLICT',
  ) {
    super(message);
  }
}

/** Decimal text as an integer of 10^-SCALE units: stored decimals have at most 10 digits after the point, so sums stay exact. */
const SCALE = 10;
const UNIT = 10n ** BigInt(SCALE);

function toUnits(text: string): bigint {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new AggregateMergeError(`"${text}" is no decimal`, 'CONFLICT');
  const frac = (m[3] ?? '').slice(0, SCALE).padEnd(SCALE, '0');
  const v = BigInt(m[2]!) * UNIT + BigInt(frac);
  return m[1] === '-' ? -v : v;
}

function fromUnits(v: bigint): string {
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const frac = (abs % UNIT).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${abs / UNIT}${frac ? `.${frac}` : ''}`;
}

/** sum / n rounded half away from zero to 6 digits after the point. */
function average(sum: bigint, n: number): string {
  const q = 10n ** BigInt(SCALE - 6);
  const scaled = (sum * 2n) / BigInt(n);
  const half = scaled < 0n ? scaled - q : scaled + q;
  return fromUnits((half / (2n * q)) * q);
}

function pick(a: string | null, b: string | null, numeric: boolean, keep: 'min' | 'max'): string | null {
  if (a === null) return b;
  if (b === null) return a;
  const cmp = numeric ? Number(toUnits(a) - toUnits(b)) : a < b ? -1 : a > b ? 1 : 0;
  return (keep === 'min' ? cmp <= 0 : cmp >= 0) ? a : b;
}

const sameQuery = (a: AggregatePartial, b: AggregatePartial) => JSON.stringify([a.groupBy, a.measures]) === JSON.stringify([b.groupBy, b.measures]);

/**
 * Merges the partials of one run and releases its groups: sums of counts and sums, min of minima,
 * max of maxima, averages from the merged sums and counts, then suppression of groups below the
 * strictest minimum of the nodes' policies. Groups come out in key order.
 */
export function mergePartials(parts: readonly AggregatePartial[]): AggregateResult {
  const first = parts[0];
  if (!first) return { groups: [], suppressedGroups: 0, minGroupSize: 0 };
  if (parts.some((p) => !sameQuery(p, first))) throw new AggregateMergeError('各平台的部分结果不属于同一查询 / the partial results are not of one query', 'CONFLICT');
  const minGroupSize = Math.max(...parts.map((p) => p.minGroupSize));
  const maxGroups = Math.min(...parts.map((p) => p.maxGroups));
  interface Acc {
    key: (string | null)[];
    count: number;
    values: { n: number; sum: bigint; min: string | null; max: string | null }[];
  }
  const byKey = new Map<string, Acc>();
  for (const p of parts) {
    for (const g of p.groups) {
      const k = JSON.stringify(g.key);
      let acc = byKey.get(k);
      if (!acc) {
        acc = { key: g.key, count: 0, values: first.measures.map(() => ({ n: 0, sum: 0n, min: null, max: null })) };
        byKey.set(k, acc);
      }
      acc.count += g.count;
      g.values.forEach((v, i) => {
        const m = first.measures[i]!;
        const a = acc.values[i]!;
        a.n += v.n;
        if (v.sum !== null) a.sum += toUnits(v.sum);
        a.min = pick(a.min, v.min, m.numeric, 'min');
        a.max = pick(a.max, v.max, m.numeric, 'max');
      });
    }
  }
  if (byKey.size > maxGroups) {
    throw new AggregateMergeError(
      `结果超过${maxGroups}组，请减少分组项或缩小筛选范围，未发布任何结果 / the result has more than ${maxGroups} groups: group by fewer items or filter more narrowly; nothing was released`,
      'BAD_USER_INPUT',
    );
  }
  const groups: ReleasedGroup[] = [];
  let suppressedGroups = 0;
  const ordered = [...byKey.values()].sort((a, b) => compareKeys(a.key, b.key));
  for (const g of ordered) {
    if (g.count < minGroupSize) {
      suppressedGroups += 1;
      continue;
    }
    groups.push({
      key: g.key,
      count: g.count,
      values: first.measures.map((m, i) => {
        const a = g.values[i]!;
        const value =
          m.fn === 'COUNT'
            ? String(m.item === null ? g.count : a.n)
            : m.fn === 'SUM'
              ? a.n
                ? fromUnits(a.sum)
                : null
              : m.fn === 'AVG'
                ? a.n
                  ? average(a.sum, a.n)
                  : null
                : m.fn === 'MIN'
                  ? a.min
                  : a.max;
        return { fn: m.fn, item: m.item, value };
      }),
    });
  }
  return { groups, suppressedGroups, minGroupSize };
}

function compareKeys(a: (string | null)[], b: (string | null)[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}
