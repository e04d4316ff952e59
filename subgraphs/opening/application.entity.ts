import { ArrayType, Entity, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import {
  OpenAgreementClauseKindEnum,
  OpenApplicationStatusEnum,
  OpenApplicationStepKindEnum,
  OpenCreditLevelEnum,
  OpenDataUserKindEnum,
  type OpenAgreementClauseKind,
  type OpenApplicationStatus,
  type OpenApplicationStepKind,
  type OpenCreditLevel,
  type OpenDataUserKind,
  type OpenDataViolation,
  type OpenSanctionStepKind,
  type StoredOpenAgreementStatus,
} from './enums.js';
import { LocalDate } from '../kit/server/scalars.js';
import { Owned } from '../kit/server/owned.js';

/** A step as the application keeps it; who took it is in the audit log. */
export interface StoredApplicationStep {
  kind: OpenApplicationStepKind;
  at: string;
  note: string | null;
}

@ObjectType('OpenDataApplicationStep', { description: '申请的一个处理步骤 / one step of an application [Z §16-17]' })
export class OpenDataApplicationStep {
  @Field(() => OpenApplicationStepKindEnum, { description: '步骤 / the step' })
  kind!: OpenApplicationStepKind;

  @Field({ description: '时间 / when' })
  at!: Date;

  @Field(() => String, { nullable: true, description: '说明（如驳回理由）/ the note, e.g. the reason for a rejection' })
  note!: string | null;
}

/**
 * An application for a RESTRICTED open dataset [OPN-3, Z §16]. It lives with the dataset, on the
 * node that owns it, wherever the applicant registered: the applicant's name and kind are copied
 * from its record when it applies, so the opening agency decides without reading another node.
 */
@Entity({ tableName: 'open_data_application' })
@ObjectType('OpenDataApplication', {
  description:
    '受限开放数据申请：申请人说明应用场景、存储、处理和安全保护能力及信用等级，由开放主体审核；申请人、开放主体和数据主管部门可见 / an application for restricted open data: the scenario, the storage, processing and security capability and the credit level, decided by the opening agency; seen by the applicant, the agency and the data authority [OPN-3, Z §16-17, J §19]',
})
export class OpenDataApplication extends Owned {
  @Property({ type: 'text' })
  datasetId!: string;

  /** The opening agency, copied so that who decides and who sees is settled on the row. */
  @Property({ type: 'text' })
  providerId!: string;

  @Property({ type: 'text' })
  @Field(() => ID, { description: '申请人（利用主体）账号 / the applicant’s user account' })
  applicantAccount!: string;

  @Property({ type: 'text' })
  @Field({ description: '申请人姓名或名称 / the applicant’s name' })
  applicantName!: string;

  @Property({ type: 'text' })
  @Field(() => OpenDataUserKindEnum, { description: '申请人类型 / the applicant’s kind' })
  applicantKind!: OpenDataUserKind;

  @Property({ type: 'text' })
  @Field({ description: '应用场景（用途）/ the scenario (purpose) of use [Z §16]' })
  scenario!: string;

  @Property({ type: 'text' })
  @Field({ description: '数据存储能力 / storage capability [Z §16]' })
  storageCapability!: string;

  @Property({ type: 'text' })
  @Field({ description: '数据处理能力 / processing capability [Z §16]' })
  processingCapability!: string;

  @Property({ type: 'text' })
  @Field({ description: '数据安全保护能力 / security capability [Z §16]' })
  securityCapability!: string;

  @Property({ type: 'text' })
  @Field(() => OpenCreditLevelEnum, { description: '申请人自报的信用等级 / the credit level the applicant declares [Z §16]' })
  creditLevel!: OpenCreditLevel;

  @Property({ type: 'text' })
  @Field(() => OpenApplicationStatusEnum, { description: '状态 / status' })
  status!: OpenApplicationStatus;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '驳回理由（驳回时）/ the reason, when rejected [Z §16]' })
  rejectionReason!: string | null;

  @Property({ type: 'text', nullable: true })
  agreementId!: string | null;

  @Property({ type: 'json' })
  steps!: StoredApplicationStep[];

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '更新时间 / updated at' })
  updatedAt!: Date;
}

/** A sanction step as the agreement keeps it [Z §39]. */
export interface StoredSanctionStep {
  kind: OpenSanctionStepKind;
  at: string;
  violations: OpenDataViolation[];
  rectification: string | null;
  rectifyBy: string | null;
  note: string | null;
}

@ObjectType('OpenDataAgreementClause', { description: '开放利用协议的一项约定 / one clause of an open-data use agreement [Z §17]' })
export class OpenDataAgreementClause {
  @Field(() => OpenAgreementClauseKindEnum, { description: '约定事项 / the clause' })
  kind!: OpenAgreementClauseKind;

  @Field({ description: '依据条款 / the article it carries out' })
  article!: string;

