import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';

export const LOAD_SOURCES = ['CSV', 'JSON', 'API'] as const;
export type LoadSource = (typeof LOAD_SOURCES)[number];

/** REPLACE: the load is the entry's whole data from now on; APPEND: its rows add to the current ones. */
export const LOAD_MODES = ['REPLACE', 'APPEND'] as const;
export type LoadMode = (typeof LOAD_MODES)[number];

/** LOADING until its transaction ends: LOADED with its rows, or REJECTED with none; DESTROYED once its rows were destroyed by approval. */
export const LOAD_STATUSES = ['LOADING', 'LOADED', 'REJECTED', 'DESTROYED'] as const;
export type LoadStatus = (typeof LOAD_STATUSES)[number];

/** One load of an entry's records: a version (migration 20261210000000). */
@Entity({ tableName: 'data_load' })
@Unique({ properties: ['resourceId', 'version'] })
export class DataLoad {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  resourceId!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'text' })
  source!: LoadSource;

  @Property({ type: 'text' })
  mode!: LoadMode;

  @Property({ type: 'text' })
  status!: LoadStatus;

  @Property({ type: 'bigint', default: 0 })
  rowsRead: string | number = 0;

  @Property({ type: 'bigint', nullable: true })
  rowCount: string | number | null = null;

  @Property({ type: 'text', nullable: true })
  contentHash: string | null = null;

  @Property({ type: 'json', nullable: true })
  error: unknown = null;

  @Property({ type: 'text' })
  loadedBy!: string;

  @Property({ type: 'text' })
  organizationId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  startedAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;
}
