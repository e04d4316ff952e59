import { ACCESS_METHODS } from '../../schema/enums.js';
import { defineEnum } from '../kit/server/enums.js';

/**
 * The opening subgraph's own enums. Names are prefixed (`Open…`) so that the composed schema never
 * sees two definitions of one name: the catalog owns `OpenAttribute`, the operation subgraph its
 * own priority domains [D §7].
 */

/** Open attribute as copied from the catalog when the dataset is published; PROHIBITED never gets here [OPN-1, Z §12]. */
export const OPEN_DATASET_ACCESS_LEVELS = ['UNCONDITIONAL', 'RESTRICTED'] as const;
export type OpenDatasetAccessLevel = (typeof OPEN_DATASET_ACCESS_LEVELS)[number];

export type OpenAccessMethod = (typeof ACCESS_METHODS)[number];

export const OPEN_DATASET_STATUSES = ['PROPOSED', 'RETURNED', 'OPEN', 'SUSPENDED', 'WITHDRAWN'] as const;
export type OpenDatasetStatus = (typeof OPEN_DATASET_STATUSES)[number];

/** What an agency proposes for the open catalog; each takes effect only when the authority approves [B §31]. */
export const OPEN_PROPOSAL_KINDS = ['OPEN', 'CHANGE', 'WITHDRAW', 'REOPEN'] as const;
export type OpenProposalKind = (typeof OPEN_PROPOSAL_KINDS)[number];

export const OPEN_PROPOSAL_STATUSES = ['SUBMITTED', 'RETURNED'] as const;
export type OpenProposalStatus = (typeof OPEN_PROPOSAL_STATUSES)[number];

/** Z §7 lists the domains to open first; `OTHER` is its clause (四). */
export const OPEN_PRIORITY_DOMAINS = [
  'PUBLIC_SAFETY',
  'HEALTH',
  'URBAN_GOVERNANCE',
  'SOCIAL_GOVERNANCE',
  'LIVELIHOOD',
  'NATURAL_RESOURCES',
  'ENVIRONMENT',
  'TRANSPORT',
  'WEATHER',
  'LICENCES',
  'ENTERPRISE_CREDIT',
  'OTHER',
] as const;
export type OpenPriorityDomain = (typeof OPEN_PRIORITY_DOMAINS)[number];

export const OpenDatasetAccessLevelEnum = defineEnum(OPEN_DATASET_ACCESS_LEVELS, {
  name: 'OpenDatasetAccessLevel',
  description: '开放数据集的开放属性（发布时从目录复制）/ open attribute of a dataset, copied from the catalog when it is published [Z §12, B §30]',
  valuesConfig: {
    UNCONDITIONAL: { description: '无条件开放：任何人可获取，免费 / open to everyone, free of charge [Z §27]' },
    RESTRICTED: { description: '受限（有条件）开放：经申请并签署协议后获取，不得下载 / for approved applicants under an agreement; never by download [Z §15-17, Z §20]' },
  },
});
export const OpenAccessMethodEnum = defineEnum(ACCESS_METHODS, {
  name: 'OpenAccessMethod',
  description: '开放方式 / how the public obtains the data [Z §20, B §32]',
  valuesConfig: {
    DOWNLOAD: { description: '数据下载（受限开放数据不得下载）/ file download (not for RESTRICTED data)' },
    API: { description: '接口调用 / API calls' },
    MODEL: { description: '算法模型：在平台内运行，只有经审查的结果数据离开平台 / an algorithm runs on the platform; only its reviewed result leaves' },
  },
});
export const OpenDatasetStatusEnum = defineEnum(OPEN_DATASET_STATUSES, {
  name: 'OpenDatasetStatus',
  description: '开放数据集状态 / status of an open dataset [Z §35]',
  valuesConfig: {
    PROPOSED: { description: '已提出，待数据主管部门审核，尚未进入开放目录 / proposed by its agency, awaiting the data authority; not yet in the open catalog [B §31]' },
    RETURNED: { description: '提议被退回，未进入开放目录；开放主体可修改后重新提出 / the proposal was returned; the agency may propose again [B §31]' },
    OPEN: { description: '开放中 / open to the public' },
    SUSPENDED: {
      description:
        '已暂停（如因侵权投诉，或目录条目停用、改为不予开放、定级为重要或核心数据）/ suspended, e.g. after a privacy or trade-secret complaint, or because its catalog entry was retired, made PROHIBITED or graded IMPORTANT/CORE',
    },
    WITHDRAWN: { description: '已撤回 / withdrawn from the open catalog' },
  },
});
export const OpenPriorityDomainEnum = defineEnum(OPEN_PRIORITY_DOMAINS, {
  name: 'OpenPriorityDomain',
  description: '重点和优先开放领域 / priority domain for opening [Z §7]',
  valuesConfig: {
    PUBLIC_SAFETY: { description: '公共安全 / public safety' },
    HEALTH: { description: '公共卫生 / public health' },
    URBAN_GOVERNANCE: { description: '城市治理 / urban governance' },
    SOCIAL_GOVERNANCE: { description: '社会治理 / social governance' },
    LIVELIHOOD: { description: '民生保障 / livelihood and social protection' },
    NATURAL_RESOURCES: { description: '自然资源 / natural resources' },
    ENVIRONMENT: { description: '生态环境 / ecological environment' },
    TRANSPORT: { description: '交通出行 / transport' },
    WEATHER: { description: '气象 / weather' },
    LICENCES: { description: '行政许可 / administrative licences' },
    ENTERPRISE_CREDIT: { description: '企业公共信用信息 / enterprise public credit' },
    OTHER: { description: '其他需要重点和优先开放的数据 / other priority data' },
  },
});

