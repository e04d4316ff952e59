import type { FilterQuery } from '@mikro-orm/postgresql';
import type { NodeConfig, ProfileCode } from '../../schema/topology.js';
import { addWorkingDays, todayInChina } from '../kit/rules/calendar.js';
import { DEFAULT_OBJECTION_HANDLING, PROFILES } from '../kit/rules/policy.js';
import type { DataVerification } from './verification.entity.js';

export interface VerificationDeadline {
  dueDate: string;
  deadlineWorkingDays: number;
  deadlineProfile: ProfileCode | null;
  deadlineBasis: string;
}

const BASIS: Partial<Record<ProfileCode, string>> = {
  L: 'L §13：疑义、错误数据快速校核，数据提供部门2个工作日内完成校核 / L §13: quick verification of doubtful data, by the provider within 2 working days',
};

/**
 * The verification period of the node's profiles: the first profile that sets
 * `wrongDataVerificationWorkingDays` (Lishui: 2 [L §13]); where none does, B §15 asks for a
 * feedback mechanism without a number, and the platform's default for reports of wrong data
 * applies (10 working days, as in Z §21; kit/rules/policy.ts DEFAULT_OBJECTION_HANDLING).
 */
export function verificationRule(profiles: ProfileCode[]): { workingDays: number; profile: ProfileCode | null; basis: string } {
  for (const code of profiles) {
    const days = PROFILES[code].wrongDataVerificationWorkingDays;
    if (days != null) return { workingDays: days, profile: code, basis: BASIS[code] ?? `${code}：${days}个工作日内完成校核 / verified within ${days} working days` };
  }
  return {
    workingDays: DEFAULT_OBJECTION_HANDLING.workingDays,
    profile: null,
    basis: `默认：B §15 要求建立问题反馈机制未定天数，参照 Z §21 取${DEFAULT_OBJECTION_HANDLING.workingDays}个工作日 / default: B §15 asks for a feedback mechanism without a number; ${DEFAULT_OBJECTION_HANDLING.workingDays} working days as in Z §21`,
  };
}

/**
 * The due date of a report filed at `filedAt` [SHR-8, L §13, SEC-6]: counted in Chinese working days
 * (holidays and 调休 from `chinese-days`) from the filing date in Beijing time, as for objections
 * (catalog/objection.rules.ts).
 */
export function verificationDeadline(node: Pick<NodeConfig, 'profiles'>, filedAt: Date): VerificationDeadline {
  const rule = verificationRule(node.profiles);
  const filed = new Date(`${todayInChina(filedAt)}T00:00:00.000Z`);
  return {
    dueDate: addWorkingDays(filed, rule.workingDays).toISOString().slice(0, 10),
    deadlineWorkingDays: rule.workingDays,
    deadlineProfile: rule.profile,
    deadlineBasis: rule.basis,
  };
}

/** Still open after its due date (the due date itself is still in time), in China time. */
export function isOverdueVerification(v: Pick<DataVerification, 'status' | 'dueDate'>, today = todayInChina()): boolean {
  return v.status === 'OPEN' && v.dueDate < today;
}

/** `isOverdueVerification` as a query condition. */
export function overdueVerificationFilter(overdue: boolean, today = todayInChina()): FilterQuery<DataVerification> {
  return overdue ? { status: 'OPEN', dueDate: { $lt: today } } : { $or: [{ status: { $ne: 'OPEN' } }, { dueDate: { $gte: today } }] };
}
