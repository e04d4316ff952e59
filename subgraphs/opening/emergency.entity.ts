import { ArrayType, Entity, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { OpenEmergencyKindEnum, OpenEmergencyMeasureEnum, OpenEmergencyStatusEnum, type OpenEmergencyKind, type OpenEmergencyMeasure, type OpenEmergencyStatus } from './enums.js';
import { Owned } from '../kit/server/owned.js';

/** What was done with one dataset's collected data when the event ended (JSON). */
export interface StoredEmergencyMeasure {
  datasetId: string;
  measure: OpenEmergencyMeasure;
  note: string | null;
}

@ObjectType('OpenDataEmergencyMeasure', { description: "应对结束后对一个数据集所采集数据的处理 / what was done with one dataset's collected data when the event ended [Z §32]" })
export class OpenDataEmergencyMeasure {
  @Field(() => ID, { description: '数据集ID / the dataset' })
  datasetId!: string;

  @Field(() => OpenEmergencyMeasureEnum, { description: '封存或安排销毁 / sealed or scheduled for destruction' })
  measure!: OpenEmergencyMeasure;

  @Field(() => String, { nullable: true, description: '说明 / note' })
  note!: string | null;
}

/**
 * An emergency opening [Z §8, Z §32]: the authority opens the data an event needs in one step (its
 * order is the one approval; no proposal round), for a stated number of hours after which the
 * opening is due to end. When the event is over the authority ends it: its datasets are withdrawn,
 * what was collected for it is sealed or scheduled for destruction (per dataset) and the
 * applications built on it are shut down; the record keeps all of it. It lives on the node of its
 * datasets' region.
 */
@Entity({ tableName: 'open_data_emergency' })
@ObjectType('OpenDataEmergency', {
  description:
    '应急开放：突发事件中数据主管部门快速开放数据；事件结束后撤回数据、封存或销毁所采集数据并关停相关应用 / an emergency opening: the data authority opens data quickly for an event; when it is over the data is withdrawn, what was collected sealed or destroyed, and its applications shut down [OPN-8, Z §8, Z §32]',
})
export class OpenDataEmergency extends Owned {
  @Property({ type: 'text' })
  @Field({ description: '突发事件名称 / the emergency event' })
  event!: string;

  @Property({ type: 'text' })
  @Field(() => OpenEmergencyKindEnum, { description: '突发事件类型 / kind of event [Z §8]' })
  kind!: OpenEmergencyKind;

  @Property({ type: 'text' })
  @Field(() => OpenEmergencyStatusEnum, { description: '状态 / status' })
  status!: OpenEmergencyStatus;

  @Property({ type: ArrayType })
  @Field(() => [ID], { description: '为该事件开放的数据集 / the datasets opened for the event' })
  datasetIds!: string[];

  /** The opening agencies of its datasets: who besides the overseers sees the record. */
  @Property({ type: ArrayType })
  providerIds!: string[];

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '开放时长（小时）/ how many hours the opening is to last' })
  openForHours!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '预定结束时间：到期须结束或重新确认 / when the opening is due to end' })
  openUntil!: Date;

  @Property({ type: 'text' })
  @Field({ description: '决定应急开放的数据主管部门（令牌主体）/ the authority that opened it (token subject)' })
  declaredBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '结束时间 / when it ended' })
  endedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '结束者（令牌主体）/ who ended it (token subject)' })
  endedBy!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '结束说明：分类评估及安全处理情况 / how the event ended: the assessment and the safe handling [Z §32]' })
  endSummary!: string | null;

  @Property({ type: 'json' })
  measures!: StoredEmergencyMeasure[];

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: '结束时关停的相关数据应用数（结束前为空）/ applications shut down when it ended (null before) [Z §32]' })
  applicationsShutDown!: number | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '更新时间 / updated at' })
  updatedAt!: Date;
}
