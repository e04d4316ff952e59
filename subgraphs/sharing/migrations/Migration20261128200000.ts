import { Migration } from '@mikro-orm/migrations';

/**
 * Demand lists [SHR-4, B §27, J §17, Z §22], reports of doubtful shared data with their verification
 * [SHR-8, L §13, B §15] and usage feedback on grants [SHR-9, B §45]. Organizations and catalog
 * entries live in the catalog (possibly of another node): plain IDs, no foreign keys; a report and a
 * feedback point at their grant, which lives on the same node.
 */
export class Migration20261128200000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "sharing"."data_demand" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      requester_id text collate "C" not null,
      data_name text not null,
      description text not null,
      item_names text[] not null,
      scenario text not null,
      legal_duty text not null,
      status text not null,
      provider_id text collate "C",
      assigned_at timestamptz,
      assigned_by text,
      assignment_note text,
      responded_at timestamptz,
      responded_by text,
      decline_reason text,
      resource_id text collate "C",
      fulfilled_at timestamptz,
      created_at timestamptz not null,
      version integer not null default 1,
      constraint data_demand_status check (status in ('OPEN', 'ASSIGNED', 'ACCEPTED', 'DECLINED', 'FULFILLED')),
      constraint data_demand_items check (cardinality(item_names) > 0),
      constraint data_demand_assigned check ((status = 'OPEN') = (provider_id is null)),
      constraint data_demand_not_own check (provider_id is null or provider_id <> requester_id),
      constraint data_demand_declined check ((status = 'DECLINED') = (decline_reason is not null)),
      constraint data_demand_fulfilled check ((status = 'FULFILLED') = (resource_id is not null and fulfilled_at is not null))
    )`);
    this.addSql('create index data_demand_requester on "sharing"."data_demand" (requester_id, seq)');
    this.addSql('create index data_demand_provider on "sharing"."data_demand" (provider_id, seq)');
    this.addSql('create index data_demand_region_seq on "sharing"."data_demand" (region_code, seq)');

    this.addSql(`create table "sharing"."data_verification" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      grant_id text collate "C" not null references "sharing"."share_request" (id),
      resource_id text collate "C" not null,
      requester_id text collate "C" not null,
      provider_id text collate "C" not null,
      item_names text[] not null,
      description text not null,
      status text not null,
      outcome text,
      note text,
      verified_at timestamptz,
      verified_by text,
      due_date date not null,
      deadline_working_days integer not null,
      deadline_profile text,
      deadline_basis text not null,
      created_at timestamptz not null,
      version integer not null default 1,
      constraint data_verification_status check (status in ('OPEN', 'VERIFIED')),
      constraint data_verification_outcome check (outcome in ('CORRECTED', 'NO_ERROR')),
      constraint data_verification_items check (cardinality(item_names) > 0),
      constraint data_verification_done check ((status = 'VERIFIED') = (outcome is not null and note is not null and verified_at is not null))
    )`);
    this.addSql('create index data_verification_provider on "sharing"."data_verification" (provider_id, status, due_date)');
    this.addSql('create index data_verification_requester on "sharing"."data_verification" (requester_id, seq)');
    this.addSql('create index data_verification_region_seq on "sharing"."data_verification" (region_code, seq)');

    this.addSql(`create table "sharing"."usage_feedback" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      grant_id text collate "C" not null references "sharing"."share_request" (id),
      requester_id text collate "C" not null,
      provider_id text collate "C" not null,
      period_start date not null,
      period_end date not null,
      purpose_fulfilled boolean not null,
      use_count integer not null,
      frequency text not null,
      issues text,
      reported_by text not null,
      created_at timestamptz not null,
      version integer not null default 1,
      constraint usage_feedback_period check (period_start <= period_end),
      constraint usage_feedback_count check (use_count >= 0)
    )`);
    this.addSql('create index usage_feedback_grant on "sharing"."usage_feedback" (grant_id, seq)');
    this.addSql('create index usage_feedback_region_seq on "sharing"."usage_feedback" (region_code, seq)');
  }
}
