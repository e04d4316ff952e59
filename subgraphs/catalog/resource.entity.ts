import { ArrayType, Entity, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import {
  type DataFormat,
  type DataType,
  type Library,
  type OpenAttribute,
  type ResourceStatus,
  type SecurityGrade,
  type Sensitivity,
  type ShareAttribute,
  type ShareMode,
  type UpdateFrequency,
} from '../../schema/enums.js';
import {
  DataFormatEnum,
  DataTypeEnum,
  LibraryEnum,
  OpenAttributeEnum,
  ResourceStatusEnum,
  SecurityGradeEnum,
  SensitivityEnum,
  ShareAttributeEnum,
  UpdateFrequencyEnum,
} from './enums.js';
import { defineEnum, ShareModeEnum } from '../kit/server/enums.js';
import { Owned } from '../kit/server/owned.js';
import { Node } from '../kit/server/node.js';
import { CATALOG_TYPE_DESCRIPTIONS } from '../kit/server/foreign.js';

@Entity({ tableName: 'data_item' })
@Unique({ properties: ['resourceId', 'name'] })
@ObjectType('DataItem', { description: '信息项 / data item (a field of a resource)' })
export class DataItem {
  @PrimaryKey({ type: 'text' })
  @Field(() => ID, { description: '信息项ID，修改条目时按名称保持不变 / item ID; kept stable by name when the entry changes' })
  id!: string;

  @Property({ type: 'text' })
  resourceId!: string;

  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'text' })
  @Field({ description: '信息项名称 / item name, e.g. 统一社会信用代码' })
  name!: string;

  @Property({ type: 'text' })
  @Field(() => DataTypeEnum, { description: '数据类型 / data type' })
  dataType!: DataType;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '说明 / description' })
  description!: string | null;

  @Property({ type: 'boolean' })
  @Field({ description: '是否个人信息 / personal information (masked unless a grant covers it)' })
  personalInfo!: boolean;

  @Property({ type: 'boolean' })
  @Field({ description: '是否标识符 / an identifier (e.g. ID number, credit code)' })
  identifier!: boolean;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: '是否必填：加载的每条记录须有此项的值 / required: every loaded record must give this item a value [B §17-18]' })
  required: Opt<boolean> = false;

  @Property({ type: 'boolean' })
  @Field({ description: '本条目是该信息项的权威来源（一数一源）/ this entry is the authoritative source of the item (one data, one source) [J §9-10, B §14, L §10]' })
  authoritative!: boolean;

  /** In the schema only where the caller may see the source's entry (one-source.resolver.ts). */
  @Property({ type: 'text', nullable: true })
  sourceItemId!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '与权威来源重复采集的说明 / filed justification for collecting an item an authoritative source already provides' })
  duplicationJustification!: string | null;
}

@Entity({ tableName: 'data_resource' })
@Directive('@key(fields: "id")')
@ObjectType('DataResource', { implements: Node, description: CATALOG_TYPE_DESCRIPTIONS.DataResource })
export class DataResource extends Owned {
  @Property({ type: 'text' })
  providerId!: string;

  @Property({ type: 'text', unique: true })
  @Field({ description: '资源代码 / resource code' })
  code!: string;

  @Property({ type: 'text' })
  @Field({ description: '资源名称 / name' })
  name!: string;

