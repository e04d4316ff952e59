import { ArrayType, Entity, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDate } from '../kit/server/scalars.js';
import { Owned } from '../kit/server/owned.js';
import {
  OperationAuthorizationStatusEnum,
  OperationAuthorizationStepKindEnum,
  OperationPriorityDomainEnum,
  OperationProviderAnswerEnum,
  OperationScenarioValueEnum,
  type OperationAuthorizationStatus,
  type OperationAuthorizationStepKind,
  type OperationPriorityDomain,
  type OperationProviderAnswer,
  type OperationScenarioValue,
} from './authorization.enums.js';
import { DataResourceRef, OrganizationRef } from './foreign.js';

/** One item asked for, with why the scenario needs it (最小必要 [D §13 (二)]). */
export interface StoredItem {
  name: string;
  reason: string;
}

/** One catalog entry asked for, with its provider's answer; who answered is in the audit log. */
export interface StoredEntry {
  resourceId: string;
  /** The entry's name when applied for, so the application reads without the catalog. */
  entryName: string;
  providerId: string;
  items: StoredItem[];
  answer: OperationProviderAnswer;
  confirmedItems: string[];
  answerReason: string | null;
  answeredAt: string | null;
}

export interface StoredGoal {
  description: string;
  dueDate: string;
}

export interface StoredStep {
  kind: OperationAuthorizationStepKind;
  at: string;
  note: string | null;
}

@ObjectType('OperationAuthorizationItem', { description: '申请的数据项及其必要性说明 / an item asked for, with why the scenario needs it [D §13 (二)]' })
export class OperationAuthorizationItem {
  @Field({ description: '数据项名称 / the item’s name' })
  name!: string;

  @Field({ description: '必要性说明（最小必要）/ why the scenario needs it (minimum necessary)' })
  reason!: string;
}

@ObjectType('OperationAuthorizationEntry', {
  description: '需求清单中的一个目录条目及其提供单位的确认意见 / one catalog entry of the demand list and its provider’s answer [D §13-14]',
})
export class OperationAuthorizationEntry {
  @Field(() => ID, { description: '目录条目ID / the catalog entry' })
  resourceId!: string;

  @Field(() => DataResourceRef, { description: '目录条目（调用者看不到时目录返回空）/ the catalog entry, as the catalog shows it to the caller' })
  resource!: DataResourceRef;

  @Field({ description: '申请时的条目名称 / the entry’s name when applied for' })
  entryName!: string;

  @Field(() => OrganizationRef, { description: '数据提供单位 / the providing agency' })
  provider!: OrganizationRef;

  @Field(() => [OperationAuthorizationItem], { description: '申请的数据项 / the items asked for' })
  items!: OperationAuthorizationItem[];

  @Field(() => OperationProviderAnswerEnum, { description: '提供单位的确认意见 / the provider’s answer [D §14]' })
  answer!: OperationProviderAnswer;

  @Field(() => [String], { description: '确认授权的数据项（确认前为空）/ the items confirmed; empty until confirmed' })
  confirmedItems!: string[];

  @Field(() => String, { nullable: true, description: '不同意的理由，或只确认部分数据项的说明 / the reason for declining, or for confirming fewer items' })
  answerReason!: string | null;

  @Field(() => Date, { nullable: true, description: '答复时间 / answered at' })
  answeredAt!: Date | null;
}

@ObjectType('OperationAuthorizationGoal', { description: '实施计划中的一个目标 / a goal of the plan [D §13 (三)]' })
export class OperationAuthorizationGoal {
  @Field({ description: '目标 / the goal' })
  description!: string;

  @Field(() => LocalDate, { description: '完成日期，不晚于授权运营协议期限 / due by, within the operator agreement’s term [D §13 (三)]' })
  dueDate!: string;
}

@ObjectType('OperationAuthorizationStep', { description: '申请的一个处理步骤 / one step of an application' })
export class OperationAuthorizationStep {
  @Field(() => OperationAuthorizationStepKindEnum, { description: '步骤 / the step' })
  kind!: OperationAuthorizationStepKind;

  @Field({ description: '时间 / when' })
  at!: Date;

  @Field(() => String, { nullable: true, description: '说明（如理由、所涉条目）/ the note: a reason, the entry concerned' })
  note!: string | null;
}

@ObjectType('OperationAuthorizationDeadline', { description: '一个审核步骤的期限及其依据 / the deadline of a review step and where it comes from [D §14, SEC-6]' })
export class OperationAuthorizationDeadline {
  @Field(() => LocalDate, { description: '期限（中国工作日计算）/ due date, counted in Chinese working days' })
  dueDate!: string;

  @Field(() => Int, { description: '时限（工作日）/ the period, in working days' })
  workingDays!: number;

  @Field(() => String, { nullable: true, description: '时限来源的政策配置；为空表示平台默认 / the policy profile that set it; null for the platform default' })
  profile!: string | null;

  @Field({ description: '时限依据 / the article it comes from' })
  basis!: string;

  @Field({ description: '该步骤仍未完成且已过期限 / the step is still open after its due date' })
  overdue!: boolean;
}

@ObjectType('OperationAuthorizationGrant', { description: '授权范围内的一个条目及其数据项 / an entry and the items an authorization covers [D §14-15]' })
export class OperationAuthorizationGrant {
  @Field(() => ID, { description: '目录条目ID / the catalog entry' })
  resourceId!: string;

