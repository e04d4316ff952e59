import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';

/**
 * A sanction imposed on another node by an authority above this node's regions, kept here so the
 * grants of this node's data stop at once wherever its holder was sanctioned [B §49]: the city
 * authority's sanction covers a district platform's data too. Written only by the events of the
 * node that imposed it (sanction-events.ts); never listed or changed here.
 */
@Entity({ tableName: 'sanction_replica' })
export class SanctionReplica {
  /** The sanction's global ID on its own node. */
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  originNode!: string;

  /** The region whose data the sanction covers (with its sub-regions). */
  @Property({ type: 'text' })
  regionCode!: string;

  @Property({ type: 'text' })
  organizationId!: string;

  @Property({ type: 'text' })
  violation!: string;

  @Property({ type: 'text' })
  rectificationDemand!: string;

  @Property({ type: 'string', columnType: 'date' })
  deadline!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  liftedAt!: Date | null;

  /** The origin's outbox event that last wrote this row: an older event never overwrites a newer one. */
  @Property({ type: 'bigint' })
  eventId!: string;
}
