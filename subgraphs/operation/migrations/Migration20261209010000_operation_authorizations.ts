import { Migration } from '@mikro-orm/migrations';

/**
 * Data-use authorizations, one per scenario [OPR-2, OPR-3, D §12-15, D §22]: the operator's demand
 * list, the first review, the re-review with its assessment, the providers' answers, and what was
 * granted. Beside the operator's record, on its node; the entries asked for may be anywhere.
 */
export class Migration20261209010000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "operation"."operation_authorization" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      operator_id text collate "C" not null references "operation"."operator" (id),
      organization_id text collate "C" not null,
      operator_term_end date not null,
      scenario_name text not null,
      scenario_key text not null,
      scenario_description text not null,
      value_kind text not null,
      value text not null,
      priority_domain text not null,
      plan text not null,
      goals jsonb not null,
      entries jsonb not null,
      provider_ids text[] not null,
      status text not null,
      first_review_opinion text,
      first_reviewed_at timestamptz,
      re_review_due date,
      re_review_working_days integer,
      re_review_profile text,
      re_review_basis text,
      compliance_assessment text,
      risk_assessment text,
      network_security_opinion text,
      expert_committee_opinion text,
      refusal_reason text,
      re_reviewed_at timestamptz,
      confirmation_due date,
      confirmation_working_days integer,
      confirmation_profile text,
      confirmation_basis text,
      granted_on date,
      valid_until date,
      steps jsonb not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1,
      constraint operation_authorization_value_kind check (value_kind in ('ECONOMIC', 'SOCIAL', 'ECONOMIC_AND_SOCIAL')),
      constraint operation_authorization_domain check (priority_domain in ('CULTURE_TOURISM', 'ENERGY', 'ENVIRONMENT', 'AGRICULTURE', 'LOGISTICS', 'MANUFACTURING', 'CREDIT', 'TRANSPORT', 'HEALTH', 'EMPLOYMENT', 'SOCIAL_SECURITY', 'OTHER')),
      constraint operation_authorization_status check (status in ('SUBMITTED', 'RETURNED', 'FIRST_REVIEWED', 'REFUSED', 'RE_REVIEWED', 'GRANTED', 'NOT_GRANTED')),
      constraint operation_authorization_providers check (cardinality(provider_ids) >= 1),
      constraint operation_authorization_re_review_due check (status in ('SUBMITTED', 'RETURNED') or (re_review_due is not null and re_review_basis is not null and re_review_working_days is not null)),
      constraint operation_authorization_confirmation_due check (status in ('SUBMITTED', 'RETURNED', 'FIRST_REVIEWED', 'REFUSED') or (confirmation_due is not null and confirmation_basis is not null and confirmation_working_days is not null)),
      constraint operation_authorization_assessed check (status not in ('RE_REVIEWED', 'GRANTED', 'NOT_GRANTED') or (compliance_assessment is not null and risk_assessment is not null and network_security_opinion is not null and expert_committee_opinion is not null)),
      constraint operation_authorization_refused check ((status = 'REFUSED') = (refusal_reason is not null)),
      constraint operation_authorization_granted check ((status = 'GRANTED') = (granted_on is not null and valid_until is not null))
    )`);
    this.addSql('create index operation_authorization_region_seq on "operation"."operation_authorization" (region_code, seq)');
    this.addSql('create index operation_authorization_operator on "operation"."operation_authorization" (operator_id)');
    this.addSql('create index operation_authorization_providers on "operation"."operation_authorization" using gin (provider_ids)');
    // One scenario, one authorization [D §13]: a second application for a scenario while one is pending or granted cannot be written, even by two requests at once.
    this.addSql(`create unique index operation_authorization_one_per_scenario on "operation"."operation_authorization" (operator_id, scenario_key)
      where status in ('SUBMITTED', 'FIRST_REVIEWED', 'RE_REVIEWED', 'GRANTED')`);
  }
}
