import type { FilterQuery } from '@mikro-orm/postgresql';
import { isAnonymous, type Actor } from '../../schema/auth.js';
import type { NodeConfig } from '../../schema/topology.js';
import { isWithin } from '../../schema/regions.js';
import { actsAsAccount, actsForOrg, actsOn, hasRole, isSignedIn, oversees, overseenRegions, regionsWhere } from '../kit/rules/access.js';
import type { OperationAuthorization } from './authorization.entity.js';
import type { GovernanceFeedback } from './feedback.entity.js';
import type { OperatorReport } from './report.entity.js';
import type { DataProduct } from './product.entity.js';
import type { Operator } from './operator.entity.js';
import { effectiveStatus, operatorInGoodStanding, statusCondition } from './operator.rules.js';

/**
 * Who may see and do what in authorized operation: for each entity the SQL filter of its lists and
 * the predicate of a single row, side by side, both built from the kit's authority model
 * (kit/rules/access.ts). operation/access.test.ts checks that the filter admits exactly the rows its
 * predicate admits.
 */

type OperatorRow = Pick<Operator, 'status' | 'termStart' | 'termEnd' | 'rectifyBy'>;

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
 * region, alone [D §9, D §28]; industry departments may not license on their own [J §20]. No
 * mutation lets an operator end, shorten or extend its own agreement [D §10].
 */
export function canLicense(actor: Actor, node: NodeConfig, regionCode: string): boolean {
  return actsOn(actor, node, regionCode);
}

// Operators bound to their tokens, the service center and experts [OPR-1, OPR-9, D §10-14, D §22, D §28, Z §5].

/**
 * The operator itself: an OPERATOR token whose account is this authorization and whose
 * organization is the licensed one. An operator acts only as its own record.
 */
export function actsAsOperator(actor: Actor, op: Pick<Operator, 'id' | 'organizationId'>): boolean {
  return hasRole(actor, 'OPERATOR') && actsAsAccount(actor, op.id) && actor.orgId === op.organizationId;
}

/**
 * The operator itself, while it may use the platform [D §28]: what every operator action asks
 * (the gateway already refuses a suspended or revoked operator's tokens; this keeps the rule true
 * inside the subgraph, for the record the action is about).
 */
export function canActAsOperator(actor: Actor, op: Pick<Operator, 'id' | 'organizationId'> & OperatorRow, today: string): boolean {
  return actsAsOperator(actor, op) && operatorInGoodStanding(op, today);
}

/** The data operation service center of a region hosted on this node, reviewing first the applications of that region [D §12, D §14]. */
export function isServiceCenterOf(actor: Actor, node: NodeConfig, regionCode: string): boolean {
  return hasRole(actor, 'SERVICE_CENTER') && actor.region !== null && node.regions.includes(actor.region) && isWithin(regionCode, actor.region);
}

/** A member of the expert committee of `regionCode` or a region above it, giving opinions on its applications [D §22, Z §5]. */
export function isExpertFor(actor: Actor, regionCode: string): boolean {
  return hasRole(actor, 'EXPERT') && actor.region !== null && isWithin(regionCode, actor.region);
}

/**
 * An operator's sanctions (violations, rectification demanded) [D §28]: the authorities and auditors
 * overseeing its region, and the operator itself; each read is audited.
 */
export function canSeeSanctions(actor: Actor, node: NodeConfig, op: Pick<Operator, 'id' | 'organizationId' | 'regionCode'>): boolean {
  return oversees(actor, node, op.regionCode) || actsAsOperator(actor, op);
}

/** An operator's evaluation data: those who read its sanctions, the overseers of its region and the operator itself [D §24-25]. */
export const canSeeOperatorEvaluation = canSeeSanctions;

// Data-use authorizations (一场景一授权) [OPR-2, OPR-3, D §12-14, D §22].

/** A data operation service center serving the region (or a region above it): it sees that region's applications [D §12, D §14]. */
export function servesAsCenter(actor: Actor, regionCode: string): boolean {
  return hasRole(actor, 'SERVICE_CENTER') && actor.region !== null && isWithin(regionCode, actor.region);
}

type AuthorizationRow = Pick<OperationAuthorization, 'operatorId' | 'regionCode' | 'providerIds'>;

/**
 * An application is seen by the operator that made it, the service center and those who oversee
 * its region (authorities, auditors), and the agencies whose entries it names; never other
 * operators or the public. Reads are audited.
 */
export function authorizationFilter(actor: Actor, node: NodeConfig): FilterQuery<OperationAuthorization> | null {
  if (isAnonymous(actor)) return null;
  const any: FilterQuery<OperationAuthorization>[] = [{ regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'OPERATOR') && actor.account) any.push({ operatorId: actor.account });
  if (hasRole(actor, 'SERVICE_CENTER')) any.push({ regionCode: { $in: regionsWhere((code) => servesAsCenter(actor, code)) } });
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ providerIds: { $contains: [actor.orgId] } } as FilterQuery<OperationAuthorization>);
  return { $or: any };
}

export function canSeeAuthorization(actor: Actor, node: NodeConfig, a: AuthorizationRow): boolean {
  return (
    oversees(actor, node, a.regionCode) ||
    (hasRole(actor, 'OPERATOR') && actsAsAccount(actor, a.operatorId)) ||
    servesAsCenter(actor, a.regionCode) ||
    a.providerIds.some((p) => actsForOrg(actor, p))
  );
}

