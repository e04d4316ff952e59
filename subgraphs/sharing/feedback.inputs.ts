import { Field, InputType, Int } from 'type-graphql';
import { LocalDate } from '../kit/server/scalars.js';
import { Bound, FreeText } from '../kit/server/input-bounds.js';

@InputType({ description: "反馈共享数据使用情况 / report how a grant's data was used [SHR-9, B §45]" })
export class UsageFeedbackInput {
  @Field(() => LocalDate, { description: '期间起始日 YYYY-MM-DD，不早于授权之日 / first day of the period, not before the grant' })
  @Bound({ kind: 'code', max: 32 })
  periodStartDate!: string;

  @Field(() => LocalDate, { description: "期间截止日 YYYY-MM-DD，不晚于今天和授权截止日期 / last day of the period, neither in the future nor after the grant's end date" })
  @Bound({ kind: 'code', max: 32 })
  periodEndDate!: string;

  @Field({ description: '是否实现了申请的用途 / whether the purpose of the request was achieved' })
  purposeFulfilled!: boolean;

  @Field(() => Int, { description: '期间内的使用量（接口调用次数或获取记录数），不小于0 / volume used (API calls or records obtained), 0 or more' })
  useCount!: number;

  @Field({ description: '使用频度 / how often the data was used' })
  frequency!: string;

  @Field(() => String, { nullable: true, description: '使用中发现的问题 / problems met, if any' })
  @FreeText
  issues?: string | null;
}
