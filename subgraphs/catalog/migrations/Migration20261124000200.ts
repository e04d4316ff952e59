import { Migration } from '@mikro-orm/migrations';

/** Data objections (CAT-10, B §11): a data subject's objection to an organization's data, and its handling. */
export class Migration20261124000200 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "catalog"."data_objection" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      provider_id text collate "C" not null references "catalog"."organization" (id),
      resource_id text collate "C" references "catalog"."data_resource" (id),
      item_names text[] not null default '{}',
      kind text not null,
      infringes text[] not null default '{}',
      description text not null,
      subject_kind text not null,
      subject_name text not null,
      subject_id_number text not null,
      subject_contact text not null,
      status text not null,
      outcome text,
      response text,
      handled_at timestamptz,
      handled_by text,
      due_date date not null,
      deadline_working_days integer not null,
      deadline_profile text,
      deadline_basis text not null,
      created_at timestamptz not null,
      version integer not null default 1,
      constraint data_objection_infringes check ((kind = 'INFRINGING') = (cardinality(infringes) > 0)),
      constraint data_objection_items_need_resource check (resource_id is not null or cardinality(item_names) = 0),
      constraint data_objection_handled check (
        (status = 'OPEN' and outcome is null and response is null and handled_at is null and handled_by is null)
        or (status = 'RESOLVED' and outcome is not null and response is not null and handled_at is not null and handled_by is not null)
      )
    )`);
    // Lists: by region (authority, auditors) and by provider (agency staff), newest first.
    this.addSql('create index data_objection_region_seq on "catalog"."data_objection" (region_code, seq)');
    this.addSql('create index data_objection_provider_seq on "catalog"."data_objection" (provider_id, seq)');
    // Overdue list and open counts per entry read only OPEN rows, a small part once most are handled.
    this.addSql(`create index data_objection_open_due on "catalog"."data_objection" (region_code, due_date) where status = 'OPEN'`);
    this.addSql(`create index data_objection_open_resource on "catalog"."data_objection" (resource_id) where status = 'OPEN'`);
  }
}
