import { Migration } from '@mikro-orm/migrations';

/**
 * Ingest (issue 19 item 1). A load is addressed by a global ID (`<region>:<ulid>`, schema/ids.ts)
 * like every other object, so the gateway routes `dataLoad(id)` and `PUT /data/loads/{id}` to the
 * entry's node by the region in it: the column becomes text. A data item may be required: a load
 * whose record leaves it empty is rejected.
 */
export class Migration20261211000000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "catalog"."data_load" alter column id type text collate "C" using id::text`);
    this.addSql(`alter table "catalog"."data_item" add column required boolean not null default false`);
  }
}
