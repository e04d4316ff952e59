import { ArrayType, Entity, Property } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { Owned } from '../kit/server/owned.js';
import { LocalDate } from '../kit/server/scalars.js';
import { defineEnum } from '../kit/server/enums.js';

export const VERIFICATION_STATUSES = ['OPEN', 'VERIFIED'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];
export const VERIFICATION_OUTCOMES = ['CORRECTED', 'NO_ERROR'] as const;
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];

export const VerificationStatusEnum = defineEnum(VERIFICATION_STATUSES, {
  name: 'DataVerificationStatus',
  description: '疑义数据校核状态 / status of a report of doubtful shared data [SHR-8, L §13]',
  valuesConfig: {
    OPEN: { description: '待提供部门校核 / waiting for the provider to verify' },
    VERIFIED: { description: '已校核，见 outcome 和 note / verified: see outcome and note' },
  },
});
export const VerificationOutcomeEnum = defineEnum(VERIFICATION_OUTCOMES, {
  name: 'DataVerificationOutcome',
  description: '校核结果 / outcome of a verification [SHR-8, L §13, B §15]',
  valuesConfig: {
    CORRECTED: { description: '确认有误，已更正 / confirmed wrong, and corrected' },
    NO_ERROR: { description: '经核实无误，note 说明依据 / verified correct; the note explains' },
  },
});

/**
 * A grantee's report that shared data is doubtful or wrong, and the provider's verification of it
 * (疑义数据校核) [SHR-8, L §13, B §15]. It lives with its grant on the data's node. The due date is
 * fixed at filing with its basis, so a later change of the node's profiles never moves a deadline
 * already given; the grant is not touched: business goes on meanwhile [L §13].
 */
@Entity({ tableName: 'data_verification' })
@ObjectType('DataVerification', {
  description: '疑义数据校核：共享数据使用部门反馈疑义或错误，提供部门限期校核 / a report of doubtful shared data and its verification by the provider [SHR-8, L §13, B §15]',
})
export class DataVerification extends Owned {
  @Property({ type: 'text' })
  grantId!: string;

  @Property({ type: 'text' })
  resourceId!: string;

  @Property({ type: 'text' })
  requesterId!: string;

  @Property({ type: 'text' })
  providerId!: string;

  @Property({ type: ArrayType })
  @Field(() => [String], { description: '有疑义的信息项 / the data items in doubt' })
  itemNames!: string[];

  @Property({ type: 'text' })
  @Field({ description: '疑义内容：哪些数据有误、依据是什么 / what looks wrong, and why' })
  description!: string;

  @Property({ type: 'text' })
  @Field(() => VerificationStatusEnum, { description: '状态 / status' })
  status!: VerificationStatus;

  @Property({ type: 'text', nullable: true })
  @Field(() => VerificationOutcomeEnum, { nullable: true, description: '校核结果（VERIFIED 时）/ outcome, once VERIFIED' })
  outcome!: VerificationOutcome | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '校核说明：更正了什么，或为何无误 / what was corrected, or why the data is right' })
  note!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '校核时间 / verified at' })
  verifiedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '校核人（用户标识）/ who verified (user subject)' })
  verifiedBy!: string | null;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => LocalDate, {
    description:
      '校核期限 (YYYY-MM-DD，按中国工作日自反馈之日起算，含调休) / due date, in Chinese working days from the filing date, adjusted weekends (调休) included [SEC-6, L §13]',
  })
  dueDate!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '适用的校核时限（工作日）/ the verification period applied, in working days' })
  deadlineWorkingDays!: number;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: '时限来源的政策配置（如 L）；为空表示平台默认 / the policy profile that set the period (e.g. L); null for the platform default',
  })
  deadlineProfile!: string | null;

  @Property({ type: 'text' })
  @Field({ description: '时限依据 / the article the period comes from' })
  deadlineBasis!: string;
}
