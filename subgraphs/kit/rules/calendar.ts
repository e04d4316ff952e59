import chineseDays from 'chinese-days';

/**
 * Deadlines in Chinese working days (SEC-6): official holidays and adjusted working weekends (调休)
 * come from `chinese-days`, which is updated as the State Council publishes each year's schedule.
 */
const ymd = (d: Date) => d.toISOString().slice(0, 10);

export function isWorkingDay(date: Date): boolean {
  return chineseDays.isWorkday(ymd(date));
}

/** The date `n` working days after `from` (a deadline of 2 working days from Friday is Tuesday). */
export function addWorkingDays(from: Date, n: number): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
  if (n === 0) return new Date(`${ymd(from)}T00:00:00.000Z`);
  return new Date(`${chineseDays.findWorkday(n, ymd(from))}T00:00:00.000Z`);
}

/**
 * Calendar dates (YYYY-MM-DD) are Chinese dates: "today" is today in Beijing time (UTC+8, no
 * daylight saving), whatever the server's time zone.
 */
export function todayInChina(now: Date = new Date()): string {
  return ymd(new Date(now.getTime() + 8 * 3600_000));
}

/** A real calendar date in strict YYYY-MM-DD form: 2025-02-30 and 2025-2-3 are refused, not rolled over. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return ymd(d);
}

/**
 * Working days from one Chinese date to a later one: the working days after `from` up to and
 * including `to` (filed Friday, answered Monday: 1; answered the same day: 0). Holidays and 调休
 * weekends come from `chinese-days`, as for deadlines.
 */
export function workingDaysBetween(from: string, to: string): number {
  if (to <= from) return 0;
  return chineseDays.getWorkdaysInRange(addDays(from, 1), to, true).length;
}
