import { Field, ID, InputType } from 'type-graphql';
import { Bound, FreeText } from '../kit/server/input-bounds.js';
import { LocalDate } from '../kit/server/scalars.js';
import {
  OperationAuthorizationStatusEnum,
  OperationFirstReviewDecisionEnum,
  OperationPriorityDomainEnum,
  OperationProviderDecisionEnum,
  OperationReReviewDecisionEnum,
  OperationScenarioValueEnum,
  type OperationAuthorizationStatus,
  type OperationFirstReviewDecision,
  type OperationPriorityDomain,
  type OperationProviderDecision,
  type OperationReReviewDecision,
  type OperationScenarioValue,
} from './authorization.enums.js';
import { MAX_ENTRIES, MAX_GOALS, MAX_ITEMS_PER_ENTRY } from './authorization.rules.js';

@InputType({ description: '申请的一个数据项 / an item asked for [D §13 (二)]' })
export class OperationAuthorizationItemInput {
  @Field({ description: '数据项名称（须为该目录条目的数据项）/ the item’s name, one of the entry’s items' })
  name!: string;

  @Field({ description: '必要性说明：场景为何需要该数据项（最小必要，必填）/ why the scenario needs this item (minimum necessary; required)' })
  @FreeText
  reason!: string;
}

@InputType({ description: '需求清单中的一个目录条目 / one catalog entry of the demand list [D §12-13]' })
export class OperationAuthorizationEntryInput {
  @Field(() => ID, { description: '目录条目ID（可为其他平台的条目）/ the catalog entry, on any platform' })
  resourceId!: string;

  @Field(() => [OperationAuthorizationItemInput], { description: `申请的数据项，1-${MAX_ITEMS_PER_ENTRY} 个 / the items asked for, 1 to ${MAX_ITEMS_PER_ENTRY}` })
  @Bound({ maxItems: MAX_ITEMS_PER_ENTRY })
  items!: OperationAuthorizationItemInput[];
}

@InputType({ description: '实施计划的一个目标 / a goal of the plan [D §13 (三)]' })
export class OperationAuthorizationGoalInput {
  @Field({ description: '目标 / the goal' })
  @FreeText
  description!: string;

  @Field(() => LocalDate, {
    description: '完成日期 YYYY-MM-DD：不早于今天，不晚于运营协议期限终止日 / due by, YYYY-MM-DD: not before today nor after the agreement ends [D §13 (三), D §10]',
  })
  dueDate!: string;
}

@InputType({ description: '公共数据运营服务需求清单：一个应用场景 / a demand list for one scenario [D §12-13]' })
export class ApplyForOperationAuthorizationInput {
  @Field({ description: '应用场景名称；同一场景只能有一个待审或已授权的申请 / the scenario’s name; one pending or granted application per scenario [D §13]' })
  scenarioName!: string;

  @Field({ description: '应用场景描述：做什么、为谁服务 / what the scenario does and for whom [D §13 (一)]' })
  @FreeText
  scenarioDescription!: string;

  @Field(() => OperationScenarioValueEnum, { description: '价值类型 / the kind of value [D §13 (一)]' })
  valueKind!: OperationScenarioValue;

  @Field({ description: '场景的经济或社会价值 / the economic or social value [D §13 (一)]' })
  @FreeText
  value!: string;

  @Field(() => OperationPriorityDomainEnum, { description: '所属领域（D §7 优先领域，或 OTHER）/ the domain: a priority domain of D §7, or OTHER' })
  priorityDomain!: OperationPriorityDomain;

  @Field({ description: '实施计划：步骤、资源、可实施性 / the plan: steps, resources, why it is feasible [D §13 (三)]' })
  @FreeText
  plan!: string;

  @Field(() => [OperationAuthorizationGoalInput], { description: `目标，1-${MAX_GOALS} 个，均在运营协议期限内 / the goals, 1 to ${MAX_GOALS}, within the agreement’s term` })
  @Bound({ maxItems: MAX_GOALS })
  goals!: OperationAuthorizationGoalInput[];

  @Field(() => [OperationAuthorizationEntryInput], { description: `需要的目录条目及数据项，1-${MAX_ENTRIES} 个条目 / the entries and items needed, 1 to ${MAX_ENTRIES} entries` })
  @Bound({ maxItems: MAX_ENTRIES })
  entries!: OperationAuthorizationEntryInput[];

