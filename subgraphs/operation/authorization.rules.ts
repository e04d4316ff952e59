import type { FilterQuery } from '@mikro-orm/postgresql';
import type { CatalogResource } from '../../schema/catalog-client.js';
import { parseId } from '../../schema/ids.js';
import type { ProfileCode } from '../../schema/topology.js';
import { backdateProblem, type DayLabel } from '../kit/rules/deadlines.js';
import { PROFILES, type WorkingDayRule } from '../kit/rules/policy.js';
import { badInput, conflict } from '../kit/server/errors.js';
import { getRegion } from '../../schema/regions.js';
import type { OperationAuthorizationStanding, OperationAuthorizationStatus, OperationProviderDecision } from './authorization.enums.js';
import type { OperationAuthorization, StoredEntry, StoredGoal, StoredItem } from './authorization.entity.js';
import type { Operator } from './operator.entity.js';
import { accessEndedOn, effectiveStatus, operatorAccessEnded, operatorInGoodStanding } from './operator.rules.js';
import { addDays } from '../kit/rules/calendar.js';

/**
 * Data-use authorizations (一场景一授权) [OPR-2, OPR-3, D §7, D §12-15, D §22], as pure rules: what a
 * demand list must show, which catalog entries can be asked for, the two review stages and their
 * deadlines, the providers' answers, and what a granted authorization covers.
 */

export const AUTHORIZATION_TEXT_MAX = 2000;
export const SCENARIO_NAME_MAX = 200;
export const MAX_ENTRIES = 20;
export const MAX_ITEMS_PER_ENTRY = 100;
export const MAX_GOALS = 20;

/** Required free text, trimmed and bounded, refused naming `field`. */
export function requiredText(value: string | null | undefined, field: string, zh: string, en: string, max = AUTHORIZATION_TEXT_MAX): string {
  const text = (value ?? '').trim();
  if (!text) throw badInput(`${zh}不能为空 / ${en} is required`, field);
  if (Array.from(text).length > max) throw badInput(`${zh}不能超过 ${max} 字 / ${en} must be at most ${max} characters`, field);
  return text;
}

/** Optional free text: null when blank. */
export function optionalText(value: string | null | undefined, field: string, zh: string, en: string): string | null {
  return value == null || !value.trim() ? null : requiredText(value, field, zh, en);
}

/** A scenario's name as compared: the same scenario however its spaces, width or case are typed. */
export function scenarioKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export interface DemandListShape {
  scenarioName: string;
  scenarioDescription: string;
  value: string;
  plan: string;
  goals: { description: string; dueDate: string }[];
  entries: { resourceId: string; items: { name: string; reason: string }[] }[];
}

export interface DemandList {
  scenarioName: string;
  scenarioDescription: string;
  value: string;
  plan: string;
  goals: StoredGoal[];
  entries: { resourceId: string; items: StoredItem[] }[];
}

/**
 * What a demand list must show before anything is read [D §13]: a clear scenario and its value
 * (一), the entries and items asked for, each item with the reason the scenario needs it (最小必要,
 * 二), and a plan with goals not in the past (三). Each entry once, each item once per entry.
 */
