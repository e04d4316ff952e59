import type { FilterQuery } from '@mikro-orm/postgresql';
import { isAnonymous, type Actor } from '../../schema/auth.js';
import type { NodeConfig } from '../../schema/topology.js';
import { isWithin } from '../../schema/regions.js';
import { actsAsAccount, actsForOrg, actsOn, hasRole, oversees, overseenRegions, overseesOrg, regionsWhere } from '../kit/rules/access.js';
import type { OpenDataComplaint } from './complaint.entity.js';
import type { OpenDataAgreement, OpenDataApplication } from './application.entity.js';
import type { OpenDataset } from './dataset.entity.js';
import type { OpenDataDemand } from './demand.entity.js';
import type { OpenDataOpinion } from './opinion.entity.js';
import type { OpenDataUser } from './user.entity.js';
import type { OpenDataDispute } from './dispute.entity.js';
import type { OpenDataEmergency } from './emergency.entity.js';
import type { OpenDataPlan } from './plan.entity.js';
import type { OpenDataUse } from './use.entity.js';
import type { OpenDataCreditRecord } from './sanction.entity.js';

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

type OpinionRow = Pick<OpenDataOpinion, 'providerId' | 'regionCode' | 'filerAccount'>;

/**
 * An opinion on an open dataset [Z §21] is seen by the opening agency that must answer it, those
 * who oversee its region (the authority follows overdue ones), and the registered user who filed
 * it; an anonymous filer sees its own through the receipt token (opinion.resolver.ts), never in a
 * list. Reads are audited.
 */
export function opinionFilter(actor: Actor, node: NodeConfig): FilterQuery<OpenDataOpinion> {
  const any: FilterQuery<OpenDataOpinion>[] = [{ regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ providerId: actor.orgId });
  if (actor.account) any.push({ filerAccount: actor.account });
  return { $or: any };
}

export function canSeeOpinion(actor: Actor, node: NodeConfig, o: OpinionRow): boolean {
  return actsForOrg(actor, o.providerId) || oversees(actor, node, o.regionCode) || (o.filerAccount !== null && actsAsAccount(actor, o.filerAccount));
}

/** Anyone may give an opinion on data opened to the public, the anonymous public too [Z §21]. */
export function canFileOpinion(actor: Actor, node: NodeConfig, d: DatasetRow): boolean {
  return canSeeDataset(actor, node, d);
}

/**
 * Answering: the opening agency, which Z §21 charges with it, or the authority acting on the
 * dataset's region on this node, which answers for the open catalog [B §31]. A supervising
 * authority and auditors only read.
 */
export function canAnswerOpinion(actor: Actor, node: NodeConfig, o: Pick<OpinionRow, 'providerId' | 'regionCode'>): boolean {
  return actsForOrg(actor, o.providerId) || actsOn(actor, node, o.regionCode);
}

type DemandRow = Pick<OpenDataDemand, 'providerId' | 'regionCode' | 'requesterAccount'>;

/**
 * A demand for data not yet open [Z §22] is seen by the agency it is addressed (or routed) to,
 * those who oversee its region, and the registered user who filed it; an anonymous requester sees
 * its own through the receipt token (demand.resolver.ts). Reads are audited.
 */
export function demandFilter(actor: Actor, node: NodeConfig): FilterQuery<OpenDataDemand> {
  const any: FilterQuery<OpenDataDemand>[] = [{ regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ providerId: actor.orgId });
  if (actor.account) any.push({ requesterAccount: actor.account });
  return { $or: any };
}

export function canSeeDemand(actor: Actor, node: NodeConfig, d: DemandRow): boolean {
  return (
    (d.providerId !== null && actsForOrg(actor, d.providerId)) || oversees(actor, node, d.regionCode) || (d.requesterAccount !== null && actsAsAccount(actor, d.requesterAccount))
  );
}

/**
 * Assessing and answering: the agency addressed, which Z §22 charges with it, or the authority
 * acting on the demand's region on this node (which approves what enters the open catalog
 * [Z §13, B §31]). A supervising authority and auditors only read.
 */
