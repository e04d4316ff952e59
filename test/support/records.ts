import type { MikroORM } from '@mikro-orm/postgresql';
import type { Actor } from '../../schema/auth.js';
import { newId, regionOf } from '../../schema/ids.js';
import { auditor } from './access.js';
import { agency } from './node.js';

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

interface Gateway {
  must: <T = Record<string, any>>(actor: Actor | null, query: string, variables?: Record<string, unknown>) => Promise<T>;
}

const LOAD = `mutation($input: LoadEntryRecordsInput!) { loadEntryRecords(input: $input) { version status errors { line item message } } }`;

/**
 * Loads records of an entry as its providing agency would, through the gateway's batched API
 * (`loadEntryRecords`, 1,000 per call: the first call in `mode`, the rest appended), for tests of
 * what reads or acts on records. Returns the first version written.
 */
export async function loadRecords(f: Gateway, resourceId: string, rows: Record<string, unknown>[], mode: 'REPLACE' | 'APPEND' = 'REPLACE'): Promise<number> {
  const region = regionOf(resourceId)!;
  const provider = (
    await f.must<{ dataResource: { provider: { id: string } } }>(auditor(region), 'query($id: ID!) { dataResource(id: $id) { provider { id } } }', { id: resourceId })
  ).dataResource.provider.id;
  let first: number | undefined;
  for (let i = 0; i === 0 || i < rows.length; i += 1000) {
    const input = { resourceId, mode: i === 0 ? mode : 'APPEND', records: rows.slice(i, i + 1000) };
    const load = (await f.must<{ loadEntryRecords: { version: number; status: string; errors: unknown[] } }>(agency(provider), LOAD, { input })).loadEntryRecords;
    if (load.status !== 'LOADED') throw new Error(`test records were refused: ${JSON.stringify(load.errors)}`);
    first ??= load.version;
  }
  return first!;
}
