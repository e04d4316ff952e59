import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditChange } from '../../../schema/audit-actions.js';
import type { Actor } from '../../../schema/auth.js';
import { newId, parseId } from '../../../schema/ids.js';
import type { SubgraphContext } from '../../kit/server/context.js';
import { markDataUpdated } from '../freshness.resolver.js';
import type { DataItem, DataResource } from '../resource.entity.js';
import { itemsLoader } from '../resource.loader.js';
import { DataLoad, type LoadMode, type LoadSource } from './load.entity.js';
import type { StoredLoadErrors } from './load.types.js';
import { nextVersion, RECORD_TABLE } from './store.js';
import type { LoadItem, RecordChecker, StoredRecord } from './validate.js';

/** Rows per insert: one statement per batch, so memory holds one batch however large the file. */
export const LOAD_BATCH_ROWS = 1000;

/** The entry's items as a load checks them, in their order. */
export async function loadItems(ctx: SubgraphContext, resourceId: string): Promise<{ rows: DataItem[]; items: LoadItem[] }> {
  const rows = await itemsLoader(ctx).load(resourceId);
  return { rows, items: rows.map((i) => ({ name: i.name, dataType: i.dataType, identifier: i.identifier, required: i.required })) };
}

/** A new load of the entry in its transaction: the next version, in the entry's region (so its ID routes to this node). */
export async function newLoad(em: EntityManager, r: DataResource, actor: Actor, source: LoadSource, mode: LoadMode): Promise<DataLoad> {
  return em.create(DataLoad, {
    id: newId(parseId(r.id)!.region),
    resourceId: r.id,
    version: await nextVersion(em, r.id),
    source,
    mode,
    status: 'LOADING',
    rowsRead: 0,
    loadedBy: actor.sub,
    organizationId: r.providerId,
    startedAt: new Date(),
  });
}

/**
 * Writes a load's accepted records in batches, inside the load's transaction: nothing is visible
 * until it commits, and a rejection rolls every batch back. Each batch is one statement whose rows
 * travel as one JSON parameter, so no value ever reaches SQL as text.
 */
export class RecordWriter {
  private batch: { n: number; d: StoredRecord }[] = [];

  constructor(
    private readonly em: EntityManager,
    private readonly resourceId: string,
    private readonly version: number,
  ) {}

  async add(rowNo: number, record: StoredRecord): Promise<void> {
    this.batch.push({ n: rowNo, d: record });
    if (this.batch.length >= LOAD_BATCH_ROWS) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.batch.length) return;
    const rows = JSON.stringify(this.batch);
    this.batch = [];
    // em.execute: on the load's transaction, not a second connection.
    await this.em.execute(
      `insert into ${RECORD_TABLE} (resource_id, version, row_no, data) select ?, ?, x.n, x.d from jsonb_to_recordset(?::jsonb) as x(n bigint, d jsonb)`,
      [this.resourceId, this.version, rows],
      'run',
    );
  }
}

const facts = (l: DataLoad) => ({ resourceId: l.resourceId, version: l.version, source: l.source, mode: l.mode });

/**
 * Ends a load whose records were all accepted and written (in `em`'s transaction): LOADED with its
 * count and content hash, and — on a published entry — a data update for freshness (CAT-7), made
 * by the same code as a reported one, so the next due date moves without a separate report.
 */
export async function completeLoad(
  em: EntityManager,
  load: DataLoad,
  checker: RecordChecker,
  rowsRead: number,
  r: DataResource,
  items: DataItem[],
  actor: Actor,
): Promise<AuditChange<'catalog'>> {
  const finishedAt = new Date();
  Object.assign(load, { status: 'LOADED', rowsRead, rowCount: checker.rowCount, contentHash: checker.contentHash(), finishedAt, error: null });
  if (r.status === 'PUBLISHED')
    await markDataUpdated(
      em,
      r,
      actor,
      finishedAt,
      items,
      `数据加载：版本${load.version}，${checker.rowCount}条记录 / records loaded: version ${load.version}, ${checker.rowCount} rows`,
    );
  return { action: 'dataLoad.loaded', entityType: 'DataLoad', entityId: load.id, data: { ...facts(load), rowCount: checker.rowCount, contentHash: load.contentHash! } };
}

/** Ends a load as REJECTED with its errors: it keeps no record (its transaction, if any, was rolled back). */
export function rejectLoad(load: DataLoad, checker: RecordChecker, rowsRead: number): AuditChange<'catalog'> {
  const error: StoredLoadErrors = { errors: checker.errors, errorCount: checker.errorCount };
  Object.assign(load, { status: 'REJECTED', rowsRead, rowCount: 0, contentHash: null, finishedAt: new Date(), error });
  return { action: 'dataLoad.rejected', entityType: 'DataLoad', entityId: load.id, data: { ...facts(load), rowsRead, errorCount: checker.errorCount } };
}

export const startedAudit = (load: DataLoad): AuditChange<'catalog'> => ({ action: 'dataLoad.start', entityType: 'DataLoad', entityId: load.id, data: facts(load) });
