import type { DataFormat, OpenAttribute, SecurityGrade, Sensitivity, ShareAttribute, UpdateFrequency } from './enums.js';

/** An event as the publisher writes it. */
export interface OutboxEvent {
  /** e.g. `dataResource.changed`. */
  type: string;
  entityId: string;
  regionCode: string;
  data: Record<string, unknown>;
}

/** An event as a consumer receives it: `id` grows in commit order within one publisher. */
export interface DeliveredEvent extends OutboxEvent {
  id: string;
  occurredAt: string;
}

/**
 * The shapes of the events subgraphs publish for each other (subgraphs/kit/server/events.ts carries
 * them): the catalog tells sharing, opening and operation what changed of an entry (and opening
 * of an objection that an open entry infringes secrets or privacy), and sharing
 * tells sharing on the nodes below of its sanctions. Subgraphs never import each other, and nodes
 * of different versions read each other's events, so the contract lives here; what a change means
 * downstream is a rule of the kit (subgraphs/kit/rules/catalog-events.ts).
 */

export const DATA_RESOURCE_CHANGED = 'dataResource.changed';

/** The facts of an entry that other subgraphs' grants and datasets depend on. */
export interface EntryFacts {
  status: string;
  shareAttribute: ShareAttribute;
  openAttribute: OpenAttribute;
  securityGrade: SecurityGrade;
}

/**
 * What a negative list needs of the entry as it is after the change [SHR-3, B §24], and what an
 * open dataset carries of it [Z §10].
 */
export interface EntryDetails {
  name: string;
  providerId: string;
  legalBasis: string | null;
  itemNames: string[];
  /** Absent from events written before they were added. */
  format?: DataFormat;
  updateFrequency?: UpdateFrequency;
}

export interface DataResourceChanged {
  resourceId: string;
  /** Null when the entry was just published for the first time. */
  before: EntryFacts | null;
  after: EntryFacts;
  /** The authority's reason, when the entry was retired. */
  reason: string | null;
  /** The entry after the change; absent from events written before it was added. */
  entry?: EntryDetails;
  /** The entry before an approved revision (null or absent otherwise), so a consumer sees which items changed. */
  previous?: EntryDetails | null;
}

/**
 * A sanction imposed or lifted, from the node that imposed it to the nodes below it, whose data
 * it may cover [B §49]: what a grant check needs, never more.
 */
export const SHARE_SANCTION_CHANGED = 'shareSanction.changed';

export interface SanctionFacts {
  id: string;
  regionCode: string;
  organizationId: string;
  violation: string;
  rectificationDemand: string;
  deadline: string;
  liftedAt: string | null;
}

/**
 * A data subject's objection that an entry's data infringes secrets or privacy [B §11], filed in
 * the catalog: where the entry is open, it is a complaint under Z §35 and opening suspends the
 * dataset. Only what opening needs: never the subject's identity nor its text.
 */
export const DATA_OBJECTION_FILED = 'dataObjection.filed';

export interface DataObjectionFiled {
  objectionId: string;
  resourceId: string;
  providerId: string;
  kind: string;
  infringes: Sensitivity[];
}

/** The data each event type carries. */
export interface EventData {
  [DATA_RESOURCE_CHANGED]: DataResourceChanged;
  [SHARE_SANCTION_CHANGED]: SanctionFacts;
  [DATA_OBJECTION_FILED]: DataObjectionFiled;
}

/**
 * Whether `event` is of `type`, whose data is then typed as its publisher writes it. The data is
 * as signed by the publisher's node, not checked against the type: one of an older version may
 * lack fields added since (they are optional here).
 */
export function isEventOf<T extends keyof EventData>(event: OutboxEvent, type: T): event is OutboxEvent & { type: T; data: EventData[T] } {
  return event.type === type;
}
