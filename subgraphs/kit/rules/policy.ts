import type { ProfileCode } from '../../../schema/topology.js';

/**
 * Policy profiles (DOMAIN.md, end): where the regulations differ, the difference is a parameter.
 * A node follows one or more profiles; later ones fill what earlier ones leave unset, so a Lishui
 * node listed as ["L", "Z"] also follows Zhejiang.
 */
export interface Policy {
  shareCategoryNames: Record<'UNCONDITIONAL' | 'CONDITIONAL' | 'NOT_SHARED', string>;
  openCategoryNames: Record<'UNCONDITIONAL' | 'RESTRICTED' | 'PROHIBITED', string>;
  wrongDataVerificationWorkingDays: number | null;
  opinionHandlingWorkingDays: number | null;
  /** Deadline for an agency to handle a data subject's objection (CAT-10); always set, see DEFAULT_OBJECTION_HANDLING. */
  objectionHandling: WorkingDayRule;
  operatorReReviewWorkingDays: number | null;
  providerConfirmationWorkingDays: number | null;
  operatorAgreementYears: number | null;
  /** The operators' periodic and annual reports (OPR-7); null: this platform's policy owes none. */
  operatorReporting: OperatorReportingRule | null;
  negativeList: boolean;
  bulkCopyNeedsApproval: boolean;
  restrictedDownloadable: boolean;
  /** When an aggregate's result may leave the platform ("usable but invisible", OPR-4, OPN-2 MODEL). */
  aggregateRelease: AggregateReleaseRule;
}

// ---------------------------------------------------------------- aggregate release (issue 19, item 4)

/**
 * How small a group of an aggregate may be and still be released, and how many groups one run
 * may produce. D §15 and D §17 require that operators use data "usable but invisible" and take out
 * only results that identify no one, Z §20 that a MODEL's results be reviewed before they leave the
 * platform; none of the five regulations sets a number, so the platform default applies under
 * every profile and `basis` says so. A group is suppressed after the city-wide merge, never on one
 * node: a group small in each district may be large in the city.
 */
export interface AggregateReleaseRule {
  minGroupSize: number;
  maxGroups: number;
  profile: ProfileCode | null;
  basis: string;
}

export const DEFAULT_AGGREGATE_RELEASE: AggregateReleaseRule = {
  minGroupSize: 10,
  maxGroups: 1000,
  profile: null,
  basis:
    '默认：D §15、D §17 要求“可用不可见”、结果不得识别特定个人，Z §20 要求模型结果经审查后方可带离平台，均未规定最小分组人数；本平台取每组至少10条记录、每次至多1000组 / default: D §15 and D §17 require data to be usable but invisible and results to identify no one, Z §20 that MODEL results be reviewed before leaving the platform; none sets a minimum group size, so here a group needs at least 10 records and a run yields at most 1,000 groups',
};

/**
 * A deadline together with where it comes from, so a record can show the rule it was given: the
 * profile whose regulation sets the number (null for the platform default) and the article.
 */
export interface WorkingDayRule {
  workingDays: number;
  profile: ProfileCode | null;
  basis: string;
}

/**
 * When an operator's reports are owed [D §20]: a periodic report for every `periodMonths` of its
 * agreement's term and an annual one for every agreement year, each due a number of working days
 * after its period ends; `basis` says where the numbers come from.
 */
export interface OperatorReportingRule {
  periodMonths: number;
  periodicDueWorkingDays: number;
  annualDueWorkingDays: number;
  profile: ProfileCode | null;
  basis: string;
}

type PartialPolicy = Partial<Policy>;

/**
 * B §11 gives data subjects the right to object and requires the agency to handle it 及时
 * (promptly) without a number; J and D are silent. The only deadline the five regulations set for
 * the public's complaints about wrong or missing data is Z §21's 10 working days, so that is the
 * default. L §13's 2 working days binds Lishui, whose data centre platform runs a quick-verification
 * mechanism for it; elsewhere it would be too short for an objection that needs an investigation
 * of secrets or privacy.
 */
