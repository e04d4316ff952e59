import { describe, expect, test } from '@jest/globals';
import { refusal } from '../../test/support/refusal.js';
import type { DataResourceChanged, EntryFacts } from '../../schema/events.js';
import { operationSuspension } from '../kit/rules/catalog-events.js';
import type { StoredEntry } from './authorization.entity.js';
import { checkAuthorizationIds, checkGuidedPrice, checkRange, checkReview, checkUse, sourcesOf } from './product.rules.js';

const entry = (over: Partial<StoredEntry> = {}): StoredEntry => ({
  resourceId: 'R1',
  entryName: '公交线路',
  providerId: 'ORG1',
  items: [{ name: '线路名称', reason: '展示' }],
  answer: 'CONFIRMED',
  confirmedItems: ['线路名称'],
  answerReason: null,
  answeredAt: '2026-03-01T00:00:00Z',
  ...over,
});

const granted = (over: Record<string, unknown> = {}) => ({
  id: 'A1',
  operatorId: 'OP1',
  status: 'GRANTED' as const,
  grantedOn: '2026-03-01',
  validUntil: '2028-12-31',
  entries: [entry(), entry({ resourceId: 'R2', answer: 'DECLINED', confirmedItems: [] })],
  ...over,
});

const facts = (over: Partial<EntryFacts> = {}): EntryFacts => ({
  status: 'PUBLISHED',
  shareAttribute: 'UNCONDITIONAL',
  openAttribute: 'UNCONDITIONAL',
  securityGrade: 'GENERAL',
  ...over,
});
const change = (after: Partial<EntryFacts>, before: Partial<EntryFacts> = {}): DataResourceChanged => ({
  resourceId: 'R1',
  before: facts(before),
  after: facts(after),
  reason: '合并',
});

const range = { id: 'G1', kind: 'DATA_REPORT' as const, minFen: 10_000, maxFen: 50_000, basis: '州发改委文件' };

describe('data products [OPR-5, D §3, D §21]', () => {
  test('a product is built on at least one authorization, each named once [D §21]', () => {
    expect(checkAuthorizationIds([' A1', 'A1', 'A2'])).toEqual(['A1', 'A2']);
    expect(refusal(() => checkAuthorizationIds([]))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.authorizationIds' });
  });

  test('its sources are the entries and items its GRANTED authorizations of this operator cover [D §14-15, D §21]', () => {
    expect(sourcesOf('OP1', ['A1'], [granted()], '2026-06-01')).toEqual([{ authorizationId: 'A1', resourceId: 'R1', providerId: 'ORG1', items: ['线路名称'] }]);
    expect(refusal(() => sourcesOf('OP2', ['A1'], [granted()], '2026-06-01')).message).toContain('not an authorization of this operator');
    expect(refusal(() => sourcesOf('OP1', ['A9'], [granted()], '2026-06-01')).field).toBe('input.authorizationIds');
    expect(refusal(() => sourcesOf('OP1', ['A1'], [granted({ status: 'RE_REVIEWED', grantedOn: null, validUntil: null })], '2026-06-01')).message).toContain('not GRANTED');
    expect(refusal(() => sourcesOf('OP1', ['A1'], [granted()], '2029-01-01')).message).toContain('expired');
  });

  test('the authority approves or refuses a product under review once; refusing needs a reason [D §21]', () => {
    expect(checkReview('UNDER_REVIEW', true, null)).toBeNull();
    expect(checkReview('UNDER_REVIEW', false, '来源不足')).toBe('来源不足');
    expect(refusal(() => checkReview('UNDER_REVIEW', false, ' '))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(refusal(() => checkReview('RELEASED', true, null)).code).toBe('CONFLICT');
    expect(refusal(() => checkReview('SUSPENDED', true, null)).code).toBe('CONFLICT');
  });

  test('a source entry retired, made PROHIBITED or NOT_SHARED, or graded higher suspends the product [D §21, J §7]', () => {
    expect(operationSuspension(change({ status: 'DEPRECATED' }))).toContain('retired (合并)');
    expect(operationSuspension(change({ openAttribute: 'PROHIBITED' }))).toContain('PROHIBITED');
    expect(operationSuspension(change({ shareAttribute: 'NOT_SHARED' }))).toContain('NOT_SHARED');
    expect(operationSuspension(change({ securityGrade: 'IMPORTANT' }))).toContain('IMPORTANT');
    expect(operationSuspension(change({ openAttribute: 'RESTRICTED' }))).toBeNull();
    expect(operationSuspension({ ...change({}), before: null })).toBeNull();
  });
});

describe('pricing [OPR-6, B §35, J §23, D §18]', () => {
  test('public governance and welfare products are free under a stated condition [B §35]', () => {
    expect(checkUse('PUBLIC_WELFARE', '仅用于公益服务', null)).toEqual({ use: 'PUBLIC_WELFARE', useCondition: '仅用于公益服务', priceFen: 0 });
    expect(checkUse('PUBLIC_GOVERNANCE', '仅限政务使用', 0).priceFen).toBe(0);
    expect(refusal(() => checkUse('PUBLIC_WELFARE', null, null))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.useCondition' });
    expect(refusal(() => checkUse('PUBLIC_GOVERNANCE', '仅限政务使用', 100))).toMatchObject({ field: 'input.price' });
  });

  test('industry products are paid: a positive price in fen, no free-use condition [B §35, J §23]', () => {
    expect(checkUse('INDUSTRY', null, 20_000)).toEqual({ use: 'INDUSTRY', useCondition: null, priceFen: 20_000 });
    expect(refusal(() => checkUse('INDUSTRY', null, null))).toMatchObject({ field: 'input.price' });
    expect(refusal(() => checkUse('INDUSTRY', null, 0))).toMatchObject({ field: 'input.price' });
    expect(refusal(() => checkUse('INDUSTRY', '免费', 100))).toMatchObject({ field: 'input.useCondition' });
  });

  test('an industry price falls within the guided range of its kind; with none set the authority must set one [J §23, D §18]', () => {
    expect(() => checkGuidedPrice('DATA_REPORT', '331100', 20_000, range)).not.toThrow();
    const outside = refusal(() => checkGuidedPrice('DATA_REPORT', '331100', 60_000, range));
    expect(outside).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.price' });
    expect(outside.message).toContain('100.00–500.00');
    const none = refusal(() => checkGuidedPrice('DATA_REPORT', '331100', 20_000, null));
    expect(none.code).toBe('CONFLICT');
    expect(none.message).toContain('setGuidedPriceRange');
  });

  test('a guided range is min ≤ max in fen, with its basis [J §23]', () => {
    expect(checkRange(0, 100, ' 文件 ')).toEqual({ minFen: 0, maxFen: 100, basis: '文件' });
    expect(refusal(() => checkRange(200, 100, '文件')).field).toBe('input.min');
    expect(refusal(() => checkRange(-1, 100, '文件')).field).toBe('input.min');
    expect(refusal(() => checkRange(0, 100, '')).field).toBe('input.basis');
  });
});
