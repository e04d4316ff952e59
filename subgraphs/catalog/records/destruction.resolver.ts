import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { parseId } from '../../../schema/ids.js';
import { getRegion } from '../../../schema/regions.js';
import { readOf, readsOf } from '../../kit/server/audit.js';
import { requireActor, type SubgraphContext } from '../../kit/server/context.js';
import { badInput, conflict, forbidden, notFound } from '../../kit/server/errors.js';
import { mutate } from '../../kit/server/mutation.js';
import { newOwned } from '../../kit/server/owned.js';
import { assertKnownIdRegion, connectionType, listPage, type Page, PageArgs, RegionScopeInput } from '../../kit/server/pagination.js';
import { blank } from '../../kit/rules/validation.js';
import { canDecideDestruction, canRequestDestruction, canSeeDestruction, canSeeResource, destructionFilter } from '../access.js';
import { Organization } from '../organization.entity.js';
import { organizationLoader } from '../organization.loader.js';
import { Region } from '../region.type.js';
import { DataResource } from '../resource.entity.js';
import { itemsLoader, resourceLoader } from '../resource.loader.js';
import { DataDestruction, type DestructionCondition } from './destruction.entity.js';
import { ApproveDataDestructionInput, DataDestructionFilter, RefuseDataDestructionInput, RequestDataDestructionInput } from './destruction.inputs.js';
import { checkDestructionAsk, DestroyedContent, MAX_REASON } from './destruction.rules.js';
import { type CompiledFilter, compileFilters } from './filter.js';
import { LOAD_TABLE, RECORD_TABLE } from './store.js';

const DataDestructionConnection = connectionType(
  DataDestruction,
  'DataDestruction',
  '数据销毁申请列表（跨平台合并，最新在前）/ a page of destruction requests, merged across platforms, newest first',
);

/** Rows hashed and deleted per statement: bounded memory whatever the size of a version. */
const BATCH = 5000;

/** The provider holds its data unmasked: every item of the entry may be named in a filter. */
async function entryFilter(ctx: SubgraphContext, resourceId: string, filter: DestructionCondition[], field: string): Promise<CompiledFilter> {
  const items = await itemsLoader(ctx).load(resourceId);
  return compileFilters(filter, items, field);
}

async function count(em: EntityManager, where: string, params: unknown[]): Promise<number> {
  const [row] = await em.execute<{ n: string | number }[]>(`select count(*) as n from ${RECORD_TABLE} where ${where}`, params);
  return Number(row?.n ?? 0);
}

/**
 * Hashes and deletes the entry's rows matching `where`, in (version, row number) order, a batch at
 * a time: each batch is read and hashed before the same key range is deleted, and the deletion
 * must remove exactly the rows hashed, so the hash is of what is gone.
 */
async function destroyRows(em: EntityManager, resourceId: string, where: CompiledFilter): Promise<ReturnType<DestroyedContent['digest']>> {
  const content = new DestroyedContent();
  let after: [number, number] = [-1, -1];
  for (;;) {
    const rows = await em.execute<{ version: number; row_no: string | number; data: string }[]>(
      `select version, row_no, data::text as data from ${RECORD_TABLE}
        where resource_id = ? and (resource_id, version, row_no) > (?, ?, ?) and ${where.sql}
        order by version, row_no limit ${BATCH}`,
      [resourceId, resourceId, after[0], after[1], ...where.params],
    );
    if (rows.length === 0) break;
    for (const r of rows) content.add(Number(r.version), Number(r.row_no), r.data);
    const first = rows[0]!;
    const last = rows[rows.length - 1]!;
    const deleted = await em.execute<{ n: string | number }[]>(
      `with gone as (delete from ${RECORD_TABLE}
        where resource_id = ? and (resource_id, version, row_no) >= (?, ?, ?) and (resource_id, version, row_no) <= (?, ?, ?) and ${where.sql}
        returning 1) select count(*) as n from gone`,
      [resourceId, resourceId, first.version, first.row_no, resourceId, last.version, last.row_no, ...where.params],
    );
    if (Number(deleted[0]?.n) !== rows.length) throw new Error(`destruction of ${resourceId}: ${deleted[0]?.n} rows deleted where ${rows.length} were hashed`);
    after = [Number(last.version), Number(last.row_no)];
    if (rows.length < BATCH) break;
  }
  return content.digest();
}

