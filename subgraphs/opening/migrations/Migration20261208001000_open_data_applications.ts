import { Migration } from '@mikro-orm/migrations';

/**
 * Applications for restricted open data and the agreements they yield [OPN-3, Z §16-17]: both
 * beside the dataset, on its node. An agreement carries the six clauses of Z §17 (all of them,
 * always), a term, and its filing with the data authority; the public holder list [Z §16] reads
 * the agreements in force.
 */
export class Migration20261208001000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "opening"."open_data_application" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      dataset_id text collate "C" not null references "opening"."open_dataset" (id),
      provider_id text collate "C" not null,
      applicant_account text collate "C" not null,
      applicant_name text not null,
      applicant_kind text not null,
      scenario text not null,
      storage_capability text not null,
      processing_capability text not null,
      security_capability text not null,
      credit_level text not null,
      status text not null,
      rejection_reason text,
      agreement_id text collate "C",
      steps jsonb not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1,
      constraint open_data_application_kind check (applicant_kind in ('NATURAL_PERSON', 'LEGAL_PERSON', 'OTHER_ORGANIZATION')),
      constraint open_data_application_credit_level check (credit_level in ('A', 'B', 'C', 'D')),
      constraint open_data_application_status check (status in ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN')),
      constraint open_data_application_rejection check ((status = 'REJECTED') = (rejection_reason is not null)),
      constraint open_data_application_agreement check ((status = 'APPROVED') = (agreement_id is not null))
    )`);
    this.addSql('create index open_data_application_region_seq on "opening"."open_data_application" (region_code, seq)');
    this.addSql('create index open_data_application_provider on "opening"."open_data_application" (provider_id)');
    this.addSql('create index open_data_application_applicant on "opening"."open_data_application" (applicant_account, dataset_id)');

    this.addSql(`create table "opening"."open_data_agreement" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      application_id text collate "C" not null unique references "opening"."open_data_application" (id),
      dataset_id text collate "C" not null references "opening"."open_dataset" (id),
      provider_id text collate "C" not null,
      holder_account text collate "C" not null,
      holder_name text not null,
      holder_kind text not null,
      scenario text not null,
      clause_kinds text[] not null,
      term_months integer not null,
      term_start date not null,
      term_end date not null,
      status text not null,
      filed_with_authority_at timestamptz not null,
      filing_acknowledged_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1,
      constraint open_data_agreement_kind check (holder_kind in ('NATURAL_PERSON', 'LEGAL_PERSON', 'OTHER_ORGANIZATION')),
      constraint open_data_agreement_clauses check (clause_kinds @> array['USE_FEEDBACK', 'NO_USE_BEYOND_SCOPE', 'NO_REDISTRIBUTION', 'CITE_SOURCE', 'SECURITY_DUTIES', 'ACCEPT_INSPECTION']
        and clause_kinds <@ array['USE_FEEDBACK', 'NO_USE_BEYOND_SCOPE', 'NO_REDISTRIBUTION', 'CITE_SOURCE', 'SECURITY_DUTIES', 'ACCEPT_INSPECTION']),
      constraint open_data_agreement_term check (term_months between 1 and 36 and term_start <= term_end),
      constraint open_data_agreement_status check (status in ('ACTIVE', 'SUSPENDED', 'TERMINATED'))
    )`);
    this.addSql('create index open_data_agreement_region_seq on "opening"."open_data_agreement" (region_code, seq)');
    this.addSql('create index open_data_agreement_provider on "opening"."open_data_agreement" (provider_id)');
    this.addSql('create index open_data_agreement_holder on "opening"."open_data_agreement" (holder_account, dataset_id)');
    this.addSql('create index open_data_agreement_in_force on "opening"."open_data_agreement" (term_end, seq) where status = \'ACTIVE\'');
  }
}
