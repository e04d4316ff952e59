import { DATA_RESOURCE_CHANGED, isEventOf } from '../../schema/events.js';
import type { AuditChange } from '../../schema/audit-actions.js';
import { operationSuspension } from '../kit/rules/catalog-events.js';
import type { EventHandler } from '../kit/server/events.js';
import { DataProduct } from './product.entity.js';

/**
 * A data product follows its sources [OPR-5, D §21]: when an entry it is built on is retired, made
 * PROHIBITED or NOT_SHARED, or graded higher, every product built on it that is released or under
 * review is SUSPENDED at once with the reason and the event. Products live on their operator's
 * node and entries on their provider's, so the operation subgraph reads the catalog's outbox on
 * its own node and on the nodes below it (index.ts). Runs in the consumer's transaction with the
 * event's receipt (kit/server/events.ts deliverEvent).
 */
export const handleCatalogEvent: EventHandler<AuditChange<'operation'>> = async (em, event) => {
  if (!isEventOf(event, DATA_RESOURCE_CHANGED)) return [];
  const reason = operationSuspension(event.data);
  if (!reason) return [];
  const now = new Date();
  const audits: AuditChange<'operation'>[] = [];
  const products = await em.find(DataProduct, { resourceIds: { $contains: [event.entityId] }, status: { $in: ['UNDER_REVIEW', 'RELEASED'] } } as never);
  for (const p of products) {
    Object.assign(p, { status: 'SUSPENDED', statusReason: reason, catalogEventId: event.id, updatedAt: now });
    audits.push({ action: 'dataProduct.suspend', entityType: 'DataProduct', entityId: p.id, data: { catalogEventId: event.id, resourceId: event.entityId, reason } });
  }
  return audits;
};
