import { describe, expect, test } from '@jest/globals';
import { refusal } from '../../test/support/refusal.js';
import { judgeAccess } from './access-method.rules.js';
import {
  checkNotSanctioned,
  checkRectifyBy,
  checkRestorable,
  checkSuspendable,
  checkTerminable,
  checkViolations,
  decidingAgreement,
  RECTIFY_MAX_DAYS,
  sanctionText,
} from './sanction.rules.js';

const TODAY = '2026-06-15';
const agreement = (storedStatus: 'ACTIVE' | 'SUSPENDED' | 'TERMINATED', over: Partial<{ termStart: string; termEnd: string; rectifyBy: string | null }> = {}) => ({
  storedStatus,
  termStart: '2026-01-01',
  termEnd: '2026-12-31',
  rectifyBy: storedStatus === 'ACTIVE' ? null : '2026-07-01',
  ...over,
});

describe('sanctions on a user of restricted open data [OPN-7, Z §39]', () => {
  test('a suspension names at least one of the five violations of Z §39, each once, in the article’s order [Z §39 (一)-(五)]', () => {
    expect(checkViolations(['OTHER_SERIOUS_BREACH', 'BEYOND_AGREED_SCOPE', 'OTHER_SERIOUS_BREACH'])).toEqual(['BEYOND_AGREED_SCOPE', 'OTHER_SERIOUS_BREACH']);
    const none = refusal(() => checkViolations([]));
    expect(none).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.violations' });
    expect(none.message).toContain('[Z §39]');
  });

  test('the rectification demand is required and bounded [Z §39]', () => {
    expect(sanctionText('  停止超范围使用并提交说明  ', 'input.rectification', '整改意见', 'the rectification')).toBe('停止超范围使用并提交说明');
    expect(refusal(() => sanctionText(' ', 'input.rectification', '整改意见', 'the rectification'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rectification' });
    expect(refusal(() => sanctionText('改'.repeat(2001), 'note', '说明', 'the note')).field).toBe('note');
  });

  test(`the deadline falls after today and within ${RECTIFY_MAX_DAYS} days [Z §39]`, () => {
    expect(checkRectifyBy('2026-06-16', TODAY)).toBe('2026-06-16');
    expect(checkRectifyBy('2026-09-13', TODAY)).toBe('2026-09-13');
    for (const late of ['2026-06-15', '2026-06-01', '2026-09-14']) {
      const r = refusal(() => checkRectifyBy(late, TODAY));
      expect(r).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rectifyBy' });
      expect(r.message).toContain('2026-09-13');
    }
  });

  test('only an agreement in force is suspended; only a suspended one is restored [Z §17, Z §39]', () => {
    expect(() => checkSuspendable(agreement('ACTIVE'), TODAY)).not.toThrow();
    expect(refusal(() => checkSuspendable(agreement('ACTIVE', { termEnd: '2026-06-14' }), TODAY)).message).toContain('EXPIRED');
    expect(refusal(() => checkSuspendable(agreement('SUSPENDED'), TODAY)).code).toBe('CONFLICT');
    expect(refusal(() => checkSuspendable(agreement('TERMINATED'), TODAY)).code).toBe('CONFLICT');
    expect(() => checkRestorable(agreement('SUSPENDED'))).not.toThrow();
    expect(refusal(() => checkRestorable(agreement('ACTIVE'))).code).toBe('CONFLICT');
    expect(refusal(() => checkRestorable(agreement('TERMINATED'))).code).toBe('CONFLICT');
  });

  test('termination comes only once the deadline has passed unrectified: the deadline day is still the user’s [Z §39]', () => {
    const suspended = agreement('SUSPENDED', { rectifyBy: TODAY });
    const early = refusal(() => checkTerminable(suspended, TODAY));
    expect(early.code).toBe('CONFLICT');
    expect(early.message).toContain('2026-06-16');
    expect(() => checkTerminable(suspended, '2026-06-16')).not.toThrow();
    expect(refusal(() => checkTerminable(agreement('ACTIVE'), '2027-01-01')).code).toBe('CONFLICT');
    expect(refusal(() => checkTerminable(agreement('TERMINATED'), '2027-01-01')).code).toBe('CONFLICT');
  });

  test('the access check is decided by an agreement in force, else a suspended one, else a terminated one; each refuses saying why [Z §17, Z §39]', () => {
    const g = (id: string, storedStatus: 'ACTIVE' | 'SUSPENDED' | 'TERMINATED', termEnd = '2026-12-31') => ({ id, seq: id, storedStatus, termStart: '2026-01-01', termEnd });
    expect(decidingAgreement([g('1', 'TERMINATED'), g('2', 'ACTIVE')], TODAY)).toEqual({ id: '2', standing: 'IN_FORCE' });
    expect(decidingAgreement([g('1', 'TERMINATED'), g('2', 'SUSPENDED')], TODAY)).toEqual({ id: '2', standing: 'SUSPENDED' });
    expect(decidingAgreement([g('1', 'TERMINATED'), g('2', 'ACTIVE', '2026-06-14')], TODAY)).toEqual({ id: '1', standing: 'TERMINATED' });
    expect(decidingAgreement([g('2', 'ACTIVE', '2026-06-14')], TODAY)).toBeNull();

    const d = { status: 'OPEN' as const, openAttribute: 'RESTRICTED' as const, accessMethods: ['API' as const] };
    const suspended = judgeAccess(d, 'API', { id: 'g1', standing: 'SUSPENDED' });
    expect(suspended).toMatchObject({ allowed: false, decision: 'AGREEMENT_SUSPENDED', agreementId: null });
    expect(suspended.message).toContain('[Z §39]');
    expect(judgeAccess(d, 'API', { id: 'g1', standing: 'TERMINATED' })).toMatchObject({ allowed: false, decision: 'AGREEMENT_TERMINATED' });
    expect(judgeAccess(d, 'API', { id: 'g1', standing: 'IN_FORCE' })).toMatchObject({ allowed: true, agreementId: 'g1' });
    // Unconditional data needs no agreement, so a sanction on another agreement does not bear on it.
    expect(judgeAccess({ ...d, openAttribute: 'UNCONDITIONAL' }, 'API', { id: 'g1', standing: 'SUSPENDED' })).toMatchObject({ allowed: true });
  });

  test('a suspended or terminated user does not apply anew for the same data [Z §39]', () => {
    expect(() => checkNotSanctioned(0, 0)).not.toThrow();
    expect(refusal(() => checkNotSanctioned(1, 0)).message).toContain('rectify');
    expect(refusal(() => checkNotSanctioned(0, 1)).message).toContain('terminated');
  });
});
