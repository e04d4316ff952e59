import { describe, expect, test } from '@jest/globals';
import { refusal } from '../../test/support/refusal.js';
import { citizenIdCheckChar } from '../kit/rules/citizen-id.js';
import { authorizationOf } from './authorization.rules.js';
import { checkDecisionReason, checkStaff, checkTransfer, judgeUse, staffIdentifierHash } from './staff.rules.js';
import { identifierHash as openingHash } from '../opening/user.rules.js';

const first17 = '33110219900307123';
const CITIZEN_ID = first17 + citizenIdCheckChar(first17);
const TODAY = '2026-12-09';
const STAFF = { name: '李明', citizenId: CITIZEN_ID, role: '数据开发工程师', confidentialityAgreementNo: 'BM-2026-001', confidentialitySignedOn: '2026-12-01' };

const AUTH = authorizationOf({
  id: '331100:a1',
  operatorId: '331100:op',
  status: 'GRANTED',
  grantedOn: '2026-12-01',
  validUntil: '2027-12-01',
  entries: [{ resourceId: '331102:r1', providerId: '331102:org', answer: 'CONFIRMED', confirmedItems: ['企业名称'] } as never],
});
const OP = { id: '331100:op', inGoodStanding: true };
const ACTIVE = { operatorId: '331100:op', status: 'ACTIVE' as const };

describe('operator staff by real name [OPR-4, D §17 (一)]', () => {
  test('a staff member is registered by real name with a valid citizen ID, kept only hashed and masked, under a confidentiality agreement signed by today [D §17 (一)]', () => {
    const s = checkStaff(STAFF, TODAY);
    expect(s).toMatchObject({ name: '李明', citizenIdMasked: `3311**********${CITIZEN_ID.slice(-4)}`, confidentialityAgreementNo: 'BM-2026-001' });
    expect(s.identifierHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(s)).not.toContain(CITIZEN_ID);
    // The same person registered as an open-data user leaves no trace that links the two registers.
    expect(staffIdentifierHash(CITIZEN_ID)).not.toBe(openingHash(CITIZEN_ID));
  });

  test('a wrong check digit, a missing name or agreement, and an agreement signed after today are refused naming the field [D §17 (一)]', () => {
    expect(refusal(() => checkStaff({ ...STAFF, citizenId: first17 + (citizenIdCheckChar(first17) === '1' ? '2' : '1') }, TODAY)).field).toBe('input.citizenId');
    expect(refusal(() => checkStaff({ ...STAFF, name: ' ' }, TODAY)).field).toBe('input.name');
    expect(refusal(() => checkStaff({ ...STAFF, confidentialityAgreementNo: '' }, TODAY)).field).toBe('input.confidentialityAgreementNo');
    const late = refusal(() => checkStaff({ ...STAFF, confidentialitySignedOn: '2026-12-10' }, TODAY));
    expect([late.code, late.field]).toEqual(['BAD_USER_INPUT', 'input.confidentialitySignedOn']);
    expect(refusal(() => checkStaff({ ...STAFF, confidentialitySignedOn: '2026-02-30' }, TODAY)).field).toBe('input.confidentialitySignedOn');
  });
});

describe('imports and exports decided by the authority [OPR-4, D §17 (三), D §21]', () => {
  test('an import names where the outside data comes from; an export needs no source [D §17 (三), D §21]', () => {
    expect(refusal(() => checkTransfer('IMPORT', { description: '气象数据', source: '', purpose: '融合建模' })).field).toBe('input.source');
    expect(checkTransfer('EXPORT', { description: '客流预测结果', source: '忽略', purpose: '交付景区' }).source).toBeNull();
  });

  test('a refusal needs a reason, an approval may have one [D §17 (三)]', () => {
    expect(refusal(() => checkDecisionReason(false, '  ')).field).toBe('reason');
    expect(checkDecisionReason(true, null)).toBeNull();
    expect(checkDecisionReason(false, '来源不明')).toBe('来源不明');
  });
});

describe('the use check [OPR-4, D §15, D §17, D §28]', () => {
  test('a registered staff member of an operator in good standing uses exactly the granted items of the entry while the authorization is in force [D §15, D §17]', () => {
    expect(judgeUse(OP, ACTIVE, AUTH, '331102:r1', ['企业名称'], TODAY)).toMatchObject({ allowed: true, decision: 'ALLOWED' });
    expect(judgeUse(OP, ACTIVE, AUTH, '331102:r1', ['企业名称', '登记状态'], TODAY).decision).toBe('AUTHORIZATION_NOT_COVERING');
    expect(judgeUse(OP, ACTIVE, AUTH, '331102:r2', ['企业名称'], TODAY).decision).toBe('AUTHORIZATION_NOT_COVERING');
    expect(judgeUse(OP, ACTIVE, AUTH, '331102:r1', ['企业名称'], '2027-12-02').message).toContain('expired');
  });

  test('the operator first, then the person, then the authorization: a suspended operator, a deregistered or foreign staff member, another operator’s authorization [D §28, D §17 (一), D §13]', () => {
    expect(judgeUse(null, ACTIVE, AUTH, '331102:r1', ['企业名称'], TODAY).decision).toBe('OPERATOR_NOT_FOUND');
    expect(judgeUse({ ...OP, inGoodStanding: false }, ACTIVE, AUTH, '331102:r1', ['企业名称'], TODAY).decision).toBe('OPERATOR_NOT_IN_GOOD_STANDING');
    expect(judgeUse(OP, { ...ACTIVE, status: 'DEREGISTERED' }, AUTH, '331102:r1', ['企业名称'], TODAY).decision).toBe('STAFF_NOT_REGISTERED');
    expect(judgeUse(OP, { ...ACTIVE, operatorId: '331100:other' }, AUTH, '331102:r1', ['企业名称'], TODAY).decision).toBe('STAFF_NOT_REGISTERED');
    expect(judgeUse(OP, null, AUTH, '331102:r1', ['企业名称'], TODAY).decision).toBe('STAFF_NOT_REGISTERED');
    expect(judgeUse(OP, ACTIVE, { ...AUTH, operatorId: '331100:other' }, '331102:r1', ['企业名称'], TODAY).decision).toBe('AUTHORIZATION_NOT_FOUND');
  });
});
