import { Field, ID, InputType } from 'type-graphql';
import { ShareDeliveryModeEnum, type ShareDeliveryMode } from './enums.js';

@InputType({ description: '申请共享数据 / request another agency\'s catalog entry [SHR-1, B §26-28]' })
export class RequestShareInput {
  @Field(() => ID, { description: '申请的目录条目；申请保存在条目所在平台 / the catalog entry requested; the request lives on its platform' })
  resourceId!: string;

  @Field(() => ID, { description: '申请部门（须为本人所在部门）/ the requesting agency (must be your own organization)' })
  requesterId!: string;

  @Field({ description: '应用场景 / the scenario the data is needed for' })
  scenario!: string;

  @Field({ description: '用途 / purpose' })
  purpose!: string;

  @Field(() => String, { nullable: true, description: '所履行的法定职责 / the statutory duty the request serves' })
  legalDuty?: string | null;

  @Field(() => [String], { description: '需要的信息项，须为条目已有的信息项（最小必要）/ the items needed; each must exist in the entry (minimum necessary)' })
  itemNames!: string[];

  @Field(() => ShareDeliveryModeEnum, { defaultValue: 'API', description: '共享方式，默认接口调用 / share mode, API by default [SHR-6]' })
  shareMode!: ShareDeliveryMode;

  @Field({ description: '使用截止日期 YYYY-MM-DD，须晚于今天 / end date YYYY-MM-DD, after today' })
  endDate!: string;
}