  @Field(() => ID, { description: '数据提供单位ID / the providing agency' })
  providerId!: string;

  @Field(() => [String], { description: '授权的数据项 / the items granted' })
  items!: string[];
}

/**
 * An operator's application for the data of one scenario (一场景一授权 [D §13]), and, once every
 * provider has answered, the authorization it yields. It lives with the operator's record, on the
 * operator's node; the entries it asks for may live on any node, and their providers answer here
 * (the gateway routes by the application's ID). `providerIds` copies the entries' providers so who
 * sees and answers is settled on the row.
 */
@Entity({ tableName: 'operation_authorization' })
@ObjectType('OperationAuthorization', {
  description:
    '数据使用授权（一场景一授权）：运营主体按场景提交需求清单，数据运营服务中心初审、数据主管部门复审、数据提供单位确认后授权 / a data-use authorization, one per scenario: the operator’s demand list, first reviewed by the service center, re-reviewed by the authority, confirmed by each providing agency [OPR-2, OPR-3, D §12-14]',
})
export class OperationAuthorization extends Owned {
  @Property({ type: 'text' })
  @Field(() => ID, { description: '申请的授权运营主体（其运营协议）/ the operator applying (its agreement)' })
  operatorId!: string;

  @Property({ type: 'text' })
  organizationId!: string;

  /** The agreement's last day when applied for: goals and the authorization end with it [D §10, D §13 (三)]. */
  @Property({ type: 'string', columnType: 'date' })
  @Field(() => LocalDate, { description: '运营协议期限终止日：授权至迟于此日结束 / the last day of the operator agreement: the authorization ends by then [D §10]' })
  operatorTermEnd!: string;

  @Property({ type: 'text' })
  @Field({ description: '应用场景名称 / the scenario’s name [D §13 (一)]' })
  scenarioName!: string;

  /** The name folded (spaces, case) so that the same scenario is found however it is typed. */
  @Property({ type: 'text' })
  scenarioKey!: string;

  @Property({ type: 'text' })
  @Field({ description: '应用场景描述 / what the scenario does [D §13 (一)]' })
  scenarioDescription!: string;

  @Property({ type: 'text' })
  @Field(() => OperationScenarioValueEnum, { description: '价值类型 / the kind of value [D §13 (一)]' })
  valueKind!: OperationScenarioValue;

  @Property({ type: 'text' })
  @Field({ description: '场景的经济或社会价值 / the economic or social value of the scenario [D §13 (一)]' })
  value!: string;

  @Property({ type: 'text' })
  @Field(() => OperationPriorityDomainEnum, { description: '所属领域 / the domain [D §7]' })
  priorityDomain!: OperationPriorityDomain;

  @Property({ type: 'text' })
  @Field({ description: '实施计划 / the plan [D §13 (三)]' })
  plan!: string;

  @Property({ type: 'json' })
  goals!: StoredGoal[];

  @Property({ type: 'json' })
  entries!: StoredEntry[];

  @Property({ type: ArrayType })
  providerIds!: string[];

  @Property({ type: 'text' })
  @Field(() => OperationAuthorizationStatusEnum, { description: '状态 / status' })
  status!: OperationAuthorizationStatus;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => LocalDate, {
    nullable: true,
    description: '书面需求清单的收到日期（由服务中心代为录入时）/ the day a demand list handed in on paper was received, when the service center recorded it [D §12]',
  })
  receivedOn!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '初审意见或退回理由 / the first review’s opinion, or the reason it was returned [D §14]' })
  firstReviewOpinion!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '初审时间 / first reviewed at' })
  firstReviewedAt!: Date | null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  reReviewDue!: string | null;

  @Property({ type: 'integer', nullable: true })
  reReviewWorkingDays!: number | null;

  @Property({ type: 'text', nullable: true })
  reReviewProfile!: string | null;

  @Property({ type: 'text', nullable: true })
  reReviewBasis!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '合规性评估 / the compliance assessment [D §22]' })
  complianceAssessment!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '安全风险评估 / the security risk assessment [D §22]' })
  riskAssessment!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '网信部门的意见 / the network-security (网信) office’s view in the assessment [D §22]' })
  networkSecurityOpinion!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '数据专家委员会的意见 / the expert committee’s view in the assessment [D §22]' })
  expertCommitteeOpinion!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '复审不予通过的理由 / the reason for refusing at re-review' })
  refusalReason!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '复审时间 / re-reviewed at' })
  reReviewedAt!: Date | null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  confirmationDue!: string | null;

  @Property({ type: 'integer', nullable: true })
  confirmationWorkingDays!: number | null;

  @Property({ type: 'text', nullable: true })
  confirmationProfile!: string | null;

  @Property({ type: 'text', nullable: true })
  confirmationBasis!: string | null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => LocalDate, { nullable: true, description: '授权生效日（未授权为空）/ first day of the authorization; null unless GRANTED [D §15]' })
  grantedOn!: string | null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => LocalDate, { nullable: true, description: '授权终止日（含），即运营协议期限终止日 / last day of the authorization (inclusive): the agreement’s last day [D §10]' })
  validUntil!: string | null;

  @Property({ type: 'json' })
  steps!: StoredStep[];

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '更新时间 / updated at' })
  updatedAt!: Date;
}
