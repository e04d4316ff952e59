import { Migration } from '@mikro-orm/migrations';
import { auditTableSql } from '../../kit/server/audit.js';

/** Opening schema: the open catalog (open datasets) and the audit log. */
export class Migration20261124000000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "opening"."open_dataset" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      resource_id text collate "C" not null unique,
      provider_id text collate "C" not null,
      title text not null,
      description text,
      open_attribute text not null,
      access_methods text[] not null,
      priority_domain text,
      status text not null,
      published_at timestamptz not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1,
      -- PROHIBITED data never reaches the open catalog [Z §12, B §30].
      constraint open_dataset_open_attribute check (open_attribute in ('UNCONDITIONAL', 'RESTRICTED')),
      constraint open_dataset_has_method check (cardinality(access_methods) > 0),
      constraint open_dataset_status check (status in ('OPEN', 'SUSPENDED', 'WITHDRAWN'))
    )`);
    this.addSql('create index open_dataset_region_seq on "opening"."open_dataset" (region_code, seq)');
    this.addSql('create index open_dataset_status_seq on "opening"."open_dataset" (status, seq)');
    this.addSql('create index open_dataset_provider on "opening"."open_dataset" (provider_id)');
    this.addSql('create index open_dataset_access_methods on "opening"."open_dataset" using gin (access_methods)');
    for (const sql of auditTableSql('opening')) this.addSql(sql);
  }
}
