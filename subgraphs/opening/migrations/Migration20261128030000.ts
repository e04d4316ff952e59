import { Migration } from '@mikro-orm/migrations';

/**
 * The kit's idempotency records: a retried mutation returns its first outcome (kit/idempotency.ts).
 * One row per caller, key and root mutation field, written in the mutation's own transaction.
 */
export class Migration20261128030000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "opening"."idempotent_mutation" (
      actor_sub text collate "C" not null,
      idempotency_key text collate "C" not null,
      field_path text collate "C" not null,
      operation_hash text not null,
      field_name text not null,
      entity_name text,
      entity_id text,
      created_at timestamptz not null default now(),
      primary key (actor_sub, idempotency_key, field_path)
    )`);
    // For pruning records older than any sensible retry.
    this.addSql('create index idempotent_mutation_created on "opening"."idempotent_mutation" (created_at)');
  }
}
