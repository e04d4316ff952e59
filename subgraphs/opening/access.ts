import type { FilterQuery } from '@mikro-orm/postgresql';
import { isAnonymous, type Actor } from '../../schema/auth.js';
import type { NodeConfig } from '../../schema/topology.js';
import { actsForOrg, actsOn, hasRole, oversees, overseenRegions } from '../kit/rules/access.js';
import type { OpenDataset } from './dataset.entity.js';

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
