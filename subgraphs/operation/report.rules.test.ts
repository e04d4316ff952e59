import { describe, expect, test } from '@jest/globals';
import { refusal } from '../../test/support/refusal.js';
import { resolvePolicy } from '../kit/rules/policy.js';
import { addMonths, checkPeriodOver, checkSections, missingPeriods, periodOf, periodsOf, reportingUntil } from './report.rules.js';

const RULE = resolvePolicy(['D']).operatorReporting!;
const TERM = { termStart: '2025-03-01', termEnd: '2028-02-29' };
const SECTIONS = { storage: '存储于政务云', processing: '脱敏加工', analysis: '客流分析', fusion: '与气象数据融合', marketOperation: '签约3家客户' };

describe('operation reports [OPR-7, D §20]', () => {
  test('D §20 names no period: the D profile reports quarterly, due 10 working days after the quarter, and yearly, due 20 working days after; other profiles owe none [D §20]', () => {
    expect(RULE).toMatchObject({ periodMonths: 3, periodicDueWorkingDays: 10, annualDueWorkingDays: 20, profile: 'D' });
    expect(RULE.basis).toContain('D §20');
    expect(resolvePolicy(['L', 'Z', 'B', 'J']).operatorReporting).toBeNull();
  });

  test('periods follow the agreement: quarters and agreement years from the first day of the term, the last ending with it [D §10, D §20]', () => {
    expect(periodOf(TERM, 'PERIODIC', 1, RULE)).toMatchObject({ start: '2025-03-01', end: '2025-05-31' });
    expect(periodOf(TERM, 'PERIODIC', 4, RULE)).toMatchObject({ start: '2025-12-01', end: '2026-02-28' });
    expect(periodsOf(TERM, 'PERIODIC', RULE)).toHaveLength(12);
    expect(periodsOf(TERM, 'ANNUAL', RULE).map((p) => [p.start, p.end])).toEqual([
      ['2025-03-01', '2026-02-28'],
      ['2026-03-01', '2027-02-28'],
      ['2027-03-01', '2028-02-29'],
    ]);
    expect(periodOf(TERM, 'ANNUAL', 4, RULE)).toBeNull();
    expect(periodOf(TERM, 'PERIODIC', 0, RULE)).toBeNull();
    // A term of a year and a half: the last annual period is the half year left.
    expect(periodsOf({ termStart: '2025-01-01', termEnd: '2026-06-30' }, 'ANNUAL', RULE).at(-1)).toMatchObject({ start: '2026-01-01', end: '2026-06-30' });
  });

  test('a month without the day counts to its last day (民法典 §202)', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2025-03-01', 12)).toBe('2026-03-01');
  });

  test('due dates count working days after the period ends, over holidays [D §20, SEC-6]', () => {
    // The quarter ending 2025-09-30 runs into the National Day holiday (1-8 October 2025).
    const q = periodOf({ termStart: '2025-07-01', termEnd: '2028-06-30' }, 'PERIODIC', 1, RULE)!;
    expect(q.end).toBe('2025-09-30');
    expect(q.dueDate > '2025-10-14').toBe(true);
  });

  test('a report covers a period that is over [D §20]', () => {
    const p = periodOf(TERM, 'PERIODIC', 1, RULE)!;
    expect(refusal(() => checkPeriodOver(p, '2025-05-31'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.period' });
    expect(() => checkPeriodOver(p, '2025-06-01')).not.toThrow();
  });

  test('each of storage, processing, analysis, fusion and market operation is required [D §20]', () => {
    expect(checkSections({ ...SECTIONS, fusion: '  与气象数据融合 ' }).fusion).toBe('与气象数据融合');
    expect(refusal(() => checkSections({ ...SECTIONS, marketOperation: '  ' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.marketOperation' });
    expect(refusal(() => checkSections({ ...SECTIONS, storage: '' })).message).toContain('[D §20]');
  });

  test('missing: periods past their due date without a report, up to the end of the term or the revocation [D §11, D §20]', () => {
    const op = { ...TERM, status: 'ACTIVE', revokedOn: null };
    const missing = missingPeriods(op, new Set(['PERIODIC:1', 'PERIODIC:3']), RULE, '2026-03-20');
    // Quarter 4 ended on 2026-02-28 and was due 10 working days later; the first agreement year is due 20 working days later, on 2026-03-27.
    expect(missing.map((p) => `${p.kind}:${p.number}`)).toEqual(['PERIODIC:2', 'PERIODIC:4']);
    expect(periodOf(TERM, 'ANNUAL', 1, RULE)!.dueDate).toBe('2026-03-27');
    expect(missingPeriods(op, new Set(['PERIODIC:1', 'PERIODIC:3']), RULE, '2026-03-28').map((p) => `${p.kind}:${p.number}`)).toEqual(['PERIODIC:2', 'PERIODIC:4', 'ANNUAL:1']);
    const revoked = { ...op, status: 'REVOKED', revokedOn: '2025-10-15' };
    expect(reportingUntil(revoked)).toBe('2025-10-15');
    expect(missingPeriods(revoked, new Set(), RULE, '2027-01-01').map((p) => `${p.kind}:${p.number}`)).toEqual(['PERIODIC:1', 'PERIODIC:2']);
  });
});
