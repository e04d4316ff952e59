import { registerEnumType } from 'type-graphql';
import {
  DATA_FORMATS,
  DATA_TYPES,
  LIBRARIES,
  OPEN_ATTRIBUTES,
  ORG_KINDS,
  RESOURCE_STATUSES,
  SECURITY_GRADES,
  SENSITIVITIES,
  SHARE_ATTRIBUTES,
  UPDATE_FREQUENCIES,
  enumObject,
} from '../../schema/enums.js';

export const ShareAttributeEnum = enumObject(SHARE_ATTRIBUTES);
export const OpenAttributeEnum = enumObject(OPEN_ATTRIBUTES);
export const SecurityGradeEnum = enumObject(SECURITY_GRADES);
export const LibraryEnum = enumObject(LIBRARIES);
export const DataFormatEnum = enumObject(DATA_FORMATS);
export const UpdateFrequencyEnum = enumObject(UPDATE_FREQUENCIES);
export const DataTypeEnum = enumObject(DATA_TYPES);
export const SensitivityEnum = enumObject(SENSITIVITIES);
export const ResourceStatusEnum = enumObject(RESOURCE_STATUSES);
export const OrgKindEnum = enumObject(ORG_KINDS);

registerEnumType(ShareAttributeEnum, {
  name: 'ShareAttribute',
  description: '共享属性 / share attribute [J §17, B §23, L §18]',
  valuesConfig: {
    UNCONDITIONAL: { description: '无条件共享 / shared with every agency' },
    CONDITIONAL: { description: '有条件共享（丽水：受限共享）/ shared on conditions, decided by the provider' },
    NOT_SHARED: { description: '不予共享（丽水：非共享）/ not shared; needs a legal basis' },
  },
});
registerEnumType(OpenAttributeEnum, {
  name: 'OpenAttribute',
  description: '开放属性 / open attribute [J §19, B §30, Z §12]',
  valuesConfig: {
    UNCONDITIONAL: { description: '无条件开放 / open to everyone' },
    RESTRICTED: { description: '有条件（受限）开放 / open to approved applicants' },
    PROHIBITED: { description: '不予（禁止）开放 / not open' },
  },
});
registerEnumType(SecurityGradeEnum, {
  name: 'SecurityGrade',
  description: '数据分级 / security grade per GB/T 43697-2024 [J §7, B §10, Z §9]',
  valuesConfig: {
    CORE: { description: '核心数据 / core data (never open)' },
    IMPORTANT: { description: '重要数据 / important data (never open)' },
    GENERAL: { description: '一般数据 / general data' },
  },
});
registerEnumType(LibraryEnum, {
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
registerEnumType(DataFormatEnum, {
  name: 'DataFormat',
  description: '资源格式 / format',
  valuesConfig: {
    SPREADSHEET: { description: '电子表格' },
    DATABASE: { description: '数据库' },
    API: { description: '服务接口' },
    DOCUMENT: { description: '电子文件' },
    IMAGE: { description: '图形图像' },
    STREAMING: { description: '流媒体' },
  },
});
registerEnumType(UpdateFrequencyEnum, {
  name: 'UpdateFrequency',
  description: '更新周期 / update frequency [B §17, L §8]',
  valuesConfig: {
    REAL_TIME: { description: '实时' },
    DAILY: { description: '每日' },
    WEEKLY: { description: '每周' },
    MONTHLY: { description: '每月' },
    QUARTERLY: { description: '每季度' },
    HALF_YEARLY: { description: '每半年' },
    YEARLY: { description: '每年' },
    ON_DEMAND: { description: '按需' },
  },
});
registerEnumType(DataTypeEnum, { name: 'DataType', description: '信息项数据类型 / data type of an item' });
registerEnumType(SensitivityEnum, {
  name: 'Sensitivity',
  description: '敏感内容 / sensitive content that forbids opening unless desensitized or consented [Z §14, B §30]',
  valuesConfig: {
    STATE_SECRET: { description: '国家秘密' },
    TRADE_SECRET: { description: '商业秘密' },
    PERSONAL_PRIVACY: { description: '个人隐私' },
  },
});
registerEnumType(ResourceStatusEnum, {
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
registerEnumType(OrgKindEnum, {
  name: 'OrganizationKind',
  description: '机构类型 / kind of organization',
  valuesConfig: {
    AUTHORITY: { description: '数据主管部门 / data authority' },
    AGENCY: { description: '公共管理机构 / government agency' },
    PUBLIC_SERVICE: { description: '公共服务运营单位 / public-service operator (water, power …)' },
    ENTERPRISE: { description: '企业 / enterprise (e.g. an authorized operator)' },
  },
});
