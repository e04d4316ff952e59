import type { FilterQuery } from '@mikro-orm/postgresql';
import { isAnonymous, type Actor } from '../../schema/auth.js';
import type { NodeConfig } from '../../schema/topology.js';
import { actsForOrg, actsOn, hasRole, isSignedIn, oversees, overseenRegions } from '../kit/access.js';
import { regionOf } from '../../schema/ids.js';
import type { ShareRequest } from './share-request.entity.js';

/**
 * Who may see and do what in sharing: for each entity the SQL filter of its lists and the
 * predicate of a single row, side by side, both built from the kit's authority model
 * (kit/access.ts). sharing/access.test.ts checks that each filter admits exactly the rows its
 * predicate admits.
 */

type RequestRow = Pick<ShareRequest, 'requesterId' | 'providerId' | 'regionCode'>;

/**
 * Who sees a request [SEC-1]: staff of the requesting and of the providing organization, and those
 * who oversee the region of the data (its authority, a supervising authority, an auditor). The
 * public sees none: `null` means "nothing".
 */
export function requestFilter(actor: Actor, node: NodeConfig): FilterQuery<ShareRequest> | null {
  if (isAnonymous(actor)) return null;
  const any: FilterQuery<ShareRequest>[] = [{ regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ requesterId: actor.orgId }, { providerId: actor.orgId });
  return { $or: any };
}

export function canSeeRequest(actor: Actor, node: NodeConfig, r: RequestRow): boolean {
  return actsForOrg(actor, r.requesterId) || actsForOrg(actor, r.providerId) || oversees(actor, node, r.regionCode);
}

/** Requests are made by staff, for their own organization only [SEC-1, B §26]. */
export function canRequestFor(actor: Actor, requesterId: string): boolean {
  return actsForOrg(actor, requesterId);
}

/**
 * The provider decides its CONDITIONAL data [B §27]; the authority acting on the data's region may
 * decide any request, and alone decides those needing its approval [SHR-6, L §17]. A supervising
 * authority coordinates (B §29, `coordinates` in the kit) but does not decide.
 */
export function canDecide(actor: Actor, node: NodeConfig, r: RequestRow & Pick<ShareRequest, 'authorityApprovalRequired'>): boolean {
  if (actsOn(actor, node, r.regionCode)) return true;
  return !r.authorityApprovalRequired && actsForOrg(actor, r.providerId);
}

/** Counts of requests per entry carry no names: any signed-in caller sees them, the public does not [SHR-11]. */
export function canSeeSharingCounts(actor: Actor): boolean {
  return isSignedIn(actor);
}

// ---------------------------------------------------------------- DataDemand [SHR-4]

type DemandRow = { requesterId: string; providerId: string | null; regionCode: string };

/**
 * Who sees a demand [SHR-4, B §27]: staff of the organization that filed it, staff of the provider
 * the authority assigned, and those who oversee the requester's region. The public sees none.
 */
export function demandFilter(actor: Actor, node: NodeConfig): FilterQuery<DemandRow> | null {
  if (isAnonymous(actor)) return null;
  const any: FilterQuery<DemandRow>[] = [{ regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ requesterId: actor.orgId }, { providerId: actor.orgId });
  return { $or: any };
}

export function canSeeDemand(actor: Actor, node: NodeConfig, d: DemandRow): boolean {
  return actsForOrg(actor, d.requesterId) || (d.providerId !== null && actsForOrg(actor, d.providerId)) || oversees(actor, node, d.regionCode);
}

/** The authority acting on the requester's region coordinates a provider for the demand [SHR-4, B §27, J §17]. */
export function canAssignDemand(actor: Actor, node: NodeConfig, d: DemandRow): boolean {
  return actsOn(actor, node, d.regionCode);
}

/** Only the assigned provider's staff accept, decline, or link the new catalog entry [SHR-4, B §27]. */
export function canRespondToDemand(actor: Actor, d: DemandRow): boolean {
  return d.providerId !== null && actsForOrg(actor, d.providerId);
}

// ---------------------------------------------------------------- DataVerification [SHR-8]

type VerificationRow = { requesterId: string; providerId: string; regionCode: string };

/**
 * Who sees a report of doubtful data [SHR-8, L §13]: the reporting grantee's staff, the provider's
 * staff who must verify it, and those who oversee the data's region (the authority lists the
 * overdue ones).
 */
export function verificationFilter(actor: Actor, node: NodeConfig): FilterQuery<VerificationRow> | null {
  if (isAnonymous(actor)) return null;
  const any: FilterQuery<VerificationRow>[] = [{ regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ requesterId: actor.orgId }, { providerId: actor.orgId });
  return { $or: any };
}

export function canSeeVerification(actor: Actor, node: NodeConfig, v: VerificationRow): boolean {
  return actsForOrg(actor, v.requesterId) || actsForOrg(actor, v.providerId) || oversees(actor, node, v.regionCode);
}

/** The provider verifies its own data [L §13: 数据提供部门校核]. */
export function canVerify(actor: Actor, v: VerificationRow): boolean {
  return actsForOrg(actor, v.providerId);
}

// ---------------------------------------------------------------- UsageFeedback [SHR-9]

type FeedbackRow = { requesterId: string; providerId: string; regionCode: string };

/**
 * Usage feedback is read by whoever reads its grant [SHR-9, B §45]: the grantee that reported it,
 * the provider, and those who oversee the data's region.
 */
export function feedbackFilter(actor: Actor, node: NodeConfig): FilterQuery<FeedbackRow> | null {
  return requestFilter(actor, node) as FilterQuery<FeedbackRow> | null;
}

export function canSeeFeedback(actor: Actor, node: NodeConfig, f: FeedbackRow): boolean {
  return canSeeRequest(actor, node, f);
}

/** Feedback is the grantee's own report: its staff only [B §45]. */
export function canReportFeedback(actor: Actor, grant: Pick<ShareRequest, 'requesterId'>): boolean {
  return actsForOrg(actor, grant.requesterId);
}

// ---------------------------------------------------------------- Sharing evaluation [SHR-11]

/**
 * An agency's sharing evaluation is read by the agency itself, the authorities overseeing its
 * region (acting or supervising) and auditors [SHR-11, L §28, B §48].
 */
export function canSeeSharingEvaluation(actor: Actor, node: NodeConfig, orgId: string): boolean {
  const region = regionOf(orgId);
  return actsForOrg(actor, orgId) || (region !== null && oversees(actor, node, region));
}
