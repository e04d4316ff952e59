import { Migration } from '@mikro-orm/migrations';

/**
 * Requests to destroy records of an entry, and their decisions [SEC-4, J §30, Z §32]. A request
 * lives on the entry's node (its ID carries the entry's region), next to the rows it destroys. The
 * destroyed content itself is never kept: only its row count and hash, here and in the audit log.
 */
export class Migration20261214000000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "catalog"."data_destruction" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      resource_id text collate "C" not null references "catalog"."data_resource" (id),
      provider_id text collate "C" not null,
      target text not null,
      load_version integer,
      filter jsonb,
      reason text not null,
      legal_basis text not null,
      matching_rows bigint not null,
      status text not null,
      requested_by text not null,
      decided_by text,
      decided_at timestamptz,
      decision_note text,
      destroyed_versions integer[],
      row_count bigint,
      content_hash text,
      created_at timestamptz not null,
      version integer not null default 1,
      constraint data_destruction_target check ((target = 'VERSION') = (load_version is not null) and (target = 'FILTER') = (filter is not null)),
      constraint data_destruction_decided check (
        (status = 'PENDING' and decided_by is null and decided_at is null and row_count is null and content_hash is null)
        or (status = 'REFUSED' and decided_by is not null and decided_at is not null and decision_note is not null and row_count is null)
        or (status = 'APPROVED' and decided_by is not null and decided_at is not null and row_count is not null and content_hash is not null)
      )
    )`);
    // Lists: by region (authorities, auditors), its pending part alone, and by provider (agency staff), newest first.
    this.addSql('create index data_destruction_region_seq on "catalog"."data_destruction" (region_code, seq)');
    this.addSql('create index data_destruction_provider_seq on "catalog"."data_destruction" (provider_id, seq)');
    this.addSql(`create index data_destruction_pending on "catalog"."data_destruction" (region_code, seq) where status = 'PENDING'`);
  }
}
