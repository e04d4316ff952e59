import type { FilterQuery } from '@mikro-orm/postgresql';
import type { ProfileCode } from '../../../schema/topology.js';
import { addDays, addWorkingDays, todayInChina } from './calendar.js';
import type { WorkingDayRule } from './policy.js';

/**
 * Deadlines in Chinese working days for what a platform must handle in time (SEC-6): objections
 * [CAT-10], reports of doubtful data [SHR-8], and the opinions, reviews and confirmations to come.
 * Each record keeps its due date and the rule it was given, is open while its status is OPEN,
 * and is overdue once still open after its due date.
 */

/** A deadline as a record keeps it: the due date (a Chinese date) and the rule that set it. */
export interface WorkingDayDeadline {
  dueDate: string;
  deadlineWorkingDays: number;
  deadlineProfile: ProfileCode | null;
  deadlineBasis: string;
}

/** The part of a record the overdue rule reads. */
export interface Deadlined {
  status: string;
  dueDate: string;
}

const OPEN = 'OPEN';

/**
 * The deadline of something filed at `filedAt` under `rule`: counted in Chinese working days
 * (holidays and 调休 from `chinese-days`) from the filing date in China (a filing at 01:00 Beijing
 * time on 1 October is a 1 October filing, though still 30 September in UTC); a filing on a
 * holiday counts from the next working day.
 */
export function workingDayDeadline(rule: WorkingDayRule, filedAt: Date): WorkingDayDeadline {
  const filed = new Date(`${todayInChina(filedAt)}T00:00:00.000Z`);
  return {
    dueDate: addWorkingDays(filed, rule.workingDays).toISOString().slice(0, 10),
    deadlineWorkingDays: rule.workingDays,
    deadlineProfile: rule.profile,
    deadlineBasis: rule.basis,
  };
}

/** Still open after its due date (a due date is met on the day itself), in China time. */
export function isOverdue(r: Deadlined, today = todayInChina()): boolean {
  return r.status === OPEN && r.dueDate < today;
}

/** `isOverdue` as a query condition (true: the overdue records; false: all others). */
export function overdueFilter<T extends Deadlined>(overdue: boolean, today = todayInChina()): FilterQuery<T> {
  return (overdue ? { status: OPEN, dueDate: { $lt: today } } : { $or: [{ status: { $ne: OPEN } }, { dueDate: { $gte: today } }] }) as FilterQuery<T>;
}

/**
 * How far back a step recorded after the fact may be dated: a letter, a paper demand list or a
 * review concluded on paper is entered within days, and a month is room enough for a backlog, not
 * for rewriting history.
 */
export const BACKDATE_MAX_DAYS = 30;

/** What a dated step is called in an error, both languages. */
export interface DayLabel {
  zh: string;
  en: string;
}

/**
 * Why `day` (a China date) cannot date a step recorded today, or null: it may not be after today,
 * more than BACKDATE_MAX_DAYS before it, or before the step it follows (`after`). A deadline that
 * counts from the day then counts from when the step truly happened, so a step recorded late can
 * already be overdue, as it truly is.
 */
export function backdateProblem(day: string, today: string, label: DayLabel, after?: { day: string; label: DayLabel }): string | null {
  if (day > today) return `${label.zh} ${day} 晚于今天 ${today} / ${label.en}, ${day}, is after today (${today}, China time)`;
  const earliest = addDays(today, -BACKDATE_MAX_DAYS);
  if (day < earliest) {
    return `${label.zh} ${day} 早于 ${BACKDATE_MAX_DAYS} 天前（${earliest}）：请及时录入 / ${label.en}, ${day}, is more than ${BACKDATE_MAX_DAYS} days ago (before ${earliest}): record it as it happens`;
  }
  if (after && day < after.day) return `${label.zh} ${day} 早于${after.label.zh} ${after.day} / ${label.en}, ${day}, is before ${after.label.en} (${after.day})`;
  return null;
}

/** An instant on a China date (noon in Beijing), for a deadline counted from a step dated by day. */
export const onChinaDate = (day: string): Date => new Date(`${day}T04:00:00.000Z`);
