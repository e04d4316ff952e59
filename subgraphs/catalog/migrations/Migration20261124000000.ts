import { Migration } from '@mikro-orm/migrations';

/**
 * Catalog workflow: review comments and pending revisions of published entries [B §18], version
 * history [CAT-5], freshness [B §17-18, L §8], and one-source links between items [J §9-10, B §14].
 */
export class Migration20261124000000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "catalog"."data_resource"
      add column review_comment text,
      add column revision jsonb,
      add column revision_status text,
      add column revision_comment text,
      add column last_data_update_at timestamptz,
      add column update_due_at timestamptz,
      add column retired_at timestamptz,
      add column retire_reason text,
      add constraint data_resource_revision_status check ((revision is null) = (revision_status is null))`);
    // The review queue and the overdue list are both small slices of a large catalog.
    this.addSql(`create index data_resource_review_queue on "catalog"."data_resource" (seq) where status = 'SUBMITTED' or revision_status = 'SUBMITTED'`);
    this.addSql(`create index data_resource_overdue on "catalog"."data_resource" (provider_id, update_due_at) where status = 'PUBLISHED' and update_due_at is not null`);

    this.addSql(`alter table "catalog"."data_item"
      add column authoritative boolean not null default false,
      add column source_item_id text collate "C" references "catalog"."data_item" (id) on delete set null,
      add column duplication_justification text,
      add constraint data_item_not_own_source check (source_item_id is null or source_item_id <> id)`);
    this.addSql('create index data_item_authoritative_name on "catalog"."data_item" (name) where authoritative');
    this.addSql('create index data_item_name on "catalog"."data_item" (name)');
    this.addSql('create index data_item_source on "catalog"."data_item" (source_item_id) where source_item_id is not null');

    this.addSql(`create table "catalog"."data_resource_version" (
      id text collate "C" primary key,
      resource_id text collate "C" not null references "catalog"."data_resource" (id),
      number integer not null,
      action text not null,
      status text not null,
      changes jsonb not null,
      snapshot jsonb not null,
      comment text,
      actor_sub text not null,
      actor_org_id text,
      created_at timestamptz not null,
      constraint data_resource_version_number unique (resource_id, number)
    )`);
  }
}
