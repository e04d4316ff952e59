import { Entity, Property } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { defineEnum } from '../../kit/server/enums.js';
import { Owned } from '../../kit/server/owned.js';

export const DESTRUCTION_TARGETS = ['VERSION', 'FILTER'] as const;
export type DestructionTarget = (typeof DESTRUCTION_TARGETS)[number];

export const DESTRUCTION_STATUSES = ['PENDING', 'APPROVED', 'REFUSED'] as const;
export type DestructionStatus = (typeof DESTRUCTION_STATUSES)[number];

export const DestructionTargetEnum = defineEnum(DESTRUCTION_TARGETS, {
  name: 'DataDestructionTarget',
  description: '销毁范围 / what a destruction request covers',
  valuesConfig: {
    VERSION: { description: '一个完整的数据版本（一次装载）/ one whole version of the entry’s data (one load)' },
    FILTER: { description: '符合筛选条件的记录（所有版本中）/ the records matching a filter, in every version' },
  },
});

export const DestructionStatusEnum = defineEnum(DESTRUCTION_STATUSES, {
  name: 'DataDestructionStatus',
  description: '销毁申请状态 / status of a destruction request',
  valuesConfig: {
    PENDING: { description: '待主管部门审批 / waiting for the data authority' },
    APPROVED: { description: '已批准并已销毁 / approved: the records were destroyed in the same transaction' },
    REFUSED: { description: '不予批准 / refused, with the reason; nothing was destroyed' },
  },
});

/** One condition of a FILTER request, as it was asked (the values only its provider and overseers read). */
@ObjectType('DataDestructionCondition', { description: '销毁申请的筛选条件 / one filter condition of a destruction request' })
export class DestructionCondition {
  @Field({ description: '信息项名称 / the item’s name' })
  item!: string;

  @Field(() => String, { nullable: true, description: '等于 / equals' })
  eq?: string | null;

  @Field(() => [String], { nullable: true, description: '等于其中之一 / equals one of' })
  in?: string[] | null;

  @Field(() => String, { nullable: true, description: '不小于 / at least' })
  gte?: string | null;

  @Field(() => String, { nullable: true, description: '不大于 / at most' })
  lte?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true：为空；false：不为空 / true: empty; false: not empty' })
  isNull?: boolean | null;
}

/**
 * A request of the providing agency to destroy records of its entry that lost their value, and
 * the authority's decision [SEC-4, J §30, Z §32]. It lives on the entry's node, next to the rows.
 * On approval the rows are deleted in the decision's own transaction; what remains of them is the
 * count and a SHA-256 of their content, here and in the audit log.
 */
@Entity({ tableName: 'data_destruction' })
@ObjectType('DataDestruction', { description: '数据销毁申请：提供部门申请、主管部门审批 / a request to destroy records of an entry, and its decision [SEC-4, J §30, Z §32]' })
export class DataDestruction extends Owned {
  @Property({ type: 'text' })
  resourceId!: string;

  @Property({ type: 'text' })
  providerId!: string;

  @Property({ type: 'text' })
  @Field(() => DestructionTargetEnum, { description: '销毁范围 / what is to be destroyed' })
  target!: DestructionTarget;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'VERSION：要销毁的数据版本号 / VERSION: the version (load) to destroy' })
  loadVersion!: number | null;

  @Property({ type: 'json', nullable: true })
  @Field(() => [DestructionCondition], { nullable: true, description: 'FILTER：要销毁的记录的筛选条件 / FILTER: the conditions the records to destroy match' })
  filter!: DestructionCondition[] | null;

  @Property({ type: 'text' })
  @Field({ description: '销毁理由：数据为何已失去价值 / why the data lost its value' })
  reason!: string;

  @Property({ type: 'text' })
  @Field({ description: '依据（条款）/ the legal basis cited, e.g. 《浙江省公共数据条例》第三十条' })
  legalBasis!: string;

  @Property({ type: 'bigint' })
  matchingRows!: string | number;

  @Property({ type: 'text' })
  @Field(() => DestructionStatusEnum, { description: '状态 / status' })
  status!: DestructionStatus;

  @Property({ type: 'text' })
  @Field({ description: '申请人（用户标识）/ who asked (user subject)' })
  requestedBy!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '审批人（用户标识）/ who decided (user subject)' })
  decidedBy!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '审批时间 / decided at' })
  decidedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '审批意见；不予批准时为理由 / the decision’s note; for a refusal, its reason' })
  decisionNote!: string | null;

  @Property({ type: 'array', columnType: 'integer[]', nullable: true })
  @Field(() => [Int], { nullable: true, description: '批准后：被销毁记录所在的版本 / once approved: the versions rows were destroyed from' })
  destroyedVersions!: number[] | null;

  @Property({ type: 'bigint', nullable: true })
  rowCount!: string | number | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description:
      '批准后：被销毁内容的 SHA-256（按版本号、行号排序，每行为“版本\\t行号\\t记录JSON\\n”）/ once approved: SHA-256 of the destroyed content, rows in (version, row number) order, each "version\\trow\\tJSON\\n"',
  })
  contentHash!: string | null;
}
