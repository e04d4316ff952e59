import type { OpenAccessMethod, OpenDatasetAccessLevel, OpenDatasetStatus } from './enums.js';

/**
 * What each access method of a dataset offers, and whether a user may use it now [OPN-2, Z §20,
 * Z §27, B §32]: pure rules, so the offers shown and the check the data plane calls agree.
 */

/**
 * Z §27's grounds for free opening: all UNCONDITIONAL data (一); RESTRICTED data obtained by the
 * person or unit it is about (二), or by a third party they authorized (三); and data national or
 * provincial rules make free (四).
 */
export const OPEN_FREE_GROUNDS = ['UNCONDITIONAL_DATA', 'OWN_DATA', 'AUTHORIZED_BY_SUBJECT', 'STATUTORY'] as const;
export type OpenFreeGround = (typeof OPEN_FREE_GROUNDS)[number];

export interface Offer {
  method: OpenAccessMethod;
  /** Free for everyone [Z §27 (一)]. */
  free: boolean;
  /** The Z §27 grounds on which this offer is free. */
  freeFor: OpenFreeGround[];
  /** RESTRICTED data is used under an agreement [Z §15-17]. */
  agreementRequired: boolean;
  /** A MODEL's result leaves the platform only once reviewed [Z §20, Z §13]. */
  resultReview: boolean;
}

type Offered = { openAttribute: OpenDatasetAccessLevel; accessMethods: OpenAccessMethod[] };

export function offersOf(d: Offered): Offer[] {
  const unconditional = d.openAttribute === 'UNCONDITIONAL';
  return d.accessMethods.map((method) => ({
    method,
    free: unconditional,
    freeFor: unconditional ? ['UNCONDITIONAL_DATA'] : ['OWN_DATA', 'AUTHORIZED_BY_SUBJECT', 'STATUTORY'],
    agreementRequired: !unconditional,
    resultReview: method === 'MODEL',
  }));
}

export const OPEN_ACCESS_DECISIONS = [
  'ALLOWED',
  'NOT_OPEN',
  'METHOD_NOT_OFFERED',
  'DOWNLOAD_OF_RESTRICTED',
  'NO_AGREEMENT',
  'AGREEMENT_SUSPENDED',
  'AGREEMENT_TERMINATED',
] as const;
export type OpenAccessDecision = (typeof OPEN_ACCESS_DECISIONS)[number];

export interface AccessJudgement {
  allowed: boolean;
  decision: OpenAccessDecision;
  message: string;
  offer: Offer | null;
  /** The agreement in force that allows RESTRICTED use [Z §17]. */
  agreementId: string | null;
}

const refused = (decision: OpenAccessDecision, message: string, offer: Offer | null = null): AccessJudgement => ({
  allowed: false,
  decision,
  message,
  offer,
  agreementId: null,
});

/**
 * The user's agreement on the dataset that decides a check: one in force, or else one whose access
 * was suspended or terminated for a violation [Z §39] (sanction.rules.ts `decidingAgreement`).
 */
export interface DecidingAgreement {
  id: string;
  /** Absent: in force. */
  standing?: 'IN_FORCE' | 'SUSPENDED' | 'TERMINATED';
}

/**
 * May a user use `method` on the dataset now? A dataset the caller may not see answers as one not
 * open, so the answer tells nothing of it. RESTRICTED data needs an agreement in force on the
 * dataset held by the user (`agreement`: the caller looks it up, application.rules.ts `inForce`);
 * one suspended or terminated under Z §39 refuses, saying so.
 */
export function judgeAccess(d: (Offered & { status: OpenDatasetStatus }) | null, method: OpenAccessMethod, agreement: DecidingAgreement | null = null): AccessJudgement {
  if (d?.status !== 'OPEN') return refused('NOT_OPEN', '数据集不存在或未开放 / the dataset does not exist or is not open [Z §10, Z §35]');
  const offer = offersOf(d).find((o) => o.method === method) ?? null;
  if (!offer) {
    if (method === 'DOWNLOAD' && d.openAttribute === 'RESTRICTED') {
      return refused('DOWNLOAD_OF_RESTRICTED', '受限开放数据不得下载，请改用 API 或 MODEL / RESTRICTED data is never downloaded: use API or MODEL [OPN-2, Z §20]');
    }
    return refused('METHOD_NOT_OFFERED', `该数据集不以 ${method} 方式开放 / the dataset is not offered by ${method} [Z §20, B §32]`);
  }
  if (offer.agreementRequired && agreement?.standing === 'SUSPENDED') {
    return refused(
      'AGREEMENT_SUSPENDED',
      `该用户获取此数据的权限已因违规暂时关闭（协议 ${agreement.id}），整改并经开放主体恢复后方可使用 / the user's access to this data is suspended for a violation (agreement ${agreement.id}) until it rectifies and the opening agency restores it [Z §39]`,
      offer,
    );
  }
  if (offer.agreementRequired && agreement?.standing === 'TERMINATED') {
    return refused(
      'AGREEMENT_TERMINATED',
      `该用户逾期未整改，此数据的开放服务已终止（协议 ${agreement.id}）/ the user did not rectify by the deadline: the service of this data to it is terminated (agreement ${agreement.id}) [Z §39]`,
      offer,
    );
  }
  if (offer.agreementRequired && agreement) {
    return {
      allowed: true,
      decision: 'ALLOWED',
      message: '受限开放数据：该用户持有期限内有效的开放利用协议 / RESTRICTED data: the user holds an agreement in force on it [Z §17]',
      offer,
      agreementId: agreement.id,
    };
  }
  if (offer.agreementRequired) {
    return refused(
      'NO_AGREEMENT',
      '受限开放数据须经申请并签署开放利用协议后使用；该用户没有有效协议 / RESTRICTED data is used under an agreement after an approved application; the user holds none [Z §15-17]',
      offer,
    );
  }
  return { allowed: true, decision: 'ALLOWED', message: '无条件开放，免费 / unconditionally open, free of charge [Z §27]', offer, agreementId: null };
}
