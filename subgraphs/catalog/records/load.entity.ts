import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { type LoadMode, LoadModeEnum, type LoadSource, LoadSourceEnum, type LoadStatus, LoadStatusEnum } from './load.enums.js';

export { LOAD_MODES, LOAD_SOURCES, LOAD_STATUSES, type LoadMode, type LoadSource, type LoadStatus } from './load.enums.js';

/**
 * One load of an entry's records: a version (migration 20261210000000). Served as it is stored
 * (a mutation answers with an entity, so an idempotent retry re-reads it); counts, errors and the
 * entry are field resolvers (records/load.resolver.ts).
 */
@Entity({ tableName: 'data_load' })
@Unique({ properties: ['resourceId', 'version'] })
@Index({ properties: ['resourceId'] })
@ObjectType('DataLoad', { description: '一次数据加载：条目数据的一个版本 / one load of an entry’s records: a version of its data [B §17-18, L §8]' })
export class DataLoad {
  /** A global ID in the entry's region (migration 20261211000000), so the gateway routes by it. */
  @PrimaryKey({ type: 'text' })
  @Field(() => ID, { description: '加载ID / the load’s ID' })
  id!: string;

  @Property({ type: 'text' })
  resourceId!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '版本号：条目的第几次加载 / the version: the entry’s n-th load' })
  version!: number;

  @Property({ type: 'text' })
  @Field(() => LoadSourceEnum, { description: '记录的来源 / how the records came' })
  source!: LoadSource;

  @Property({ type: 'text' })
  @Field(() => LoadModeEnum, { description: '替换或追加 / replace or append' })
  mode!: LoadMode;

  @Property({ type: 'text' })
  @Field(() => LoadStatusEnum, { description: '状态 / status' })
  status!: LoadStatus;

  @Property({ type: 'bigint', default: 0 })
  rowsRead: string | number = 0;

  @Property({ type: 'bigint', nullable: true })
  rowCount: string | number | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '规范化记录的SHA-256（已加载时）/ SHA-256 of the canonical records (once loaded)' })
  contentHash: string | null = null;

  @Property({ type: 'json', nullable: true })
  error: unknown = null;

  @Property({ type: 'text' })
  @Field({ description: '加载人账号 / the account that loaded' })
  loadedBy!: string;

  @Property({ type: 'text' })
  organizationId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '开始时间 / started at' })
  startedAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '结束时间 / finished at' })
  finishedAt: Date | null = null;
}
