import type { FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { parseId } from '../../schema/ids.js';
import { blank } from '../kit/rules/validation.js';
import { readOf, readsOf } from '../kit/server/audit.js';
import { catalogResource } from '../kit/server/catalog-client.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { badInput, forbidden } from '../kit/server/errors.js';
import { Bound, FreeText } from '../kit/server/input-bounds.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownIdRegion, connectionType, listPage, PageArgs, RegionScopeInput, type Page } from '../kit/server/pagination.js';
import { canFilePlan, canSeePlan, planFilter } from './access.js';
import { datasetByResourceLoader } from './dataset.loader.js';
import { OrganizationRef } from './foreign.js';
import { OpenDataPlan, OpenDataPlanItem, OpenDataPlanRevision, type StoredPlanItem } from './plan.entity.js';
import { checkPlanItems, checkPlanYear, itemDelivery, PLAN_ITEMS_MAX } from './plan.rules.js';

@InputType({ description: '年度开放计划中的一项 / an item of an annual open plan [J §19]' })
export class OpenDataPlanItemInput {
  @Field(() => ID, { description: '计划开放的本机构目录条目 / a catalog entry of the agency, planned for opening' })
  resourceId!: string;

  @Field(() => Int, { description: '计划开放的季度（1-4）/ the quarter it is to open in (1-4)' })
  quarter!: number;

  @Field(() => String, { nullable: true, description: '说明（可选）/ note (optional)' })
  @FreeText
  note?: string | null;
}

@InputType({
  description:
    '报送（或修订）年度开放计划；同一年度再次报送即为修订，原版本保留在历史中 / file (or revise) an annual open plan; filing again for the same year revises it and the previous revision is kept [J §19]',
})
export class FileOpenDataPlanInput {
  @Field(() => ID, { description: "报送计划的开放主体（本机构）/ the agency filing its plan (the caller's own)" })
  organizationId!: string;

  @Field(() => Int, { description: "计划年度（当年或下一年）/ the plan's year (this year or the next)" })
  year!: number;

  @Field(() => [OpenDataPlanItemInput], { description: `计划开放的目录条目，1 至 ${PLAN_ITEMS_MAX} 项 / the entries planned, 1 to ${PLAN_ITEMS_MAX}` })
  @Bound({ maxItems: PLAN_ITEMS_MAX })
  items!: OpenDataPlanItemInput[];
}

@ObjectType('OpenDataPlanDelivery', { description: '计划与完成情况对照 / plan against delivery [J §19]' })
export class OpenDataPlanDelivery {
  @Field(() => Int, { description: '计划开放数 / entries planned' })
  plannedCount!: number;

  @Field(() => Int, { description: '已在计划年度内开放数 / entries opened within the year' })
  deliveredCount!: number;

  @Field(() => Int, { description: '计划季度已过而未开放数 / entries whose quarter is over, not delivered' })
  overdueCount!: number;

  @Field(() => [OpenDataPlanItem], { description: '尚未开放的计划项 / the items not delivered' })
  undelivered!: OpenDataPlanItem[];
}

const OpenDataPlanConnection = connectionType(
  OpenDataPlan,
  'OpenDataPlan',
  '年度开放计划列表（每个开放主体每年一行，跨平台合并）/ annual open plans, one row per agency and year, merged across platforms',
);

@Resolver(() => OpenDataPlan)
export class OpenDataPlanResolver {
  @Query(() => OpenDataPlanConnection, {
    description:
      '年度开放计划及完成情况：开放主体看到本机构的，数据主管部门和审计人员看到所辖区域（含下级平台）各机构的 / annual open plans with plan against delivery: an agency sees its own, authorities and auditors those of every agency in their regions, on every platform [J §19, Z §10]',
  })
  async openDataPlans(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('year', () => Int, { description: "计划年度 / the plans' year" }) year: number,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('organizationId', () => ID, { nullable: true, description: "只列出该机构的计划 / only this agency's plan" }) organizationId?: string | null,
  ): Promise<Page<OpenDataPlan>> {
    if (!Number.isInteger(year) || year < 2000 || year > 2999) throw badInput('年度须为四位数年份 / year must be a four-digit year', 'year');
    const where: FilterQuery<OpenDataPlan>[] = [{ year }];
    if (organizationId) where.push({ agencyId: organizationId });
    return readsOf(ctx, 'OpenDataPlan', await listPage(ctx, OpenDataPlan, { visible: planFilter(ctx.actor, ctx.node), scope, where, page }));
  }

  @Query(() => OpenDataPlan, { nullable: true, description: '按ID查询年度开放计划 / an annual open plan by ID [J §19]' })
  async openDataPlan(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<OpenDataPlan | null> {
    const p = parseId(id) ? await ctx.em.findOne(OpenDataPlan, { id }) : null;
    return p && canSeePlan(ctx.actor, ctx.node, p) ? readOf(ctx, 'OpenDataPlan', p) : null;
  }

  @FieldResolver(() => OrganizationRef, { description: '报送计划的开放主体 / the agency whose plan it is' })
  agency(@Root() p: OpenDataPlan): OrganizationRef {
    return { id: p.agencyId };
  }

  @FieldResolver(() => [OpenDataPlanItem], { description: '计划项及其完成情况 / the items and whether each was delivered' })
  async items(@Ctx() ctx: SubgraphContext, @Root() p: OpenDataPlan): Promise<OpenDataPlanItem[]> {
    return itemsOf(ctx, p);
  }

  @FieldResolver(() => OpenDataPlanDelivery, { description: '计划与完成情况对照 / plan against delivery [J §19]' })
  async delivery(@Ctx() ctx: SubgraphContext, @Root() p: OpenDataPlan): Promise<OpenDataPlanDelivery> {
    const items = await itemsOf(ctx, p);
    const undelivered = items.filter((i) => !i.delivered);
    return {
      plannedCount: items.length,
      deliveredCount: items.length - undelivered.length,
      overdueCount: undelivered.filter((i) => i.overdue).length,
      undelivered,
    };
  }

  @FieldResolver(() => [OpenDataPlanRevision], { description: '被修订前的各版本，最早在前 / the superseded revisions, earliest first' })
  history(@Root() p: OpenDataPlan): OpenDataPlanRevision[] {
    return p.history.map((h) => ({ revision: h.revision, filedAt: new Date(h.filedAt), plannedCount: h.items.length, resourceIds: h.items.map((i) => i.resourceId) }));
  }

  @Mutation(() => OpenDataPlan, {
    description:
      "报送年度开放计划（开放主体）；同一年度再次报送即为修订：计划项被替换，原版本保留在历史中 / file the agency's annual open plan; filing again for the same year revises it: the items are replaced and the previous revision kept in its history [J §19, Z §10]",
  })
  async fileOpenDataPlan(@Ctx() ctx: SubgraphContext, @Arg('input') input: FileOpenDataPlanInput): Promise<OpenDataPlan> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(input.organizationId, 'input.organizationId');
    const org = parseId(input.organizationId);
    if (!org) throw badInput(`${input.organizationId} 不是有效的机构ID / ${input.organizationId} is not an organization ID`, 'input.organizationId');
    const now = new Date();
    checkPlanYear(input.year, now);
    for (const [i, item] of input.items.entries()) assertKnownIdRegion(item.resourceId, `input.items.${i}.resourceId`);
    checkPlanItems(input.items, org.region);
    if (!canFilePlan(actor, input.organizationId))
      throw forbidden('只有开放主体本机构的工作人员可以报送其年度开放计划 / only staff of the agency itself may file its annual open plan [J §19]');
    const entries = await Promise.all(input.items.map((i) => catalogResource(ctx, i.resourceId, ['provider', 'status'])));
    entries.forEach((r, i) => {
      const field = `input.items.${i}.resourceId`;
      if (!r) throw badInput(`目录条目 ${input.items[i]!.resourceId} 不存在 / catalog entry ${input.items[i]!.resourceId} does not exist: check the ID`, field);
      if (r.provider.id !== input.organizationId)
        throw badInput(`目录条目 ${r.id} 不是本机构提供的 / entry ${r.id} is not provided by this agency: plan only the agency's own entries [Z §11]`, field);
      if (r.status === 'DEPRECATED') throw badInput(`目录条目 ${r.id} 已停用，不能计划开放 / entry ${r.id} is retired and cannot be planned for opening`, field);
    });
    const items: StoredPlanItem[] = input.items.map((i) => ({ resourceId: i.resourceId, quarter: i.quarter, note: blank(i.note) ? null : i.note!.trim() }));
    const existing = await ctx.em.findOne(OpenDataPlan, { agencyId: input.organizationId, year: input.year });
    return mutate(ctx, 'opening', async (em) => {
      let p = existing;
      if (p) {
        p.history = [...p.history, { revision: p.revision, filedAt: p.filedAt.toISOString(), items: p.items }];
        Object.assign(p, { items, revision: p.revision + 1, filedAt: now, updatedAt: now });
      } else {
        const owned = newOwned(org.region);
        p = em.create(OpenDataPlan, { ...owned, agencyId: input.organizationId, year: input.year, items, revision: 1, history: [], filedAt: now, updatedAt: now });
      }
      return {
        result: p,
        audit: {
          action: 'openDataPlan.file',
          entityType: 'OpenDataPlan',
          entityId: p.id,
          data: { agencyId: input.organizationId, year: input.year, revision: p.revision, items: items.length },
        },
      };
    });
  }
}

/** Each item with the dataset of its entry (one query per request for all of them). */
async function itemsOf(ctx: SubgraphContext, p: OpenDataPlan): Promise<OpenDataPlanItem[]> {
  const datasets = await datasetByResourceLoader(ctx).loadMany(p.items.map((i) => i.resourceId));
  const now = new Date();
  return p.items.map((item, i) => {
    const d = datasets[i];
    const openedAt = d && !(d instanceof Error) ? d.publishedAt : null;
    return { ...item, openedAt, ...itemDelivery(p.year, item.quarter, openedAt, now) };
  });
}
