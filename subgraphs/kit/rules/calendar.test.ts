import { describe, expect, test } from '@jest/globals';
import chineseDays from 'chinese-days';
import { PROFILE_CODES } from '../../../schema/topology.js';
import { addWorkingDays, isWorkingDay, todayInChina } from './calendar.js';
import { resolvePolicy } from './policy.js';

const d = (s: string) => new Date(`${s}T00:00:00.000Z`);

describe('working days [SEC-6]', () => {
  test('weekends and official holidays are not working days; adjusted weekends (调休) are', () => {
    expect(isWorkingDay(d('2026-11-23'))).toBe(true);
    expect(isWorkingDay(d('2026-11-22'))).toBe(false);
    expect(isWorkingDay(d('2026-10-01'))).toBe(false);
    expect(isWorkingDay(d('2026-10-10'))).toBe(true);
  });

  test('a deadline of 2 working days skips the weekend and the National Day holiday [L §13]', () => {
    expect(addWorkingDays(d('2026-11-20'), 2).toISOString().slice(0, 10)).toBe('2026-11-24');
    expect(addWorkingDays(d('2026-09-30'), 2).toISOString().slice(0, 10)).toBe('2026-10-09');
  });
});

/**
 * Without a year's schedule chinese-days counts every weekday of it as a working day, silently, so
 * a deadline that falls in that year comes out early. The schedule is data the package must be
 * refreshed for once a year (the State Council publishes next year's between October and early
 * December). This fails as soon as a deadline the policies set today could fall in a year the
 * package does not know: the current year, and next year once the longest working-day deadline
 * from today reaches into it (mid-December). A known year has its Spring Festival and National Day.
 */
describe('the holiday data is current [SEC-6]', () => {
  const longest = Math.max(
    ...PROFILE_CODES.map((code) => resolvePolicy([code])).flatMap((p) => [
      p.wrongDataVerificationWorkingDays ?? 0,
      p.opinionHandlingWorkingDays ?? 0,
      p.objectionHandling.workingDays,
      (p.operatorReReviewWorkingDays ?? 0) + (p.providerConfirmationWorkingDays ?? 0),
    ]),
  );
  const knows = (year: string) =>
    ['春节', '国庆节'].filter(
      (festival) => !chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).some((day) => chineseDays.getDayDetail(day).name.includes(festival)),
    );

  test('chinese-days knows every year a deadline set today can fall in: when this fails, update chinese-days', () => {
    const today = todayInChina();
    const farthest = addWorkingDays(new Date(`${today}T00:00:00.000Z`), longest)
      .toISOString()
      .slice(0, 4);
    for (const year of new Set([today.slice(0, 4), farthest])) {
      const missing = knows(year);
      if (missing.length)
        throw new Error(`chinese-days has no holiday schedule for ${year} (no ${missing.join(', ')}): update chinese-days to a release with the State Council's ${year} schedule`);
    }
    expect(longest).toBeGreaterThanOrEqual(10);
  });

  test('a year the package does not know is found', () => {
    expect(knows('2026')).toEqual([]);
    expect(knows('2099')).toEqual(['春节', '国庆节']);
  });
});

describe('policy profiles', () => {
  test('a Lishui node also follows Zhejiang: L fills first, Z fills what L leaves unset', () => {
    const p = resolvePolicy(['L', 'Z']);
    expect(p.shareCategoryNames.CONDITIONAL).toBe('受限共享');
    expect(p.wrongDataVerificationWorkingDays).toBe(2);
    expect(p.opinionHandlingWorkingDays).toBe(10);
    expect(p.openCategoryNames.PROHIBITED).toBe('禁止开放');
    expect(resolvePolicy(['D']).operatorAgreementYears).toBe(3);
    expect(resolvePolicy(['J']).operatorAgreementYears).toBeNull();
  });
});
