import { defineEnum } from '../kit/server/enums.js';

/**
 * What the authority decided and the database stores. PENDING and EXPIRED are not stored: they
 * follow from the agreement's term and today's date, so nothing has to run at midnight for an
 * agreement to start or end.
 */
export const STORED_OPERATOR_STATUSES = ['ACTIVE', 'SUSPENDED', 'REVOKED'] as const;
export type StoredOperatorStatus = (typeof STORED_OPERATOR_STATUSES)[number];

export const OPERATOR_STATUSES = ['PENDING', 'ACTIVE', 'SUSPENDED', 'TERMINATED', 'REVOKED', 'EXPIRED'] as const;
export type OperatorStatus = (typeof OPERATOR_STATUSES)[number];

export const OperatorStatusEnum = defineEnum(OPERATOR_STATUSES, {
  name: 'OperatorStatus',
  description: '授权运营状态 / state of an operator authorization [D §10-11, D §28]',
  valuesConfig: {
    PENDING: { description: '协议已签订、授权期限尚未开始 / agreement signed, term not yet started' },
    ACTIVE: { description: '授权有效，可使用运营服务平台 / in force: the operator may use the operation platform' },
    SUSPENDED: { description: '因违规暂停平台使用权限，待整改 / platform access suspended for a violation, pending rectification [D §28]' },
    TERMINATED: {
      description:
        '整改期限届满仍未恢复，授权已终止，不再享有平台使用权限（终态）/ not reinstated by its rectification deadline: the authorization has ended, no platform access (final) [D §28]',
    },
    REVOKED: { description: '授权已撤回，协议解除，不再享有平台使用权限（终态）/ authorization withdrawn, agreement terminated, no platform access (final) [D §11]' },
    EXPIRED: { description: '授权期限届满，需依法重新选定 / term ended; the operator must be selected again [D §10]' },
  },
});

/**
 * Who may be licensed [J §20]: a state-owned enterprise, selected by the statutory procedure, is
 * the rule; other enterprises and unincorporated organizations may take part, and the authority
 * records why it chose one.
 */
export const OPERATOR_KINDS = ['STATE_OWNED_ENTERPRISE', 'OTHER_ENTERPRISE', 'UNINCORPORATED_ORGANIZATION'] as const;
export type OperatorKind = (typeof OPERATOR_KINDS)[number];

export const OperatorKindEnum = defineEnum(OPERATOR_KINDS, {
  name: 'OperatorKind',
  description: '授权运营主体的类型 / kind of operator [J §20]',
  valuesConfig: {
    STATE_OWNED_ENTERPRISE: { description: '国有企业（默认）/ a state-owned enterprise (the default) [J §20]' },
    OTHER_ENTERPRISE: { description: '其他企业法人，须说明理由 / another enterprise legal person; the authority states why [J §20]' },
    UNINCORPORATED_ORGANIZATION: { description: '非法人组织，须说明理由 / an unincorporated organization; the authority states why [J §20]' },
  },
});

/** The violations for which the authority closes an operator's platform access at once [D §28 (一)-(四)]. */
export const OPERATOR_VIOLATIONS = ['MISUSE_OF_DATA', 'SECURITY_MEASURES_MISSING', 'PLATFORM_SECURITY_BREACH', 'OTHER_SERIOUS_BREACH'] as const;
export type OperatorViolation = (typeof OPERATOR_VIOLATIONS)[number];

export const OperatorViolationEnum = defineEnum(OPERATOR_VIOLATIONS, {
  name: 'OperatorViolation',
  description: '授权运营主体的违规情形 / violations of an operator [D §28]',
  valuesConfig: {
    MISUSE_OF_DATA: { description: '违规使用公共数据 / used public data against the rules [D §28 (一)]' },
    SECURITY_MEASURES_MISSING: {
      description:
        '未按照授权运营相关要求和数据安全承诺书采取安全保障措施 / did not take the security measures the authorization and its data security pledge require [D §28 (二)]',
    },
    PLATFORM_SECURITY_BREACH: { description: '严重违反公共数据平台安全管理规范 / seriously breached the security rules of the public data platform [D §28 (三)]' },
    OTHER_SERIOUS_BREACH: { description: '其他严重违反授权运营要求的情形 / another serious breach of the authorization [D §28 (四)]' },
  },
});
