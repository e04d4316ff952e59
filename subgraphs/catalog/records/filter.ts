import { Field, InputType } from 'type-graphql';
import { badInput } from '../../kit/server/errors.js';
import { Bound } from '../../kit/server/input-bounds.js';
import { type ItemShape, parseValue, sqlValue, type StoredValue } from './values.js';

@InputType('RecordFilter', {
  description:
    '按信息项筛选记录；同一条件中的各项同时满足，多个条件同时满足。值按信息项的数据类型解读 / one condition on an item; all given parts must hold, and all conditions must hold. Values are read as the item’s data type',
})
export class RecordFilterInput {
  @Field({ description: '信息项名称 / the item’s name' })
  @Bound({ kind: 'line', max: 200 })
  item!: string;

  @Field(() => String, { nullable: true, description: '等于 / equals' })
  @Bound({ kind: 'text' })
  eq?: string | null;

  @Field(() => [String], { nullable: true, description: '等于其中之一（至多100个，每个至多2000字）/ equals one of (at most 100, each at most 2,000 characters)' })
  @Bound({ kind: 'text', maxItems: 100 })
  in?: string[] | null;

  @Field(() => String, { nullable: true, description: '不小于 / at least' })
  @Bound({ kind: 'text' })
  gte?: string | null;

  @Field(() => String, { nullable: true, description: '不大于 / at most' })
  @Bound({ kind: 'text' })
  lte?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true：为空；false：不为空 / true: the item is empty; false: it is not' })
  isNull?: boolean | null;
}

/** The most conditions one query may carry. */
export const MAX_FILTERS = 20;

export interface CompiledFilter {
  /** SQL conditions joined by `and` (or `true`), with `?` placeholders. */
  sql: string;
  params: unknown[];
}

/**
 * Compiles filters to SQL over `data_record.data`. Only items in `filterable` may be named: the
 * caller's visible, unmasked items — filtering on a masked personal item would reveal it one probe
 * at a time. Every value is parsed as its item's type first, so a wrong value is a clear error and
 * item names and values reach SQL only as parameters.
 */
export function compileFilters(filters: readonly RecordFilterInput[] | null | undefined, filterable: readonly ItemShape[], field = 'filter'): CompiledFilter {
  const list = filters ?? [];
  if (list.length > MAX_FILTERS) throw badInput(`至多${MAX_FILTERS}个筛选条件 / at most ${MAX_FILTERS} filter conditions`, field);
  const byName = new Map(filterable.map((i) => [i.name, i]));
  const parts: string[] = [];
  const params: unknown[] = [];
  list.forEach((f, n) => {
    const at = `${field}[${n}]`;
    const item = byName.get(f.item?.trim());
    if (!item)
      throw badInput(
        `不能按信息项"${f.item}"筛选：条目没有此项，或你只能看到其脱敏值 / cannot filter on "${f.item}": the entry has no such item, or you see it only masked`,
        `${at}.item`,
      );
    const read = sqlValue(item.dataType)('?');
    const value = (raw: string, part: string): StoredValue => {
      const v = parseValue(item, raw);
      if (!v.ok) throw badInput(`${item.name}: ${v.reason}`, `${at}.${part}`);
      return v.value;
    };
    const given = [f.eq, f.in, f.gte, f.lte, f.isNull].filter((x) => x !== null && x !== undefined);
    if (given.length === 0) throw badInput('条件须给出 eq、in、gte、lte 或 isNull 之一 / give one of eq, in, gte, lte or isNull', at);
    if (f.eq !== null && f.eq !== undefined) {
      parts.push(`${read} = ?`);
      params.push(item.name, value(f.eq, 'eq'));
    }
    if (f.in !== null && f.in !== undefined) {
      if (f.in.length === 0) throw badInput('in 不能为空列表 / in needs at least one value', `${at}.in`);
      parts.push(`${read} in (${f.in.map(() => '?').join(', ')})`);
      params.push(item.name, ...f.in.map((v) => value(v, 'in')));
    }
    for (const [part, op] of [
      ['gte', '>='],
      ['lte', '<='],
    ] as const) {
      const raw = f[part];
      if (raw === null || raw === undefined) continue;
      if (item.dataType === 'BOOLEAN' || item.dataType === 'BINARY')
        throw badInput(`${item.name} 的类型 ${item.dataType} 不能比较大小 / a ${item.dataType} item has no order`, `${at}.${part}`);
      parts.push(`${read} ${op} ?`);
      params.push(item.name, value(raw, part));
    }
    if (f.isNull !== null && f.isNull !== undefined) {
      parts.push(f.isNull ? `(data->>?) is null` : `(data->>?) is not null`);
      params.push(item.name);
    }
  });
  return { sql: parts.length ? parts.join(' and ') : 'true', params };
}