export const OpenProposalKindEnum = defineEnum(OPEN_PROPOSAL_KINDS, {
  name: 'OpenProposalKind',
  description: '开放目录变更提议的类型 / what a proposal asks of the open catalog [B §31, Z §10-12]',
  valuesConfig: {
    OPEN: { description: '新增开放数据集 / add a dataset to the open catalog' },
    CHANGE: { description: '变更开放中的数据集（名称、说明、开放方式、重点领域）/ change an open dataset (title, description, access methods, priority domain)' },
    WITHDRAW: { description: '从开放目录撤回 / withdraw the dataset from the open catalog [Z §35]' },
    REOPEN: { description: '恢复开放已暂停或撤回的数据集 / reopen a suspended or withdrawn dataset [Z §35]' },
  },
});

export const OpenProposalStatusEnum = defineEnum(OPEN_PROPOSAL_STATUSES, {
  name: 'OpenProposalStatus',
  description: '提议的审核状态 / review status of a proposal [B §31]',
  valuesConfig: {
    SUBMITTED: { description: '待数据主管部门审核 / awaiting the data authority' },
    RETURNED: { description: '已退回，见审核意见 / returned with the review comment' },
  },
});

/** What a complaint says the opened data infringes [Z §35]; state secrets too, as the catalog's objections [B §11]. */
export const OPEN_COMPLAINT_INFRINGEMENTS = ['STATE_SECRET', 'TRADE_SECRET', 'PERSONAL_PRIVACY'] as const;
export type OpenComplaintInfringement = (typeof OPEN_COMPLAINT_INFRINGEMENTS)[number];

/** FILED (the dataset suspended at once) → VERIFIED → RESOLVED with an outcome [Z §35]. */
export const OPEN_COMPLAINT_STATUSES = ['FILED', 'VERIFIED', 'RESOLVED'] as const;
export type OpenComplaintStatus = (typeof OPEN_COMPLAINT_STATUSES)[number];

/** The three measures of Z §35 ¶2: 撤回数据、恢复开放、处理后再开放. */
export const OPEN_COMPLAINT_OUTCOMES = ['WITHDRAWN', 'RESTORED', 'PROCESSED'] as const;
export type OpenComplaintOutcome = (typeof OPEN_COMPLAINT_OUTCOMES)[number];

/** The steps a complainant sees on its receipt, in order. */
export const OPEN_COMPLAINT_STEPS = ['FILED', 'SUSPENDED', 'VERIFIED', ...OPEN_COMPLAINT_OUTCOMES] as const;
export type OpenComplaintStepKind = (typeof OPEN_COMPLAINT_STEPS)[number];