export function canAnswerDemand(actor: Actor, node: NodeConfig, d: Pick<DemandRow, 'providerId' | 'regionCode'>): boolean {
  return (d.providerId !== null && actsForOrg(actor, d.providerId)) || actsOn(actor, node, d.regionCode);
}

/** Naming the agency for a demand addressed to a region: the authority acting on that region, on this node [Z §4, B §6]. */
export function canRouteDemand(actor: Actor, node: NodeConfig, d: Pick<DemandRow, 'regionCode'>): boolean {
  return actsOn(actor, node, d.regionCode);
}

type UserRow = Pick<OpenDataUser, 'id' | 'regionCode'>;

/**
 * A public data user's record [B §3, Z §16] is read by the user itself (its token's account) and
 * by those who oversee its region: its authorities and auditors. Never by other users or agencies.
 */
export function canSeeUser(actor: Actor, node: NodeConfig, u: UserRow): boolean {
  return actsAsAccount(actor, u.id) || oversees(actor, node, u.regionCode);
}

/** A registered public data user acting as itself: the only caller who applies for restricted data [Z §16]. */
export function isPublicDataUser(actor: Actor): boolean {
  return hasRole(actor, 'USER') && actor.account != null;
}

type ApplicationRow = Pick<OpenDataApplication, 'providerId' | 'regionCode' | 'applicantAccount'>;

/**
 * An application for restricted data [Z §16] is seen by its applicant, the opening agency that
 * decides it, and those who oversee the dataset's region; never by other users. Reads are audited.
 */
export function applicationFilter(actor: Actor, node: NodeConfig): FilterQuery<OpenDataApplication> | null {
  if (isAnonymous(actor)) return null;
  const any: FilterQuery<OpenDataApplication>[] = [{ regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ providerId: actor.orgId });
  if (actor.account) any.push({ applicantAccount: actor.account });
  return { $or: any };
}

export function canSeeApplication(actor: Actor, node: NodeConfig, a: ApplicationRow): boolean {
  return actsForOrg(actor, a.providerId) || oversees(actor, node, a.regionCode) || actsAsAccount(actor, a.applicantAccount);
}

/** The opening agency decides [Z §16-17]: its staff, not the authority, which receives the filing. */
export function canDecideApplication(actor: Actor, a: Pick<ApplicationRow, 'providerId'>): boolean {
  return actsForOrg(actor, a.providerId);
}

/** Only the applicant withdraws its application. */
export function canWithdrawApplication(actor: Actor, a: Pick<ApplicationRow, 'applicantAccount'>): boolean {
  return actsAsAccount(actor, a.applicantAccount);
}

type AgreementRow = Pick<OpenDataAgreement, 'providerId' | 'regionCode' | 'holderAccount'>;

/** An agreement [Z §17] is seen by its holder, the opening agency and those who oversee the dataset's region. */
export function agreementFilter(actor: Actor, node: NodeConfig): FilterQuery<OpenDataAgreement> | null {
  if (isAnonymous(actor)) return null;
  const any: FilterQuery<OpenDataAgreement>[] = [{ regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ providerId: actor.orgId });
  if (actor.account) any.push({ holderAccount: actor.account });
  return { $or: any };
}

export function canSeeAgreement(actor: Actor, node: NodeConfig, g: AgreementRow): boolean {
  return actsForOrg(actor, g.providerId) || oversees(actor, node, g.regionCode) || actsAsAccount(actor, g.holderAccount);
}

/**
 * The filing of an agreement goes to the data authority of the dataset's region (同级公共数据主管部门)
 * [Z §17 ¶2]: the authority acting on that region on this node acknowledges it.
 */
export function canAcknowledgeFiling(actor: Actor, node: NodeConfig, g: Pick<AgreementRow, 'regionCode'>): boolean {
  return actsOn(actor, node, g.regionCode);
}

type HolderRow = Pick<OpenDataAgreement, 'storedStatus' | 'termStart' | 'termEnd'>;

/**
 * Who holds restricted data is public [Z §16]: every agreement in force on `today`, to everyone,
 * the anonymous public included; what of it is shown is the holder view (application.entity.ts).
 */
