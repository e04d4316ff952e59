import { Migration } from '@mikro-orm/migrations';
import { outboxTableSql } from '../../kit/server/events.js';

/** The catalog's outbox: changes that grants, open datasets and authorizations depend on [B §49, Z §35]. */
export class Migration20261128010000 extends Migration {
  async up(): Promise<void> {
    for (const sql of outboxTableSql('catalog')) this.addSql(sql);
  }
}
