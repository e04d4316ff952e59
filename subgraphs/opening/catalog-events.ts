import { DATA_RESOURCE_CHANGED, isEventOf } from '../../schema/events.js';
import { openingSuspension } from '../kit/rules/catalog-events.js';
import type { AuditChange } from '../../schema/audit-actions.js';
import type { EventHandler } from '../kit/server/events.js';
import { OpenDataset } from './dataset.entity.js';

/**
 * An OPEN dataset whose catalog entry was retired, made PROHIBITED or graded IMPORTANT/CORE is
 * SUSPENDED at once, with the reason [OPN-6, Z §35, Z §12, Z §9]; it leaves the public open catalog.
 * Datasets already suspended or withdrawn keep their state and reason. Runs in the consumer's
 * transaction with the event's receipt (kit/server/events.ts deliverEvent).
 */
export const handleCatalogEvent: EventHandler<AuditChange<'opening'>> = async (em, event) => {
  if (!isEventOf(event, DATA_RESOURCE_CHANGED)) return [];
  const reason = openingSuspension(event.data);
  if (!reason) return [];
  const now = new Date();
  const datasets = await em.find(OpenDataset, { resourceId: event.entityId, status: 'OPEN' });
  return datasets.map((d): AuditChange<'opening'> => {
    Object.assign(d, { status: 'SUSPENDED', suspendedAt: now, suspensionReason: reason, catalogEventId: event.id, updatedAt: now });
    return { action: 'openDataset.suspend', entityType: 'OpenDataset', entityId: d.id, data: { catalogEventId: event.id, resourceId: event.entityId, reason } };
  });
};
