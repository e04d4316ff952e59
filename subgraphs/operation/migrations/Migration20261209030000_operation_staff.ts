import { Migration } from '@mikro-orm/migrations';

/**
 * Inside the platform [OPR-4, D §17, D §21]: operators' processing staff registered by real name
 * (citizen ID hashed and masked, never in clear) under a confidentiality agreement, one active
 * registration per person and operator; imports of outside data and exports of derived results,
 * decided by the data authority. Both live with the operator.
 */
export class Migration20261209030000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "operation"."operator_staff" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      operator_id text collate "C" not null references "operation"."operator" (id),
      organization_id text collate "C" not null,
      name text not null,
      identifier_hash text not null,
      citizen_id_masked text not null,
      role text not null,
      confidentiality_agreement_no text not null,
      confidentiality_signed_on date not null,
      status text not null,
      deregistered_on date,
      deregistration_reason text,
      created_at timestamptz not null,
      version integer not null default 1,
      constraint operator_staff_status check (status in ('ACTIVE', 'DEREGISTERED')),
      constraint operator_staff_deregistered check ((status = 'DEREGISTERED') = (deregistered_on is not null))
    )`);
    this.addSql(`create unique index operator_staff_once on "operation"."operator_staff" (operator_id, identifier_hash) where status = 'ACTIVE'`);
    this.addSql('create index operator_staff_region_seq on "operation"."operator_staff" (region_code, seq)');
    this.addSql(`create table "operation"."operation_data_transfer" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      operator_id text collate "C" not null references "operation"."operator" (id),
      organization_id text collate "C" not null,
      direction text not null,
      authorization_id text collate "C" not null references "operation"."operation_authorization" (id),
      description text not null,
      source text,
      purpose text not null,
      status text not null,
      decision_reason text,
      decided_on date,
      created_at timestamptz not null,
      version integer not null default 1,
      constraint operation_data_transfer_direction check (direction in ('IMPORT', 'EXPORT')),
      constraint operation_data_transfer_status check (status in ('PENDING', 'APPROVED', 'REFUSED')),
      constraint operation_data_transfer_source check ((direction = 'IMPORT') = (source is not null)),
      constraint operation_data_transfer_refusal check (status <> 'REFUSED' or decision_reason is not null)
    )`);
    this.addSql('create index operation_data_transfer_operator on "operation"."operation_data_transfer" (operator_id)');
    this.addSql('create index operation_data_transfer_region_seq on "operation"."operation_data_transfer" (region_code, seq)');
  }
}
