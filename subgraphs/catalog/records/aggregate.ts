import { badInput } from '../../kit/server/errors.js';
import { compileFilters, type RecordFilterInput } from './filter.js';
import { RECORD_TABLE } from './store.js';
import { sqlValue, type ItemShape } from './values.js';

/**
 * A declarative aggregate, compiled to one statement over `data_record` [D §15, D §17, OPR-4,
 * OPN-2]: never SQL from the caller, item names and values only as parameters. It yields the
 * node's PARTIAL aggregates (per group: rows, and per measure the count of values and what its
 * function merges from: the sum for SUM and AVG, the minimum for MIN, the maximum for MAX; the
 * rest null): the gateway merges the partials of every node of a run and only then suppresses small
 * groups (gateway/aggregate-merge.ts).
 */

export const AGGREGATE_FNS = ['COUNT', 'SUM', 'AVG', 'MIN', 'MAX'] as const;
export type AggregateFn = (typeof AGGREGATE_FNS)[number];

/** The most group-by items, and measures, of one query. */
export const MAX_GROUP_BY = 3;
export const MAX_MEASURES = 10;

export interface AggregateItem extends ItemShape {
  personalInfo: boolean;
}

export interface AggregateMeasureSpec {
  fn: AggregateFn;
  item?: string | null;
}

export interface AggregateSpec {
  filter?: readonly RecordFilterInput[] | null;
  groupBy?: readonly string[] | null;
  measures: readonly AggregateMeasureSpec[];
}

export interface CompiledMeasure {
  fn: AggregateFn;
  item: string | null;
  numeric: boolean;
}

export interface CompiledAggregate {
  groupBy: string[];
  measures: CompiledMeasure[];
  /** Every item the query touches (group-by, measures, filters): what the caller's basis must cover. */
  items: string[];
  sql: string;
  params: unknown[];
}

const NUMERIC = new Set(['INTEGER', 'DECIMAL']);
const ORDERED = new Set(['INTEGER', 'DECIMAL', 'DATE', 'DATETIME']);

/** Personal information and identifiers are never grouped on, measured or filtered on in an aggregate: a group of one would name a person. */
const hidden = (i: AggregateItem) => i.personalInfo || i.identifier;

/**
 * Checks a query against the entries' items (the same item, of the same type, in each) and builds
 * its statement over `entries` (each read from its base version), returning at most `cap` + 1
 * groups so that one too many is seen without counting them all.
 */
export function compileAggregate(
  spec: AggregateSpec,
  items: readonly AggregateItem[],
  entries: readonly { resourceId: string; base: number }[],
  cap: number,
  field = 'input',
): CompiledAggregate {
  const byName = new Map(items.map((i) => [i.name, i]));
  const usable = (name: string | null | undefined, at: string): AggregateItem => {
    const item = byName.get((name ?? '').trim());
    if (!item) throw badInput(`条目没有信息项"${name ?? ''}" / the entry has no item "${name ?? ''}"`, at);
    if (hidden(item))
      throw badInput(
        `"${item.name}" 是个人信息或标识符，不能用于分组、统计或筛选 / "${item.name}" is personal information or an identifier: it cannot be grouped on, measured or filtered on [SEC-3, D §17]`,
        at,
      );
    return item;
  };
  const groupBy = spec.groupBy ?? [];
  if (groupBy.length > MAX_GROUP_BY) throw badInput(`至多按${MAX_GROUP_BY}个信息项分组 / group by at most ${MAX_GROUP_BY} items`, `${field}.groupBy`);
  if (new Set(groupBy).size !== groupBy.length) throw badInput('分组项不能重复 / a group-by item is named twice', `${field}.groupBy`);
  const groups = groupBy.map((name, i) => usable(name, `${field}.groupBy[${i}]`));
  if (spec.measures.length === 0 || spec.measures.length > MAX_MEASURES) throw badInput(`须给出1到${MAX_MEASURES}项统计 / give 1 to ${MAX_MEASURES} measures`, `${field}.measures`);
  const measures: CompiledMeasure[] = spec.measures.map((m, i) => {
    const at = `${field}.measures[${i}]`;
    if (!AGGREGATE_FNS.includes(m.fn)) throw badInput(`未知的统计函数 ${m.fn} / unknown function ${m.fn}`, `${at}.fn`);
    if (m.item === null || m.item === undefined || m.item === '') {
      if (m.fn !== 'COUNT') throw badInput(`${m.fn} 须指明信息项 / ${m.fn} needs an item`, `${at}.item`);
      return { fn: m.fn, item: null, numeric: false };
    }
    const item = usable(m.item, `${at}.item`);
    if ((m.fn === 'SUM' || m.fn === 'AVG') && !NUMERIC.has(item.dataType))
      throw badInput(
        `${m.fn} 只能用于整数或小数信息项，"${item.name}" 是 ${item.dataType} / ${m.fn} needs an INTEGER or DECIMAL item; "${item.name}" is ${item.dataType}`,
        `${at}.item`,
      );
    if ((m.fn === 'MIN' || m.fn === 'MAX') && !ORDERED.has(item.dataType))
      throw badInput(
        `${m.fn} 只能用于数值或日期信息项，"${item.name}" 是 ${item.dataType} / ${m.fn} needs a number, date or date-time item; "${item.name}" is ${item.dataType}`,
        `${at}.item`,
      );
    return { fn: m.fn, item: item.name, numeric: NUMERIC.has(item.dataType) };
  });
  const filter = compileFilters(
    spec.filter,
    items.filter((i) => !hidden(i)),
    `${field}.filter`,
  );
  if (entries.length === 0) throw badInput('须至少一个目录条目 / name at least one entry', `${field}.resourceIds`);

  const select: string[] = [];
  const params: unknown[] = [];
  select.push(`jsonb_build_array(${groups.map(() => `data->>?`).join(', ')}) as key`);
  params.push(...groups.map((g) => g.name));
  select.push('count(*)::bigint as count');
  measures.forEach((m, i) => {
    if (m.item === null) {
      select.push(`count(*)::bigint as n${i}, null::text as sum${i}, null::text as min${i}, null::text as max${i}`);
      return;
    }
    const read = sqlValue(byName.get(m.item)!.dataType)('?');
    select.push(`count(data->>?)::bigint as n${i}`);
    params.push(m.item);
    // Only what the function needs: every other aggregate reads and casts each row's value again.
    const parts = { sum: m.fn === 'SUM' || m.fn === 'AVG', min: m.fn === 'MIN', max: m.fn === 'MAX' };
    for (const [part, needed] of Object.entries(parts)) {
      select.push(needed ? `${part}(${read})::text as ${part}${i}` : `null::text as ${part}${i}`);
      if (needed) params.push(m.item);
    }
  });
  const where = entries.map(() => '(resource_id = ? and version >= ?)').join(' or ');
  for (const e of entries) params.push(e.resourceId, e.base);
  params.push(...filter.params);
  const sql = `select ${select.join(', ')} from ${RECORD_TABLE} where (${where}) and (${filter.sql}) group by 1 order by 1 limit ${Math.trunc(cap) + 1}`;
  const used = new Set<string>([...groups.map((g) => g.name), ...measures.flatMap((m) => (m.item ? [m.item] : [])), ...(spec.filter ?? []).map((f) => f.item.trim())]);
  return { groupBy: groups.map((g) => g.name), measures, items: [...used], sql, params };
}
