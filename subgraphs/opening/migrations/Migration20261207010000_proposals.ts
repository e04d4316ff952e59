import { Migration } from '@mikro-orm/migrations';

/**
 * A dataset enters, changes or leaves the open catalog only when the authority approves the
 * agency's proposal [B §31]: a proposed dataset is PROPOSED (or RETURNED) and was never published;
 * the latest proposal is kept on the dataset, with whether it awaits review.
 */
export class Migration20261207010000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "opening"."open_dataset"
      add column proposal_data jsonb,
      add column proposal_status text,
      alter column published_at drop not null,
      drop constraint open_dataset_status,
      add constraint open_dataset_status check (status in ('PROPOSED', 'RETURNED', 'OPEN', 'SUSPENDED', 'WITHDRAWN')),
      add constraint open_dataset_proposal_status check (proposal_status in ('SUBMITTED', 'RETURNED'))`);
    this.addSql(`create index open_dataset_awaiting_review on "opening"."open_dataset" (region_code, seq) where proposal_status = 'SUBMITTED'`);
  }
}
