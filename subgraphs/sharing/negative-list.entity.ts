import { ArrayType, Entity, Property } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { Owned } from '../kit/server/owned.js';
import { NegativeListSourceEnum, ShareViolationKindEnum, type NegativeListSource, type ShareViolationKind } from './enums.js';

/**
 * One line of an agency's negative list (负面清单) [SHR-3, B §24]: data it does not share, with
 * the data name, the items (数据字段) and the legal basis. Lives with the provider's catalog entry,
 * on its platform; removed lines are kept (removedAt) so a past rejection can still be judged.
 */
@Entity({ tableName: 'negative_list_entry' })
@ObjectType('NegativeListEntry', { description: "共享负面清单条目 / a line of an agency's sharing negative list [SHR-3, B §24]" })
export class NegativeListEntry extends Owned {
  @Property({ type: 'text' })
  providerId!: string;

  @Property({ type: 'text' })
  resourceId!: string;

  @Property({ type: 'text' })
  @Field({ description: "数据名称（目录条目名称）/ data name (the catalog entry's name)" })
  dataName!: string;

  @Property({ type: ArrayType })
  @Field(() => [String], { description: '不予共享的数据字段 / the items not shared' })
  itemNames!: string[];

  @Property({ type: 'text' })
  @Field({ description: '法律法规依据 / the legal basis' })
  legalBasis!: string;

  @Property({ type: 'text' })
  @Field(() => NegativeListSourceEnum, {
    description: '来源：提供部门列入，或目录条目不予共享（随目录条目变化）/ where it comes from: the provider, or the catalog entry being NOT_SHARED (follows the entry)',
  })
  source!: NegativeListSource;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '移出清单时间 / when it was taken off the list' })
  removedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '移出理由 / why it was taken off' })
  removalReason!: string | null;
}

/**
 * A provider's rejection of data not on its negative list, under a profile where such data must
 * be shared [SHR-3, B §24, L §34]: recorded for the authority to review.
 */
@Entity({ tableName: 'share_violation' })
@ObjectType('ShareViolation', {
  description: '拒绝共享负面清单外数据的记录，供数据主管部门审查 / a rejection of data not on the negative list, for the authority to review [SHR-3, B §24, L §34]',
})
export class ShareViolation extends Owned {
  @Property({ type: 'text' })
  @Field(() => ShareViolationKindEnum, { description: '类型 / kind' })
  kind!: ShareViolationKind;

  @Property({ type: ArrayType })
  @Field(() => [String], { description: '被驳回而不在负面清单上的信息项 / the items rejected that were not on the negative list [B §24, L §34]' })
  itemNames!: string[];

  @Property({ type: 'text' })
  shareRequestId!: string;

  @Property({ type: 'text' })
  providerId!: string;

  @Property({ type: 'text' })
  requesterId!: string;

  @Property({ type: 'text' })
  resourceId!: string;

  @Property({ type: 'text' })
  @Field({ description: '提供部门给出的驳回理由 / the reason the provider gave' })
  reason!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '审查时间 / when the authority reviewed it' })
  reviewedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '审查人 / who reviewed it' })
  reviewedBy!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: "审查意见 / the authority's finding" })
  reviewNote!: string | null;
}
