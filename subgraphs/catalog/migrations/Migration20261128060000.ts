import { Migration } from '@mikro-orm/migrations';

/**
 * pg_trgm goes: the first migration created it for a trigram index on `search_text`, which
 * Migration20261124000100 replaced by the catalog's own character n-grams (search.ts says why), so
 * nothing uses it. It is dropped only if nothing else in the database came to depend on it: the
 * extension lives in `public`, which the catalog does not own alone.
 */
export class Migration20261128060000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`do $$
      begin
        drop extension if exists pg_trgm;
      exception when dependent_objects_still_exist then
        raise notice 'pg_trgm kept: other objects depend on it';
      end
    $$`);
  }
}
