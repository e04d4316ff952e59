import type { FilterQuery } from '@mikro-orm/postgresql';
import { isAnonymous, type Actor } from '../../schema/auth.js';
import type { NodeConfig } from '../../schema/topology.js';
import { isWithin } from '../../schema/regions.js';
import { actsAsAccount, actsForOrg, actsOn, hasRole, oversees, overseenRegions, regionsWhere } from '../kit/rules/access.js';
import type { OpenDataComplaint } from './complaint.entity.js';
import type { OpenDataset } from './dataset.entity.js';
import type { OpenDataDispute } from './dispute.entity.js';
import type { OpenDataEmergency } from './emergency.entity.js';
import type { OpenDataPlan } from './plan.entity.js';

/**
 * Who may see and do what in opening: for each entity the SQL filter of its lists and the
 * predicate of a single row, side by side, both built from the kit's authority model
 * (kit/rules/access.ts). opening/access.test.ts checks that each filter admits exactly the rows its
 * predicate admits.
 */

type DatasetRow = Pick<OpenDataset, 'status' | 'providerId' | 'regionCode'>;

/**
 * The open portal is public: everyone sees OPEN datasets. A suspended or withdrawn dataset is
 * visible only to those who answer for it: the provider's staff (who must act on the complaint
 * that suspended it [Z §35]) and those who oversee its region (its authority, a supervising
 * authority, an auditor).
 */
export function datasetFilter(actor: Actor, node: NodeConfig): FilterQuery<OpenDataset> {
  if (isAnonymous(actor)) return { status: 'OPEN' };
  const any: FilterQuery<OpenDataset>[] = [{ status: 'OPEN' }, { regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ providerId: actor.orgId });
  return { $or: any };
}

export function canSeeDataset(actor: Actor, node: NodeConfig, d: DatasetRow): boolean {
  return d.status === 'OPEN' || actsForOrg(actor, d.providerId) || oversees(actor, node, d.regionCode);
}

/**
 * An agency proposes its own data for the open catalog, and every later change, withdrawal or
 * reopening [Z §10-11, B §31]; the authority decides, it does not propose.
 */
export function canPropose(actor: Actor, providerId: string): boolean {
  return actsForOrg(actor, providerId);
}

/**
 * Approving or returning a proposal: the authority of the dataset's region or a region above it,
 * acting on the node that holds the dataset, as the catalog's publication [B §31, J §9, B §17].
 * A supervising authority and auditors only read.
 */
export function canReviewProposal(actor: Actor, node: NodeConfig, d: Pick<DatasetRow, 'regionCode'>): boolean {
  return actsOn(actor, node, d.regionCode);
}

/** A proposal and its review are internal records: those who answer for the dataset, never the public or other agencies. */
export function canSeeProposal(actor: Actor, node: NodeConfig, d: Pick<DatasetRow, 'providerId' | 'regionCode'>): boolean {
  return actsForOrg(actor, d.providerId) || oversees(actor, node, d.regionCode);
}

type ComplaintRow = Pick<OpenDataComplaint, 'providerId' | 'regionCode' | 'complainantAccount'>;

/**
 * A complaint about opened data [Z §35] is seen by the opening agency that must act on it, those
 * who oversee its region, and the registered user who filed it; an anonymous complainant sees its
 * own through the receipt token (complaint.resolver.ts), never in a list. Reads are audited.
 */
export function complaintFilter(actor: Actor, node: NodeConfig): FilterQuery<OpenDataComplaint> {
  const any: FilterQuery<OpenDataComplaint>[] = [{ regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ providerId: actor.orgId });
  if (actor.account) any.push({ complainantAccount: actor.account });
  return { $or: any };
}

export function canSeeComplaint(actor: Actor, node: NodeConfig, c: ComplaintRow): boolean {
  return actsForOrg(actor, c.providerId) || oversees(actor, node, c.regionCode) || (c.complainantAccount !== null && actsAsAccount(actor, c.complainantAccount));
}

/** Anyone may complain of an open dataset, the anonymous public too [Z §35]; what it may reach is the open catalog. */
export function canFileComplaint(actor: Actor, node: NodeConfig, d: DatasetRow): boolean {
  return canSeeDataset(actor, node, d);
}

/**
 * Verifying and deciding: the opening agency, which Z §35 charges with it, or the authority acting
 * on the dataset's region on this node, which approves the open catalog [B §31]. A supervising
 * authority and auditors only read.
 */
export function canHandleComplaint(actor: Actor, node: NodeConfig, c: Pick<ComplaintRow, 'providerId' | 'regionCode'>): boolean {
  return actsForOrg(actor, c.providerId) || actsOn(actor, node, c.regionCode);
}

