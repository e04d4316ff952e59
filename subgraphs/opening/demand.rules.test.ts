import { describe, expect, test } from '@jest/globals';
import { newId } from '../../schema/ids.js';
import { refusal } from '../../test/support/refusal.js';
import {
  checkDemandAddress,
  checkDemandAgency,
  checkDemandAnswer,
  checkDemandDataset,
  checkDemandOpen,
  checkInDemandRegion,
  checkRoutable,
  demandDeadline,
  demandRule,
} from './demand.rules.js';

const LISHUI = ['331100', '331121', '331122'];

describe('demands for data not yet open [OPN-5, Z §22, B §34]', () => {
  test('Z §22 and B §34 set no period: a demand is answered within the 10 working days of Z §21, as the platform default [Z §22, B §34, Z §21]', () => {
    const rule = demandRule(['L', 'Z', 'B', 'D', 'J']);
    expect(rule).toMatchObject({ workingDays: 10, profile: null });
    expect(rule.basis).toContain('Z §22');
    expect(rule.basis).toContain('B §34');
    expect(demandDeadline(['Z'], new Date('2025-09-29T02:00:00Z')).dueDate).toBe('2025-10-20');
  });

  test('a demand is addressed to one agency, or to a region whose authority routes it: exactly one [Z §22]', () => {
    expect(checkDemandAddress('331100:x', null)).toBe('AGENCY');
    expect(checkDemandAddress(null, '331100')).toBe('REGION');
    expect(refusal(() => checkDemandAddress(null, ' '))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.providerId' });
    expect(refusal(() => checkDemandAddress('331100:x', '331100')).field).toBe('input.providerId');
  });

  test('only a public body answers for public data, not an enterprise [Z §22]', () => {
    expect(() => checkDemandAgency({ kind: 'AGENCY' }, 'o')).not.toThrow();
    expect(() => checkDemandAgency({ kind: 'PUBLIC_SERVICE' }, 'o')).not.toThrow();
    expect(refusal(() => checkDemandAgency({ kind: 'ENTERPRISE' }, 'o')).message).toContain('[Z §22]');
    expect(refusal(() => checkDemandAgency(null, 'o')).field).toBe('input.providerId');
  });

  test("a region's demand goes to an agency of that region or below it, hosted on the same platform [Z §22, B §6]", () => {
    const county = newId('331122');
    expect(() => checkRoutable('331100', county, LISHUI, { kind: 'AGENCY' }, 'providerId')).not.toThrow();
    expect(refusal(() => checkRoutable('331122', newId('331121'), LISHUI, { kind: 'AGENCY' }, 'providerId')).field).toBe('providerId');
    // 莲都区 has its own platform: a city demand is not routed there.
    expect(refusal(() => checkRoutable('331100', newId('331102'), LISHUI, { kind: 'AGENCY' }, 'providerId')).code).toBe('BAD_USER_INPUT');
    expect(refusal(() => checkRoutable('331100', county, LISHUI, { kind: 'ENTERPRISE' }, 'providerId')).code).toBe('BAD_USER_INPUT');
    expect(refusal(() => checkInDemandRegion('331121', county, LISHUI, 'resourceId')).field).toBe('resourceId');
  });

  test('a decline gives its reason and links nothing; an acceptance names the catalog entry that answers it [Z §22, Z §13]', () => {
    expect(() => checkDemandAnswer('DECLINED', '涉及个人隐私，不予开放', null, null)).not.toThrow();
    expect(refusal(() => checkDemandAnswer('DECLINED', null, null, null))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reply' });
    expect(refusal(() => checkDemandAnswer('DECLINED', '理由', 'r', null)).field).toBe('resourceId');
    expect(refusal(() => checkDemandAnswer('DECLINED', '理由', null, 'd')).field).toBe('datasetId');
    expect(() => checkDemandAnswer('ACCEPTED', null, 'r', null)).not.toThrow();
    expect(() => checkDemandAnswer('ACCEPTED', '已编目并开放', 'r', 'd')).not.toThrow();
    expect(refusal(() => checkDemandAnswer('ACCEPTED', '同意', null, null))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'resourceId' });
  });

  test('the linked dataset opens the linked entry [Z §22]', () => {
    expect(() => checkDemandDataset({ resourceId: 'r' }, 'd', 'r')).not.toThrow();
    expect(refusal(() => checkDemandDataset({ resourceId: 'other' }, 'd', 'r')).field).toBe('datasetId');
    expect(refusal(() => checkDemandDataset(null, 'd', 'r')).field).toBe('datasetId');
  });

  test('a demand is routed and answered while OPEN, once [Z §22]', () => {
    expect(() => checkDemandOpen({ status: 'OPEN' }, 'answer')).not.toThrow();
    expect(refusal(() => checkDemandOpen({ status: 'ACCEPTED' }, 'answer')).code).toBe('CONFLICT');
    expect(refusal(() => checkDemandOpen({ status: 'DECLINED' }, 'route')).code).toBe('CONFLICT');
  });
});
