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

// ---------------------------------------------------------------- the gateway's part: fan-out answers

/** Private aliases the router adds to a run's selection, so it can merge whatever the client selected. */
export const ROUTER_RUN_FIELDS = `_routerStatus: status _routerLocal: localResourceIds _routerAll: resourceIds
  _routerPartial: partial { groupBy measures { fn item numeric } minGroupSize maxGroups groups { key count values { n sum min max } } }`;
const ROUTER_KEYS = ['_routerStatus', '_routerLocal', '_routerAll', '_routerPartial'];

/** The name under which a run's partial travels from a node, and the field the client knows its errors by. */
export const ROUTER_PARTIAL = '_routerPartial';

// biome-ignore lint/suspicious/noExplicitAny: a node's answer, read by field name whatever the client selected
type Obj = Record<string, any>;

/** A field of the client's selection: its response key, its name, and what it selected inside. */
export interface Selected {
  key: string;
  name: string;
  inside: Selected[] | null;
}

const TYPENAMES: Record<string, string> = { result: 'AggregateResult', groups: 'AggregateGroup', values: 'AggregateValue' };

/** A value of the merge, in the shape the client selected (aliases, __typename). */
function project(value: unknown, selection: Selected[] | null, typename: string): unknown {
  if (value === null || value === undefined || !selection) return value ?? null;
  if (Array.isArray(value)) return value.map((v) => project(v, selection, typename));
  const o = value as Obj;
  return Object.fromEntries(selection.map((s) => [s.key, s.name === '__typename' ? typename : project(o[s.name], s.inside, TYPENAMES[s.name] ?? typename)]));
}

/**
 * One run from the answers of the nodes of its scope: the status of all its parts (REFUSED if any
 * part was refused, APPROVED when every part is), and the result merged from the partials when
 * every entry's node answered with its partial. `problems` receives why a result is missing.
 */
export function mergeRunAnswers(values: readonly (Obj | null | undefined)[], selection: Selected[], problems: { message: string; extensions: Obj }[]): Obj | null {
  const present = values.filter((v): v is Obj => v !== null && v !== undefined);
  const first = present[0];
  if (!first) return null;
  const statuses = present.map((p) => p._routerStatus as string);
  const all: string[] = first._routerAll ?? [];
  const covered = new Set(present.flatMap((p) => (p._routerLocal ?? []) as string[]));
  const complete = all.every((id) => covered.has(id));
  const status = statuses.includes('REFUSED') ? 'REFUSED' : complete && statuses.every((s) => s === 'APPROVED') ? 'APPROVED' : 'PENDING_REVIEW';
  let result: AggregateResult | null = null;
  if (complete && present.every((p) => p._routerPartial)) {
    try {
      result = mergePartials(present.map((p) => p._routerPartial as AggregatePartial));
    } catch (e) {
      if (!(e instanceof AggregateMergeError)) throw e;
      problems.push({ message: e.message, extensions: { code: e.code } });
    }
  }
  const merged: Obj = { ...first };
  for (const k of ROUTER_KEYS) delete merged[k];
  for (const s of selection) {
    if (s.name === 'status') merged[s.key] = status;
    else if (s.name === 'localResourceIds') merged[s.key] = all.filter((id) => covered.has(id));
    else if (s.name === 'partial') merged[s.key] = null;
    else if (s.name === 'result') merged[s.key] = project(result, s.inside, 'AggregateResult');
  }
  return merged;
}
