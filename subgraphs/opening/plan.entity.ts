import { Entity, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Owned } from '../kit/server/owned.js';

/** A planned item as the plan keeps it: the catalog entry and the quarter it is to open in. */
export interface StoredPlanItem {
  resourceId: string;
  quarter: number;
  note: string | null;
}

/** A superseded revision, kept when the agency files again for the same year. */
export interface StoredPlanRevision {
  revision: number;
  filedAt: string;
  items: StoredPlanItem[];
}

@ObjectType('OpenDataPlanItem', { description: '年度开放计划中的一项及其完成情况 / an item of an annual open plan and whether it was delivered [J §19]' })
export class OpenDataPlanItem {
  @Field(() => ID, { description: '计划开放的目录条目 / the catalog entry planned for opening' })
  resourceId!: string;

  @Field(() => Int, { description: '计划开放的季度（1-4）/ the quarter it is planned to open in (1-4)' })
  quarter!: number;

  @Field(() => String, { nullable: true, description: '说明 / note' })
  note!: string | null;

  @Field(() => Date, { nullable: true, description: '首次经审核开放的时间（未开放为空）/ when it first entered the open catalog (null if never) [B §31]' })
  openedAt!: Date | null;

  @Field({ description: "是否已在计划年度内开放 / whether it was opened within the plan's year" })
  delivered!: boolean;

  @Field({ description: '计划季度已过而尚未开放 / its quarter is over and it is not delivered' })
  overdue!: boolean;
}

@ObjectType('OpenDataPlanRevision', { description: '年度开放计划被修订前的版本 / a superseded revision of an annual open plan [J §19]' })
export class OpenDataPlanRevision {
  @Field(() => Int, { description: '版本号 / revision number' })
  revision!: number;

  @Field({ description: '报送时间 / filed at' })
  filedAt!: Date;

  @Field(() => Int, { description: '该版本的计划项数 / number of items in that revision' })
  plannedCount!: number;

  @Field(() => [ID], { description: '该版本计划开放的目录条目 / the catalog entries that revision planned' })
  resourceIds!: string[];
}

/**
 * An agency's annual open plan (年度开放计划) [J §19]: the catalog entries it plans to open in a year,
 * each in a quarter, on the node of the agency's region. Filing again for the same year revises it:
 * the items are replaced and the previous revision is kept in its history, so delivery is measured
 * against the plan in force while earlier promises stay on record.
 */
@Entity({ tableName: 'open_data_plan' })
@ObjectType('OpenDataPlan', {
  description:
    '年度开放计划：开放主体报送当年计划开放的目录条目，数据主管部门对照完成情况 / an annual open plan: the catalog entries an agency plans to open in a year, which the authority follows against delivery [J §19, Z §10]',
})
export class OpenDataPlan extends Owned {
  @Property({ type: 'text' })
  agencyId!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: "计划年度 / the plan's year" })
  year!: number;

  @Property({ type: 'json' })
  items!: StoredPlanItem[];

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '版本号：每次重新报送加一 / revision: one more each time the plan is filed again' })
  revision!: number;

  @Property({ type: 'json' })
  history!: StoredPlanRevision[];

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '最近一次报送时间 / when the plan in force was filed' })
  filedAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '更新时间 / updated at' })
  updatedAt!: Date;
}
