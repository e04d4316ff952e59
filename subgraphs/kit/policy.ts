import type { ProfileCode } from '../../schema/topology.js';

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
  operatorReReviewWorkingDays: number | null;
  providerConfirmationWorkingDays: number | null;
  operatorAgreementYears: number | null;
  negativeList: boolean;
  bulkCopyNeedsApproval: boolean;
  restrictedDownloadable: boolean;
}

type PartialPolicy = Partial<Policy>;

const COMMON_SHARE = { UNCONDITIONAL: '无条件共享', CONDITIONAL: '有条件共享', NOT_SHARED: '不予共享' };
const COMMON_OPEN = { UNCONDITIONAL: '无条件开放', RESTRICTED: '有条件开放', PROHIBITED: '不予开放' };

export const PROFILES: Record<ProfileCode, PartialPolicy> = {
  J: { shareCategoryNames: COMMON_SHARE, openCategoryNames: COMMON_OPEN },
  B: { shareCategoryNames: COMMON_SHARE, openCategoryNames: COMMON_OPEN, negativeList: true },
  D: { operatorReReviewWorkingDays: 5, providerConfirmationWorkingDays: 5, operatorAgreementYears: 3 },
  L: {
    shareCategoryNames: { UNCONDITIONAL: '无条件共享', CONDITIONAL: '受限共享', NOT_SHARED: '非共享' },
    wrongDataVerificationWorkingDays: 2,
    bulkCopyNeedsApproval: true,
  },
  Z: {
    openCategoryNames: { UNCONDITIONAL: '无条件开放', RESTRICTED: '受限开放', PROHIBITED: '禁止开放' },
    opinionHandlingWorkingDays: 10,
    restrictedDownloadable: false,
  },
};

const DEFAULTS: Policy = {
  shareCategoryNames: COMMON_SHARE,
  openCategoryNames: COMMON_OPEN,
  wrongDataVerificationWorkingDays: null,
  opinionHandlingWorkingDays: null,
  operatorReReviewWorkingDays: null,
  providerConfirmationWorkingDays: null,
  operatorAgreementYears: null,
  negativeList: false,
  // RESTRICTED data is never downloadable unless a profile says otherwise [Z §20].
  restrictedDownloadable: false,
  bulkCopyNeedsApproval: false,
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
