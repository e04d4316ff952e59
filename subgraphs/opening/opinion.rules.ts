import type { ProfileCode } from '../../schema/topology.js';
import { BACKDATE_MAX_DAYS, backdateProblem, workingDayDeadline, type WorkingDayDeadline } from '../kit/rules/deadlines.js';
import { DEFAULT_OBJECTION_HANDLING, PROFILES, type WorkingDayRule } from '../kit/rules/policy.js';
import { badInput, conflict } from '../kit/server/errors.js';
import type { OpenDatasetStatus, OpenOpinionStatus } from './enums.js';

/**
 * Opinions on opened data [OPN-4, Z §21], as pure rules: anyone may tell the opening agency that an
 * open dataset's open attribute is wrong, its quality poor, that it has errors or omissions, or that
 * it is opened unlawfully, and the agency handles it within 10 working days.
 */

const BASIS: Partial<Record<ProfileCode, string>> = {
  Z: 'Z §21：公共数据开放主体应当在10个工作日内处理完毕 / Z §21: the opening agency handles an opinion within 10 working days',
};

/**
 * The handling period of the node's profiles: the first that sets `opinionHandlingWorkingDays`
 * (Zhejiang: 10 [Z §21]). Where none does, the other regulations set no number, and Z §21's 10
 * working days is the platform's default, as for objections (kit/rules/policy.ts).
 */
export function opinionRule(profiles: ProfileCode[]): WorkingDayRule {
  for (const code of profiles) {
    const days = PROFILES[code].opinionHandlingWorkingDays;
    if (days != null) return { workingDays: days, profile: code, basis: BASIS[code] ?? `${code}：${days}个工作日内处理完毕 / handled within ${days} working days` };
  }
  const days = DEFAULT_OBJECTION_HANDLING.workingDays;
  return {
    workingDays: days,
    profile: null,
    basis: `默认：本平台的政策配置未规定意见建议的处理时限，参照 Z §21 取${days}个工作日 / default: this platform's profiles set no period for opinions; ${days} working days as in Z §21`,
  };
}

/** The deadline of an opinion filed at `filedAt` [Z §21, SEC-6], counted in Chinese working days (kit/rules/deadlines.ts). */
export function opinionDeadline(profiles: ProfileCode[], filedAt: Date): WorkingDayDeadline {
  return workingDayDeadline(opinionRule(profiles), filedAt);
}

/** Opinions are about data opened to the public: an OPEN dataset [Z §21]. */
export function checkOpinable(d: { status: OpenDatasetStatus }): void {
  if (d.status !== 'OPEN') {
    throw conflict(`该数据集当前为 ${d.status}，未向社会开放，不能提出意见建议 / this dataset is ${d.status}, not open to the public: opinions are about OPEN datasets [Z §21]`);
  }
}

/** An opinion is answered once [Z §21]. */
export function checkOpinionAnswerable(o: { status: OpenOpinionStatus }): void {
  if (o.status !== 'OPEN') throw conflict('该意见建议已处理，不能再次答复 / this opinion was already answered; it cannot be answered twice [Z §21]');
}

/** How far back an agency may date an opinion it records (kit/rules/deadlines.ts BACKDATE_MAX_DAYS). */
export const RECEIVED_ON_MAX_AGE_DAYS = BACKDATE_MAX_DAYS;

/**
 * The day an opinion recorded by the agency was received: not after today, and not more than
 * RECEIVED_ON_MAX_AGE_DAYS before it (China dates). The deadline counts from it [Z §21], so an
 * opinion recorded late can already be overdue, as it truly is.
 */
export function checkReceivedOn(receivedOn: string, today: string, field = 'input.receivedOn'): string {
  const problem = backdateProblem(receivedOn, today, { zh: '收到日期', en: 'the day received' });
  if (problem) throw badInput(problem, field);
  return receivedOn;
}
