import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Where an entry's records live, and which of them a reader sees. Every statement on records names
 * `resource_id` first, so it reaches one hash partition here, or one shard on a distributed
 * PostgreSQL (docs/architecture.md, "Records").
 */
export const RECORD_TABLE = '"catalog"."data_record"';
export const LOAD_TABLE = '"catalog"."data_load"';

/**
 * The first version a reader sees: the latest REPLACE load that was loaded (or since destroyed:
 * what it replaced stays replaced), else 0. Rows of versions from there on are the entry's data;
 * a rejected load has no rows and a destroyed one has none left, so no status filter is needed.
 */
export async function baseVersion(em: EntityManager, resourceId: string): Promise<number> {
  const [row] = (await em.execute(
    `select coalesce(max(version) filter (where mode = 'REPLACE' and status in ('LOADED', 'DESTROYED')), 0) as base from ${LOAD_TABLE} where resource_id = ?`,
    [resourceId],
  )) as { base: number | string }[];
  return Number(row?.base ?? 0);
}

/**
 * The next version number of an entry's loads. Called inside the load's transaction (`em.execute`
 * runs on the transaction's connection); the unique key refuses a concurrent twin.
 */
export async function nextVersion(em: EntityManager, resourceId: string): Promise<number> {
  const [row] = (await em.execute(`select coalesce(max(version), 0) + 1 as next from ${LOAD_TABLE} where resource_id = ?`, [resourceId])) as {
    next: number | string;
  }[];
  return Number(row?.next ?? 1);
}
