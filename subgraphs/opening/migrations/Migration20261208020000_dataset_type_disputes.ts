import { Migration } from '@mikro-orm/migrations';

/**
 * The open catalog marks each dataset's data type [Z §10 ¶2]: existing rows take the type their
 * catalog format implies (an API or a stream is an interface, anything else a dataset delivered
 * whole). Disputes over who opens a dataset or over its open attribute [Z §11-12] are kept on the
 * node of the catalog entry they concern, with the expert committee's opinions and the decision.
 */
export class Migration20261208020000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "opening"."open_dataset" add column data_type text`);
    this.addSql(`update "opening"."open_dataset" set data_type = case when format in ('API', 'STREAMING') then 'INTERFACE' else 'DATASET' end`);
    this.addSql(`alter table "opening"."open_dataset"
      alter column data_type set not null,
      add constraint open_dataset_data_type check (data_type in ('DATASET', 'INTERFACE'))`);
    this.addSql(`create table "opening"."open_data_dispute" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      resource_id text collate "C" not null,
      dataset_id text collate "C" references "opening"."open_dataset" (id),
      provider_id text collate "C" not null,
      party_ids text[] not null,
      kind text not null,
      claim text not null,
      claimed_attribute text,
      claimed_agency_id text collate "C",
      status text not null,
      opinions jsonb not null,
      outcome text,
      decided_attribute text,
      decided_agency_id text collate "C",
      decided_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1,
      constraint open_data_dispute_kind check (kind in ('OPENING_AGENCY', 'OPEN_ATTRIBUTE')),
      constraint open_data_dispute_status check (status in ('RAISED', 'DECIDED')),
      constraint open_data_dispute_parties check (cardinality(party_ids) > 0),
      constraint open_data_dispute_attributes check (
        (claimed_attribute is null or claimed_attribute in ('UNCONDITIONAL', 'RESTRICTED', 'PROHIBITED'))
        and (decided_attribute is null or decided_attribute in ('UNCONDITIONAL', 'RESTRICTED', 'PROHIBITED'))
      ),
      constraint open_data_dispute_decided check ((status = 'DECIDED') = (outcome is not null and decided_at is not null)),
      constraint open_data_dispute_decision_kind check (
        status <> 'DECIDED'
        or (kind = 'OPEN_ATTRIBUTE' and decided_attribute is not null)
        or (kind = 'OPENING_AGENCY' and decided_agency_id is not null)
      )
    )`);
    this.addSql('create index open_data_dispute_region_seq on "opening"."open_data_dispute" (region_code, seq)');
    this.addSql('create index open_data_dispute_parties on "opening"."open_data_dispute" using gin (party_ids)');
    this.addSql('create index open_data_dispute_resource on "opening"."open_data_dispute" (resource_id) where status = \'RAISED\'');
  }
}
