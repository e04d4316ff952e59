import { Field, ID, InputType } from 'type-graphql';
import { VerificationOutcomeEnum, VerificationStatusEnum, type VerificationOutcome, type VerificationStatus } from './verification.entity.js';
import { Bound, FreeText } from '../kit/server/input-bounds.js';

@InputType({ description: '反馈疑义数据，要求提供部门校核 / report doubtful shared data to its provider for verification [SHR-8, L §13]' })
export class ReportWrongDataInput {
  @Field(() => ID, {
    description: '有疑义的目录条目（须持有其有效授权）；反馈保存在其所在平台 / the catalog entry in doubt (you must hold an active grant for it); the report lives on its platform',
  })
  resourceId!: string;

  @Field(() => ID, { description: '反馈部门（须为本人所在部门，且为授权的使用部门）/ the reporting grantee (your own organization)' })
  requesterId!: string;

  @Field(() => [String], { description: '有疑义的信息项，须在授权范围内 / the items in doubt; each must be granted to you' })
  @Bound({ maxItems: 500 })
  itemNames!: string[];

  @Field({ description: '疑义内容：哪些数据有误、依据是什么 / what looks wrong, and why' })
  @FreeText
  description!: string;
}

@InputType({ description: '记录校核结果 / record the outcome of a verification [SHR-8, L §13]' })
export class RecordVerificationInput {
  @Field(() => ID, { description: '疑义数据校核ID / the report' })
  id!: string;

  @Field(() => VerificationOutcomeEnum, { description: '校核结果 / outcome' })
  outcome!: VerificationOutcome;

  @Field({ description: '校核说明：更正了什么，或为何无误 / what was corrected, or why the data is right' })
  @FreeText
  note!: string;
}

@InputType({ description: '疑义数据校核筛选条件 / filters for reports of doubtful data' })
export class DataVerificationFilter {
  @Field(() => VerificationStatusEnum, { nullable: true, description: '状态 / status' })
  status?: VerificationStatus | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true：仅超期未校核的（OPEN 且期限早于今天）；false：仅未超期的 / true: only overdue (OPEN and due before today, China time); false: only those not overdue',
  })
  overdue?: boolean | null;

  @Field(() => ID, { nullable: true, description: '提供部门 / the provider that must verify' })
  providerId?: string | null;
}