export function checkDemandList(input: DemandListShape, today: string): DemandList {
  const scenarioName = requiredText(input.scenarioName, 'input.scenarioName', '应用场景名称', 'the scenario’s name', SCENARIO_NAME_MAX);
  const scenarioDescription = requiredText(input.scenarioDescription, 'input.scenarioDescription', '应用场景描述', 'the scenario’s description');
  const value = requiredText(input.value, 'input.value', '场景的经济或社会价值', 'the economic or social value of the scenario [D §13 (一)]');
  const plan = requiredText(input.plan, 'input.plan', '实施计划', 'the plan [D §13 (三)]');
  if (input.goals.length === 0) throw badInput('实施计划至少需要一个目标 / the plan needs at least one goal with its date [D §13 (三)]', 'input.goals');
  if (input.goals.length > MAX_GOALS) throw badInput(`目标不能超过 ${MAX_GOALS} 个 / at most ${MAX_GOALS} goals`, 'input.goals');
  const goals = input.goals.map((g, i) => {
    const description = requiredText(g.description, `input.goals.${i}.description`, '目标', 'the goal');
    if (g.dueDate < today) {
      throw badInput(`目标完成日期 ${g.dueDate} 早于今天 ${today} / goal ${i + 1} is due ${g.dueDate}, before today (${today}): give a date to come`, `input.goals.${i}.dueDate`);
    }
    return { description, dueDate: g.dueDate };
  });
  if (input.entries.length === 0) throw badInput('需求清单至少需要一个目录条目 / the demand list names at least one catalog entry', 'input.entries');
  if (input.entries.length > MAX_ENTRIES) {
    throw badInput(`一个场景的需求清单不能超过 ${MAX_ENTRIES} 个目录条目 / at most ${MAX_ENTRIES} catalog entries per scenario [D §13 (二)]`, 'input.entries');
  }
  const seen = new Set<string>();
  const entries = input.entries.map((e, i) => {
    const field = `input.entries.${i}`;
    const ref = parseId(e.resourceId);
    if (ref && !getRegion(ref.region)) {
      throw badInput(
        `ID "${e.resourceId}" 的行政区划 ${ref.region} 不存在 / ID "${e.resourceId}" names an unknown region ${ref.region}: pass an ID returned by this API`,
        `${field}.resourceId`,
      );
    }
    if (!ref) throw badInput(`${e.resourceId} 不是目录条目ID / ${e.resourceId} is not a catalog entry ID: pass the id of a DataResource`, `${field}.resourceId`);
    if (seen.has(e.resourceId))
      throw badInput(`目录条目 ${e.resourceId} 重复 / catalog entry ${e.resourceId} is listed twice: list each entry once with all its items`, `${field}.resourceId`);
    seen.add(e.resourceId);
    if (e.items.length === 0) throw badInput('每个目录条目至少申请一个数据项 / name at least one item of each entry [D §13 (二)]', `${field}.items`);
    if (e.items.length > MAX_ITEMS_PER_ENTRY) throw badInput(`每个条目不能超过 ${MAX_ITEMS_PER_ENTRY} 个数据项 / at most ${MAX_ITEMS_PER_ENTRY} items per entry`, `${field}.items`);
    const names = new Set<string>();
    const items = e.items.map((item, j) => {
      const name = requiredText(item.name, `${field}.items.${j}.name`, '数据项名称', 'the item’s name', SCENARIO_NAME_MAX);
      if (names.has(name)) throw badInput(`数据项「${name}」重复 / item "${name}" is listed twice`, `${field}.items.${j}.name`);
      names.add(name);
      const reason = (item.reason ?? '').trim();
      if (!reason) {
        throw badInput(
          `数据项「${name}」缺少必要性说明：按最小必要原则，每个数据项都须说明场景为何需要 / item "${name}" has no reason: under the minimum-necessary principle every item says why the scenario needs it [D §13 (二)]`,
          `${field}.items.${j}.reason`,
        );
      }
      return { name, reason: requiredText(reason, `${field}.items.${j}.reason`, '必要性说明', 'the reason') };
    });
    return { resourceId: e.resourceId, items };
  });
  return { scenarioName, scenarioDescription, value, plan, goals, entries };
}

/** Goals are reached within the operator agreement's term, which the authorization cannot outlast [D §10, D §13 (三)]. */
export function checkGoalsWithinTerm(goals: StoredGoal[], termEnd: string): void {
  goals.forEach((g, i) => {
    if (g.dueDate > termEnd) {
      throw badInput(
        `目标完成日期 ${g.dueDate} 晚于授权运营协议期限终止日 ${termEnd}：目标须在授权运营期限内实现 / goal ${i + 1} is due ${g.dueDate}, after the operator agreement ends (${termEnd}): goals must be reached within the term [D §13 (三), D §10]`,
        `input.goals.${i}.dueDate`,
      );
    }
  });
}

/** Only an operator in force applies: not one suspended, revoked, expired or not yet started [D §11, D §28]. */
export function checkOperatorStanding(op: Pick<Operator, 'status' | 'termStart' | 'termEnd' | 'rectifyBy'>, today: string): void {
  const status = effectiveStatus(op, today);
  if (status !== 'ACTIVE') {
    throw conflict(
      `授权运营主体当前为 ${status}，不能申请或获得数据使用授权 / the operator is ${status}: only an operator in force (ACTIVE) applies for or is granted data [D §10-11, D §28]`,
    );
  }
}

