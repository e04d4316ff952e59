import { describe, expect, test } from '@jest/globals';
import { refusal } from '../../test/support/refusal.js';
import type { StoredEntry } from './authorization.entity.js';
import {
  answerEntry,
  authorizationCovers,
  authorizationStanding,
  authorizationOf,
  checkAssessment,
  checkAuthorizable,
  checkConfirmable,
  checkDemandList,
  checkFirstReviewable,
  checkGoalsWithinTerm,
  checkOperatorStanding,
  checkReReviewable,
  checkScenarioFree,
  confirmationRule,
  MAX_ENTRIES,
  outcomeOf,
  overdueStep,
  reReviewRule,
  scenarioKey,
  uncoveredReason,
  type AuthorizableResource,
  type DemandListShape,
  stepDay,
} from './authorization.rules.js';

const TODAY = '2026-12-07';
const ENTRY = '331100:01JCZ0000000000000000000A1';
const OTHER = '331102:01JCZ0000000000000000000B2';

const list = (over: Partial<DemandListShape> = {}): DemandListShape => ({
  scenarioName: '文旅客流预测',
  scenarioDescription: '按景区预测节假日客流，供景区调度',
  value: '减少拥堵，提升游客体验',
  plan: '第一阶段建模，第二阶段试运行',
  goals: [{ description: '模型上线', dueDate: '2027-06-30' }],
  entries: [{ resourceId: ENTRY, items: [{ name: '景区名称', reason: '按景区预测' }] }],
  ...over,
});

const resource = (over: Partial<AuthorizableResource> = {}): AuthorizableResource => ({
  id: ENTRY,
  name: '景区客流',
  status: 'PUBLISHED',
  shareAttribute: 'UNCONDITIONAL',
  openAttribute: 'RESTRICTED',
  provider: { id: '331100:01JCZ0000000000000000000P1' },
  items: [
    { name: '景区名称', personalInfo: false, identifier: false },
    { name: '客流量', personalInfo: false, identifier: false },
  ],
  ...over,
});

const entry = (over: Partial<StoredEntry> = {}): StoredEntry => ({
  resourceId: ENTRY,
  entryName: '景区客流',
  providerId: '331100:01JCZ0000000000000000000P1',
  items: [
    { name: '景区名称', reason: '按景区预测' },
    { name: '客流量', reason: '预测目标' },
  ],
  answer: 'PENDING',
  confirmedItems: [],
  answerReason: null,
  answeredAt: null,
  ...over,
});