export function holderFilter(today: string): FilterQuery<OpenDataAgreement> {
  return { storedStatus: 'ACTIVE', termStart: { $lte: today }, termEnd: { $gte: today } };
}

export function isPublicHolder(g: HolderRow, today: string): boolean {
  return g.storedStatus === 'ACTIVE' && g.termStart <= today && today <= g.termEnd;
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

type UseRow = Pick<OpenDataUse, 'providerId' | 'regionCode' | 'holderAccount'>;

/**
 * A use record [Z §28, Z §34 (四)] is seen as its agreement is: by the opening agency that tracks
 * the use, those who oversee the dataset's region (its authorities, auditors), and the holder for
 * its own uses; never by other users or agencies. Reads are audited.
 */
export function dataUseFilter(actor: Actor, node: NodeConfig): FilterQuery<OpenDataUse> | null {
  if (isAnonymous(actor)) return null;
  const any: FilterQuery<OpenDataUse>[] = [{ regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ providerId: actor.orgId });
  if (actor.account) any.push({ holderAccount: actor.account });
  return { $or: any };
}

export function canSeeDataUse(actor: Actor, node: NodeConfig, u: UseRow): boolean {
  return actsForOrg(actor, u.providerId) || oversees(actor, node, u.regionCode) || actsAsAccount(actor, u.holderAccount);
}

/**
 * Use records are written by the data plane alone, the platform's own service serving the rows
 * (an internal route signed as SYSTEM), never by a client: what it records is what it served [Z §34 (四)].
 */
export function isDataPlane(actor: Actor): boolean {
  return hasRole(actor, 'SYSTEM');
}

/**
 * How much a dataset's restricted data is used, per method [Z §28]: the opening agency that tracks
 * it and those who oversee the dataset's region; not the public, whose catalog shows the holders
 * [Z §16], not what they do.
 */
export function canSeeUseCounts(actor: Actor, node: NodeConfig, d: Pick<DatasetRow, 'providerId' | 'regionCode'>): boolean {
  return actsForOrg(actor, d.providerId) || oversees(actor, node, d.regionCode);
}

/**
 * Suspending, restoring and terminating a user's access [Z §39]: the opening agency (开放主体),
 * which Z §39 charges with it, or the authority acting on the dataset's region on this node, which
 * directs and supervises opening and carries out the opening work of its level [Z §4]. A
 * supervising authority and auditors only read.
 */
export function canSanctionAgreement(actor: Actor, node: NodeConfig, g: Pick<AgreementRow, 'providerId' | 'regionCode'>): boolean {
  return actsForOrg(actor, g.providerId) || actsOn(actor, node, g.regionCode);
}

type CreditRow = Pick<OpenDataCreditRecord, 'regionCode' | 'holderRegion' | 'holderAccount'>;

/**
 * A user's credit file [Z §39] is read by the user itself and by the authorities and auditors who
 * oversee the region of the sanctioned agreement or the region the user registered in; never by
 * other users, and never by agencies, the sanctioning one included (it keeps the agreement, with its
 * suspension). Reads are audited.
 */
export function creditFilter(actor: Actor, node: NodeConfig): FilterQuery<OpenDataCreditRecord> | null {
  if (isAnonymous(actor)) return null;
  const regions = overseenRegions(actor, node);
  const any: FilterQuery<OpenDataCreditRecord>[] = [{ regionCode: { $in: regions } }, { holderRegion: { $in: regions } }];
  if (actor.account) any.push({ holderAccount: actor.account });
  return { $or: any };
}

export function canSeeCreditRecord(actor: Actor, node: NodeConfig, c: CreditRow): boolean {
  return oversees(actor, node, c.regionCode) || oversees(actor, node, c.holderRegion) || actsAsAccount(actor, c.holderAccount);
}

/**
 * An agency's opening evaluation [Z §38] is read by the agency itself and by those who oversee
 * its region (its authorities, those above, auditors), as the sharing and catalog evaluations are.
 */
export function canSeeOpeningEvaluation(actor: Actor, orgId: string): boolean {
  return actsForOrg(actor, orgId) || overseesOrg(actor, orgId);
}
