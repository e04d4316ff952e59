import { Migration } from '@mikro-orm/migrations';

/**
 * Aggregate runs ("usable but invisible", issue 19 item 4): each node's part of a run, its partial
 * result held until the authority of the run's scope approves it [D §15, D §17, Z §20].
 */
export class Migration20261213000000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "catalog"."aggregate_run" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      created_at timestamptz not null,
      version integer not null default 1,
      resource_ids jsonb not null,
      local_resource_ids jsonb not null,
      group_by jsonb not null,
      measures jsonb not null,
      filter jsonb not null,
      purpose text not null,
      basis jsonb not null,
      requester_sub text not null,
      requester_account text,
      groups jsonb not null,
      min_group_size integer not null,
      max_groups integer not null,
      status text not null,
      reviewed_by text,
      reviewed_at timestamptz,
      review_reason text
    )`);
    this.addSql(`create index "aggregate_run_requester_sub_index" on "catalog"."aggregate_run" (requester_sub)`);
  }
}
