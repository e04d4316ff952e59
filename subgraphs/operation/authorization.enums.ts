import { defineEnum } from '../kit/server/enums.js';

/**
 * Enums of data-use authorizations (一场景一授权) [OPR-2, OPR-3, D §7, D §12-14]. Names are prefixed
 * (`Operation…`) so the composed schema never meets a second definition of one name: opening owns
 * its own priority domains of Z §7.
 */

/** D §7's priority domains, in its order; `OTHER`: a scenario outside them, which D §7 favours less but does not exclude ("等领域"). */
export const OPERATION_PRIORITY_DOMAINS = [
  'CULTURE_TOURISM',
  'ENERGY',
  'ENVIRONMENT',
  'AGRICULTURE',
  'LOGISTICS',
  'MANUFACTURING',
  'CREDIT',
  'TRANSPORT',
  'HEALTH',
  'EMPLOYMENT',
  'SOCIAL_SECURITY',
  'OTHER',
] as const;
export type OperationPriorityDomain = (typeof OPERATION_PRIORITY_DOMAINS)[number];

export const OPERATION_SCENARIO_VALUES = ['ECONOMIC', 'SOCIAL', 'ECONOMIC_AND_SOCIAL'] as const;
export type OperationScenarioValue = (typeof OPERATION_SCENARIO_VALUES)[number];

/**
 * SUBMITTED → (service center) FIRST_REVIEWED or RETURNED → (authority) RE_REVIEWED or REFUSED →
 * (every provider answers) GRANTED, or NOT_GRANTED when no provider confirmed any item [D §14].
 */
export const OPERATION_AUTHORIZATION_STATUSES = ['SUBMITTED', 'RETURNED', 'FIRST_REVIEWED', 'REFUSED', 'RE_REVIEWED', 'GRANTED', 'NOT_GRANTED'] as const;
export type OperationAuthorizationStatus = (typeof OPERATION_AUTHORIZATION_STATUSES)[number];

/** Statuses in which an application still answers for its scenario: a second one for the same scenario is refused [D §13]. */
export const SCENARIO_HOLDING_STATUSES = ['SUBMITTED', 'FIRST_REVIEWED', 'RE_REVIEWED', 'GRANTED'] as const satisfies readonly OperationAuthorizationStatus[];

export const OPERATION_PROVIDER_ANSWERS = ['PENDING', 'CONFIRMED', 'DECLINED'] as const;
export type OperationProviderAnswer = (typeof OPERATION_PROVIDER_ANSWERS)[number];

export const OPERATION_FIRST_REVIEW_DECISIONS = ['PASS', 'RETURN'] as const;
export type OperationFirstReviewDecision = (typeof OPERATION_FIRST_REVIEW_DECISIONS)[number];

export const OPERATION_RE_REVIEW_DECISIONS = ['APPROVE', 'REFUSE'] as const;
export type OperationReReviewDecision = (typeof OPERATION_RE_REVIEW_DECISIONS)[number];

export const OPERATION_PROVIDER_DECISIONS = ['CONFIRM', 'DECLINE'] as const;
export type OperationProviderDecision = (typeof OPERATION_PROVIDER_DECISIONS)[number];

export const OPERATION_AUTHORIZATION_STEPS = [
  'SUBMITTED',
  'FIRST_REVIEW_PASSED',
  'RETURNED',
  'RE_REVIEW_APPROVED',
  'REFUSED',
  'PROVIDER_CONFIRMED',
  'PROVIDER_DECLINED',
  'GRANTED',
  'NOT_GRANTED',
] as const;
export type OperationAuthorizationStepKind = (typeof OPERATION_AUTHORIZATION_STEPS)[number];

export const OperationPriorityDomainEnum = defineEnum(OPERATION_PRIORITY_DOMAINS, {
  name: 'OperationPriorityDomain',
  description: '授权运营优先领域 / the priority domains of authorized operation [D §7]',
  valuesConfig: {
    CULTURE_TOURISM: { description: '文旅 / culture and tourism' },
    ENERGY: { description: '能源 / energy' },
    ENVIRONMENT: { description: '环保 / environmental protection' },
    AGRICULTURE: { description: '农业 / agriculture' },
    LOGISTICS: { description: '物流 / logistics' },
    MANUFACTURING: { description: '制造 / manufacturing' },
    CREDIT: { description: '信用 / credit' },
    TRANSPORT: { description: '交通 / transport' },
    HEALTH: { description: '卫生 / health' },
    EMPLOYMENT: { description: '就业 / employment' },
    SOCIAL_SECURITY: { description: '社保 / social security' },
    OTHER: { description: '其他领域（D §7 所列以外，可申请但不优先）/ another domain, outside the list of D §7: allowed, not favoured' },
  },
});

export const OperationScenarioValueEnum = defineEnum(OPERATION_SCENARIO_VALUES, {
  name: 'OperationScenarioValue',
  description: '应用场景的价值类型 / the kind of value the scenario has [D §13 (一)]',
  valuesConfig: {
    ECONOMIC: { description: '经济价值 / economic value' },
    SOCIAL: { description: '社会价值 / social value' },
    ECONOMIC_AND_SOCIAL: { description: '经济价值和社会价值 / both' },
  },
});

