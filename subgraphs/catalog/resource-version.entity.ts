import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import type { ResourceStatus } from '../../schema/enums.js';
import { ResourceStatusEnum } from './enums.js';
import type { ResourceContent } from './resource.entity.js';
import { defineEnum } from '../kit/server/enums.js';

export const VERSION_ACTIONS = [
  'CREATED',
  'UPDATED',
  'SUBMITTED',
  'PUBLISHED',
  'RETURNED',
  'RETIRED',
  'REVISION_UPDATED',
  'REVISION_SUBMITTED',
  'REVISION_PUBLISHED',
  'REVISION_RETURNED',
  'DATA_UPDATED',
  'SOURCE_LINKED',
  'DUPLICATION_JUSTIFIED',
] as const;
export type VersionAction = (typeof VERSION_ACTIONS)[number];
export const VersionActionEnum = defineEnum(VERSION_ACTIONS, {
  name: 'CatalogVersionAction',
  description: '目录条目的变更动作 / what happened to a catalog entry in one version [CAT-5]',
  valuesConfig: {
    CREATED: { description: '新建草稿 / draft created' },
    UPDATED: { description: '修改草稿或退回的条目 / draft or returned entry changed' },
    SUBMITTED: { description: '提交审核 / submitted for review' },
    PUBLISHED: { description: '审核通过并发布 / approved and published' },
    RETURNED: { description: '审核退回 / returned with comments' },
    RETIRED: { description: '停用 / retired' },
    REVISION_UPDATED: { description: '拟订对已发布条目的修改 / change to a published entry drafted' },
    REVISION_SUBMITTED: { description: '修改提交审核 / change submitted for review' },
    REVISION_PUBLISHED: { description: '修改审核通过，新版本生效 / change approved: the new version is published' },
    REVISION_RETURNED: { description: '修改被退回 / change returned with comments' },
    DATA_UPDATED: { description: '报送数据更新 / data update reported' },
    SOURCE_LINKED: { description: '信息项关联权威来源 / item linked to its authoritative source' },
    DUPLICATION_JUSTIFIED: { description: '报备重复采集理由 / justification for a duplicated item filed' },
  },
});

@ObjectType('CatalogFieldChange', { description: '一个字段的变更 / one field changed in a version' })
export class FieldChange {
  @Field({ description: '字段名；信息项为 items.<名称> / field name; items appear as items.<name>' })
  field!: string;

  /** Stored as text (strings as they are, other values as JSON text, see `diffContent`); the schema answers the values themselves (`changedValue`). */
  before!: string | null;

  after!: string | null;
}

/** One kept version of a catalog entry: who did what, when, and the full content as of then [CAT-5, J §9, B §18]. */
@Entity({ tableName: 'data_resource_version' })
@Unique({ properties: ['resourceId', 'number'] })
@ObjectType('DataResourceVersion', { description: '目录条目的一个历史版本：谁在何时改了什么 / one version of a catalog entry: who changed what, when [CAT-5]' })
export class DataResourceVersion {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  resourceId!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '版本序号，从 1 开始 / version number, from 1' })
  number!: number;

  @Property({ type: 'text' })
  @Field(() => VersionActionEnum, { description: '动作 / action' })
  action!: VersionAction;

  @Property({ type: 'text' })
  @Field(() => ResourceStatusEnum, { description: '动作后条目的状态 / status of the entry after the action' })
  status!: ResourceStatus;

  @Property({ type: 'json' })
  @Field(() => [FieldChange], { description: '与上一版本相比的变更 / fields changed compared with the previous version' })
  changes!: FieldChange[];

  @Property({ type: 'json' })
  snapshot!: ResourceContent;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '审核意见、停用理由或说明 / review comment, reason or note' })
  comment!: string | null;

  @Property({ type: 'text' })
  @Field({ description: '操作人 / who acted (account)' })
  actorSub!: string;

  @Property({ type: 'text', nullable: true })
  actorOrgId!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '时间 / when' })
  createdAt!: Date;
}
