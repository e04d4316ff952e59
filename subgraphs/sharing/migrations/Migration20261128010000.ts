import { Migration } from '@mikro-orm/migrations';

/**
 * Grants follow their catalog entry [SHR-5, SHR-10, B §26, B §49]: a grant can be SUSPENDED with
 * its reason and the catalog event that caused it; receipts of handled catalog events make every
 * event take effect once.
 */
export class Migration20261128010000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "sharing"."share_request"
      add column suspended_at timestamptz,
      add column suspension_reason text,
      add column catalog_event_id text`);
    this.addSql('alter table "sharing"."share_request" drop constraint share_request_status');
    this.addSql(`alter table "sharing"."share_request" add constraint share_request_status check (status in ('PENDING', 'GRANTED', 'REJECTED', 'SUSPENDED'))`);
    this.addSql(`alter table "sharing"."share_request" add constraint share_request_suspension check ((status = 'SUSPENDED') = (suspended_at is not null and suspension_reason is not null))`);
    // One row per handled event of one source, written in the transaction of its effect (kit/events.ts).
    this.addSql(`create table "sharing"."event_receipt" (
      source text not null,
      event_id bigint not null,
      type text not null,
      entity_id text collate "C" not null,
      handled_at timestamptz not null default now(),
      primary key (source, event_id)
    )`);
  }
}
