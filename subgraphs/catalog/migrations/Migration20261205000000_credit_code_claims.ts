import { Migration } from '@mikro-orm/migrations';

/**
 * The city node's registry of unified social credit codes, one organization per code across the
 * federation [J §11, B §12] (credit-code-claim.ts). Every node has the table; the root's is used.
 */
export class Migration20261205000000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "catalog"."credit_code_claim" (
      credit_code text collate "C" primary key,
      organization_id text collate "C" not null,
      node_id text not null,
      claimed_at timestamptz not null
    )`);
  }
}
