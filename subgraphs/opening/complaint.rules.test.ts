import { describe, expect, test } from '@jest/globals';
import { refusal } from '../../test/support/refusal.js';
import { objectionIsComplaint } from '../kit/rules/catalog-events.js';
import { checkComplainable, checkDecidable, checkInfringes, checkReopenable, checkVerifiable, complaintFromObjection, datasetStatusAfter } from './complaint.rules.js';

describe('complaints about opened data [OPN-6, Z §35]', () => {
  test('a complaint says what it infringes: secrets or privacy, each once [Z §35]', () => {
    expect(checkInfringes(['PERSONAL_PRIVACY', 'TRADE_SECRET', 'PERSONAL_PRIVACY'])).toEqual(['TRADE_SECRET', 'PERSONAL_PRIVACY']);
    expect(refusal(() => checkInfringes([]))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.infringes' });
  });

  test('only an OPEN dataset is complained of [Z §35]', () => {
    expect(() => checkComplainable({ status: 'OPEN' })).not.toThrow();
    for (const status of ['PROPOSED', 'RETURNED', 'SUSPENDED', 'WITHDRAWN'] as const) expect(refusal(() => checkComplainable({ status })).code).toBe('CONFLICT');
  });

  test('verification comes once, before the decision; a decision is taken once [Z §35]', () => {
    expect(() => checkVerifiable({ status: 'FILED' })).not.toThrow();
    expect(refusal(() => checkVerifiable({ status: 'VERIFIED' })).code).toBe('CONFLICT');
    expect(refusal(() => checkDecidable({ status: 'FILED' })).message).toContain('verification first');
    expect(() => checkDecidable({ status: 'VERIFIED' })).not.toThrow();
    expect(refusal(() => checkDecidable({ status: 'RESOLVED' })).code).toBe('CONFLICT');
  });

  test('withdrawn, restored or processed and reopened [Z §35]', () => {
    expect(datasetStatusAfter('WITHDRAWN')).toBe('WITHDRAWN');
    expect(datasetStatusAfter('RESTORED')).toBe('OPEN');
    expect(datasetStatusAfter('PROCESSED')).toBe('OPEN');
  });

  test('a decision reopens only a dataset the complaints alone keep suspended [Z §35, B §31]', () => {
    const held = { status: 'SUSPENDED' as const, catalogEventId: null };
    expect(() => checkReopenable('RESTORED', held, 0)).not.toThrow();
    expect(refusal(() => checkReopenable('PROCESSED', held, 1)).message).toContain('other complaint');
    expect(refusal(() => checkReopenable('RESTORED', { status: 'SUSPENDED', catalogEventId: 'e1' }, 0)).message).toContain('approved proposal');
    expect(refusal(() => checkReopenable('RESTORED', { status: 'WITHDRAWN', catalogEventId: null }, 0)).code).toBe('CONFLICT');
    expect(() => checkReopenable('WITHDRAWN', { status: 'SUSPENDED', catalogEventId: 'e1' }, 2)).not.toThrow();
  });

  test('an INFRINGING objection to an entry in the catalog is such a complaint; a WRONG or MISSING one, or one naming no entry, is not [Z §35, B §11]', () => {
    expect(objectionIsComplaint({ kind: 'INFRINGING', resourceId: 'r', infringes: ['PERSONAL_PRIVACY'] })).toBe(true);
    expect(objectionIsComplaint({ kind: 'WRONG', resourceId: 'r', infringes: [] })).toBe(false);
    expect(objectionIsComplaint({ kind: 'INFRINGING', resourceId: null, infringes: ['TRADE_SECRET'] })).toBe(false);
  });

  test('recorded from an objection: no receipt, the objection named; an OPEN dataset is suspended at once, a suspended one stays so [Z §35]', () => {
    const now = new Date('2026-12-08T02:00:00Z');
    const open = complaintFromObjection('331102:o1', true, now);
    expect(open.complaint).toMatchObject({ source: 'CATALOG_OBJECTION', objectionId: '331102:o1', receiptTokenHash: null, complainantAccount: null, status: 'FILED' });
    expect(open.complaint.steps.map((s) => s.kind)).toEqual(['FILED', 'SUSPENDED']);
    expect(open.suspension).toContain('[Z §35, B §11]');
    const held = complaintFromObjection('331102:o2', false, now);
    expect(held.complaint.steps.map((s) => s.kind)).toEqual(['FILED']);
    expect(held.suspension).toBeNull();
  });
});
