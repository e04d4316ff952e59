import { defineEnum } from '../kit/server/enums.js';

/** The sharing subgraph's own enums; `ShareMode`, which the catalog declares too, is the kit's (kit/server/enums.ts). */
export const SHARE_REQUEST_STATUSES = ['PENDING', 'GRANTED', 'REJECTED', 'SUSPENDED', 'REVOKED'] as const;
export type ShareRequestStatus = (typeof SHARE_REQUEST_STATUSES)[number];

/** Which rule decided (or is to decide) a request; stored with it so every decision can be traced to its article. */
export const SHARE_DECISION_RULES = [
  'UNCONDITIONAL_AUTO_GRANT',
  'GRADE_REQUIRES_AUTHORITY',
  'MODE_REQUIRES_AUTHORITY',
  'CONDITIONAL_PROVIDER_DECISION',
  'NEGATIVE_LIST_PROVIDER_DECISION',
  'AUTHORITY_COORDINATION',
  'NOT_SHARED_COORDINATION',
  'CROSS_REGION_COORDINATION',
] as const;
export type ShareDecisionRule = (typeof SHARE_DECISION_RULES)[number];

export const ShareRequestStatusEnum = defineEnum(SHARE_REQUEST_STATUSES, {
  name: 'ShareRequestStatus',
  description: '共享申请状态 / status of a share request [SHR-2, B §27]',
  valuesConfig: {
    PENDING: { description: '待审核 / waiting for the provider (or the authority) to decide' },
    GRANTED: { description: '已授权 / granted: the requester may use the approved items until the end date' },
    REJECTED: { description: '已驳回 / rejected, with the reason' },
    SUSPENDED: {
      description:
        '已暂停：提供部门或数据主管部门责令整改，或目录条目被停用、改为不予共享、定级提升，见 suspensionReason / suspended: by the provider or the authority with a rectification demand, or because its catalog entry was retired, made NOT_SHARED or graded higher (see suspensionReason) [SHR-5, SHR-10, B §26, B §49]',
    },
    REVOKED: {
      description: '已撤销：授权被提供部门或数据主管部门终止，见 revocationReason / revoked by the provider or the authority, for good (see revocationReason) [SHR-5, B §49]',
    },
  },
});

export const ShareDecisionRuleEnum = defineEnum(SHARE_DECISION_RULES, {
  name: 'ShareDecisionRule',
  description: '共享申请适用的决定规则 / the rule that decided a share request, or decides it while it is pending [SHR-2, CAT-4]',
  valuesConfig: {
    UNCONDITIONAL_AUTO_GRANT: {
      description: '一般数据、无条件共享、接口方式：自动授权 [B §27, J §17] / GENERAL data, UNCONDITIONAL share, API mode: granted automatically [B §27, J §17]',
    },
    GRADE_REQUIRES_AUTHORITY: {
      description:
        '核心数据、重要数据：无论共享属性如何，须经数据主管部门审批 [J §7, B §10, Z §9] / CORE and IMPORTANT data: only the data authority decides, whatever the share attribute [J §7, B §10, Z §9]',
    },
    MODE_REQUIRES_AUTHORITY: {
      description: '批量复制或离线共享：须经数据主管部门批准 [L §17, J §17] / bulk copy or offline sharing: only the data authority decides [L §17, J §17]',
    },
    CONDITIONAL_PROVIDER_DECISION: {
      description: '有条件共享：由提供部门审核 [B §27, J §17] / CONDITIONAL share: the providing agency decides [B §27, J §17]',
    },
    NEGATIVE_LIST_PROVIDER_DECISION: {
      description:
        "申请含提供部门负面清单所列信息项：不自动授权，由提供部门审核，可提请数据主管部门协调 [B §24, B §27] / the request names items on the provider's negative list: never granted automatically; the provider decides, or the authority when escalated [B §24, B §27]",
    },
    AUTHORITY_COORDINATION: {
      description: '有条件共享的申请由数据主管部门协调决定 [B §27, B §29] / a CONDITIONAL request decided by the data authority in its coordinating role [B §27, B §29]',
    },
    NOT_SHARED_COORDINATION: {
      description:
        '不予共享的数据经申请部门提请，由数据主管部门协调决定，批准须记录理由 [B §27, J §17] / NOT_SHARED data escalated by the requester: only the data authority decides, and a grant records its reason [B §27, J §17]',
    },
    CROSS_REGION_COORDINATION: {
      description:
        '跨层级、跨区域的申请由市级数据主管部门协调决定 [B §29] / a request from another platform decided by the city data authority coordinating across levels and regions [B §29]',
    },
  },
});