/** The first review: the service center serving the application's region, on the node hosting its own region [D §14]. */
export function canFirstReview(actor: Actor, node: NodeConfig, a: Pick<AuthorizationRow, 'regionCode'>): boolean {
  return isServiceCenterOf(actor, node, a.regionCode);
}

/** The re-review: the data authority acting on the application's region [D §14, D §22]. */
export function canReReview(actor: Actor, node: NodeConfig, a: Pick<AuthorizationRow, 'regionCode'>): boolean {
  return actsOn(actor, node, a.regionCode);
}

/** A providing agency answers for its own entries only, wherever the application lives [D §14]. */
export function canAnswerEntry(actor: Actor, providerId: string): boolean {
  return actsForOrg(actor, providerId);
}

// Reports and governance feedback [OPR-7, OPR-8, D §16, D §20] ------------------------------------

type OperatorIdentity = Pick<Operator, 'id' | 'organizationId'>;

/** `actsAsOperator` as a SQL condition on a table's operator and organization columns; null for anyone else. */
function asOperatorCondition(actor: Actor, idColumn: string, orgColumn: string): Record<string, string> | null {
  if (!hasRole(actor, 'OPERATOR') || actor.account == null || actor.orgId === null) return null;
  return { [idColumn]: actor.account, [orgColumn]: actor.orgId };
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

// Inside the platform: staff, imports and exports, use checks [OPR-4, D §5, D §15, D §17, D §21] ---

type StaffOrTransferRow = { operatorId: string; organizationId: string; regionCode: string };

/** The operator registers and deregisters its own staff and asks for its own imports and exports, while in good standing [D §17]. */
export const canManageInsidePlatform = canActAsOperator;

/** Staff records and transfer requests: the operator itself and the authorities and auditors of its region (reads audited) [D §17, D §25]. */
export function canSeeInsidePlatform(actor: Actor, node: NodeConfig, r: StaffOrTransferRow): boolean {
  return oversees(actor, node, r.regionCode) || actsAsOperator(actor, { id: r.operatorId, organizationId: r.organizationId });
}

/** `canSeeInsidePlatform` as a list filter: the regions overseen, and an operator's own records. */
export function insidePlatformFilter(actor: Actor, node: NodeConfig): FilterQuery<StaffOrTransferRow> | null {
  if (isAnonymous(actor)) return null;
  const any: FilterQuery<StaffOrTransferRow>[] = [{ regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'OPERATOR') && actor.account && actor.orgId) any.push({ operatorId: actor.account, organizationId: actor.orgId });
  return { $or: any };
}

/** Imports and exports are decided by the data authority acting on the operator's region (州数据管理行政主管部门) [D §17 (三), D §21]. */
export function canDecideTransfer(actor: Actor, node: NodeConfig, r: Pick<StaffOrTransferRow, 'regionCode'>): boolean {
  return actsOn(actor, node, r.regionCode);
}

/** The batched use check: the data plane (SYSTEM), the operator itself, the authorities and auditors of its region [OPR-4, D §25]. */
export function canCheckUse(actor: Actor, node: NodeConfig, op: Pick<Operator, 'id' | 'organizationId' | 'regionCode'>): boolean {
  return hasRole(actor, 'SYSTEM') || oversees(actor, node, op.regionCode) || actsAsOperator(actor, op);
}

// Data products and their pricing [OPR-5, OPR-6, D §3, D §18, D §21, J §23, B §35] ----------------

type ProductRow = Pick<DataProduct, 'status' | 'operatorId' | 'organizationId' | 'regionCode'>;

/**
 * A released product, with its sources, is public [D §21]; one under review, refused or suspended
 * is seen by its operator and those who oversee its region (reads audited).
 */
export function productFilter(actor: Actor, node: NodeConfig): FilterQuery<DataProduct> {
  if (isAnonymous(actor)) return { status: 'RELEASED' };
  return oneOf<DataProduct>({ regionCode: { $in: overseenRegions(actor, node) } }, asOperatorCondition(actor, 'operatorId', 'organizationId'), [{ status: 'RELEASED' }]);
}

export function canSeeProduct(actor: Actor, node: NodeConfig, p: ProductRow): boolean {
  return p.status === 'RELEASED' || oversees(actor, node, p.regionCode) || actsAsOperator(actor, { id: p.operatorId, organizationId: p.organizationId });
}

/** A product that is not public: its reads are audited. */
export const productIsPrivate = (p: Pick<DataProduct, 'status'>) => p.status !== 'RELEASED';

/** The operator itself, while it may use the platform, proposes its products [D §21, D §28]. */
export function canProposeProduct(actor: Actor, op: OperatorIdentity & OperatorRow, today: string): boolean {
  return canActAsOperator(actor, op, today);
}

/** The data authority acting on the operator's region reviews its products before release [D §21]. */
export function canReviewProduct(actor: Actor, node: NodeConfig, p: Pick<ProductRow, 'regionCode'>): boolean {
  return actsOn(actor, node, p.regionCode);
}

/** The data authority of a region, on its node, sets the guided price ranges of that region [J §23, D §18]. */
export function canSetGuidedPrice(actor: Actor, node: NodeConfig, regionCode: string): boolean {
  return actsOn(actor, node, regionCode);
}
