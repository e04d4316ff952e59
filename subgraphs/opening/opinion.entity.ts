import { Entity, Property } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { LocalDate } from '../kit/server/scalars.js';
import { Owned } from '../kit/server/owned.js';
import { OpenOpinionChannelEnum, OpenOpinionKindEnum, OpenOpinionStatusEnum, type OpenOpinionChannel, type OpenOpinionKind, type OpenOpinionStatus } from './enums.js';

/**
 * An opinion on an open dataset [OPN-4, Z §21]. It lives with the dataset, on the node that owns
 * it, where the opening agency answers it. Anyone may file, signed in or not: the filer follows it
 * with the receipt token (only its hash is kept) or, as a registered user, with its account. The
 * deadline applied at filing is stored with its basis, so a later change of the node's profiles
 * never moves a deadline already given.
 */
@Entity({ tableName: 'open_data_opinion' })
@ObjectType('OpenDataOpinion', {
  description: '开放数据意见建议：开放主体应在10个工作日内处理完毕 / an opinion on an open dataset, which the opening agency handles within 10 working days [OPN-4, Z §21]',
})
export class OpenDataOpinion extends Owned {
  @Property({ type: 'text' })
  datasetId!: string;

  /** The opening agency, copied so that who may see and answer the opinion is decided on the row. */
  @Property({ type: 'text' })
  providerId!: string;

  @Property({ type: 'text' })
  @Field(() => OpenOpinionKindEnum, { description: '意见建议的情形 / the ground of the opinion [Z §21]' })
  kind!: OpenOpinionKind;

  @Property({ type: 'text' })
  @Field({ description: '意见建议内容 / what the filer says, and what it asks for' })
  content!: string;

  /** The registered user who filed it (a USER token's `acct`); null for the anonymous public. */
  @Property({ type: 'text', nullable: true })
  filerAccount!: string | null;

  @Property({ type: 'text' })
  @Field(() => OpenOpinionChannelEnum, { description: '来源渠道 / how the opinion reached the opening agency' })
  channel!: OpenOpinionChannel;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => LocalDate, { description: '收到日期（处理期限自此起算）/ the day the opening agency received it, from which the deadline counts [Z §21]' })
  receivedOn!: string;

  @Property({ type: 'text', unique: true })
  receiptTokenHash!: string;

  @Property({ type: 'text' })
  @Field(() => OpenOpinionStatusEnum, { description: '处理状态 / status' })
  status!: OpenOpinionStatus;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: "开放主体的答复（处理前为空）/ the opening agency's answer (null until answered)" })
  answer!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '答复时间 / answered at' })
  answeredAt!: Date | null;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => LocalDate, { description: '处理期限 (YYYY-MM-DD，中国工作日计算) / due date, counted in Chinese working days from the filing date [Z §21, SEC-6]' })
  dueDate!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '适用的处理时限（工作日）/ the handling period applied, in working days' })
  deadlineWorkingDays!: number;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '时限来源的政策配置（J/B/D/L/Z）；为空表示平台默认 / the policy profile that set the period; null for the platform default' })
  deadlineProfile!: string | null;

  @Property({ type: 'text' })
  @Field({ description: '时限依据 / the article the period comes from' })
  deadlineBasis!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '更新时间 / updated at' })
  updatedAt!: Date;

  /** Set only on the object the filing returns: the token is never stored, so it is shown once. */
  receiptToken?: string;
}