export type AuthorizableResource = Pick<CatalogResource, 'id' | 'name' | 'status' | 'shareAttribute' | 'openAttribute' | 'provider' | 'items'>;
export const AUTHORIZABLE_RESOURCE_FIELDS = ['name', 'status', 'shareAttribute', 'openAttribute', 'provider', 'items'] as const;

/**
 * An entry can be asked for when it is in the published catalog and its attributes allow it to
 * leave its provider: NOT_SHARED data may by law not even go to another public body [B §22-23,
 * J §17], so never to an operator; PROHIBITED data may not be opened at all [Z §6, Z §14], and
 * raw public data not lawfully opened is kept off the market [B §35]. D §13 names no attribute:
 * these are the catalog's, read as the other regulations define them. Every item asked for must
 * be one of the entry's.
 */
export function checkAuthorizable(r: AuthorizableResource | null, resourceId: string, items: StoredItem[], field: string): void {
  if (!r) throw badInput(`目录条目 ${resourceId} 不存在或不可见 / catalog entry ${resourceId} does not exist or is not visible to you: check the ID`, `${field}.resourceId`);
  if (r.status !== 'PUBLISHED') {
    throw badInput(
      `目录条目「${r.name}」当前为 ${r.status}，不在已发布目录中，不能申请 / entry "${r.name}" is ${r.status}, not in the published catalog: it cannot be applied for`,
      `${field}.resourceId`,
    );
  }
  if (r.shareAttribute === 'NOT_SHARED') {
    throw badInput(
      `目录条目「${r.name}」为不予共享类，依法不得提供，不能申请授权运营 / entry "${r.name}" is NOT_SHARED: the law bars even other public bodies from it, so it cannot be authorized for operation [B §22-23, J §17]`,
      `${field}.resourceId`,
    );
  }
  if (r.openAttribute === 'PROHIBITED') {
    throw badInput(
      `目录条目「${r.name}」为禁止开放类，不能申请授权运营 / entry "${r.name}" is PROHIBITED from opening (secrets, security, or barred by law): it cannot be authorized for operation [Z §6, Z §14, B §35]`,
      `${field}.resourceId`,
    );
  }
  const known = new Set(r.items.map((i) => i.name));
  items.forEach((item, j) => {
    if (!known.has(item.name)) {
      throw badInput(`目录条目「${r.name}」没有数据项「${item.name}」/ entry "${r.name}" has no item "${item.name}": ask only for items the entry has`, `${field}.items.${j}.name`);
    }
  });
}

/** One authorization per scenario [D §13]: another application for it while one is pending or granted is a conflict. */
export function checkScenarioFree(holding: Pick<OperationAuthorization, 'id' | 'status'> | null, scenarioName: string): void {
  if (holding) {
    throw conflict(
      `场景「${scenarioName}」已有申请（${holding.id}，${holding.status}）：一个场景一个授权，请等待其结果；新的场景请另行申请 / scenario "${scenarioName}" already has an application (${holding.id}, ${holding.status}): one scenario, one authorization; a different scenario is a new application [D §13]`,
    );
  }
}

const D_BASIS = {
  reReview: 'D §14：数据管理行政主管部门在5个工作日内完成复审 / D §14: the authority completes the re-review within 5 working days',
  confirmation: 'D §14：数据提供单位在5个工作日内给出是否授权运营的确认意见 / D §14: each providing agency confirms within 5 working days',
};

function ruleOf(profiles: ProfileCode[], key: 'operatorReReviewWorkingDays' | 'providerConfirmationWorkingDays', basis: string): WorkingDayRule {
  for (const code of profiles) {
    const days = PROFILES[code][key];
    if (days != null) return { workingDays: days, profile: code, basis: code === 'D' ? basis : `${code}：${days}个工作日 / ${days} working days` };
  }
  // Only D sets these; a node without it takes D's numbers as its default.
  return { workingDays: 5, profile: null, basis: `默认：本平台的政策配置未规定时限，参照 ${basis}` };
}

/** The authority's re-review period: the profile's `operatorReReviewWorkingDays` (D: 5) [D §14]. */
export const reReviewRule = (profiles: ProfileCode[]) => ruleOf(profiles, 'operatorReReviewWorkingDays', D_BASIS.reReview);

/** The providers' confirmation period: the profile's `providerConfirmationWorkingDays` (D: 5) [D §14]. */
export const confirmationRule = (profiles: ProfileCode[]) => ruleOf(profiles, 'providerConfirmationWorkingDays', D_BASIS.confirmation);

