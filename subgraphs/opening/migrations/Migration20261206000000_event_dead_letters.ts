import { Migration } from '@mikro-orm/migrations';

/**
 * An event whose handler fails again and again is set aside with its error instead of blocking the
 * events after it (kit/events.ts); receipts past the retention are pruned by their time
 * (kit/retention.ts).
 */
export class Migration20261206000000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "opening"."event_dead_letter" (
      source text not null,
      event_id bigint not null,
      type text not null,
      entity_id text collate "C" not null,
      region_code text not null,
      data jsonb not null,
      occurred_at timestamptz not null,
      error text not null,
      attempts integer not null,
      first_failed_at timestamptz not null,
      last_failed_at timestamptz not null,
      primary key (source, event_id)
    )`);
    this.addSql('create index event_receipt_handled on "opening"."event_receipt" (handled_at)');
  }
}
