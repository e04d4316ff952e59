import { Migration } from '@mikro-orm/migrations';

/**
 * Emergency openings [Z §8, Z §32]: the authority opens data for an event in one step and, when the
 * event is over, its datasets are withdrawn, what was collected for it is sealed or scheduled for
 * destruction, and the applications built on it are shut down. The emergency keeps that record;
 * each of its datasets keeps its own part (the measure, when its applications were shut down).
 */
export class Migration20261208022000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "opening"."open_data_emergency" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      event text not null,
      kind text not null,
      status text not null,
      dataset_ids text[] not null,
      provider_ids text[] not null,
      open_for_hours integer not null,
      open_until timestamptz not null,
      declared_by text not null,
      ended_at timestamptz,
      ended_by text,
      end_summary text,
      measures jsonb not null,
      applications_shut_down integer,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1,
      constraint open_data_emergency_kind check (kind in ('NATURAL_DISASTER', 'ACCIDENT', 'PUBLIC_HEALTH', 'SOCIAL_SECURITY')),
      constraint open_data_emergency_status check (status in ('ACTIVE', 'ENDED')),
      constraint open_data_emergency_hours check (open_for_hours between 1 and 720),
      constraint open_data_emergency_ended check ((status = 'ENDED') = (ended_at is not null and applications_shut_down is not null))
    )`);
    this.addSql('create index open_data_emergency_region_seq on "opening"."open_data_emergency" (region_code, seq)');
    this.addSql(`alter table "opening"."open_dataset"
      add column emergency_id text collate "C" references "opening"."open_data_emergency" (id) deferrable initially deferred,
      add column emergency_measure text,
      add column applications_shut_down_at timestamptz,
      add constraint open_dataset_emergency_measure check (emergency_measure is null or (emergency_id is not null and emergency_measure in ('SEALED', 'DESTRUCTION_SCHEDULED')))`);
  }
}
