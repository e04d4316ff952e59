import { defineEnum } from '../kit/server/enums.js';

/**
 * What the authority decided and the database stores. PENDING and EXPIRED are not stored: they
 * follow from the agreement's term and today's date, so nothing has to run at midnight for an
 * agreement to start or end.
 */
export const STORED_OPERATOR_STATUSES = ['ACTIVE', 'SUSPENDED', 'REVOKED'] as const;
export type StoredOperatorStatus = (typeof STORED_OPERATOR_STATUSES)[number];

export const OPERATOR_STATUSES = ['PENDING', 'ACTIVE', 'SUSPENDED', 'REVOKED', 'EXPIRED'] as const;
export type OperatorStatus = (typeof OPERATOR_STATUSES)[number];

export const OperatorStatusEnum = defineEnum(OPERATOR_STATUSES, {
  name: 'OperatorStatus',
  description: '授权运营状态 / state of an operator authorization [D §10-11, D §28]',
  valuesConfig: {
    PENDING: { description: '协议已签订、授权期限尚未开始 / agreement signed, term not yet started' },
    ACTIVE: { description: '授权有效，可使用运营服务平台 / in force: the operator may use the operation platform' },
    SUSPENDED: { description: '因违规暂停平台使用权限，待整改 / platform access suspended for a violation, pending rectification [D §28]' },
    REVOKED: { description: '授权已撤回，协议解除，不再享有平台使用权限（终态）/ authorization withdrawn, agreement terminated, no platform access (final) [D §11]' },
    EXPIRED: { description: '授权期限届满，需依法重新选定 / term ended; the operator must be selected again [D §10]' },
  },
});
