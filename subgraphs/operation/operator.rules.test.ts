import { describe, expect, test } from '@jest/globals';
import { refusal } from '../../test/support/refusal.js';
import { addDays } from '../kit/rules/calendar.js';
import type { Operator } from './operator.entity.js';
import {
  accessEndedOn,
  checkKind,
  checkRenewal,
  checkSanction,
  effectiveStatus,
  MAX_RECTIFICATION_DAYS,
  operatorAccessEnded,
  operatorInGoodStanding,
  standingOf,
} from './operator.rules.js';

const TODAY = '2026-12-09';
type Row = Pick<Operator, 'status' | 'termStart' | 'termEnd' | 'rectifyBy'> & { agreementNo: string };
const op = (over: Partial<Row> = {}): Row => ({ status: 'ACTIVE', termStart: '2025-01-01', termEnd: '2027-12-31', rectifyBy: null, agreementNo: 'A-1', ...over });

describe('sanctions end access when not rectified in time [OPR-9, D §28]', () => {
  test('a suspension is SUSPENDED up to and including its deadline, TERMINATED from the day after [D §28]', () => {
    const s = op({ status: 'SUSPENDED', rectifyBy: TODAY });
    expect(effectiveStatus(s, TODAY)).toBe('SUSPENDED');
    expect(accessEndedOn(s, TODAY)).toBeNull();
    expect(operatorAccessEnded(s, TODAY)).toBe(false);
    const next = addDays(TODAY, 1);
    expect(effectiveStatus(s, next)).toBe('TERMINATED');
    expect(accessEndedOn(s, next)).toBe(next);
    expect(accessEndedOn(s, addDays(TODAY, 30))).toBe(next);
    expect(operatorAccessEnded(s, next)).toBe(true);
    expect(standingOf(s, next)).toBe('ENDED');
  });

  test('termination is final like revocation: it wins over the term ending afterwards [D §11, D §28]', () => {
    const s = op({ status: 'SUSPENDED', rectifyBy: '2027-12-01', termEnd: '2027-12-31' });
    expect(effectiveStatus(s, '2028-02-01')).toBe('TERMINATED');
    expect(effectiveStatus(op({ status: 'REVOKED', rectifyBy: '2026-01-01' }), TODAY)).toBe('REVOKED');
  });

  test('only an operator in force and not suspended is in good standing; a suspension has not ended access yet [D §10, D §28]', () => {
    expect(operatorInGoodStanding(op(), TODAY)).toBe(true);
    expect(standingOf(op(), TODAY)).toBe('GOOD');
    const suspended = op({ status: 'SUSPENDED', rectifyBy: addDays(TODAY, 10) });
    expect(operatorInGoodStanding(suspended, TODAY)).toBe(false);
    expect(operatorAccessEnded(suspended, TODAY)).toBe(false);
    expect(standingOf(suspended, TODAY)).toBe('SUSPENDED');
    const expired = op({ termEnd: addDays(TODAY, -1) });
    expect(operatorInGoodStanding(expired, TODAY)).toBe(false);
    expect(operatorAccessEnded(expired, TODAY)).toBe(true);
    expect(standingOf(expired, TODAY)).toBe('INACTIVE');
    const pending = op({ termStart: addDays(TODAY, 1) });
    expect(operatorAccessEnded(pending, TODAY)).toBe(false);
    expect(standingOf(pending, TODAY)).toBe('INACTIVE');
    expect(operatorAccessEnded(op({ status: 'REVOKED' }), TODAY)).toBe(true);
  });

  test('a suspension names at least one violation of D §28 and a deadline after today, at most 90 days ahead', () => {
    expect(refusal(() => checkSanction([], addDays(TODAY, 10), TODAY))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.violations' });
    expect(refusal(() => checkSanction(['MISUSE_OF_DATA'], TODAY, TODAY))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rectifyBy' });
    expect(refusal(() => checkSanction(['MISUSE_OF_DATA'], addDays(TODAY, MAX_RECTIFICATION_DAYS + 1), TODAY)).message).toMatch(/more than 90 days ahead/);
    expect(checkSanction(['MISUSE_OF_DATA', 'PLATFORM_SECURITY_BREACH', 'MISUSE_OF_DATA'], addDays(TODAY, MAX_RECTIFICATION_DAYS), TODAY)).toEqual([
      'MISUSE_OF_DATA',
      'PLATFORM_SECURITY_BREACH',
    ]);
  });
});

describe('who is licensed, and renewal [OPR-1, D §10, J §20]', () => {
  test('a state-owned enterprise needs no reason; any other kind of operator does [J §20]', () => {
    expect(checkKind('STATE_OWNED_ENTERPRISE', undefined)).toBeNull();
    expect(refusal(() => checkKind('OTHER_ENTERPRISE', '  '))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.kindReason' });
    expect(refusal(() => checkKind('UNINCORPORATED_ORGANIZATION', null)).message).toMatch(/J §20/);
    expect(checkKind('OTHER_ENTERPRISE', ' 公开遴选中综合评分第一 ')).toBe('公开遴选中综合评分第一');
  });

  test('a renewal is a new selection starting after the old term, never an extension of it [D §10]', () => {
    const previous = op({ termEnd: '2027-12-31' });
    expect(refusal(() => checkRenewal(previous, '2028-01-01', null, TODAY))).toMatchObject({ field: 'input.selectionBasis' });
    expect(refusal(() => checkRenewal(previous, '2027-06-01', '2027年公开遴选', TODAY))).toMatchObject({ field: 'input.termStart' });
    expect(() => checkRenewal(previous, '2028-01-01', '2027年公开遴选', TODAY)).not.toThrow();
    // A revoked or terminated agreement is over at once: the operator may be selected again before its term would have ended.
    expect(() => checkRenewal(op({ status: 'REVOKED' }), TODAY, '重新遴选', TODAY)).not.toThrow();
    expect(() => checkRenewal(op({ status: 'SUSPENDED', rectifyBy: addDays(TODAY, -5) }), TODAY, '重新遴选', TODAY)).not.toThrow();
  });
});
