import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * Puts records of an entry in its node's catalog database with plain SQL, as one LOADED version,
 * for tests of what acts on records (the load API has its own tests). `data` is keyed by item
 * name in the stored forms of records/values.ts. Returns the version.
 */
export async function putRecords(
  orm: MikroORM,
  resourceId: string,
  organizationId: string,
  data: Record<string, unknown>[],
  mode: 'REPLACE' | 'APPEND' = 'APPEND',
): Promise<number> {
  const conn = orm.em.fork().getConnection();
  const [{ next }] = await conn.execute<{ next: number }[]>(`select coalesce(max(version), 0) + 1 as next from "catalog"."data_load" where resource_id = ?`, [resourceId]);
  await conn.execute(
    `insert into "catalog"."data_load" (id, resource_id, version, source, mode, status, rows_read, row_count, loaded_by, organization_id, started_at, finished_at)
     values (?, ?, ?, 'API', ?, 'LOADED', ?, ?, 'test-fixture', ?, now(), now())`,
    [randomUUID(), resourceId, next, mode, data.length, data.length, organizationId],
  );
  if (data.length)
    await conn.execute(
      `insert into "catalog"."data_record" (resource_id, version, row_no, data) select ?, ?, r.n, r.d from jsonb_array_elements(?::jsonb) with ordinality as r(d, n)`,
      [resourceId, next, JSON.stringify(data)],
    );
  return Number(next);
}
