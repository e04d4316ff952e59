import { Migration } from '@mikro-orm/migrations';

/**
 * Complaints that opened data infringes secrets or privacy [OPN-6, Z §35]: kept beside the
 * dataset they suspended, with the steps the complainant follows on its receipt. Only the hash of
 * the receipt token is stored.
 */
export class Migration20261207020000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "opening"."open_data_complaint" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      dataset_id text collate "C" not null references "opening"."open_dataset" (id),
      provider_id text collate "C" not null,
      infringes text[] not null,
      description text not null,
      complainant_account text collate "C",
      receipt_token_hash text collate "C" not null unique,
      status text not null,
      outcome text,
      steps jsonb not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1,
      constraint open_data_complaint_infringes check (cardinality(infringes) > 0 and infringes <@ array['STATE_SECRET', 'TRADE_SECRET', 'PERSONAL_PRIVACY']),
      constraint open_data_complaint_status check (status in ('FILED', 'VERIFIED', 'RESOLVED')),
      constraint open_data_complaint_outcome check ((status = 'RESOLVED') = (outcome is not null) and (outcome is null or outcome in ('WITHDRAWN', 'RESTORED', 'PROCESSED')))
    )`);
    this.addSql('create index open_data_complaint_region_seq on "opening"."open_data_complaint" (region_code, seq)');
    this.addSql('create index open_data_complaint_dataset on "opening"."open_data_complaint" (dataset_id) where status <> \'RESOLVED\'');
    this.addSql('create index open_data_complaint_provider on "opening"."open_data_complaint" (provider_id)');
    this.addSql('create index open_data_complaint_account on "opening"."open_data_complaint" (complainant_account) where complainant_account is not null');
  }
}
