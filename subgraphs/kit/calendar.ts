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