  @Field({ description: '约定内容 / what it stipulates' })
  text!: string;
}

/**
 * The open-data use agreement (公共数据开放利用协议) an approval concludes [Z §17]: the six
 * clauses, a term, and its filing with the data authority of the dataset's region, which the
 * authority acknowledges. Holder name and kind are copied from the application, so the public
 * holder list [Z §16] reads this table alone.
 */
@Entity({ tableName: 'open_data_agreement' })
@ObjectType('OpenDataAgreement', {
  description:
    '公共数据开放利用协议：六项约定、期限，报数据主管部门备案；持有人、开放主体和数据主管部门可见 / an open-data use agreement: the six clauses, a term, filed with the data authority; seen by the holder, the opening agency and the data authority [OPN-3, Z §17]',
})
export class OpenDataAgreement extends Owned {
  @Property({ type: 'text', unique: true })
  applicationId!: string;

  @Property({ type: 'text' })
  datasetId!: string;

  @Property({ type: 'text' })
  providerId!: string;

  @Property({ type: 'text' })
  @Field(() => ID, { description: '持有人（利用主体）账号 / the holder’s user account' })
  holderAccount!: string;

  @Property({ type: 'text' })
  @Field({ description: '持有人姓名或名称 / the holder’s name' })
  holderName!: string;

  @Property({ type: 'text' })
  @Field(() => OpenDataUserKindEnum, { description: '持有人类型 / the holder’s kind' })
  holderKind!: OpenDataUserKind;

  @Property({ type: 'text' })
  @Field({ description: '约定的利用范围（申请的应用场景）/ the agreed scope of use: the scenario applied for [Z §17 (二)]' })
  scenario!: string;

  @Property({ type: ArrayType })
  clauseKinds!: OpenAgreementClauseKind[];

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '期限（月）/ term in months' })
  termMonths!: number;

  @Property({ type: 'date' })
  @Field(() => LocalDate, { description: '期限起始日（含）/ first day of the term (inclusive)' })
  termStart!: string;

  @Property({ type: 'date' })
  @Field(() => LocalDate, { description: '期限终止日（含）/ last day of the term (inclusive)' })
  termEnd!: string;

  /** ACTIVE, SUSPENDED or TERMINATED; the schema's `status` adds EXPIRED past the term. */
  @Property({ type: 'text', fieldName: 'status' })
  storedStatus!: StoredOpenAgreementStatus;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '报数据集所属区域数据主管部门备案的时间（批准时自动报备）/ when it was filed with the data authority of the dataset’s region: at approval [Z §17]' })
  filedWithAuthorityAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '数据主管部门确认备案的时间；未确认为空 / when the data authority acknowledged the filing; null until then [Z §17]' })
  filingAcknowledgedAt!: Date | null;

  /** The Z §39 violations of the suspension in course (kept when it ends in termination); empty while ACTIVE. */
  @Property({ type: ArrayType })
  violations!: OpenDataViolation[];

  /** The rectification demanded (整改意见) and its deadline, with the suspension [Z §39]. */
  @Property({ type: 'text', nullable: true })
  rectification!: string | null;

  @Property({ type: 'date', nullable: true })
  rectifyBy!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  suspendedAt!: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  terminatedAt!: Date | null;

  /** Closed, not for a violation: the emergency opening it rested on ended [Z §32]. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '因应急开放结束而关停的时间 / when it was closed because the emergency opening it rested on ended [Z §32]' })
  closedAt!: Date | null;

  /** Every suspension, restoration and termination, in order; who took each is in the audit log. */
  @Property({ type: 'json' })
  sanctionSteps!: StoredSanctionStep[];

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '更新时间 / updated at' })
  updatedAt!: Date;
}

/**
 * One holder of restricted open data, as the public list shows it [Z §16]: who (a natural
 * person's name masked), of what kind, which dataset, for which term. Nothing else of the agreement.
 */
@ObjectType('RestrictedOpenDataHolder', {
  description:
    '已获得受限开放数据的主体（向社会公开的名单）：持有人（自然人姓名脱敏）、类型、数据集和协议期限 / a holder of restricted open data, as published: the holder (a natural person’s name masked), its kind, the dataset and the term of its agreement [OPN-3, Z §16]',
})
export class RestrictedOpenDataHolder {
  @Field(() => ID, { description: '协议ID / the agreement’s ID' })
  id!: string;

  @Field({ description: '持有人名称（自然人仅显示姓氏）/ the holder’s name (a natural person’s surname only)' })
  holderName!: string;

  @Field(() => OpenDataUserKindEnum, { description: '持有人类型 / the holder’s kind' })
  holderKind!: OpenDataUserKind;

  @Field(() => LocalDate, { description: '协议期限起始日 / first day of the term' })
  termStart!: string;

  @Field(() => LocalDate, { description: '协议期限终止日 / last day of the term' })
  termEnd!: string;

  datasetId!: string;
}
