import { describe, expect, test } from '@jest/globals';
import { refusal } from '../../test/support/refusal.js';
import { checkActive, checkEmergencyTarget, checkEndMeasures, checkOpenForHours, EMERGENCY_HOURS_MAX, isDue, openUntil } from './emergency.rules.js';

describe('emergency openings [OPN-8, Z §8, Z §32]', () => {
  test('an opening lasts a whole number of hours, 1 to 720 [Z §8]', () => {
    expect(() => checkOpenForHours(1)).not.toThrow();
    expect(() => checkOpenForHours(EMERGENCY_HOURS_MAX)).not.toThrow();
    for (const h of [0, -1, 1.5, EMERGENCY_HOURS_MAX + 1]) expect(refusal(() => checkOpenForHours(h))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.openForHours' });
  });

  test('an ACTIVE opening is due to end once its hours have run out [Z §8, Z §32]', () => {
    const from = new Date('2026-07-01T00:00:00Z');
    const e = { status: 'ACTIVE' as const, openUntil: openUntil(from, 48) };
    expect(e.openUntil.toISOString()).toBe('2026-07-03T00:00:00.000Z');
    expect(isDue(e, new Date('2026-07-02T23:59:59Z'))).toBe(false);
    expect(isDue(e, new Date('2026-07-03T00:00:00Z'))).toBe(true);
    expect(isDue({ ...e, status: 'ENDED' }, new Date('2026-08-01T00:00:00Z'))).toBe(false);
  });

  test('the fast path opens an entry with no dataset or only a proposed one; not one open, suspended or withdrawn [Z §8, Z §35]', () => {
    expect(() => checkEmergencyTarget(null)).not.toThrow();
    expect(() => checkEmergencyTarget({ status: 'PROPOSED', emergencyId: null })).not.toThrow();
    expect(() => checkEmergencyTarget({ status: 'RETURNED', emergencyId: null })).not.toThrow();
    for (const status of ['OPEN', 'SUSPENDED', 'WITHDRAWN'] as const) expect(refusal(() => checkEmergencyTarget({ status, emergencyId: null })).code).toBe('CONFLICT');
  });

  test('datasets join an emergency only while it is under way [Z §32]', () => {
    expect(() => checkActive({ status: 'ACTIVE' })).not.toThrow();
    expect(refusal(() => checkActive({ status: 'ENDED' })).code).toBe('CONFLICT');
  });

  test('the end says for every dataset whether what was collected is sealed or scheduled for destruction [Z §32]', () => {
    const ids = ['a', 'b'];
    expect(() =>
      checkEndMeasures(ids, [
        { datasetId: 'a', measure: 'SEALED' },
        { datasetId: 'b', measure: 'DESTRUCTION_SCHEDULED' },
      ]),
    ).not.toThrow();
    expect(refusal(() => checkEndMeasures(ids, [{ datasetId: 'a', measure: 'SEALED' }]))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'measures' });
    expect(refusal(() => checkEndMeasures(ids, [{ datasetId: 'c', measure: 'SEALED' }])).field).toBe('measures.0.datasetId');
    expect(
      refusal(() =>
        checkEndMeasures(ids, [
          { datasetId: 'a', measure: 'SEALED' },
          { datasetId: 'a', measure: 'SEALED' },
        ]),
      ).field,
    ).toBe('measures.1.datasetId');
  });
});