export const OpenComplaintInfringementEnum = defineEnum(OPEN_COMPLAINT_INFRINGEMENTS, {
  name: 'OpenComplaintInfringement',
  description: '投诉所称被侵犯的权益 / what the complaint says the opened data infringes [Z §35]',
  valuesConfig: {
    STATE_SECRET: { description: '国家秘密 / state secrets' },
    TRADE_SECRET: { description: '商业秘密 / trade secrets' },
    PERSONAL_PRIVACY: { description: '个人隐私 / personal privacy' },
  },
});

export const OpenComplaintStatusEnum = defineEnum(OPEN_COMPLAINT_STATUSES, {
  name: 'OpenComplaintStatus',
  description: '开放数据侵权投诉的处理状态 / where a complaint about opened data stands [OPN-6, Z §35]',
  valuesConfig: {
    FILED: { description: '已受理，数据集已中止开放，待核实 / filed; the dataset was suspended at once and awaits verification' },
    VERIFIED: { description: '已核实，待作出处理决定 / verified; a decision is pending' },
    RESOLVED: { description: '已处理（撤回、恢复开放或处理后再开放），见处理结果 / resolved: withdrawn, restored or processed and reopened; see the outcome' },
  },
});

export const OpenComplaintOutcomeEnum = defineEnum(OPEN_COMPLAINT_OUTCOMES, {
  name: 'OpenComplaintOutcome',
  description: '根据最终核实结果采取的措施 / the measure taken on the final verification [Z §35]',
  valuesConfig: {
    WITHDRAWN: { description: '撤回数据：数据集撤出开放目录 / the dataset is withdrawn from the open catalog' },
    RESTORED: { description: '恢复开放：投诉不成立，按原样重新开放 / the complaint is unfounded; the dataset reopens as it was' },
    PROCESSED: { description: '处理后再开放：脱敏等处理后重新开放 / the data was processed (e.g. desensitized) and the dataset reopens' },
  },
});

export const OpenComplaintStepKindEnum = defineEnum(OPEN_COMPLAINT_STEPS, {
  name: 'OpenComplaintStepKind',
  description: '投诉处理的步骤（投诉人可在回执上查看）/ a step of a complaint, shown on its receipt [Z §35]',
  valuesConfig: {
    FILED: { description: '收到投诉 / complaint received' },
    SUSPENDED: { description: '数据集已中止开放 / the dataset was suspended' },
    VERIFIED: { description: '已完成核实 / verification done' },
    WITHDRAWN: { description: '数据集已撤回 / the dataset was withdrawn' },
    RESTORED: { description: '数据集已恢复开放 / the dataset was reopened as it was' },
    PROCESSED: { description: '数据已处理并重新开放 / the data was processed and the dataset reopened' },
  },
});

/** Who brought a complaint: the public through the open portal, or a data subject's INFRINGING objection in the catalog [Z §35, B §11]. */
export const OPEN_COMPLAINT_SOURCES = ['PUBLIC', 'CATALOG_OBJECTION'] as const;
export type OpenComplaintSource = (typeof OPEN_COMPLAINT_SOURCES)[number];

export const OpenComplaintSourceEnum = defineEnum(OPEN_COMPLAINT_SOURCES, {
  name: 'OpenComplaintSource',
  description: '投诉来源 / where a complaint about opened data came from [Z §35]',
  valuesConfig: {
    PUBLIC: { description: '公众通过开放平台提出，凭回执查看 / filed by the public on the open portal, followed by its receipt' },
    CATALOG_OBJECTION: {
      description:
        '目录中的侵权数据异议转来：异议人在目录中跟踪其异议，见 objectionId / an INFRINGING objection in the catalog; the objector follows its objection there (see objectionId) [B §11]',
    },
  },
});

/** The four grounds of Z §21, in its order (一)–(四). */
export const OPEN_OPINION_KINDS = ['WRONG_OPEN_ATTRIBUTE', 'POOR_QUALITY', 'ERRORS_OR_OMISSIONS', 'UNLAWFUL_OPENING'] as const;
export type OpenOpinionKind = (typeof OPEN_OPINION_KINDS)[number];

