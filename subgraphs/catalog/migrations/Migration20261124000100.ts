import { Migration } from '@mikro-orm/migrations';

const BATCH = 1000;

/**
 * The search text of an entry as the catalog made it when this migration landed (search.ts
 * `searchColumns`, `normalizeSearch`), written out so that a later change there cannot change what
 * this migration does: name, summary and item names, each NFKC, lower case, line breaks as spaces,
 * one per line.
 */
const searchText = (name: string, summary: string, items: string[]) =>
  [name, summary, ...items].map((s) => s.normalize('NFKC').toLowerCase().replace(/[\r\n]/g, ' ')).join('\n');

/**
 * Keyword search by character n-grams [CAT-8] (why, and the measurements, in search.ts).
 *
 * The grams are an index expression over `search_text`, not a stored column: at 100,000 entries
 * a stored text[] of ~115 grams per entry made the table 2.8 times larger (180 MB instead of
 * 64 MB), and counting the entries that contain a frequent character visits the table, so it got
 * that much slower. The main index also holds the values of the filter columns, so a count
 * reads only the rows that pass the filters. `search_grams()` costs ~40 µs per call: cheap on
 * insert, ruinous as a filter on every row, so searches run with sequential scans disabled
 * (search.resolver.ts) and its declared cost steers the planner to the indexes as well.
 */
export class Migration20261124000100 extends Migration {
  async up(): Promise<void> {
    // Every character and every pair of adjacent characters. Pairs across the line breaks between
    // fields contain a line break, which no keyword does, so they never match. GIN removes duplicates.
    this.addSql(`create function "catalog".search_grams(t text) returns text[]
      language sql immutable strict parallel safe cost 1000
      as $$
        select u || array(select u[i] || u[i + 1] from generate_series(1, cardinality(u) - 1) as i)
        from string_to_array(t, null) as u
      $$`);
    // The grams and the values of the filter columns, as keys "\x01<code><value>" (search.ts, KEY_COLUMNS).
    this.addSql(`create function "catalog".search_keys(t text, status text, share_attribute text, open_attribute text, security_grade text,
        library text, format text, update_frequency text, region_code text, provider_id text) returns text[]
      language sql immutable strict parallel safe cost 1000
      as $$
        select "catalog".search_grams(t) || array[E'\\x01s' || status, E'\\x01a' || share_attribute, E'\\x01o' || open_attribute,
          E'\\x01g' || security_grade, E'\\x01l' || library, E'\\x01f' || format, E'\\x01u' || update_frequency,
          E'\\x01r' || region_code, E'\\x01p' || provider_id]
      $$`);

    // search_text becomes the normalized form (NFKC, lower case, one field per line), computed in
    // JavaScript like every later write, so existing entries match exactly as new ones do.
    const rows = await this.execute(`select r.id, r.name, r.summary,
        coalesce(array_agg(i.name order by i.position) filter (where i.name is not null), '{}') as items
      from "catalog"."data_resource" r left join "catalog"."data_item" i on i.resource_id = r.id
      group by r.id`);
    for (let start = 0; start < rows.length; start += BATCH) {
      const batch = rows.slice(start, start + BATCH);
      const values = batch.map((r) => ({ id: r.id, t: searchText(r.name, r.summary, r.items as string[]) }));
      this.addSql(this.getKnex().raw(
        `update "catalog"."data_resource" r set search_text = v.t from jsonb_to_recordset(?::jsonb) as v(id text, t text) where r.id = v.id`,
        [JSON.stringify(values)],
      ));
    }

    // The trigram index cannot serve 1- and 2-character terms; the n-gram indexes replace it.
    const keyColumns = 'status, share_attribute, open_attribute, security_grade, library, format, update_frequency, region_code, provider_id';
    this.addSql('drop index if exists "catalog"."data_resource_search"');
    this.addSql(`create index data_resource_search_keys on "catalog"."data_resource" using gin ("catalog".search_keys(search_text, ${keyColumns}))`);
    // Ranking: entries named exactly the keyword (newest first), and entries whose name contains it.
    this.addSql(`create index data_resource_search_name on "catalog"."data_resource" (left(split_part(search_text, E'\\n', 1), 64), seq)`);
    this.addSql(`create index data_resource_search_name_grams on "catalog"."data_resource" using gin ("catalog".search_grams(split_part(search_text, E'\\n', 1)))`);
  }
}
