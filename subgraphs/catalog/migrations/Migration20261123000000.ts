import { Migration } from '@mikro-orm/migrations';

/** Catalog schema: organizations, catalog entries and their items, and the audit log. */
export class Migration20261123000000 extends Migration {
  async up(): Promise<void> {
    // Keyword search is substring matching of Chinese text (CAT-8): a trigram index serves it.
    this.addSql('create extension if not exists pg_trgm with schema public');
    this.addSql(`create table "catalog"."organization" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      name text not null,
      credit_code text not null unique,
      kind text not null,
      created_at timestamptz not null,
      version integer not null default 1
    )`);
    this.addSql('create index organization_region_seq on "catalog"."organization" (region_code, seq)');
    this.addSql(`create table "catalog"."data_resource" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      provider_id text collate "C" not null references "catalog"."organization" (id),
      code text not null unique,
      name text not null,
      summary text not null,
      category_code text,
      library text not null,
      format text not null,
      update_frequency text not null,
      security_grade text not null,
      share_attribute text not null,
      share_condition text,
      share_reason text,
      share_mode text not null,
      legal_basis text,
      open_attribute text not null,
      open_condition text,
      open_change_reason text,
      sensitivities text[] not null default '{}',
      desensitized boolean not null default false,
      consent_obtained boolean not null default false,
      related_codes text[] not null default '{}',
      status text not null,
      published_at timestamptz,
      search_text text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1,
      constraint data_resource_conditional check (share_attribute <> 'CONDITIONAL' or (share_condition is not null and share_reason is not null)),
      constraint data_resource_not_shared check (share_attribute <> 'NOT_SHARED' or legal_basis is not null),
      constraint data_resource_grade_closed check (security_grade = 'GENERAL' or open_attribute = 'PROHIBITED')
    )`);
    this.addSql('create index data_resource_region_seq on "catalog"."data_resource" (region_code, seq)');
    this.addSql('create index data_resource_provider on "catalog"."data_resource" (provider_id)');
    this.addSql('create index data_resource_search on "catalog"."data_resource" using gin (search_text public.gin_trgm_ops)');
    this.addSql(`create table "catalog"."data_item" (
      id text collate "C" primary key,
      resource_id text collate "C" not null references "catalog"."data_resource" (id) on delete cascade,
      position integer not null,
      name text not null,
      data_type text not null,
      description text,
      personal_info boolean not null default false,
      identifier boolean not null default false,
      constraint data_item_resource_id_name_unique unique (resource_id, name)
    )`);
    // The append-only, hash-chained audit log (SEC-2 [D §5, D §24-25, Z §34, J §28]): triggers reject
    // UPDATE, DELETE and TRUNCATE even for the application's own database user; `data` is stored as the
    // exact text that was hashed, so the verifier recomputes it byte for byte.
    this.addSql(`create table "catalog"."audit_event" (
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
    this.addSql(`create function "catalog".audit_event_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_event is append-only: % is not allowed', TG_OP; end $$`);
    this.addSql('create trigger audit_event_no_change before update or delete on "catalog"."audit_event" for each row execute function "catalog".audit_event_append_only()');
    this.addSql('create trigger audit_event_no_truncate before truncate on "catalog"."audit_event" for each statement execute function "catalog".audit_event_append_only()');
  }
}
