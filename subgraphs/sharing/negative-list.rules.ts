import type { EntityManager } from '@mikro-orm/postgresql';
import type { NodeConfig } from '../../schema/topology.js';
import type { AuditChange } from '../../schema/audit-actions.js';
import type { DataResourceChanged } from '../../schema/events.js';
import { negativeListAffected } from '../kit/rules/catalog-events.js';
import { newOwned } from '../kit/server/owned.js';
import { resolvePolicy } from '../kit/rules/policy.js';
import { NegativeListEntry } from './negative-list.entity.js';

/** The lines of the negative list now in force for an entry (at most one, by a unique index). */
export function activeLines(em: EntityManager, resourceId: string): Promise<NegativeListEntry[]> {
  return em.find(NegativeListEntry, { resourceId, removedAt: null }, { orderBy: { seq: 'asc' } });
}

/** Which of `itemNames` the lines list, and the legal basis they give [SHR-3, B §24]. */
export function listedOf(lines: NegativeListEntry[], itemNames: string[]): { items: string[]; basis: string | null } {
  const on = lines.filter((l) => l.itemNames.some((n) => itemNames.includes(n)));
  return { items: itemNames.filter((n) => on.some((l) => l.itemNames.includes(n))), basis: on[0]?.legalBasis ?? null };
}

/** Why a line the catalog keeps cannot be edited on the list itself. */
export const FOLLOWS_CATALOG =
  '该清单条目来自目录条目的“不予共享”属性，须通过目录修订更改 / this line follows the catalog entry being NOT_SHARED: change it through a revision of the entry [B §24]';

/**
 * Under a negative-list profile the catalog's NOT_SHARED attribute and the negative list are one
 * truth [SHR-3, B §24]: a published NOT_SHARED entry has a line with every item and the entry's
 * legal basis (a line the provider wrote becomes that line); when the entry is shared again or
 * retired, the catalog's line leaves the list. Lines providers wrote for some items of a shared
 * entry are theirs to keep. Runs in the consumer's transaction (catalog-events.ts).
 */
export async function syncNegativeList(em: EntityManager, change: DataResourceChanged, node: NodeConfig, regionCode: string): Promise<AuditChange<'sharing'>[]> {
  const entry = change.entry;
  if (!resolvePolicy(node.profiles).negativeList || !negativeListAffected(change) || !entry) return [];
  const [line] = await activeLines(em, change.resourceId);
  const notShared = change.after.status === 'PUBLISHED' && change.after.shareAttribute === 'NOT_SHARED';
  if (notShared && entry.itemNames.length > 0) {
    const fields = {
      source: 'CATALOG' as const,
      providerId: entry.providerId,
      dataName: entry.name,
      itemNames: entry.itemNames,
      legalBasis: entry.legalBasis ?? '（目录条目未登记法律依据）/ (no legal basis in the catalog entry)',
    };
    if (line) {
      em.assign(line, fields);
      return [{ action: 'negativeList.update', entityType: 'NegativeListEntry', entityId: line.id, data: { ...fields, fromCatalog: true } }];
    }
    const created = em.create(NegativeListEntry, { ...newOwned(regionCode), resourceId: change.resourceId, ...fields, removedAt: null, removalReason: null });
    return [{ action: 'negativeList.add', entityType: 'NegativeListEntry', entityId: created.id, data: { ...fields, fromCatalog: true } }];
  }
  if (line?.source === 'CATALOG') {
    const reason =
      change.after.status === 'DEPRECATED'
        ? '目录条目已停用 / the catalog entry was retired'
        : '目录条目改为可共享，清单外数据一律共享 / the catalog entry is shared now: data not on the list is shared [B §24]';
    em.assign(line, { removedAt: new Date(), removalReason: reason });
    return [{ action: 'negativeList.remove', entityType: 'NegativeListEntry', entityId: line.id, data: { reason, fromCatalog: true } }];
  }
  return [];
}
