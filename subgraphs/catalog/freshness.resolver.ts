import { Arg, Args, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Actor } from '../../schema/auth.js';
import { hasRole } from '../kit/rules/access.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { badInput, conflict, forbidden } from '../kit/server/errors.js';
import { mutate } from '../kit/server/mutation.js';
import { connectionType, PageArgs, RegionScopeInput, listPage } from '../kit/server/pagination.js';
import { blank } from '../kit/rules/validation.js';
import { Organization } from './organization.entity.js';
import { organizationLoader } from './organization.loader.js';
import { type DataItem, DataResource } from './resource.entity.js';
import { RecordDataUpdateInput } from './resource.inputs.js';
import { loadForCompiling, supervisedRegions, supervisionFilter } from './access.js';
import { itemsLoader } from './resource.loader.js';
import { contentOf, isOverdue, recordVersion, updateDueAfter } from './workflow.js';

@ObjectType('AgencyOverdueSummary', { description: "某部门逾期未更新的目录条目统计 / how many of an agency's entries are overdue for a data update [B §17-18, L §8]" })
class AgencyOverdueSummary {
  providerId!: string;

  @Field(() => Int, { description: '逾期条目数 / overdue entries' })
  overdueCount!: number;

  @Field({ description: '最早的更新截止时间 / the earliest missed due date' })
  oldestDueAt!: Date;
}

const OverdueConnection = connectionType(DataResource, 'OverdueDataResource', '逾期未更新的目录条目 / catalog entries overdue for a data update');

const overdueNow = (): FilterQuery<DataResource> => ({ status: 'PUBLISHED', updateDueAt: { $lt: new Date() } });

@Resolver(() => DataResource)
export class FreshnessResolver {
  @FieldResolver(() => Boolean, { description: '已发布且超过更新周期未报送数据更新 / published and past its update frequency without a reported data update [B §17-18, L §8]' })
  overdue(@Root() r: DataResource): boolean {
    return isOverdue(r);
  }

  @Query(() => [AgencyOverdueSummary], {
    description: '按部门统计逾期未更新的条目（数据主管部门、审计人员），逾期多的在前 / overdue entries per agency, most first (data authority, auditors) [B §18, L §8]',
  })
  async overdueCatalogByAgency(
    @Ctx() ctx: SubgraphContext,
    @Arg('scope', () => RegionScopeInput, { nullable: true }) scope?: RegionScopeInput | null,
  ): Promise<AgencyOverdueSummary[]> {
    const actor = requireActor(ctx);
    if (!hasRole(actor, 'AUTHORITY') && !hasRole(actor, 'AUDITOR'))
      throw forbidden('逾期统计仅限数据主管部门和审计人员 / overdue statistics are for the data authority and auditors');
    const regions = supervisedRegions(actor, ctx.node, scope);
    if (!regions.length) return [];
    const rows = await ctx.em.execute<{ provider_id: string; overdue_count: number; oldest_due_at: Date | string }[]>(
      `select provider_id, count(*)::int as overdue_count, min(update_due_at) as oldest_due_at
         from "catalog"."data_resource"
        where status = 'PUBLISHED' and update_due_at < now() and region_code in (${regions.map(() => '?').join(', ')})
        group by provider_id order by count(*) desc, provider_id`,
      regions,
    );
    return rows.map((r) => Object.assign(new AgencyOverdueSummary(), { providerId: r.provider_id, overdueCount: r.overdue_count, oldestDueAt: new Date(r.oldest_due_at) }));
  }

  @Query(() => OverdueConnection, {
    description:
      '逾期未更新的目录条目：数据主管部门和审计人员看到所辖全部，部门看到本部门的 / entries overdue for a data update: the authority and auditors see their regions, an agency its own [B §18, L §8]',
  })
  overdueDataResources(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true }) scope?: RegionScopeInput | null,
    @Arg('providerId', () => ID, { nullable: true }) providerId?: string | null,
  ) {
    const actor = requireActor(ctx);
    const supervised = supervisionFilter(actor, ctx.node);
    let visible: FilterQuery<DataResource>;
    if (supervised) visible = supervised;
    else if (hasRole(actor, 'AGENCY') && actor.orgId) visible = { providerId: actor.orgId };
    else throw forbidden('逾期清单仅限数据主管部门、审计人员和提供部门 / overdue lists are for the authority, auditors and the providing agency');
    const where: FilterQuery<DataResource>[] = [overdueNow()];
    if (providerId) where.push({ providerId });
    return listPage(ctx, DataResource, { visible, scope, where, page });
  }

  @Mutation(() => DataResource, {
    description:
      '报送数据更新（提供部门）：按更新周期重新计算下一次截止时间 / report a data update (providing agency); the next due date follows from the update frequency [B §18, L §8]',
  })
  async recordDataUpdate(@Ctx() ctx: SubgraphContext, @Arg('input') input: RecordDataUpdateInput): Promise<DataResource> {
    const r = await loadForCompiling(ctx, input.resourceId, 'input.resourceId');
    const actor = ctx.actor;
    if (r.status !== 'PUBLISHED') throw conflict(`只有已发布的条目报送数据更新，当前为 ${r.status} / only PUBLISHED entries report data updates (this one is ${r.status})`);
    let at = new Date();
    if (input.updatedOn != null) {
      if (input.updatedOn > todayInChina()) throw badInput('数据更新日期不能晚于今天 / the update date cannot be in the future', 'input.updatedOn');
      at = new Date(`${input.updatedOn}T00:00:00+08:00`);
    }
    const items = await itemsLoader(ctx).load(r.id);
    return mutate(ctx, 'catalog', async (em) => {
      await markDataUpdated(em, r, actor, at, items, blank(input.note) ? null : input.note!.trim());
      return { result: r, audit: { action: 'dataResource.recordDataUpdate', entityType: 'DataResource', entityId: r.id, data: { updatedAt: at.toISOString() } } };
    });
  }
}

/**
 * Records a data update of a published entry (CAT-7): the next due date follows from the update
 * frequency, and the entry's history keeps it as a version. Reported by the provider
 * (`recordDataUpdate`) or made by a successful load of its records (records/ingest.ts).
 */
export async function markDataUpdated(em: EntityManager, r: DataResource, actor: Actor, at: Date, items: DataItem[], note: string | null): Promise<void> {
  const before = r.lastDataUpdateAt;
  // A late report of an older update must not move the record backwards.
  const last = before && before > at ? before : at;
  Object.assign(r, { lastDataUpdateAt: last, updateDueAt: updateDueAfter(last, r.updateFrequency) });
  const change = { field: 'lastDataUpdateAt', before: before?.toISOString() ?? null, after: last.toISOString() };
  await recordVersion(em, r, actor, 'DATA_UPDATED', contentOf(r, items), [change], note);
}

@Resolver(() => AgencyOverdueSummary)
export class AgencyOverdueSummaryResolver {
  @FieldResolver(() => Organization, { nullable: true, description: '提供部门 / the agency' })
  provider(@Ctx() ctx: SubgraphContext, @Root() s: AgencyOverdueSummary) {
    return organizationLoader(ctx).load(s.providerId);
  }
}
