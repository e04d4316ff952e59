import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../kit/server/pagination.js';
import { DataTypeEnum } from '../enums.js';
import type { DataType } from '../../../schema/enums.js';

@ObjectType('RecordValue', { description: '一条记录中一个信息项的值 / one item’s value in a record' })
export class RecordValue {
  @Field({ description: '信息项名称 / the item’s name' })
  item!: string;

  @Field(() => String, {
    nullable: true,
    description:
      '值的文本形式（整数、小数、布尔值按其规范写法；日期为 ISO 8601 日历日期；时间为 UTC 的 ISO 时刻）；为空时为 null / the value as text (numbers and booleans in their canonical form, dates as ISO 8601 calendar dates, date-times as ISO instants in UTC); null when empty',
  })
  value!: string | null;

  @Field({ description: '是否已脱敏（个人信息项，授权未涵盖）/ whether the value is masked (a personal item the grant does not cover) [SEC-3]' })
  masked!: boolean;
}

@ObjectType('DataRecord', { description: '目录条目的一条数据记录 / one record of a catalog entry’s data' })
export class DataRecord {
  @Field(() => Int, { description: '所属版本（每次装载一个版本）/ the version (load) the record belongs to' })
  version!: number;

  @Field({ description: '版本内的行号（文本形式的整数）/ the row number within its version (an integer, as text)' })
  rowNo!: string;

  @Field(() => [RecordValue], { description: '各信息项的值，按条目中信息项的顺序 / the values of the items served, in the entry’s item order' })
  values!: RecordValue[];
}

@ObjectType('RecordColumn', { description: '本次返回的一个信息项 / one item the answer carries' })
export class RecordColumn {
  @Field({ description: '信息项名称 / the item’s name' })
  name!: string;

  @Field(() => DataTypeEnum, { description: '数据类型 / data type' })
  dataType!: DataType;

  @Field({ description: '是否个人信息 / personal information' })
  personalInfo!: boolean;

  @Field({ description: '本次是否脱敏返回；脱敏的项不能用于筛选 / whether it comes masked; a masked item cannot be filtered on [SEC-3]' })
  masked!: boolean;
}

@ObjectType('DataRecordEdge')
export class DataRecordEdge {
  @Field({ description: '游标 / cursor of this record' })
  cursor!: string;

  @Field(() => DataRecord)
  node!: DataRecord;
}

@ObjectType('DataRecordConnection', {
  description:
    '一页数据记录（按版本、行号顺序的键集分页；不计总数：数亿行的条目也只读一页）/ a page of records, keyset-paged in (version, row) order; no total: an entry of a billion rows still reads one page',
})
export class DataRecordConnection {
  @Field(() => [RecordColumn], { description: '本次返回的信息项及是否脱敏 / the items served, and which come masked' })
  columns!: RecordColumn[];

  @Field(() => String, {
    nullable: true,
    description: '据以读取的共享授权ID；提供部门读取本部门数据时为空 / the share grant the read is under; null when the provider reads its own data',
  })
  grantId!: string | null;

  @Field(() => [DataRecordEdge])
  edges!: DataRecordEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