function checkStatus(a: Pick<OperationAuthorization, 'status'>, expected: OperationAuthorizationStatus, step: string): void {
  if (a.status !== expected) {
    throw conflict(`该申请当前为 ${a.status}，不能${step.split(' / ')[0]} / this application is ${a.status}: ${step.split(' / ')[1]} needs ${expected} [D §14]`);
  }
}

export const checkFirstReviewable = (a: Pick<OperationAuthorization, 'status'>) => checkStatus(a, 'SUBMITTED', '初审 / a first review');
export const checkReReviewable = (a: Pick<OperationAuthorization, 'status'>) => checkStatus(a, 'FIRST_REVIEWED', '复审 / the re-review');
export const checkConfirmable = (a: Pick<OperationAuthorization, 'status'>) => checkStatus(a, 'RE_REVIEWED', '确认 / a provider’s answer');

export interface AssessmentShape {
  complianceAssessment?: string | null;
  riskAssessment?: string | null;
  networkSecurityOpinion?: string | null;
  expertCommitteeOpinion?: string | null;
}

export interface Assessment {
  complianceAssessment: string | null;
  riskAssessment: string | null;
  networkSecurityOpinion: string | null;
  expertCommitteeOpinion: string | null;
}

const ASSESSMENT_FIELDS = [
  ['complianceAssessment', '合规性评估', 'the compliance assessment'],
  ['riskAssessment', '安全风险评估', 'the security risk assessment'],
  ['networkSecurityOpinion', '网信部门意见', 'the network-security office’s view'],
  ['expertCommitteeOpinion', '数据专家委员会意见', 'the expert committee’s view'],
] as const;

/**
 * The assessment D §22 has the authority make with the network-security office and the expert
 * committee: all four parts before it may approve; whatever was recorded is kept on a refusal.
 */
export function checkAssessment(input: AssessmentShape, approving: boolean): Assessment {
  const out = {} as Assessment;
  for (const [key, zh, en] of ASSESSMENT_FIELDS) {
    const field = `input.${key}`;
    out[key] = approving
      ? requiredText(
          input[key],
          field,
          `${zh}（复审通过前须会同网信部门和数据专家委员会完成评估）`,
          `${en} (before approving, the authority assesses with the network-security office and the expert committee) [D §22]`,
        )
      : optionalText(input[key], field, zh, en);
  }
  return out;
}

export interface ProviderAnswer {
  resourceId: string;
  decision: OperationProviderDecision;
  itemNames?: string[] | null;
  reason?: string | null;
}

/**
 * A provider's answer for one of its entries [D §14]: CONFIRM the items it agrees to (a subset of
 * those asked; all of them when none are named), or DECLINE with a reason. Once per entry.
 */
export function answerEntry(entries: StoredEntry[], answer: ProviderAnswer, at: Date): { entries: StoredEntry[]; entry: StoredEntry } {
  const i = entries.findIndex((e) => e.resourceId === answer.resourceId);
  if (i < 0) throw badInput(`该申请未申请目录条目 ${answer.resourceId} / this application does not ask for entry ${answer.resourceId}`, 'input.resourceId');
  const current = entries[i]!;
  if (current.answer !== 'PENDING')
    throw conflict(`条目「${current.entryName}」已答复（${current.answer}），不能再次答复 / entry "${current.entryName}" was already answered (${current.answer}) [D §14]`);
  const asked = current.items.map((x) => x.name);
  let confirmedItems: string[] = [];
  let reason: string | null;
  if (answer.decision === 'DECLINE') {
    if (answer.itemNames?.length) throw badInput('不同意授权时不列数据项 / a DECLINE names no items: leave itemNames out', 'input.itemNames');
    reason = requiredText(answer.reason, 'input.reason', '不同意的理由', 'the reason for declining');
  } else {
    const names = answer.itemNames?.length ? answer.itemNames.map((n) => n.trim()) : asked;
    const unknown = names.filter((n) => !asked.includes(n));
    if (unknown.length) {
      throw badInput(
        `「${unknown.join('、')}」不在申请的数据项中 / ${unknown.join(', ')} was not asked for: confirm only items of the application (${asked.join(', ')})`,
        'input.itemNames',
      );
    }
    confirmedItems = asked.filter((n) => names.includes(n));
    reason = optionalText(answer.reason, 'input.reason', '说明', 'the note');
  }
  const entry: StoredEntry = {
    ...current,
    answer: answer.decision === 'CONFIRM' ? 'CONFIRMED' : 'DECLINED',
    confirmedItems,
    answerReason: reason,
    answeredAt: at.toISOString(),
  };
  return { entries: entries.map((e, j) => (j === i ? entry : e)), entry };
}

