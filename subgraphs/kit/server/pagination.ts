import { Field, InputType, Int, ObjectType, Directive, ArgsType, type ClassType } from 'type-graphql';
import { getNamedType, isObjectType, type GraphQLField, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/postgresql';
import { decodeCursor, encodeCursor, listCursor, listOf, resumeKey } from '../../../schema/cursor.js';
import { DEFAULT_PAGE_SIZE, pageSizeProblem } from '../../../schema/routing.js';
import { parseId } from '../../../schema/ids.js';
import { getRegion, isWithin } from '../../../schema/regions.js';
import type { NodeConfig } from '../../../schema/topology.js';
import { isAnonymous } from '../../../schema/auth.js';
import type { SubgraphContext } from './context.js';
import { badInput, unauthenticated } from './errors.js';
import { Bound } from './input-bounds.js';

@Directive('@shareable')
@ObjectType({ description: '分页信息（Relay 连接规范）/ page information (Relay connection spec, keyset pagination)' })
export class PageInfo {
  @Field({ description: '是否还有下一页 / whether another page follows' })
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description:
      '本页之前是否还有条目：仅在传了 after 且其前仍有可见条目时为 true（只支持向后翻页，第一页总是 false）/ ' +
      'whether items precede this page: true only when `after` was given and visible items remain before it (paging is forward only, so the first page says false)',
  })
  hasPreviousPage!: boolean | Promise<boolean>;

  @Field(() => String, { nullable: true, description: '本页第一条的游标 / the cursor of the first item of this page' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: '本页最后一条的游标，传给 after 取下一页 / pass as `after` for the next page' })
  endCursor!: string | null;
}

/**
 * The page info of `edges`. `before` tells whether visible items precede the page (null: the first
 * page, none do); it runs only if the client selects hasPreviousPage, and once.
 */
export function pageInfoOf(edges: readonly { cursor: string }[], hasNextPage: boolean, before: (() => Promise<boolean>) | null): PageInfo {
  let read: Promise<boolean> | undefined;
  return {
    hasNextPage,
    get hasPreviousPage() {
      if (!before) return false;
      read ??= before();
      return read;
    },
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
}

@InputType({ description: '区域范围 / region scope: which regions a list covers (the gateway routes by it)' })
export class RegionScopeInput {
  @Field({ description: '行政区划代码 (GB/T 2260), 例如 331100 丽水市 / six-digit region code' })
  @Bound({ kind: 'code', max: 12 })
  regionCode!: string;

  @Field({ defaultValue: true, description: '是否包含下级区域 / include sub-regions' })
  includeSubRegions!: boolean;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: '每页条数，1-100 / page size, 1-100' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: '上一页的 endCursor / the endCursor of the previous page' })
  after?: string | null;
}

/**
 * The Relay connection type for a node type: `<Name>Connection { totalCount edges { cursor node }
 * pageInfo }`. The gateway merges pages of every root field of this shape across nodes.
 */
export function connectionType<T extends object>(node: ClassType<T>, name: string, description: string, counted?: ConnectionCounting) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field({ description: '游标 / cursor of this item' })
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description })
  class Connection {
    @Field(() => Int, { description: counted?.totalCount ?? '符合条件的总数 / total matching items' })
    totalCount!: number;

    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  // Declared only on connections that count with a bound: the others always count exactly.
  if (counted) Field(() => Boolean, { description: counted.totalCountIsExact })(Connection.prototype, 'totalCountIsExact');
  return Connection;
}

/** Descriptions of a connection whose total may be an estimate (see DataResourceConnection). */
export interface ConnectionCounting {
  totalCount: string;
  totalCountIsExact: string;
}

/** Rows that can be listed carry `seq` (the ULID of their global ID): a total order shared by all nodes. */
export interface Sequenced {
  seq: string;
}

export interface Page<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

const DESC = ['DESC'] as const;

export const cursorOf = (row: Sequenced) => encodeCursor({ values: [row.seq], directions: [...DESC] });

/** The page size asked for, checked (schema/routing.ts `pageSizeProblem`), default DEFAULT_PAGE_SIZE. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  const why = pageSizeProblem(size);
  if (why) throw badInput(why, 'first');
  return size;
}

/**
 * The `seq` after which a newest-first page resumes, from a cursor made by `cursorOf`; null for the
 * first page. `message` says which cursors the field takes when the cursor is not one of them.
 */
export function seqAfter(
  after: string | null | undefined,
  message = 'after 不是本接口返回的游标 / after is not a cursor returned by this API: pass pageInfo.endCursor unchanged',
): string | null {
  if (!after) return null;
  const key = decodeCursor(after);
  if (key?.values.length !== 1 || key.directions[0] !== 'DESC' || typeof key.values[0] !== 'string') throw badInput(message, 'after');
  return key.values[0];
}

/** Keyset page, newest first. Never OFFSET: page 50 costs what page 1 costs. */
export async function keysetPage<T extends Sequenced>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  { first, after }: PageArgs,
  populate?: string[],
): Promise<Page<T>> {
  const size = pageSize(first);
  const from = seqAfter(after);
  const pageWhere = from === null ? where : ({ $and: [where, { seq: { $lt: from } }] } as FilterQuery<T>);
  const [rows, totalCount] = await Promise.all([
    em.find(entity, pageWhere, { orderBy: { seq: 'desc' } as never, limit: size + 1, populate: populate as never }),
    em.count(entity, where),
  ]);
  const hasNextPage = rows.length > size;
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  // Before the page: the row at the cursor (the one index read finds first, while it is still in
  // the list) or any newer one.
  const before =
    from === null
      ? null
      : async () => (await em.find(entity, { $and: [where, { seq: { $gte: from } }] } as FilterQuery<T>, { orderBy: { seq: 'asc' } as never, limit: 1 })).length > 0;
  return { totalCount, edges, pageInfo: pageInfoOf(edges, hasNextPage, before) };
}

