import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { parseId } from '../../../schema/ids.js';
import { assertKnownIdRegion } from '../../kit/server/pagination.js';
import { badInput, forbidden, notFound } from '../../kit/server/errors.js';
import type { SubgraphContext } from '../../kit/server/context.js';
import type { TransferRoute } from '../../kit/server/transfers.js';
import { DataResource } from '../resource.entity.js';
import { itemsLoader } from '../resource.loader.js';
import { readBudget } from './limits.js';
import { valueText } from './masking.js';
import { baseVersion, RECORD_TABLE } from './store.js';
import type { StoredValue } from './values.js';

/** Rows read per statement while a download streams: memory stays bounded whatever the entry's size. */
const BATCH = 1000;

/** The opening subgraph's answer (opening/open-access.route.ts), as a plain shape. */
interface OpenAccessAnswer {
  allowed: boolean;
  decision: string;
  message: string;
  resourceId: string | null;
  openAttribute: string | null;
}

/** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. */
const csvField = (v: string | null) => (v === null ? '' : /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** The entry's current records in (version, row) order, a batch per statement. */
async function* records(ctx: SubgraphContext, resourceId: string, names: string[]): AsyncGenerator<(string | null)[]> {
  const base = await baseVersion(ctx.em, resourceId);
  let after: [number, number] = [base, 0];
  for (;;) {
    const rows = (await ctx.em
      .getConnection()
      .execute(`select version, row_no, data from ${RECORD_TABLE} where resource_id = ? and version >= ? and (version, row_no) > (?, ?) order by version, row_no limit ?`, [
        resourceId,
        base,
        after[0],
        after[1],
        BATCH,
      ])) as { version: number; row_no: string | number; data: Record<string, StoredValue> }[];
    for (const row of rows) yield names.map((n) => valueText(row.data[n]));
    if (rows.length < BATCH) return;
    const last = rows.at(-1)!;
    after = [last.version, Number(last.row_no)];
  }
}

/**
 * `GET /data/open/{datasetId}.csv` or `.json`: an UNCONDITIONAL open dataset's records as a
 * gzip-compressed file, for anyone, signed out too [OPN-2, Z §20, Z §27]. RESTRICTED data is never
 * downloaded (403, DOWNLOAD_OF_RESTRICTED) [Z §20]; a dataset not offered by DOWNLOAD, 403; not
 * open, 404. Personal-information items are left out, as on the API. The check is the one of
 * `openAccessChecks` (method DOWNLOAD), asked at every request; the entry itself must still be
 * published and not PROHIBITED. Streamed in batches: a file larger than memory downloads in
 * bounded memory. Counted as a download of the dataset (with its rows) once the file is sent
 * [OPN-9, Z §38].
 */
export const openDownloadRoute: TransferRoute = {
  method: 'GET',
  path: 'open/:file',
  handle: async (ctx, request) => {
    const m = /^(.+)\.(csv|json)$/.exec(request.params.file ?? '');
    if (!m) throw badInput('请求 /data/open/{数据集ID}.csv 或 .json / ask for /data/open/{datasetId}.csv or .json', 'path');
    const [, datasetId, format] = m as unknown as [string, string, 'csv' | 'json'];
    assertKnownIdRegion(datasetId, 'path');
    if (!parseId(datasetId)) throw badInput(`"${datasetId}" 不是本接口返回的ID / "${datasetId}" is not an ID this API returned`, 'path');
    readBudget.take(ctx.node.id, ctx.actor, ctx.settings.recordReadsPerMinute);
    const access = await ctx.peers.internal<OpenAccessAnswer>(ctx.node, 'opening', 'open-access', { datasetId, method: 'DOWNLOAD', userAccount: null });
    if (!access.allowed) {
      if (access.decision === 'NOT_OPEN') throw notFound('开放数据集 / open dataset', datasetId);
      throw forbidden(access.message, { decision: access.decision });
    }
    const r = access.resourceId ? await ctx.em.findOne(DataResource, { id: access.resourceId }) : null;
    if (r?.status !== 'PUBLISHED' || r.openAttribute !== 'UNCONDITIONAL') {
      throw forbidden(
        '数据集的目录条目已停用、禁止开放或改为受限开放，不提供下载 / the dataset’s catalog entry is retired, PROHIBITED or RESTRICTED: it is not downloaded [Z §20, Z §35]',
        { reason: 'ENTRY_CLOSED' },
      );
    }
    const names = (await itemsLoader(ctx).load(r.id)).filter((i) => !i.personalInfo).map((i) => i.name);
    let rows = 0;
    async function* file(): AsyncGenerator<string> {
      if (format === 'csv') yield `\ufeff${names.map(csvField).join(',')}\r\n`;
      else yield '[';
      for await (const values of records(ctx, r!.id, names)) {
        if (request.signal.aborted) return;
        yield format === 'csv' ? `${values.map(csvField).join(',')}\r\n` : `${rows ? ',' : ''}\n${JSON.stringify(Object.fromEntries(names.map((n, i) => [n, values[i]])))}`;
        rows += 1;
      }
      if (format === 'json') yield '\n]\n';
      // Sent whole: one download [OPN-9]. A count that fails is logged, the file is already out.
      await ctx.peers.internal(ctx.node, 'opening', 'open-data-counts', { datasetId, method: 'DOWNLOAD', rows }).catch((err: unknown) => {
        ctx.logger?.warn({ err, datasetId }, 'open download not counted');
      });
    }
    return {
      headers: {
        'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        'content-encoding': 'gzip',
        'content-disposition': `attachment; filename="${encodeURIComponent(datasetId)}.${format}"`,
        'cache-control': 'no-store',
      },
      body: Readable.from(file()).pipe(createGzip()),
    };
  },
};
