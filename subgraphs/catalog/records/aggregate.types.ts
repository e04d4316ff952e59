import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { defineEnum } from '../../kit/server/enums.js';
import { Bound } from '../../kit/server/input-bounds.js';
import { AGGREGATE_FNS, type AggregateFn, MAX_GROUP_BY, MAX_MEASURES } from './aggregate.js';
import { RecordFilterInput } from './filter.js';

export const AggregateFnEnum = defineEnum(AGGREGATE_FNS, {
  name: 'AggregateFunction',
  description: '统计函数 / an aggregate function',
  valuesConfig: {
    COUNT: { description: '计数（给出信息项时为非空值个数）/ rows, or the non-empty values of the item given' },
    SUM: { description: '求和（整数或小数项）/ sum of an INTEGER or DECIMAL item' },
    AVG: { description: '平均值（合并后由总和与个数计算）/ average, from the merged sum and count' },
    MIN: { description: '最小值（数值或日期项）/ least value of a number or date item' },
    MAX: { description: '最大值（数值或日期项）/ greatest value of a number or date item' },
  },
});

@InputType('AggregateMeasureInput', { description: '一项统计 / one measure' })
export class AggregateMeasureInput {
  @Field(() => AggregateFnEnum)
  fn!: AggregateFn;

  @Field(() => String, { nullable: true, description: '信息项名称（COUNT 可省略）/ the item (optional for COUNT)' })
  @Bound({ kind: 'line', max: 200 })
  item?: string | null;
}

@InputType('AggregateBasisInput', {
  description:
    '依据：运营主体工作人员依数据使用授权（operatorId、staffId、authorizationId），或公共数据利用主体依各条目开放数据集的 MODEL 方式（datasetIds）/ the basis: an operator’s staff member under an authorization (operatorId, staffId, authorizationId), or a public data user under the MODEL offer of each entry’s open dataset (datasetIds) [OPR-4, D §15, OPN-2, Z §20]',
})
export class AggregateBasisInput {
  @Field(() => ID, { nullable: true })
  operatorId?: string | null;

  @Field(() => ID, { nullable: true })
  staffId?: string | null;

  @Field(() => ID, { nullable: true })
  authorizationId?: string | null;

  @Field(() => [ID], { nullable: true, description: '各条目的开放数据集（至多50个）/ the open datasets of the entries, at most 50' })
  @Bound({ maxItems: 50 })
  datasetIds?: string[] | null;
}

@InputType('SubmitAggregateRunInput', {
  description: '在数据所在平台内运行的统计查询，不返回原始记录 / an aggregate computed where the records are; raw rows never leave their node',
})
export class SubmitAggregateRunInput {
  @Field(() => [ID], { description: '目录条目，可分属多个平台（至多50个）/ the entries, on one or several nodes, at most 50' })
  @Bound({ maxItems: 50 })
  resourceIds!: string[];

  @Field(() => [RecordFilterInput], { nullable: true, description: '筛选条件 / filters' })
  @Bound({ maxItems: 20 })
  filter?: RecordFilterInput[] | null;

  @Field(() => [String], {
    nullable: true,
    description: `分组项（至多${MAX_GROUP_BY}个，不得为个人信息或标识符）/ group-by items, at most ${MAX_GROUP_BY}, never personal items or identifiers`,
  })
  @Bound({ kind: 'line', max: 200, maxItems: MAX_GROUP_BY })
  groupBy?: string[] | null;

  @Field(() => [AggregateMeasureInput], { description: `统计项（1到${MAX_MEASURES}个）/ measures, 1 to ${MAX_MEASURES}` })
  @Bound({ maxItems: MAX_MEASURES })
  measures!: AggregateMeasureInput[];

  @Field({ description: '用途 / what the result is for' })
  @Bound({ kind: 'text', max: 500 })
  purpose!: string;

  @Field(() => AggregateBasisInput)
  basis!: AggregateBasisInput;
}

