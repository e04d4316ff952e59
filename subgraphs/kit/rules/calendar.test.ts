import { describe, expect, test } from '@jest/globals';
import { addWorkingDays, isWorkingDay } from './calendar.js';
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
