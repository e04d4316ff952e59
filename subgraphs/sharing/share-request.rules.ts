import type { Actor } from '../../schema/auth.js';
import { hasRole } from '../kit/rules/access.js';
import type { NodeConfig } from '../../schema/topology.js';
import { isCalendarDate, todayInChina } from '../kit/rules/calendar.js';
import { badInput } from '../kit/server/errors.js';
import { resolvePolicy } from '../kit/rules/policy.js';
import { isWithin } from '../../schema/regions.js';
import type { ShareMode } from '../../schema/enums.js';
import type { GrantState, ShareDecisionRule } from './enums.js';
import type { ShareRequest } from './share-request.entity.js';
import type { CatalogResource } from './catalog-reads.js';
import type { ShareSanction } from './sanction.entity.js';

export function validateEndDate(endDate: string, field: string): void {
  if (!isCalendarDate(endDate))
    throw badInput(`截止日期 "${endDate}" 不是有效日期，格式为 YYYY-MM-DD / endDate "${endDate}" is not a valid date: use YYYY-MM-DD, e.g. 2027-12-31`, field);
  const today = todayInChina();
  if (endDate <= today) throw badInput(`截止日期须晚于今天 (${today}) / endDate must be after today (${today})`, field);
}

/**
 * Bulk copy needs the authority's approval where the policy says so, and offline sharing always
 * needs its consent [SHR-6, L §17, J §17]: such requests are never granted automatically and the
 * provider alone cannot decide them.
 */
export function needsAuthorityApproval(mode: ShareMode, node: NodeConfig): boolean {
  if (mode === 'OFFLINE') return true;
  return mode === 'BULK_COPY' && resolvePolicy(node.profiles).bulkCopyNeedsApproval;
}

/**
 * The rule that governs a new request, most demanding first. CORE and IMPORTANT data is never
 * granted without the data authority, whatever its share attribute [J §7, B §10, Z §9]; bulk copy
 * and offline sharing need it too [SHR-6, L §17]; CONDITIONAL data waits for its provider and only
 * UNCONDITIONAL data of any other grade is granted at once [SHR-2, B §27, J §17]. NOT_SHARED never
 * gets here: it is refused before anything is written.
 */
export function requestRule(shareAttribute: string, securityGrade: string, mode: ShareMode, node: NodeConfig): ShareDecisionRule {
  if (securityGrade === 'CORE' || securityGrade === 'IMPORTANT') return 'GRADE_REQUIRES_AUTHORITY';
  if (needsAuthorityApproval(mode, node)) return 'MODE_REQUIRES_AUTHORITY';
  return shareAttribute === 'UNCONDITIONAL' ? 'UNCONDITIONAL_AUTO_GRANT' : 'CONDITIONAL_PROVIDER_DECISION';
}

/** Rules under which the provider alone may not decide. */
export const AUTHORITY_RULES: readonly ShareDecisionRule[] = ['GRADE_REQUIRES_AUTHORITY', 'MODE_REQUIRES_AUTHORITY', 'NOT_SHARED_COORDINATION'];

/** Rules of a provider's own decision: the ones its approval rate counts, and whose rejections of unlisted data are violations [SHR-3, SHR-11]. */
export const PROVIDER_RULES: readonly ShareDecisionRule[] = ['CONDITIONAL_PROVIDER_DECISION', 'NEGATIVE_LIST_PROVIDER_DECISION'];

/**
 * The rule a decision is taken under: an authority-only rule stays as it is; the provider decides
 * under its own rule (CONDITIONAL data, or items on its negative list); a request decided by the
 * authority rather than the provider is the authority's coordination [B §27], and on a platform
 * where that authority only supervises, its cross-level coordination [B §29].
 */
export function decisionRuleOf(actor: Actor, r: ShareRequest, actsHere: boolean): ShareDecisionRule {
  if (AUTHORITY_RULES.includes(r.decisionRule)) return r.decisionRule;
  if (hasRole(actor, 'AGENCY') && actor.orgId === r.providerId) return r.decisionRule === 'NEGATIVE_LIST_PROVIDER_DECISION' ? r.decisionRule : 'CONDITIONAL_PROVIDER_DECISION';
  return actsHere ? 'AUTHORITY_COORDINATION' : 'CROSS_REGION_COORDINATION';
}

