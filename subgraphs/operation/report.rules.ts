import { addDays, addWorkingDays } from '../kit/rules/calendar.js';
import type { OperatorReportingRule } from '../kit/rules/policy.js';
import { badInput } from '../kit/server/errors.js';
import type { OperatorReportKind } from './report.enums.js';

/**
 * The operators' reports [OPR-7, D §20] as pure rules. D §20 asks for a periodic reporting system
 * and an annual report, each covering authorized storage, processing, analysis, fusion and market
 * operation. It names no period: the policy profile does (kit/rules/policy.ts `operatorReporting`).
 * Periods follow the agreement, not the calendar: an agreement signed in July owes its first
 * quarterly report for July to September, and its annual reports per agreement year, so every
 * period lies inside the term and nothing is owed for days before it started.
 */

export interface ReportPeriod {
  kind: OperatorReportKind;
  /** 1 for the first period of the term. */
  number: number;
  start: string;
  end: string;
  dueDate: string;
}

type Term = { termStart: string; termEnd: string };

const parse = (s: string) => new Date(`${s}T00:00:00.000Z`);
const ymd = (d: Date) => d.toISOString().slice(0, 10);

/**
 * `months` months after `date`; a day the target month does not have is its last day (31 January
 * + 1 month is 28 or 29 February), as the Civil Code counts periods (民法典 §202).
 */
export function addMonths(date: string, months: number): string {
  const d = parse(date);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return ymd(new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last))));
}

/** Length in months of one period of `kind`. */
const monthsOf = (kind: OperatorReportKind, rule: OperatorReportingRule) => (kind === 'ANNUAL' ? 12 : rule.periodMonths);

/** Period `number` of `kind` of the term (the last one ends with the term), or null when the term has no such period. */
export function periodOf(term: Term, kind: OperatorReportKind, number: number, rule: OperatorReportingRule): ReportPeriod | null {
  if (!Number.isInteger(number) || number < 1) return null;
  const months = monthsOf(kind, rule);
  const start = addMonths(term.termStart, (number - 1) * months);
  if (start > term.termEnd) return null;
  const next = addDays(addMonths(term.termStart, number * months), -1);
  // biome-ignore lint/complexity/useMathMinMax: ISO date strings, which Math.min would turn into NaN
  const end = next < term.termEnd ? next : term.termEnd;
  const days = kind === 'ANNUAL' ? rule.annualDueWorkingDays : rule.periodicDueWorkingDays;
  return { kind, number, start, end, dueDate: ymd(addWorkingDays(parse(end), days)) };
}

/** Every period of `kind` the term has, in order. */
export function periodsOf(term: Term, kind: OperatorReportKind, rule: OperatorReportingRule): ReportPeriod[] {
  const out: ReportPeriod[] = [];
  for (let n = 1; ; n++) {
    const p = periodOf(term, kind, n, rule);
    if (!p) return out;
    out.push(p);
  }
}

/**
 * The last day an operator owes reports for: the end of its term, or the day its authorization
 * was revoked (a revoked operator still reports the periods it completed before).
 */
export function reportingUntil(op: Term & { status: string; revokedOn: string | null }): string {
  return op.status === 'REVOKED' && op.revokedOn && op.revokedOn < op.termEnd ? op.revokedOn : op.termEnd;
}

/**
 * The periods past their due date on `today` for which no report was filed: the authority's list
 * of missing reports [D §20]. `filed` holds `kind:number` of the reports on file.
 */
export function missingPeriods(op: Term & { status: string; revokedOn: string | null }, filed: ReadonlySet<string>, rule: OperatorReportingRule, today: string): ReportPeriod[] {
  const until = reportingUntil(op);
  return (['PERIODIC', 'ANNUAL'] as const).flatMap((kind) => periodsOf(op, kind, rule).filter((p) => p.end <= until && p.dueDate < today && !filed.has(`${kind}:${p.number}`)));
}

/** A report covers a period that is over: it is filed from the day after the period ends [D §20]. */
export function checkPeriodOver(p: ReportPeriod, today: string): void {
  if (p.end >= today) {
    throw badInput(
      `第 ${p.number} 期（${p.start} 至 ${p.end}）尚未结束，期满后再报告 / period ${p.number} (${p.start} to ${p.end}) is not over yet: report it from ${addDays(p.end, 1)} on [D §20]`,
      'input.period',
    );
  }
}

export const REPORT_SECTIONS = [
  ['storage', '授权存储情况', 'authorized storage'],
  ['processing', '加工处理情况', 'processing'],
  ['analysis', '分析挖掘情况', 'analysis and mining'],
  ['fusion', '融合利用情况', 'fusion and use'],
  ['marketOperation', '市场运营情况', 'market operation'],
] as const;

export type ReportSections = Record<(typeof REPORT_SECTIONS)[number][0], string>;

/** Each of the five sections of D §20 is required and said in words; trimmed. */
export function checkSections(input: ReportSections): ReportSections {
  const out = {} as ReportSections;
  for (const [key, zh, en] of REPORT_SECTIONS) {
    const v = (input[key] ?? '').trim();
    if (!v) throw badInput(`报告须包括${zh} / the report must describe ${en}: fill in input.${key} [D §20]`, `input.${key}`);
    out[key] = v;
  }
  return out;
}
