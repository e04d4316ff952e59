import type { FilterQuery } from '@mikro-orm/postgresql';
import { isAnonymous, type Actor } from '../../schema/auth.js';
import type { NodeConfig } from '../../schema/topology.js';
import { actsForOrg, actsOn, coordinates, hasRole, isSignedIn, oversees, overseenOrgPrefixes, overseenRegions, overseesOrg } from '../kit/rules/access.js';
import { isWithin } from '../../schema/regions.js';
import { regionOf } from '../../schema/ids.js';
import type { ShareRequest } from './share-request.entity.js';
import type { NegativeListEntry, ShareViolation } from './negative-list.entity.js';
import type { ShareSanction } from './sanction.entity.js';

/**
 * Who may see and do what in sharing: for each entity the SQL filter of its lists and the
 * predicate of a single row, side by side, both built from the kit's authority model
 * (kit/rules/access.ts). sharing/access.test.ts checks that each filter admits exactly the rows its
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
  const any: FilterQuery<ShareRequest>[] = [{ regionCode: { $in: overseenRegions(actor, node) } }, ...requesterPrefixes(actor)];
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ requesterId: actor.orgId }, { providerId: actor.orgId });
  return { $or: any };
}

/**
 * Requests made by the organizations of the caller's region, on whatever node the data lives: a
 * district authority follows its own agencies' requests for the city's data [B §29].
 */
const requesterPrefixes = (actor: Actor) => overseenOrgPrefixes(actor).map((p) => ({ requesterId: { $like: `${p}%` } }));

export function canSeeRequest(actor: Actor, node: NodeConfig, r: RequestRow): boolean {
  return actsForOrg(actor, r.requesterId) || actsForOrg(actor, r.providerId) || oversees(actor, node, r.regionCode) || overseesOrg(actor, r.requesterId);
}

/** Requests are made by staff, for their own organization only [SEC-1, B §26]. */
export function canRequestFor(actor: Actor, requesterId: string): boolean {
  return actsForOrg(actor, requesterId);
}

/**
 * The provider decides its CONDITIONAL data [B §27]; the authority acting on the data's region may
 * decide any request, and alone decides those needing its approval [SHR-6, L §17]. A request from
 * another platform is also decided by the authority above both that coordinates it [B §29]
 * (`coordinates`: the city authority on a district's platform, where otherwise it only reads).
 */
export function canDecide(actor: Actor, node: NodeConfig, r: RequestRow & Pick<ShareRequest, 'authorityApprovalRequired' | 'crossNode'>): boolean {
  if (actsOn(actor, node, r.regionCode)) return true;
  if (r.crossNode && coordinates(actor, node, r.regionCode)) return true;
  return !r.authorityApprovalRequired && actsForOrg(actor, r.providerId);
}

/**
 * The coordination queue [SHR-7, B §29]: pending requests from other platforms or waiting for an
 * authority, read by whoever oversees the data's region (acting, coordinating or supervising
 * authorities, auditors); agencies have their own lists.
 */
export function coordinationFilter(actor: Actor, node: NodeConfig): FilterQuery<ShareRequest> | null {
  if (!hasRole(actor, 'AUTHORITY') && !hasRole(actor, 'AUDITOR')) return null;
  return { regionCode: { $in: overseenRegions(actor, node) } };
}

export function canSeeCoordination(actor: Actor, node: NodeConfig, r: Pick<ShareRequest, 'regionCode'>): boolean {
  return (hasRole(actor, 'AUTHORITY') || hasRole(actor, 'AUDITOR')) && oversees(actor, node, r.regionCode);
}

/**
 * Suspending and revoking a grant [SHR-5, B §49]: its provider, or the authority acting on the
 * data's region.
 */
export function canManageGrant(actor: Actor, node: NodeConfig, r: RequestRow): boolean {
  return actsOn(actor, node, r.regionCode) || actsForOrg(actor, r.providerId);
}

/**
 * In which capacity the caller manages a grant: as the authority acting on the data's region if it
 * does, else as the provider (canManageGrant decided that it may at all).
 */
export function grantActorRole(actor: Actor, node: NodeConfig, r: RequestRow): 'AUTHORITY' | 'PROVIDER' {
  return actsOn(actor, node, r.regionCode) ? 'AUTHORITY' : 'PROVIDER';
}

