import { addDays } from '../kit/rules/calendar.js';

const toYmd = (d: Date) => d.toISOString().slice(0, 10);
const parseYmd = (s: string) => new Date(`${s}T00:00:00.000Z`);

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
