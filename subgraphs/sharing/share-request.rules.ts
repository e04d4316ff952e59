import type { Actor } from '../../schema/auth.js';
import { hasRole } from '../kit/access.js';
import type { NodeConfig } from '../../schema/topology.js';
import { isCalendarDate, todayInChina } from '../kit/calendar.js';
import { badInput } from '../kit/errors.js';
import { resolvePolicy } from '../kit/policy.js';
import type { ShareDecisionRule, ShareDeliveryMode } from './enums.js';
import type { ShareRequest } from './share-request.entity.js';


export function validateEndDate(endDate: string, field: string): void {
  if (!isCalendarDate(endDate)) throw badInput(`截止日期 "${endDate}" 不是有效日期，格式为 YYYY-MM-DD / endDate "${endDate}" is not a valid date: use YYYY-MM-DD, e.g. 2027-12-31`, field);
  const today = todayInChina();
  if (endDate <= today) throw badInput(`截止日期须晚于今天 (${today}) / endDate must be after today (${today})`, field);
}

/**
 * Bulk copy needs the authority's approval where the policy says so, and offline sharing always
 * needs its consent [SHR-6, L §17, J §17]: such requests are never granted automatically and the
 * provider alone cannot decide them.
 */
export function needsAuthorityApproval(mode: ShareDeliveryMode, node: NodeConfig): boolean {
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
export function requestRule(shareAttribute: string, securityGrade: string, mode: ShareDeliveryMode, node: NodeConfig): ShareDecisionRule {
  if (securityGrade === 'CORE' || securityGrade === 'IMPORTANT') return 'GRADE_REQUIRES_AUTHORITY';
  if (needsAuthorityApproval(mode, node)) return 'MODE_REQUIRES_AUTHORITY';
  return shareAttribute === 'UNCONDITIONAL' ? 'UNCONDITIONAL_AUTO_GRANT' : 'CONDITIONAL_PROVIDER_DECISION';
}

/** Rules under which the provider alone may not decide. */
export const AUTHORITY_RULES: readonly ShareDecisionRule[] = ['GRADE_REQUIRES_AUTHORITY', 'MODE_REQUIRES_AUTHORITY'];

/**
 * The rule a decision is taken under: an authority-only rule stays as it is; a CONDITIONAL request
 * decided by the authority rather than the provider is the authority's coordination [B §27, B §29].
 */
export function decisionRuleOf(actor: Actor, r: ShareRequest): ShareDecisionRule {
  if (AUTHORITY_RULES.includes(r.decisionRule)) return r.decisionRule;
  return hasRole(actor, 'AGENCY') && actor.orgId === r.providerId ? 'CONDITIONAL_PROVIDER_DECISION' : 'AUTHORITY_COORDINATION';
}

/** A granted request is a grant only until its end date: it lapses by itself [SHR-5, B §26]. */
export function isActiveGrant(r: ShareRequest, today = todayInChina()): boolean {
  return r.status === 'GRANTED' && r.endDate >= today;
}
