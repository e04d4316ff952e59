import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';

/** Reads the data plane served through a grant on one Chinese day, and their rows (migration 20261212000000; written by grant-use.route.ts) [SHR-11]. */
@Entity({ tableName: 'grant_use' })
@Index({ properties: ['providerId'], name: 'grant_use_provider_idx' })
@Index({ properties: ['requesterId'], name: 'grant_use_requester_idx' })
export class GrantUse {
  @PrimaryKey({ type: 'text' })
  grantId!: string;

  @PrimaryKey({ type: 'string', columnType: 'date' })
  day!: string;

  @Property({ type: 'text' })
  providerId!: string;

  @Property({ type: 'text' })
  requesterId!: string;

  @Property({ type: 'bigint', default: 0 })
  reads: string | number = 0;

  @Property({ type: 'bigint', default: 0 })
  rows: string | number = 0;
}
