import { ArrayType, Entity, Property } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { Owned } from '../kit/server/owned.js';
import { defineEnum } from '../kit/server/enums.js';

export const DEMAND_STATUSES = ['OPEN', 'ASSIGNED', 'ACCEPTED', 'DECLINED', 'FULFILLED'] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];

export const DemandStatusEnum = defineEnum(DEMAND_STATUSES, {
  name: 'DataDemandStatus',
  description: '需求清单状态 / status of a data demand [SHR-4, B §27, J §17]',
  valuesConfig: {
    OPEN: { description: '已提出，待数据主管部门协调提供部门 / filed: waiting for the data authority to assign a provider' },
    ASSIGNED: { description: '已指定提供部门，待其答复 / a provider was assigned and has not answered yet' },
    ACCEPTED: { description: '提供部门已同意，待其将数据编入目录 / the provider agreed and is adding the data to the catalog' },
    DECLINED: { description: '提供部门不同意，见 declineReason；主管部门可另行指定 / the provider declined (see declineReason); the authority may assign another' },
    FULFILLED: { description: '已编入目录，见 resource，可据此申请共享 / the data is in the catalog (see resource): request it with requestShare' },
  },
});

/**
 * A need for data that is not in the catalog (需求清单) [SHR-4, B §27, J §17, Z §22]. It lives on
 * the requester's node (its ID carries the requester's region), where the authority acting on that
 * region coordinates a provider; the provider's staff answer it there, and link the new catalog
 * entry once it is published.
 */
@Entity({ tableName: 'data_demand' })
@ObjectType('DataDemand', { description: '共享需求清单：目录中没有的数据需求 / a demand for data that is not in the catalog [SHR-4, B §27, J §17]' })
export class DataDemand extends Owned {
  @Property({ type: 'text' })
  requesterId!: string;

  @Property({ type: 'text' })
  @Field({ description: '需要的数据名称 / the data needed' })
  dataName!: string;

  @Property({ type: 'text' })
  @Field({ description: '需求说明：需要什么数据、范围和更新要求 / what data is needed, its coverage and freshness' })
  description!: string;

  @Property({ type: ArrayType })
  @Field(() => [String], { description: '需要的信息项 / the data items needed' })
  itemNames!: string[];

  @Property({ type: 'text' })
  @Field({ description: '应用场景 / the scenario the data is needed for' })
  scenario!: string;

  @Property({ type: 'text' })
  @Field({ description: '所履行的法定职责 / the statutory duty the demand serves' })
  legalDuty!: string;

  @Property({ type: 'text' })
  @Field(() => DemandStatusEnum, { description: '状态 / status' })
  status!: DemandStatus;

  @Property({ type: 'text', nullable: true })
  providerId!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '指定提供部门的时间 / when the provider was assigned' })
  assignedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '指定人（用户标识）/ who assigned the provider (user subject)' })
  assignedBy!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: "协调意见 / the authority's note to the provider" })
  assignmentNote!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '提供部门答复时间 / when the provider answered' })
  respondedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '答复人（用户标识）/ who answered for the provider (user subject)' })
  respondedBy!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '不同意提供的理由（DECLINED 时）/ why the provider declined (DECLINED only)' })
  declineReason!: string | null;

  @Property({ type: 'text', nullable: true })
  resourceId!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '编入目录并告知申请部门的时间 / when the new catalog entry was linked and the requester told' })
  fulfilledAt!: Date | null;
}
