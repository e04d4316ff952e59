import { Migration } from '@mikro-orm/migrations';

/**
 * An open dataset carries the format and update frequency of its catalog entry [Z §10], kept in
 * step by the catalog's events; rows opened before stay null until their entry changes. A dataset
 * whose entry became RESTRICTED loses DOWNLOAD [Z §20], which may leave a suspended dataset with no
 * method: only an OPEN dataset must offer one.
 */
export class Migration20261207000000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "opening"."open_dataset"
      add column format text,
      add column update_frequency text,
      drop constraint open_dataset_has_method,
      add constraint open_dataset_has_method check (status <> 'OPEN' or cardinality(access_methods) > 0)`);
  }
}
