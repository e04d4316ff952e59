import { Entity, Property } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { Owned } from '../kit/server/owned.js';
import { LocalDate } from '../kit/server/scalars.js';

/**
 * A grantee's report of how it used shared data over a period [SHR-9, B §45]. It lives with its
 * grant on the data's node, where the provider and the authority read it.
 */
@Entity({ tableName: 'usage_feedback' })
@ObjectType('UsageFeedback', { description: "共享数据使用情况反馈 / a grantee's report of how it used shared data [SHR-9, B §45]" })
export class UsageFeedback extends Owned {
  @Property({ type: 'text' })
  grantId!: string;

  @Property({ type: 'text' })
  requesterId!: string;

  @Property({ type: 'text' })
  providerId!: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => LocalDate, { name: 'periodStartDate', description: '反馈期间起始日 (YYYY-MM-DD) / first day of the period reported' })
  periodStart!: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => LocalDate, { name: 'periodEndDate', description: '反馈期间截止日 (YYYY-MM-DD) / last day of the period reported' })
  periodEnd!: string;

  @Property({ type: 'boolean' })
  @Field({ description: '是否实现了申请的用途 / whether the purpose of the request was achieved' })
  purposeFulfilled!: boolean;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '期间内的使用量（接口调用次数或获取记录数）/ volume used in the period (API calls or records obtained)' })
  useCount!: number;

  @Property({ type: 'text' })
  @Field({ description: '使用频度，如“每日”“每月约20次” / how often the data was used, e.g. "daily"' })
  frequency!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '使用中发现的问题（数据质量、接口、时效等）/ problems met (data quality, interface, timeliness), if any' })
  issues!: string | null;

  @Property({ type: 'text' })
  @Field({ description: '反馈人（用户标识）/ who reported (user subject)' })
  reportedBy!: string;
}
