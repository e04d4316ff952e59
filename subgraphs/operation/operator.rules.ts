import type { FilterQuery } from '@mikro-orm/postgresql';
import { addDays } from '../kit/rules/calendar.js';
import { badInput } from '../kit/server/errors.js';
import type { OperatorKind, OperatorStatus, OperatorViolation, StoredOperatorStatus } from './operator.enums.js';
import type { Operator } from './operator.entity.js';

type Term = Pick<Operator, 'status' | 'termStart' | 'termEnd' | 'rectifyBy'>;

/** Not reinstated by the rectification deadline: a suspension whose last day to rectify has passed [D §28]. */
const deadlinePassed = (op: Pick<Operator, 'status' | 'rectifyBy'>, today: string) => op.status === 'SUSPENDED' && op.rectifyBy != null && today > op.rectifyBy;

/**
 * The status a user sees. REVOKED is final and wins over the dates (a revoked agreement stays
 * revoked after its term), and so is TERMINATED: a suspension not rectified by its deadline ends
 * the authorization [D §28]. Otherwise the term decides PENDING / EXPIRED, and inside the term the
 * authority's decision (ACTIVE or SUSPENDED) applies [D §10-11, D §28].
 */
export function effectiveStatus(op: Term, today: string): OperatorStatus {
  if (op.status === 'REVOKED') return 'REVOKED';
  if (deadlinePassed(op, today)) return 'TERMINATED';
  if (today < op.termStart) return 'PENDING';
  if (today > op.termEnd) return 'EXPIRED';
  return op.status;
}

/**
 * The day an authorization ended because its operator did not rectify a violation in time: the
 * day after the rectification deadline, once that has passed without reinstatement [D §28]; null
 * otherwise (a revocation says so in `status`).
 */
export function accessEndedOn(op: Pick<Operator, 'status' | 'rectifyBy'>, today: string): string | null {
  return deadlinePassed(op, today) ? addDays(op.rectifyBy!, 1) : null;
}

/**
 * The operator may use the platform today: its authorization is in force and not suspended
 * [D §10-11, D §28]. What every operator action and every scenario authorization asks of its
 * operator (the gateway refuses the tokens of any other, see `standingOf`).
 */
export function operatorInGoodStanding(op: Term, today: string): boolean {
  return effectiveStatus(op, today) === 'ACTIVE';
}

/**
 * The authorization is over for good: revoked [D §11], terminated for a violation not rectified in
 * time [D §28], or its term ended [D §10]. The scenario authorizations granted under it end with it;
 * a suspension alone does not end them (they resume if the operator is reinstated in time).
 */
export function operatorAccessEnded(op: Term, today: string): boolean {
  const s = effectiveStatus(op, today);
  return s === 'REVOKED' || s === 'TERMINATED' || s === 'EXPIRED';
}

/** What the gateway needs to know of an operator account (gateway/standing.ts): may its tokens act now, and if not, why. */
export type Standing = 'GOOD' | 'SUSPENDED' | 'ENDED' | 'INACTIVE';

export function standingOf(op: Term, today: string): Standing {
  switch (effectiveStatus(op, today)) {
    case 'ACTIVE':
      return 'GOOD';
    case 'SUSPENDED':
      return 'SUSPENDED';
    case 'REVOKED':
    case 'TERMINATED':
      return 'ENDED';
    case 'PENDING':
    case 'EXPIRED':
      return 'INACTIVE';
  }
}

/** A suspension not past its deadline (or without one, recorded before deadlines existed). */
const deadlineOpen = (today: string): { $or: FilterQuery<Operator>[] } => ({ $or: [{ rectifyBy: null }, { rectifyBy: { $gte: today } }] });
const notTerminated = (today: string): { $or: FilterQuery<Operator>[] } => ({ $or: [{ status: { $ne: 'SUSPENDED' } }, { rectifyBy: null }, { rectifyBy: { $gte: today } }] });

/**
 * The same rule as SQL conditions, so a status filter pages and counts in the database.
 * Dates are compared with a `today` parameter (Beijing date), never `current_date`, whose value
 * depends on the database session's time zone.
 */
export function statusCondition(status: OperatorStatus, today: string): FilterQuery<Operator> {
  const inTerm = { termStart: { $lte: today }, termEnd: { $gte: today } };
  switch (status) {
    case 'REVOKED':
      return { status: 'REVOKED' };
    case 'TERMINATED':
      return { status: 'SUSPENDED', rectifyBy: { $lt: today } };
    case 'PENDING':
      return { status: { $ne: 'REVOKED' }, termStart: { $gt: today }, ...notTerminated(today) };
    case 'EXPIRED':
      return { status: { $ne: 'REVOKED' }, termEnd: { $lt: today }, ...notTerminated(today) };
    case 'ACTIVE':
      return { status: 'ACTIVE', ...inTerm };
    case 'SUSPENDED':
      return { status: 'SUSPENDED' as StoredOperatorStatus, ...inTerm, ...deadlineOpen(today) };
  }
}

