import { Migration } from '@mikro-orm/migrations';

/**
 * Sharing publishes (sanctions, to the nodes below) and consumes (the catalog's changes, the
 * sanctions of the nodes above):
 * - the outbox is pruned once its consumers have handled an event (kit/retention.ts): each pull
 *   carries the consumer's cursor, kept here per consumer (`<subgraph>@<node>`); events past the
 *   retention go whatever happens, found by their time;
 * - an event whose handler fails again and again is set aside with its error instead of blocking
 *   the events after it (kit/events.ts); receipts past the retention are pruned by their time.
 */
export class Migration20261206000000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "sharing"."outbox_consumer" (
      consumer text collate "C" primary key,
      acknowledged bigint not null,
      acknowledged_at timestamptz not null default now()
    )`);
    this.addSql('create index outbox_event_occurred on "sharing"."outbox_event" (occurred_at)');
    this.addSql(`create table "sharing"."event_dead_letter" (
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
    this.addSql('create index event_receipt_handled on "sharing"."event_receipt" (handled_at)');
  }
}
