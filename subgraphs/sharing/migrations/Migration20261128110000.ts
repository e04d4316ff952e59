import { Migration } from '@mikro-orm/migrations';

/**
 * Sharing with a life [SHR-1..3, SHR-5..7, SHR-10]:
 * - a request keeps what was asked (items, end date) beside what was granted, the justification
 *   of each item beyond the minimum [B §26, B §28], why online sharing is impossible [B §27, L §17],
 *   why a NOT_SHARED entry should be coordinated [B §27], and whether it crosses nodes [B §29];
 * - a grant can be suspended with a rectification demand and deadline, and revoked [B §49];
 * - one pending request per requester, entry and scenario;
 * - the negative list of each agency [B §24], rejections of data not on it as reviewable
 *   violations [L §34], and sanctions of a user organization [B §49].
 * The decision rule and status checks of Migration20261128020000 and Migration20261128010000 are
 * replaced by wider ones; constraints on rows written before are added NOT VALID where older rows
 * could not meet them.
 */
export class Migration20261128110000 extends Migration {
  async up(): Promise<void> {
    const t = '"sharing"."share_request"';
    this.addSql(`alter table ${t}
      add column requested_item_names text[],
      add column requested_end_date date,
      add column item_justifications jsonb not null default '[]',
      add column offline_reason text,
      add column escalation_reason text,
      add column cross_node boolean not null default false,
      add column rectification_demand text,
      add column rectification_deadline date,
      add column revoked_at timestamptz,
      add column revocation_reason text`);
    this.addSql(`update ${t} set requested_item_names = item_names, requested_end_date = end_date`);
    this.addSql(`alter table ${t} alter column requested_item_names set not null, alter column requested_end_date set not null`);

    this.addSql(`alter table ${t} drop constraint share_request_decision_rule`);
    this.addSql(`alter table ${t} add constraint share_request_decision_rule check (decision_rule in
      ('UNCONDITIONAL_AUTO_GRANT', 'GRADE_REQUIRES_AUTHORITY', 'MODE_REQUIRES_AUTHORITY', 'CONDITIONAL_PROVIDER_DECISION', 'AUTHORITY_COORDINATION',
       'NOT_SHARED_COORDINATION', 'CROSS_REGION_COORDINATION'))`);
    this.addSql(`alter table ${t} drop constraint share_request_status`);
    this.addSql(`alter table ${t} add constraint share_request_status check (status in ('PENDING', 'GRANTED', 'REJECTED', 'SUSPENDED', 'REVOKED'))`);
    // NOT_SHARED data is only ever asked for through the authority's coordination [B §27].
    this.addSql(`alter table ${t} drop constraint share_request_not_shared`);
    this.addSql(`alter table ${t} add constraint share_request_not_shared check
      (share_attribute <> 'NOT_SHARED' or (decision_rule = 'NOT_SHARED_COORDINATION' and escalation_reason is not null and authority_approval_required))`);
    // A grant never widens what was asked [B §28].
    this.addSql(`alter table ${t} add constraint share_request_narrowed check (item_names <@ requested_item_names and end_date <= requested_end_date)`);
    this.addSql(`alter table ${t} add constraint share_request_offline_reason check (share_mode <> 'OFFLINE' or offline_reason is not null) not valid`);
    this.addSql(`alter table ${t} add constraint share_request_rectification check ((rectification_demand is null) = (rectification_deadline is null))`);
    this.addSql(`alter table ${t} add constraint share_request_revoked check ((status = 'REVOKED') = (revoked_at is not null and revocation_reason is not null))`);
    this.addSql(`create unique index share_request_one_pending on ${t} (requester_id, resource_id, scenario) where status = 'PENDING'`);
    // The grant check: one requester's grants for one entry [SHR-5].
    this.addSql(`create index share_request_grant_check on ${t} (requester_id, resource_id) where status in ('GRANTED', 'SUSPENDED', 'REVOKED')`);
    this.addSql(`create index share_request_coordination on ${t} (region_code, seq) where status = 'PENDING' and (cross_node or authority_approval_required)`);

    this.addSql(`create table "sharing"."negative_list_entry" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      provider_id text collate "C" not null,
      resource_id text collate "C" not null,
      data_name text not null,
      item_names text[] not null,
      legal_basis text not null,
      removed_at timestamptz,
      removal_reason text,
      created_at timestamptz not null,
      version integer not null default 1,
      constraint negative_list_items check (cardinality(item_names) > 0),
      constraint negative_list_removed check ((removed_at is null) = (removal_reason is null))
    )`);
    this.addSql('create index negative_list_region_seq on "sharing"."negative_list_entry" (region_code, seq)');
    this.addSql('create index negative_list_resource on "sharing"."negative_list_entry" (resource_id) where removed_at is null');
    this.addSql(`create unique index negative_list_one_per_resource on "sharing"."negative_list_entry" (resource_id) where removed_at is null`);

    this.addSql(`create table "sharing"."share_violation" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      kind text not null,
      share_request_id text collate "C" not null references "sharing"."share_request" (id),
      provider_id text collate "C" not null,
      requester_id text collate "C" not null,
      resource_id text collate "C" not null,
      reason text not null,
      reviewed_at timestamptz,
      reviewed_by text,
      review_note text,
      created_at timestamptz not null,
      version integer not null default 1,
      constraint share_violation_kind check (kind in ('UNLISTED_REJECTION')),
      constraint share_violation_review check ((reviewed_at is null) = (review_note is null) and (reviewed_at is null) = (reviewed_by is null))
    )`);
    this.addSql('create index share_violation_region_seq on "sharing"."share_violation" (region_code, seq)');
    this.addSql('create index share_violation_provider on "sharing"."share_violation" (provider_id, seq)');

    this.addSql(`create table "sharing"."share_sanction" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      organization_id text collate "C" not null,
      violation text not null,
      description text not null,
      rectification_demand text not null,
      deadline date not null,
      imposed_by text not null,
      lifted_at timestamptz,
      lifted_by text,
      lift_reason text,
      created_at timestamptz not null,
      version integer not null default 1,
      constraint share_sanction_violation check (violation in ('NO_SECURITY_MEASURES', 'SERIOUS_BREACH', 'BEYOND_SCOPE')),
      constraint share_sanction_lift check ((lifted_at is null) = (lift_reason is null) and (lifted_at is null) = (lifted_by is null))
    )`);
    this.addSql('create index share_sanction_region_seq on "sharing"."share_sanction" (region_code, seq)');
    this.addSql('create index share_sanction_organization on "sharing"."share_sanction" (organization_id) where lifted_at is null');
  }
}