@ObjectType('AggregateMeasure', { description: '一项统计 / one measure' })
export class AggregateMeasure {
  @Field(() => AggregateFnEnum)
  fn!: AggregateFn;

  @Field(() => String, { nullable: true })
  item!: string | null;

  @Field({ description: '数值项（求和与比较按数值）/ a number item: sums and comparisons are numeric' })
  numeric!: boolean;
}

@ObjectType('AggregatePartialValue', { description: '一个平台上一组一项统计的部分值 / one measure of one group on one node' })
export class AggregatePartialValue {
  @Field(() => Int, { description: '非空值个数 / non-empty values' })
  n!: number;

  @Field(() => String, { nullable: true })
  sum!: string | null;

  @Field(() => String, { nullable: true })
  min!: string | null;

  @Field(() => String, { nullable: true })
  max!: string | null;
}

@ObjectType('AggregatePartialGroup', { description: '一个平台上的一组 / one group on one node' })
export class AggregatePartialGroup {
  @Field(() => [String], { nullable: 'items' })
  key!: (string | null)[];

  @Field(() => Int)
  count!: number;

  @Field(() => [AggregatePartialValue])
  values!: AggregatePartialValue[];
}

@ObjectType('AggregatePartial', {
  description:
    '本平台的部分统计（未经抑制），仅供网关合并；经网关读取时为空 / this node’s partial aggregate, before suppression, for the gateway’s merge only; through the gateway it is null',
})
export class AggregatePartial {
  @Field(() => [String])
  groupBy!: string[];

  @Field(() => [AggregateMeasure])
  measures!: AggregateMeasure[];

  @Field(() => Int)
  minGroupSize!: number;

  @Field(() => Int)
  maxGroups!: number;

  @Field(() => [AggregatePartialGroup])
  groups!: AggregatePartialGroup[];
}

@ObjectType('AggregateValue', { description: '一组的一项统计值 / one measure of one released group' })
export class AggregateValue {
  @Field(() => AggregateFnEnum)
  fn!: AggregateFn;

  @Field(() => String, { nullable: true })
  item!: string | null;

  @Field(() => String, { nullable: true, description: '值（十进制文本或日期）/ the value, as decimal text or a date' })
  value!: string | null;
}

@ObjectType('AggregateGroup', { description: '发布的一组 / one released group' })
export class AggregateGroup {
  @Field(() => [String], { nullable: 'items', description: '分组项的值 / the group-by values' })
  key!: (string | null)[];

  @Field(() => Int)
  count!: number;

  @Field(() => [AggregateValue])
  values!: AggregateValue[];
}

@ObjectType('AggregateResult', { description: '合并各平台部分结果并抑制小分组后的结果 / the result: every node’s partials merged, then small groups suppressed' })
export class AggregateResult {
  @Field(() => [AggregateGroup])
  groups!: AggregateGroup[];

  @Field(() => Int, { description: '因记录数少于最小分组而未发布的组数 / groups left out for having fewer records than the minimum' })
  suppressedGroups!: number;

  @Field(() => Int)
  minGroupSize!: number;
}

@ObjectType('RecordPreviewRow', { description: '预览的一行 / one row of a preview' })
export class RecordPreviewRow {
  @Field(() => [String], { nullable: 'items', description: '按 items 顺序的值 / the values in the order of items' })
  values!: (string | null)[];
}

@ObjectType('RecordPreview', {
  description:
    '抽样脱敏预览（至多30行）：个人信息和标识符已脱敏，不是原始记录 / a sampled, desensitized preview of at most 30 rows: personal items and identifiers masked, never the raw rows [D §17, Z §20]',
})
export class RecordPreview {
  @Field(() => ID)
  resourceId!: string;

  @Field(() => [String])
  items!: string[];

  @Field(() => [RecordPreviewRow])
  rows!: RecordPreviewRow[];
}