async function findDestruction(ctx: SubgraphContext, id: string): Promise<DataDestruction> {
  const actor = requireActor(ctx);
  assertKnownIdRegion(id, 'input.id');
  const d = parseId(id) ? await ctx.em.findOne(DataDestruction, { id }) : null;
  if (!d || !canSeeDestruction(actor, ctx.node, d)) throw notFound('数据销毁申请 / data destruction request', id);
  if (!canDecideDestruction(actor, ctx.node, d)) {
    throw forbidden(
      `仅限条目所属区域（${d.regionCode}）或其上级区域的数据主管部门审批销毁 / only the data authority of the entry's region (${d.regionCode}) or of a region above it decides on destruction [SEC-4, J §30]`,
    );
  }
  if (d.requestedBy === actor.sub) throw forbidden('不能审批自己的销毁申请 / you cannot decide on your own destruction request [SEC-4]');
  if (d.status !== 'PENDING') {
    throw conflict(
      `该申请已于 ${d.decidedAt!.toISOString()} 处理（${d.status}），不能再次审批 / this request was already decided (${d.status}, at ${d.decidedAt!.toISOString()}); it cannot be decided twice`,
    );
  }
  return d;
}

/** Locks the request for its decision: a concurrent decision waits, then finds it decided. */
async function lockPending(em: EntityManager, d: DataDestruction): Promise<void> {
  const [row] = await em.execute<{ status: string }[]>(`select status from "catalog"."data_destruction" where id = ? for update`, [d.id]);
  if (row?.status !== 'PENDING') throw conflict(`该申请已被处理（${row?.status}）/ this request was decided meanwhile (${row?.status}); it cannot be decided twice`);
}