export const EMPTY_PAGE: Page<never> = Object.freeze({
  totalCount: 0,
  edges: [],
  pageInfo: Object.freeze({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }),
}) as Page<never>;

/** A root field whose type is a connection: it pages by `after`, and its type has edges and page info. */
function isConnectionField(field: GraphQLField<unknown, unknown>): boolean {
  const type = getNamedType(field.type);
  return field.args.some((a) => a.name === 'after') && isObjectType(type) && 'edges' in type.getFields() && 'pageInfo' in type.getFields();
}

/**
 * Makes every root connection field's cursors name their list (schema/cursor.ts `listOf`: the
 * field and its arguments but first and after): a cursor of another list, of the same list under
 * other arguments, or of the earlier format without a list is refused (BAD_USER_INPUT, field
 * `after`) before the resolver runs. The resolvers keep making and reading plain sort keys; here
 * the cursors they return are stamped with the list.
 */
export function withListCursors(schema: GraphQLSchema, resolvers: Record<string, Record<string, unknown>>): void {
  for (const [name, field] of Object.entries(schema.getQueryType()?.getFields() ?? {})) {
    if (!isConnectionField(field) || !resolvers.Query?.[name]) continue;
    const resolve = resolvers.Query[name] as GraphQLFieldResolver<unknown, unknown>;
    resolvers.Query[name] = (async (source, args, context, info) => {
      const list = listOf(name, args);
      // An empty after is no cursor, as for the resolvers (seqAfter): the first page.
      if (args.after) resumeKey(args.after as string, list, (why) => badInput(why, 'after'));
      return stampList((await resolve(source, args, context, info)) as Page<unknown> | null, list);
    }) satisfies GraphQLFieldResolver<unknown, unknown>;
  }
}

/** Writes `list` into every cursor of a page, in place (a page may carry lazy fields a copy would read). */
function stampList<P extends Page<unknown> | null>(page: P, list: string): P {
  if (!page) return page;
  const stamp = (cursor: string) => listCursor(list, decodeCursor(cursor)!);
  for (const e of page.edges) e.cursor = stamp(e.cursor);
  if (page.pageInfo.startCursor) page.pageInfo.startCursor = stamp(page.pageInfo.startCursor);
  if (page.pageInfo.endCursor) page.pageInfo.endCursor = stamp(page.pageInfo.endCursor);
  return page;
}

/**
 * The page of a list root field, one recipe for all: what the caller may see (the access module's
 * filter; null means nothing), the regions of this node the scope covers (each node answers only
 * for its own, so a fanned-out list never counts a row twice), the field's own conditions, newest
 * first by keyset. Arguments are checked first, so a bad cursor or scope is refused the same for
 * everyone. A list that shows the public nothing needs a caller: the public is told to sign in
 * (UNAUTHENTICATED) rather than shown an empty page; a signed-in caller who may see none of it gets
 * an empty page.
 */
export async function listPage<T extends Sequenced & { regionCode: string }>(
  ctx: Pick<SubgraphContext, 'em' | 'node' | 'actor'>,
  entity: EntityName<T>,
  o: { visible: FilterQuery<T> | null; scope?: RegionScopeInput | null; where?: FilterQuery<T>[]; page: PageArgs },
): Promise<Page<T>> {
  const regions = regionsInScope(ctx.node, o.scope);
  pageSize(o.page.first);
  seqAfter(o.page.after);
  if (!o.visible && isAnonymous(ctx.actor)) throw unauthenticated();
  if (!o.visible) return EMPTY_PAGE;
  return keysetPage(ctx.em, entity, { $and: [o.visible, { regionCode: { $in: regions } }, ...(o.where ?? [])] } as FilterQuery<T>, o.page);
}

export function assertKnownRegion(code: string, field: string): void {
  if (!getRegion(code)) throw badInput(`未知的行政区划代码 "${code}" / unknown region code "${code}": use a six-digit GB/T 2260 code such as 331100`, field);
}

/**
 * An ID naming a region that does not exist cannot name anything: refused naming the field,
 * before any SQL. A malformed ID is left to the caller, which answers it as it answers an unknown one.
 */
export function assertKnownIdRegion(id: string, field: string): void {
  const ref = parseId(id);
  if (ref && !getRegion(ref.region)) {
    throw badInput(`ID "${id}" 的行政区划 ${ref.region} 不存在 / ID "${id}" names an unknown region ${ref.region}: pass an ID returned by this API`, field);
  }
}

/**
 * The regions of this node a list covers. Each node answers only for the regions it hosts, so a
 * fanned-out query never counts a row twice.
 */
export function regionsInScope(node: NodeConfig, scope?: RegionScopeInput | null): string[] {
  if (!scope) return node.regions;
  assertKnownRegion(scope.regionCode, 'scope.regionCode');
  return node.regions.filter((r) => (scope.includeSubRegions ? isWithin(r, scope.regionCode) : r === scope.regionCode));
}
