import type { FilterQuery } from '@mikro-orm/postgresql';
import type { OperatorStatus, StoredOperatorStatus } from './operator.enums.js';
import type { Operator } from './operator.entity.js';

type Term = Pick<Operator, 'status' | 'termStart' | 'termEnd'>;

/**
 * The status a user sees. REVOKED is final and wins over the dates (a revoked agreement stays
 * revoked after its term); otherwise the term decides PENDING / EXPIRED, and inside the term the
 * authority's decision (ACTIVE or SUSPENDED) applies [D §10-11, D §28].
 */
export function effectiveStatus(op: Term, today: string): OperatorStatus {
  if (op.status === 'REVOKED') return 'REVOKED';
  if (today < op.termStart) return 'PENDING';
  if (today > op.termEnd) return 'EXPIRED';
  return op.status;
}

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
    case 'PENDING':
      return { status: { $ne: 'REVOKED' }, termStart: { $gt: today } };
    case 'EXPIRED':
      return { status: { $ne: 'REVOKED' }, termEnd: { $lt: today } };
    case 'ACTIVE':
    case 'SUSPENDED':
      return { status: status as StoredOperatorStatus, ...inTerm };
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
