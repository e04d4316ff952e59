import type { FilterQuery } from '@mikro-orm/postgresql';
import { isAnonymous, type Actor } from '../../schema/auth.js';
import type { NodeConfig } from '../../schema/topology.js';
import { actsForOrg, actsOn, hasRole, isSignedIn, oversees, overseenRegions } from '../kit/rules/access.js';
import type { GovernanceFeedback } from './feedback.entity.js';
import type { Operator } from './operator.entity.js';
import type { OperatorReport } from './report.entity.js';
import { effectiveStatus, statusCondition } from './operator.rules.js';

/**
 * Who may see and do what in authorized operation: for each entity the SQL filter of its lists and
 * the predicate of a single row, side by side, both built from the kit's authority model
 * (kit/rules/access.ts). operation/access.test.ts checks that the filter admits exactly the rows its
 * predicate admits.
 */

type OperatorRow = Pick<Operator, 'status' | 'termStart' | 'termEnd'>;

/**
 * The list of licensed operators is public information: every signed-in caller (agencies,
 * operators, auditors) sees all authorizations, whatever their status, so that an agency can check
 * whether an operator asking for data is licensed. The public sees only those in force (ACTIVE).
 */
export function operatorFilter(actor: Actor, today: string): FilterQuery<Operator> {
  return isAnonymous(actor) ? statusCondition('ACTIVE', today) : {};
}

export function canSeeOperator(actor: Actor, op: OperatorRow, today: string): boolean {
  return isSignedIn(actor) || effectiveStatus(op, today) === 'ACTIVE';
}

/** Why an authorization was suspended, reinstated or revoked: signed-in callers only. */
export function canSeeStatusReason(actor: Actor): boolean {
  return isSignedIn(actor);
}

/**
 * Licensing, suspending, reinstating and revoking: the data authority acting on the operator's
 * region, alone [D §9, D §28]; industry departments may not license on their own [J §20]. An
 * operator acts only on its own record, and no mutation of its own exists yet, so operators
 * change nothing here.
 */
export function canLicense(actor: Actor, node: NodeConfig, regionCode: string): boolean {
  return actsOn(actor, node, regionCode);
}

// Reports and governance feedback [OPR-7, OPR-8, D §16, D §20] ------------------------------------

type OperatorIdentity = Pick<Operator, 'id' | 'organizationId'>;

/**
 * The caller acts as the operator record `op`: an OPERATOR token naming it (`account`). A token
 * that names no record yet acts for every record of its organization (`orgId`): the one place
 * that changes once every OPERATOR token names its record.
 */
export function actsAsOperator(actor: Actor, op: OperatorIdentity): boolean {
  if (!hasRole(actor, 'OPERATOR')) return false;
  if (actor.account != null) return actor.account === op.id;
  return actor.orgId !== null && actor.orgId === op.organizationId;
}

/** `actsAsOperator` as a SQL condition on a table's operator and organization columns; null for anyone else. */
function asOperatorCondition(actor: Actor, idColumn: string, orgColumn: string): Record<string, string> | null {
  if (!hasRole(actor, 'OPERATOR')) return null;
  if (actor.account != null) return { [idColumn]: actor.account };
  return actor.orgId !== null ? { [orgColumn]: actor.orgId } : null;
}

function oneOf<T>(overseen: FilterQuery<T>, own: Record<string, string> | null, more: FilterQuery<T>[] = []): FilterQuery<T> {
  return { $or: [overseen, ...(own ? [own as FilterQuery<T>] : []), ...more] } as FilterQuery<T>;
}

type ReportRow = Pick<OperatorReport, 'operatorId' | 'organizationId' | 'regionCode'>;

/** Reports are read by the operator itself and by the authorities and auditors of its region (reads audited) [D §20]. */
export function reportFilter(actor: Actor, node: NodeConfig): FilterQuery<OperatorReport> | null {
  if (isAnonymous(actor)) return null;
  return oneOf<OperatorReport>({ regionCode: { $in: overseenRegions(actor, node) } }, asOperatorCondition(actor, 'operatorId', 'organizationId'));
}

export function canSeeReport(actor: Actor, node: NodeConfig, r: ReportRow): boolean {
  return oversees(actor, node, r.regionCode) || actsAsOperator(actor, { id: r.operatorId, organizationId: r.organizationId });
}

/** The operator files its own reports, nobody for it [D §20]. */
export function canFileReport(actor: Actor, op: OperatorIdentity): boolean {
  return actsAsOperator(actor, op);
}

/** Whose missing reports the caller sees: the operators of the regions it oversees, and itself. */
export function missingReportsFilter(actor: Actor, node: NodeConfig): FilterQuery<Operator> | null {
  if (isAnonymous(actor)) return null;
  return oneOf<Operator>({ regionCode: { $in: overseenRegions(actor, node) } }, asOperatorCondition(actor, 'id', 'organizationId'));
}

export function canSeeMissingReports(actor: Actor, node: NodeConfig, op: OperatorIdentity & Pick<Operator, 'regionCode'>): boolean {
  return oversees(actor, node, op.regionCode) || actsAsOperator(actor, op);
}

type FeedbackRow = Pick<GovernanceFeedback, 'regionCode' | 'providerId' | 'operatorId' | 'operatorOrganizationId'>;

/**
 * Governance feedback is seen by the operator that filed it, the providing agency that must fix
 * the data, and those who oversee the entry's region (the authority follows overdue items, a
 * city authority its districts' on their nodes) [D §16]. Reads are audited.
 */
export function feedbackFilter(actor: Actor, node: NodeConfig): FilterQuery<GovernanceFeedback> | null {
  if (isAnonymous(actor)) return null;
  const agency: FilterQuery<GovernanceFeedback>[] = hasRole(actor, 'AGENCY') && actor.orgId ? [{ providerId: actor.orgId }] : [];
  return oneOf<GovernanceFeedback>({ regionCode: { $in: overseenRegions(actor, node) } }, asOperatorCondition(actor, 'operatorId', 'operatorOrganizationId'), agency);
}

export function canSeeFeedback(actor: Actor, node: NodeConfig, f: FeedbackRow): boolean {
  return oversees(actor, node, f.regionCode) || actsForOrg(actor, f.providerId) || actsAsOperator(actor, { id: f.operatorId, organizationId: f.operatorOrganizationId });
}

/** An operator in force feeds back problems it found in the data it processes [D §16]. */
export function canFileFeedback(actor: Actor, op: OperatorIdentity): boolean {
  return actsAsOperator(actor, op);
}

/** The data authority of the entry's region, on its node, sets the provider's deadline (州数据管理行政主管部门) [D §16]. */
export function canSetFeedbackDeadline(actor: Actor, node: NodeConfig, f: Pick<FeedbackRow, 'regionCode'>): boolean {
  return actsOn(actor, node, f.regionCode);
}

/** The providing agency completes the governance and answers [D §16]. */
export function canAnswerFeedback(actor: Actor, f: Pick<FeedbackRow, 'providerId'>): boolean {
  return actsForOrg(actor, f.providerId);
}
