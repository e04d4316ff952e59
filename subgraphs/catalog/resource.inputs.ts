import { Field, ID, InputType } from 'type-graphql';
import type { DataFormat, DataType, Library, OpenAttribute, ResourceStatus, SecurityGrade, Sensitivity, ShareAttribute, ShareMode, UpdateFrequency } from '../../schema/enums.js';
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
import { ShareModeEnum } from '../kit/server/enums.js';
import { LocalDate } from '../kit/server/scalars.js';
import { Bound, FreeText } from '../kit/server/input-bounds.js';
import { MAX_KEYWORD_LENGTH } from './search/text.js';

@InputType({ description: '信息项 / a data item' })
export class DataItemInput {
  @Field()
  name!: string;

  @Field(() => DataTypeEnum)
  dataType!: DataType;

  @Field(() => String, { nullable: true })
  @FreeText
  description?: string | null;

  @Field({ defaultValue: false, description: '是否个人信息 / personal information' })
  personalInfo!: boolean;

  @Field({ defaultValue: false, description: '是否标识符 / identifier' })
  identifier!: boolean;

  @Field({ defaultValue: false, description: '是否必填：加载的每条记录须有此项的值 / required: every loaded record must give this item a value' })
  required!: boolean;

  @Field({
    defaultValue: false,
    description:
      '本条目是该信息项的权威来源；同名信息项在本平台只能有一个权威来源 / this entry is the authoritative source of the item; an item name has one authoritative source per platform [J §9-10, B §14]',
  })
  authoritative!: boolean;

  @Field(() => ID, {
    nullable: true,
    description: '该信息项取自的权威来源信息项ID（另一条已发布条目的信息项）/ the authoritative item (of another published entry) this item is obtained from',
  })
  sourceItemId?: string | null;

  @Field(() => String, { nullable: true, description: '确需重复采集时的理由 / why the item must be collected although an authoritative source provides it' })
  @FreeText
  duplicationJustification?: string | null;
}

/**
 * Optional metadata: create and update take it alike. On update an explicit `null` clears the
 * field (lists become empty, flags false, the share mode API) and an absent field keeps it.
 */
@InputType('DataResourceOptionalFieldsInput', { description: '可选编目信息 / optional catalog metadata' })
abstract class OptionalResourceFieldsInput {
  @Field(() => String, { nullable: true, description: '资源分类代码；更新时传 null 清除 / category code; null clears it on update' })
  @Bound({ kind: 'code' })
  categoryCode?: string | null;
  @Field(() => String, { nullable: true, description: '共享条件，有条件共享时必填 / share conditions, required for CONDITIONAL [J §17, B §23]' })
  @FreeText
  shareCondition?: string | null;
  @Field(() => String, { nullable: true, description: '有条件共享的理由 / why the share is CONDITIONAL [J §17, B §23]' }) @FreeText shareReason?: string | null;
  @Field(() => ShareModeEnum, { nullable: true, description: '共享方式，默认 API；更新时传 null 恢复默认 / share mode, API by default; null restores the default on update' })
  shareMode?: ShareMode | null;
  @Field(() => String, { nullable: true, description: '法律依据，不予共享时必填 / legal basis, required for NOT_SHARED [J §17, B §23, L §18]' })
  @FreeText
  legalBasis?: string | null;
  @Field(() => String, { nullable: true, description: '开放条件，受限开放时必填 / open conditions, required for RESTRICTED [Z §15]' })
  @FreeText
  openCondition?: string | null;
  @Field(() => [SensitivityEnum], { nullable: true, description: '涉及的秘密或隐私 / secrets or privacy involved [Z §14, B §30]' }) sensitivities?: Sensitivity[] | null;
  @Field(() => Boolean, { nullable: true, description: '已脱敏 / desensitized' }) desensitized?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: '已取得权利人同意 / the right holders consented' }) consentObtained?: boolean | null;
  @Field(() => [String], { nullable: true, description: '关联资源代码 / related resource codes' }) @Bound({ kind: 'code' }) relatedCodes?: string[] | null;
}