@Resolver(() => DataDestruction)
export class DataDestructionResolver {
  @Query(() => DataDestruction, {
    nullable: true,
    description: '按ID查询数据销毁申请（提供部门、主管部门、审计人员可见）/ a destruction request by ID (for the providing agency, the authorities and auditors)',
  })
  async dataDestruction(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<DataDestruction | null> {
    assertKnownIdRegion(id, 'id');
    const d = parseId(id) ? await ctx.em.findOne(DataDestruction, { id }) : null;
    return d && canSeeDestruction(ctx.actor, ctx.node, d) ? readOf(ctx, 'DataDestruction', d) : null;
  }

  @Query(() => DataDestructionConnection, {
    description:
      '数据销毁申请列表：提供部门看到本机构的申请，主管部门（filter.status = PENDING 即待审批）和审计人员看到所辖区域的 / destruction requests: agency staff see their organization’s, the authorities (filter.status PENDING: those to decide) and auditors those of their regions [SEC-4]',
  })
  async dataDestructions(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('filter', () => DataDestructionFilter, { nullable: true }) filter?: DataDestructionFilter | null,
  ): Promise<Page<DataDestruction>> {
    const where: FilterQuery<DataDestruction>[] = [];
    if (filter?.status) where.push({ status: filter.status });
    if (filter?.resourceId) {
      assertKnownIdRegion(filter.resourceId, 'filter.resourceId');
      where.push({ resourceId: filter.resourceId });
    }
    return readsOf(ctx, 'DataDestruction', await listPage(ctx, DataDestruction, { visible: destructionFilter(ctx.actor, ctx.node), scope, where, page }));
  }

  @FieldResolver(() => DataResource, { nullable: true, description: '目录条目（调用方无权查看时为空）/ the catalog entry (null if the caller may not see it)' })
  async resource(@Ctx() ctx: SubgraphContext, @Root() d: DataDestruction): Promise<DataResource | null> {
    const r = await resourceLoader(ctx).load(d.resourceId);
    return r && canSeeResource(ctx.actor, ctx.node, r) ? r : null;
  }

  @FieldResolver(() => Organization, { description: '提供部门 / the providing agency' })
  provider(@Ctx() ctx: SubgraphContext, @Root() d: DataDestruction) {
    return organizationLoader(ctx).load(d.providerId);
  }

  @FieldResolver(() => Int, { description: '申请时符合的记录数 / how many records the request covered when it was made' })
  matchingRows(@Root() d: DataDestruction): number {
    return Number(d.matchingRows);
  }

  @FieldResolver(() => Int, { nullable: true, description: '批准后：销毁的记录数 / once approved: how many records were destroyed' })
  rowCount(@Root() d: DataDestruction): number | null {
    return d.rowCount === null ? null : Number(d.rowCount);
  }

  @FieldResolver(() => Region, { description: '所属行政区划（条目的）/ owning region (the entry’s)' })
  region(@Root() d: DataDestruction): Region {
    return Region.from(getRegion(d.regionCode)!);
  }

  @Mutation(() => DataDestruction, {
    description:
      '申请销毁数据：提供部门就已失去价值的数据申请销毁一个完整版本或符合条件的记录，说明理由和依据；由主管部门审批后才销毁 / ask to destroy a whole version, or the records matching a filter, of your entry whose data lost its value, with the reason and the article relied on; nothing is destroyed until the data authority approves [SEC-4, J §30, Z §32]',
  })
  async requestDataDestruction(@Ctx() ctx: SubgraphContext, @Arg('input') input: RequestDataDestructionInput): Promise<DataDestruction> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(input.resourceId, 'input.resourceId');
    const ask = checkDestructionAsk(input);
    const r = parseId(input.resourceId) ? await resourceLoader(ctx).load(input.resourceId) : null;
    if (!r || !canSeeResource(actor, ctx.node, r)) throw notFound('目录条目 / data resource', input.resourceId);
    if (!canRequestDestruction(actor, r))
      throw forbidden('只有提供部门的工作人员可以申请销毁其数据 / only staff of the providing agency may ask to destroy its data [SEC-4, J §30]');

    let where: CompiledFilter;
    if (ask.target === 'VERSION') {
      const [load] = await ctx.em.execute<{ status: string }[]>(`select status from ${LOAD_TABLE} where resource_id = ? and version = ?`, [r.id, ask.version]);
      if (!load) throw badInput(`条目没有版本 ${ask.version} / the entry has no version ${ask.version}`, 'input.version');
      if (load.status !== 'LOADED')
        throw badInput(`版本 ${ask.version} 的状态为 ${load.status}，没有可销毁的记录 / version ${ask.version} is ${load.status}: it holds no records to destroy`, 'input.version');
      where = { sql: 'version = ?', params: [ask.version] };
    } else {
      where = await entryFilter(ctx, r.id, ask.filter, 'input.filter');
    }
    const matchingRows = await count(ctx.em, `resource_id = ? and ${where.sql}`, [r.id, ...where.params]);
    if (matchingRows === 0) throw badInput('没有符合的记录，无需销毁 / no records match: there is nothing to destroy', ask.target === 'VERSION' ? 'input.version' : 'input.filter');
    if (ask.target === 'VERSION' && (await ctx.em.count(DataDestruction, { resourceId: r.id, loadVersion: ask.version, status: 'PENDING' })) > 0)
      throw conflict(`版本 ${ask.version} 已有待审批的销毁申请 / a request to destroy version ${ask.version} is already waiting for a decision`);

    return mutate(ctx, 'catalog', async (em) => {
      const owned = newOwned(r.regionCode);
      const d = em.create(DataDestruction, {
        ...owned,
        resourceId: r.id,
        providerId: r.providerId,
        target: ask.target,
        loadVersion: ask.version,
        filter: ask.filter,
        reason: ask.reason,
        legalBasis: ask.legalBasis,
        matchingRows,
        status: 'PENDING',
        requestedBy: actor.sub,
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
        destroyedVersions: null,
        rowCount: null,
        contentHash: null,
      });
      return {
        result: d,
        audit: {
          action: 'dataDestruction.request',
          entityType: 'DataDestruction',
          entityId: owned.id,
          data: {
            resourceId: r.id,
            providerId: r.providerId,
            target: ask.target,
            version: ask.version,
            filterItems: (ask.filter ?? []).map((f) => f.item),
            matchingRows,
            reason: ask.reason,
            legalBasis: ask.legalBasis,
          },
        },
      };
    });
  }

