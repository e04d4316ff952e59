import { Migration } from '@mikro-orm/migrations';

/**
 * Every share request names the rule that decided it (or will) [SHR-2, J §7, B §10, Z §9], and
 * keeps the entry's security grade at request time. Rows written before this migration get the
 * rule their own columns imply: an automatic grant, an authority-only share mode, or the provider's
 * decision; their grade was not recorded and stays unknown (null).
 */
export class Migration20261128020000 extends Migration {
  async up(): Promise<void> {
    this.addSql('alter table "sharing"."share_request" add column security_grade text, add column decision_rule text');
    this.addSql(`update "sharing"."share_request" set decision_rule = case
      when decided_by = 'SYSTEM' then 'UNCONDITIONAL_AUTO_GRANT'
      when authority_approval_required then 'MODE_REQUIRES_AUTHORITY'
      else 'CONDITIONAL_PROVIDER_DECISION' end`);
    this.addSql('alter table "sharing"."share_request" alter column decision_rule set not null');
    this.addSql(`alter table "sharing"."share_request" add constraint share_request_decision_rule check (decision_rule in
      ('UNCONDITIONAL_AUTO_GRANT', 'GRADE_REQUIRES_AUTHORITY', 'MODE_REQUIRES_AUTHORITY', 'CONDITIONAL_PROVIDER_DECISION', 'AUTHORITY_COORDINATION'))`);
    this.addSql(`alter table "sharing"."share_request" add constraint share_request_security_grade check (security_grade in ('CORE', 'IMPORTANT', 'GENERAL'))`);
    // CORE and IMPORTANT data is never granted without the authority [J §7, B §10, Z §9].
    this.addSql(`alter table "sharing"."share_request" add constraint share_request_grade_authority check
      (security_grade is null or security_grade = 'GENERAL' or authority_approval_required)`);
  }
}
