import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../schema/auth.js';
import type { UpdateFrequency } from '../../schema/enums.js';
import { newId, parseId } from '../../schema/ids.js';
import { DataItem, type DataResource, type ItemContent, type ResourceContent } from './resource.entity.js';
import type { DataItemInput } from './resource.inputs.js';
import { DataResourceVersion, type FieldChange, type VersionAction } from './resource-version.entity.js';

/**
 * The metadata a version of an entry consists of (CAT-1); everything else is workflow state. Each
 * with how a change record writes its value: strings as they are, lists and flags as JSON text.
 */
const CONTENT_FIELD_VALUES = {
  code: 'text',
  name: 'text',
  summary: 'text',
  categoryCode: 'text',
  library: 'text',
  format: 'text',
  updateFrequency: 'text',
  securityGrade: 'text',
  shareAttribute: 'text',
  shareCondition: 'text',
  shareReason: 'text',
  shareMode: 'text',
  legalBasis: 'text',
  openAttribute: 'text',
  openCondition: 'text',
  openChangeReason: 'text',
  sensitivities: 'json',
  desensitized: 'json',
  consentObtained: 'json',
  relatedCodes: 'json',
} as const satisfies Partial<Record<keyof DataResource, 'text' | 'json'>>;

export const CONTENT_FIELDS = Object.keys(CONTENT_FIELD_VALUES) as (keyof typeof CONTENT_FIELD_VALUES)[];

/** The metadata of an entry as the entity types it (a stored snapshot or revision is plain JSON: `ResourceContent`). */
export type ResourceFields = Pick<DataResource, (typeof CONTENT_FIELDS)[number]>;

export function itemContent(i: DataItemInput | DataItem | ItemContent): ItemContent {
  return {
    name: i.name.trim(),
    dataType: i.dataType,
    description: i.description ?? null,
    personalInfo: i.personalInfo ?? false,
    identifier: i.identifier ?? false,
    required: i.required ?? false,
    authoritative: i.authoritative ?? false,
    sourceItemId: i.sourceItemId ?? null,
    duplicationJustification: i.duplicationJustification ?? null,
  };
}

export function contentOf(r: ResourceFields, items: (DataItemInput | DataItem | ItemContent)[]): ResourceContent & { fields: ResourceFields } {
  const fields: Record<string, unknown> = {};
  for (const f of CONTENT_FIELDS) fields[f] = r[f] ?? null;
  return { fields: fields as ResourceFields, items: items.map(itemContent) };
}

const show = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * A changed value as a change record holds it, back as the value: an item (`items.<name>`) and a
 * list or flag were written as JSON text, every other field as the string it is.
 */
export function changedValue(field: string, shown: string | null): unknown {
  if (shown === null) return null;
  const written = field.startsWith('items.') ? 'json' : (CONTENT_FIELD_VALUES as Record<string, 'text' | 'json'>)[field];
  return written === 'json' ? JSON.parse(shown) : shown;
}

/** What changed between two versions, field by field and item by item (items are matched by name). */
export function diffContent(before: ResourceContent | null, after: ResourceContent): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const f of CONTENT_FIELDS) {
    const a = show(before?.fields[f] ?? null);
    const b = show(after.fields[f] ?? null);
    if (a !== b) changes.push({ field: f, before: a, after: b });
  }
  // Items are compared in one key order: jsonb does not keep the order they were written in.
  const old = new Map((before?.items ?? []).map((i) => [i.name, show(itemContent(i))]));
  for (const item of after.items) {
    const now = show(itemContent(item));
    if (old.get(item.name) !== now) changes.push({ field: `items.${item.name}`, before: old.get(item.name) ?? null, after: now });
    old.delete(item.name);
  }
  for (const [name, was] of old) changes.push({ field: `items.${name}`, before: was, after: null });
  return changes;
}

/**
 * Appends the next version of an entry. Numbers are dense per entry; two concurrent changes of
 * one entry would claim the same number, and the unique key turns the loser into a CONFLICT.
 */
export async function recordVersion(
  em: EntityManager,
  r: DataResource,
  actor: Actor,
  action: VersionAction,
  snapshot: ResourceContent,
  changes: FieldChange[],
  comment: string | null = null,
): Promise<DataResourceVersion> {
  const last = await em.findOne(DataResourceVersion, { resourceId: r.id }, { orderBy: { number: 'desc' }, fields: ['number'] });
  return em.create(DataResourceVersion, {
    id: newId(r.regionCode),
    resourceId: r.id,
    number: (last?.number ?? 0) + 1,
    action,
    status: r.status,
    changes,
    snapshot,
    comment,
    actorSub: actor.sub,
    actorOrgId: actor.orgId,
    createdAt: new Date(),
  });
}

/**
 * Writes an entry's items, keeping each item's ID by name: other entries link to items as their
 * authoritative source, so a change of the entry must not break those links. Returns the rows
 * now making up the entry, in order, for the caller to answer with (see `primeItems`).
 */
export async function writeItems(em: EntityManager, resourceId: string, items: ItemContent[], existing: DataItem[]): Promise<DataItem[]> {
  const byName = new Map(existing.map((i) => [i.name, i]));
  const kept = new Set<string>();
  const rows = items.map((item, position) => {
    const row = byName.get(item.name);
    if (row) {
      kept.add(row.id);
      return em.assign(row, { ...item, position });
    }
    return em.create(DataItem, { ...item, id: newId(parseId(resourceId)!.region), resourceId, position });
  });
  const gone = existing.filter((i) => !kept.has(i.id));
  if (gone.length) await em.nativeDelete(DataItem, { id: { $in: gone.map((i) => i.id) } });
  return rows;
}

const MONTHS: Partial<Record<UpdateFrequency, number>> = { MONTHLY: 1, QUARTERLY: 3, HALF_YEARLY: 6, YEARLY: 12 };
const DAYS: Partial<Record<UpdateFrequency, number>> = { REAL_TIME: 1, DAILY: 1, WEEKLY: 7 };

/**
 * When the next data update falls due: one period after the last one [B §17-18, L §8]. Months are
 * calendar months clamped to the month's end (Jan 31 + 1 month is Feb 28/29); ON_DEMAND is never due.
 */
export function updateDueAfter(last: Date, frequency: UpdateFrequency): Date | null {
  const days = DAYS[frequency];
  if (days) return new Date(last.getTime() + days * 86_400_000);
  const months = MONTHS[frequency];
  if (!months) return null;
  const d = new Date(last);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

export function isOverdue(r: Pick<DataResource, 'status' | 'updateDueAt'>, now = new Date()): boolean {
  return r.status === 'PUBLISHED' && r.updateDueAt !== null && r.updateDueAt.getTime() < now.getTime();
}
