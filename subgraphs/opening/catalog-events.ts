import type { EntityManager } from '@mikro-orm/postgresql';
import { DATA_OBJECTION_FILED, DATA_RESOURCE_CHANGED, isEventOf, type DataObjectionFiled, type DeliveredEvent } from '../../schema/events.js';
import { objectionIsComplaint, openingFactsChanged, openingItemsChange, openingRestriction, openingSuspension } from '../kit/rules/catalog-events.js';
import type { AuditChange } from '../../schema/audit-actions.js';
import type { EventHandler } from '../kit/server/events.js';
import { newOwned } from '../kit/server/owned.js';
import { OpenDataComplaint } from './complaint.entity.js';
import { complaintFromObjection } from './complaint.rules.js';
import { OpenDataset } from './dataset.entity.js';
import { withoutDownload } from './dataset.rules.js';
import { OPEN_COMPLAINT_INFRINGEMENTS } from './enums.js';

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
  if (isEventOf(event, DATA_OBJECTION_FILED)) return objectionFiled(em, event, event.data);
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

/**
 * A data subject's INFRINGING objection to an entry in the catalog [B §11] is, where the entry is
 * open, a complaint under Z §35: an OPEN dataset is suspended at once and the complaint recorded
 * with the objection it came from, for the opening agency to verify and decide as any other. A
 * dataset already suspended records it too, so it does not reopen before this one is decided. No
 * receipt token: the objector follows its objection in the catalog. A second delivery of the event
 * finds the receipt (kit/server/events.ts); the objection's unique column guards the rest.
 */
async function objectionFiled(em: EntityManager, event: DeliveredEvent, o: DataObjectionFiled): Promise<AuditChange<'opening'>[]> {
  // What this version knows of what is infringed; an objection naming nothing it knows is no complaint here.
  const infringes = OPEN_COMPLAINT_INFRINGEMENTS.filter((v) => o.infringes.includes(v));
  if (!objectionIsComplaint(o) || infringes.length === 0) return [];
  const d = await em.findOne(OpenDataset, { resourceId: o.resourceId });
  if (!d || (d.status !== 'OPEN' && d.status !== 'SUSPENDED')) return [];
  if (await em.count(OpenDataComplaint, { objectionId: o.objectionId })) return [];
  const owned = newOwned(d.regionCode);
  const now = owned.createdAt;
  const cause = { catalogEventId: event.id, resourceId: o.resourceId };
  const { complaint, suspension } = complaintFromObjection(o.objectionId, d.status === 'OPEN', now);
  const c = em.create(OpenDataComplaint, {
    ...owned,
    datasetId: d.id,
    providerId: d.providerId,
    infringes,
    ...complaint,
    updatedAt: now,
  });
  const audits: AuditChange<'opening'>[] = [
    {
      action: 'openDataComplaint.file',
      entityType: 'OpenDataComplaint',
      entityId: c.id,
      data: { ...cause, datasetId: d.id, infringes, source: 'CATALOG_OBJECTION', objectionId: o.objectionId },
    },
  ];
  if (suspension) {
    // Held by the complaint, not by the entry: deciding the complaint reopens it (catalogEventId stays null).
    Object.assign(d, { status: 'SUSPENDED', suspendedAt: now, suspensionReason: suspension, catalogEventId: null, updatedAt: now });
    audits.push({ action: 'openDataset.suspend', entityType: 'OpenDataset', entityId: d.id, data: { ...cause, reason: suspension } });
  }
  return audits;
}
