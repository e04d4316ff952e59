import type { FilterQuery } from '@mikro-orm/postgresql';
import { requiredText } from './filing.rules.js';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACCESS_METHODS } from '../../schema/enums.js';
import { parseId } from '../../schema/ids.js';
import { resolvePolicy } from '../kit/rules/policy.js';
import { blank } from '../kit/rules/validation.js';
import { readOf, readsOf, recordRead } from '../kit/server/audit.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { badInput, forbidden, notFound } from '../kit/server/errors.js';
import { Bound, FreeText } from '../kit/server/input-bounds.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownIdRegion, connectionType, listPage, PageArgs, RegionScopeInput, type Page } from '../kit/server/pagination.js';
import { canHandleEmergency, canSeeDataset, canSeeEmergency, emergencyFilter } from './access.js';
import { OpenDataset } from './dataset.entity.js';
import { datasetLoader } from './dataset.loader.js';
import { openingResource } from './dataset.resolver.js';
import { checkOpenable, defaultDataType } from './dataset.rules.js';
import { OpenDataEmergency, OpenDataEmergencyMeasure } from './emergency.entity.js';
import { shutDownEmergencyApplications } from './emergency.shutdown.js';
import { checkActive, checkEmergencyTarget, checkEndMeasures, checkOpenForHours, EMERGENCY_EVENT_MAX, EMERGENCY_SUMMARY_MAX, isDue, openUntil } from './emergency.rules.js';
import {
  OpenAccessMethodEnum,
  OpenEmergencyKindEnum,
  OpenEmergencyMeasureEnum,
  OpenEmergencyStatusEnum,
  type OpenAccessMethod,
  type OpenEmergencyKind,
  type OpenEmergencyMeasure,
  type OpenEmergencyStatus,
} from './enums.js';

@InputType({
  description:
    "应急开放：数据主管部门一次决定即开放，无需开放主体提议 / open data for an emergency: the data authority's order is the one approval, with no proposal round [OPN-8, Z §8]",
})
export class OpenEmergencyDataInput {
  @Field(() => ID, { description: '要开放的已发布目录条目 / the PUBLISHED catalog entry to open' })
  resourceId!: string;

  @Field({ description: '突发事件名称 / the emergency event' })
  @FreeText
  event!: string;

  @Field(() => OpenEmergencyKindEnum, { description: '突发事件类型 / kind of event [Z §8]' })
  kind!: OpenEmergencyKind;

  @Field(() => Int, { description: '开放时长（小时，1-720），到期须结束或再次开放 / how many hours the opening lasts (1-720); when they run out it is due to end' })
  openForHours!: number;

  @Field(() => [OpenAccessMethodEnum], { description: '开放方式，至少一种；受限开放数据不得下载 / at least one; RESTRICTED data is never downloaded [Z §20]' })
  @Bound({ maxItems: 3 })
  accessMethods!: OpenAccessMethod[];

  @Field(() => ID, { nullable: true, description: '加入已在应对中的同一事件（可选）/ add the dataset to an emergency already under way (optional)' })
  emergencyId?: string | null;
}

@InputType({ description: "对一个数据集所采集数据的处理 / what is done with one dataset's collected data [Z §32]" })
export class OpenDataEmergencyMeasureInput {
  @Field(() => ID, { description: '为该事件开放的数据集 / a dataset opened for the event' })
  datasetId!: string;

  @Field(() => OpenEmergencyMeasureEnum, { description: '封存或安排销毁 / sealed or scheduled for destruction' })
  measure!: OpenEmergencyMeasure;

  @Field(() => String, { nullable: true, description: '说明（可选）/ note (optional)' })
  @FreeText
  note?: string | null;
}

const OpenDataEmergencyConnection = connectionType(
  OpenDataEmergency,
  'OpenDataEmergency',
  '应急开放列表（跨平台合并，最新在前）/ emergency openings, merged across platforms, newest first',
);

