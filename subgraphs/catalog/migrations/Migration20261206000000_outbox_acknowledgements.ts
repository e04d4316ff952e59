import { Migration } from '@mikro-orm/migrations';

/**
 * The outbox is pruned once its consumers have handled an event (kit/retention.ts): each pull
 * carries the consumer's cursor, kept here per consumer (`<subgraph>@<node>`); events past the
 * retention go whatever happens, found by their time.
 */
export class Migration20261206000000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "catalog"."outbox_consumer" (
      consumer text collate "C" primary key,
      acknowledged bigint not null,
      acknowledged_at timestamptz not null default now()
    )`);
    this.addSql('create index outbox_event_occurred on "catalog"."outbox_event" (occurred_at)');
  }
}
