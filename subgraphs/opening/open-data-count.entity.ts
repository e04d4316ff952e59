import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';

/** Downloads or API calls of an open dataset on one Chinese day, and their rows (migration 20261212000000; written by open-access.route.ts) [OPN-9]. */
@Entity({ tableName: 'open_data_count' })
@Index({ properties: ['providerId'], name: 'open_data_count_provider_idx' })
export class OpenDataCount {
  @PrimaryKey({ type: 'text' })
  datasetId!: string;

  @PrimaryKey({ type: 'string', columnType: 'date' })
  day!: string;

  @PrimaryKey({ type: 'text' })
  method!: 'API' | 'DOWNLOAD';

  @Property({ type: 'text' })
  providerId!: string;

  @Property({ type: 'bigint', default: 0 })
  calls: string | number = 0;

  @Property({ type: 'bigint', default: 0 })
  rows: string | number = 0;
}
