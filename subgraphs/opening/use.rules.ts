import { parseId } from '../../schema/ids.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { inForce } from './application.rules.js';
import type { OpenAccessMethod, OpenDatasetStatus, StoredOpenAgreementStatus } from './enums.js';

/**
 * Use records of restricted open data [OPN-7, Z §28, Z §34 (四)], as pure rules: what a record the
 * data plane sends must hold, and when the agreement it names covers it. A batch is written whole
 * or not at all, so every problem of a batch is reported at once, by record and field.
 */

/** Records per call: a data plane flushes often, and one call stays one short transaction. */
export const USE_BATCH_MAX = 500;

/** The operation is a name or a short description, never the query's data. */
export const USE_OPERATION_MAX = 200;

/** Rows fit the integer column. */
export const USE_ROWS_MAX = 2_147_483_647;

/** How far ahead of this node's clock a data plane's clock may run. */
export const USE_CLOCK_SKEW_MS = 5 * 60_000;

/** Only these methods reach restricted data: never DOWNLOAD [Z §20]. */
export const USE_METHODS: readonly OpenAccessMethod[] = ['API', 'MODEL'];

export interface UseRecord {
  agreementId: string;
  datasetId: string;
  method: OpenAccessMethod;
  operation: string;
  rowsReturned: number;
  usedAt: Date;
}

export interface UseProblem {
  index: number;
  field: string;
  code: 'BAD_USER_INPUT' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';
  message: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

const bad = (index: number, field: string, message: string): UseProblem => ({ index, field, code: 'BAD_USER_INPUT', message });

/**
 * The records of a body `{ uses: [...] }`, or every problem of its shape: a list of 1 to
 * USE_BATCH_MAX records, each naming an agreement and a dataset by ID, API or MODEL, a bounded
 * operation, a whole number of rows, and an ISO 8601 instant not ahead of `now`.
 */
export function parseUseBatch(body: unknown, now: Date): { uses: UseRecord[]; problems: UseProblem[] } {
  const list = (body as { uses?: unknown } | null)?.uses;
  if (!Array.isArray(list) || list.length === 0 || list.length > USE_BATCH_MAX) {
    return { uses: [], problems: [bad(-1, 'uses', `uses 应为 1 至 ${USE_BATCH_MAX} 条利用记录的列表 / uses must be a list of 1 to ${USE_BATCH_MAX} use records`)] };
  }
  const uses: UseRecord[] = [];
  const problems: UseProblem[] = [];
  list.forEach((raw, index) => {
    const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const before = problems.length;
    for (const field of ['agreementId', 'datasetId'] as const) {
      if (typeof r[field] !== 'string' || !parseId(r[field] as string)) problems.push(bad(index, field, `${field} 应为本接口返回的ID / ${field} must be an ID this API returned`));
    }
    if (r.method === 'DOWNLOAD') {
      problems.push(bad(index, 'method', '受限开放数据不得下载，不存在下载的利用记录 / restricted data is never downloaded, so no use is by DOWNLOAD [Z §20]'));
    } else if (!USE_METHODS.includes(r.method as OpenAccessMethod)) {
      problems.push(bad(index, 'method', 'method 应为 API 或 MODEL / method must be API or MODEL'));
    }
    const operation = typeof r.operation === 'string' ? r.operation.trim() : '';
    if (!operation || Array.from(operation).length > USE_OPERATION_MAX) {
      problems.push(bad(index, 'operation', `operation 应为 1 至 ${USE_OPERATION_MAX} 字的操作说明 / operation must be 1 to ${USE_OPERATION_MAX} characters naming what was done`));
    }
    if (!Number.isInteger(r.rowsReturned) || (r.rowsReturned as number) < 0 || (r.rowsReturned as number) > USE_ROWS_MAX) {
      problems.push(bad(index, 'rowsReturned', 'rowsReturned 应为不小于 0 的整数 / rowsReturned must be a whole number, 0 or more'));
    }
    const usedAt = typeof r.usedAt === 'string' && ISO_INSTANT.test(r.usedAt) ? new Date(r.usedAt) : null;
    if (!usedAt || Number.isNaN(usedAt.getTime())) {
      problems.push(
        bad(index, 'usedAt', 'usedAt 应为带时区的 ISO 8601 时间，例如 2026-01-31T08:00:00Z / usedAt must be an ISO 8601 instant with its offset, e.g. 2026-01-31T08:00:00Z'),
      );
    } else if (usedAt.getTime() > now.getTime() + USE_CLOCK_SKEW_MS) {
      problems.push(bad(index, 'usedAt', `usedAt ${r.usedAt} 晚于当前时间 / usedAt ${r.usedAt} lies in the future`));
    }
    if (problems.length === before) {
      uses.push({
        agreementId: r.agreementId as string,
        datasetId: r.datasetId as string,
        method: r.method as OpenAccessMethod,
        operation,
        rowsReturned: r.rowsReturned as number,
        usedAt: usedAt!,
      });
    }
  });
  return { uses, problems };
}

type AgreementRow = { id: string; datasetId: string; storedStatus: StoredOpenAgreementStatus; termStart: string; termEnd: string };
type DatasetRow = { status: OpenDatasetStatus; accessMethods: OpenAccessMethod[] };

/**
 * Whether the agreement covers the use [Z §17, Z §28]: it is on this node, in force today, on the
 * record's dataset, which is open and offered by the record's method, and the use happened within
 * its term. Null when it does; the problem otherwise.
 */
export function checkUseCovered(index: number, u: UseRecord, g: AgreementRow | null, d: DatasetRow | null, today: string): UseProblem | null {
  const conflictAt = (field: string, message: string): UseProblem => ({ index, field, code: 'CONFLICT', message });
  if (!g) return { index, field: 'agreementId', code: 'NOT_FOUND', message: `本平台没有协议 ${u.agreementId} / no agreement ${u.agreementId} on this platform` };
  if (g.datasetId !== u.datasetId) {
    return conflictAt('datasetId', `协议 ${g.id} 不涵盖数据集 ${u.datasetId} / agreement ${g.id} does not cover dataset ${u.datasetId}: it is for ${g.datasetId} [Z §17]`);
  }
  if (!inForce({ status: g.storedStatus, termStart: g.termStart, termEnd: g.termEnd }, today)) {
    return conflictAt(
      'agreementId',
      `协议 ${g.id} 当前不在有效期内（${g.storedStatus}），不得利用 / agreement ${g.id} is not in force (${g.storedStatus}): no use may rest on it [Z §17, Z §39]`,
    );
  }
  if (d?.status !== 'OPEN' || !d.accessMethods.includes(u.method)) {
    return conflictAt('method', `数据集 ${u.datasetId} 当前不以 ${u.method} 方式开放 / dataset ${u.datasetId} is not open by ${u.method} now [Z §20]`);
  }
  if (todayInChina(u.usedAt) < g.termStart) {
    return conflictAt('usedAt', `利用时间早于协议期限起始日 ${g.termStart} / the use happened before the agreement's term began on ${g.termStart} [Z §17]`);
  }
  return null;
}
