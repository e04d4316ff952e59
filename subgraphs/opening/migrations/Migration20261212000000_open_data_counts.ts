import { Migration } from '@mikro-orm/migrations';

/**
 * Downloads and API calls of open data, counted by the data plane as it serves them (issue 19):
 * per dataset, Chinese day and method, the calls and the rows they returned; the provider is copied
 * from the dataset so the evaluation counts by agency without a join [OPN-9, Z §38].
 */
export class Migration20261212000000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "opening"."open_data_count" (
      dataset_id text collate "C" not null,
      day date not null,
      method text not null,
      provider_id text collate "C" not null,
      calls bigint not null default 0,
      rows bigint not null default 0,
      primary key (dataset_id, day, method)
    )`);
    this.addSql(`create index open_data_count_provider_idx on "opening"."open_data_count" (provider_id)`);
  }
}
