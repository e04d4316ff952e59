import { describe, expect, test } from '@jest/globals';
import { isOverdue } from '../kit/rules/deadlines.js';
import { refusal } from '../../test/support/refusal.js';
import { checkOpinable, checkOpinionAnswerable, checkReceivedOn, opinionDeadline, opinionRule, RECEIVED_ON_MAX_AGE_DAYS } from './opinion.rules.js';

describe('opinions on opened data [OPN-4, Z §21]', () => {
  test('an opinion is handled within 10 working days: the Z profile sets it, on a Lishui node listed as L, Z, … too [Z §21]', () => {
    expect(opinionRule(['L', 'Z', 'B', 'D', 'J'])).toMatchObject({ workingDays: 10, profile: 'Z' });
    expect(opinionRule(['L', 'Z', 'B', 'D', 'J']).basis).toContain('Z §21');
  });

  test('a node without the Z profile still gives 10 working days, as the platform default citing Z §21 [Z §21, SEC-6]', () => {
    const rule = opinionRule(['B', 'J']);
    expect(rule).toMatchObject({ workingDays: 10, profile: null });
    expect(rule.basis).toContain('Z §21');
  });

  test('the 10 working days skip the National Day holidays and count the make-up Saturday (chinese-days) [Z §21, SEC-6]', () => {
    // Filed Monday 29 September 2025: 30 Sep, 9, 10, 11 (调休 Saturday), 13–17, 20 October.
    expect(opinionDeadline(['Z'], new Date('2025-09-29T02:00:00Z'))).toEqual({
      dueDate: '2025-10-20',
      deadlineWorkingDays: 10,
      deadlineProfile: 'Z',
      deadlineBasis: opinionRule(['Z']).basis,
    });
  });

  test('overdue: still OPEN after its due date, not on the day itself nor once answered [Z §21]', () => {
    expect(isOverdue({ status: 'OPEN', dueDate: '2025-10-20' }, '2025-10-21')).toBe(true);
    expect(isOverdue({ status: 'OPEN', dueDate: '2025-10-20' }, '2025-10-20')).toBe(false);
    expect(isOverdue({ status: 'ANSWERED', dueDate: '2025-10-20' }, '2025-11-01')).toBe(false);
  });

  test('opinions are about OPEN datasets [Z §21]', () => {
    expect(() => checkOpinable({ status: 'OPEN' })).not.toThrow();
    for (const status of ['PROPOSED', 'RETURNED', 'SUSPENDED', 'WITHDRAWN'] as const) expect(refusal(() => checkOpinable({ status })).code).toBe('CONFLICT');
  });

  test('an opinion is answered once [Z §21]', () => {
    expect(() => checkOpinionAnswerable({ status: 'OPEN' })).not.toThrow();
    expect(refusal(() => checkOpinionAnswerable({ status: 'ANSWERED' })).code).toBe('CONFLICT');
  });

  test('an opinion the agency records was received today or in the last 30 days, never in the future; its deadline counts from that day [Z §21]', () => {
    const today = '2026-11-16';
    expect(checkReceivedOn(today, today)).toBe(today);
    expect(checkReceivedOn('2026-10-17', today)).toBe('2026-10-17');
    expect(RECEIVED_ON_MAX_AGE_DAYS).toBe(30);
    expect(refusal(() => checkReceivedOn('2026-11-17', today))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.receivedOn' });
    expect(refusal(() => checkReceivedOn('2026-10-16', today))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.receivedOn' });
    // Received on Monday 2 November 2026: ten working days later is Monday 16 November.
    expect(opinionDeadline(['Z'], new Date('2026-11-02T00:00:00+08:00')).dueDate).toBe('2026-11-16');
  });
});
