import { Migration } from '@mikro-orm/migrations';

/**
 * Sanctions of operators [D §28]: a suspension names the violations and a rectification deadline;
 * the operator's row carries the deadline while it is suspended (its status TERMINATED follows from
 * it once passed), and each sanction is kept with its outcome.
 */
export class Migration20261209001000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "operation"."operator"
      add column rectify_by date,
      add constraint operator_rectify_by check (rectify_by is null or status <> 'ACTIVE')`);
    this.addSql(`create table "operation"."operator_sanction" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      operator_id text collate "C" not null references "operation"."operator" (id),
      violations text[] not null,
      rectification text not null,
      rectify_by date not null,
      imposed_by text not null,
      reinstated_at timestamptz,
      reinstatement text,
      created_at timestamptz not null,
      version integer not null default 1,
      constraint operator_sanction_violations check (cardinality(violations) >= 1
        and violations <@ array['MISUSE_OF_DATA', 'SECURITY_MEASURES_MISSING', 'PLATFORM_SECURITY_BREACH', 'OTHER_SERIOUS_BREACH']::text[]),
      constraint operator_sanction_reinstated check ((reinstated_at is null) = (reinstatement is null))
    )`);
    this.addSql('create index operator_sanction_operator on "operation"."operator_sanction" (operator_id, seq)');
    this.addSql('create index operator_sanction_region_seq on "operation"."operator_sanction" (region_code, seq)');
  }
}
