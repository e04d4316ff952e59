import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { LockMode } from '@mikro-orm/postgresql';
import { DEFAULT_DATA_UPLOAD_IDLE_MS, DEFAULT_DATA_UPLOAD_MAX_BYTES } from '../../../platform/env.js';
import { parseId } from '../../../schema/ids.js';
import { requireActor, type SubgraphContext } from '../../kit/server/context.js';
import { conflict, notFound } from '../../kit/server/errors.js';
import { mutate } from '../../kit/server/mutation.js';
import { type TransferRequest, type TransferRoute, TransferError } from '../../kit/server/transfers.js';
import { loadForLoading } from '../access.js';
import { DataResource } from '../resource.entity.js';
import { completeLoad, loadItems, RecordWriter, rejectLoad } from './ingest.js';
import { DataLoad } from './load.entity.js';
import { loadJson } from './load.types.js';
import { endProgress, noteProgress } from './progress.js';
import { csvRecords, guardedBody, jsonRecords, UploadAborted, UploadIdle, UploadTooLarge } from './upload.js';
import { RecordChecker } from './validate.js';

/** The load ended with errors: its transaction is rolled back, then it is marked REJECTED on its own. */
class Rejected extends Error {
  constructor(readonly rowsRead: number) {
    super('rejected');
  }
}

const tooLarge = (max: number) =>
  new TransferError(
    'PAYLOAD_TOO_LARGE',
    `文件超过 ${max} 字节，未写入任何记录；请分成几次加载 / the file exceeds ${max} bytes and nothing was written; split it into several loads`,
    {
      maxBytes: max,
    },
  );

/** The body inflated; `onError` notes that it was not gzip (the read then fails like an interrupted upload). */
function inflated(body: Readable, onError: () => void): Readable {
  const gunzip = createGunzip();
  gunzip.once('error', onError);
  return pipeline(body, gunzip, () => undefined);
}

/** Uploads under way in this process, so a second PUT of the same load is refused at once rather than wait on the first one's lock. */
const uploading = new Set<string>();

/**
 * `PUT /data/loads/{id}`: the file of a load `startDataLoad` opened (CSV or JSON, as it said),
 * streamed through the gateway. Read record by record and written in batches inside one
 * transaction, so memory holds a batch however large the file and a rejection leaves nothing;
 * progress is the process's count (records/progress.ts). Answers the finished load as JSON:
 * LOADED, or REJECTED with its errors (200 either way: the upload was received); 413 for a file
 * over the bound, which leaves the load LOADING for another try.
 */
async function upload(ctx: SubgraphContext, request: TransferRequest) {
  const actor = requireActor(ctx);
  const { id } = request.params;
  const found = parseId(id ?? '') ? await ctx.em.findOne(DataLoad, { id }) : null;
  if (!found) throw notFound('数据加载 / data load', id ?? '');
  const r = await loadForLoading(ctx, found.resourceId, 'id');
  if (found.source === 'API') throw conflict('此加载经批量接口完成，不接受上传 / this load came by the batched API and takes no upload');
  if (found.status !== 'LOADING') throw conflict(`此加载已结束（${found.status}），请开始新的加载 / this load has ended (${found.status}); start a new one`);
  const maxBytes = ctx.settings.dataUploadMaxBytes ?? DEFAULT_DATA_UPLOAD_MAX_BYTES;
  const idleMs = ctx.settings.dataUploadIdleMs ?? DEFAULT_DATA_UPLOAD_IDLE_MS;
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) throw tooLarge(maxBytes);
  const encoding = String(request.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip')
    throw new TransferError('BAD_REQUEST', `Content-Encoding 只能是 gzip 或不压缩 / Content-Encoding must be gzip or none, not ${encoding}`, { field: 'Content-Encoding' });
  if (uploading.has(found.id)) throw conflict('此加载正在上传 / this load is being uploaded by another request');
  uploading.add(found.id);
  const { rows: itemRows, items } = await loadItems(ctx, r.id);
  const checker = new RecordChecker(items);
  let rowsRead = 0;
  let badGzip = false;
  try {
    const loaded = await mutate(ctx, 'catalog', async (em) => {
      // The transaction waits on the client between chunks: it may sit idle as long as an upload may pause.
      await em.execute(`select set_config('idle_in_transaction_session_timeout', ?, true)`, [String(idleMs + 5000)]);
      // Another process's upload of the same load waits here, then finds it ended.
      const load = await em.findOneOrFail(DataLoad, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (load.status !== 'LOADING') throw conflict(`此加载已结束（${load.status}）/ this load has ended (${load.status})`);
      // A gzip file is read as it inflates; the bound counts the inflated bytes, so a small bomb is refused like a large file.
      const body = guardedBody(encoding === 'gzip' ? inflated(request.body, () => (badGzip = true)) : request.body, maxBytes, idleMs);
      const writer = new RecordWriter(em, r.id, load.version);
      const records = load.source === 'CSV' ? csvRecords(body, checker) : jsonRecords(body, checker);
      for await (const { line, raw } of records) {
        rowsRead++;
        noteProgress(load.id, rowsRead);
        const stored = checker.check(line, raw);
        // After the first error nothing more is written (it would be rolled back): the rest is only checked, up to the errors reported.
        if (stored && !checker.rejected) await writer.add(line, stored);
        if (checker.full) break;
      }
      if (!checker.rejected && checker.rowCount === 0) checker.fail(1, null, '文件没有记录 / the file has no records');
      if (checker.rejected) throw new Rejected(rowsRead);
      await writer.flush();
      const entry = await em.findOneOrFail(DataResource, { id: r.id });
      return { result: load, audit: await completeLoad(em, load, checker, rowsRead, entry, itemRows, actor) };
    });
    return loadJson(loaded);
  } catch (err) {
    if (err instanceof UploadTooLarge) throw tooLarge(maxBytes);
    if (err instanceof UploadIdle)
      throw conflict(`上传停顿超过 ${idleMs} 毫秒，未写入任何记录，可重新上传 / the upload paused longer than ${idleMs} ms; nothing was written, upload the file again`);
    if (err instanceof UploadAborted && badGzip)
      throw new TransferError('BAD_REQUEST', '文件不是有效的 gzip，未写入任何记录 / the file is not valid gzip; nothing was written', { field: 'Content-Encoding' });
    if (err instanceof UploadAborted) throw conflict('上传中断，未写入任何记录，可重新上传 / the upload was interrupted; nothing was written, upload the file again');
    if (!(err instanceof Rejected)) throw err;
    const rejected = await mutate(ctx, 'catalog', async (em) => {
      const load = await em.findOneOrFail(DataLoad, { id: found.id });
      return { result: load, audit: rejectLoad(load, checker, err.rowsRead) };
    });
    return loadJson(rejected);
  } finally {
    uploading.delete(found.id);
    endProgress(found.id);
  }
}

export const uploadRoute: TransferRoute = {
  method: 'PUT',
  path: 'loads/:id',
  handle: async (ctx, request) => ({ body: await upload(ctx, request) }),
};
