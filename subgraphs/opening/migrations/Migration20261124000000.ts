import { Migration } from '@mikro-orm/migrations';

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
    // The append-only, hash-chained audit log (SEC-2 [D §5, D §24-25, Z §34, J §28]): triggers reject
    // UPDATE, DELETE and TRUNCATE even for the application's own database user; `data` is stored as the
    // exact text that was hashed, so the verifier recomputes it byte for byte.
    this.addSql(`create table "opening"."audit_event" (
      id bigserial primary key,
      at timestamptz not null,
      actor_sub text not null,
      actor_org text,
      action text not null,
      entity_type text not null,
      entity_id text not null,
      data text not null,
      prev_hash text not null,
      hash text not null
    )`);
    this.addSql(`create function "opening".audit_event_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_event is append-only: % is not allowed', TG_OP; end $$`);
    this.addSql('create trigger audit_event_no_change before update or delete on "opening"."audit_event" for each row execute function "opening".audit_event_append_only()');
    this.addSql('create trigger audit_event_no_truncate before truncate on "opening"."audit_event" for each statement execute function "opening".audit_event_append_only()');
  }
}