/** The three violations of B §49 for which a user organization's access is suspended. */
export const SANCTION_VIOLATIONS = ['NO_SECURITY_MEASURES', 'SERIOUS_BREACH', 'BEYOND_SCOPE'] as const;
export type SanctionViolation = (typeof SANCTION_VIOLATIONS)[number];
export const SanctionViolationEnum = defineEnum(SANCTION_VIOLATIONS, {
  name: 'SanctionViolation',
  description: '暂停共享权限的违规情形 / the violation a sanction answers [SHR-10, B §49]',
  valuesConfig: {
    NO_SECURITY_MEASURES: { description: '未落实法定或者约定的公共数据安全保障措施 [B §49(一)] / legal or agreed security measures not in place [B §49(1)]' },
    SERIOUS_BREACH: { description: '严重违反公共数据相关安全管理规范 [B §49(二)] / serious breach of the data security rules [B §49(2)]' },
    BEYOND_SCOPE: { description: '未经同意超出约定范围使用公共数据 [B §49(三)] / use beyond the agreed scope without consent [B §49(3)]' },
  },
});

/** Where a sanction stands, computed from its deadline and whether it was lifted: no job moves it. */
export const SANCTION_STATUSES = ['IN_FORCE', 'TERMINATED', 'LIFTED'] as const;
export type SanctionStatus = (typeof SANCTION_STATUSES)[number];
export const SanctionStatusEnum = defineEnum(SANCTION_STATUSES, {
  name: 'SanctionStatus',
  description: '处置状态（按整改期限计算）/ status of a sanction, computed from its deadline [SHR-10, B §49]',
  valuesConfig: {
    IN_FORCE: { description: '暂停中，整改期限未过 / access suspended, the rectification deadline not yet passed' },
    TERMINATED: { description: '逾期未整改，终止提供共享数据服务 / not rectified by the deadline: data service terminated [B §49]' },
    LIFTED: { description: '整改后已恢复 / lifted after rectification' },
  },
});

/** Where a grant stands today, computed from its row, its end date and its holder's sanctions. */
export const GRANT_STATES = ['ACTIVE', 'EXPIRED', 'SUSPENDED', 'REVOKED', 'SANCTIONED', 'TERMINATED'] as const;
export type GrantState = (typeof GRANT_STATES)[number];
export const GrantStateEnum = defineEnum(GRANT_STATES, {
  name: 'GrantState',
  description: "授权当前状态（按日期和处置计算）/ a grant's state today, computed from its end date and its holder's sanctions [SHR-5, SHR-10]",
  valuesConfig: {
    ACTIVE: { description: '有效 / in force' },
    EXPIRED: { description: '已过截止日期，自动失效 / past its end date: lapsed by itself [B §28]' },
    SUSPENDED: { description: '已暂停 / suspended (see suspensionReason, rectificationDeadline) [B §49]' },
    REVOKED: { description: '已撤销 / revoked' },
    SANCTIONED: { description: "使用部门被暂停共享权限 / the holder's access is suspended by a sanction [B §49]" },
    TERMINATED: { description: '使用部门逾期未整改，终止服务 / the holder did not rectify in time: service terminated [B §49]' },
  },
});

