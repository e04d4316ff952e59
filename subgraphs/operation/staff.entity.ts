import { Entity, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { Owned } from '../kit/server/owned.js';
import { LocalDate } from '../kit/server/scalars.js';
import {
  DataTransferDirectionEnum,
  DataTransferStatusEnum,
  OperatorStaffStatusEnum,
  type DataTransferDirection,
  type DataTransferStatus,
  type OperatorStaffStatus,
} from './staff.enums.js';

/**
 * A person who processes data for an operator, registered by real name and bound by a
 * confidentiality agreement [OPR-4, D §17 (一)]: what the use checks name and what the audit log
 * refers to, so that each action is attributable to a person. The citizen ID is kept as a hash
 * (to refuse a second registration) and a masked form, never in clear. Lives with the operator.
 */
@Entity({ tableName: 'operator_staff' })
@ObjectType('OperatorStaffMember', {
  description:
    '运营主体的加工处理工作人员：实名备案并签订保密协议，操作行为可追溯 / a staff member who processes data for an operator: registered by real name, bound by a confidentiality agreement, each action attributable [D §17 (一)]',
})
export class OperatorStaff extends Owned {
  @Property({ type: 'text' })
  @Field(() => ID, { description: '运营主体ID / the operator' })
  operatorId!: string;

  @Property({ type: 'text' })
  organizationId!: string;

  @Property({ type: 'text' })
  @Field({ description: '真实姓名 / real name' })
  name!: string;

  @Property({ type: 'text' })
  identifierHash!: string;

  @Property({ type: 'text' })
  @Field({ description: '身份证号（脱敏）/ citizen ID, masked' })
  citizenIdMasked!: string;

  @Property({ type: 'text' })
  @Field({ description: '岗位 / role or position' })
  role!: string;

  @Property({ type: 'text' })
  @Field({ description: '保密协议编号 / confidentiality agreement number [D §17 (一)]' })
  confidentialityAgreementNo!: string;

  @Property({ type: 'date' })
  @Field(() => LocalDate, { description: '保密协议签订日期 YYYY-MM-DD / signed on' })
  confidentialitySignedOn!: string;

  @Property({ type: 'text' })
  @Field(() => OperatorStaffStatusEnum, { description: '备案状态 / status' })
  status!: OperatorStaffStatus;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDate, { nullable: true, description: '注销日期 / deregistered on' })
  deregisteredOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '注销原因 / why it was deregistered' })
  deregistrationReason: string | null = null;
}

/**
 * A request to bring outside (social) data into the platform or take a derived result out of it
 * [OPR-4, D §17 (三), D §5 (一), D §21]: under one of the operator's authorizations, decided by the
 * data authority of the operator's region. Lives with the operator.
 */
@Entity({ tableName: 'operation_data_transfer' })
@ObjectType('OperationDataTransfer', {
  description:
    '社会数据导入或加工结果导出申请，由数据主管部门审核 / a request to import outside data or export a derived result, decided by the data authority [D §17 (三), D §5 (一), D §21]',
})
export class OperationDataTransfer extends Owned {
  @Property({ type: 'text' })
  @Field(() => ID, { description: '运营主体ID / the operator' })
  operatorId!: string;

  @Property({ type: 'text' })
  organizationId!: string;

  @Property({ type: 'text' })
  @Field(() => DataTransferDirectionEnum, { description: '导入或导出 / import or export' })
  direction!: DataTransferDirection;

  @Property({ type: 'text' })
  @Field(() => ID, { description: '所依据的数据使用授权 / the authorization it is made under' })
  authorizationId!: string;

  @Property({ type: 'text' })
  @Field({ description: '数据内容描述 / what the data is' })
  description!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '导入数据的来源（导出为空）/ where imported data comes from; null for an export' })
  source: string | null = null;

  @Property({ type: 'text' })
  @Field({ description: '用途 / purpose' })
  purpose!: string;

  @Property({ type: 'text' })
  @Field(() => DataTransferStatusEnum, { description: '审核状态 / status' })
  status!: DataTransferStatus;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '审核意见（不批准时必填）/ the decision’s reason, required for a refusal' })
  decisionReason: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDate, { nullable: true, description: '审核日期 / decided on' })
  decidedOn: string | null = null;
}
