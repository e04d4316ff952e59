import { DATA_RESOURCE_CHANGED, isEventOf } from '../../schema/events.js';
import { needsAuthorityNow, sharingRefusal, sharingSuspension } from '../kit/rules/catalog-events.js';
import type { AuditChange } from '../../schema/audit-actions.js';
import type { EventHandler } from '../kit/server/events.js';
import { ShareRequest } from './share-request.entity.js';
import { syncNegativeList } from './negative-list.rules.js';

/**
 * What a change of a catalog entry does to its negative-list line (negative-list.rules.ts) and to
 * its share requests [SHR-5, SHR-10, B §26, B §49]:
 * - retired or made NOT_SHARED: GRANTED requests are SUSPENDED, PENDING ones are rejected by the
 *   system (they could never be granted any more, and the requester learns it at once);
 * - graded IMPORTANT or CORE: GRANTED requests are SUSPENDED until the authority approves again,
 *   PENDING ones stay pending but only the data authority may decide them now [J §7, B §10].
 * Runs in the consumer's transaction with the event's receipt (kit/server/events.ts deliverEvent).
 */
export const handleCatalogEvent: EventHandler<AuditChange<'sharing'>> = async (em, event, { node }) => {
  if (!isEventOf(event, DATA_RESOURCE_CHANGED)) return [];
  const change = event.data;
  const listed = await syncNegativeList(em, change, node, event.regionCode);
  const suspension = sharingSuspension(change);
  const refusal = sharingRefusal(change);
  const escalate = needsAuthorityNow(change);
  const now = new Date();
  const audits: AuditChange<'sharing'>[] = [];
  const requests = await em.find(ShareRequest, { resourceId: event.entityId, status: { $in: ['GRANTED', 'PENDING'] } }, { orderBy: { seq: 'asc' } });
  const cause = { catalogEventId: event.id, resourceId: event.entityId };
  for (const r of requests) {
    if (r.status === 'GRANTED' && suspension) {
      Object.assign(r, { status: 'SUSPENDED', suspendedAt: now, suspendedBy: 'SYSTEM', suspendedAs: 'SYSTEM', suspensionReason: suspension, catalogEventId: event.id });
      audits.push({ action: 'shareRequest.suspend', entityType: 'ShareRequest', entityId: r.id, data: { ...cause, reason: suspension } });
    } else if (r.status === 'PENDING' && refusal) {
      Object.assign(r, { status: 'REJECTED', decisionReason: refusal, decidedAt: now, decidedBy: 'SYSTEM', catalogEventId: event.id });
      audits.push({ action: 'shareRequest.reject', entityType: 'ShareRequest', entityId: r.id, data: { ...cause, reason: refusal } });
    } else if (r.status === 'PENDING' && escalate && !r.authorityApprovalRequired) {
      // The grade the request is now judged by, and the rule that decides it [J §7, B §10, Z §9].
      Object.assign(r, { authorityApprovalRequired: true, securityGrade: change.after.securityGrade, decisionRule: 'GRADE_REQUIRES_AUTHORITY', catalogEventId: event.id });
      audits.push({ action: 'shareRequest.escalate', entityType: 'ShareRequest', entityId: r.id, data: { ...cause, securityGrade: change.after.securityGrade } });
    }
  }
  return [...listed, ...audits];
};
