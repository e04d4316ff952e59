import { Migration } from '@mikro-orm/migrations';
import { receiptTableSql } from '../../kit/server/events.js';

/**
 * An open dataset is suspended when its catalog entry is retired, made PROHIBITED or graded
 * IMPORTANT/CORE [OPN-6, Z §35, Z §12, Z §9]: the reason and the causing catalog event are kept;
 * receipts of handled catalog events make every event take effect once.
 */
export class Migration20261128010000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "opening"."open_dataset"
      add column suspended_at timestamptz,
      add column suspension_reason text,
      add column catalog_event_id text`);
    for (const sql of receiptTableSql('opening')) this.addSql(sql);
  }
}
