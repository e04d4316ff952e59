import { Field, ID, InputType } from 'type-graphql';
import { OpenAccessMethodEnum, OpenDataTypeEnum, OpenPriorityDomainEnum, type OpenAccessMethod, type OpenDataType, type OpenPriorityDomain } from './enums.js';
import { FreeText } from '../kit/server/input-bounds.js';

@InputType({
  description:
    '提议将目录条目开放（或变更、恢复开放其数据集），经数据主管部门审核后生效 / propose a catalog entry for the open catalog (or a change or reopening of its dataset); it takes effect when the data authority approves [OPN-1, B §31, Z §10]',
})
export class ProposeOpenDatasetInput {
  @Field(() => ID, { description: '已发布的目录条目ID；数据集保存在其所在平台 / a PUBLISHED catalog entry; the dataset lives on its platform' })
  resourceId!: string;

  @Field(() => String, { nullable: true, description: '数据集名称，不填则用目录名称 / title; the catalog name when omitted' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: '数据集说明，不填则用目录摘要 / description; the catalog summary when omitted' })
  @FreeText
  description?: string | null;

  @Field(() => [OpenAccessMethodEnum], { description: '开放方式，至少一种；受限开放数据不得下载 / at least one; RESTRICTED data cannot be downloaded [Z §20]' })
  accessMethods!: OpenAccessMethod[];

  @Field(() => OpenPriorityDomainEnum, { nullable: true, description: '重点和优先开放领域 / priority domain [Z §7]' })
  priorityDomain?: OpenPriorityDomain | null;

  @Field(() => OpenDataTypeEnum, {
    nullable: true,
    description:
      '数据类型；不填则按目录的数据格式（接口、流式数据为数据接口，其余为数据集）；数据接口须提供 API 开放方式 / data type; when omitted, from the catalog format (API or streaming: INTERFACE; otherwise DATASET); an INTERFACE must be offered by API [Z §10, Z §20]',
  })
  dataType?: OpenDataType | null;

  @Field(() => String, { nullable: true, description: '提议理由（可选）/ why (optional)' })
  @FreeText
  reason?: string | null;
}
