import { DATA_TYPES, LIBRARIES, OPEN_ATTRIBUTES, ORG_KINDS, RESOURCE_STATUSES, SECURITY_GRADES, SENSITIVITIES, SHARE_ATTRIBUTES } from '../../schema/enums.js';
export { DataFormatEnum, UpdateFrequencyEnum } from '../kit/server/enums.js';
import { defineEnum } from '../kit/server/enums.js';

export const ShareAttributeEnum = defineEnum(SHARE_ATTRIBUTES, {
  name: 'ShareAttribute',
  description: '共享属性 / share attribute [J §17, B §23, L §18]',
  valuesConfig: {
    UNCONDITIONAL: { description: '无条件共享 / shared with every agency' },
    CONDITIONAL: { description: '有条件共享（丽水：受限共享）/ shared on conditions, decided by the provider' },
    NOT_SHARED: { description: '不予共享（丽水：非共享）/ not shared; needs a legal basis' },
  },
});
export const OpenAttributeEnum = defineEnum(OPEN_ATTRIBUTES, {
  name: 'OpenAttribute',
  description: '开放属性 / open attribute [J §19, B §30, Z §12]',
  valuesConfig: {
    UNCONDITIONAL: { description: '无条件开放 / open to everyone' },
    RESTRICTED: { description: '有条件（受限）开放 / open to approved applicants' },
    PROHIBITED: { description: '不予（禁止）开放 / not open' },
  },
});
export const SecurityGradeEnum = defineEnum(SECURITY_GRADES, {
  name: 'SecurityGrade',
  description: '数据分级 / security grade per GB/T 43697-2024 [J §7, B §10, Z §9]',
  valuesConfig: {
    CORE: { description: '核心数据 / core data (never open)' },
    IMPORTANT: { description: '重要数据 / important data (never open)' },
    GENERAL: { description: '一般数据 / general data' },
  },
});
export const LibraryEnum = defineEnum(LIBRARIES, {
  name: 'Library',
  description: '所属资源库 / library: base libraries [J §12, B §20], thematic or department',
  valuesConfig: {
    POPULATION: { description: '人口基础库 / population' },
    LEGAL_PERSON: { description: '法人基础库 / legal persons' },
    CREDIT: { description: '信用信息库 / credit' },
    E_LICENSE: { description: '电子证照库 / e-licenses' },
    MACRO_ECONOMY: { description: '宏观经济库 / macro-economy' },
    SPATIAL_GEOGRAPHY: { description: '空间地理库 / spatial geography' },
    THEMATIC: { description: '主题库 / thematic library' },
    DEPARTMENT: { description: '部门库 / department library' },
  },
});
export const DataTypeEnum = defineEnum(DATA_TYPES, { name: 'DataType', description: '信息项数据类型 / data type of an item' });
export const SensitivityEnum = defineEnum(SENSITIVITIES, {
  name: 'Sensitivity',
  description: '敏感内容 / sensitive content that forbids opening unless desensitized or consented [Z §14, B §30]',
  valuesConfig: {
    STATE_SECRET: { description: '国家秘密' },
    TRADE_SECRET: { description: '商业秘密' },
    PERSONAL_PRIVACY: { description: '个人隐私' },
  },
});
export const ResourceStatusEnum = defineEnum(RESOURCE_STATUSES, {
  name: 'ResourceStatus',
  description: '目录状态 / catalog entry status [J §9, B §17-18, L §9]',
  valuesConfig: {
    DRAFT: { description: '草稿 / being compiled by the agency' },
    SUBMITTED: { description: "已提交 / awaiting the authority's review" },
    PUBLISHED: { description: '已发布 / in the master catalog' },
    RETURNED: { description: '已退回 / returned with review comments' },
    DEPRECATED: { description: '已停用 / retired, kept for history' },
  },
});
export const OrgKindEnum = defineEnum(ORG_KINDS, {
  name: 'OrganizationKind',
  description: '机构类型 / kind of organization',
  valuesConfig: {
    AUTHORITY: { description: '数据主管部门 / data authority' },
    AGENCY: { description: '公共管理机构 / government agency' },
    PUBLIC_SERVICE: { description: '公共服务运营单位 / public-service operator (water, power …)' },
    ENTERPRISE: { description: '企业 / enterprise (e.g. an authorized operator)' },
  },
});
