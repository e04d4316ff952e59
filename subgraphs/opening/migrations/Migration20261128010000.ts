import { Migration } from '@mikro-orm/migrations';

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
    // One row per handled event of one source, written in the transaction of its effect (kit/events.ts).
    this.addSql(`create table "opening"."event_receipt" (
      source text not null,
      event_id bigint not null,
      type text not null,
      entity_id text collate "C" not null,
      handled_at timestamptz not null default now(),
      primary key (source, event_id)
    )`);
  }
}
