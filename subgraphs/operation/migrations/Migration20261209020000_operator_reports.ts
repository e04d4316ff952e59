import { Migration } from '@mikro-orm/migrations';

/**
 * Operators' periodic and annual reports [OPR-7, D §20]: one per operator, kind and period, kept
 * on the operator's node with the period and the due date it was filed against.
 */
export class Migration20261209020000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "operation"."operator_report" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      operator_id text collate "C" not null references "operation"."operator" (id),
      organization_id text collate "C" not null,
      kind text not null,
      period_number integer not null,
      period_start date not null,
      period_end date not null,
      due_date date not null,
      storage text not null,
      processing text not null,
      analysis text not null,
      fusion text not null,
      market_operation text not null,
      created_at timestamptz not null,
      version integer not null default 1,
      constraint operator_report_kind check (kind in ('PERIODIC', 'ANNUAL')),
      constraint operator_report_period check (period_number >= 1 and period_start <= period_end and period_end < due_date),
      constraint operator_report_once unique (operator_id, kind, period_number)
    )`);
    this.addSql('create index operator_report_region_seq on "operation"."operator_report" (region_code, seq)');
    // An operator that acts by its organization (tokens naming no record) reads its reports by it.
    this.addSql('create index operator_report_organization on "operation"."operator_report" (organization_id)');
  }
}
