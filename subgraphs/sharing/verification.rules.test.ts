import { describe, expect, test } from '@jest/globals';
import { workingDaysBetween } from '../kit/rules/calendar.js';
import { median } from './evaluation.rules.js';
import { verificationDeadline } from './verification.rules.js';

/** 09:00 Beijing time on a Chinese date. */
const at = (date: string) => new Date(`${date}T01:00:00.000Z`);

/** How a due date is counted (working days, holidays, China's date) is kit/rules/deadlines.test.ts; here, which rule a node's profiles give. */
describe('verification deadline [SHR-8, L §13, SEC-6]', () => {
  test('Lishui: 2 working days from the filing date; Friday → Tuesday [L §13]', () => {
    expect(verificationDeadline({ profiles: ['L', 'Z'] }, at('2026-11-20'))).toMatchObject({ dueDate: '2026-11-24', deadlineWorkingDays: 2, deadlineProfile: 'L' });
  });

  test('without a profile that sets the period, the platform default applies and says where it comes from [B §15, Z §21]', () => {
    const d = verificationDeadline({ profiles: ['B', 'J'] }, at('2026-11-23'));
    expect(d).toMatchObject({ deadlineWorkingDays: 10, deadlineProfile: null, dueDate: '2026-12-07' });
    expect(d.deadlineBasis).toContain('B §15');
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
