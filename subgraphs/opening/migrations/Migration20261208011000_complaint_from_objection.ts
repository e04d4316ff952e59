import { Migration } from '@mikro-orm/migrations';

/**
 * A data subject's INFRINGING objection to an open entry in the catalog is a complaint under
 * Z §35: the catalog's event records it here, with the objection it came from and no receipt token
 * (the objector follows its objection in the catalog). Existing complaints were all filed by the
 * public, with a token.
 */
export class Migration20261208011000 extends Migration {
  async up(): Promise<void> {
    this.addSql('alter table "opening"."open_data_complaint" add column source text not null default \'PUBLIC\'');
    this.addSql('alter table "opening"."open_data_complaint" alter column source drop default');
    this.addSql('alter table "opening"."open_data_complaint" add column objection_id text collate "C" unique');
    this.addSql('alter table "opening"."open_data_complaint" alter column receipt_token_hash drop not null');
    this.addSql(`alter table "opening"."open_data_complaint" add constraint open_data_complaint_source check (
      source in ('PUBLIC', 'CATALOG_OBJECTION')
      and (source = 'PUBLIC') = (receipt_token_hash is not null)
      and (source = 'CATALOG_OBJECTION') = (objection_id is not null)
    )`);
  }
}
