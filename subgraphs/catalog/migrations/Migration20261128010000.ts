import { Migration } from '@mikro-orm/migrations';

/** The catalog's outbox: changes that grants, open datasets and authorizations depend on [B §49, Z §35]. */
export class Migration20261128010000 extends Migration {
  async up(): Promise<void> {
    // Written in the transaction of the change it reports; consumers pull it after their cursor (kit/events.ts).
    this.addSql(`create table "catalog"."outbox_event" (
      id bigserial primary key,
      type text not null,
      entity_id text collate "C" not null,
      region_code text not null,
      data jsonb not null,
      occurred_at timestamptz not null default now()
    )`);
  }
}
