import { DATA_RESOURCE_CHANGED, isEventOf } from '../../schema/events.js';
import { openingFactsChanged, openingItemsChange, openingRestriction, openingSuspension } from '../kit/rules/catalog-events.js';
import type { AuditChange } from '../../schema/audit-actions.js';
import type { EventHandler } from '../kit/server/events.js';
import { OpenDataset } from './dataset.entity.js';
import { withoutDownload } from './dataset.rules.js';

/**
 * A dataset follows its catalog entry [Z §10, B §31]. An OPEN dataset whose entry was retired, made
 * PROHIBITED, graded IMPORTANT/CORE or given other items is SUSPENDED at once, with the reason
 * [OPN-6, Z §35, Z §12, Z §9]. Whatever its state, a dataset whose entry became RESTRICTED loses
 * DOWNLOAD and is no longer free [Z §20, Z §27] (an OPEN one left with no method is suspended), so
 * a later reopening starts from the restricted offer; and it carries the entry's open attribute,
 * format and update frequency as approved. Runs in the consumer's transaction with the event's
 * receipt (kit/server/events.ts deliverEvent).
 */
export const handleCatalogEvent: EventHandler<AuditChange<'opening'>> = async (em, event) => {
  if (!isEventOf(event, DATA_RESOURCE_CHANGED)) return [];
  const change = event.data;
  const suspension = openingSuspension(change) ?? openingItemsChange(change);
  const restriction = openingRestriction(change);
  const follows = openingFactsChanged(change);
  if (!suspension && !restriction && !follows) return [];
  const now = new Date();
  const cause = { catalogEventId: event.id, resourceId: event.entityId };
  const suspend = (d: OpenDataset, reason: string): AuditChange<'opening'> => {
    Object.assign(d, { status: 'SUSPENDED', suspendedAt: now, suspensionReason: reason, catalogEventId: event.id, updatedAt: now });
    return { action: 'openDataset.suspend', entityType: 'OpenDataset', entityId: d.id, data: { ...cause, reason } };
  };
  const audits: AuditChange<'opening'>[] = [];
  for (const d of await em.find(OpenDataset, { resourceId: event.entityId })) {
    if (follows || restriction) {
      const { openAttribute } = change.after;
      if (openAttribute === 'UNCONDITIONAL' || openAttribute === 'RESTRICTED') d.openAttribute = openAttribute;
      if (change.entry?.format) d.format = change.entry.format;
      if (change.entry?.updateFrequency) d.updateFrequency = change.entry.updateFrequency;
      d.updatedAt = now;
      audits.push({
        action: 'openDataset.follow',
        entityType: 'OpenDataset',
        entityId: d.id,
        data: { ...cause, openAttribute: change.after.openAttribute, format: d.format, updateFrequency: d.updateFrequency },
      });
    }
    if (restriction) {
      d.accessMethods = withoutDownload(d.accessMethods);
      const leftEmpty = d.accessMethods.length === 0 && d.status === 'OPEN';
      audits.push({
        action: 'openDataset.restrict',
        entityType: 'OpenDataset',
        entityId: d.id,
        data: { ...cause, reason: restriction, accessMethods: d.accessMethods, suspended: leftEmpty },
      });
      if (leftEmpty) audits.push(suspend(d, restriction));
    }
    // A dataset a complaint suspended is now held by its entry too, so no complaint decision reopens it.
    if (suspension && (d.status === 'OPEN' || (d.status === 'SUSPENDED' && !d.catalogEventId))) audits.push(suspend(d, suspension));
  }
  return audits;
};
