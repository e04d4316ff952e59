import { addWorkingDays, todayInChina } from '../kit/rules/calendar.js';
import { badInput, conflict } from '../kit/server/errors.js';
import type { GovernanceFeedbackStatus } from './feedback.enums.js';

/**
 * Governance feedback [OPR-8, D §16] as pure rules: an operator feeds a quality problem of an entry
 * back to the data authority, the authority has the providing agency fix it within a deadline
 * (规定期限: D §16 leaves its length to the authority, who gives a date or a number of working
 * days), and the agency answers with what it fixed.
 */

export const MAX_FEEDBACK_ITEMS = 50;
/** The longest deadline the authority may give, in working days (about a quarter). */
export const MAX_DEADLINE_WORKING_DAYS = 60;

/** The items named exist in the entry, each once, at least one. */
export function checkItemNames(names: readonly string[], entryItems: readonly string[]): string[] {
  const unique = [...new Set(names.map((n) => n.trim()))].filter(Boolean);
  if (unique.length === 0) {
    throw badInput('请列出有质量问题的信息项名称，至少一项 / name at least one item of the entry that has the problem', 'input.itemNames');
  }
  const unknown = unique.filter((n) => !entryItems.includes(n));
  if (unknown.length) {
    throw badInput(
      `目录条目中没有信息项：${unknown.join('、')}；应为：${entryItems.join('、')} / the entry has no item ${unknown.join(', ')}; its items are ${entryItems.join(', ')}`,
      'input.itemNames',
    );
  }
  return unique;
}

/** Feedback is on data an operator can process: a published entry. */
export function checkEntryPublished(entry: { status: string }): void {
  if (entry.status !== 'PUBLISHED') {
    throw conflict(
      `该目录条目当前为 ${entry.status}，未发布，不能反馈数据治理需求 / the entry is ${entry.status}, not PUBLISHED: governance needs are fed back on published data [D §16]`,
    );
  }
}

export interface FeedbackDeadline {
  dueDate: string;
  deadlineWorkingDays: number | null;
  deadlineProfile: null;
  deadlineBasis: string;
}

/**
 * The deadline the authority sets: a date after today, or 1-60 working days counted from today
 * (kit/rules/calendar.ts), exactly one of them; kept with its basis.
 */
export function feedbackDeadline(given: { dueDate?: string | null; workingDays?: number | null }, now: Date = new Date()): FeedbackDeadline {
  const today = todayInChina(now);
  const hasDate = given.dueDate != null;
  const hasDays = given.workingDays != null;
  if (hasDate === hasDays) {
    throw badInput(
      '请给出治理期限：指定日期（dueDate）或工作日数（workingDays），二者选一 / give the deadline either as a date (dueDate) or as a number of working days (workingDays), exactly one',
      'dueDate',
    );
  }
  if (hasDays) {
    const n = given.workingDays!;
    if (!Number.isInteger(n) || n < 1 || n > MAX_DEADLINE_WORKING_DAYS) {
      throw badInput(`工作日数须为 1 到 ${MAX_DEADLINE_WORKING_DAYS}，收到 ${n} / workingDays must be between 1 and ${MAX_DEADLINE_WORKING_DAYS}, got ${n}`, 'workingDays');
    }
    return {
      dueDate: addWorkingDays(new Date(`${today}T00:00:00.000Z`), n)
        .toISOString()
        .slice(0, 10),
      deadlineWorkingDays: n,
      deadlineProfile: null,
      deadlineBasis: `D §16：数据主管部门规定 ${n} 个工作日内完成治理（自 ${today} 起算）/ D §16: the authority gave ${n} working days from ${today}`,
    };
  }
  const due = given.dueDate!;
  if (due <= today) {
    throw badInput(`治理期限 ${due} 须晚于今天 ${today} / dueDate ${due} must be after today (${today})`, 'dueDate');
  }
  return { dueDate: due, deadlineWorkingDays: null, deadlineProfile: null, deadlineBasis: `D §16：数据主管部门规定于 ${due} 前完成治理 / D §16: the authority set ${due}` };
}

/** The deadline is set once, on feedback not yet answered. */
export function checkDeadlineSettable(status: GovernanceFeedbackStatus): void {
  if (status === 'OPEN') throw conflict('该反馈已规定治理期限 / a deadline was already set for this feedback [D §16]');
  if (status === 'ANSWERED') throw conflict('数据提供单位已答复该反馈，无需再规定期限 / the providing agency already answered this feedback: no deadline is needed [D §16]');
}

/**
 * The agency answers once; it may fix the problem before the authority sets a deadline, and a late
 * answer is taken (and shows as late).
 */
export function checkAnswerable(status: GovernanceFeedbackStatus): void {
  if (status === 'ANSWERED') throw conflict('该反馈已答复，不能再次答复 / this feedback was already answered [D §16]');
}

/** Answered on time: no deadline, or answered (Chinese date) on or before it. */
export function answeredOnTime(f: { dueDate: string | null; answeredAt: Date | null }): boolean | null {
  if (!f.answeredAt) return null;
  return f.dueDate === null || todayInChina(f.answeredAt) <= f.dueDate;
}
