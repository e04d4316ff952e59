import { Migration } from '@mikro-orm/migrations';

/**
 * A demand list handed to the service center in writing is recorded by it with the day it was
 * received; every later step counts from the day it truly happened (OPR-3, D §14).
 */
export class Migration20261215000000 extends Migration {
  async up(): Promise<void> {
    this.addSql('alter table "operation"."operation_authorization" add column received_on date');
  }
}