/**
 * Reinstating: whoever suspended lifts [B §49]. The provider lifts its own suspension only; the
 * authority's suspension, a grant that only the authority could give (grade, mode, coordination),
 * and one a catalog change suspended, only the authority acting on the region reinstates [J §7, B §10].
 */
export function canReinstate(actor: Actor, node: NodeConfig, r: RequestRow & Pick<ShareRequest, 'authorityApprovalRequired' | 'catalogEventId' | 'suspendedAs'>): boolean {
  if (actsOn(actor, node, r.regionCode)) return true;
  return r.suspendedAs !== 'AUTHORITY' && !r.authorityApprovalRequired && !r.catalogEventId && actsForOrg(actor, r.providerId);
}

/** The grant check [SHR-5]: the organization itself, the provider (its data plane), and those who oversee the data's region. */
export function canCheckGrant(actor: Actor, node: NodeConfig, c: { organizationId: string; regionCode: string; providerId: string | null }): boolean {
  return actsForOrg(actor, c.organizationId) || oversees(actor, node, c.regionCode) || (c.providerId !== null && actsForOrg(actor, c.providerId));
}

/**
 * A negative list and the violations recorded against it [SHR-3, B §24, L §34]: the providing
 * agency's staff and those who oversee its region (the city authority reads every node's, as
 * one list).
 */
export function negativeListFilter(actor: Actor, node: NodeConfig): FilterQuery<NegativeListEntry> | null {
  if (isAnonymous(actor)) return null;
  const any: FilterQuery<NegativeListEntry>[] = [{ regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ providerId: actor.orgId });
  return { $or: any };
}

export function canSeeNegativeListEntry(actor: Actor, node: NodeConfig, e: Pick<NegativeListEntry, 'providerId' | 'regionCode'>): boolean {
  return actsForOrg(actor, e.providerId) || oversees(actor, node, e.regionCode);
}

/** Each agency keeps its own negative list [B §24]. */
export function canEditNegativeList(actor: Actor, providerId: string): boolean {
  return actsForOrg(actor, providerId);
}

export function violationFilter(actor: Actor, node: NodeConfig): FilterQuery<ShareViolation> | null {
  return negativeListFilter(actor, node) as FilterQuery<ShareViolation> | null;
}

export function canSeeViolation(actor: Actor, node: NodeConfig, v: Pick<ShareViolation, 'providerId' | 'regionCode'>): boolean {
  return canSeeNegativeListEntry(actor, node, v);
}

/** The authority acting on the region reviews violations and imposes and lifts sanctions [L §34, B §49]. */
export function canActOnRegion(actor: Actor, node: NodeConfig, regionCode: string): boolean {
  return actsOn(actor, node, regionCode);
}

/** A sanction is seen by the sanctioned organization's staff and by those who oversee the region [B §49]. */
export function sanctionFilter(actor: Actor, node: NodeConfig): FilterQuery<ShareSanction> | null {
  if (isAnonymous(actor)) return null;
  const any: FilterQuery<ShareSanction>[] = [{ regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ organizationId: actor.orgId });
  return { $or: any };
}

export function canSeeSanction(actor: Actor, node: NodeConfig, s: Pick<ShareSanction, 'organizationId' | 'regionCode'>): boolean {
  return actsForOrg(actor, s.organizationId) || oversees(actor, node, s.regionCode);
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

/**
 * The authority acting on the requester's region coordinates a provider for the demand [SHR-4,
 * B §27, J §17]; the authority above it coordinates across levels, from the district's node too
 * [B §29].
 */
export function canAssignDemand(actor: Actor, node: NodeConfig, d: DemandRow): boolean {
  return actsOn(actor, node, d.regionCode) || coordinates(actor, node, d.regionCode);
}

/**
 * A provider of another platform is a cross-level assignment: only an authority whose region holds
 * the provider's too coordinates it (the city assigns a city bureau to a district's demand; a
 * district authority cannot commit the city's bureaus) [B §29].
 */
export function canAssignProviderOf(actor: Actor, providerId: string): boolean {
  const region = regionOf(providerId);
  return hasRole(actor, 'AUTHORITY') && actor.region !== null && region !== null && isWithin(region, actor.region);
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