  @Property({ type: 'text' })
  @Field({ description: '资源摘要 / summary' })
  summary!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '资源分类（类-项-目-细目）/ classification code' })
  categoryCode!: string | null;

  @Property({ type: 'text' })
  @Field(() => LibraryEnum, { description: '所属资源库 / library' })
  library!: Library;

  @Property({ type: 'text' })
  @Field(() => DataFormatEnum, { description: '资源格式 / format' })
  format!: DataFormat;

  @Property({ type: 'text' })
  @Field(() => UpdateFrequencyEnum, { description: '更新周期 / update frequency' })
  updateFrequency!: UpdateFrequency;

  @Property({ type: 'text' })
  @Field(() => SecurityGradeEnum, { description: '数据分级 / security grade' })
  securityGrade!: SecurityGrade;

  @Property({ type: 'text' })
  @Field(() => ShareAttributeEnum, { description: '共享属性 / share attribute' })
  shareAttribute!: ShareAttribute;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '共享条件 / share conditions (CONDITIONAL)' })
  shareCondition!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '有条件共享的理由 / reason for the conditions (CONDITIONAL)' })
  shareReason!: string | null;

  @Property({ type: 'text' })
  @Field(() => ShareModeEnum, { description: '共享方式 / share mode' })
  shareMode!: ShareMode;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '不予共享的法律依据 / legal basis (NOT_SHARED)' })
  legalBasis!: string | null;

  @Property({ type: 'text' })
  @Field(() => OpenAttributeEnum, { description: '开放属性 / open attribute' })
  openAttribute!: OpenAttribute;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '开放条件 / open conditions (RESTRICTED)' })
  openCondition!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '由无条件开放改为受限开放的理由 / filed reason for UNCONDITIONAL → RESTRICTED [Z §15]' })
  openChangeReason!: string | null;

  @Property({ type: ArrayType })
  @Field(() => [SensitivityEnum], { description: '涉及的敏感内容 / sensitive content involved' })
  sensitivities!: Sensitivity[];

  @Property({ type: 'boolean' })
  @Field({ description: '已脱敏 / desensitized' })
  desensitized!: boolean;

  @Property({ type: 'boolean' })
  @Field({ description: '已取得权利人同意 / right holders consented' })
  consentObtained!: boolean;

  @Property({ type: ArrayType })
  @Field(() => [String], { description: '关联资源代码 / related resource codes' })
  relatedCodes!: string[];

  @Property({ type: 'text' })
  @Field(() => ResourceStatusEnum, { description: '状态 / status' })
  status!: ResourceStatus;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '发布日期 / published at' })
  publishedAt!: Date | null;

  /** Name, summary and item names, normalized by `searchColumns`, one field per line; the search indexes are expressions over it. Never read back. */
  @Property({ type: 'text', lazy: true })
  searchText!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '更新时间 / updated at' })
  updatedAt!: Date;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: "审核退回意见（状态为 RETURNED 时）/ the authority's comments when the entry was returned" })
  reviewComment!: string | null;

  /** Pending change of a published entry: the published version stays visible until it is approved [B §18]. */
  @Property({ type: 'json', nullable: true })
  revision!: ResourceContent | null;

  @Property({ type: 'text', nullable: true })
  revisionStatus!: RevisionStatus | null;

  @Property({ type: 'text', nullable: true })
  revisionComment!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '最近一次数据更新时间（由提供部门报送）/ when the provider last reported a data update [B §18, L §8]' })
  lastDataUpdateAt!: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: '按更新周期，下一次数据更新的截止时间；按需更新的条目为空 / when the next data update is due under the update frequency; null for ON_DEMAND [B §17, L §8]',
  })
  updateDueAt!: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '停用时间 / when the entry was retired' })
  retiredAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '停用理由 / why the entry was retired' })
  retireReason!: string | null;
}

export const REVISION_STATUSES = ['DRAFT', 'SUBMITTED', 'RETURNED'] as const;
export type RevisionStatus = (typeof REVISION_STATUSES)[number];
export const RevisionStatusEnum = defineEnum(REVISION_STATUSES, {
  name: 'CatalogRevisionStatus',
  description: '已发布条目的待审修改所处的状态 / where the pending change of a published entry stands [B §18]',
  valuesConfig: {
    DRAFT: { description: '拟订中 / being drafted by the agency' },
    SUBMITTED: { description: "待审核 / awaiting the authority's review" },
    RETURNED: { description: '已退回，见退回意见 / returned with the review comments' },
  },
});

/** An entry's metadata and items as one value: what a revision proposes and what a version records. */
export interface ResourceContent {
  fields: Record<string, unknown>;
  items: ItemContent[];
}

export interface ItemContent {
  name: string;
  dataType: DataType;
  description: string | null;
  personalInfo: boolean;
  identifier: boolean;
  /** Absent in snapshots kept before items could be required: read as false (workflow.ts `itemContent`). */
  required?: boolean;
  authoritative: boolean;
  sourceItemId: string | null;
  duplicationJustification: string | null;
}
