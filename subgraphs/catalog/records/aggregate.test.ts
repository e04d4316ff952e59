import 'reflect-metadata';
import { describe, expect, test } from '@jest/globals';
import { type AggregateItem, compileAggregate } from './aggregate.js';

const item = (name: string, dataType: AggregateItem['dataType'], over: Partial<AggregateItem> = {}): AggregateItem => ({
  name,
  dataType,
  identifier: false,
  personalInfo: false,
  ...over,
});
const items = [
  item('站点类型', 'STRING'),
  item('浓度', 'DECIMAL'),
  item('日期', 'DATE'),
  item('有效', 'BOOLEAN'),
  item('姓名', 'STRING', { personalInfo: true }),
  item('统一社会信用代码', 'STRING', { identifier: true }),
];
const entries = [{ resourceId: '331102:01ARZ3NDEKTSV4RRFFQ69G5FAV', base: 3 }];
const fieldOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { extensions?: { field?: string } }).extensions?.field;
  }
  return null;
};

describe('a declarative aggregate compiles to parameters, never to SQL text [D §15, D §17, OPR-4]', () => {
  test('item names, values and entries reach SQL only as parameters; the cap is checked with one group too many', () => {
    const c = compileAggregate(
      { groupBy: ['站点类型'], measures: [{ fn: 'COUNT' }, { fn: 'AVG', item: '浓度' }], filter: [{ item: '日期', gte: '2026-01-01' }] },
      items,
      entries,
      1000,
    );
    expect(c.sql).not.toMatch(/站点类型|浓度|日期|331102/);
    expect(c.sql).toMatch(/limit 1001$/);
    // AVG reads its item twice (the count of values and their sum): nothing a COUNT or an AVG does not merge from.
    expect(c.params).toEqual(['站点类型', '浓度', '浓度', entries[0]!.resourceId, 3, '日期', '2026-01-01']);
    expect(c.sql).not.toMatch(/\bmin\(|\bmax\(/);
    expect(c.measures).toEqual([
      { fn: 'COUNT', item: null, numeric: false },
      { fn: 'AVG', item: '浓度', numeric: true },
    ]);
    expect(c.items.sort()).toEqual(['日期', '浓度', '站点类型'].sort());
  });

  test('personal items and identifiers are never grouped on, measured or filtered on [SEC-3, D §17]', () => {
    expect(fieldOf(() => compileAggregate({ groupBy: ['姓名'], measures: [{ fn: 'COUNT' }] }, items, entries, 10))).toBe('input.groupBy[0]');
    expect(fieldOf(() => compileAggregate({ measures: [{ fn: 'MAX', item: '统一社会信用代码' }] }, items, entries, 10))).toBe('input.measures[0].item');
    expect(fieldOf(() => compileAggregate({ measures: [{ fn: 'COUNT' }], filter: [{ item: '姓名', eq: '张三' }] }, items, entries, 10))).toBe('input.filter[0].item');
  });

  test('bad queries say what to fix: too many group-by items, SUM of text, MIN of a boolean, no measure, unknown item', () => {
    expect(() => compileAggregate({ groupBy: ['站点类型', '日期', '有效', '浓度'], measures: [{ fn: 'COUNT' }] }, items, entries, 10)).toThrow(/at most 3/);
    expect(() => compileAggregate({ measures: [{ fn: 'SUM', item: '站点类型' }] }, items, entries, 10)).toThrow(/INTEGER or DECIMAL/);
    expect(() => compileAggregate({ measures: [{ fn: 'MIN', item: '有效' }] }, items, entries, 10)).toThrow(/number, date/);
    expect(() => compileAggregate({ measures: [{ fn: 'AVG' }] }, items, entries, 10)).toThrow(/needs an item/);
    expect(() => compileAggregate({ measures: [] }, items, entries, 10)).toThrow(/1 to 10 measures/);
    expect(fieldOf(() => compileAggregate({ groupBy: ['无此项'], measures: [{ fn: 'COUNT' }] }, items, entries, 10))).toBe('input.groupBy[0]');
  });
});
