import type { SecurityGrade } from '../../../schema/enums.js';
import {
  DATA_OBJECTION_FILED,
  DATA_RESOURCE_CHANGED,
  type DataObjectionFiled,
  type DataResourceChanged,
  type EntryDetails,
  type EntryFacts,
  type OutboxEvent,
} from '../../../schema/events.js';

/**
 * What the catalog's events mean downstream, written once: the catalog decides whether a change is
 * worth an event, sharing, opening (and later operation) read the same rules to decide what to
 * suspend. The events' shapes are the contract in schema/events.ts.
 */

const GRADE_RANK: Record<SecurityGrade, number> = { GENERAL: 0, IMPORTANT: 1, CORE: 2 };

const raisedToProtected = (c: DataResourceChanged) =>
  c.before !== null && GRADE_RANK[c.after.securityGrade] > GRADE_RANK[c.before.securityGrade] && c.after.securityGrade !== 'GENERAL';
const retired = (c: DataResourceChanged) => c.before !== null && c.after.status === 'DEPRECATED' && c.before.status !== 'DEPRECATED';
const becameNotShared = (c: DataResourceChanged) => c.before !== null && c.after.shareAttribute === 'NOT_SHARED' && c.before.shareAttribute !== 'NOT_SHARED';
const becameProhibited = (c: DataResourceChanged) => c.before !== null && c.after.openAttribute === 'PROHIBITED' && c.before.openAttribute !== 'PROHIBITED';

/**
 * Under a negative-list profile the catalog's NOT_SHARED attribute and the negative list are one
 * truth [SHR-3, B §24]: an entry published NOT_SHARED, changed to or from it, or changed while it
 * is, updates its line.
 */
export const negativeListAffected = (c: DataResourceChanged) => c.before?.shareAttribute === 'NOT_SHARED' || c.after.shareAttribute === 'NOT_SHARED';

/** Why existing grants of the entry must stop, or null [SHR-5, SHR-10, B §26, B §49, J §7, B §10]. */
export function sharingSuspension(c: DataResourceChanged): string | null {
  if (retired(c))
    return `目录条目已停用（${c.reason ?? '未说明理由'}），授权随之暂停 / the catalog entry was retired (${c.reason ?? 'no reason given'}): the grant is suspended [B §26, B §49]`;
  if (becameNotShared(c)) {
    return '目录条目改为不予共享，授权随之暂停 / the catalog entry became NOT_SHARED: the grant is suspended [B §26, B §49, J §17]';
  }
  if (raisedToProtected(c)) {
    return `目录条目定级提升为${c.after.securityGrade === 'CORE' ? '核心' : '重要'}数据，须经数据主管部门重新审批 / the catalog entry was graded ${c.after.securityGrade}: the grant is suspended until the data authority approves again [J §7, B §10, B §49]`;
  }
  return null;
}

/** Why pending requests of the entry cannot be granted any more, or null (they are rejected by the system). */
export function sharingRefusal(c: DataResourceChanged): string | null {
  if (retired(c))
    return `目录条目已停用（${c.reason ?? '未说明理由'}），申请不能再获批准 / the catalog entry was retired (${c.reason ?? 'no reason given'}): the request can no longer be granted [B §26]`;
  if (becameNotShared(c)) {
    return '目录条目改为不予共享，申请不能再获批准 / the catalog entry became NOT_SHARED: the request can no longer be granted [B §27, J §17]';
  }
  return null;
}

/** A grade raise leaves pending requests to the authority alone [J §7, B §10]. */
export const needsAuthorityNow = raisedToProtected;

/** Why an open dataset of the entry must stop being open, or null [OPN-6, Z §35, Z §12, Z §9]. */
export function openingSuspension(c: DataResourceChanged): string | null {
  if (retired(c))
    return `目录条目已停用（${c.reason ?? '未说明理由'}），数据集暂停开放 / the catalog entry was retired (${c.reason ?? 'no reason given'}): the dataset is suspended [Z §35]`;
  if (becameProhibited(c)) {
    return '目录条目改为不予开放，数据集暂停开放 / the catalog entry became PROHIBITED: the dataset is suspended [Z §12, Z §35]';
  }
  if (raisedToProtected(c)) {
    return `目录条目定级提升为${c.after.securityGrade === 'CORE' ? '核心' : '重要'}数据，不得开放 / the catalog entry was graded ${c.after.securityGrade}, which is never open: the dataset is suspended [Z §9, Z §35]`;
  }
  return null;
}

/**
 * Why the data products built on the entry must stop, or null [OPR-5, D §21, D §3]: the entry was
 * retired, closed (open attribute PROHIBITED or share attribute NOT_SHARED), or graded higher.
 */
