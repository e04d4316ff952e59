import { describe, expect, test } from '@jest/globals';
import { refusal } from '../../test/support/refusal.js';
import { checkPlanItems, checkPlanYear, itemDelivery, PLAN_ITEMS_MAX, quarterEnd } from './plan.rules.js';

const entry = (n: number, region = '331100') => `${region}:01ARZ3NDEKTSV4RRFFQ69G5F${String(n).padStart(2, '0')}`;
const NOW = new Date('2026-05-10T04:00:00Z');

describe('annual open plans [J §19]', () => {
  test('a plan is filed for this year or the next, in China [J §19]', () => {
    expect(() => checkPlanYear(2026, NOW)).not.toThrow();
    expect(() => checkPlanYear(2027, NOW)).not.toThrow();
    expect(refusal(() => checkPlanYear(2025, NOW))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.year' });
    expect(refusal(() => checkPlanYear(2028, NOW)).field).toBe('input.year');
    // 31 December 2026 17:00 UTC is already 2027 in China.
    expect(() => checkPlanYear(2028, new Date('2026-12-31T17:00:00Z'))).not.toThrow();
  });

  test("items: at least one, each entry of the agency's region once, in quarter 1-4 [J §19, Z §11]", () => {
    expect(() =>
      checkPlanItems(
        [
          { resourceId: entry(1), quarter: 1 },
          { resourceId: entry(2), quarter: 4 },
        ],
        '331100',
      ),
    ).not.toThrow();
    expect(refusal(() => checkPlanItems([], '331100')).field).toBe('input.items');
    const many = Array.from({ length: PLAN_ITEMS_MAX + 1 }, (_, i) => ({ resourceId: entry(i), quarter: 1 }));
    expect(refusal(() => checkPlanItems(many, '331100')).field).toBe('input.items');
    expect(refusal(() => checkPlanItems([{ resourceId: 'nope', quarter: 1 }], '331100')).field).toBe('input.items.0.resourceId');
    expect(refusal(() => checkPlanItems([{ resourceId: entry(1, '331102'), quarter: 1 }], '331100')).message).toContain("agency's region");
    expect(
      refusal(() =>
        checkPlanItems(
          [
            { resourceId: entry(1), quarter: 1 },
            { resourceId: entry(1), quarter: 2 },
          ],
          '331100',
        ),
      ).field,
    ).toBe('input.items.1.resourceId');
    expect(refusal(() => checkPlanItems([{ resourceId: entry(1), quarter: 5 }], '331100')).field).toBe('input.items.0.quarter');
    expect(refusal(() => checkPlanItems([{ resourceId: entry(1), quarter: 0 }], '331100')).field).toBe('input.items.0.quarter');
  });

  test('a quarter ends at midnight China time [J §19]', () => {
    expect(quarterEnd(2026, 1).toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(quarterEnd(2026, 4).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  test("delivered: first opened within the plan's year; overdue: its quarter over and not delivered [J §19, B §31]", () => {
    expect(itemDelivery(2026, 3, new Date('2026-02-01T00:00:00Z'), NOW)).toEqual({ delivered: true, overdue: false });
    expect(itemDelivery(2026, 1, null, NOW)).toEqual({ delivered: false, overdue: true });
    expect(itemDelivery(2026, 2, null, NOW)).toEqual({ delivered: false, overdue: false });
    // Opened the year before: not a delivery of this year's plan.
    expect(itemDelivery(2026, 1, new Date('2025-12-01T00:00:00Z'), NOW)).toEqual({ delivered: false, overdue: true });
  });
});