/** The metadata every entry must have (CAT-1): create requires it; update may change but never clear it. */
export const REQUIRED_RESOURCE_FIELDS = ['code', 'name', 'summary', 'library', 'format', 'updateFrequency', 'securityGrade', 'shareAttribute', 'openAttribute', 'items'] as const;

@InputType({ description: '新建目录条目（草稿）/ create a catalog entry (as a draft) [CAT-1, B §17]' })
export class CreateDataResourceInput extends OptionalResourceFieldsInput {
  @Field(() => ID, { description: '提供部门ID，条目保存在其所在平台 / providing organization; the entry lives on its platform' })
  providerId!: string;

  @Field({ description: '资源代码 / resource code' }) @Bound({ kind: 'code' }) code!: string;
  @Field({ description: '资源名称 / name' }) name!: string;
  @Field({ description: '资源摘要 / summary' }) @FreeText summary!: string;
  @Field(() => LibraryEnum, { description: '所属资源库 / library' }) library!: Library;
  @Field(() => DataFormatEnum, { description: '资源格式 / format' }) format!: DataFormat;
  @Field(() => UpdateFrequencyEnum, { description: '更新周期 / update frequency' }) updateFrequency!: UpdateFrequency;
  @Field(() => SecurityGradeEnum, { description: '数据分级 / security grade [J §7, B §10, Z §9]' }) securityGrade!: SecurityGrade;
  @Field(() => ShareAttributeEnum, { description: '共享属性 / share attribute [J §17, B §23]' }) shareAttribute!: ShareAttribute;
  @Field(() => OpenAttributeEnum, { description: '开放属性 / open attribute [J §19, B §30, Z §12]' }) openAttribute!: OpenAttribute;
  // A wide table can have hundreds of columns.
  @Field(() => [DataItemInput], { description: '信息项，至少一个 / data items, at least one' }) @Bound({ maxItems: 500 }) items!: DataItemInput[];
}

@InputType({
  description:
    '修改目录条目：未填的字段保持不变；可选字段传 null 即清除，必填字段不能清除 / change a catalog entry: absent fields stay; null clears an optional field; required fields cannot be cleared',
})
export class UpdateDataResourceInput extends OptionalResourceFieldsInput {
  @Field(() => String, { nullable: true, description: '资源代码 / resource code' }) @Bound({ kind: 'code' }) code?: string | null;
  @Field(() => String, { nullable: true, description: '资源名称 / name' }) name?: string | null;
  @Field(() => String, { nullable: true, description: '资源摘要 / summary' }) @FreeText summary?: string | null;
  @Field(() => LibraryEnum, { nullable: true, description: '所属资源库 / library' }) library?: Library | null;
  @Field(() => DataFormatEnum, { nullable: true, description: '资源格式 / format' }) format?: DataFormat | null;
  @Field(() => UpdateFrequencyEnum, { nullable: true, description: '更新周期 / update frequency' }) updateFrequency?: UpdateFrequency | null;
  @Field(() => SecurityGradeEnum, { nullable: true, description: '数据分级 / security grade [J §7, B §10, Z §9]' }) securityGrade?: SecurityGrade | null;
  @Field(() => ShareAttributeEnum, { nullable: true, description: '共享属性 / share attribute [J §17, B §23]' }) shareAttribute?: ShareAttribute | null;
  @Field(() => OpenAttributeEnum, { nullable: true, description: '开放属性 / open attribute [J §19, B §30, Z §12]' }) openAttribute?: OpenAttribute | null;
  // A wide table can have hundreds of columns.
  @Field(() => [DataItemInput], { nullable: true, description: '信息项（整体替换）/ items (replaced as a whole)' }) @Bound({ maxItems: 500 }) items?: DataItemInput[] | null;