describe('a demand list per scenario [OPR-2, D §12-13]', () => {
  test('the scenario, its value, the plan and at least one goal are required [D §13 (一), D §13 (三)]', () => {
    expect(checkDemandList(list(), TODAY)).toMatchObject({ scenarioName: '文旅客流预测', goals: [{ dueDate: '2027-06-30' }] });
    expect(refusal(() => checkDemandList(list({ value: '  ' }), TODAY))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.value' });
    expect(refusal(() => checkDemandList(list({ plan: '' }), TODAY)).field).toBe('input.plan');
    expect(refusal(() => checkDemandList(list({ goals: [] }), TODAY)).field).toBe('input.goals');
    expect(refusal(() => checkDemandList(list({ goals: [{ description: '上线', dueDate: '2026-12-01' }] }), TODAY)).field).toBe('input.goals.0.dueDate');
  });

  test('minimum necessary: every item says why the scenario needs it, an item without a reason is refused [D §13 (二)]', () => {
    const r = refusal(() => checkDemandList(list({ entries: [{ resourceId: ENTRY, items: [{ name: '客流量', reason: ' ' }] }] }), TODAY));
    expect(r).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.entries.0.items.0.reason' });
    expect(r.message).toContain('minimum-necessary');
    expect(refusal(() => checkDemandList(list({ entries: [{ resourceId: ENTRY, items: [] }] }), TODAY)).field).toBe('input.entries.0.items');
  });

  test('each entry once and each item once; the number of entries is bounded; IDs are entry IDs of known regions [D §13 (二)]', () => {
    const twice = { resourceId: ENTRY, items: [{ name: '客流量', reason: '预测' }] };
    expect(refusal(() => checkDemandList(list({ entries: [twice, twice] }), TODAY)).field).toBe('input.entries.1.resourceId');
    const dupItem = { resourceId: ENTRY, items: [twice.items[0]!, twice.items[0]!] };
    expect(refusal(() => checkDemandList(list({ entries: [dupItem] }), TODAY)).field).toBe('input.entries.0.items.1.name');
    const many = Array.from({ length: MAX_ENTRIES + 1 }, (_, i) => ({ resourceId: `331100:01JCZ00000000000000000${String(i).padStart(4, '0')}`, items: twice.items }));
    expect(refusal(() => checkDemandList(list({ entries: many }), TODAY)).field).toBe('input.entries');
    expect(refusal(() => checkDemandList(list({ entries: [{ ...twice, resourceId: 'garbage' }] }), TODAY)).field).toBe('input.entries.0.resourceId');
    expect(refusal(() => checkDemandList(list({ entries: [{ ...twice, resourceId: '999999:01JCZ0000000000000000000A1' }] }), TODAY)).field).toBe('input.entries.0.resourceId');
  });

  test('goals are reached within the operator agreement’s term: a goal dated after its end is refused [D §13 (三), D §10]', () => {
    const goals = [
      { description: 'a', dueDate: '2027-06-30' },
      { description: 'b', dueDate: '2028-03-01' },
    ];
    expect(() => checkGoalsWithinTerm(goals, '2028-03-01')).not.toThrow();
    const r = refusal(() => checkGoalsWithinTerm(goals, '2028-02-29'));
    expect(r).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.goals.1.dueDate' });
    expect(r.message).toContain('2028-02-29');
  });

  test('only an operator in force applies: suspended, revoked, expired or not yet started ones are refused [D §10-11, D §28]', () => {
    const term = { termStart: '2025-03-01', termEnd: '2028-02-29', rectifyBy: null };
    expect(() => checkOperatorStanding({ status: 'ACTIVE', ...term }, TODAY)).not.toThrow();
    // Suspended and not reinstated by its deadline: its access ended [D §28].
    expect(refusal(() => checkOperatorStanding({ status: 'SUSPENDED', ...term, rectifyBy: '2026-01-10' }, '2026-01-11')).message).toContain('TERMINATED');
    expect(refusal(() => checkOperatorStanding({ status: 'SUSPENDED', ...term }, TODAY)).message).toContain('SUSPENDED');
    expect(refusal(() => checkOperatorStanding({ status: 'REVOKED', ...term }, TODAY)).code).toBe('CONFLICT');
    expect(refusal(() => checkOperatorStanding({ status: 'ACTIVE', ...term }, '2028-03-01')).message).toContain('EXPIRED');
    expect(refusal(() => checkOperatorStanding({ status: 'ACTIVE', ...term }, '2025-02-28')).message).toContain('PENDING');
  });

  test('one scenario, one authorization: the same scenario however typed, while one is pending or granted, is a conflict [D §13]', () => {
    expect(scenarioKey('  文旅  客流预测 ')).toBe(scenarioKey('文旅 客流预测'));
    expect(scenarioKey('Tourism Forecast')).toBe(scenarioKey('ｔｏｕｒｉｓｍ　forecast'));
    expect(() => checkScenarioFree(null, 'x')).not.toThrow();
    expect(refusal(() => checkScenarioFree({ id: 'a1', status: 'GRANTED' }, '文旅客流预测'))).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('which catalog entries can be asked for [D §13, B §22-23, Z §14, B §35]', () => {
  test('a published entry that may be shared, with items it has', () => {
    expect(() => checkAuthorizable(resource(), ENTRY, [{ name: '客流量', reason: 'r' }], 'input.entries.0')).not.toThrow();
  });

  test('an absent or invisible entry, one not published, NOT_SHARED or PROHIBITED data, and items the entry lacks are refused naming the field', () => {
    const items = [{ name: '客流量', reason: 'r' }];
    expect(refusal(() => checkAuthorizable(null, ENTRY, items, 'input.entries.0')).field).toBe('input.entries.0.resourceId');
    expect(refusal(() => checkAuthorizable(resource({ status: 'DEPRECATED' }), ENTRY, items, 'input.entries.0')).message).toContain('DEPRECATED');
    expect(refusal(() => checkAuthorizable(resource({ shareAttribute: 'NOT_SHARED' }), ENTRY, items, 'input.entries.0')).message).toContain('NOT_SHARED');
    expect(refusal(() => checkAuthorizable(resource({ openAttribute: 'PROHIBITED' }), ENTRY, items, 'input.entries.0')).message).toContain('PROHIBITED');
    expect(refusal(() => checkAuthorizable(resource(), ENTRY, [{ name: '身份证号', reason: 'r' }], 'input.entries.0')).field).toBe('input.entries.0.items.0.name');
  });
});

describe('two-stage review and the providers’ confirmation [OPR-3, D §14, D §22]', () => {
  test('the re-review and confirmation periods come from the D profile, 5 + 5 working days, with their basis; a node without D takes D’s numbers as its default', () => {
    expect(reReviewRule(['L', 'Z', 'B', 'D', 'J'])).toMatchObject({ workingDays: 5, profile: 'D', basis: expect.stringContaining('D §14') });
    expect(confirmationRule(['D'])).toMatchObject({ workingDays: 5, profile: 'D', basis: expect.stringContaining('5个工作日') });
    expect(reReviewRule(['L', 'Z'])).toMatchObject({ workingDays: 5, profile: null, basis: expect.stringContaining('默认') });
  });

  test('each stage acts once, in order [D §14]', () => {
    expect(() => checkFirstReviewable({ status: 'SUBMITTED' })).not.toThrow();
    expect(refusal(() => checkFirstReviewable({ status: 'FIRST_REVIEWED' })).code).toBe('CONFLICT');
    expect(refusal(() => checkReReviewable({ status: 'SUBMITTED' })).message).toContain('FIRST_REVIEWED');
    expect(() => checkReReviewable({ status: 'FIRST_REVIEWED' })).not.toThrow();
    expect(refusal(() => checkConfirmable({ status: 'FIRST_REVIEWED' })).code).toBe('CONFLICT');
    expect(() => checkConfirmable({ status: 'RE_REVIEWED' })).not.toThrow();
  });

  test('approving needs the compliance and risk assessment made with the network-security office and the expert committee; a refusal keeps what was recorded [D §22]', () => {
    const full = { complianceAssessment: '合规', riskAssessment: '风险可控', networkSecurityOpinion: '同意', expertCommitteeOpinion: '同意' };
    expect(checkAssessment(full, true)).toEqual(full);
    expect(refusal(() => checkAssessment({ ...full, expertCommitteeOpinion: ' ' }, true))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.expertCommitteeOpinion' });
    expect(refusal(() => checkAssessment({ ...full, networkSecurityOpinion: null }, true)).message).toContain('D §22');
    expect(checkAssessment({ riskAssessment: '风险过高' }, false)).toEqual({
      complianceAssessment: null,
      riskAssessment: '风险过高',
      networkSecurityOpinion: null,
      expertCommitteeOpinion: null,
    });
  });

  test('a provider confirms a subset of the items asked, or all by default, or declines with a reason; once per entry [D §14]', () => {
    const at = new Date('2026-12-08T02:00:00Z');
    const subset = answerEntry([entry()], { resourceId: ENTRY, decision: 'CONFIRM', itemNames: ['客流量'] }, at).entry;
    expect(subset).toMatchObject({ answer: 'CONFIRMED', confirmedItems: ['客流量'], answeredAt: at.toISOString() });
    expect(answerEntry([entry()], { resourceId: ENTRY, decision: 'CONFIRM' }, at).entry.confirmedItems).toEqual(['景区名称', '客流量']);
    expect(refusal(() => answerEntry([entry()], { resourceId: ENTRY, decision: 'CONFIRM', itemNames: ['身份证号'] }, at)).field).toBe('input.itemNames');
    expect(refusal(() => answerEntry([entry()], { resourceId: ENTRY, decision: 'DECLINE' }, at)).field).toBe('input.reason');
    expect(refusal(() => answerEntry([entry()], { resourceId: ENTRY, decision: 'DECLINE', itemNames: ['客流量'], reason: 'x' }, at)).field).toBe('input.itemNames');
    const declined = answerEntry([entry()], { resourceId: ENTRY, decision: 'DECLINE', reason: '涉及商业秘密' }, at).entry;
    expect(declined).toMatchObject({ answer: 'DECLINED', confirmedItems: [], answerReason: '涉及商业秘密' });
    expect(refusal(() => answerEntry([declined], { resourceId: ENTRY, decision: 'CONFIRM' }, at)).code).toBe('CONFLICT');
    expect(refusal(() => answerEntry([entry()], { resourceId: OTHER, decision: 'CONFIRM' }, at)).field).toBe('input.resourceId');
  });

  test('granted only once every provider answered, for the confirmed items; nothing confirmed is NOT_GRANTED [D §14]', () => {
    const confirmed = entry({ answer: 'CONFIRMED', confirmedItems: ['客流量'] });
    const declined = entry({ resourceId: OTHER, answer: 'DECLINED', answerReason: 'x' });
    expect(outcomeOf([confirmed, entry({ resourceId: OTHER })])).toBeNull();
    expect(outcomeOf([confirmed, declined])).toBe('GRANTED');
    expect(outcomeOf([declined])).toBe('NOT_GRANTED');
  });

  test('a step is overdue once open after its due date: the re-review while FIRST_REVIEWED, the confirmation while RE_REVIEWED [D §14, SEC-6]', () => {
    const row = { reReviewDue: '2026-12-04', confirmationDue: '2026-12-11' };
    expect(overdueStep({ status: 'FIRST_REVIEWED', ...row }, '2026-12-04')).toBeNull();
    expect(overdueStep({ status: 'FIRST_REVIEWED', ...row }, '2026-12-05')).toBe('RE_REVIEW');
    expect(overdueStep({ status: 'RE_REVIEWED', ...row }, '2026-12-12')).toBe('CONFIRMATION');
    expect(overdueStep({ status: 'GRANTED', ...row }, '2027-01-01')).toBeNull();
  });
});

describe('what an authorization covers [D §14-15]', () => {
  const granted = authorizationOf({
    id: 'a1',
    operatorId: 'op1',
    status: 'GRANTED',
    grantedOn: '2026-12-10',
    validUntil: '2028-02-29',
    entries: [entry({ answer: 'CONFIRMED', confirmedItems: ['客流量'] }), entry({ resourceId: OTHER, answer: 'DECLINED', answerReason: 'x' })],
  });

  test('exactly the confirmed items of confirmed entries, within its validity', () => {
    expect(granted.grants).toEqual([{ resourceId: ENTRY, providerId: entry().providerId, items: ['客流量'] }]);
    expect(authorizationCovers(granted, ENTRY, ['客流量'], '2027-01-01')).toBe(true);
    expect(uncoveredReason(granted, ENTRY, ['客流量', '景区名称'], '2027-01-01')).toBe('ITEMS_NOT_GRANTED');
    expect(uncoveredReason(granted, OTHER, ['景区名称'], '2027-01-01')).toBe('ENTRY_NOT_GRANTED');
    expect(uncoveredReason(granted, ENTRY, ['客流量'], '2026-12-09')).toBe('NOT_YET_VALID');
    expect(uncoveredReason(granted, ENTRY, ['客流量'], '2028-03-01')).toBe('EXPIRED');
  });

  test('an application not granted covers nothing', () => {
    const pending = authorizationOf({ id: 'a2', operatorId: 'op1', status: 'RE_REVIEWED', grantedOn: null, validUntil: null, entries: [entry()] });
    expect(pending.grants).toEqual([]);
    expect(uncoveredReason(pending, ENTRY, [], '2027-01-01')).toBe('NOT_GRANTED');
  });
});

describe('an authorization ends with its operator [OPR-9, D §10-11, D §28]', () => {
  const auth = { status: 'GRANTED' as const, grantedOn: '2026-12-10', validUntil: '2028-02-29' };
  const op = { status: 'ACTIVE' as const, termStart: '2025-03-01', termEnd: '2028-02-29', rectifyBy: null };
  test('in force while valid and its operator in good standing; not yet valid before its first day', () => {
    expect(authorizationStanding(auth, op, '2027-01-01')).toEqual({ standing: 'IN_FORCE', endedOn: null });
    expect(authorizationStanding(auth, op, '2026-12-09')).toEqual({ standing: 'NOT_YET_VALID', endedOn: null });
    expect(authorizationStanding({ ...auth, status: 'SUBMITTED' }, op, '2027-01-01')).toEqual({ standing: 'NOT_GRANTED', endedOn: null });
  });
  test('paused while the operator is suspended, ended from the day after an unmet rectification deadline [D §28]', () => {
    const suspended = { ...op, status: 'SUSPENDED' as const, rectifyBy: '2027-03-31' };
    expect(authorizationStanding(auth, suspended, '2027-03-31')).toEqual({ standing: 'OPERATOR_SUSPENDED', endedOn: null });
    expect(authorizationStanding(auth, suspended, '2027-04-02')).toEqual({ standing: 'ENDED', endedOn: '2027-04-01' });
  });
  test('ended when the operator is revoked or its term is over, or after its own validity [D §10-11]', () => {
    expect(authorizationStanding(auth, { ...op, status: 'REVOKED' as const }, '2027-01-01').standing).toBe('ENDED');
    expect(authorizationStanding({ ...auth, validUntil: '2027-06-30' }, op, '2027-07-02')).toEqual({ standing: 'ENDED', endedOn: '2027-07-01' });
    expect(authorizationStanding(auth, { ...op, termEnd: '2027-06-30' }, '2027-07-02')).toEqual({ standing: 'ENDED', endedOn: '2027-07-01' });
  });
});

describe('a step recorded after the fact keeps its real day [D §12, D §14, SEC-6]', () => {
  const today = '2026-12-04';
  test('today when not given; a given day not after today, at most 30 days back, not before the step it follows', () => {
    expect(stepDay(undefined, today, 'FIRST_REVIEW', 'input.reviewedOn')).toBe(today);
    expect(stepDay('2026-11-20', today, 'FIRST_REVIEW', 'input.reviewedOn', { day: '2026-11-18', step: 'RECEIVED' })).toBe('2026-11-20');
    expect(refusal(() => stepDay('2026-12-05', today, 'RECEIVED', 'input.receivedOn'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.receivedOn' });
    expect(refusal(() => stepDay('2026-11-03', today, 'RECEIVED', 'input.receivedOn'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.receivedOn' });
    expect(refusal(() => stepDay('2026-11-17', today, 'RE_REVIEW', 'input.reviewedOn', { day: '2026-11-18', step: 'FIRST_REVIEW' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.reviewedOn',
    });
  });
});
