import { Migration } from '@mikro-orm/migrations';

/**
 * Annual open plans (年度开放计划) [J §19]: one per agency and year, on the node of the agency's
 * region. Filing again for the same year revises the plan: the items are replaced and the
 * previous revision is kept in `history`, so what was promised when stays on record.
 */
export class Migration20261208021000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "opening"."open_data_plan" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      agency_id text collate "C" not null,
      year integer not null,
      items jsonb not null,
      revision integer not null,
      history jsonb not null,
      filed_at timestamptz not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1,
      constraint open_data_plan_one_per_year unique (agency_id, year),
      constraint open_data_plan_year check (year between 2000 and 2999),
      constraint open_data_plan_revision check (revision >= 1)
    )`);
    this.addSql('create index open_data_plan_region_seq on "opening"."open_data_plan" (region_code, seq)');
    this.addSql('create index open_data_plan_year on "opening"."open_data_plan" (year)');
  }
}
