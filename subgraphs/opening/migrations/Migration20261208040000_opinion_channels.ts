import { Migration } from '@mikro-orm/migrations';

/**
 * Opinions reach an opening agency by the hotline, by letter and in person as well as online
 * [Z §21]: the channel, and the day of receipt the deadline counts from. Opinions filed before
 * were filed online, received the day they were filed (in China time).
 */
export class Migration20261208040000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "opening"."open_data_opinion" add column channel text, add column received_on date`);
    this.addSql(`update "opening"."open_data_opinion" set channel = 'ONLINE', received_on = (created_at at time zone 'Asia/Shanghai')::date`);
    this.addSql(`alter table "opening"."open_data_opinion"
      alter column channel set not null,
      alter column received_on set not null,
      add constraint open_data_opinion_channel check (channel in ('ONLINE', 'HOTLINE', 'LETTER', 'IN_PERSON'))`);
  }
}