export const DEFAULT_OBJECTION_HANDLING: WorkingDayRule = {
  workingDays: 10,
  profile: null,
  basis: '默认：B §11 要求“及时处理”未定天数，参照 Z §21 取10个工作日 / default: B §11 says "promptly" without a number; 10 working days as in Z §21',
};

const COMMON_SHARE = { UNCONDITIONAL: '无条件共享', CONDITIONAL: '有条件共享', NOT_SHARED: '不予共享' };
const COMMON_OPEN = { UNCONDITIONAL: '无条件开放', RESTRICTED: '有条件开放', PROHIBITED: '不予开放' };

export const PROFILES: Record<ProfileCode, PartialPolicy> = {
  J: { shareCategoryNames: COMMON_SHARE, openCategoryNames: COMMON_OPEN },
  B: { shareCategoryNames: COMMON_SHARE, openCategoryNames: COMMON_OPEN, negativeList: true },
  D: {
    operatorReReviewWorkingDays: 5,
    providerConfirmationWorkingDays: 5,
    operatorAgreementYears: 3,
    // D §20 asks for periodic (定期) and annual reports and names no period or due date.
    operatorReporting: {
      periodMonths: 3,
      periodicDueWorkingDays: 10,
      annualDueWorkingDays: 20,
      profile: 'D',
      basis:
        'D §20 要求定期报告和年度报告，未规定周期：本平台按季度（授权期限内每3个月）定期报告，期满后10个工作日内提交；年度报告按协议年度，期满后20个工作日内提交 / D §20 asks for periodic and annual reports without a period: here a periodic report for every 3 months of the term, due 10 working days after the quarter, and an annual report for every agreement year, due 20 working days after it',
    },
  },
  L: {
    shareCategoryNames: { UNCONDITIONAL: '无条件共享', CONDITIONAL: '受限共享', NOT_SHARED: '非共享' },
    wrongDataVerificationWorkingDays: 2,
    // An objection that data is wrong is a report of doubtful data: the quick-verification rule applies.
    objectionHandling: { workingDays: 2, profile: 'L', basis: 'L §13：数据提供部门2个工作日内完成校核 / L §13: the provider verifies within 2 working days' },
    bulkCopyNeedsApproval: true,
  },
  Z: {
    openCategoryNames: { UNCONDITIONAL: '无条件开放', RESTRICTED: '受限开放', PROHIBITED: '禁止开放' },
    opinionHandlingWorkingDays: 10,
    objectionHandling: { workingDays: 10, profile: 'Z', basis: 'Z §21：意见建议10个工作日内处理完毕 / Z §21: opinions on errors and omissions are handled within 10 working days' },
    restrictedDownloadable: false,
  },
};

const DEFAULTS: Policy = {
  shareCategoryNames: COMMON_SHARE,
  openCategoryNames: COMMON_OPEN,
  wrongDataVerificationWorkingDays: null,
  opinionHandlingWorkingDays: null,
  objectionHandling: DEFAULT_OBJECTION_HANDLING,
  operatorReReviewWorkingDays: null,
  providerConfirmationWorkingDays: null,
  operatorAgreementYears: null,
  operatorReporting: null,
  negativeList: false,
  // RESTRICTED data is never downloadable unless a profile says otherwise [Z §20].
  restrictedDownloadable: false,
  bulkCopyNeedsApproval: false,
  aggregateRelease: DEFAULT_AGGREGATE_RELEASE,
};

export function resolvePolicy(profiles: ProfileCode[]): Policy {
  const result: PartialPolicy = {};
  for (const code of profiles) {
    for (const [k, v] of Object.entries(PROFILES[code]) as [keyof Policy, never][]) {
      if (result[k] === undefined) result[k] = v;
    }
  }
  return { ...DEFAULTS, ...result };
}