/** OPEN until the opening agency answers; `OPEN` is the status the overdue rule reads (kit/rules/deadlines.ts). */
export const OPEN_OPINION_STATUSES = ['OPEN', 'ANSWERED'] as const;
export type OpenOpinionStatus = (typeof OPEN_OPINION_STATUSES)[number];

/**
 * How an opinion reached the opening agency: filed online by the filer, or received by the hotline,
 * by letter or in person and recorded by the agency's staff, whose deadline counts from receipt.
 */
export const OPEN_OPINION_CHANNELS = ['ONLINE', 'HOTLINE', 'LETTER', 'IN_PERSON'] as const;
export type OpenOpinionChannel = (typeof OPEN_OPINION_CHANNELS)[number];

export const OpenOpinionChannelEnum = defineEnum(OPEN_OPINION_CHANNELS, {
  name: 'OpenOpinionChannel',
  description: '意见建议的来源渠道 / how an opinion reached the opening agency [OPN-4, Z §21]',
  valuesConfig: {
    ONLINE: { description: '提出人在开放平台在线提出 / filed online by the filer on the open portal' },
    HOTLINE: { description: '经政务服务热线（如12345）转来，由开放主体录入 / received through the government service hotline (e.g. 12345) and recorded by the opening agency' },
    LETTER: { description: '来信，由开放主体录入 / received by letter and recorded by the opening agency' },
    IN_PERSON: { description: '当面提出，由开放主体录入 / given in person and recorded by the opening agency' },
  },
});

export const OpenOpinionKindEnum = defineEnum(OPEN_OPINION_KINDS, {
  name: 'OpenOpinionKind',
  description: '意见建议的情形 / the ground of an opinion on opened data [Z §21]',
  valuesConfig: {
    WRONG_OPEN_ATTRIBUTE: {
      description: '开放目录确定的开放属性不符合法律、法规、规章以及本办法规定 / the open attribute the open catalog gives is contrary to law or these rules [Z §21 (一)]',
    },
    POOR_QUALITY: { description: '开放的公共数据质量不符合国家和省有关规定 / the quality of the opened data falls short of national or provincial rules [Z §21 (二)]' },
    ERRORS_OR_OMISSIONS: { description: '开放的公共数据存在错误、遗漏 / the opened data has errors or omissions [Z §21 (三)]' },
    UNLAWFUL_OPENING: {
      description: '违反法律、法规、规章的规定或者双方的约定开放公共数据 / the data is opened against the law or against what the parties agreed [Z §21 (四)]',
    },
  },
});

export const OpenOpinionStatusEnum = defineEnum(OPEN_OPINION_STATUSES, {
  name: 'OpenOpinionStatus',
  description: '意见建议的处理状态 / where an opinion on opened data stands [OPN-4, Z §21]',
  valuesConfig: {
    OPEN: { description: '待开放主体处理（10个工作日内）/ awaiting the opening agency (within 10 working days)' },
    ANSWERED: { description: '已处理，见答复 / handled: see the answer' },
  },
});

/** A demand is OPEN until the agency answers it; `OPEN` is the status the overdue rule reads. */
export const OPEN_DEMAND_STATUSES = ['OPEN', 'ACCEPTED', 'DECLINED'] as const;
export type OpenDemandStatus = (typeof OPEN_DEMAND_STATUSES)[number];

export const OPEN_DEMAND_DECISIONS = ['ACCEPTED', 'DECLINED'] as const;
export type OpenDemandDecision = (typeof OPEN_DEMAND_DECISIONS)[number];

export const OpenDemandStatusEnum = defineEnum(OPEN_DEMAND_STATUSES, {
  name: 'OpenDemandStatus',
  description: '开放目录外数据需求的处理状态 / where a demand for data not yet open stands [OPN-5, Z §22, B §34]',
  valuesConfig: {
    OPEN: {
      description:
        '待评估答复（向区域提出的，先由数据主管部门指定机构）/ awaiting assessment and an answer (one addressed to a region first awaits the authority naming an agency)',
    },
    ACCEPTED: { description: '经评估同意开放，见关联的目录条目和开放数据集 / assessed and accepted: see the catalog entry and the open dataset that answer it' },
    DECLINED: { description: '经评估不予开放，见答复中的理由 / assessed and declined: the reply gives the reason' },
  },
});

