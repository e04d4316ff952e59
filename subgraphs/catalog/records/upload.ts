import { createInterface } from 'node:readline';
import { Readable, Transform } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import streamArray from 'stream-json/streamers/stream-array.js';
import type { RecordChecker } from './validate.js';

/** A record read from a file: its number (a CSV's data record, a JSON array's element, an NDJSON line; from 1) and its raw value. */
export interface ReadRecord {
  line: number;
  raw: unknown;
}

/** The body passed its byte bound. */
export class UploadTooLarge extends Error {}

/** The body paused longer than the idle bound. */
export class UploadIdle extends Error {}

/** The client went away, or its connection failed, before the body ended: not the file's fault. */
export class UploadAborted extends Error {}

/**
 * The body as it arrives, counted: past `maxBytes` bytes, or after `idleMs` without a chunk, it
 * fails (UploadTooLarge, UploadIdle), which ends the reading and rolls the load back.
 */
export function guardedBody(body: Readable, maxBytes: number, idleMs: number): Readable {
  let seen = 0;
  let last = Date.now();
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      last = Date.now();
      if (seen > maxBytes) return done(new UploadTooLarge());
      done(null, chunk);
    },
  });
  const timer = setInterval(
    () => {
      if (Date.now() - last > idleMs) guard.destroy(new UploadIdle());
    },
    Math.min(1000, idleMs),
  ).unref();
  const stop = () => clearInterval(timer);
  guard.once('close', stop);
  guard.once('end', stop);
  // A client gone mid-body ends the request with an error on some paths and only 'aborted' on others: either way the load rolls back and stays open.
  body.once('error', () => guard.destroy(new UploadAborted()));
  body.once('aborted', () => guard.destroy(new UploadAborted()));
  body.pipe(guard);
  return guard;
}

/**
 * A stream's items one at a time, and then its error if it failed. Read in flowing mode (paused
 * while `highWater` items wait), because an async iterator over a stream drops the items still
 * buffered when the stream fails — and the records before a syntax error are needed to say on
 * which record it stopped.
 */
async function* itemsOf<T>(stream: Readable, highWater = 1000): AsyncGenerator<T> {
  const queue: T[] = [];
  let done = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  stream.on('data', (item: T) => {
    queue.push(item);
    if (queue.length >= highWater) stream.pause();
    notify();
  });
  stream.once('end', () => {
    done = true;
    notify();
  });
  stream.once('error', (err) => {
    failure = err;
    done = true;
    notify();
  });
  stream.once('close', () => {
    done = true;
    notify();
  });
  try {
    for (;;) {
      if (queue.length) {
        const item = queue.shift()!;
        if (stream.isPaused() && queue.length < highWater / 2) stream.resume();
        yield item;
        continue;
      }
      if (done) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    if (failure) throw failure;
  } finally {
    stream.destroy();
  }
}

/** A source's failure to parse, or the guard's, passed to the caller; a parse error becomes a load error, a guard's is rethrown. */
const isGuard = (err: unknown) => err instanceof UploadTooLarge || err instanceof UploadIdle || err instanceof UploadAborted;

/**
 * Reads a CSV with csv-parse, streaming: the first row names the items (checked by the checker),
 * each further row is a record keyed by them. A row with another number of fields is a load error
 * on it; malformed CSV (an unclosed quote) ends the reading with an error on the record it
 * stopped in.
 */
export async function* csvRecords(body: Readable, checker: RecordChecker): AsyncGenerator<ReadRecord> {
  const rows = body.pipe(parseCsv({ bom: true, relax_column_count: true, skip_empty_lines: true }));
  body.once('error', (err) => rows.destroy(err));
  let header: string[] | null = null;
  let line = 0;
  try {
    for await (const row of itemsOf<string[]>(rows)) {
      if (!header) {
        header = row.map((c) => c.trim());
        if (!checker.checkColumns(header)) return;
        continue;
      }
      line++;
      if (row.length !== header.length) {
        checker.fail(line, null, `有${row.length}个字段，表头有${header.length}个 / has ${row.length} fields where the header has ${header.length}`);
        continue;
      }
      yield { line, raw: Object.fromEntries(header.map((name, i) => [name, row[i]])) };
    }
  } catch (err) {
    if (isGuard(err)) throw err;
    checker.fail(line + 1, null, `CSV格式错误：${(err as Error).message} / malformed CSV: ${(err as Error).message}`);
    return;
  }
  if (!header) checker.fail(0, null, '文件为空：首行须为信息项名称 / the file is empty: its first row must name the items');
}

/** The stream with its first bytes looked at: whether the JSON is one array (else NDJSON). */
async function startsWithBracket(body: Readable): Promise<{ array: boolean; stream: Readable }> {
  const it = body[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let array = false;
  for (;;) {
    const next = await it.next();
    if (next.done) break;
    const chunk = next.value as Buffer;
    head.push(chunk);
    const text = Buffer.concat(head)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    if (text.length) {
      array = text.startsWith('[');
      break;
    }
  }
  const stream = Readable.from(
    (async function* () {
      for (const c of head) yield c;
      for (;;) {
        const next = await it.next();
        if (next.done) return;
        yield next.value as Buffer;
      }
    })(),
  );
  return { array, stream };
}

/**
 * Reads JSON, streaming: an array of objects (stream-json assembles one element at a time) or
 * NDJSON, one object per line (each line parsed by itself). Malformed JSON ends the reading with an
 * error on the record it stopped in.
 */
export async function* jsonRecords(body: Readable, checker: RecordChecker): AsyncGenerator<ReadRecord> {
  const { array, stream } = await startsWithBracket(body);
  let line = 0;
  if (array) {
    const items = stream.pipe(streamArray.withParserAsStream());
    stream.once('error', (err) => items.destroy(err));
    try {
      for await (const { key, value } of itemsOf<{ key: number; value: unknown }>(items)) {
        line = key + 1;
        yield { line, raw: value };
      }
    } catch (err) {
      if (isGuard(err)) throw err;
      checker.fail(line + 1, null, `JSON格式错误：${(err as Error).message} / malformed JSON: ${(err as Error).message}`);
    }
    return;
  }
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let failed: unknown = null;
  stream.once('error', (err) => {
    failed = err;
    lines.close();
  });
  for await (const text of lines) {
    line++;
    const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
    if (!trimmed) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(trimmed);
    } catch (err) {
      checker.fail(line, null, `第${line}行不是JSON：${(err as Error).message} / line ${line} is not JSON: ${(err as Error).message}`);
      continue;
    }
    yield { line, raw };
  }
  if (failed) throw failed;
}
