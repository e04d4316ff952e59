import { describe, expect, test } from '@jest/globals';
import { diffContent, isOverdue, updateDueAfter } from './workflow.js';
import type { ResourceContent } from './resource.entity.js';

describe('when the next data update falls due [CAT-7, B §17-18, L §8]', () => {
  const at = (s: string) => new Date(s);
  test('one period after the last update, per frequency', () => {
    expect(updateDueAfter(at('2026-03-10T08:00:00Z'), 'DAILY')).toEqual(at('2026-03-11T08:00:00Z'));
    expect(updateDueAfter(at('2026-03-10T08:00:00Z'), 'WEEKLY')).toEqual(at('2026-03-17T08:00:00Z'));
    expect(updateDueAfter(at('2026-03-10T08:00:00Z'), 'QUARTERLY')).toEqual(at('2026-06-10T08:00:00Z'));
    expect(updateDueAfter(at('2026-03-10T08:00:00Z'), 'YEARLY')).toEqual(at('2027-03-10T08:00:00Z'));
    expect(updateDueAfter(at('2026-03-10T08:00:00Z'), 'ON_DEMAND')).toBeNull();
  });
  test('a month after the 31st is the end of a shorter month, not a day in the month after', () => {
    expect(updateDueAfter(at('2026-01-31T00:00:00Z'), 'MONTHLY')).toEqual(at('2026-02-28T00:00:00Z'));
    expect(updateDueAfter(at('2028-01-31T00:00:00Z'), 'MONTHLY')).toEqual(at('2028-02-29T00:00:00Z'));
    expect(updateDueAfter(at('2026-08-31T00:00:00Z'), 'HALF_YEARLY')).toEqual(at('2027-02-28T00:00:00Z'));
  });
  test('only published entries are overdue', () => {
    const past = at('2020-01-01T00:00:00Z');
    expect(isOverdue({ status: 'PUBLISHED', updateDueAt: past })).toBe(true);
    expect(isOverdue({ status: 'DEPRECATED', updateDueAt: past })).toBe(false);
    expect(isOverdue({ status: 'PUBLISHED', updateDueAt: null })).toBe(false);
  });
});

describe('what changed between versions [CAT-5]', () => {
  const item = {
    name: '姓名',
    dataType: 'STRING' as const,
    description: null,
    personalInfo: true,
    identifier: false,
    authoritative: false,
    sourceItemId: null,
    duplicationJustification: null,
  };
  const v1: ResourceContent = { fields: { name: '人口信息', relatedCodes: [] }, items: [item] };
  test('fields and items by name; the key order of stored items does not count as a change', () => {
    const reordered = Object.fromEntries(Object.entries(item).reverse()) as typeof item;
    expect(diffContent(v1, { fields: v1.fields, items: [reordered] })).toEqual([]);
    const v2: ResourceContent = { fields: { name: '常住人口信息', relatedCodes: ['A1'] }, items: [{ ...item, name: '性别' }] };
    expect(diffContent(v1, v2)).toEqual([
      { field: 'name', before: '人口信息', after: '常住人口信息' },
      { field: 'relatedCodes', before: '[]', after: '["A1"]' },
      { field: 'items.性别', before: null, after: expect.stringContaining('"性别"') },
      { field: 'items.姓名', before: expect.stringContaining('"姓名"'), after: null },
    ]);
  });
});
