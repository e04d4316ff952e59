import { Migration } from '@mikro-orm/migrations';

/**
 * The data plane: the records of this node's catalog entries (issue 19). Each load of an entry is a
 * version (`data_load`); its rows are written in the load's own transaction, so a rejected load
 * leaves none. `data_record` is hash-partitioned by entry from the start and every key leads with
 * `resource_id`: a node can add partitions or hand the table to a distributed PostgreSQL (Citus,
 * distributed by `resource_id`) without a change to any query (docs/architecture.md, "Records").
 */
export class Migration20261210000000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "catalog"."data_load" (
      id uuid primary key,
      resource_id text collate "C" not null,
      version integer not null,
      source text not null,
      mode text not null,
      status text not null,
      rows_read bigint not null default 0,
      row_count bigint,
      content_hash text,
      error jsonb,
      loaded_by text not null,
      organization_id text collate "C" not null,
      started_at timestamptz not null,
      finished_at timestamptz,
      unique (resource_id, version)
    )`);
    this.addSql(`create table "catalog"."data_record" (
      resource_id text collate "C" not null,
      version integer not null,
      row_no bigint not null,
      data jsonb not null,
      primary key (resource_id, version, row_no)
    ) partition by hash (resource_id)`);
    for (let r = 0; r < 8; r++) {
      this.addSql(`create table "catalog"."data_record_p${r}" partition of "catalog"."data_record" for values with (modulus 8, remainder ${r})`);
    }
  }
}
