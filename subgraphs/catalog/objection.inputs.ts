import { Field, ID, InputType } from 'type-graphql';
import type { Sensitivity } from '../../schema/enums.js';
import { SensitivityEnum } from './enums.js';
import {
  ObjectionKindEnum,
  ObjectionOutcomeEnum,
  ObjectionStatusEnum,
  SubjectKindEnum,
  type ObjectionKind,
  type ObjectionOutcome,
  type ObjectionStatus,
  type SubjectKind,
} from './objection.entity.js';
import { Bound, FreeText } from '../kit/server/input-bounds.js';

@InputType({ description: '异议人（被收集主体）/ the data subject who objects' })
export class DataSubjectInput {
  @Field(() => SubjectKindEnum, { description: '自然人或组织 / a natural person or an organization' })
  kind!: SubjectKind;

  @Field({ description: '姓名或名称 / name' })
  name!: string;

  @Field({
    description:
      "自然人填18位公民身份号码，组织填18位统一社会信用代码（均含校验位）/ a person's 18-character citizen ID number, or an organization's 18-character unified social credit code (check character included)",
  })
  @Bound({ kind: 'code', max: 32 })
  idNumber!: string;

  @Field({ description: '联系方式（电话、邮箱或地址），用于答复 / contact (phone, e-mail or address) for the answer' })
  contact!: string;
}

@InputType({ description: '提出数据异议 / object to public data about you [CAT-10, B §11]' })
export class FileDataObjectionInput {
  @Field(() => ID, { description: '异议所向的数据提供机构；异议保存在其所在平台 / the organization holding the data; the objection lives on its platform' })
  providerId!: string;

  @Field(() => ID, {
    nullable: true,
    description: "涉及的目录条目（须为该机构的条目），不清楚可不填 / the catalog entry concerned (one of that organization's); leave empty if unknown",
  })
  resourceId?: string | null;

  @Field(() => [String], { nullable: true, description: '涉及的信息项（须为该目录条目的信息项）/ the items concerned; each must be an item of the entry' })
  @Bound({ maxItems: 500 })
  itemNames?: string[] | null;

  @Field(() => ObjectionKindEnum, { description: '异议类型 / kind' })
  kind!: ObjectionKind;

  @Field(() => [SensitivityEnum], { nullable: true, description: 'INFRINGING 时必填：被侵犯的是国家秘密、商业秘密还是个人隐私 / required for INFRINGING: what is infringed' })
  infringes?: Sensitivity[] | null;

  @Field({ description: '异议内容：哪些数据有误、遗漏或侵权，以及请求 / what is wrong, missing or infringing, and what you ask for' })
  @FreeText
  description!: string;

  @Field(() => DataSubjectInput, { description: '异议人 / the data subject' })
  subject!: DataSubjectInput;
}

@InputType({ description: '处理数据异议 / handle an objection [CAT-10, B §11]' })
export class HandleDataObjectionInput {
  @Field(() => ID, { description: '异议ID / the objection' })
  id!: string;

  @Field(() => ObjectionOutcomeEnum, { description: '处理结果 / outcome' })
  outcome!: ObjectionOutcome;

  @Field({ description: '给异议人的答复：做了什么，或为何不予支持 / the answer to the subject: what was done, or why the objection is not upheld' })
  @FreeText
  response!: string;
}

@InputType({ description: '数据异议筛选条件 / filters for objections' })
export class DataObjectionFilter {
  @Field(() => ID, { nullable: true, description: '异议所向的机构 / addressed to this organization' })
  providerId?: string | null;

  @Field(() => ObjectionStatusEnum, { nullable: true, description: '状态 / status' })
  status?: ObjectionStatus | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true：仅超期未处理的（OPEN 且期限早于今天）；false：仅未超期的 / true: only overdue (OPEN and due before today, China time); false: only those not overdue',
  })
  overdue?: boolean | null;
}
