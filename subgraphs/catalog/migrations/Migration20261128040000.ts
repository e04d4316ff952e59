import { Migration } from '@mikro-orm/migrations';

/** The audit log is keyed from here on (HMAC, key outside the database) and records reads too [D §24-25, Z §34]. */
export class Migration20261128040000 extends Migration {
  async up(): Promise<void> {
    // Rows are keyed with an HMAC whose key is not in the database (`keying = 'HMAC'`) and carry their
    // position in the chain (`seq`), their kind (a change or a read of non-public data), the region of
    // the object and of the caller. Rows written before stay `SHA256`: verifiable only before the first keyed row.
    this.addSql(`alter table "catalog"."audit_event"
      add column kind text not null default 'CHANGE',
      add column keying text not null default 'SHA256',
      add column seq bigint,
      add column region_code text,
      add column actor_region text,
      add constraint audit_event_kind check (kind in ('CHANGE', 'READ')),
      add constraint audit_event_keying check (keying in ('SHA256', 'HMAC'))`);
    this.addSql('create index audit_event_newest on "catalog"."audit_event" (at desc, id desc)');
    this.addSql('create index audit_event_by_entity on "catalog"."audit_event" (entity_id)');
    this.addSql('create index audit_event_by_actor on "catalog"."audit_event" (actor_sub)');
  }
}
