import { Migration } from '@mikro-orm/migrations';

/**
 * Opinions on open datasets [OPN-4, Z §21] and demands for data not yet open [OPN-5, Z §22,
 * B §34]: filed by anyone, followed by a receipt token (only its hash is stored), each with the
 * working-day deadline it was given and the rule that set it.
 */
export class Migration20261208010000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "opening"."open_data_opinion" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      dataset_id text collate "C" not null references "opening"."open_dataset" (id),
      provider_id text collate "C" not null,
      kind text not null,
      content text not null,
      filer_account text collate "C",
      receipt_token_hash text collate "C" not null unique,
      status text not null,
      answer text,
      answered_at timestamptz,
      due_date date not null,
      deadline_working_days integer not null,
      deadline_profile text,
      deadline_basis text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1,
      constraint open_data_opinion_kind check (kind in ('WRONG_OPEN_ATTRIBUTE', 'POOR_QUALITY', 'ERRORS_OR_OMISSIONS', 'UNLAWFUL_OPENING')),
      constraint open_data_opinion_status check (status in ('OPEN', 'ANSWERED')),
      constraint open_data_opinion_answer check ((status = 'ANSWERED') = (answer is not null) and (answer is null) = (answered_at is null))
    )`);
    this.addSql('create index open_data_opinion_region_seq on "opening"."open_data_opinion" (region_code, seq)');
    this.addSql('create index open_data_opinion_dataset on "opening"."open_data_opinion" (dataset_id)');
    this.addSql('create index open_data_opinion_provider on "opening"."open_data_opinion" (provider_id)');
    this.addSql('create index open_data_opinion_account on "opening"."open_data_opinion" (filer_account) where filer_account is not null');
    this.addSql('create index open_data_opinion_overdue on "opening"."open_data_opinion" (due_date) where status = \'OPEN\'');

    this.addSql(`create table "opening"."open_data_demand" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      provider_id text collate "C",
      description text not null,
      purpose text not null,
      requester_account text collate "C",
      receipt_token_hash text collate "C" not null unique,
      status text not null,
      routed_at timestamptz,
      reply text,
      answered_at timestamptz,
      resource_id text collate "C",
      dataset_id text collate "C" references "opening"."open_dataset" (id),
      due_date date not null,
      deadline_working_days integer not null,
      deadline_profile text,
      deadline_basis text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1,
      constraint open_data_demand_status check (status in ('OPEN', 'ACCEPTED', 'DECLINED')),
      constraint open_data_demand_answered check ((status = 'OPEN') = (answered_at is null) and (status <> 'OPEN' or (resource_id is null and dataset_id is null))),
      constraint open_data_demand_accepted check ((status = 'ACCEPTED') = (resource_id is not null) and (dataset_id is null or resource_id is not null)),
      constraint open_data_demand_declined check (status <> 'DECLINED' or reply is not null)
    )`);
    this.addSql('create index open_data_demand_region_seq on "opening"."open_data_demand" (region_code, seq)');
    this.addSql('create index open_data_demand_provider on "opening"."open_data_demand" (provider_id) where provider_id is not null');
    this.addSql('create index open_data_demand_account on "opening"."open_data_demand" (requester_account) where requester_account is not null');
    this.addSql('create index open_data_demand_overdue on "opening"."open_data_demand" (due_date) where status = \'OPEN\'');
  }
}
