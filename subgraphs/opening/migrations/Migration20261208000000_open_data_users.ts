import { Migration } from '@mikro-orm/migrations';

/**
 * Public data users [B §3, Z §16]: natural persons, legal persons and other organizations
 * registered on the platform of their region. The identifier is kept only as a hash (one
 * registration per identifier on a platform) and a masked form.
 */
export class Migration20261208000000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "opening"."open_data_user" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      name text not null,
      kind text not null,
      identifier_hash text collate "C" not null unique,
      identifier_masked text not null,
      contact text not null,
      status text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1,
      constraint open_data_user_kind check (kind in ('NATURAL_PERSON', 'LEGAL_PERSON', 'OTHER_ORGANIZATION')),
      constraint open_data_user_status check (status in ('ACTIVE', 'SUSPENDED', 'TERMINATED'))
    )`);
    this.addSql('create index open_data_user_region_seq on "opening"."open_data_user" (region_code, seq)');
  }
}
