import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Keeps the planner's picture of a subgraph's tables current: statistics (ANALYZE) and the GIN
 * indexes' pending lists.
 *
 * Why it matters: the catalog's keyword search is served by GIN indexes over expressions that cost
 * ~40 µs per row to evaluate (subgraphs/catalog/search.ts). A GIN index takes new entries into a
 * pending list first, and the planner charges a search a read of that whole list; after a bulk load
 * of a few hundred entries through the API the list is many times the size of the table, so the
 * planner reads the table through another index and evaluates the expression on every row instead.
 * Only VACUUM, autovacuum's ANALYZE and `gin_clean_pending_list` empty the list; a manual ANALYZE
 * does not. And nothing analyzes by itself: PGlite has no autovacuum, and on PostgreSQL it runs
 * only past its thresholds (when it is on at all).
 *
 * So every bulk load ends with `refreshStatistics`, every subgraph runs it at start-up after its
 * migrations, and periodically (kit/server/periodic.ts `PeriodicWork`). It is cheap when nothing is stale: two
 * queries of the system catalogs, and a look at each GIN index's pending list.
 */

/** A table is stale as autovacuum's defaults judge it: never analyzed, or changed by more than 50 rows + 10 % since. */
const STALE = `c.reltuples < 0 or coalesce(s.n_mod_since_analyze, 0) > 50 + 0.1 * c.reltuples`;

/** What one refresh did, for logs and tests. */
export interface StatisticsRefresh {
  /** Tables analyzed (schema-qualified). */
  analyzed: string[];
  /** GIN pending-list pages moved into the indexes' main structure. */
  pendingPagesCleaned: number;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Analyzes the schema's tables that are stale and empties the pending lists of its GIN indexes.
 * Each statement runs without the request pool's statement timeout (ANALYZE of a large table
 * samples it, a pending list is bounded by `gin_pending_list_limit`: both finish), inside a
 * transaction of its own so the setting ends with it.
 *
 * PGlite keeps the modification counters only while it runs: a change made before a restart is
 * not counted after it, until the table changes again by the threshold (its pending list is still
 * emptied at start-up).
 */
export async function refreshStatistics(em: EntityManager, schema: string): Promise<StatisticsRefresh> {
  const connection = em.getConnection();
  // This session's own counters reach the shared statistics only now and then; another session's
  // (a pool's other connections) reach them within a second of its transactions.
  await connection.execute('select pg_stat_force_next_flush()').catch((err: { code?: string }) => {
    // PostgreSQL before 15 has no such function: its sessions send their counters on their own.
    if (err.code !== '42883') throw err;
  });
  const stale = await connection.execute<{ name: string }[]>(
    `select c.relname as name from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       left join pg_stat_user_tables s on s.relid = c.oid
     where n.nspname = ? and c.relkind = 'r' and (${STALE})
     order by c.relname`,
    [schema],
  );
  const gin = await connection.execute<{ name: string }[]>(
    `select i.relname as name from pg_class i
       join pg_namespace n on n.oid = i.relnamespace
       join pg_am a on a.oid = i.relam
     where n.nspname = ? and i.relkind = 'i' and a.amname = 'gin'
     order by i.relname`,
    [schema],
  );
  const unbounded = async (sql: string) =>
    connection.transactional(async (trx) => {
      await connection.execute(`select set_config('statement_timeout', '0', true)`, [], 'run', trx);
      return connection.execute(sql, [], 'all', trx);
    });
  const analyzed: string[] = [];
  for (const { name } of stale) {
    await unbounded(`analyze ${quote(schema)}.${quote(name)}`);
    analyzed.push(`${schema}.${name}`);
  }
  let pendingPagesCleaned = 0;
  for (const { name } of gin) {
    const [row] = (await unbounded(`select gin_clean_pending_list('${quote(schema)}.${quote(name)}'::regclass) as pages`)) as { pages: string | number }[];
    pendingPagesCleaned += Number(row?.pages ?? 0);
  }
  return { analyzed, pendingPagesCleaned };
}
