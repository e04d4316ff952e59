import type { EntityClass, EntityManager, EntityMetadata } from '@mikro-orm/postgresql';
import type { SubgraphContext } from './context.js';

/**
 * Reads for answers only. A GraphQL query never writes an entity back, so what it loads need not
 * join the unit of work: no identity map entry, no snapshot to diff at a flush that never comes.
 * The statements are fixed per entity and column, made once from the metadata, where the entity
 * manager's find builds its query anew on every call. That is why these reads go around the ORM's
 * queries (with the catalog search, subgraphs/catalog/search/, the only ones that do): find with
 * `disableIdentityMap` also keeps the entities out of the unit of work, but still builds its query
 * and hydrates through the ORM on every call, which `npm run bench -- cpu` shows costs a by-id
 * request markedly more CPU on its node. A request that may write (a mutation, or a request whose
 * operation is not known yet) reads through the entity manager as before, so an entity it changes
 * is always one the unit of work tracks.
 */

/** The loaded columns of an entity (lazy ones left out, as find leaves them) and its table, qualified. */
interface Shape {
  meta: EntityMetadata;
  table: string;
  fields: string[];
  fieldOf: Map<string, string>;
}

const shapes = new WeakMap<EntityMetadata, Shape>();

function shapeOf(em: EntityManager, entity: EntityClass<object>): Shape {
  const meta = em.getMetadata().get(entity.name);
  let shape = shapes.get(meta);
  if (!shape) {
    const props = meta.props.filter((p) => !p.lazy && p.persist !== false && p.fieldNames?.length);
    const schema = meta.schema ?? em.config.get('schema') ?? 'public';
    shape = {
      meta,
      table: `"${schema}"."${meta.tableName}"`,
      fields: props.flatMap((p) => p.fieldNames),
      fieldOf: new Map(meta.props.filter((p) => p.fieldNames?.length === 1).map((p) => [p.name, p.fieldNames[0]!])),
    };
    shapes.set(meta, shape);
  }
  return shape;
}

/** An entity's table, qualified by its schema. */
export function tableOf(em: EntityManager, entity: EntityClass<object>): string {
  return shapeOf(em, entity).table;
}

/** The columns find loads of an entity (lazy ones left out), as `alias.column`. */
export function loadedColumns(em: EntityManager, entity: EntityClass<object>, alias: string): string[] {
  return shapeOf(em, entity).fields.map((f) => `${alias}.${f}`);
}

/** Raw rows (columns by their database names) as entities outside the unit of work. */
export function untracked<T extends object>(em: EntityManager, entity: EntityClass<T>, rows: Record<string, unknown>[]): T[] {
  const meta = shapeOf(em, entity).meta;
  const driver = em.getDriver();
  const factory = em.getEntityFactory();
  return rows.map((row) => factory.create(entity, driver.mapResult(row, meta) as never, { merge: false, convertCustomTypes: true }) as T);
}

/**
 * The rows of `entity` whose property `prop` is one of `keys`, ordered by `orderBy` (property
 * names, ascending): a loader's batch. Untracked when the request only reads.
 */
export async function rowsWhereIn<T extends object>(
  ctx: SubgraphContext,
  entity: EntityClass<T>,
  prop: keyof T & string,
  keys: readonly unknown[],
  orderBy: (keyof T & string)[] = [],
): Promise<T[]> {
  if (!ctx.readOnly) {
    const order = Object.fromEntries(orderBy.map((p) => [p, 'asc']));
    return ctx.em.find(entity, { [prop]: { $in: [...keys] } } as never, { orderBy: order as never });
  }
  if (keys.length === 0) return [];
  const shape = shapeOf(ctx.em, entity);
  const column = (p: string) => {
    const field = shape.fieldOf.get(p);
    if (!field) throw new Error(`rowsWhereIn: ${entity.name}.${p} is not a single-column property`);
    return `"${field}"`;
  };
  const order = orderBy.length ? ` order by ${orderBy.map(column).join(', ')}` : '';
  const sql = `select ${shape.fields.map((f) => `"${f}"`).join(', ')} from ${shape.table} where ${column(prop)} in (${keys.map(() => '?').join(', ')})${order}`;
  return untracked(ctx.em, entity, await ctx.em.getConnection().execute(sql, [...keys], 'all'));
}
