import { isAnonymous, type Actor } from '../../../schema/auth.js';
import { DEFAULT_PAGE_SIZE } from '../../../schema/routing.js';
import { AppError, badInput } from '../../kit/server/errors.js';

/** The most records one request may ask for (`first`); the default when it asks for none. */
export const MAX_RECORDS_PER_REQUEST = 500;
/** As every connection of the API (kit/server/pagination.ts): a reader asks for more, up to the maximum. */
export const DEFAULT_RECORDS_PER_REQUEST = DEFAULT_PAGE_SIZE;

/** `first` checked: 1 to MAX_RECORDS_PER_REQUEST, a clear error naming the argument otherwise. */
export function recordPageSize(first: number | null | undefined): number {
  const n = first ?? DEFAULT_RECORDS_PER_REQUEST;
  if (!Number.isInteger(n) || n < 1 || n > MAX_RECORDS_PER_REQUEST) {
    throw badInput(
      `first 须在 1 到 ${MAX_RECORDS_PER_REQUEST} 之间：每次至多读取 ${MAX_RECORDS_PER_REQUEST} 条记录，用 after 翻页 / first must be between 1 and ${MAX_RECORDS_PER_REQUEST}: at most ${MAX_RECORDS_PER_REQUEST} records per request; page on with after`,
      'first',
    );
  }
  return n;
}

const WINDOW_MS = 60_000;

/**
 * Record reads per caller and minute, on this node: a fixed window per subject, in memory (each
 * node guards its own database; the gateway's limit counts all requests, this one the dear ones).
 * The public, signed out, has no subject to count by: the gateway limits it by address.
 */
export class ReadBudget {
  private readonly windows = new Map<string, { start: number; used: number }>();

  /** Counts one read of `actor` on `node`; refuses with RATE_LIMITED when its minute's budget is spent. `perMinute` 0 or absent: no limit. */
  take(node: string, actor: Actor, perMinute: number | undefined, now = Date.now()): void {
    if (!perMinute || isAnonymous(actor)) return;
    const key = `${node}\u0000${actor.sub}`;
    let w = this.windows.get(key);
    if (!w || now - w.start >= WINDOW_MS) {
      if (this.windows.size > 100_000) this.prune(now);
      w = { start: now, used: 0 };
      this.windows.set(key, w);
    }
    if (w.used >= perMinute) {
      const after = Math.ceil((w.start + WINDOW_MS - now) / 1000);
      throw new AppError(
        'RATE_LIMITED',
        `读取记录过于频繁：每位调用者每分钟至多 ${perMinute} 次，请 ${after} 秒后重试 / too many record reads: at most ${perMinute} per minute for each caller; retry in ${after} s`,
        { retryAfterSeconds: after },
      );
    }
    w.used += 1;
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= WINDOW_MS) this.windows.delete(k);
  }
}

/** One per process, keyed by node: a process may run several nodes (tests, the demo). */
export const readBudget = new ReadBudget();
