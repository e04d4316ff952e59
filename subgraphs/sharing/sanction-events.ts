import { isWithin } from '../../schema/regions.js';
import type { AuditChange } from '../../schema/audit-actions.js';
import { isEventOf, SHARE_SANCTION_CHANGED, type OutboxEvent, type SanctionFacts } from '../../schema/events.js';
import type { EventHandler } from '../kit/server/events.js';
import { SanctionReplica } from './sanction-replica.entity.js';
import type { ShareSanction } from './sanction.entity.js';

/**
 * The event for a sanction imposed or lifted, written in the same transaction: it travels to the
 * nodes below, whose data the sanction may cover [B §49] — the city authority's sanction of an
 * agency stops that agency's grants on a district platform's data as well.
 */
export function sanctionChanged(s: ShareSanction): OutboxEvent {
  const data: SanctionFacts = {
    id: s.id,
    regionCode: s.regionCode,
    organizationId: s.organizationId,
    violation: s.violation,
    rectificationDemand: s.rectificationDemand,
    deadline: s.deadline,
    liftedAt: s.liftedAt?.toISOString() ?? null,
  };
  return { type: SHARE_SANCTION_CHANGED, entityId: s.id, regionCode: s.regionCode, data: { ...data } };
}

/**
 * On a node below the one that imposed it: keeps the sanction if it covers any region of this node,
 * replacing an older state of it (events of one origin arrive in order; the event id guards a
 * re-delivery after a newer state).
 */
export const handleSanctionEvent: EventHandler<AuditChange<'sharing'>> = async (em, event, { node, source }) => {
  if (!isEventOf(event, SHARE_SANCTION_CHANGED)) return [];
  const s = event.data;
  if (!node.regions.some((r) => isWithin(r, s.regionCode))) return [];
  const existing = await em.findOne(SanctionReplica, { id: s.id });
  if (existing && BigInt(existing.eventId) >= BigInt(event.id)) return [];
  const row = {
    originNode: source.id,
    regionCode: s.regionCode,
    organizationId: s.organizationId,
    violation: s.violation,
    rectificationDemand: s.rectificationDemand,
    deadline: s.deadline,
    liftedAt: s.liftedAt ? new Date(s.liftedAt) : null,
    eventId: event.id,
  };
  if (existing) em.assign(existing, row);
  else em.create(SanctionReplica, { id: s.id, ...row });
  const audit: AuditChange<'sharing'> = {
    action: 'shareSanction.replicate',
    entityType: 'ShareSanction',
    entityId: s.id,
    data: { originNode: source.id, organizationId: s.organizationId, regionCode: s.regionCode, lifted: s.liftedAt !== null },
  };
  return [audit];
};