export function operationSuspension(c: DataResourceChanged): string | null {
  if (retired(c))
    return `来源目录条目已停用（${c.reason ?? '未说明理由'}），数据产品暂停 / a source catalog entry was retired (${c.reason ?? 'no reason given'}): the product is suspended [D §21]`;
  if (becameProhibited(c)) return '来源目录条目改为不予开放，数据产品暂停 / a source catalog entry became PROHIBITED: the product is suspended [D §21]';
  if (becameNotShared(c)) return '来源目录条目改为不予共享，数据产品暂停 / a source catalog entry became NOT_SHARED: the product is suspended [D §21]';
  if (raisedToProtected(c)) {
    return `来源目录条目定级提升为${c.after.securityGrade === 'CORE' ? '核心' : '重要'}数据，数据产品暂停，须经数据主管部门重新审核 / a source catalog entry was graded ${c.after.securityGrade}: the product is suspended until the data authority reviews again [D §21, J §7]`;
  }
  return null;
}

/** An approved revision that narrows the entry's opening to RESTRICTED: open datasets lose DOWNLOAD and are no longer free [Z §15, Z §20, Z §27]. */
export function openingRestriction(c: DataResourceChanged): string | null {
  if (c.before === null || c.before.openAttribute !== 'UNCONDITIONAL' || c.after.openAttribute !== 'RESTRICTED') return null;
  return '目录条目改为受限开放：数据集不再提供下载、不再免费，须经申请并签署协议使用 / the catalog entry became RESTRICTED: the dataset is no longer offered for download nor free, and is used under an agreement [Z §15, Z §20, Z §27]';
}

const sameNames = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/**
 * An approved revision that changed the entry's data items: the dataset no longer offers what the
 * authority approved, so it is suspended until a reopening is approved [B §31, Z §13].
 */
export function openingItemsChange(c: DataResourceChanged): string | null {
  if (!c.previous || !c.entry || sameNames(c.previous.itemNames, c.entry.itemNames)) return null;
  return "目录条目的信息项已变更，数据集暂停开放，须由开放主体提出重新开放并经数据主管部门审核 / the catalog entry's data items changed: the dataset is suspended until its agency proposes reopening and the data authority approves [B §31, Z §13]";
}

/** The facts an open dataset carries of its entry (open attribute, name, format, update frequency) changed, so the dataset follows [Z §10]. */
export function openingFactsChanged(c: DataResourceChanged): boolean {
  if (c.before === null) return false;
  if (c.before.openAttribute !== c.after.openAttribute) return true;
  const p = c.previous;
  const e = c.entry;
  return !!p && !!e && (p.name !== e.name || p.format !== e.format || p.updateFrequency !== e.updateFrequency);
}

/**
 * The event for a change of an entry (`before` null: its first publication), or none when nothing
 * downstream depends on the change. The catalog calls this inside the mutation's transaction, so
 * the event commits with the change.
 */
export function dataResourceChanged(
  resourceId: string,
  regionCode: string,
  before: EntryFacts | null,
  after: EntryFacts,
  entry: EntryDetails,
  reason: string | null = null,
  previous: EntryDetails | null = null,
): OutboxEvent[] {
  const change: DataResourceChanged = { resourceId, before, after, reason, entry, previous };
  const affects = [sharingSuspension, openingSuspension, operationSuspension, sharingRefusal, negativeListAffected, openingRestriction, openingItemsChange, openingFactsChanged];
  if (!affects.some((rule) => rule(change))) return [];
  return [{ type: DATA_RESOURCE_CHANGED, entityId: resourceId, regionCode, data: { ...change } }];
}

export const entryFacts = (r: EntryFacts): EntryFacts => ({
  status: r.status,
  shareAttribute: r.shareAttribute,
  openAttribute: r.openAttribute,
  securityGrade: r.securityGrade,
});

/**
 * An objection that an entry's data infringes secrets or privacy is, where the entry is open, a
 * complaint under Z §35 [OPN-6, B §11]: the kind INFRINGING, naming the entry and what it infringes.
 */
export const objectionIsComplaint = (o: Pick<DataObjectionFiled, 'kind' | 'infringes'> & { resourceId: string | null }): boolean =>
  o.kind === 'INFRINGING' && o.resourceId !== null && o.infringes.length > 0;

/**
 * The event for a filed objection, or none when nothing downstream depends on it (not INFRINGING,
 * or naming no entry). The catalog calls this inside the filing's transaction, so the event
 * commits with the objection.
 */
export function dataObjectionFiled(o: Omit<DataObjectionFiled, 'resourceId'> & { resourceId: string | null }, regionCode: string): OutboxEvent[] {
  if (!objectionIsComplaint(o)) return [];
  const data: DataObjectionFiled = { objectionId: o.objectionId, resourceId: o.resourceId!, providerId: o.providerId, kind: o.kind, infringes: [...o.infringes] };
  return [{ type: DATA_OBJECTION_FILED, entityId: o.objectionId, regionCode, data: { ...data } }];
}