  @Field(() => String, { nullable: true, description: '由无条件开放改为受限开放时必须填写的理由 / required when UNCONDITIONAL open becomes RESTRICTED [Z §15]' })
  @FreeText
  openChangeReason?: string | null;
}

@InputType({ description: '目录检索条件 / catalog search filters' })
export class DataResourceFilter {
  @Field(() => String, {
    nullable: true,
    description:
      '关键词：名称、摘要或信息项名称中包含该连续文字即命中（子串匹配，不分词；一个字也可检索；不区分大小写和全角半角；% 和 _ 按普通字符处理），最长 50 个字 / ' +
      'keyword: matches entries whose name, summary or an item name contains it as consecutive text (substring, no word segmentation; a single character works; case- and width-insensitive; % and _ are plain characters), at most 50 characters [CAT-8]',
  })
  @Bound({ kind: 'line', max: MAX_KEYWORD_LENGTH })
  keyword?: string | null;

  @Field(() => ID, { nullable: true, description: '提供部门ID / provider organization ID' }) providerId?: string | null;
  @Field(() => ShareAttributeEnum, { nullable: true, description: '共享属性 / share attribute' }) shareAttribute?: ShareAttribute | null;
  @Field(() => OpenAttributeEnum, { nullable: true, description: '开放属性 / open attribute' }) openAttribute?: OpenAttribute | null;
  @Field(() => SecurityGradeEnum, { nullable: true, description: '数据分级 / security grade' }) securityGrade?: SecurityGrade | null;
  @Field(() => LibraryEnum, { nullable: true, description: '所属资源库 / library' }) library?: Library | null;
  @Field(() => DataFormatEnum, { nullable: true, description: '资源格式 / format' }) format?: DataFormat | null;
  @Field(() => UpdateFrequencyEnum, { nullable: true, description: '更新周期 / update frequency' }) updateFrequency?: UpdateFrequency | null;
  @Field(() => ResourceStatusEnum, { nullable: true, description: '状态（单个）；与 statuses 同时给出时须同时满足 / one status; with statuses, both apply' })
  status?: ResourceStatus | null;

  @Field(() => [ResourceStatusEnum], {
    nullable: true,
    description:
      '状态（任一）。status 和 statuses 都不填时不含已停用（DEPRECATED）条目；要查已停用的请明确列出 / ' +
      'any of these statuses. When neither status nor statuses is given, retired (DEPRECATED) entries are left out: list DEPRECATED to include them [CAT-5, CAT-8]',
  })
  statuses?: ResourceStatus[] | null;
}

@InputType({ description: '报送一次数据更新 / report a data update of a published entry [B §18, L §8]' })
export class RecordDataUpdateInput {
  @Field(() => ID)
  resourceId!: string;

  @Field(() => LocalDate, { nullable: true, description: '数据更新日期 YYYY-MM-DD，不得晚于今天；默认现在 / date of the update, YYYY-MM-DD, not in the future; now when omitted' })
  updatedOn?: string | null;

  @Field(() => String, { nullable: true, description: '说明 / note' })
  @FreeText
  note?: string | null;
}

@InputType({ description: '将信息项关联到其权威来源 / link an item to its authoritative source [J §9-10, B §14, L §10]' })
export class LinkDataItemSourceInput {
  @Field(() => ID)
  resourceId!: string;

  @Field({ description: '本条目中的信息项名称 / name of the item in this entry' })
  itemName!: string;

  @Field(() => ID, { description: '权威来源信息项ID / the authoritative item' })
  sourceItemId!: string;
}

@InputType({ description: '报备重复采集的理由 / file why an item is collected although an authoritative source provides it [B §14]' })
export class JustifyDataItemDuplicationInput {
  @Field(() => ID)
  resourceId!: string;

  @Field({ description: '本条目中的信息项名称 / name of the item in this entry' })
  itemName!: string;

  @Field({ description: '理由 / justification' })
  @FreeText
  justification!: string;
}
