import { Entity, Index, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { defineEnum } from '../../kit/server/enums.js';
import { Owned } from '../../kit/server/owned.js';
import type { AggregateFn } from './aggregate.js';
import { AggregateMeasure } from './aggregate.types.js';

export const AGGREGATE_RUN_STATUSES = ['PENDING_REVIEW', 'APPROVED', 'REFUSED'] as const;
export type AggregateRunStatus = (typeof AGGREGATE_RUN_STATUSES)[number];

export const AggregateRunStatusEnum = defineEnum(AGGREGATE_RUN_STATUSES, {
  name: 'AggregateRunStatus',
  description: '统计任务的审查状态 / review status of an aggregate run [D §17, Z §20]',
  valuesConfig: {
    PENDING_REVIEW: { description: '待数据主管部门审查，结果不予发布 / held for the authority’s review: nothing is released' },
    APPROVED: { description: '已批准，申请人可读取结果 / approved: the requester reads the result' },
    REFUSED: { description: '不予发布 / refused: the result is never released' },
  },
});

/** Who runs it, and under what: an operator's staff member under an authorization [OPR-4, D §15], or a public data user under MODEL offers [OPN-2, Z §20]. */
export type AggregateBasis =
  | { kind: 'AUTHORIZATION'; operatorId: string; staffId: string; authorizationId: string }
  | { kind: 'MODEL'; userAccount: string; datasetIds: Record<string, string> };

export interface StoredPartialGroup {
  key: (string | null)[];
  count: number;
  values: { n: number; sum: string | null; min: string | null; max: string | null }[];
}

/**
 * This node's part of an aggregate run (migration 20261213000000): the query, the partial over the
 * run's entries held here, and the review. The ID is the run's, shared by every node holding a
 * part; its region is the run's scope (the lowest region containing all its entries), so the
 * gateway reaches every part through the nodes of that scope and the authority of that scope
 * reviews it [D §17, Z §20].
 */
@Entity({ tableName: 'aggregate_run' })
@Index({ properties: ['requesterSub'] })
@ObjectType('AggregateRun', {
  description:
    '统计任务（可用不可见）：在各数据所在平台计算，经数据主管部门审查后发布；ID 各平台共用，其区划为任务范围 / an aggregate run, usable but invisible: computed on each node holding its entries, released after the authority’s review; its ID is shared by its nodes and its region is the run’s scope [D §15, D §17, Z §20, OPR-4, OPN-2]',
})
export class AggregateRun extends Owned {
  /** Every entry of the run, on every node. */
  @Property({ type: 'json' })
  @Field(() => [ID])
  resourceIds!: string[];

  /** The entries of the run this node holds and computed. */
  @Property({ type: 'json' })
  @Field(() => [ID], { description: '本平台计算的条目（经网关时为已答复的全部）/ the entries this node computed (through the gateway, all that answered)' })
  localResourceIds!: string[];

  @Property({ type: 'json' })
  @Field(() => [String])
  groupBy!: string[];

  @Property({ type: 'json' })
  @Field(() => [AggregateMeasure])
  measures!: { fn: AggregateFn; item: string | null; numeric: boolean }[];

  @Property({ type: 'json' })
  filter!: unknown[];

  @Property({ type: 'text' })
  @Field()
  purpose!: string;

  @Property({ type: 'json' })
  basis!: AggregateBasis;

  @Property({ type: 'text' })
  requesterSub!: string;

  @Property({ type: 'text', nullable: true })
  requesterAccount!: string | null;

  @Property({ type: 'json' })
  groups!: StoredPartialGroup[];

  @Property({ type: 'integer' })
  minGroupSize!: number;

  @Property({ type: 'integer' })
  maxGroups!: number;

  @Property({ type: 'text' })
  @Field(() => AggregateRunStatusEnum, { description: '经网关时为各平台合并后的状态 / through the gateway, the status of all parts together' })
  status!: AggregateRunStatus;

  @Property({ type: 'text', nullable: true })
  reviewedBy!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  reviewedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  reviewReason!: string | null;
}
