import type { NodeConfig, ProfileCode } from '../../schema/topology.js';
import { workingDayDeadline, type WorkingDayDeadline } from '../kit/rules/deadlines.js';
import { DEFAULT_OBJECTION_HANDLING, PROFILES, type WorkingDayRule } from '../kit/rules/policy.js';

const BASIS: Partial<Record<ProfileCode, string>> = {
  L: 'L §13：疑义、错误数据快速校核，数据提供部门2个工作日内完成校核 / L §13: quick verification of doubtful data, by the provider within 2 working days',
};

/**
 * The verification period of the node's profiles: the first profile that sets
 * `wrongDataVerificationWorkingDays` (Lishui: 2 [L §13]); where none does, B §15 asks for a
 * feedback mechanism without a number, and the platform's default for reports of wrong data
 * applies (10 working days, as in Z §21; kit/rules/policy.ts DEFAULT_OBJECTION_HANDLING).
 */
export function verificationRule(profiles: ProfileCode[]): WorkingDayRule {
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

/** The deadline of a report filed at `filedAt` [SHR-8, L §13, SEC-6], counted as every working-day deadline is (kit/rules/deadlines.ts). */
export function verificationDeadline(node: Pick<NodeConfig, 'profiles'>, filedAt: Date): WorkingDayDeadline {
  return workingDayDeadline(verificationRule(node.profiles), filedAt);
}
