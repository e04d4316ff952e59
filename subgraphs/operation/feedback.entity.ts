import { ArrayType, Entity, Property } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import type { ProfileCode } from '../../schema/topology.js';
import { Owned } from '../kit/server/owned.js';
import { LocalDate } from '../kit/server/scalars.js';
import { GovernanceFeedbackStatusEnum, type GovernanceFeedbackStatus } from './feedback.enums.js';

/**
 * A quality problem an operator found in a catalog entry while processing it: a governance need
 * fed back to the data authority, which has the providing agency fix it within a deadline
 * [OPR-8, D §16]. It lives with the entry, on the provider's node, so the agency answers there
 * and the catalog's evaluation of the agency reads it locally (feedback.internal.ts); the
 * operator, which may be another node's, files it through the gateway by the entry's ID.
 */
@Entity({ tableName: 'governance_feedback' })
@ObjectType('GovernanceFeedback', {
  description:
    '数据治理需求：运营主体在加工处理中发现的公共数据质量问题，由数据主管部门督促数据提供单位限期完成治理 / a governance need: a data-quality problem an operator found, which the data authority has the providing agency fix within a deadline [D §16]',
})
export class GovernanceFeedback extends Owned {
  @Property({ type: 'text' })
  resourceId!: string;

  /** The entry's provider when filed, so that who answers and who sees it is decided on the row. */
  @Property({ type: 'text' })
  providerId!: string;

  @Property({ type: 'text' })
  operatorId!: string;

  @Property({ type: 'text' })
  operatorOrganizationId!: string;

  @Property({ type: ArrayType })
  @Field(() => [String], { description: '有问题的信息项名称 / the items of the entry concerned' })
  itemNames!: string[];

  @Property({ type: 'text' })
  @Field({ description: '质量问题描述 / the quality problem found' })
  description!: string;

  @Property({ type: 'text' })
  @Field(() => GovernanceFeedbackStatusEnum, { description: '处理状态 / status' })
  status!: GovernanceFeedbackStatus;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDate, { nullable: true, description: '治理期限 YYYY-MM-DD（数据主管部门规定前为空）/ deadline, YYYY-MM-DD; null until the authority sets it' })
  dueDate!: string | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: '按工作日规定期限时的工作日数（指定日期时为空）/ working days given, when the deadline was set as a number of them' })
  deadlineWorkingDays!: number | null;

  @Property({ type: 'text', nullable: true })
  deadlineProfile!: ProfileCode | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '期限的依据 / how the deadline was set, and under which article' })
  deadlineBasis!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '数据提供单位的答复：完成了哪些治理 / what the providing agency fixed' })
  answer!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '答复时间 / answered at' })
  answeredAt!: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '最近修改时间 / last changed at' })
  updatedAt!: Date;
}
