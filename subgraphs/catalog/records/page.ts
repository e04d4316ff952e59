import type { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, encodeCursor } from '../../../schema/cursor.js';
import { badInput } from '../../kit/server/errors.js';
import { pageInfoOf } from '../../kit/server/pagination.js';
import { maskValue, valueText } from './masking.js';
import type { DataRecordConnection, RecordColumn } from './read.types.js';
import { baseVersion, RECORD_TABLE } from './store.js';
import type { CompiledFilter } from './filter.js';
import type { ItemShape, StoredValue } from './values.js';

/** An item as a read serves it: in clear, or masked [SEC-3]. */
export interface ServedItem extends ItemShape {
  personalInfo: boolean;
  masked: boolean;
}

const ORDER = ['ASC', 'ASC'] as const;

/** The (version, row) a cursor resumes after; the list it belongs to was checked before the resolver ran (kit/server/pagination.ts `withListCursors`). */
function resumeAfter(after: string | null | undefined): [number, number] | null {
  if (!after) return null;
  const key = decodeCursor(after);
  const [v, r] = key?.values ?? [];
  if (key?.values.length !== 2 || typeof v !== 'number' || typeof r !== 'number' || key.directions.some((d) => d !== 'ASC')) {
    throw badInput(
      'after 不是记录列表的游标：请原样传入上一页的 pageInfo.endCursor / after is not a cursor of a record list: pass pageInfo.endCursor of the previous page unchanged',
      'after',
    );
  }
  return [v, r];
}

/**
 * One page of an entry's current records (versions from its base on, store.ts `baseVersion`) that
 * match `filter`, in (version, row) order after the cursor: one statement on the entry's partition,
 * reading `first + 1` rows by the primary key, whatever the entry's size. Only `served` items are
 * returned, masked ones masked here, before anything leaves the node's process.
 */
export async function recordPage(
  em: EntityManager,
  resourceId: string,
  o: { served: ServedItem[]; filter: CompiledFilter; first: number; after?: string | null; grantId: string | null },
): Promise<DataRecordConnection> {
  const from = resumeAfter(o.after);
  const base = await baseVersion(em, resourceId);
  const conn = em.getConnection();
  const where = `resource_id = ? and version >= ? and (${o.filter.sql})`;
  const rows = (await conn.execute(
    `select version, row_no, data from ${RECORD_TABLE} where ${where}${from ? ' and (version, row_no) > (?, ?)' : ''} order by version, row_no limit ?`,
    [resourceId, base, ...o.filter.params, ...(from ?? []), o.first + 1],
  )) as { version: number; row_no: string | number; data: Record<string, StoredValue> }[];
  const hasNext = rows.length > o.first;
  const edges = rows.slice(0, o.first).map((row) => ({
    cursor: encodeCursor({ values: [row.version, Number(row.row_no)], directions: [...ORDER] }),
    node: {
      version: row.version,
      rowNo: String(row.row_no),
      values: o.served.map((item) => ({
        item: item.name,
        value: item.masked ? maskValue(item, row.data[item.name] ?? null) : valueText(row.data[item.name]),
        masked: item.masked,
      })),
    },
  }));
  const before = from
    ? async () =>
        ((await conn.execute(`select 1 from ${RECORD_TABLE} where ${where} and (version, row_no) <= (?, ?) limit 1`, [resourceId, base, ...o.filter.params, ...from])) as unknown[])
          .length > 0
    : null;
  const columns: RecordColumn[] = o.served.map((i) => ({ name: i.name, dataType: i.dataType, personalInfo: i.personalInfo, masked: i.masked }));
  return { columns, grantId: o.grantId, edges, pageInfo: pageInfoOf(edges, hasNext, before) };
}
