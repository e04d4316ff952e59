import { Migration } from '@mikro-orm/migrations';

/**
 * Who an operator is and how it was selected [D §10, J §20]: a state-owned enterprise by default,
 * another kind only with the reason recorded; a renewal is a new agreement that names the one it
 * follows and the new selection, never a longer term. Existing agreements were state-owned
 * enterprises' (the only kind licensed so far).
 */
export class Migration20261209000000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "operation"."operator"
      add column kind text not null default 'STATE_OWNED_ENTERPRISE',
      add column kind_reason text,
      add column selection_basis text,
      add column renews_id text collate "C" references "operation"."operator" (id),
      add constraint operator_kind check (kind in ('STATE_OWNED_ENTERPRISE', 'OTHER_ENTERPRISE', 'UNINCORPORATED_ORGANIZATION')),
      add constraint operator_kind_reason check (kind = 'STATE_OWNED_ENTERPRISE' or kind_reason is not null),
      add constraint operator_renewal_selected check (renews_id is null or selection_basis is not null)`);
    // Every new row states its kind: the default only filled the existing ones.
    this.addSql('alter table "operation"."operator" alter column kind drop default');
  }
}
