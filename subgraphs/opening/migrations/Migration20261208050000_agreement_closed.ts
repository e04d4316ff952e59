import { Migration } from '@mikro-orm/migrations';

/**
 * When an emergency opening ends, the data applications built on it are shut down [Z §32]: the
 * agreements on its datasets become CLOSED, which is no sanction (no violation, no deadline, no
 * credit record), whether they were in force or suspended at the time.
 */
export class Migration20261208050000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "opening"."open_data_agreement"
      add column closed_at timestamptz,
      drop constraint open_data_agreement_status,
      drop constraint open_data_agreement_suspension,
      add constraint open_data_agreement_status check (status in ('ACTIVE', 'SUSPENDED', 'TERMINATED', 'CLOSED')),
      add constraint open_data_agreement_suspension check (
        (status <> 'ACTIVE' or rectify_by is null) and (status not in ('SUSPENDED', 'TERMINATED') or rectify_by is not null)
        and (rectify_by is null) = (rectification is null) and (rectify_by is null) = (suspended_at is null) and (rectify_by is null) = (cardinality(violations) = 0)),
      add constraint open_data_agreement_closed check ((status = 'CLOSED') = (closed_at is not null))`);
  }
}
