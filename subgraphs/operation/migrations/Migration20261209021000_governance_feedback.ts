import { Migration } from '@mikro-orm/migrations';

/**
 * Governance feedback [OPR-8, D §16]: a data-quality problem an operator found in a catalog entry,
 * kept on the entry's node; the deadline the authority set (a date, or working days) with its
 * basis, and the providing agency's answer.
 */
export class Migration20261209021000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "operation"."governance_feedback" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      resource_id text collate "C" not null,
      provider_id text collate "C" not null,
      operator_id text collate "C" not null,
      operator_organization_id text collate "C" not null,
      item_names text[] not null,
      description text not null,
      status text not null,
      due_date date,
      deadline_working_days integer,
      deadline_profile text,
      deadline_basis text,
      answer text,
      answered_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1,
      constraint governance_feedback_status check (status in ('FILED', 'OPEN', 'ANSWERED')),
      constraint governance_feedback_deadline check ((status = 'OPEN') <= (due_date is not null) and (due_date is null) = (deadline_basis is null)),
      constraint governance_feedback_answer check ((status = 'ANSWERED') = (answer is not null) and (answer is null) = (answered_at is null))
    )`);
    this.addSql('create index governance_feedback_region_seq on "operation"."governance_feedback" (region_code, seq)');
    this.addSql('create index governance_feedback_resource on "operation"."governance_feedback" (resource_id)');
    // The catalog evaluation counts an agency's overdue items; the agency lists those on its data.
    this.addSql('create index governance_feedback_provider on "operation"."governance_feedback" (provider_id, due_date) where status = \'OPEN\'');
    this.addSql('create index governance_feedback_provider_all on "operation"."governance_feedback" (provider_id)');
    this.addSql('create index governance_feedback_operator on "operation"."governance_feedback" (operator_id)');
    this.addSql('create index governance_feedback_operator_org on "operation"."governance_feedback" (operator_organization_id)');
  }
}