const refuse = () =>
  forbidden(
    '只有条目所属区域（或其上级区域）在本平台的数据主管部门可以应急开放或结束应急开放 / only the data authority acting on the region on this platform may open data for an emergency or end it [Z §8, Z §32, B §31]',
  );

@Resolver(() => OpenDataEmergency)
export class OpenDataEmergencyResolver {
  @Query(() => OpenDataEmergency, {
    nullable: true,
    description:
      '按ID查询应急开放（监管其区域的部门和数据开放主体可见）/ an emergency opening by ID (those overseeing its region and the opening agencies of its data) [Z §8, Z §32]',
  })
  async openDataEmergency(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<OpenDataEmergency | null> {
    const e = parseId(id) ? await ctx.em.findOne(OpenDataEmergency, { id }) : null;
    return e && canSeeEmergency(ctx.actor, ctx.node, e) ? readOf(ctx, 'OpenDataEmergency', e) : null;
  }

  @Query(() => OpenDataEmergencyConnection, {
    description: '应急开放列表；due 为 true 时只列出开放时长已到而仍在应对中的 / emergency openings; with due: true only those still ACTIVE whose hours have run out [Z §8, Z §32]',
  })
  async openDataEmergencies(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('status', () => OpenEmergencyStatusEnum, { nullable: true, description: '只列出该状态的 / only this status' }) status?: OpenEmergencyStatus | null,
    @Arg('due', () => Boolean, { nullable: true, description: '只列出到期应结束的 / only those due to end' }) due?: boolean | null,
  ): Promise<Page<OpenDataEmergency>> {
    const where: FilterQuery<OpenDataEmergency>[] = [];
    if (status) where.push({ status });
    if (due) where.push({ status: 'ACTIVE', openUntil: { $lte: new Date() } });
    return readsOf(ctx, 'OpenDataEmergency', await listPage(ctx, OpenDataEmergency, { visible: emergencyFilter(ctx.actor, ctx.node), scope, where, page }));
  }

  @FieldResolver(() => Boolean, { description: '开放时长已到而仍在应对中：须结束或再次开放 / still ACTIVE with its hours run out: it must be ended or opened again' })
  due(@Root() e: OpenDataEmergency): boolean {
    return isDue(e, new Date());
  }

  @FieldResolver(() => [OpenDataset], { description: '为该事件开放的数据集（调用者可见的）/ the datasets opened for the event, as the caller may see them' })
  async datasets(@Ctx() ctx: SubgraphContext, @Root() e: OpenDataEmergency): Promise<OpenDataset[]> {
    const found = await datasetLoader(ctx).loadMany(e.datasetIds);
    return found.filter((d): d is OpenDataset => d instanceof OpenDataset && canSeeDataset(ctx.actor, ctx.node, d));
  }

  @FieldResolver(() => [OpenDataEmergencyMeasure], { description: "结束时对各数据集所采集数据的处理 / what was done with each dataset's collected data when it ended [Z §32]" })
  measures(@Root() e: OpenDataEmergency): OpenDataEmergencyMeasure[] {
    return e.measures.map((m) => Object.assign(new OpenDataEmergencyMeasure(), m));
  }

  @Mutation(() => OpenDataEmergency, {
    description:
      "应急开放（数据主管部门）：目录条目的数据集一次决定即开放，无需提议和审核轮次，并标记为应急数据 / open data for an emergency (the data authority): the entry's dataset opens at once on this one approval, with no proposal round, marked as emergency data [OPN-8, Z §8, B §31]",
  })
  async openEmergencyData(@Ctx() ctx: SubgraphContext, @Arg('input') input: OpenEmergencyDataInput): Promise<OpenDataEmergency> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(input.resourceId, 'input.resourceId');
    const ref = parseId(input.resourceId);
    if (!ref) throw badInput(`${input.resourceId} 不是有效的目录条目ID / ${input.resourceId} is not a catalog entry ID: pass the id of a DataResource`, 'input.resourceId');
    const event = requiredText(input.event, 'input.event', '突发事件名称', 'event', EMERGENCY_EVENT_MAX);
    checkOpenForHours(input.openForHours);
    const methods = ACCESS_METHODS.filter((m) => input.accessMethods.includes(m));
    if (methods.length === 0)
      throw badInput('至少需要一种开放方式（DOWNLOAD、API 或 MODEL）/ choose at least one access method (DOWNLOAD, API or MODEL) [Z §20]', 'input.accessMethods');
    if (input.emergencyId) {
      assertKnownIdRegion(input.emergencyId, 'input.emergencyId');
      if (!parseId(input.emergencyId)) throw badInput(`${input.emergencyId} 不是有效的应急开放ID / ${input.emergencyId} is not an emergency ID`, 'input.emergencyId');
    }
    if (!canHandleEmergency(actor, ctx.node, ref.region)) throw refuse();
    const r = await openingResource(ctx, input.resourceId, 'input.resourceId');
    const openAttribute = checkOpenable(r, methods, resolvePolicy(ctx.node.profiles));
    let emergency: OpenDataEmergency | null = null;
    if (input.emergencyId) {
      emergency = await ctx.em.findOne(OpenDataEmergency, { id: input.emergencyId });
      if (!emergency || !canSeeEmergency(actor, ctx.node, emergency)) throw notFound('应急开放 / emergency opening', input.emergencyId);
      if (!canHandleEmergency(actor, ctx.node, emergency.regionCode)) throw refuse();
      checkActive(emergency);
    }
    const existing = await ctx.em.findOne(OpenDataset, { resourceId: r.id });
    checkEmergencyTarget(existing);
    return mutate(ctx, 'opening', async (em) => {
      const now = new Date();
      let e = emergency;
      if (!e) {
        const owned = newOwned(ref.region);
        e = em.create(OpenDataEmergency, {
          ...owned,
          event,
          kind: input.kind,
          status: 'ACTIVE',
          datasetIds: [],
          providerIds: [],
          openForHours: input.openForHours,
          openUntil: openUntil(now, input.openForHours),
          declaredBy: actor.sub,
          endedAt: null,
          endedBy: null,
          endSummary: null,
          measures: [],
          applicationsShutDown: null,
          updatedAt: now,
        });
      } else {
        // Joining datasets extend the opening to the latest of its hours.
        const until = openUntil(now, input.openForHours);
        if (until > e.openUntil) Object.assign(e, { openUntil: until, openForHours: Math.round((until.getTime() - e.createdAt.getTime()) / 3600_000) });
      }
      const facts = {
        title: r.name,
        description: r.summary,
        openAttribute,
        format: r.format,
        updateFrequency: r.updateFrequency,
        dataType: defaultDataType(r.format),
        accessMethods: methods,
        status: 'OPEN' as const,
        updatedAt: now,
        suspendedAt: null,
        suspensionReason: null,
        catalogEventId: null,
        emergencyId: e.id,
        emergencyMeasure: null,
        applicationsShutDownAt: null,
      };
      let d = existing;
      if (d) {
        // The order supersedes a pending proposal: it is closed with a note, not left to be approved later.
        const superseded = d.proposalData && {
          ...d.proposalData,
          reviewComment: '由应急开放取代 / superseded by an emergency opening [Z §8]',
          reviewedBy: actor.sub,
          reviewedAt: now.toISOString(),
        };
        Object.assign(d, facts, { publishedAt: d.publishedAt ?? now, proposalData: superseded, proposalStatus: null });
      } else {
        const owned = newOwned(ref.region);
        d = em.create(OpenDataset, {
          ...owned,
          ...facts,
          resourceId: r.id,
          providerId: r.provider.id,
          priorityDomain: null,
          publishedAt: now,
          proposalData: null,
          proposalStatus: null,
        });
      }
      e.datasetIds = [...e.datasetIds, d.id];
      e.providerIds = [...new Set([...e.providerIds, r.provider.id])];
      e.updatedAt = now;
      return {
        result: e,
        audit: {
          action: 'openDataEmergency.open',
          entityType: 'OpenDataEmergency',
          entityId: e.id,
          data: { datasetId: d.id, resourceId: r.id, event, kind: input.kind, openForHours: input.openForHours, accessMethods: methods, joined: emergency !== null },
        },
      };
    });
  }

