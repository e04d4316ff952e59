import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Bound } from '../../kit/server/input-bounds.js';
import { type LoadMode, LoadModeEnum, UploadFormatEnum, type UploadFormat } from './load.enums.js';
import type { LoadError } from './validate.js';

/** The most records one `loadEntryRecords` call carries: larger data goes by upload, streamed. */
export const MAX_API_RECORDS = 1000;

@ObjectType('DataLoadError', { description: '加载错误：第几条记录的哪个信息项错在哪里 / an error of a load: which record, which item, what is wrong' })
export class DataLoadErrorType {
  @Field(() => Int, { description: '第几条记录（从1起；CSV为表头后的数据行，表头本身为0）/ the record, from 1 (in a CSV the data line after the header; the header itself is 0)' })
  line!: number;

  @Field(() => String, { nullable: true, description: '信息项名称（与记录整体有关时为空）/ the item’s name (null when the record as a whole is at fault)' })
  item!: string | null;

  @Field({ description: '错在哪里、应当如何 / what is wrong and what is expected' })
  message!: string;
}

/** What a load keeps of its errors (`data_load.error`). */
export interface StoredLoadErrors {
  errors: LoadError[];
  errorCount: number;
}

@InputType('LoadEntryRecordsInput', { description: '按批量接口加载条目的记录 / records of an entry, loaded by the batched API' })
export class LoadEntryRecordsInput {
  @Field(() => ID, { description: '目录条目ID / the catalog entry' })
  resourceId!: string;

  @Field(() => LoadModeEnum, { defaultValue: 'APPEND', description: '替换或追加，默认追加 / replace or append (default)' })
  mode!: LoadMode;

  @Field(() => [GraphQLJSONObject], {
    description: `记录：以信息项名称为键的对象，至多${MAX_API_RECORDS}条 / the records: objects keyed by item names, at most ${MAX_API_RECORDS}`,
  })
  @Bound({ maxItems: MAX_API_RECORDS })
  records!: Record<string, unknown>[];
}

@InputType('StartDataLoadInput', { description: '开始一次上传加载 / start a load by upload' })
export class StartDataLoadInput {
  @Field(() => ID, { description: '目录条目ID / the catalog entry' })
  resourceId!: string;

  @Field(() => LoadModeEnum, { defaultValue: 'APPEND', description: '替换或追加，默认追加 / replace or append (default)' })
  mode!: LoadMode;

  @Field(() => UploadFormatEnum, { description: '文件格式 / the file’s format' })
  format!: UploadFormat;
}
