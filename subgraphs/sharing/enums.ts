import { registerEnumType } from 'type-graphql';
import { enumObject } from '../../schema/enums.js';

/**
 * The sharing subgraph's own enums. The catalog already owns `ShareMode` (the mode a provider
 * offers); a request names the mode it asks for with its own type so the two subgraphs never
 * have to agree on one definition.
 */
export const SHARE_DELIVERY_MODES = ['API', 'BULK_COPY', 'OFFLINE'] as const;
export type ShareDeliveryMode = (typeof SHARE_DELIVERY_MODES)[number];

export const SHARE_REQUEST_STATUSES = ['PENDING', 'GRANTED', 'REJECTED', 'SUSPENDED'] as const;
export type ShareRequestStatus = (typeof SHARE_REQUEST_STATUSES)[number];

/** Which rule decided (or is to decide) a request; stored with it so every decision can be traced to its article. */
export const SHARE_DECISION_RULES = [
  'UNCONDITIONAL_AUTO_GRANT', 'GRADE_REQUIRES_AUTHORITY', 'MODE_REQUIRES_AUTHORITY', 'CONDITIONAL_PROVIDER_DECISION', 'AUTHORITY_COORDINATION',
] as const;
export type ShareDecisionRule = (typeof SHARE_DECISION_RULES)[number];

export const ShareDeliveryModeEnum = enumObject(SHARE_DELIVERY_MODES);
export const ShareDecisionRuleEnum = enumObject(SHARE_DECISION_RULES);
export const ShareRequestStatusEnum = enumObject(SHARE_REQUEST_STATUSES);

registerEnumType(ShareDeliveryModeEnum, {
  name: 'ShareDeliveryMode',
  description: '申请的共享方式 / the share mode a request asks for [SHR-6, L §17, J §17, B §27]',
  valuesConfig: {
    API: { description: '接口调用（默认）/ request-response API calls (the default)' },
    BULK_COPY: { description: '批量复制，须经数据主管部门批准 / bulk copy: needs the data authority\'s approval' },
    OFFLINE: { description: '离线共享，仅在线方式不可行时，须经数据主管部门同意 / offline, only where online is impossible, with the authority\'s consent' },
  },
});

registerEnumType(ShareRequestStatusEnum, {
  name: 'ShareRequestStatus',
  description: '共享申请状态 / status of a share request [SHR-2, B §27]',
  valuesConfig: {
    PENDING: { description: '待审核 / waiting for the provider (or the authority) to decide' },
    GRANTED: { description: '已授权 / granted: the requester may use the approved items until the end date' },
    REJECTED: { description: '已驳回 / rejected, with the reason' },
    SUSPENDED: { description: '已暂停：授权后目录条目被停用、改为不予共享或定级提升，见 suspensionReason / suspended: after the grant, its catalog entry was retired, made NOT_SHARED or graded higher (see suspensionReason) [SHR-5, SHR-10, B §26, B §49]' },
  },
});

registerEnumType(ShareDecisionRuleEnum, {
  name: 'ShareDecisionRule',
  description: '共享申请适用的决定规则 / the rule that decided a share request, or decides it while it is pending [SHR-2, CAT-4]',
  valuesConfig: {
    UNCONDITIONAL_AUTO_GRANT: {
      description: '一般数据、无条件共享、接口方式：自动授权 [B §27, J §17] / GENERAL data, UNCONDITIONAL share, API mode: granted automatically [B §27, J §17]',
    },
    GRADE_REQUIRES_AUTHORITY: {
      description: '核心数据、重要数据：无论共享属性如何，须经数据主管部门审批 [J §7, B §10, Z §9] / CORE and IMPORTANT data: only the data authority decides, whatever the share attribute [J §7, B §10, Z §9]',
    },
    MODE_REQUIRES_AUTHORITY: {
      description: '批量复制或离线共享：须经数据主管部门批准 [L §17, J §17] / bulk copy or offline sharing: only the data authority decides [L §17, J §17]',
    },
    CONDITIONAL_PROVIDER_DECISION: {
      description: '有条件共享：由提供部门审核 [B §27, J §17] / CONDITIONAL share: the providing agency decides [B §27, J §17]',
    },
    AUTHORITY_COORDINATION: {
      description: '有条件共享的申请由数据主管部门协调决定 [B §27, B §29] / a CONDITIONAL request decided by the data authority in its coordinating role [B §27, B §29]',
    },
  },
});