/**
 * The authorization that describes an organization now: a non-revoked one in force today, else
 * the non-revoked one with the latest term (a renewal not yet started, or the last expired one),
 * else the latest revoked one. `ops` is newest first.
 */
export function currentOf<T extends Term & { seq: string }>(ops: T[], today: string): T | null {
  const live = ops.filter((o) => o.status !== 'REVOKED');
  const inForce = live.find((o) => o.termStart <= today && today <= o.termEnd);
  if (inForce) return inForce;
  const latestTerm = [...live].sort((a, b) => (a.termStart === b.termStart ? (a.seq < b.seq ? 1 : -1) : a.termStart < b.termStart ? 1 : -1))[0];
  return latestTerm ?? ops[0] ?? null;
}

/** Longest rectification period the authority may set, in calendar days: a suspension is a demand to correct at once [D §28], not a standing state. */
export const MAX_RECTIFICATION_DAYS = 90;
/** Most violations one suspension names: the four kinds of D §28. */
export const MAX_VIOLATIONS = 4;

/**
 * A suspension names at least one violation of D §28, each once, and a rectification deadline
 * after today and at most MAX_RECTIFICATION_DAYS ahead [D §28]. Answers the violations, deduplicated.
 */
export function checkSanction(violations: readonly OperatorViolation[], rectifyBy: string, today: string): OperatorViolation[] {
  if (violations.length === 0) {
    throw badInput('请至少选择一项违规情形 [D §28] / name at least one violation of D §28 (violations must not be empty)', 'input.violations');
  }
  if (rectifyBy <= today) {
    throw badInput(
      `整改期限 ${rectifyBy} 须晚于今天 ${today} [D §28] / rectifyBy ${rectifyBy} must be after today (${today}): the operator needs time to rectify [D §28]`,
      'input.rectifyBy',
    );
  }
  const latest = addDays(today, MAX_RECTIFICATION_DAYS);
  if (rectifyBy > latest) {
    throw badInput(
      `整改期限 ${rectifyBy} 超过 ${MAX_RECTIFICATION_DAYS} 天（最迟 ${latest}）[D §28] / rectifyBy ${rectifyBy} is more than ${MAX_RECTIFICATION_DAYS} days ahead (latest ${latest}): violations are to be corrected promptly [D §28]`,
      'input.rectifyBy',
    );
  }
  return [...new Set(violations)];
}

/**
 * A state-owned enterprise is the rule; another enterprise or an unincorporated organization may
 * be licensed, with the reason recorded [J §20]. Answers the reason to store (none for a
 * state-owned enterprise).
 */
export function checkKind(kind: OperatorKind, reason: string | null | undefined): string | null {
  const r = reason?.trim() || null;
  if (kind === 'STATE_OWNED_ENTERPRISE') return r;
  if (!r) {
    throw badInput(
      '授权非国有企业作为运营主体时须说明理由（如依法选定的情况）[J §20] / an operator that is not a state-owned enterprise needs the reason it was chosen (kindReason) [J §20]',
      'input.kindReason',
    );
  }
  return r;
}

/**
 * A renewal is a new selection, never a longer term [D §10]: the agreement it follows must be over
 * (its term ended, or revoked or terminated) when the new term starts, and the new selection is stated.
 */
export function checkRenewal(previous: Term & { agreementNo: string }, termStart: string, selectionBasis: string | null, today: string): void {
  if (!selectionBasis) {
    throw badInput(
      '续期即依法再次选定，须填写选定依据 [D §10] / a renewal is a new selection: give selectionBasis (how the operator was selected again) [D §10]',
      'input.selectionBasis',
    );
  }
  const over = previous.status === 'REVOKED' || effectiveStatus(previous, today) === 'TERMINATED' || previous.termEnd < termStart;
  if (!over) {
    throw badInput(
      `原协议 ${previous.agreementNo} 的期限至 ${previous.termEnd}，新期限须从其届满之后开始；协议期限不能延长，只能再次选定 [D §10] / the agreement ${previous.agreementNo} runs until ${previous.termEnd}: the new term must start after it; a term is never extended, the operator is selected again [D §10]`,
      'input.termStart',
    );
  }
}
