import { Arg, Args, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { decodeCursor, encodeCursor } from '../../../schema/cursor.js';
import { parseId } from '../../../schema/ids.js';
import { type SubgraphContext, requireActor } from '../../kit/server/context.js';
import { readOf } from '../../kit/server/audit.js';
import { badInput } from '../../kit/server/errors.js';
import { mutate } from '../../kit/server/mutation.js';
import { PageArgs, PageInfo, pageInfoOf, pageSize } from '../../kit/server/pagination.js';
import { canSeeLoads, canSeeResource, loadForLoading } from '../access.js';
import { DataResource } from '../resource.entity.js';
import { resourceLoader } from '../resource.loader.js';
import { completeLoad, loadItems, newLoad, RecordWriter, rejectLoad, startedAudit } from './ingest.js';
import { DataLoad } from './load.entity.js';
import { DataLoadErrorType, LoadEntryRecordsInput, MAX_API_RECORDS, StartDataLoadInput, type StoredLoadErrors } from './load.types.js';
import { liveProgress } from './progress.js';
import { LOAD_TABLE } from './store.js';
import { RecordChecker } from './validate.js';

@ObjectType('DataLoadEdge')
class DataLoadEdge {
  @Field({ description: '游标 / cursor of this item' })
  cursor!: string;

  @Field(() => DataLoad)
  node!: DataLoad;
}

@ObjectType('DataLoadConnection', { description: '条目的数据加载，最新版本在前 / an entry’s loads, newest version first' })
class DataLoadConnection {
  @Field(() => Int, { description: '加载总数 / how many loads' })
  totalCount!: number;

  @Field(() => [DataLoadEdge])
  edges!: DataLoadEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

const versionCursor = (version: number) => encodeCursor({ values: [version], directions: ['DESC'] });

function versionAfter(after: string | null | undefined): number | null {
  if (!after) return null;
  const key = decodeCursor(after);
  if (key?.values.length !== 1 || key.directions[0] !== 'DESC' || typeof key.values[0] !== 'number')
    throw badInput('after 不是本列表返回的游标 / after is not a cursor of this list: pass pageInfo.endCursor unchanged', 'after');
  return key.values[0];
}

interface LoadsKey {
  resourceId: string;
  first: number;
  after: number | null;
}

/**
 * The loads of many entries at once (one `dataLoads` field per entry of a list): per page shape,
 * one statement for the pages (a window per entry) and one for the counts.
 */
const loadsLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<LoadsKey, DataLoadConnection>('dataLoads', async (keys) => {
    const out = new Map<string, DataLoadConnection>();
    const groups = new Map<string, LoadsKey[]>();
    for (const k of keys) {
      const g = `${k.first}|${k.after ?? ''}`;
      groups.set(g, [...(groups.get(g) ?? []), k]);
    }
    const ids = [...new Set(keys.map((k) => k.resourceId))];
    const counts = new Map(
      (
        await ctx.em.execute<{ resource_id: string; n: string | number }[]>(
          `select resource_id, count(*) as n from ${LOAD_TABLE} where resource_id in (${ids.map(() => '?').join(', ')}) group by resource_id`,
          ids,
        )
      ).map((c) => [c.resource_id, Number(c.n)]),
    );
    for (const group of groups.values()) {
      const { first, after } = group[0]!;
      const gids = [...new Set(group.map((k) => k.resourceId))];
      const rows = await ctx.em.execute<{ id: string }[]>(
        `select id from (select id, row_number() over (partition by resource_id order by version desc) as rn from ${LOAD_TABLE}
          where resource_id in (${gids.map(() => '?').join(', ')})${after === null ? '' : ' and version < ?'}) ranked where rn <= ?`,
        [...gids, ...(after === null ? [] : [after]), first + 1],
      );
      const loads = rows.length ? await ctx.em.find(DataLoad, { id: { $in: rows.map((r) => r.id) } }, { orderBy: { version: 'desc' } }) : [];
      for (const id of gids) {
        const mine = loads.filter((l) => l.resourceId === id);
        const page = mine.slice(0, first);
        const edges = page.map((l) => ({ cursor: versionCursor(l.version), node: l }));
        out.set(`${id}|${first}|${after ?? ''}`, {
          totalCount: counts.get(id) ?? 0,
          edges,
          pageInfo: pageInfoOf(edges, mine.length > first, after === null ? null : async () => (await ctx.em.count(DataLoad, { resourceId: id, version: { $gte: after } })) > 0),
        });
      }
    }
    return keys.map((k) => out.get(`${k.resourceId}|${k.first}|${k.after ?? ''}`)!);
  });

/** Checks the batch before any SQL that writes: its size, then each record against the items. */
function checkBatch(input: LoadEntryRecordsInput) {
  if (!input.records.length) throw badInput('至少需要一条记录 / give at least one record', 'input.records');
  if (input.records.length > MAX_API_RECORDS)
    throw badInput(`一次至多${MAX_API_RECORDS}条记录，更多请上传文件 / at most ${MAX_API_RECORDS} records per call; upload a file for more`, 'input.records');
}

@Resolver(() => DataLoad)
export class DataLoadResolver {
  @Mutation(() => DataLoad, {
    description: `按批量接口加载条目的记录（提供部门，至多${MAX_API_RECORDS}条）：逐条按信息项校验，有错则整批拒绝、不写入任何记录；成功即为一个新版本并报送数据更新 / load records of an entry by the batched API (providing agency, at most ${MAX_API_RECORDS}): each record is checked against the items; any error rejects the whole batch and writes no record; a success is a new version and a data update [B §17-18, L §8, CAT-7]`,
  })
  async loadEntryRecords(@Ctx() ctx: SubgraphContext, @Arg('input') input: LoadEntryRecordsInput): Promise<DataLoad> {
    checkBatch(input);
    const actor = requireActor(ctx);
    const r = await loadForLoading(ctx, input.resourceId, 'input.resourceId');
    const { rows: itemRows, items } = await loadItems(ctx, r.id);
    const checker = new RecordChecker(items);
    const accepted = input.records.map((raw, i) => checker.check(i + 1, raw));
    return mutate(ctx, 'catalog', async (em) => {
      const load = await newLoad(em, r, actor, 'API', input.mode);
      await em.flush();
      if (checker.rejected) return { result: load, audit: rejectLoad(load, checker, input.records.length) };
      const writer = new RecordWriter(em, r.id, load.version);
      for (const [i, rec] of accepted.entries()) await writer.add(i + 1, rec!);
      await writer.flush();
      const audit = await completeLoad(em, load, checker, input.records.length, r, itemRows, actor);
      return { result: load, audit };
    });
  }

  @Mutation(() => DataLoad, {
    description:
      '开始一次上传加载（提供部门）：返回加载中的版本，再以 PUT /data/loads/{id} 上传文件 / start a load by upload (providing agency): answers the LOADING version; then PUT the file to /data/loads/{id} [B §17-18, L §8]',
  })
  async startDataLoad(@Ctx() ctx: SubgraphContext, @Arg('input') input: StartDataLoadInput): Promise<DataLoad> {
    const actor = requireActor(ctx);
    const r = await loadForLoading(ctx, input.resourceId, 'input.resourceId');
    return mutate(ctx, 'catalog', async (em) => {
      const load = await newLoad(em, r, actor, input.format, input.mode);
      return { result: load, audit: startedAudit(load) };
    });
  }

  @Query(() => DataLoad, {
    nullable: true,
    description: '一次数据加载（提供部门和监管者）：状态、进度和错误 / one load (providing agency and overseers): its status, progress and errors',
  })
  async dataLoad(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<DataLoad | null> {
    requireActor(ctx);
    if (!parseId(id)) return null;
    const load = await ctx.em.findOne(DataLoad, { id });
    if (!load) return null;
    const r = await resourceLoader(ctx).load(load.resourceId);
    if (!r || !canSeeLoads(ctx.actor, ctx.node, r)) return null;
    return readOf(ctx, 'DataLoad', load);
  }

  @FieldResolver(() => Float, { description: '已读取的记录数（上传中随进度增加）/ records read so far (grows while an upload is under way)' })
  rowsRead(@Root() l: DataLoad): number {
    return Math.max(Number(l.rowsRead), (l.status === 'LOADING' && liveProgress(l.id)) || 0);
  }

  @FieldResolver(() => Float, { nullable: true, description: '写入的记录数（已加载时；被拒绝为0）/ records written (once loaded; 0 when rejected)' })
  rowCount(@Root() l: DataLoad): number | null {
    return l.rowCount === null ? null : Number(l.rowCount);
  }

  @FieldResolver(() => [DataLoadErrorType], { description: '错误（至多100条）/ the errors (at most 100)' })
  errors(@Root() l: DataLoad): DataLoadErrorType[] {
    return (l.error as StoredLoadErrors | null)?.errors ?? [];
  }

  @FieldResolver(() => Int, { description: '错误总数 / how many errors in all' })
  errorCount(@Root() l: DataLoad): number {
    return (l.error as StoredLoadErrors | null)?.errorCount ?? 0;
  }

  @FieldResolver(() => DataResource, { nullable: true, description: '所加载的目录条目 / the catalog entry loaded' })
  async resource(@Ctx() ctx: SubgraphContext, @Root() l: DataLoad): Promise<DataResource | null> {
    const r = await resourceLoader(ctx).load(l.resourceId);
    return r && canSeeResource(ctx.actor, ctx.node, r) ? r : null;
  }
}

@Resolver(() => DataResource)
export class DataResourceLoadsResolver {
  @FieldResolver(() => DataLoadConnection, {
    nullable: true,
    description: '条目的数据加载（版本），最新在前；仅提供部门和监管者可见 / the entry’s loads (versions), newest first; for the providing agency and overseers only',
  })
  async dataLoads(@Ctx() ctx: SubgraphContext, @Root() r: DataResource, @Args() page: PageArgs): Promise<DataLoadConnection | null> {
    if (!canSeeLoads(ctx.actor, ctx.node, r)) return null;
    const connection = await loadsLoader(ctx).load({ resourceId: r.id, first: pageSize(page.first), after: versionAfter(page.after) });
    for (const e of connection.edges) readOf(ctx, 'DataLoad', e.node);
    return connection;
  }
}