/**
 * The modes an entry offers [SHR-6, J §17, L §17, B §27]: the mode it is cataloged with; an entry
 * offered for bulk copy also answers API calls (the lesser mode); and offline sharing is the
 * fallback for any entry when online sharing is impossible for the requester, with the
 * authority's consent. An entry cataloged OFFLINE cannot be reached online at all.
 */
export function offeredModes(entryMode: CatalogResource['shareMode']): ShareMode[] {
  if (entryMode === 'OFFLINE') return ['OFFLINE'];
  return entryMode === 'BULK_COPY' ? ['API', 'BULK_COPY', 'OFFLINE'] : ['API', 'OFFLINE'];
}

/** Above this many items, every item requested needs its own justification [B §26, B §28]. */
export const MAX_UNJUSTIFIED_ITEMS = 10;

/**
 * 最小必要 [B §26 最小够用, B §28, J §17]: what a scenario needs is not something the platform can
 * know, so the requester states it where over-asking costs most: every item that is personal
 * information or an identifier (it links records to people and organizations), and every item of
 * a request for more than MAX_UNJUSTIFIED_ITEMS items (a request for "everything" must say why
 * each part is needed). The provider reads the justifications when it approves or narrows.
 */
export function itemsNeedingJustification(itemNames: string[], resource: Pick<CatalogResource, 'items'>): string[] {
  if (itemNames.length > MAX_UNJUSTIFIED_ITEMS) return itemNames;
  const sensitive = new Set(resource.items.filter((i) => i.personalInfo || i.identifier).map((i) => i.name));
  return itemNames.filter((n) => sensitive.has(n));
}

/** A granted request is a grant only until its end date: it lapses by itself [SHR-5, B §26]. */
export function isActiveGrant(r: ShareRequest, today = todayInChina()): boolean {
  return r.status === 'GRANTED' && r.endDate >= today;
}

/** A sanction not lifted is TERMINATED once its deadline passed without rectification [B §49]. */
export function sanctionStatus(s: Pick<ShareSanction, 'liftedAt' | 'deadline'>, today = todayInChina()): 'IN_FORCE' | 'TERMINATED' | 'LIFTED' {
  if (s.liftedAt) return 'LIFTED';
  return s.deadline < today ? 'TERMINATED' : 'IN_FORCE';
}

/** What a grant check reads of a sanction, whether imposed on this node or replicated from a node above. */
export type SanctionOnGrants = Pick<ShareSanction, 'id' | 'regionCode' | 'organizationId' | 'deadline' | 'liftedAt' | 'rectificationDemand'>;

/** The sanctions, among those of the grant's holder, that cover the grant's region and are not lifted. */
export function bindingSanction(r: Pick<ShareRequest, 'regionCode'>, sanctions: SanctionOnGrants[], today = todayInChina()): SanctionOnGrants | null {
  const binding = sanctions.filter((s) => !s.liftedAt && isWithin(r.regionCode, s.regionCode));
  return binding.find((s) => sanctionStatus(s, today) === 'TERMINATED') ?? binding[0] ?? null;
}

/** Where a grant stands today; null for a request that never was a grant [SHR-5, SHR-10]. */
export function grantState(r: ShareRequest, sanctions: SanctionOnGrants[], today = todayInChina()): GrantState | null {
  if (r.status === 'PENDING' || r.status === 'REJECTED') return null;
  if (r.status === 'REVOKED') return 'REVOKED';
  const sanction = bindingSanction(r, sanctions, today);
  if (sanction) return sanctionStatus(sanction, today) === 'TERMINATED' ? 'TERMINATED' : 'SANCTIONED';
  if (r.status === 'SUSPENDED') return 'SUSPENDED';
  return r.endDate < today ? 'EXPIRED' : 'ACTIVE';
}
