/**
 * Calendar dates of agreements (YYYY-MM-DD). Agreements are signed and run in China, so "today"
 * is the date in Beijing time (UTC+8, no daylight saving), whatever the server's time zone.
 */

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in strict YYYY-MM-DD form (2025-02-30 and 2025-2-3 are refused). */
export function isValidYmd(s: string): boolean {
  const m = YMD.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const toYmd = (d: Date) => d.toISOString().slice(0, 10);
const parseYmd = (s: string) => new Date(`${s}T00:00:00.000Z`);

export function todayInChina(now: Date = new Date()): string {
  return toYmd(new Date(now.getTime() + 8 * 3600_000));
}

export function addDays(ymd: string, days: number): string {
  const d = parseYmd(ymd);
  d.setUTCDate(d.getUTCDate() + days);
  return toYmd(d);
}

/**
 * Last day of a term of `years` that starts on (and includes) `start`: the day before the
 * anniversary, so every term covers whole years (2024-01-01 + 3 years ends 2026-12-31,
 * 2025-03-01 + 3 years ends 2028-02-29). A 29 February start has no anniversary in a common
 * year; as in the Civil Code (民法典 §202: no corresponding day → end of that month) its term then
 * ends on 28 February.
 */
export function termEnd(start: string, years: number): string {
  const s = parseYmd(start);
  // Date.UTC rolls 29 February of a common year over to 1 March, whose previous day is 28 February.
  const anniversary = new Date(Date.UTC(s.getUTCFullYear() + years, s.getUTCMonth(), s.getUTCDate()));
  return addDays(toYmd(anniversary), -1);
}
