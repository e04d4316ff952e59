import { ArrayType, Entity, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { OpenDataUserKindEnum, OpenDataViolationEnum, OpenSanctionStepKindEnum, type OpenDataUserKind, type OpenDataViolation, type OpenSanctionStepKind } from './enums.js';
import { LocalDate } from '../kit/server/scalars.js';
import { Owned } from '../kit/server/owned.js';

@ObjectType('OpenDataAgreementSuspension', {
  description: '暂停获取权限时提出的整改意见和期限 / the rectification demanded, and its deadline, when access was suspended [Z §39]',
})
export class OpenDataAgreementSuspension {
  @Field(() => [OpenDataViolationEnum], { description: '违规情形 / the violations [Z §39 (一)-(五)]' })
  violations!: OpenDataViolation[];

  @Field({ description: '整改意见 / the rectification demanded [Z §39]' })
  rectification!: string;

  @Field(() => LocalDate, { description: '整改期限（含当日）/ the deadline for rectification, inclusive' })
  rectifyBy!: string;

  @Field({ description: '暂停时间 / when access was suspended' })
  suspendedAt!: Date;
}

@ObjectType('OpenDataSanctionStep', { description: '协议的一个处置步骤 / one sanction step of an agreement [Z §39]' })
export class OpenDataSanctionStep {
  @Field(() => OpenSanctionStepKindEnum, { description: '步骤 / the step' })
  kind!: OpenSanctionStepKind;

  @Field({ description: '时间 / when' })
  at!: Date;

  @Field(() => [OpenDataViolationEnum], { description: '违规情形（暂停时）/ the violations (at a suspension)' })
  violations!: OpenDataViolation[];

  @Field(() => String, { nullable: true, description: '整改意见（暂停时）/ the rectification demanded (at a suspension)' })
  rectification!: string | null;

  @Field(() => LocalDate, { nullable: true, description: '整改期限（暂停时）/ the deadline (at a suspension)' })
  rectifyBy!: string | null;

  @Field(() => String, { nullable: true, description: '说明（恢复或终止时）/ the note (at a restoration or termination)' })
  note!: string | null;
}

/**
 * A record of the user's credit file (失信信息) [Z §39]: written when an agreement is terminated
 * because the user did not rectify by the deadline, in the same transaction. It lives beside the
 * agreement, on the dataset's node; the gateway merges a user's records from every node. The
 * holder's region is kept so that the authorities of the user's own region read it too.
 */
@Entity({ tableName: 'open_data_credit_record' })
@ObjectType('OpenDataCreditRecord', {
  description:
    '利用主体信用档案中的失信信息：逾期未整改而终止开放服务的协议、违规情形、整改意见和期限；本人、监管协议所在区域或该主体所在区域的数据主管部门和审计人员可见 / a record of a public data user’s credit file: an agreement terminated because the user did not rectify by the deadline, with the violations, the rectification demanded and the deadline; seen by the user itself and by the authorities and auditors overseeing the agreement’s region or the user’s own [OPN-7, Z §39]',
})
export class OpenDataCreditRecord extends Owned {
  @Property({ type: 'text' })
  @Field(() => ID, { description: '利用主体账号 / the user’s account' })
  holderAccount!: string;

  /** The region the user registered in (its account's), for its own authorities' reading. */
  @Property({ type: 'text' })
  holderRegion!: string;

  @Property({ type: 'text' })
  @Field({ description: '利用主体姓名或名称 / the user’s name' })
  holderName!: string;

  @Property({ type: 'text' })
  @Field(() => OpenDataUserKindEnum, { description: '利用主体类型 / the user’s kind' })
  holderKind!: OpenDataUserKind;

  @Property({ type: 'text', unique: true })
  @Field(() => ID, { description: '被终止的开放利用协议 / the agreement terminated' })
  agreementId!: string;

  @Property({ type: 'text' })
  @Field(() => ID, { description: '所涉开放数据集 / the open dataset' })
  datasetId!: string;

  @Property({ type: 'text' })
  @Field({ description: '数据集名称（终止时）/ the dataset’s title when the agreement was terminated' })
  datasetTitle!: string;

  @Property({ type: 'text' })
  providerId!: string;

  @Property({ type: ArrayType })
  @Field(() => [OpenDataViolationEnum], { description: '违规情形 / the violations [Z §39 (一)-(五)]' })
  violations!: OpenDataViolation[];

  @Property({ type: 'text' })
  @Field({ description: '整改意见 / the rectification demanded' })
  rectification!: string;

  @Property({ type: 'date' })
  @Field(() => LocalDate, { description: '整改期限 / the deadline for rectification' })
  rectifyBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '暂停时间 / when access was suspended' })
  suspendedAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '终止时间 / when the agreement was terminated' })
  terminatedAt!: Date;

  @Property({ type: 'text' })
  @Field({ description: '终止说明 / the note given at termination' })
  note!: string;
}
