import type { MikroORM } from '@mikro-orm/postgresql';
import { newId, regionOf } from '../../schema/ids.js';

/**
 * Puts records of an entry in its node's catalog database with plain SQL, as one LOADED version,
 * for tests of what acts on records (the load API has its own tests). `data` is keyed by item
 * name in the stored forms of records/values.ts. Returns the version. Safe to call concurrently
 * for one entry: a version another call took first is skipped.
 */
export async function putRecords(
  orm: MikroORM,
  resourceId: string,
  organizationId: string,
  data: Record<string, unknown>[],
  mode: 'REPLACE' | 'APPEND' = 'APPEND',
): Promise<number> {
  const conn = orm.em.fork().getConnection();
  let version: number | undefined;
  while (version === undefined) {
    const [taken] = await conn.execute<{ version: number }[]>(
      `insert into "catalog"."data_load" (id, resource_id, version, source, mode, status, rows_read, row_count, loaded_by, organization_id, started_at, finished_at)
       select ?, ?, coalesce(max(version), 0) + 1, 'API', ?, 'LOADED', ?, ?, 'test-fixture', ?, now(), now() from "catalog"."data_load" where resource_id = ?
       on conflict (resource_id, version) do nothing returning version`,
      [newId(regionOf(resourceId)!), resourceId, mode, data.length, data.length, organizationId, resourceId],
    );
    version = taken?.version;
  }
  if (data.length)
    await conn.execute(
      `insert into "catalog"."data_record" (resource_id, version, row_no, data) select ?, ?, r.n, r.d from jsonb_array_elements(?::jsonb) with ordinality as r(d, n)`,
      [resourceId, version, JSON.stringify(data)],
    );
  return Number(version);
}
