import { Migration } from '@mikro-orm/migrations';

/**
 * Sharing across nodes [B §29, B §49]:
 * - an outbox, from which the nodes below read the sanctions this node imposes, and the sanctions
 *   of the nodes above kept here, so a city sanction stops a district node's grants [B §49];
 * - a grant names who suspended and who revoked it, and in which capacity, so only the authority
 *   lifts the authority's suspension [B §49];
 * - the negative list decides [SHR-3, B §24, L §34]: a request keeps which of its items were on the
 *   provider's list and the line's legal basis, and is never granted automatically then (its own
 *   decision rule); a line says whether the catalog's NOT_SHARED attribute keeps it or the provider
 *   wrote it; a violation names the items rejected that were not on the list.
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
      add constraint share_request_revoked_as check (revoked_as in ('PROVIDER', 'AUTHORITY', 'SYSTEM')),
      add column negative_list_items text[] not null default '{}',
      add column negative_list_basis text`);
    this.addSql(`alter table "sharing"."share_request" drop constraint share_request_decision_rule`);
    this.addSql(`alter table "sharing"."share_request" add constraint share_request_decision_rule check (decision_rule in
      ('UNCONDITIONAL_AUTO_GRANT', 'GRADE_REQUIRES_AUTHORITY', 'MODE_REQUIRES_AUTHORITY', 'CONDITIONAL_PROVIDER_DECISION', 'NEGATIVE_LIST_PROVIDER_DECISION',
       'AUTHORITY_COORDINATION', 'NOT_SHARED_COORDINATION', 'CROSS_REGION_COORDINATION'))`);
    this.addSql(`alter table "sharing"."negative_list_entry"
      add column source text not null default 'PROVIDER',
      add constraint negative_list_source check (source in ('PROVIDER', 'CATALOG'))`);
    this.addSql(`alter table "sharing"."share_violation" add column item_names text[]`);
    this.addSql(`update "sharing"."share_violation" v set item_names = r.item_names from "sharing"."share_request" r where r.id = v.share_request_id`);
    this.addSql(`alter table "sharing"."share_violation" alter column item_names set not null,
      add constraint share_violation_items check (cardinality(item_names) > 0)`);
  }
}