type DisputeRow = Pick<OpenDataDispute, 'regionCode' | 'partyIds'>;

/**
 * A member of the expert committee serving the region (or a region above it: Z §5 has the
 * province form the committee), who gives opinions on disputes there [Z §11-12].
 */
export function advises(actor: Actor, regionCode: string): boolean {
  return hasRole(actor, 'EXPERT') && actor.region !== null && isWithin(regionCode, actor.region);
}

/**
 * A dispute over the opening agency or the open attribute [Z §11-12] is an internal matter: the
 * agencies party to it, those who oversee its region (its authority, a supervising authority, an
 * auditor) and the experts serving the region; never the public or other agencies. Reads are audited.
 */
export function disputeFilter(actor: Actor, node: NodeConfig): FilterQuery<OpenDataDispute> | null {
  if (isAnonymous(actor)) return null;
  const any: FilterQuery<OpenDataDispute>[] = [{ regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ partyIds: { $contains: [actor.orgId] } } as FilterQuery<OpenDataDispute>);
  if (hasRole(actor, 'EXPERT')) any.push({ regionCode: { $in: regionsWhere((code) => advises(actor, code)) } });
  return { $or: any };
}

export function canSeeDispute(actor: Actor, node: NodeConfig, d: DisputeRow): boolean {
  return oversees(actor, node, d.regionCode) || d.partyIds.some((org) => actsForOrg(actor, org)) || advises(actor, d.regionCode);
}

/**
 * Raising a dispute: the opening agency the catalog names, the agency the claim names as the one
 * that should open the data [Z §11 ¶2], or the authority acting on the entry's region, which may
 * propose another attribute to the agency [Z §12].
 */
export function canRaiseDispute(actor: Actor, node: NodeConfig, entry: { providerId: string; regionCode: string }, claimedAgencyId: string | null): boolean {
  return actsForOrg(actor, entry.providerId) || (claimedAgencyId !== null && actsForOrg(actor, claimedAgencyId)) || actsOn(actor, node, entry.regionCode);
}

/** The expert committee's opinion is recorded by its members serving the region [Z §5, Z §11-12]. */
export function canRecordOpinion(actor: Actor, d: Pick<DisputeRow, 'regionCode'>): boolean {
  return advises(actor, d.regionCode);
}

/** The authority acting on the region records the decision it reported to the government of its level [Z §11-12]. */
export function canDecideDispute(actor: Actor, node: NodeConfig, d: Pick<DisputeRow, 'regionCode'>): boolean {
  return actsOn(actor, node, d.regionCode);
}

type PlanRow = Pick<OpenDataPlan, 'regionCode' | 'agencyId'>;

/**
 * An annual open plan [J §19] is the agency's own, filed by its staff; the authorities overseeing
 * its region follow plan against delivery (a city authority its districts' agencies on their
 * nodes), and auditors read. Not published: reads are audited.
 */
export function planFilter(actor: Actor, node: NodeConfig): FilterQuery<OpenDataPlan> | null {
  if (isAnonymous(actor)) return null;
  const any: FilterQuery<OpenDataPlan>[] = [{ regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ agencyId: actor.orgId });
  return { $or: any };
}

export function canSeePlan(actor: Actor, node: NodeConfig, p: PlanRow): boolean {
  return actsForOrg(actor, p.agencyId) || oversees(actor, node, p.regionCode);
}

/** Only the agency's own staff file its plan [J §19]. */
export function canFilePlan(actor: Actor, agencyId: string): boolean {
  return actsForOrg(actor, agencyId);
}

type EmergencyRow = Pick<OpenDataEmergency, 'regionCode' | 'providerIds'>;

/**
 * An emergency opening and how it ended [Z §8, Z §32] are seen by those who oversee its region and
 * by the agencies whose data it opened; the public sees the datasets while they are open.
 */
export function emergencyFilter(actor: Actor, node: NodeConfig): FilterQuery<OpenDataEmergency> | null {
  if (isAnonymous(actor)) return null;
  const any: FilterQuery<OpenDataEmergency>[] = [{ regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ providerIds: { $contains: [actor.orgId] } } as FilterQuery<OpenDataEmergency>);
  return { $or: any };
}

export function canSeeEmergency(actor: Actor, node: NodeConfig, e: EmergencyRow): boolean {
  return oversees(actor, node, e.regionCode) || e.providerIds.some((org) => actsForOrg(actor, org));
}

/**
 * The fast path and its end: the authority acting on the region on this node, which otherwise
 * approves the open catalog [B §31]; its order is the one approval [Z §8, Z §32].
 */
export function canHandleEmergency(actor: Actor, node: NodeConfig, regionCode: string): boolean {
  return actsOn(actor, node, regionCode);
}
