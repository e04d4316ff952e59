import { describe, expect, test } from '@jest/globals';
import { type AggregatePartial, mergePartials } from './aggregate-merge.js';

const measures: AggregatePartial['measures'] = [
  { fn: 'COUNT', item: null, numeric: false },
  { fn: 'SUM', item: '浓度', numeric: true },
  { fn: 'AVG', item: '浓度', numeric: true },
  { fn: 'MIN', item: '浓度', numeric: true },
  { fn: 'MAX', item: '日期', numeric: false },
];
const v = (n: number, sum: string | null, min: string | null, max: string | null) => ({ n, sum, min, max });
const part = (groups: AggregatePartial['groups'], minGroupSize = 10): AggregatePartial => ({ groupBy: ['站点类型'], measures, minGroupSize, maxGroups: 1000, groups });
const group = (key: string, count: number, sum: string, min: string, day: string) => ({
  key: [key],
  count,
  values: [v(count, null, null, null), v(count, sum, min, min), v(count, sum, min, min), v(count, sum, min, min), v(count, null, day, day)],
});

describe('the city-wide merge of partial aggregates [D §15, D §17, OPR-4, OPN-2]', () => {
  test('a group small on every node but large city-wide survives; a small one is suppressed only after the merge', () => {
    const r = mergePartials([
      part([group('郊区', 4, '40.5', '8.5', '2026-01-03'), group('工业', 3, '30', '9', '2026-01-01')]),
      part([group('郊区', 4, '41.5', '7.25', '2026-01-05')]),
      part([group('郊区', 4, '42', '9', '2026-01-02')]),
    ]);
    expect(r.suppressedGroups).toBe(1);
    expect(r.minGroupSize).toBe(10);
    expect(r.groups).toEqual([
      {
        key: ['郊区'],
        count: 12,
        values: [
          { fn: 'COUNT', item: null, value: '12' },
          { fn: 'SUM', item: '浓度', value: '124' },
          { fn: 'AVG', item: '浓度', value: '10.333333' },
          { fn: 'MIN', item: '浓度', value: '7.25' },
          { fn: 'MAX', item: '日期', value: '2026-01-05' },
        ],
      },
    ]);
  });

  test('the average is the merged sum over the merged count, never an average of averages', () => {
    // Node 1: 10 values summing to 10 (avg 1); node 2: 30 values summing to 90 (avg 3). City: 100/40 = 2.5, not (1+3)/2 = 2.
    const r = mergePartials([part([group('城区', 10, '10', '1', '2026-01-01')]), part([group('城区', 30, '90', '3', '2026-01-01')])]);
    expect(r.groups[0]!.values.find((x) => x.fn === 'AVG')!.value).toBe('2.5');
  });

  test('decimal sums stay exact; the strictest minimum of the nodes applies', () => {
    const r = mergePartials([part([group('城区', 6, '0.1000000001', '0.1', '2026-01-01')], 5), part([group('城区', 5, '0.2', '0.2', '2026-01-01')], 12)]);
    expect(r).toMatchObject({ groups: [], suppressedGroups: 1, minGroupSize: 12 });
    const ok = mergePartials([part([group('城区', 6, '0.1000000001', '0.1', '2026-01-01')], 5), part([group('城区', 5, '0.2', '-0.2', '2026-01-01')], 5)]);
    expect(ok.groups[0]!.values.map((x) => x.value)).toEqual(['11', '0.3000000001', '0.027273', '-0.2', '2026-01-01']);
  });

  test('too many groups city-wide, or partials of different queries, release nothing', () => {
    const many = (from: number) => ({ ...part(Array.from({ length: 600 }, (_, i) => group(`g${from + i}`, 10, '1', '1', '2026-01-01'))) });
    expect(() => mergePartials([many(0), many(600)])).toThrow(/more than 1000 groups/);
    expect(() => mergePartials([part([]), { ...part([]), groupBy: ['其他'] }])).toThrow(/not of one query/);
  });
});
