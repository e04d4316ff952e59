import { Migration } from '@mikro-orm/migrations';

/**
 * Uses of a grant by the data plane (issue 19): per grant and Chinese day, how many reads the
 * catalog served through it and how many rows they returned, counted by the catalog's internal call
 * (grant-use.route.ts). Provider and grantee are copied from the grant so an evaluation counts by
 * organization without a join [SHR-11, L §28, B §48].
 */
export class Migration20261212000000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "sharing"."grant_use" (
      grant_id text collate "C" not null,
      day date not null,
      provider_id text collate "C" not null,
      requester_id text collate "C" not null,
      reads bigint not null default 0,
      rows bigint not null default 0,
      primary key (grant_id, day)
    )`);
    this.addSql(`create index grant_use_provider_idx on "sharing"."grant_use" (provider_id)`);
    this.addSql(`create index grant_use_requester_idx on "sharing"."grant_use" (requester_id)`);
  }
}
