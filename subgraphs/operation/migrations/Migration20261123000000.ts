import { Migration } from '@mikro-orm/migrations';

/** Operation schema: operator authorizations (OPR-1) and the audit log. */
export class Migration20261123000000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "operation"."operator" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      organization_id text collate "C" not null,
      agreement_no text not null,
      agreement_signed_at date not null,
      term_start date not null,
      term_end date not null,
      scope text not null,
      licensed_by text not null,
      status text not null,
      status_reason text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1,
      constraint operator_agreement_no_unique unique (agreement_no),
      constraint operator_status check (status in ('ACTIVE', 'SUSPENDED', 'REVOKED')),
      constraint operator_term check (agreement_signed_at <= term_start and term_start <= term_end)
    )`);
    this.addSql('create index operator_region_seq on "operation"."operator" (region_code, seq)');
    // Organization.operator and the overlap check look authorizations up by organization.
    this.addSql('create index operator_organization on "operation"."operator" (organization_id, term_start)');
    // The append-only, hash-chained audit log (SEC-2 [D §5, D §24-25, Z §34, J §28]): triggers reject
    // UPDATE, DELETE and TRUNCATE even for the application's own database user; `data` is stored as the
    // exact text that was hashed, so the verifier recomputes it byte for byte.
    this.addSql(`create table "operation"."audit_event" (
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
    this.addSql(`create function "operation".audit_event_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_event is append-only: % is not allowed', TG_OP; end $$`);
    this.addSql('create trigger audit_event_no_change before update or delete on "operation"."audit_event" for each row execute function "operation".audit_event_append_only()');
    this.addSql('create trigger audit_event_no_truncate before truncate on "operation"."audit_event" for each statement execute function "operation".audit_event_append_only()');
  }
}
