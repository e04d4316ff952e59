import type { NodeConfig } from '../../schema/topology.js';
import { isCalendarDate, todayInChina } from '../kit/calendar.js';
import { badInput } from '../kit/errors.js';
import { resolvePolicy } from '../kit/policy.js';
import type { ShareDeliveryMode } from './enums.js';
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

/** A granted request is a grant only until its end date: it lapses by itself [SHR-5, B §26]. */
export function isActiveGrant(r: ShareRequest, today = todayInChina()): boolean {
  return r.status === 'GRANTED' && r.endDate >= today;
}