export const OperationAuthorizationStatusEnum = defineEnum(OPERATION_AUTHORIZATION_STATUSES, {
  name: 'OperationAuthorizationStatus',
  description: '数据使用授权申请的状态 / status of an application for a data-use authorization [D §14]',
  valuesConfig: {
    SUBMITTED: { description: '已提交需求清单，待数据运营服务中心初审 / demand list submitted, awaiting the service center’s first review [D §12]' },
    RETURNED: { description: '初审退回（附理由）；同一场景可重新申请 / returned at first review, with the reason; the scenario may be applied for again [D §14]' },
    FIRST_REVIEWED: { description: '初审通过，待数据主管部门5个工作日内复审 / passed the first review; the authority re-reviews within 5 working days [D §14]' },
    REFUSED: { description: '复审不予通过（附理由）/ refused at re-review, with the reason [D §14, D §22]' },
    RE_REVIEWED: { description: '复审通过，待各数据提供单位5个工作日内确认 / passed the re-review; each providing agency confirms within 5 working days [D §14]' },
    GRANTED: { description: '已授权：范围为各提供单位确认的条目和数据项 / granted, for exactly the entries and items the providers confirmed [D §14-15]' },
    NOT_GRANTED: { description: '未授权：各提供单位均未确认任何数据项 / not granted: no provider confirmed any item [D §14]' },
  },
});

export const OperationProviderAnswerEnum = defineEnum(OPERATION_PROVIDER_ANSWERS, {
  name: 'OperationProviderAnswer',
  description: '数据提供单位对其条目的确认意见 / a providing agency’s answer for its entry [D §14]',
  valuesConfig: {
    PENDING: { description: '尚未答复 / not answered yet' },
    CONFIRMED: { description: '确认授权（可为申请数据项的一部分）/ confirmed, possibly for a subset of the items asked' },
    DECLINED: { description: '不同意授权（附理由）/ declined, with the reason' },
  },
});

export const OperationFirstReviewDecisionEnum = defineEnum(OPERATION_FIRST_REVIEW_DECISIONS, {
  name: 'OperationFirstReviewDecision',
  description: '初审结论 / the first review’s decision [D §14]',
  valuesConfig: {
    PASS: { description: '初审通过，报数据主管部门复审 / passed: goes to the authority for re-review' },
    RETURN: { description: '退回运营主体（须说明理由）/ returned to the operator, with the reason' },
  },
});

export const OperationReReviewDecisionEnum = defineEnum(OPERATION_RE_REVIEW_DECISIONS, {
  name: 'OperationReReviewDecision',
  description: '复审结论 / the re-review’s decision [D §14, D §22]',
  valuesConfig: {
    APPROVE: { description: '复审通过，征求数据提供单位意见（须有合规性和安全风险评估）/ approved: the providers are asked; needs the compliance and risk assessment [D §22]' },
    REFUSE: { description: '不予通过（须说明理由）/ refused, with the reason' },
  },
});

export const OperationProviderDecisionEnum = defineEnum(OPERATION_PROVIDER_DECISIONS, {
  name: 'OperationProviderDecision',
  description: '数据提供单位的确认意见 / a providing agency’s decision on its entry [D §14]',
  valuesConfig: {
    CONFIRM: { description: '确认授权所列数据项（可少于申请的）/ confirm the items listed (possibly fewer than asked)' },
    DECLINE: { description: '不同意授权该条目（须说明理由）/ decline the entry, with the reason' },
  },
});

export const OperationAuthorizationStepKindEnum = defineEnum(OPERATION_AUTHORIZATION_STEPS, {
  name: 'OperationAuthorizationStepKind',
  description: '申请的处理步骤 / a step of an application [D §12-14]',
  valuesConfig: {
    SUBMITTED: { description: '运营主体提交需求清单 / the operator submitted the demand list' },
    FIRST_REVIEW_PASSED: { description: '数据运营服务中心初审通过 / the service center passed the first review' },
    RETURNED: { description: '初审退回 / returned at first review' },
    RE_REVIEW_APPROVED: { description: '数据主管部门复审通过 / the authority approved at re-review' },
    REFUSED: { description: '复审不予通过 / refused at re-review' },
    PROVIDER_CONFIRMED: { description: '一家提供单位确认其条目 / a provider confirmed its entry' },
    PROVIDER_DECLINED: { description: '一家提供单位不同意 / a provider declined its entry' },
    GRANTED: { description: '授权生效 / the authorization was granted' },
    NOT_GRANTED: { description: '未获授权 / nothing was confirmed: not granted' },
  },
});

/**
 * Where a granted authorization stands today: in force, not yet valid, paused while its operator
 * is suspended, or ended (its validity is over, or its operator's access ended: revoked, expired,
 * or not rectified by the deadline [D §28]).
 */
export const OPERATION_AUTHORIZATION_STANDINGS = ['IN_FORCE', 'NOT_YET_VALID', 'OPERATOR_SUSPENDED', 'ENDED', 'NOT_GRANTED'] as const;
export type OperationAuthorizationStanding = (typeof OPERATION_AUTHORIZATION_STANDINGS)[number];

export const OperationAuthorizationStandingEnum = defineEnum(OPERATION_AUTHORIZATION_STANDINGS, {
  name: 'OperationAuthorizationStanding',
  description: '授权的当前效力 / where an authorization stands today [D §10-11, D §28]',
  valuesConfig: {
    IN_FORCE: { description: '有效 / in force' },
    NOT_YET_VALID: { description: '尚未生效 / granted, not yet valid' },
    OPERATOR_SUSPENDED: { description: '运营主体被暂停，整改期间暂不可用 / paused: its operator is suspended pending rectification [D §28]' },
    ENDED: {
      description:
        '已终止：有效期届满，或运营主体被撤销、到期或逾期未整改 / ended: its validity is over, or its operator was revoked, expired or not rectified in time [D §11, D §28]',
    },
    NOT_GRANTED: { description: '未授权 / not granted' },
  },
});
