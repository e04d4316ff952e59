import { Migration } from '@mikro-orm/migrations';

/**
 * Use tracking and sanctions [OPN-7, Z §28, Z §34 (四), Z §39]: the uses of restricted data the data
 * plane records against their agreements; the suspension of an agreement with its rectification
 * demand and deadline, and its termination; and the credit records (失信信息) a termination writes.
 */
export class Migration20261208030000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "opening"."open_data_agreement"
      add column violations text[] not null default '{}',
      add column rectification text,
      add column rectify_by date,
      add column suspended_at timestamptz,
      add column terminated_at timestamptz,
      add column sanction_steps jsonb not null default '[]',
      add constraint open_data_agreement_violations check (violations <@ array['BEYOND_AGREED_SCOPE', 'SAFEGUARDS_NOT_IMPLEMENTED', 'MINING_SECRETS_OR_PRIVACY', 'PLATFORM_SECURITY_BREACH', 'OTHER_SERIOUS_BREACH']),
      add constraint open_data_agreement_suspension check ((status = 'ACTIVE') = (rectify_by is null) and (rectify_by is null) = (rectification is null) and (rectify_by is null) = (suspended_at is null) and (rectify_by is null) = (cardinality(violations) = 0)),
      add constraint open_data_agreement_terminated check ((status = 'TERMINATED') = (terminated_at is not null))`);

    this.addSql(`create table "opening"."open_data_use" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      agreement_id text collate "C" not null references "opening"."open_data_agreement" (id),
      dataset_id text collate "C" not null references "opening"."open_dataset" (id),
      provider_id text collate "C" not null,
      holder_account text collate "C" not null,
      method text not null,
      operation text not null,
      rows_returned integer not null,
      used_at timestamptz not null,
      created_at timestamptz not null,
      version integer not null default 1,
      constraint open_data_use_method check (method in ('API', 'MODEL')),
      constraint open_data_use_rows check (rows_returned >= 0),
      constraint open_data_use_operation check (char_length(operation) between 1 and 200)
    )`);
    this.addSql('create index open_data_use_region_seq on "opening"."open_data_use" (region_code, seq)');
    this.addSql('create index open_data_use_agreement on "opening"."open_data_use" (agreement_id, seq)');
    this.addSql('create index open_data_use_dataset on "opening"."open_data_use" (dataset_id, method)');
    this.addSql('create index open_data_use_provider on "opening"."open_data_use" (provider_id)');
    this.addSql('create index open_data_use_holder on "opening"."open_data_use" (holder_account)');

    this.addSql(`create table "opening"."open_data_credit_record" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      holder_account text collate "C" not null,
      holder_region text not null,
      holder_name text not null,
      holder_kind text not null,
      agreement_id text collate "C" not null unique references "opening"."open_data_agreement" (id),
      dataset_id text collate "C" not null references "opening"."open_dataset" (id),
      dataset_title text not null,
      provider_id text collate "C" not null,
      violations text[] not null,
      rectification text not null,
      rectify_by date not null,
      suspended_at timestamptz not null,
      terminated_at timestamptz not null,
      note text not null,
      created_at timestamptz not null,
      version integer not null default 1,
      constraint open_data_credit_record_kind check (holder_kind in ('NATURAL_PERSON', 'LEGAL_PERSON', 'OTHER_ORGANIZATION')),
      constraint open_data_credit_record_violations check (cardinality(violations) > 0
        and violations <@ array['BEYOND_AGREED_SCOPE', 'SAFEGUARDS_NOT_IMPLEMENTED', 'MINING_SECRETS_OR_PRIVACY', 'PLATFORM_SECURITY_BREACH', 'OTHER_SERIOUS_BREACH'])
    )`);
    this.addSql('create index open_data_credit_record_region_seq on "opening"."open_data_credit_record" (region_code, seq)');
    this.addSql('create index open_data_credit_record_holder on "opening"."open_data_credit_record" (holder_account)');
    this.addSql('create index open_data_credit_record_holder_region on "opening"."open_data_credit_record" (holder_region, seq)');
  }
}
