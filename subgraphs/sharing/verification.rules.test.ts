import { describe, expect, test } from '@jest/globals';
import { workingDaysBetween } from '../kit/rules/calendar.js';
import { median } from './evaluation.rules.js';
import { isOverdueVerification, verificationDeadline } from './verification.rules.js';

/** 09:00 Beijing time on a Chinese date. */
const at = (date: string) => new Date(`${date}T01:00:00.000Z`);

describe('verification deadline [SHR-8, L §13, SEC-6]', () => {
  test('Lishui: 2 working days from the filing date; Friday → Tuesday [L §13]', () => {
    expect(verificationDeadline({ profiles: ['L', 'Z'] }, at('2026-11-20'))).toMatchObject({ dueDate: '2026-11-24', deadlineWorkingDays: 2, deadlineProfile: 'L' });
  });

  test('the National Day holiday is skipped and the adjusted working Saturday (调休) counts [L §13]', () => {
    expect(verificationDeadline({ profiles: ['L'] }, at('2026-09-30')).dueDate).toBe('2026-10-09');
    // 2025-09-28 (Sunday) and 2025-10-11 (Saturday) were working days: filed Friday 2025-09-26, due Monday; filed Friday 2025-10-10, due Monday.
    expect(verificationDeadline({ profiles: ['L'] }, at('2025-09-26')).dueDate).toBe('2025-09-29');
    expect(verificationDeadline({ profiles: ['L'] }, at('2025-10-10')).dueDate).toBe('2025-10-13');
  });

  test('a filing at 01:00 Beijing time counts from that Chinese date, not the UTC one', () => {
    expect(verificationDeadline({ profiles: ['L'] }, new Date('2026-11-22T17:00:00.000Z')).dueDate).toBe('2026-11-25');
  });

  test('without a profile that sets the period, the platform default applies and says where it comes from [B §15, Z §21]', () => {
    const d = verificationDeadline({ profiles: ['B', 'J'] }, at('2026-11-23'));
    expect(d).toMatchObject({ deadlineWorkingDays: 10, deadlineProfile: null, dueDate: '2026-12-07' });
    expect(d.deadlineBasis).toContain('B §15');
  });

  test('overdue means still open after the due date; the due date itself is in time [L §13]', () => {
    expect(isOverdueVerification({ status: 'OPEN', dueDate: '2026-11-24' }, '2026-11-24')).toBe(false);
    expect(isOverdueVerification({ status: 'OPEN', dueDate: '2026-11-24' }, '2026-11-25')).toBe(true);
    expect(isOverdueVerification({ status: 'VERIFIED', dueDate: '2026-11-24' }, '2026-11-25')).toBe(false);
  });
});

describe('response time in working days [SHR-11, L §28]', () => {
  test('working days after the request up to the decision; holidays skipped, 调休 counted', () => {
    expect(workingDaysBetween('2026-11-20', '2026-11-20')).toBe(0);
    expect(workingDaysBetween('2026-11-20', '2026-11-23')).toBe(1);
    expect(workingDaysBetween('2026-09-30', '2026-10-09')).toBe(2);
    expect(workingDaysBetween('2025-09-26', '2025-09-30')).toBe(3);
  });

  test('median of an odd and an even count; none is null', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