export const OpenDemandDecisionEnum = defineEnum(OPEN_DEMAND_DECISIONS, {
  name: 'OpenDemandDecision',
  description: '对开放需求的评估结论 / the outcome of assessing a demand [Z §22, Z §13]',
  valuesConfig: {
    ACCEPTED: { description: '同意开放：须关联答复需求的目录条目 / accepted: name the catalog entry that answers it' },
    DECLINED: { description: '不予开放：须在答复中说明理由 / declined: the reply must give the reason' },
  },
});

/** Who registers as a user of open data: 公民、法人和其他组织 [B §3, Z §16]. */
export const OPEN_DATA_USER_KINDS = ['NATURAL_PERSON', 'LEGAL_PERSON', 'OTHER_ORGANIZATION'] as const;
export type OpenDataUserKind = (typeof OPEN_DATA_USER_KINDS)[number];

/** A user's standing; suspension and termination are the sanctions of Z §39 (OPN-7). */
export const OPEN_DATA_USER_STATUSES = ['ACTIVE', 'SUSPENDED', 'TERMINATED'] as const;
export type OpenDataUserStatus = (typeof OPEN_DATA_USER_STATUSES)[number];

/** The credit level an applicant declares [Z §16 ¶3]; the levels themselves are the authorities' to define. */
export const OPEN_CREDIT_LEVELS = ['A', 'B', 'C', 'D'] as const;
export type OpenCreditLevel = (typeof OPEN_CREDIT_LEVELS)[number];

/** PENDING → APPROVED (an agreement) | REJECTED (with a reason) | WITHDRAWN (by the applicant) [Z §16-17]. */
export const OPEN_APPLICATION_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const;
export type OpenApplicationStatus = (typeof OPEN_APPLICATION_STATUSES)[number];