/** Once every provider has answered: GRANTED for the confirmed items, NOT_GRANTED when none were; null while one is pending [D §14]. */
export function outcomeOf(entries: StoredEntry[]): 'GRANTED' | 'NOT_GRANTED' | null {
  if (entries.some((e) => e.answer === 'PENDING')) return null;
  return entries.some((e) => e.answer === 'CONFIRMED' && e.confirmedItems.length > 0) ? 'GRANTED' : 'NOT_GRANTED';
}

type DeadlineRow = Pick<OperationAuthorization, 'status' | 'reReviewDue' | 'confirmationDue'>;

/** The step an application is late at: the authority's re-review, or the providers' confirmation [D §14]. */
export function overdueStep(a: DeadlineRow, today: string): 'RE_REVIEW' | 'CONFIRMATION' | null {
  if (a.status === 'FIRST_REVIEWED' && a.reReviewDue !== null && a.reReviewDue < today) return 'RE_REVIEW';
  if (a.status === 'RE_REVIEWED' && a.confirmationDue !== null && a.confirmationDue < today) return 'CONFIRMATION';
  return null;
}

/** `overdueStep` as a query condition (true: late at a step; false: all others). */
export function overdueAuthorizationFilter(overdue: boolean, today: string): FilterQuery<OperationAuthorization> {
  const late: FilterQuery<OperationAuthorization> = {
    $or: [
      { status: 'FIRST_REVIEWED', reReviewDue: { $lt: today } },
      { status: 'RE_REVIEWED', confirmationDue: { $lt: today } },
    ],
  };
  const onTime: FilterQuery<OperationAuthorization> = {
    $and: [{ $or: [{ status: { $ne: 'FIRST_REVIEWED' } }, { reReviewDue: { $gte: today } }] }, { $or: [{ status: { $ne: 'RE_REVIEWED' } }, { confirmationDue: { $gte: today } }] }],
  };
  return overdue ? late : onTime;
}

/** What a granted authorization covers: the entries and exactly the items their providers confirmed [D §14-15]. */
export interface Authorization {
  id: string;
  operatorId: string;
  status: OperationAuthorizationStatus;
  grantedOn: string | null;
  validUntil: string | null;
  grants: { resourceId: string; providerId: string; items: string[] }[];
}

export function authorizationOf(a: Pick<OperationAuthorization, 'id' | 'operatorId' | 'status' | 'grantedOn' | 'validUntil' | 'entries'>): Authorization {
  return {
    id: a.id,
    operatorId: a.operatorId,
    status: a.status,
    grantedOn: a.grantedOn,
    validUntil: a.validUntil,
    grants:
      a.status === 'GRANTED'
        ? a.entries
            .filter((e) => e.answer === 'CONFIRMED' && e.confirmedItems.length > 0)
            .map((e) => ({ resourceId: e.resourceId, providerId: e.providerId, items: [...e.confirmedItems] }))
        : [],
  };
}

export type UncoveredReason = 'NOT_GRANTED' | 'NOT_YET_VALID' | 'EXPIRED' | 'ENTRY_NOT_GRANTED' | 'ITEMS_NOT_GRANTED';

/**
 * Why `auth` does not cover items `items` of entry `resourceId` on `today`, or null when it does:
 * it must be GRANTED, `today` within its validity, the entry granted and every item among those
 * its provider confirmed. The operator's own standing (suspended, revoked) is checked apart, on
 * its record. The staff check and data products will ask this.
 */
export function uncoveredReason(auth: Authorization, resourceId: string, items: readonly string[], today: string): UncoveredReason | null {
  if (auth.status !== 'GRANTED' || auth.grantedOn === null || auth.validUntil === null) return 'NOT_GRANTED';
  if (today < auth.grantedOn) return 'NOT_YET_VALID';
  if (today > auth.validUntil) return 'EXPIRED';
  const grant = auth.grants.find((g) => g.resourceId === resourceId);
  if (!grant) return 'ENTRY_NOT_GRANTED';
  return items.every((i) => grant.items.includes(i)) ? null : 'ITEMS_NOT_GRANTED';
}

