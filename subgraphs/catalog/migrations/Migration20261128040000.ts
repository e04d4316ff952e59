import { Migration } from '@mikro-orm/migrations';
import { auditKeyedSql } from '../../kit/server/audit.js';

/** The audit log is keyed from here on (HMAC, key outside the database) and records reads too [D §24-25, Z §34]. */
export class Migration20261128040000 extends Migration {
  async up(): Promise<void> {
    for (const sql of auditKeyedSql('catalog')) this.addSql(sql);
  }
}