  @Mutation(() => OpenDataEmergency, {
    description:
      '结束应急开放（数据主管部门）：数据集撤回，为事件采集的数据逐一封存或安排销毁，相关数据应用关停，均予记录 / end an emergency opening (the data authority): its datasets are withdrawn, what was collected for each is sealed or scheduled for destruction, the applications built on it are shut down, and all of it is recorded [OPN-8, Z §32]',
  })
  async endOpenDataEmergency(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('summary', { description: '分类评估及安全处理情况 / the assessment and the safe handling done [Z §32]' }) @FreeText summary: string,
    @Arg('measures', () => [OpenDataEmergencyMeasureInput], { description: "每个数据集所采集数据的处理 / the measure for each dataset's collected data" })
    @Bound({ maxItems: 100 })
    measures: OpenDataEmergencyMeasureInput[],
  ): Promise<OpenDataEmergency> {
    const actor = requireActor(ctx);
    const text = requiredText(summary, 'summary', '结束说明', 'summary', EMERGENCY_SUMMARY_MAX);
    assertKnownIdRegion(id, 'id');
    const e = parseId(id) ? await ctx.em.findOne(OpenDataEmergency, { id }) : null;
    if (!e || !canSeeEmergency(actor, ctx.node, e)) throw notFound('应急开放 / emergency opening', id);
    if (!canHandleEmergency(actor, ctx.node, e.regionCode)) throw refuse();
    checkActive(e);
    checkEndMeasures(e.datasetIds, measures);
    const datasets = await ctx.em.find(OpenDataset, { id: { $in: e.datasetIds } });
    return mutate(ctx, 'opening', async (em) => {
      const now = new Date();
      const stored = measures.map((m) => ({ datasetId: m.datasetId, measure: m.measure, note: blank(m.note) ? null : m.note!.trim() }));
      for (const d of datasets) {
        const measure = stored.find((m) => m.datasetId === d.id)!.measure;
        Object.assign(d, { status: 'WITHDRAWN', emergencyMeasure: measure, applicationsShutDownAt: now, updatedAt: now });
      }
      const applicationsShutDown = await shutDownEmergencyApplications(em, e.datasetIds, now);
      Object.assign(e, { status: 'ENDED', endedAt: now, endedBy: actor.sub, endSummary: text, measures: stored, applicationsShutDown, updatedAt: now });
      return {
        result: e,
        audit: {
          action: 'openDataEmergency.end',
          entityType: 'OpenDataEmergency',
          entityId: e.id,
          data: { summary: text, measures: stored.map((m) => ({ datasetId: m.datasetId, measure: m.measure })), applicationsShutDown },
        },
      };
    });
  }
}

/** What an open dataset says of the emergency it was opened for [Z §8]. */
@Resolver(() => OpenDataset)
export class OpenDatasetEmergencyResolver {
  @FieldResolver(() => Boolean, { description: '是否为应急开放的数据 / whether it was opened for an emergency [Z §8]' })
  emergencyData(@Root() d: OpenDataset): boolean {
    return d.emergencyId !== null && d.emergencyId !== undefined;
  }

  @FieldResolver(() => OpenDataEmergency, {
    nullable: true,
    description: '应急开放记录（监管其区域的部门和开放主体可见）/ the emergency opening it belongs to (those overseeing its region and its opening agency) [Z §8, Z §32]',
  })
  async emergency(@Ctx() ctx: SubgraphContext, @Root() d: OpenDataset): Promise<OpenDataEmergency | null> {
    if (!d.emergencyId) return null;
    const e = await ctx.em.findOne(OpenDataEmergency, { id: d.emergencyId });
    if (!e || !canSeeEmergency(ctx.actor, ctx.node, e)) return null;
    recordRead(ctx, 'OpenDataEmergency', e.id, e.regionCode);
    return e;
  }
}
