import { Field, ID, InputType } from 'type-graphql';
import type {
  DataFormat, DataType, Library, OpenAttribute, ResourceStatus, SecurityGrade, Sensitivity, ShareAttribute, ShareMode, UpdateFrequency,
} from '../../schema/enums.js';
import {
  DataFormatEnum, DataTypeEnum, LibraryEnum, OpenAttributeEnum, ResourceStatusEnum, SecurityGradeEnum, SensitivityEnum, ShareAttributeEnum,
  ShareModeEnum, UpdateFrequencyEnum,
} from './enums.js';

@InputType({ description: '信息项 / a data item' })
export class DataItemInput {
  @Field()
  name!: string;

  @Field(() => DataTypeEnum)
  dataType!: DataType;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field({ defaultValue: false, description: '是否个人信息 / personal information' })
  personalInfo!: boolean;

  @Field({ defaultValue: false, description: '是否标识符 / identifier' })
  identifier!: boolean;

  @Field({ defaultValue: false, description: '本条目是该信息项的权威来源；同名信息项在本平台只能有一个权威来源 / this entry is the authoritative source of the item; an item name has one authoritative source per platform [J §9-10, B §14]' })
  authoritative!: boolean;

  @Field(() => ID, { nullable: true, description: '该信息项取自的权威来源信息项ID（另一条已发布条目的信息项）/ the authoritative item (of another published entry) this item is obtained from' })
  sourceItemId?: string | null;

  @Field(() => String, { nullable: true, description: '确需重复采集时的理由 / why the item must be collected although an authoritative source provides it' })
  duplicationJustification?: string | null;
}

/** Fields every version of an entry has; create requires them, update takes any subset. */
@InputType({ description: '编目信息 / catalog metadata' })
export class DataResourceFieldsInput {
  @Field(() => String, { nullable: true }) code?: string | null;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) summary?: string | null;
  @Field(() => String, { nullable: true }) categoryCode?: string | null;
  @Field(() => LibraryEnum, { nullable: true }) library?: Library | null;
  @Field(() => DataFormatEnum, { nullable: true }) format?: DataFormat | null;
  @Field(() => UpdateFrequencyEnum, { nullable: true }) updateFrequency?: UpdateFrequency | null;
  @Field(() => SecurityGradeEnum, { nullable: true }) securityGrade?: SecurityGrade | null;
  @Field(() => ShareAttributeEnum, { nullable: true }) shareAttribute?: ShareAttribute | null;
  @Field(() => String, { nullable: true }) shareCondition?: string | null;
  @Field(() => String, { nullable: true }) shareReason?: string | null;
  @Field(() => ShareModeEnum, { nullable: true }) shareMode?: ShareMode | null;
  @Field(() => String, { nullable: true }) legalBasis?: string | null;
  @Field(() => OpenAttributeEnum, { nullable: true }) openAttribute?: OpenAttribute | null;
  @Field(() => String, { nullable: true }) openCondition?: string | null;
  @Field(() => [SensitivityEnum], { nullable: true }) sensitivities?: Sensitivity[] | null;
  @Field(() => Boolean, { nullable: true }) desensitized?: boolean | null;
  @Field(() => Boolean, { nullable: true }) consentObtained?: boolean | null;
  @Field(() => [String], { nullable: true }) relatedCodes?: string[] | null;
  @Field(() => [DataItemInput], { nullable: true, description: '信息项（更新时整体替换）/ items (replaced as a whole on update)' })
  items?: DataItemInput[] | null;
}

@InputType({ description: '新建目录条目（草稿）/ create a catalog entry (as a draft)' })
export class CreateDataResourceInput extends DataResourceFieldsInput {
  @Field(() => ID, { description: '提供部门ID，条目保存在其所在平台 / providing organization; the entry lives on its platform' })
  providerId!: string;
}

@InputType({ description: '修改目录条目 / change a catalog entry' })
export class UpdateDataResourceInput extends DataResourceFieldsInput {
  @Field(() => String, { nullable: true, description: '由无条件开放改为受限开放时必须填写的理由 / required when UNCONDITIONAL open becomes RESTRICTED [Z §15]' })
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
  keyword?: string | null;

  @Field(() => ID, { nullable: true, description: '提供部门ID / provider organization ID' }) providerId?: string | null;
  @Field(() => ShareAttributeEnum, { nullable: true, description: '共享属性 / share attribute' }) shareAttribute?: ShareAttribute | null;
  @Field(() => OpenAttributeEnum, { nullable: true, description: '开放属性 / open attribute' }) openAttribute?: OpenAttribute | null;
  @Field(() => SecurityGradeEnum, { nullable: true, description: '数据分级 / security grade' }) securityGrade?: SecurityGrade | null;
  @Field(() => LibraryEnum, { nullable: true, description: '所属资源库 / library' }) library?: Library | null;
  @Field(() => DataFormatEnum, { nullable: true, description: '资源格式 / format' }) format?: DataFormat | null;
  @Field(() => UpdateFrequencyEnum, { nullable: true, description: '更新周期 / update frequency' }) updateFrequency?: UpdateFrequency | null;
  @Field(() => ResourceStatusEnum, { nullable: true, description: '状态 / status' }) status?: ResourceStatus | null;
}

@InputType({ description: '报送一次数据更新 / report a data update of a published entry [B §18, L §8]' })
export class RecordDataUpdateInput {
  @Field(() => ID)
  resourceId!: string;

  @Field(() => String, { nullable: true, description: '数据更新日期 YYYY-MM-DD，不得晚于今天；默认现在 / date of the update, YYYY-MM-DD, not in the future; now when omitted' })
  updatedOn?: string | null;

  @Field(() => String, { nullable: true, description: '说明 / note' })
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
  justification!: string;
}
