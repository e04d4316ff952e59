import { Migration } from '@mikro-orm/migrations';
import { auditTableSql } from '../../kit/server/audit.js';

/** Operation schema: operator authorizations (OPR-1) and the audit log. */
export class Migration20261123000000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "operation"."operator" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      organization_id text collate "C" not null,
      agreement_no text not null,
      agreement_signed_at date not null,
      term_start date not null,
      term_end date not null,
      scope text not null,
      licensed_by text not null,
      status text not null,
      status_reason text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1,
      constraint operator_agreement_no_unique unique (agreement_no),
      constraint operator_status check (status in ('ACTIVE', 'SUSPENDED', 'REVOKED')),
      constraint operator_term check (agreement_signed_at <= term_start and term_start <= term_end)
    )`);
    this.addSql('create index operator_region_seq on "operation"."operator" (region_code, seq)');
    // Organization.operator and the overlap check look authorizations up by organization.
    this.addSql('create index operator_organization on "operation"."operator" (organization_id, term_start)');
    for (const sql of auditTableSql('operation')) this.addSql(sql);
  }
}
