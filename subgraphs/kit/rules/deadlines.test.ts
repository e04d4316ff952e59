import { describe, expect, test } from '@jest/globals';
import { isOverdue, workingDayDeadline } from './deadlines.js';
import type { WorkingDayRule } from './policy.js';

/** 09:00 Beijing time on a Chinese date. */
const at = (date: string) => new Date(`${date}T01:00:00.000Z`);
const twoDays: WorkingDayRule = { workingDays: 2, profile: 'L', basis: 'L §13' };
const tenDays: WorkingDayRule = { workingDays: 10, profile: null, basis: 'default' };

describe('working-day deadlines [SEC-6]', () => {
  test('the record keeps the due date and the rule that set it; Friday + 2 working days is Tuesday [L §13]', () => {
    expect(workingDayDeadline(twoDays, at('2026-11-20'))).toEqual({ dueDate: '2026-11-24', deadlineWorkingDays: 2, deadlineProfile: 'L', deadlineBasis: 'L §13' });
    expect(workingDayDeadline(tenDays, at('2026-11-23'))).toMatchObject({ dueDate: '2026-12-07', deadlineProfile: null });
  });

  test('the National Day holiday is skipped and the adjusted working Saturday (调休) counts', () => {
    // 2026-10-01..07 are holidays, Saturday 2026-10-10 is a working day.
    expect(workingDayDeadline(twoDays, at('2026-09-30')).dueDate).toBe('2026-10-09');
    expect(workingDayDeadline(twoDays, at('2026-10-09')).dueDate).toBe('2026-10-12');
    expect(workingDayDeadline(tenDays, at('2026-09-30')).dueDate).toBe('2026-10-20');
    // 2025-09-28 (Sunday) and 2025-10-11 (Saturday) were working days: filed Friday 2025-09-26, due Monday; filed Friday 2025-10-10, due Monday.
    expect(workingDayDeadline(twoDays, at('2025-09-26')).dueDate).toBe('2025-09-29');
    expect(workingDayDeadline(twoDays, at('2025-10-10')).dueDate).toBe('2025-10-13');
  });

  test('a filing on a holiday counts from the first working day after it', () => {
    expect(workingDayDeadline(twoDays, at('2026-10-03')).dueDate).toBe('2026-10-09');
  });

  test('the filing date is the date in China: 01:00 Beijing time counts from that Chinese date, not the UTC one', () => {
    expect(workingDayDeadline(twoDays, new Date('2026-11-22T17:00:00.000Z')).dueDate).toBe('2026-11-25');
    expect(workingDayDeadline(twoDays, new Date('2026-10-08T17:00:00Z')).dueDate).toBe('2026-10-12');
  });

  test('overdue means still open after the due date; the due date itself is in time, and a handled record is never overdue', () => {
    expect(isOverdue({ status: 'OPEN', dueDate: '2026-11-24' }, '2026-11-24')).toBe(false);
    expect(isOverdue({ status: 'OPEN', dueDate: '2026-11-24' }, '2026-11-25')).toBe(true);
    expect(isOverdue({ status: 'VERIFIED', dueDate: '2026-11-24' }, '2026-11-25')).toBe(false);
    expect(isOverdue({ status: 'HANDLED', dueDate: '2026-11-24' }, '2026-11-25')).toBe(false);
  });
});
