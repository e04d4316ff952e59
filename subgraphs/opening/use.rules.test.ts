import { describe, expect, test } from '@jest/globals';
import { checkUseCovered, parseUseBatch, USE_BATCH_MAX, type UseRecord } from './use.rules.js';

const NOW = new Date('2026-06-15T04:00:00Z');
const TODAY = '2026-06-15';
const G = '331102:01J00000000000000000000001';
const D = '331102:01J00000000000000000000002';
const record = (over: Record<string, unknown> = {}) => ({
  agreementId: G,
  datasetId: D,
  method: 'API',
  operation: 'GET /farm-inspections?year=2025',
  rowsReturned: 120,
  usedAt: '2026-06-15T03:59:00Z',
  ...over,
});
const agreement = { id: G, datasetId: D, storedStatus: 'ACTIVE' as const, termStart: '2026-01-01', termEnd: '2026-12-31' };
const dataset = { status: 'OPEN' as const, accessMethods: ['API' as const, 'MODEL' as const] };

describe('use records of restricted open data [OPN-7, Z §28, Z §34 (四)]', () => {
  test('a well-formed batch parses into records [Z §34 (四)]', () => {
    const { uses, problems } = parseUseBatch({ uses: [record(), record({ method: 'MODEL', rowsReturned: 0, operation: '  聚类模型：按乡镇统计  ' })] }, NOW);
    expect(problems).toEqual([]);
    expect(uses).toHaveLength(2);
    expect(uses[1]).toMatchObject({ method: 'MODEL', rowsReturned: 0, operation: '聚类模型：按乡镇统计' });
    expect(uses[0]!.usedAt.toISOString()).toBe('2026-06-15T03:59:00.000Z');
  });

  test('every problem of a batch is named by record and field, and nothing of it is kept: no DOWNLOAD of restricted data, bounded operation, rows a whole number ≥ 0, an instant not in the future [Z §20]', () => {
    const { uses, problems } = parseUseBatch(
      {
        uses: [
          record(),
          record({ method: 'DOWNLOAD' }),
          record({ operation: 'x'.repeat(201), rowsReturned: -1 }),
          record({ usedAt: '2026-06-15 03:00', agreementId: 'g-1' }),
          record({ usedAt: '2026-06-15T05:00:00Z', rowsReturned: 1.5 }),
          'not a record',
        ],
      },
      NOW,
    );
    expect(problems.map((p) => `${p.index} ${p.field}`)).toEqual([
      '1 method',
      '2 operation',
      '2 rowsReturned',
      '3 agreementId',
      '3 usedAt',
      '4 rowsReturned',
      '4 usedAt',
      '5 agreementId',
      '5 datasetId',
      '5 method',
      '5 operation',
      '5 rowsReturned',
      '5 usedAt',
    ]);
    expect(problems.every((p) => p.code === 'BAD_USER_INPUT')).toBe(true);
    expect(problems[0]!.message).toContain('[Z §20]');
    expect(uses).toHaveLength(1);
  });

  test(`a batch holds 1 to ${USE_BATCH_MAX} records`, () => {
    expect(parseUseBatch({ uses: [] }, NOW).problems[0]).toMatchObject({ index: -1, field: 'uses' });
    expect(parseUseBatch({ uses: Array.from({ length: USE_BATCH_MAX + 1 }, () => record()) }, NOW).problems[0]).toMatchObject({ field: 'uses' });
    expect(parseUseBatch(null, NOW).problems[0]).toMatchObject({ field: 'uses' });
    expect(parseUseBatch({ uses: Array.from({ length: USE_BATCH_MAX }, () => record()) }, NOW).uses).toHaveLength(USE_BATCH_MAX);
  });

  test('a use is covered only by an agreement of this platform, in force, on its dataset, by a method the dataset offers, within the term [Z §17, Z §28, Z §39]', () => {
    const u = parseUseBatch({ uses: [record()] }, NOW).uses[0] as UseRecord;
    expect(checkUseCovered(0, u, agreement, dataset, TODAY)).toBeNull();
    expect(checkUseCovered(0, u, null, dataset, TODAY)).toMatchObject({ code: 'NOT_FOUND', field: 'agreementId' });
    expect(checkUseCovered(0, u, { ...agreement, datasetId: '331102:01J00000000000000000000009' }, dataset, TODAY)).toMatchObject({ code: 'CONFLICT', field: 'datasetId' });
    for (const storedStatus of ['SUSPENDED', 'TERMINATED'] as const) {
      const p = checkUseCovered(0, u, { ...agreement, storedStatus }, dataset, TODAY);
      expect(p).toMatchObject({ code: 'CONFLICT', field: 'agreementId' });
      expect(p!.message).toContain('[Z §17, Z §39]');
    }
    expect(checkUseCovered(0, u, { ...agreement, termEnd: '2026-06-14' }, dataset, TODAY)).toMatchObject({ code: 'CONFLICT', field: 'agreementId' });
    expect(checkUseCovered(0, u, agreement, { ...dataset, accessMethods: ['MODEL'] }, TODAY)).toMatchObject({ code: 'CONFLICT', field: 'method' });
    expect(checkUseCovered(0, u, agreement, { ...dataset, status: 'SUSPENDED' }, TODAY)).toMatchObject({ code: 'CONFLICT', field: 'method' });
    expect(checkUseCovered(0, u, { ...agreement, termStart: '2026-06-16', termEnd: '2027-06-15' }, dataset, '2026-06-16')).toMatchObject({ code: 'CONFLICT', field: 'usedAt' });
  });
});