export function authorizationCovers(auth: Authorization, resourceId: string, items: readonly string[], today: string): boolean {
  return uncoveredReason(auth, resourceId, items, today) === null;
}

/**
 * Where a granted authorization stands on `today`, with the day it ended when it did: its own
 * validity, and its operator's standing [D §10-11, D §28]. An operator not rectified by its
 * deadline ends every authorization from the day after, computed here, not by a job: the same
 * answer `operatorAccessEnded` gives the gateway.
 */
export function authorizationStanding(
  auth: Pick<Authorization, 'status' | 'grantedOn' | 'validUntil'>,
  op: Pick<Operator, 'status' | 'termStart' | 'termEnd' | 'rectifyBy'>,
  today: string,
): { standing: OperationAuthorizationStanding; endedOn: string | null } {
  if (auth.status !== 'GRANTED' || auth.grantedOn === null || auth.validUntil === null) return { standing: 'NOT_GRANTED', endedOn: null };
  if (operatorAccessEnded(op, today)) {
    const expired = effectiveStatus(op, today) === 'EXPIRED' ? addDays(op.termEnd, 1) : null;
    return { standing: 'ENDED', endedOn: accessEndedOn(op, today) ?? expired };
  }
  if (today > auth.validUntil) return { standing: 'ENDED', endedOn: addDays(auth.validUntil, 1) };
  if (today < auth.grantedOn) return { standing: 'NOT_YET_VALID', endedOn: null };
  return operatorInGoodStanding(op, today) ? { standing: 'IN_FORCE', endedOn: null } : { standing: 'OPERATOR_SUSPENDED', endedOn: null };
}

const RECEIVED: DayLabel = { zh: '需求清单收到日期', en: 'the day the demand list was received' };
const FIRST_REVIEWED: DayLabel = { zh: '初审日期', en: 'the day of the first review' };
const RE_REVIEWED: DayLabel = { zh: '复审日期', en: 'the day of the re-review' };

/**
 * The China date a review step happened: the day given when the step is recorded after the fact
 * (a review concluded on paper), else today. Never after today, at most BACKDATE_MAX_DAYS back, and
 * never before the step it follows, so every deadline counts from when its step truly happened [D §14].
 */
export function stepDay(
  given: string | null | undefined,
  today: string,
  step: 'RECEIVED' | 'FIRST_REVIEW' | 'RE_REVIEW',
  field: string,
  previous?: { day: string; step: 'RECEIVED' | 'FIRST_REVIEW' },
): string {
  if (given === null || given === undefined) return today;
  const label = { RECEIVED, FIRST_REVIEW: FIRST_REVIEWED, RE_REVIEW: RE_REVIEWED }[step];
  const after = previous && { day: previous.day, label: previous.step === 'RECEIVED' ? RECEIVED : FIRST_REVIEWED };
  const problem = backdateProblem(given, today, label, after);
  if (problem) throw badInput(problem, field);
  return given;
}

const STANDING_WORDS: Record<Exclude<OperationAuthorizationStanding, 'IN_FORCE'>, string> = {
  NOT_GRANTED: '未获授权 / it was not granted',
  NOT_YET_VALID: '尚未生效 / it is not yet valid',
  OPERATOR_SUSPENDED: '运营主体被暂停 / its operator is suspended',
  ENDED: '已终止或到期 / it has ended',
};

/** Only an authorization in force today supports what is done under it (an import, an export, a use) [D §10-11, D §14-15, D §28]. */
export function checkAuthorizationInForce(
  auth: Pick<Authorization, 'status' | 'grantedOn' | 'validUntil'>,
  op: Pick<Operator, 'status' | 'termStart' | 'termEnd' | 'rectifyBy'>,
  today: string,
): void {
  const { standing, endedOn } = authorizationStanding(auth, op, today);
  if (standing === 'IN_FORCE') return;
  throw conflict(
    `该数据使用授权今日不在有效期内：${STANDING_WORDS[standing]}${endedOn ? `（${endedOn}）` : ''} / the authorization is not in force today: ${STANDING_WORDS[standing].split(' / ')[1]}${endedOn ? ` (${endedOn})` : ''} [D §10-11, D §14-15, D §28]`,
  );
}
