import { defineEnum } from '../kit/server/enums.js';

export const OPERATOR_STAFF_STATUSES = ['ACTIVE', 'DEREGISTERED'] as const;
export type OperatorStaffStatus = (typeof OPERATOR_STAFF_STATUSES)[number];

export const OperatorStaffStatusEnum = defineEnum(OPERATOR_STAFF_STATUSES, {
  name: 'OperatorStaffStatus',
  description: '加工处理工作人员的备案状态 / whether a processing staff member is registered [D §17]',
  valuesConfig: {
    ACTIVE: { description: '已实名备案，受保密协议约束，可以加工处理 / registered by real name, bound by a confidentiality agreement: may process data' },
    DEREGISTERED: { description: '已注销备案，不再加工处理 / deregistered: no longer processes data' },
  },
});

export const DATA_TRANSFER_DIRECTIONS = ['IMPORT', 'EXPORT'] as const;
export type DataTransferDirection = (typeof DATA_TRANSFER_DIRECTIONS)[number];

export const DataTransferDirectionEnum = defineEnum(DATA_TRANSFER_DIRECTIONS, {
  name: 'OperationDataTransferDirection',
  description: '导入社会数据或导出加工结果 / importing outside data or exporting a derived result [D §5, D §17, D §21]',
  valuesConfig: {
    IMPORT: { description: '导入合规获取的社会数据，经数据主管部门审核批准 / importing lawfully obtained outside (social) data, approved by the data authority [D §17 (三)]' },
    EXPORT: {
      description:
        '导出由授权数据加工形成的结果，经数据主管部门审核；原始数据不得导出 / exporting a result derived from authorized data, reviewed by the data authority; raw data never leaves [D §5 (一), D §21]',
    },
  },
});

export const DATA_TRANSFER_STATUSES = ['PENDING', 'APPROVED', 'REFUSED'] as const;
export type DataTransferStatus = (typeof DATA_TRANSFER_STATUSES)[number];

export const DataTransferStatusEnum = defineEnum(DATA_TRANSFER_STATUSES, {
  name: 'OperationDataTransferStatus',
  description: '导入导出申请的审核状态 / status of an import or export request [D §17, D §21]',
  valuesConfig: {
    PENDING: { description: '待数据主管部门审核 / awaiting the data authority' },
    APPROVED: { description: '已批准 / approved' },
    REFUSED: { description: '未批准（附理由）/ refused, with a reason' },
  },
});

export const OPERATION_USE_DECISIONS = [
  'ALLOWED',
  'OPERATOR_NOT_FOUND',
  'OPERATOR_NOT_IN_GOOD_STANDING',
  'STAFF_NOT_REGISTERED',
  'AUTHORIZATION_NOT_FOUND',
  'AUTHORIZATION_NOT_COVERING',
] as const;
export type OperationUseDecision = (typeof OPERATION_USE_DECISIONS)[number];

export const OperationUseDecisionEnum = defineEnum(OPERATION_USE_DECISIONS, {
  name: 'OperationUseDecision',
  description: '授权运营数据使用核验的结论 / the answer of an operation use check [OPR-4, D §15, D §17]',
  valuesConfig: {
    ALLOWED: { description: '允许 / allowed' },
    OPERATOR_NOT_FOUND: { description: '运营主体不存在 / no such operator' },
    OPERATOR_NOT_IN_GOOD_STANDING: { description: '运营主体不在授权期内或被暂停、撤回 / the operator is not in force, or suspended or revoked [D §11, D §28]' },
    STAFF_NOT_REGISTERED: { description: '该工作人员未以该运营主体名义实名备案或已注销 / the staff member is not registered with this operator, or deregistered [D §17 (一)]' },
    AUTHORIZATION_NOT_FOUND: { description: '该运营主体没有此数据使用授权 / this operator holds no such authorization [D §13]' },
    AUTHORIZATION_NOT_COVERING: {
      description: '授权未生效、已到期或不含该目录或信息项 / the authorization is not in force today or does not grant this entry or these items [D §14, D §15]',
    },
  },
});
