import { requiredText } from './filing.rules.js';
import { addDays } from '../kit/rules/calendar.js';
import { badInput, conflict } from '../kit/server/errors.js';
import type { DecidingAgreement } from './access-method.rules.js';
import { agreementStatus, inForce } from './application.rules.js';
import { OPEN_DATA_VIOLATIONS, type OpenDataViolation, type StoredOpenAgreementStatus } from './enums.js';

/**
 * Sanctions on a user of restricted open data [OPN-7, Z §39], as pure rules: for a violation Z §39
 * lists, the opening agency demands rectification by a deadline and suspends the user's access to
 * that data; rectified, access is restored; not rectified by the deadline, the service ends and
 * the user's credit file records it.
 */

/** The longest rectification deadline an agency may set: a quarter, so a suspension never lingers undecided. */
export const RECTIFY_MAX_DAYS = 90;

/** Long enough for a rectification demand or a note, short enough for a form. */
export const SANCTION_TEXT_MAX = 2000;

type AgreementRow = { storedStatus: StoredOpenAgreementStatus; termStart: string; termEnd: string; rectifyBy: string | null };

/** Required free text, trimmed and bounded, refused naming `field`. */
export const sanctionText = (value: string | null | undefined, field: string, zh: string, en: string): string => requiredText(value, field, zh, en, SANCTION_TEXT_MAX);

/** At least one violation of Z §39, each once, in the article's order. */
export function checkViolations(violations: readonly OpenDataViolation[], field = 'input.violations'): OpenDataViolation[] {
  const given = new Set(violations);
  if (given.size === 0) {
    throw badInput('请至少选择一项《浙江省公共数据开放与安全管理暂行办法》第三十九条所列的违规情形 / name at least one violation Z §39 lists, (一) to (五) [Z §39]', field);
  }
  return OPEN_DATA_VIOLATIONS.filter((v) => given.has(v));
}

/** The deadline: after today, and at most RECTIFY_MAX_DAYS days ahead (Chinese calendar days). */
export function checkRectifyBy(rectifyBy: string, today: string, field = 'input.rectifyBy'): string {
  const latest = addDays(today, RECTIFY_MAX_DAYS);
  if (rectifyBy <= today || rectifyBy > latest) {
    throw badInput(
      `整改期限应在今天（${today}）之后、${RECTIFY_MAX_DAYS} 日之内（不晚于 ${latest}）/ the deadline must fall after today (${today}) and within ${RECTIFY_MAX_DAYS} days, by ${latest} at the latest, not ${rectifyBy} [Z §39]`,
      field,
    );
  }
  return rectifyBy;
}

/** Only an agreement in force is suspended: one suspended, terminated or past its term gives no access to close. */
export function checkSuspendable(g: AgreementRow, today: string): void {
  if (!inForce({ status: g.storedStatus, termStart: g.termStart, termEnd: g.termEnd }, today)) {
    const status = agreementStatus({ status: g.storedStatus, termEnd: g.termEnd }, today);
    throw conflict(`该协议当前为 ${status}，不在有效期内，不能暂停 / this agreement is ${status}, not in force, so there is no access to suspend [Z §39]`);
  }
}

/** Access is restored only while suspended. */
export function checkRestorable(g: AgreementRow): void {
  if (g.storedStatus !== 'SUSPENDED') {
    throw conflict(`该协议当前为 ${g.storedStatus}，未被暂停，不能恢复 / this agreement is ${g.storedStatus}, not suspended, so there is nothing to restore [Z §39]`);
  }
}

/**
 * Termination follows a suspension whose deadline has passed unrectified [Z §39]: from the day
 * after the deadline (the deadline day itself is the user's to rectify).
 */
export function checkTerminable(g: AgreementRow, today: string): void {
  if (g.storedStatus !== 'SUSPENDED' || !g.rectifyBy) {
    throw conflict(
      `该协议当前为 ${g.storedStatus}；只有暂停中且整改期限已过的协议可以终止 / this agreement is ${g.storedStatus}: only a suspended agreement whose rectification deadline has passed is terminated [Z §39]`,
    );
  }
  if (g.rectifyBy >= today) {
    throw conflict(
      `整改期限 ${g.rectifyBy} 尚未届满，期满未整改方可终止；已整改的请恢复 / the rectification deadline ${g.rectifyBy} has not passed: terminate only once it has passed unrectified, from ${addDays(g.rectifyBy, 1)}; restore the agreement if the user rectified [Z §39]`,
    );
  }
}

type Candidate = { id: string; seq: string; storedStatus: StoredOpenAgreementStatus; termStart: string; termEnd: string };

/**
 * Which of a user's agreements on one dataset decides its access check: one in force allows; else
 * a suspended one refuses as suspended, else a terminated one as terminated [Z §17, Z §39]; the
 * latest concluded first within each. Null: none of these (never applied, or only expired ones).
 */
export function decidingAgreement(agreements: readonly Candidate[], today: string): DecidingAgreement | null {
  const latest = [...agreements].sort((a, b) => (a.seq < b.seq ? 1 : -1));
  const inForceNow = latest.find((g) => inForce({ status: g.storedStatus, termStart: g.termStart, termEnd: g.termEnd }, today));
  if (inForceNow) return { id: inForceNow.id, standing: 'IN_FORCE' };
  const suspended = latest.find((g) => g.storedStatus === 'SUSPENDED');
  if (suspended) return { id: suspended.id, standing: 'SUSPENDED' };
  const terminated = latest.find((g) => g.storedStatus === 'TERMINATED');
  return terminated ? { id: terminated.id, standing: 'TERMINATED' } : null;
}

/**
 * A user whose access to a dataset is suspended or terminated does not apply for it anew: the
 * suspension ends by rectification, and termination ends the service of that data to it [Z §39].
 */
export function checkNotSanctioned(suspended: number, terminated: number): void {
  if (suspended > 0) {
    throw conflict(
      '您对该数据集的协议因违规暂停中，请按整改意见整改，由开放主体恢复 / your agreement on this dataset is suspended for a violation: rectify as demanded, and the opening agency restores it [Z §39]',
    );
  }
  if (terminated > 0) {
    throw conflict('您逾期未整改，该数据集的开放服务已对您终止 / you did not rectify by the deadline: the service of this dataset to you has been terminated [Z §39]');
  }
}
