import { describe, expect, test } from '@jest/globals';
import { refusal } from '../../test/support/refusal.js';
import { addWorkingDays } from '../kit/rules/calendar.js';
import { answeredOnTime, checkAnswerable, checkDeadlineSettable, checkEntryPublished, checkItemNames, feedbackDeadline } from './feedback.rules.js';

describe('governance feedback [OPR-8, D §16]', () => {
  test('the items named are items of the entry, each once, at least one [D §16]', () => {
    expect(checkItemNames([' 站点坐标', '站点坐标', '线路名称'], ['线路名称', '站点坐标'])).toEqual(['站点坐标', '线路名称']);
    expect(refusal(() => checkItemNames([' '], ['线路名称']))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.itemNames' });
    expect(refusal(() => checkItemNames(['票价'], ['线路名称'])).message).toContain('票价');
  });

  test('feedback is on published data [D §16]', () => {
    expect(() => checkEntryPublished({ status: 'PUBLISHED' })).not.toThrow();
    expect(refusal(() => checkEntryPublished({ status: 'DEPRECATED' })).code).toBe('CONFLICT');
  });

  test('the authority gives a date after today or 1-60 working days, exactly one, kept with its basis [D §16, SEC-6]', () => {
    // 2026-09-30, a Wednesday before the National Day holiday.
    const now = new Date('2026-09-30T02:00:00Z');
    const byDays = feedbackDeadline({ workingDays: 5 }, now);
    expect(byDays).toMatchObject({ deadlineWorkingDays: 5, deadlineProfile: null });
    expect(byDays.dueDate).toBe(addWorkingDays(new Date('2026-09-30T00:00:00Z'), 5).toISOString().slice(0, 10));
    expect(byDays.dueDate > '2026-10-08').toBe(true);
    expect(byDays.deadlineBasis).toContain('D §16');
    expect(feedbackDeadline({ dueDate: '2026-10-20' }, now)).toMatchObject({ dueDate: '2026-10-20', deadlineWorkingDays: null });
    expect(refusal(() => feedbackDeadline({}, now))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dueDate' });
    expect(refusal(() => feedbackDeadline({ dueDate: '2026-10-20', workingDays: 3 }, now)).code).toBe('BAD_USER_INPUT');
    expect(refusal(() => feedbackDeadline({ dueDate: '2026-09-30' }, now))).toMatchObject({ field: 'dueDate' });
    expect(refusal(() => feedbackDeadline({ workingDays: 0 }, now))).toMatchObject({ field: 'workingDays' });
    expect(refusal(() => feedbackDeadline({ workingDays: 61 }, now))).toMatchObject({ field: 'workingDays' });
  });

  test('the deadline is set once, before an answer; the agency answers once, late answers are taken and show as late [D §16]', () => {
    expect(() => checkDeadlineSettable('FILED')).not.toThrow();
    expect(refusal(() => checkDeadlineSettable('OPEN')).code).toBe('CONFLICT');
    expect(refusal(() => checkDeadlineSettable('ANSWERED')).code).toBe('CONFLICT');
    expect(() => checkAnswerable('FILED')).not.toThrow();
    expect(() => checkAnswerable('OPEN')).not.toThrow();
    expect(refusal(() => checkAnswerable('ANSWERED')).code).toBe('CONFLICT');
    expect(answeredOnTime({ dueDate: '2026-10-20', answeredAt: new Date('2026-10-20T17:00:00Z') })).toBe(false);
    expect(answeredOnTime({ dueDate: '2026-10-20', answeredAt: new Date('2026-10-20T15:00:00Z') })).toBe(true);
    expect(answeredOnTime({ dueDate: null, answeredAt: new Date() })).toBe(true);
    expect(answeredOnTime({ dueDate: '2026-10-20', answeredAt: null })).toBeNull();
  });
});
