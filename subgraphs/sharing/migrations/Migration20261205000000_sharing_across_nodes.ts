import { Migration } from '@mikro-orm/migrations';

/**
 * Sharing across nodes [B §29, B §49]:
 * - an outbox, from which the nodes below read the sanctions this node imposes, and the sanctions
 *   of the nodes above kept here, so a city sanction stops a district node's grants [B §49];
 * - a grant names who suspended and who revoked it, and in which capacity, so only the authority
 *   lifts the authority's suspension [B §49].
 * The SQL is written out: a landed migration must not change with the code it once called.
 */
export class Migration20261205000000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "sharing"."outbox_event" (
      id bigserial primary key,
      type text not null,
      entity_id text collate "C" not null,
      region_code text not null,
      data jsonb not null,
      occurred_at timestamptz not null default now()
    )`);
    this.addSql(`create table "sharing"."sanction_replica" (
      id text collate "C" primary key,
      origin_node text not null,
      region_code text not null,
      organization_id text collate "C" not null,
      violation text not null,
      rectification_demand text not null,
      deadline date not null,
      lifted_at timestamptz,
      event_id bigint not null
    )`);
    this.addSql('create index sanction_replica_organization on "sharing"."sanction_replica" (organization_id) where lifted_at is null');
    this.addSql(`alter table "sharing"."share_request"
      add column suspended_by text,
      add column suspended_as text,
      add column revoked_by text,
      add column revoked_as text,
      add constraint share_request_suspended_as check (suspended_as in ('PROVIDER', 'AUTHORITY', 'SYSTEM')),
      add constraint share_request_revoked_as check (revoked_as in ('PROVIDER', 'AUTHORITY', 'SYSTEM'))`);
  }
}
