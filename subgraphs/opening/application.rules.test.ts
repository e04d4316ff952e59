import { describe, expect, test } from '@jest/globals';
import { refusal } from '../../test/support/refusal.js';
import {
  AGREEMENT_CLAUSE_TEXTS,
  agreementClauses,
  agreementStatus,
  agreementTerm,
  checkApplicable,
  checkNoOpenRequest,
  checkPending,
  checkRejectionReason,
  checkTermMonths,
  discriminatoryGround,
  inForce,
  requiredText,
} from './application.rules.js';

describe('applications for restricted open data [OPN-3, Z §16]', () => {
  test('only an OPEN dataset of RESTRICTED data is applied for; UNCONDITIONAL data needs no application [Z §14, Z §16, Z §27]', () => {
    expect(() => checkApplicable({ openAttribute: 'RESTRICTED', status: 'OPEN' })).not.toThrow();
    expect(refusal(() => checkApplicable({ openAttribute: 'UNCONDITIONAL', status: 'OPEN' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(refusal(() => checkApplicable({ openAttribute: 'UNCONDITIONAL', status: 'OPEN' })).message).toContain('no application');
    expect(refusal(() => checkApplicable({ openAttribute: 'RESTRICTED', status: 'SUSPENDED' })).code).toBe('CONFLICT');
  });

  test('the scenario and each capability are required [Z §16]', () => {
    expect(requiredText(' 科研 ', 'input.scenario', '应用场景', 'the scenario')).toBe('科研');
    expect(refusal(() => requiredText(' ', 'input.securityCapability', '数据安全保护能力', 'the security capability'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.securityCapability',
    });
    expect(refusal(() => requiredText('x'.repeat(2001), 'input.scenario', '应用场景', 'the scenario')).message).toContain('at most 2000');
  });

  test('one open request per user and dataset; a decision or a withdrawal acts on a pending application once', () => {
    expect(() => checkNoOpenRequest(0, 0)).not.toThrow();
    expect(refusal(() => checkNoOpenRequest(1, 0)).message).toContain('pending application');
    expect(refusal(() => checkNoOpenRequest(0, 1)).message).toContain('agreement in force');
    expect(() => checkPending({ status: 'PENDING' })).not.toThrow();
    for (const status of ['APPROVED', 'REJECTED', 'WITHDRAWN'] as const) expect(refusal(() => checkPending({ status })).code).toBe('CONFLICT');
  });
});

describe('refusals give a reason that is not a discriminatory condition [Z §16]', () => {
  test.each([
    ['申请人为外地企业', 'region'],
    ['非本市户籍人员不予开放', 'region'],
    ['The applicant is an out-of-town company', 'region'],
    ['民营企业不予提供', 'ownership'],
    ['we do not serve privately-owned firms', 'ownership'],
    ['企业规模过小', 'size'],
    ['注册资本不足500万元', 'size'],
    ['small businesses are not eligible', 'size'],
    ['个人不能申请受限开放数据', 'individual'],
    ['本数据不向自然人开放', 'individual'],
    ['individuals are not eligible', 'individual'],
    ['申请人年龄不符合要求', 'age'],
  ])('"%s" names a discriminatory ground (%s) and is refused [Z §16]', (reason, ground) => {
    expect(discriminatoryGround(reason)).toContain(ground);
    const r = refusal(() => checkRejectionReason(reason));
    expect(r).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(r.message).toContain('[Z §16]');
  });

  test.each([
    '数据安全保护能力不足：未说明访问控制和加密措施',
    '应用场景超出该数据集的开放条件（仅限科研用途）',
    '申请涉及的个人信息超出开放范围，且未说明脱敏处理能力',
    '自报信用等级为 D，未达到本数据集要求的信用等级',
    'the storage capability described does not meet the requirements; the requested data size exceeds what the API serves',
  ])('"%s" rests on what the application shows and is accepted [Z §16]', (reason) => {
    expect(discriminatoryGround(reason)).toBeNull();
    expect(checkRejectionReason(` ${reason} `)).toBe(reason);
  });

  test('a reason is required [Z §16]', () => {
    expect(refusal(() => checkRejectionReason('  '))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
  });
});

describe('agreements [Z §17]', () => {
  test('every agreement carries the six clauses of Z §17 (一)-(六), in order', () => {
    expect(agreementClauses()).toEqual(['USE_FEEDBACK', 'NO_USE_BEYOND_SCOPE', 'NO_REDISTRIBUTION', 'CITE_SOURCE', 'SECURITY_DUTIES', 'ACCEPT_INSPECTION']);
    expect(agreementClauses().map((k) => AGREEMENT_CLAUSE_TEXTS[k].article)).toEqual(['一', '二', '三', '四', '五', '六'].map((n) => `Z §17 (${n})`));
    expect(AGREEMENT_CLAUSE_TEXTS.NO_REDISTRIBUTION.text).toContain('不得传播');
    expect(AGREEMENT_CLAUSE_TEXTS.CITE_SOURCE.text).toContain('注明参考引用');
  });

  test('a term is whole months, 1 to 36, ending the day before the same day months later', () => {
    expect(checkTermMonths(12)).toBe(12);
    for (const bad of [0, 37, 1.5, -3]) expect(refusal(() => checkTermMonths(bad))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.termMonths' });
    expect(agreementTerm('2026-01-15', 12)).toEqual({ termStart: '2026-01-15', termEnd: '2027-01-14' });
    expect(agreementTerm('2026-03-01', 1)).toEqual({ termStart: '2026-03-01', termEnd: '2026-03-31' });
    expect(agreementTerm('2026-01-31', 1)).toEqual({ termStart: '2026-01-31', termEnd: '2026-02-28' });
    expect(agreementTerm('2027-12-31', 2)).toEqual({ termStart: '2027-12-31', termEnd: '2028-02-29' });
  });

  test('an agreement is in force while ACTIVE within its term; past its last day it shows EXPIRED [Z §17]', () => {
    const g = { status: 'ACTIVE' as const, termStart: '2026-01-15', termEnd: '2027-01-14' };
    expect(inForce(g, '2026-01-15')).toBe(true);
    expect(inForce(g, '2027-01-14')).toBe(true);
    expect(inForce(g, '2027-01-15')).toBe(false);
    expect(inForce(g, '2026-01-14')).toBe(false);
    expect(inForce({ ...g, status: 'SUSPENDED' }, '2026-06-01')).toBe(false);
    expect(agreementStatus(g, '2026-06-01')).toBe('ACTIVE');
    expect(agreementStatus(g, '2027-01-15')).toBe('EXPIRED');
    expect(agreementStatus({ ...g, status: 'TERMINATED' }, '2027-01-15')).toBe('TERMINATED');
  });
});
