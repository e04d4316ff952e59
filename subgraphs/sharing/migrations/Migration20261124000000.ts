import { Migration } from '@mikro-orm/migrations';

/** Sharing schema: share requests (a granted request is the grant) and the audit log. */
export class Migration20261124000000 extends Migration {
  async up(): Promise<void> {
    // resource, requester and provider live in the catalog (possibly of another node): plain IDs, no foreign keys.
    this.addSql(`create table "sharing"."share_request" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      resource_id text collate "C" not null,
      requester_id text collate "C" not null,
      provider_id text collate "C" not null,
      share_attribute text not null,
      scenario text not null,
      purpose text not null,
      legal_duty text,
      item_names text[] not null,
      share_mode text not null,
      end_date date not null,
      authority_approval_required boolean not null default false,
      status text not null,
      decision_reason text,
      decided_at timestamptz,
      decided_by text,
      created_at timestamptz not null,
      version integer not null default 1,
      constraint share_request_status check (status in ('PENDING', 'GRANTED', 'REJECTED')),
      constraint share_request_mode check (share_mode in ('API', 'BULK_COPY', 'OFFLINE')),
      constraint share_request_items check (cardinality(item_names) > 0),
      constraint share_request_not_shared check (share_attribute <> 'NOT_SHARED'),
      constraint share_request_decided check ((status = 'PENDING') = (decided_at is null)),
      constraint share_request_rejection_reason check (status <> 'REJECTED' or decision_reason is not null),
      constraint share_request_not_own check (requester_id <> provider_id)
    )`);
    this.addSql('create index share_request_region_seq on "sharing"."share_request" (region_code, seq)');
    this.addSql('create index share_request_resource on "sharing"."share_request" (resource_id, status)');
    this.addSql('create index share_request_requester on "sharing"."share_request" (requester_id, seq)');
    this.addSql('create index share_request_provider on "sharing"."share_request" (provider_id, seq)');
    // The append-only, hash-chained audit log (SEC-2 [D §5, D §24-25, Z §34, J §28]): triggers reject
    // UPDATE, DELETE and TRUNCATE even for the application's own database user; `data` is stored as the
    // exact text that was hashed, so the verifier recomputes it byte for byte.
    this.addSql(`create table "sharing"."audit_event" (
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
    this.addSql(`create function "sharing".audit_event_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_event is append-only: % is not allowed', TG_OP; end $$`);
    this.addSql('create trigger audit_event_no_change before update or delete on "sharing"."audit_event" for each row execute function "sharing".audit_event_append_only()');
    this.addSql('create trigger audit_event_no_truncate before truncate on "sharing"."audit_event" for each statement execute function "sharing".audit_event_append_only()');
  }
}