  @Mutation(() => DataDestruction, {
    description:
      '批准销毁申请：条目所属区域或其上级区域的数据主管部门批准后，记录在同一事务中从数据库删除；审计日志保存条目、版本、记录数和内容的 SHA-256、申请人与审批人 / approve a destruction request: the data authority of the entry’s region or a region above it approves, and the records are deleted from the database in the same transaction; the audit log keeps the entry, versions, row count and SHA-256 of the content, who asked and who approved [SEC-4, J §30, Z §32]',
  })
  async approveDataDestruction(@Ctx() ctx: SubgraphContext, @Arg('input') input: ApproveDataDestructionInput): Promise<DataDestruction> {
    const actor = requireActor(ctx);
    const note = blank(input.note) ? null : input.note!.trim();
    if (note && Array.from(note).length > MAX_REASON) throw badInput(`审批意见不能超过 ${MAX_REASON} 字 / note must be at most ${MAX_REASON} characters`, 'input.note');
    const d = await findDestruction(ctx, input.id);
    let where: CompiledFilter = { sql: 'version = ?', params: [d.loadVersion] };
    if (d.target === 'FILTER') {
      try {
        where = await entryFilter(ctx, d.resourceId, d.filter!, 'filter');
      } catch (e) {
        throw conflict(
          `条目的信息项已变更，筛选条件不再适用，请重新申请 / the entry's items changed since the request and its filter no longer applies; ask again (${(e as Error).message})`,
        );
      }
    }
    return mutate(ctx, 'catalog', async (em) => {
      await lockPending(em, d);
      if (d.target === 'VERSION') {
        const [load] = await em.execute<{ status: string }[]>(`select status from ${LOAD_TABLE} where resource_id = ? and version = ? for update`, [d.resourceId, d.loadVersion]);
        if (load?.status !== 'LOADED') throw conflict(`版本 ${d.loadVersion} 已不是 LOADED（${load?.status}）/ version ${d.loadVersion} is no longer LOADED (${load?.status})`);
      }
      const destroyed = await destroyRows(em, d.resourceId, where);
      if (d.target === 'VERSION') await em.execute(`update ${LOAD_TABLE} set status = 'DESTROYED' where resource_id = ? and version = ?`, [d.resourceId, d.loadVersion]);
      d.status = 'APPROVED';
      d.decidedBy = actor.sub;
      d.decidedAt = new Date();
      d.decisionNote = note;
      d.destroyedVersions = destroyed.versions;
      d.rowCount = destroyed.rowCount;
      d.contentHash = destroyed.contentHash;
      return {
        result: d,
        audit: {
          action: 'dataDestruction.approve',
          entityType: 'DataDestruction',
          entityId: d.id,
          data: {
            resourceId: d.resourceId,
            target: d.target,
            versions: destroyed.versions,
            rowCount: destroyed.rowCount,
            contentHash: destroyed.contentHash,
            hashAlgorithm: 'sha256',
            reason: d.reason,
            legalBasis: d.legalBasis,
            requestedBy: d.requestedBy,
            approvedBy: actor.sub,
            note,
          },
        },
      };
    });
  }

  @Mutation(() => DataDestruction, {
    description: '不予批准销毁申请（须说明理由），数据不变 / refuse a destruction request, giving the reason; nothing is destroyed [SEC-4, J §30]',
  })
  async refuseDataDestruction(@Ctx() ctx: SubgraphContext, @Arg('input') input: RefuseDataDestructionInput): Promise<DataDestruction> {
    const actor = requireActor(ctx);
    if (blank(input.reason)) throw badInput('不予批准须说明理由 / reason is required: say why the request is refused', 'input.reason');
    const reason = input.reason.trim();
    if (Array.from(reason).length > MAX_REASON) throw badInput(`理由不能超过 ${MAX_REASON} 字 / reason must be at most ${MAX_REASON} characters`, 'input.reason');
    const d = await findDestruction(ctx, input.id);
    return mutate(ctx, 'catalog', async (em) => {
      await lockPending(em, d);
      d.status = 'REFUSED';
      d.decidedBy = actor.sub;
      d.decidedAt = new Date();
      d.decisionNote = reason;
      return {
        result: d,
        audit: {
          action: 'dataDestruction.refuse',
          entityType: 'DataDestruction',
          entityId: d.id,
          data: { resourceId: d.resourceId, reason, requestedBy: d.requestedBy, refusedBy: actor.sub },
        },
      };
    });
  }
}
