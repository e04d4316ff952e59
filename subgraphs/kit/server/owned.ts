import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId, parseId } from '../../../schema/ids.js';
import { GLOBAL_ID_DESCRIPTION } from './foreign.js';

/**
 * The columns every owned row carries (ARCHITECTURE.md, Nodes, regions and IDs): a global ID
 * with the owner region inside, its ULID as the keyset order shared by all nodes, the owner
 * region, the creation time, and a version for optimistic concurrency. It never appears in the
 * schema: type-graphql emits only reachable types and copies these fields into each subclass.
 */
@Entity({ abstract: true })
@ObjectType()
export abstract class Owned {
  /**
   * What `em.create` may leave out: the version, which the ORM starts at 1. An entity with more
   * (columns with a default) declares its own, naming these too: `[OptionalProps]?: OwnedOptional | 'x'`.
   */
  [OptionalProps]?: OwnedOptional;

  @PrimaryKey({ type: 'text' })
  @Field(() => ID, { description: GLOBAL_ID_DESCRIPTION })
  id!: string;

  @Property({ type: 'text', unique: true })
  seq!: string;

  @Property({ type: 'text' })
  regionCode!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '创建时间 / created at' })
  createdAt!: Date;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号，用于并发控制 / version for optimistic concurrency' })
  version!: number;
}

/** The columns of `Owned` that `em.create` fills in itself. */
export type OwnedOptional = 'version';

/** Identity of a new row owned by `region`. */
export function newOwned(region: string): Pick<Owned, 'id' | 'seq' | 'regionCode' | 'createdAt'> {
  const id = newId(region);
  return { id, seq: parseId(id)!.ulid, regionCode: region, createdAt: new Date() };
}
