import { ArrayType, Entity, Property } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import type { Sensitivity } from '../../schema/enums.js';
import { SensitivityEnum } from './enums.js';
import { Owned } from '../kit/server/owned.js';
import { LocalDate } from '../kit/server/scalars.js';
import { defineEnum } from '../kit/server/enums.js';

/**
 * The objection's own enums live here rather than in enums.ts: they belong to this feature only.
 */
export const OBJECTION_KINDS = ['WRONG', 'MISSING', 'INFRINGING'] as const;
export type ObjectionKind = (typeof OBJECTION_KINDS)[number];

export const OBJECTION_STATUSES = ['OPEN', 'RESOLVED'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

export const OBJECTION_OUTCOMES = ['CORRECTED', 'SUPPLEMENTED', 'PROTECTED', 'NO_ERROR', 'REJECTED'] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];

export const SUBJECT_KINDS = ['PERSON', 'ORGANIZATION'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const ObjectionKindEnum = defineEnum(OBJECTION_KINDS, {
  name: 'DataObjectionKind',
  description: '异议类型 / what the data subject objects to [B §11]',
  valuesConfig: {
    WRONG: { description: '数据错误 / the data about the subject is wrong' },
    MISSING: { description: '数据遗漏 / data about the subject is missing' },
    INFRINGING: { description: '侵犯国家秘密、商业秘密或个人隐私 / the data infringes state secrets, trade secrets or privacy (name which in `infringes`)' },
  },
});
export const ObjectionStatusEnum = defineEnum(OBJECTION_STATUSES, {
  name: 'DataObjectionStatus',
  description: '异议处理状态 / handling status of an objection',
  valuesConfig: {
    OPEN: { description: '待处理 / filed, waiting for the agency' },
    RESOLVED: { description: '已处理 / handled: see outcome and response' },
  },
});
export const ObjectionOutcomeEnum = defineEnum(OBJECTION_OUTCOMES, {
  name: 'DataObjectionOutcome',
  description: '异议处理结果 / how the agency handled an objection [B §11, B §15]',
  valuesConfig: {
    CORRECTED: { description: '已更正 / the wrong data was corrected' },
    SUPPLEMENTED: { description: '已补充 / the missing data was added' },
    PROTECTED: { description: '已采取保护措施（删除、脱敏或限制访问）/ the infringing data was removed, desensitized or closed' },
    NO_ERROR: { description: '经核实无误 / verified: the data is correct and lawful; the response explains why' },
    REJECTED: { description: "不予支持 / not upheld (e.g. not the subject's data, not held by this agency); the response gives the reason" },
  },
});
export const SubjectKindEnum = defineEnum(SUBJECT_KINDS, {
  name: 'DataSubjectKind',
  description: '异议人类型 / kind of data subject',
  valuesConfig: {
    PERSON: { description: '自然人（公民身份号码）/ a natural person, identified by citizen ID number' },
    ORGANIZATION: { description: '法人或其他组织（统一社会信用代码）/ a legal person or other organization, identified by unified social credit code' },
  },
});

/**
 * Who the objection is about, as shown to the caller: personal information is masked unless the
 * caller handles the objection [SEC-3].
 */
@ObjectType('DataSubject', { description: '异议人（被收集主体）/ the data subject who objects' })
export class DataSubject {
  @Field(() => SubjectKindEnum, { description: '类型 / kind' })
  kind!: SubjectKind;

  @Field({ description: "姓名或名称（自然人对非处理人脱敏）/ name (a person's is masked except for those who handle the objection)" })
  name!: string;

  @Field({
    description:
      '公民身份号码或统一社会信用代码（身份证号对非处理人脱敏，保留前6后4位）/ citizen ID number (masked to first 6 and last 4 except for those who handle the objection) or unified social credit code',
  })
  idNumber!: string;

  @Field({ description: '联系方式（对非处理人脱敏）/ contact (masked except for those who handle the objection)' })
  contact!: string;

  @Field({ description: '以上信息是否已脱敏 / whether the fields above are masked for this caller [SEC-3]' })
  masked!: boolean;
}

/**
 * A data subject's objection that public data about them is wrong, missing or infringes secrets or
 * privacy, addressed to the organization that holds the data [CAT-10, B §11]. It lives on the
 * provider's node (its ID carries the provider's region), where the provider and the authority
 * handle it. The deadline applied at filing is stored with its basis, so a later change of the
 * node's profiles never moves a deadline already given.
 */
@Entity({ tableName: 'data_objection' })
@ObjectType('DataObjection', { description: "数据异议：被收集主体认为数据错误、遗漏或侵犯秘密、隐私 / a data subject's objection to public data about them [CAT-10, B §11]" })
export class DataObjection extends Owned {
  @Property({ type: 'text' })
  providerId!: string;

  @Property({ type: 'text', nullable: true })
  resourceId!: string | null;

  @Property({ type: ArrayType })
  @Field(() => [String], { description: '涉及的信息项 / data items concerned (items of the catalog entry)' })
  itemNames!: string[];

  @Property({ type: 'text' })
  @Field(() => ObjectionKindEnum, { description: '异议类型 / kind' })
  kind!: ObjectionKind;

  @Property({ type: ArrayType })
  @Field(() => [SensitivityEnum], { description: '被侵犯的秘密或隐私（INFRINGING 时）/ what is infringed (INFRINGING only)' })
  infringes!: Sensitivity[];

  @Property({ type: 'text' })
  @Field({ description: '异议内容 / what is wrong, missing or infringing, and what the subject asks for' })
  description!: string;

  @Property({ type: 'text' })
  subjectKind!: SubjectKind;

  @Property({ type: 'text' })
  subjectName!: string;

  @Property({ type: 'text' })
  subjectIdNumber!: string;

  @Property({ type: 'text' })
  subjectContact!: string;

  @Property({ type: 'text' })
  @Field(() => ObjectionStatusEnum, { description: '状态 / status' })
  status!: ObjectionStatus;

  @Property({ type: 'text', nullable: true })
  @Field(() => ObjectionOutcomeEnum, { nullable: true, description: '处理结果 / outcome (once RESOLVED)' })
  outcome!: ObjectionOutcome | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '答复：处理情况或不予支持的理由 / the answer to the subject: what was done, or why not' })
  response!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '处理时间 / handled at' })
  handledAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '处理人（用户标识）/ who handled it (user subject)' })
  handledBy!: string | null;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => LocalDate, { description: '处理期限 (YYYY-MM-DD，中国工作日计算) / due date, counted in Chinese working days from the filing date [SEC-6]' })
  dueDate!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '适用的处理时限（工作日）/ the handling period applied, in working days' })
  deadlineWorkingDays!: number;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '时限来源的政策配置（J/B/D/L/Z）；为空表示平台默认 / the policy profile that set the period; null for the platform default' })
  deadlineProfile!: string | null;

  @Property({ type: 'text' })
  @Field({ description: '时限依据 / the article the period comes from' })
  deadlineBasis!: string;
}
