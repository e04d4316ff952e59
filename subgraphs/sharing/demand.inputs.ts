import { Field, ID, InputType } from 'type-graphql';
import { DemandStatusEnum, type DemandStatus } from './demand.entity.js';
import { Bound, FreeText } from '../kit/server/input-bounds.js';

@InputType({ description: '提出共享需求（目录中没有的数据）/ file a demand for data not in the catalog [SHR-4, B §27, J §17]' })
export class FileDataDemandInput {
  @Field(() => ID, { description: '提出需求的部门（须为本人所在部门）；需求保存在其所在平台 / the demanding agency (your own organization); the demand lives on its platform' })
  organizationId!: string;

  @Field({ description: '需要的数据名称 / the data needed' })
  dataName!: string;

  @Field({ description: '需求说明：需要什么数据、范围和更新要求 / what data is needed, its coverage and freshness' })
  @FreeText
  description!: string;

  @Field(() => [String], { description: '需要的信息项（最小必要）/ the data items needed (minimum necessary)' })
  @Bound({ maxItems: 500 })
  itemNames!: string[];

  @Field({ description: '应用场景 / the scenario the data is needed for' })
  @FreeText
  scenario!: string;

  @Field({ description: '所履行的法定职责 / the statutory duty the demand serves' })
  @FreeText
  legalDuty!: string;
}

@InputType({ description: '共享需求筛选条件 / filters for data demands' })
export class DataDemandFilter {
  @Field(() => DemandStatusEnum, { nullable: true, description: '状态 / status' })
  status?: DemandStatus | null;
}