  @Field(() => LocalDate, {
    nullable: true,
    description:
      '书面需求清单的收到日期：仅数据运营服务中心代为录入书面提交的清单时填写，不晚于今天、不早于30天前；后续期限自真实日期起算 / the day a demand list handed in on paper was received: only the service center gives it, recording the list for the operator; not after today, at most 30 days ago; later steps count from the real days [D §12, D §14]',
  })
  receivedOn?: string | null;
}

@InputType({ description: '数据运营服务中心的初审 / the service center’s first review [D §14]' })
export class FirstReviewOperationAuthorizationInput {
  @Field(() => OperationFirstReviewDecisionEnum, { description: '通过或退回 / pass or return' })
  decision!: OperationFirstReviewDecision;

  @Field(() => String, { nullable: true, description: '初审意见；退回时必填，说明理由 / the opinion; required when returning: the reason' })
  @FreeText
  opinion?: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description:
      '初审完成日期：事后录入书面初审时填写，不晚于今天、不早于30天前，也不早于需求清单收到（提交）之日；复审期限自该日起算。不填为今天 / the day the first review was concluded, when recording one done on paper: not after today, at most 30 days ago, not before the demand list was received (submitted); the re-review deadline counts from it. Today when left out [D §14]',
  })
  reviewedOn?: string | null;
}

@InputType({ description: '数据主管部门的复审及合规性、安全风险评估 / the authority’s re-review and its compliance and risk assessment [D §14, D §22]' })
export class ReReviewOperationAuthorizationInput {
  @Field(() => OperationReReviewDecisionEnum, { description: '通过或不予通过 / approve or refuse' })
  decision!: OperationReReviewDecision;

  @Field(() => String, { nullable: true, description: '合规性评估（通过时必填）/ the compliance assessment; required to approve [D §22]' })
  @FreeText
  complianceAssessment?: string | null;

  @Field(() => String, { nullable: true, description: '安全风险评估（通过时必填）/ the security risk assessment; required to approve [D §22]' })
  @FreeText
  riskAssessment?: string | null;

  @Field(() => String, { nullable: true, description: '会同网信部门评估的意见（通过时必填）/ the view of the network-security office assessed with; required to approve [D §22]' })
  @FreeText
  networkSecurityOpinion?: string | null;

  @Field(() => String, { nullable: true, description: '数据专家委员会的意见（通过时必填）/ the expert committee’s view; required to approve [D §22]' })
  @FreeText
  expertCommitteeOpinion?: string | null;

  @Field(() => String, { nullable: true, description: '不予通过的理由（不予通过时必填）/ the reason; required to refuse' })
  @FreeText
  reason?: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description:
      '复审完成日期：事后录入书面复审时填写，不晚于今天、不早于30天前，也不早于初审之日；提供单位确认期限自该日起算。不填为今天 / the day the re-review was concluded, when recording one done on paper: not after today, at most 30 days ago, not before the first review; the providers’ confirmation deadline counts from it. Today when left out [D §14]',
  })
  reviewedOn?: string | null;
}

@InputType({ description: '数据提供单位对其条目的确认意见 / a providing agency’s answer for one of its entries [D §14]' })
export class AnswerOperationAuthorizationEntryInput {
  @Field(() => ID, { description: '本单位的目录条目 / the entry, one of your agency’s' })
  resourceId!: string;

  @Field(() => OperationProviderDecisionEnum, { description: '确认或不同意 / confirm or decline' })
  decision!: OperationProviderDecision;

  @Field(() => [String], { nullable: true, description: '确认的数据项（须为申请的；不填为全部申请的数据项）/ the items confirmed, among those asked; all of them when left out' })
  @Bound({ maxItems: MAX_ITEMS_PER_ENTRY })
  itemNames?: string[] | null;

  @Field(() => String, { nullable: true, description: '理由：不同意时必填；部分确认时宜说明 / the reason: required to decline, advisable when confirming fewer items' })
  @FreeText
  reason?: string | null;
}

@InputType({ description: '数据使用授权申请的筛选条件 / filters for data-use authorization applications' })
export class OperationAuthorizationFilter {
  @Field(() => OperationAuthorizationStatusEnum, { nullable: true, description: '状态 / status' })
  status?: OperationAuthorizationStatus | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true：仅超期的（复审或提供单位确认超过期限，北京时间）；false：仅未超期的 / true: only those late at a step (re-review or the providers’ confirmation past its due date, China time); false: only the others [D §14]',
  })
  overdue?: boolean | null;

  @Field(() => ID, { nullable: true, description: '只列出该运营主体的 / only this operator’s' })
  operatorId?: string | null;
}
