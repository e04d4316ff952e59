import { Field, ID, InputType, Int } from 'type-graphql';
import { Bound, FreeText } from '../../kit/server/input-bounds.js';
import { DestructionStatusEnum, type DestructionStatus } from './destruction.entity.js';
import { MAX_FILTERS, RecordFilterInput } from './filter.js';
import { MAX_BASIS } from './destruction.rules.js';

@InputType({ description: '申请销毁数据 / ask to destroy records of an entry that lost their value [SEC-4, J §30, Z §32]' })
export class RequestDataDestructionInput {
  @Field(() => ID, { description: '目录条目（须为本机构的条目）/ the catalog entry (one of your organization’s)' })
  @Bound({ kind: 'code' })
  resourceId!: string;

  @Field(() => Int, { nullable: true, description: '销毁整个版本：版本号（与 filter 二选一）/ destroy a whole version: its number (give this or filter)' })
  version?: number | null;

  @Field(() => [RecordFilterInput], {
    nullable: true,
    description: `销毁所有版本中符合条件的记录（至多${MAX_FILTERS}个条件，与 version 二选一）/ destroy the records matching these conditions, in every version (at most ${MAX_FILTERS}; give this or version)`,
  })
  @Bound({ maxItems: MAX_FILTERS })
  filter?: RecordFilterInput[] | null;

  @Field({ description: '销毁理由：数据为何已失去价值 / why the data lost its value' })
  @FreeText
  reason!: string;

  @Field({ description: '依据的条款，例如《浙江省公共数据条例》第三十条 / the article relied on, e.g. J §30' })
  @Bound({ kind: 'line', max: MAX_BASIS })
  legalBasis!: string;
}

@InputType({ description: '批准销毁申请 / approve a destruction request' })
export class ApproveDataDestructionInput {
  @Field(() => ID, { description: '销毁申请ID / the request' })
  @Bound({ kind: 'code' })
  id!: string;

  @Field(() => String, { nullable: true, description: '审批意见 / a note on the approval' })
  @FreeText
  note?: string | null;
}

@InputType({ description: '不予批准销毁申请 / refuse a destruction request' })
export class RefuseDataDestructionInput {
  @Field(() => ID, { description: '销毁申请ID / the request' })
  @Bound({ kind: 'code' })
  id!: string;

  @Field({ description: '不予批准的理由 / why the request is refused' })
  @FreeText
  reason!: string;
}

@InputType({ description: '销毁申请筛选条件 / filters for destruction requests' })
export class DataDestructionFilter {
  @Field(() => DestructionStatusEnum, { nullable: true, description: '状态；待审批的用 PENDING / status; PENDING for those waiting for a decision' })
  status?: DestructionStatus | null;

  @Field(() => ID, { nullable: true, description: '目录条目 / of this entry' })
  @Bound({ kind: 'code' })
  resourceId?: string | null;
}