/** The steps an applicant sees, in order. */
export const OPEN_APPLICATION_STEPS = ['SUBMITTED', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const;
export type OpenApplicationStepKind = (typeof OPEN_APPLICATION_STEPS)[number];

/** Stored: ACTIVE, SUSPENDED, TERMINATED; EXPIRED is never stored, it is an ACTIVE agreement past its term's last day. */
export const OPEN_AGREEMENT_STATUSES = ['ACTIVE', 'SUSPENDED', 'TERMINATED', 'CLOSED', 'EXPIRED'] as const;
export type OpenAgreementStatus = (typeof OPEN_AGREEMENT_STATUSES)[number];
export type StoredOpenAgreementStatus = Exclude<OpenAgreementStatus, 'EXPIRED'>;

/** The six contents every open-data use agreement stipulates, Z §17 ¶1 (一)-(六), in its order. */
export const OPEN_AGREEMENT_CLAUSES = ['USE_FEEDBACK', 'NO_USE_BEYOND_SCOPE', 'NO_REDISTRIBUTION', 'CITE_SOURCE', 'SECURITY_DUTIES', 'ACCEPT_INSPECTION'] as const;
export type OpenAgreementClauseKind = (typeof OPEN_AGREEMENT_CLAUSES)[number];

export const OpenDataUserKindEnum = defineEnum(OPEN_DATA_USER_KINDS, {
  name: 'OpenDataUserKind',
  description: '公共数据利用主体的类型 / kind of public data user [B §3, Z §16]',
  valuesConfig: {
    NATURAL_PERSON: { description: '自然人（公民身份号码，GB 11643）/ a natural person, identified by the citizen ID number (GB 11643)' },
    LEGAL_PERSON: { description: '法人（统一社会信用代码，GB 32100）/ a legal person, identified by the unified social credit code (GB 32100)' },
    OTHER_ORGANIZATION: { description: '非法人组织（统一社会信用代码，GB 32100）/ another organization, identified by the unified social credit code (GB 32100)' },
  },
});

export const OpenDataUserStatusEnum = defineEnum(OPEN_DATA_USER_STATUSES, {
  name: 'OpenDataUserStatus',
  description: '利用主体的状态 / standing of a public data user [Z §39]',
  valuesConfig: {
    ACTIVE: { description: '正常 / active' },
    SUSPENDED: { description: '已暂停获取（限期整改中）/ access suspended pending rectification [Z §39]' },
    TERMINATED: { description: '已终止获取 / access terminated [Z §39]' },
  },
});

export const OpenCreditLevelEnum = defineEnum(OPEN_CREDIT_LEVELS, {
  name: 'OpenCreditLevel',
  description: '申请人自报的信用等级（A 最高）/ the credit level the applicant declares, A the highest [Z §16]',
  valuesConfig: {
    A: { description: 'A 级 / level A' },
    B: { description: 'B 级 / level B' },
    C: { description: 'C 级 / level C' },
    D: { description: 'D 级 / level D' },
  },
});

export const OpenApplicationStatusEnum = defineEnum(OPEN_APPLICATION_STATUSES, {
  name: 'OpenDataApplicationStatus',
  description: '受限开放数据申请的状态 / where an application for restricted open data stands [OPN-3, Z §16-17]',
  valuesConfig: {
    PENDING: { description: '待开放主体审核 / awaiting the opening agency' },
    APPROVED: { description: '已批准并签订开放利用协议 / approved; an agreement was concluded [Z §17]' },
    REJECTED: { description: '已驳回，附理由 / rejected, with the reason [Z §16]' },
    WITHDRAWN: { description: '申请人已撤回 / withdrawn by the applicant' },
  },
});

export const OpenApplicationStepKindEnum = defineEnum(OPEN_APPLICATION_STEPS, {
  name: 'OpenDataApplicationStepKind',
  description: '申请的处理步骤 / a step of an application, as the applicant sees it',
  valuesConfig: {
    SUBMITTED: { description: '已提交 / submitted' },
    APPROVED: { description: '已批准，协议已生效并报数据主管部门备案 / approved; the agreement is in force and filed with the data authority [Z §17]' },
    REJECTED: { description: '已驳回 / rejected' },
    WITHDRAWN: { description: '已撤回 / withdrawn' },
  },
});

export const OpenAgreementStatusEnum = defineEnum(OPEN_AGREEMENT_STATUSES, {
  name: 'OpenDataAgreementStatus',
  description: '开放利用协议的状态 / status of an open-data use agreement [Z §17, Z §39]',
  valuesConfig: {
    ACTIVE: { description: '有效 / in force' },
    SUSPENDED: { description: '已暂停 / suspended [Z §39]' },
    TERMINATED: { description: '已终止 / terminated [Z §39]' },
    CLOSED: { description: '应急事件结束，数据撤回，相关数据应用已关停 / closed: the emergency it served is over, the data withdrawn and its applications shut down [Z §32]' },
    EXPIRED: { description: '协议期限已届满 / the term has ended' },
  },
});

export const OpenAgreementClauseKindEnum = defineEnum(OPEN_AGREEMENT_CLAUSES, {
  name: 'OpenDataAgreementClauseKind',
  description: '开放利用协议的约定内容，每份协议六项齐备 / what every open-data use agreement stipulates, all six always present [Z §17]',
  valuesConfig: {
    USE_FEEDBACK: { description: '反馈数据利用情况并评价 / report on the use and evaluate the opening [Z §17 (一)]' },
    NO_USE_BEYOND_SCOPE: { description: '不得超出约定范围利用 / no use beyond the agreed scope without consent [Z §17 (二)]' },
    NO_REDISTRIBUTION: { description: '不得传播 / no redistribution without consent [Z §17 (三)]' },
    CITE_SOURCE: { description: '注明引用的公共数据 / cite the public data in papers, patents, works, software and products [Z §17 (四)]' },
    SECURITY_DUTIES: { description: '安全职责、能力要求和保障措施 / security duties, capability and safeguards [Z §17 (五)]' },
    ACCEPT_INSPECTION: { description: '接受安全监督检查 / accept security supervision and inspection [Z §17 (六)]' },
  },
});

/**
 * The data type Z §10 ¶2 has the open catalog mark (数据类型): a dataset delivered whole (数据集, a
 * file or table) or a data interface called for what is needed (数据接口). The catalog records a
 * format, not this type: it defaults from the format and the agency may state it on proposal.
 */
export const OPEN_DATA_TYPES = ['DATASET', 'INTERFACE'] as const;
export type OpenDataType = (typeof OPEN_DATA_TYPES)[number];

export const OpenDataTypeEnum = defineEnum(OPEN_DATA_TYPES, {
  name: 'OpenDataType',
  description: '数据类型（开放目录标注项）/ the data type the open catalog marks [Z §10]',
  valuesConfig: {
    DATASET: { description: '数据集：以文件或数据表整体提供 / dataset: delivered whole, as a file or table' },
    INTERFACE: { description: '数据接口：按需调用 / data interface: called for what is needed' },
  },
});

/** What a dispute is about: who opens the data [Z §11 ¶2] or its open attribute [Z §12]. */
export const OPEN_DISPUTE_KINDS = ['OPENING_AGENCY', 'OPEN_ATTRIBUTE'] as const;
export type OpenDisputeKind = (typeof OPEN_DISPUTE_KINDS)[number];

/** RAISED → (expert opinions recorded) → DECIDED [Z §11-12]. */
export const OPEN_DISPUTE_STATUSES = ['RAISED', 'DECIDED'] as const;
export type OpenDisputeStatus = (typeof OPEN_DISPUTE_STATUSES)[number];

/** The open attribute a dispute claims or decides: any of the three classes of Z §12. */
export const OPEN_DISPUTE_ATTRIBUTES = ['UNCONDITIONAL', 'RESTRICTED', 'PROHIBITED'] as const;
export type OpenDisputeAttribute = (typeof OPEN_DISPUTE_ATTRIBUTES)[number];

export const OpenDisputeKindEnum = defineEnum(OPEN_DISPUTE_KINDS, {
  name: 'OpenDisputeKind',
  description: '开放争议的类型 / what an open-data dispute is about [Z §11-12]',
  valuesConfig: {
    OPENING_AGENCY: { description: '开放主体争议：由哪个机构开放该数据 / which agency opens the data [Z §11]' },
    OPEN_ATTRIBUTE: { description: '开放属性争议：无条件、受限或禁止开放 / the open attribute: unconditional, restricted or prohibited [Z §12]' },
  },
});

export const OpenDisputeStatusEnum = defineEnum(OPEN_DISPUTE_STATUSES, {
  name: 'OpenDisputeStatus',
  description: '开放争议的处理状态 / where an open-data dispute stands [Z §11-12]',
  valuesConfig: {
    RAISED: { description: '已提出，征求专家委员会意见，待决定 / raised; expert opinions are sought and a decision is pending' },
    DECIDED: { description: '已决定（报本级人民政府确定后由数据主管部门记录）/ decided, as the authority records the decision [Z §11-12]' },
  },
});

export const OpenDisputeAttributeEnum = defineEnum(OPEN_DISPUTE_ATTRIBUTES, {
  name: 'OpenDisputeAttribute',
  description: '争议所主张或决定的开放属性 / the open attribute a dispute claims or decides [Z §12]',
  valuesConfig: {
    UNCONDITIONAL: { description: '无条件开放类 / unconditionally open' },
    RESTRICTED: { description: '受限开放类 / restricted open' },
    PROHIBITED: { description: '禁止开放类 / not to be opened' },
  },
});

/** The four kinds of emergency event Z §8 names. */
export const OPEN_EMERGENCY_KINDS = ['NATURAL_DISASTER', 'ACCIDENT', 'PUBLIC_HEALTH', 'SOCIAL_SECURITY'] as const;
export type OpenEmergencyKind = (typeof OPEN_EMERGENCY_KINDS)[number];

export const OPEN_EMERGENCY_STATUSES = ['ACTIVE', 'ENDED'] as const;
export type OpenEmergencyStatus = (typeof OPEN_EMERGENCY_STATUSES)[number];

/** The safe handling Z §32 ¶2 names for what was collected for the event: sealed, or destroyed. */
export const OPEN_EMERGENCY_MEASURES = ['SEALED', 'DESTRUCTION_SCHEDULED'] as const;
export type OpenEmergencyMeasure = (typeof OPEN_EMERGENCY_MEASURES)[number];

export const OpenEmergencyKindEnum = defineEnum(OPEN_EMERGENCY_KINDS, {
  name: 'OpenEmergencyKind',
  description: '突发事件类型 / kind of emergency event [Z §8]',
  valuesConfig: {
    NATURAL_DISASTER: { description: '自然灾害 / natural disaster' },
    ACCIDENT: { description: '事故灾难 / accident' },
    PUBLIC_HEALTH: { description: '公共卫生事件 / public health event' },
    SOCIAL_SECURITY: { description: '社会安全事件 / social security event' },
  },
});

export const OpenEmergencyStatusEnum = defineEnum(OPEN_EMERGENCY_STATUSES, {
  name: 'OpenEmergencyStatus',
  description: '应急开放状态 / status of an emergency opening [Z §8, Z §32]',
  valuesConfig: {
    ACTIVE: { description: '应对中：数据开放中 / the event is under way; its data is open' },
    ENDED: {
      description:
        '应对结束：数据已撤回，采集的数据已封存或安排销毁，相关应用已关停 / over: data withdrawn, what was collected sealed or scheduled for destruction, applications shut down [Z §32]',
    },
  },
});

export const OpenEmergencyMeasureEnum = defineEnum(OPEN_EMERGENCY_MEASURES, {
  name: 'OpenEmergencyMeasure',
  description: '应对结束后对采集数据的安全处理 / what is done with the data collected for the event once it is over [Z §32]',
  valuesConfig: {
    SEALED: { description: '封存 / sealed' },
    DESTRUCTION_SCHEDULED: { description: '已安排销毁 / scheduled for destruction' },
  },
});

/**
 * The violations for which Z §39 has the opening agency demand rectification and suspend the
 * user's access to the data, in the article's order (一)-(五).
 */
export const OPEN_DATA_VIOLATIONS = ['BEYOND_AGREED_SCOPE', 'SAFEGUARDS_NOT_IMPLEMENTED', 'MINING_SECRETS_OR_PRIVACY', 'PLATFORM_SECURITY_BREACH', 'OTHER_SERIOUS_BREACH'] as const;
export type OpenDataViolation = (typeof OPEN_DATA_VIOLATIONS)[number];

/** The sanction steps an agreement keeps, in order [Z §39]. */
export const OPEN_SANCTION_STEPS = ['SUSPENDED', 'RESTORED', 'TERMINATED'] as const;
export type OpenSanctionStepKind = (typeof OPEN_SANCTION_STEPS)[number];

export const OpenDataViolationEnum = defineEnum(OPEN_DATA_VIOLATIONS, {
  name: 'OpenDataViolation',
  description: '利用主体的违规情形 / a violation by a public data user [Z §39]',
  valuesConfig: {
    BEYOND_AGREED_SCOPE: { description: '未经同意超出开放利用协议约定的范围使用数据 / used the data beyond the scope the agreement sets, without consent [Z §39 (一)]' },
    SAFEGUARDS_NOT_IMPLEMENTED: { description: '未落实开放利用协议约定的安全保障措施 / did not put in place the safeguards the agreement stipulates [Z §39 (二)]' },
    MINING_SECRETS_OR_PRIVACY: {
      description: '出于获取国家秘密、商业秘密或者个人隐私目的挖掘公共数据 / mined the data to obtain state secrets, trade secrets or personal privacy [Z §39 (三)]',
    },
    PLATFORM_SECURITY_BREACH: { description: '严重违反公共数据平台安全管理规范 / seriously breached the security rules of the public data platform [Z §39 (四)]' },
    OTHER_SERIOUS_BREACH: { description: '其他严重违反开放利用协议的情形 / another serious breach of the agreement [Z §39 (五)]' },
  },
});

export const OpenSanctionStepKindEnum = defineEnum(OPEN_SANCTION_STEPS, {
  name: 'OpenDataSanctionStepKind',
  description: '协议的处置步骤 / a sanction step of an agreement [Z §39]',
  valuesConfig: {
    SUSPENDED: { description: '提出整改意见并暂时关闭获取权限 / rectification demanded and access suspended [Z §39]' },
    RESTORED: { description: '已整改，恢复获取权限 / rectified; access restored' },
    TERMINATED: { description: '逾期未整改，终止开放服务并记入信用档案 / not rectified by the deadline: service terminated and recorded in the credit file [Z §39]' },
  },
});
