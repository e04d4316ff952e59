import 'reflect-metadata';
import { describe, expect, test } from '@jest/globals';
import { citizenIdCheckChar } from '../../kit/rules/citizen-id.js';
import { makeCreditCode, makeOrganizationCode } from '../../kit/rules/credit-code.js';
import { compileFilters } from './filter.js';
import { parseValue, type ItemShape } from './values.js';

const item = (name: string, dataType: ItemShape['dataType'], identifier = false): ItemShape => ({ name, dataType, identifier });
const ok = (i: ItemShape, raw: unknown) => {
  const v = parseValue(i, raw);
  if (!v.ok) throw new Error(v.reason);
  return v.value;
};
const reason = (i: ItemShape, raw: unknown) => {
  const v = parseValue(i, raw);
  return v.ok ? null : v.reason;
};

describe('a record’s values are checked against the entry’s data items [B §17-18, L §8]', () => {
  test('each type has one stored form, so SQL orders and compares it as its type', () => {
    expect(ok(item('人数', 'INTEGER'), ' 42 ')).toBe(42);
    expect(ok(item('人数', 'INTEGER'), 42)).toBe(42);
    expect(ok(item('金额', 'DECIMAL'), '0012.500')).toBe('12.5');
    expect(ok(item('金额', 'DECIMAL'), '-0.0')).toBe('0');
    expect(ok(item('日期', 'DATE'), '2026-02-28')).toBe('2026-02-28');
    expect(ok(item('时间', 'DATETIME'), '2026-02-28T08:00:00+08:00')).toBe('2026-02-28T00:00:00.000Z');
    expect(ok(item('有效', 'BOOLEAN'), '是')).toBe(true);
    expect(ok(item('名称', 'STRING'), '')).toBeNull();
  });

  test('a wrong value says what is wrong and what is expected', () => {
    expect(reason(item('人数', 'INTEGER'), '4.5')).toMatch(/not an integer/);
    expect(reason(item('人数', 'INTEGER'), '99999999999999999')).toMatch(/integer range|not an integer/);
    expect(reason(item('日期', 'DATE'), '2026-02-30')).toMatch(/YYYY-MM-DD/);
    expect(reason(item('时间', 'DATETIME'), '2026-02-28T08:00:00')).toMatch(/offset/);
    expect(reason(item('有效', 'BOOLEAN'), 'maybe')).toMatch(/boolean/);
    expect(reason(item('名称', 'STRING'), { a: 1 })).toMatch(/single value/);
    expect(reason(item('名称', 'STRING'), 'a\u0001b')).toMatch(/control/);
  });

  test('identifiers are checked by their check digits: citizen ID numbers and credit codes', () => {
    const first17 = '33110219900101123';
    const id = first17 + citizenIdCheckChar(first17);
    const wrong = first17 + (citizenIdCheckChar(first17) === '1' ? '2' : '1');
    expect(ok(item('公民身份号码', 'STRING', true), id.toLowerCase())).toBe(id);
    expect(reason(item('公民身份号码', 'STRING', true), wrong)).toMatch(/citizen ID/);
    const code = makeCreditCode(`91331100${makeOrganizationCode('MA2A0000')}`);
    expect(ok(item('统一社会信用代码', 'STRING', true), code)).toBe(code);
    expect(reason(item('统一社会信用代码', 'STRING', true), `${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'}`)).toMatch(/credit code/);
  });
});

describe('filters on items compile to parameters, never to SQL text', () => {
  const items = [item('人数', 'INTEGER'), item('名称', 'STRING'), item('有效', 'BOOLEAN')];

  test('item names and values are parameters; values are parsed as their type', () => {
    const f = compileFilters([{ item: '人数', gte: '10', lte: '20' }], items);
    expect(f.sql).toBe('(data->>?)::numeric >= ? and (data->>?)::numeric <= ?');
    expect(f.params).toEqual(['人数', 10, '人数', 20]);
  });

  test('an item the caller may not filter on, a wrong value or an empty condition is a clear error on its field', () => {
    expect(() => compileFilters([{ item: '身份证号', eq: 'x' }], items)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'filter[0].item' }) }));
    expect(() => compileFilters([{ item: '人数', eq: 'ten' }], items)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'filter[0].eq' }) }));
    expect(() => compileFilters([{ item: '有效', gte: 'true' }], items)).toThrow(/no order/);
    expect(() => compileFilters([{ item: '人数' }], items)).toThrow(/give one of/);
    expect(() =>
      compileFilters(
        Array.from({ length: 21 }, () => ({ item: '人数', eq: '1' })),
        items,
      ),
    ).toThrow(/at most 20/);
  });
});
