import type { FilterQuery } from '@mikro-orm/postgresql';
import { isAnonymous, type Actor } from '../../schema/auth.js';
import type { NodeConfig } from '../../schema/topology.js';
import { actsAsAccount, actsForOrg, actsOn, hasRole, oversees, overseenRegions } from '../kit/rules/access.js';
import type { OpenDataComplaint } from './complaint.entity.js';
import type { OpenDataAgreement, OpenDataApplication } from './application.entity.js';
import type { OpenDataset } from './dataset.entity.js';
import type { OpenDataUser } from './user.entity.js';
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
