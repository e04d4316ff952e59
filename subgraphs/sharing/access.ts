import type { FilterQuery } from '@mikro-orm/postgresql';
import { isAnonymous, type Actor } from '../../schema/auth.js';
import type { NodeConfig } from '../../schema/topology.js';
import { actsForOrg, actsOn, hasRole, isSignedIn, oversees, overseenRegions } from '../kit/access.js';
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
