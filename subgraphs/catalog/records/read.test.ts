import 'reflect-metadata';
import { describe, expect, test } from '@jest/globals';
import type { Actor } from '../../../schema/auth.js';
import { ANONYMOUS } from '../../../schema/auth.js';
import { refusal } from '../../../test/support/refusal.js';
import { MAX_RECORDS_PER_REQUEST, ReadBudget, recordPageSize } from './limits.js';
import { FULL_MASK, maskValue, valueText } from './masking.js';

const staff: Actor = { sub: 'staff-1', orgId: 'org', region: '331100', roles: ['AGENCY'] };

describe('masking of personal items [SEC-3, J §28]', () => {
  test('an identifier keeps its first and last four characters; any other value is masked whole, whatever its length; an empty value stays empty', () => {
    expect(maskValue({ identifier: true }, '33110019850101123X')).toBe('3311**********123X');
    expect(maskValue({ identifier: false }, '张三')).toBe(FULL_MASK);
    expect(maskValue({ identifier: false }, '欧阳娜娜娜娜')).toBe(FULL_MASK);
    expect(maskValue({ identifier: false }, 42)).toBe(FULL_MASK);
    expect(maskValue({ identifier: true }, null)).toBeNull();
  });

  test('values read as text in their canonical form', () => {
    expect([valueText(12), valueText(true), valueText('1.5'), valueText(null), valueText(undefined)]).toEqual(['12', 'true', '1.5', null, null]);
  });
});

describe('limits [issue 19 item 7]', () => {
  test(`rows per request: 1 to ${MAX_RECORDS_PER_REQUEST}, else a clear error naming first`, () => {
    expect(recordPageSize(undefined)).toBe(20);
    expect(recordPageSize(MAX_RECORDS_PER_REQUEST)).toBe(MAX_RECORDS_PER_REQUEST);
    for (const n of [0, -1, MAX_RECORDS_PER_REQUEST + 1, 1.5]) expect(refusal(() => recordPageSize(n))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  test('reads per minute: counted per node and caller; the next minute starts anew; the public and a limit of 0 are not counted here', () => {
    const budget = new ReadBudget();
    const t = 1_000_000;
    budget.take('a', staff, 2, t);
    budget.take('a', staff, 2, t + 1);
    expect(refusal(() => budget.take('a', staff, 2, t + 2))).toMatchObject({ code: 'RATE_LIMITED' });
    budget.take('b', staff, 2, t + 2);
    budget.take('a', { ...staff, sub: 'staff-2' }, 2, t + 2);
    budget.take('a', staff, 2, t + 60_000);
    for (let i = 0; i < 5; i++) {
      budget.take('a', ANONYMOUS, 2, t);
      budget.take('a', staff, 0, t + 60_001);
    }
  });
});