/** Why the grant check said no. */
export const GRANT_DENIALS = ['NO_GRANT', 'SCENARIO_NOT_GRANTED', 'ITEMS_NOT_GRANTED', 'EXPIRED', 'SUSPENDED', 'REVOKED', 'SANCTIONED', 'TERMINATED'] as const;
export type GrantDenial = (typeof GRANT_DENIALS)[number];
export const GrantDenialEnum = defineEnum(GRANT_DENIALS, {
  name: 'GrantDenial',
  description: '授权核验不通过的原因 / why the grant check refused [SHR-5, SHR-10, B §26, B §49]',
  valuesConfig: {
    NO_GRANT: { description: '没有该条目的授权 / no grant for this entry' },
    SCENARIO_NOT_GRANTED: { description: '授权不含该应用场景，专事专用 [B §26] / no grant for this scenario: data is used only for the scenario granted [B §26]' },
    ITEMS_NOT_GRANTED: { description: '授权不含所列信息项 [B §28] / items outside the grant [B §28]' },
    EXPIRED: { description: '授权已过截止日期 / the grant passed its end date' },
    SUSPENDED: { description: '授权已暂停 / the grant is suspended [B §49]' },
    REVOKED: { description: '授权已撤销 / the grant was revoked' },
    SANCTIONED: { description: "使用部门被暂停共享权限 [B §49] / the organization's access is suspended [B §49]" },
    TERMINATED: { description: '使用部门逾期未整改，已终止服务 [B §49] / the organization did not rectify in time: service terminated [B §49]' },
  },
});

/** In which capacity someone suspended or revoked a grant: whoever suspends as the authority is lifted only by the authority [B §49]. */
export const GRANT_ACTOR_ROLES = ['PROVIDER', 'AUTHORITY', 'SYSTEM'] as const;
export type GrantActorRole = (typeof GRANT_ACTOR_ROLES)[number];
export const GrantActorRoleEnum = defineEnum(GRANT_ACTOR_ROLES, {
  name: 'GrantActorRole',
  description: '暂停或撤销授权者的身份 / in which capacity a grant was suspended or revoked [SHR-5, B §49]',
  valuesConfig: {
    PROVIDER: { description: '提供部门 / the providing agency' },
    AUTHORITY: { description: '数据主管部门：只有数据主管部门可以恢复 / the data authority: only the authority reinstates it' },
    SYSTEM: { description: '系统（目录条目变更引起）/ the system, after a change of the catalog entry' },
  },
});

/** Where a negative-list line comes from: the provider's own, or the catalog's NOT_SHARED attribute (one truth under profile B). */
export const NEGATIVE_LIST_SOURCES = ['PROVIDER', 'CATALOG'] as const;
export type NegativeListSource = (typeof NEGATIVE_LIST_SOURCES)[number];
export const NegativeListSourceEnum = defineEnum(NEGATIVE_LIST_SOURCES, {
  name: 'NegativeListSource',
  description: '负面清单条目的来源 / where a negative-list line comes from [SHR-3, B §24]',
  valuesConfig: {
    PROVIDER: { description: '提供部门列入（条目中部分信息项不予共享）/ listed by the provider (some items of a shared entry are not shared)' },
    CATALOG: {
      description:
        '目录条目的共享属性为不予共享：清单条目随目录条目变化，须通过目录修订更改 / the catalog entry is NOT_SHARED: the line follows the entry and changes only through a catalog revision',
    },
  },
});

/** What a recorded violation of the sharing rules is. */
export const SHARE_VIOLATION_KINDS = ['UNLISTED_REJECTION'] as const;
export type ShareViolationKind = (typeof SHARE_VIOLATION_KINDS)[number];
export const ShareViolationKindEnum = defineEnum(SHARE_VIOLATION_KINDS, {
  name: 'ShareViolationKind',
  description: '违规记录的类型 / the kind of a recorded sharing violation [SHR-3, L §34]',
  valuesConfig: {
    UNLISTED_REJECTION: { description: '驳回共享负面清单外的数据 [B §24, L §34] / a rejection of data not on the negative list [B §24, L §34]' },
  },
});

/** Which side of a request the caller's organization is on. */
export const SHARE_REQUEST_SIDES = ['MADE', 'RECEIVED'] as const;
export type ShareRequestSide = (typeof SHARE_REQUEST_SIDES)[number];
export const ShareRequestSideEnum = defineEnum(SHARE_REQUEST_SIDES, {
  name: 'ShareRequestSide',
  description: "调用者所在部门在申请中的一方 / which side of a request the caller's organization is on",
  valuesConfig: {
    MADE: { description: '本部门提出的申请 / requests your organization made' },
    RECEIVED: { description: '本部门作为提供部门收到的申请 / requests your organization received as provider' },
  },
});
