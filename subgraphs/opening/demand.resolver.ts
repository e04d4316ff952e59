import type { FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { parseId } from '../../schema/ids.js';
import { isKnownRegion } from '../../schema/regions.js';
import { actsOn } from '../kit/rules/access.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { isOverdue, overdueFilter } from '../kit/rules/deadlines.js';
import { readOf, readsOf } from '../kit/server/audit.js';
import { catalogOrganization } from '../kit/server/catalog-client.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { badInput, forbidden, notFound } from '../kit/server/errors.js';
import { Bound, FreeText } from '../kit/server/input-bounds.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownIdRegion, connectionType, PageArgs, RegionScopeInput, listPage, type Page } from '../kit/server/pagination.js';
import { canAnswerDemand, canRouteDemand, canSeeDataset, canSeeDemand, demandFilter } from './access.js';
import { OpenDataset } from './dataset.entity.js';
import { openingResource } from './dataset.resolver.js';
import { OpenDataDemand } from './demand.entity.js';
import {
  checkDemandAddress,
  checkDemandAgency,
  checkDemandAnswer,
  checkDemandDataset,
  checkDemandOpen,
  checkInDemandRegion,
  checkRoutable,
  demandDeadline,
} from './demand.rules.js';
import { OpenDemandDecisionEnum, OpenDemandStatusEnum, type OpenDemandDecision, type OpenDemandStatus } from './enums.js';
import { newReceiptToken, optionalText, receiptMatches, requiredText } from './filing.rules.js';
import { DataResourceRef, OrganizationRef } from './foreign.js';

@InputType({ description: '提出开放目录外的数据开放需求 / ask for data that is not open yet [OPN-5, Z §22, B §34]' })
export class FileOpenDataDemandInput {
  @Field(() => ID, {
    nullable: true,
    description:
      '需求所向的开放主体（持有数据的机关或公共服务机构）；需求保存在其所在平台。与 regionCode 二选一 / the agency (public body) holding the data; the demand lives on its platform. Either this or regionCode',
  })
  providerId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      '不清楚由哪个部门提供时，需求所向的行政区划（6位代码），由该区域的数据主管部门指定开放主体。与 providerId 二选一 / when you do not know the agency: the region (6-digit code) whose data authority names one. Either this or providerId',
  })
  @Bound({ kind: 'code', max: 6 })
  regionCode?: string | null;

  @Field({ description: '需要的数据：内容、范围和更新要求 / the data wanted: what, its coverage and freshness' })
  @FreeText
  description!: string;

  @Field({ description: '用途：将用这些数据做什么 / the purpose: what the data will be used for' })
  @FreeText
  purpose!: string;
}

@InputType({ description: '开放需求筛选条件 / filters for demands for data not yet open' })
export class OpenDataDemandFilter {
  @Field(() => OpenDemandStatusEnum, { nullable: true, description: '状态 / status' })
  status?: OpenDemandStatus | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true：仅超期未答复的（OPEN 且期限早于今天，北京时间）；false：仅未超期的 / true: only overdue ones (OPEN and due before today, China time); false: only those not overdue',
  })
  overdue?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "true：仅向区域提出、尚未指定开放主体的（数据主管部门的分派队列）/ true: only demands addressed to a region and not yet routed to an agency (the authority's routing queue)",
  })
  unrouted?: boolean | null;
}

const OpenDataDemandConnection = connectionType(
  OpenDataDemand,
  'OpenDataDemand',
  '开放目录外数据需求列表（跨平台合并，最新在前）/ a page of demands for data not yet open, merged across platforms, newest first',
);

@Resolver(() => OpenDataDemand)
export class OpenDataDemandResolver {
  @Query(() => OpenDataDemand, {
    nullable: true,
    description:
      '按ID查询开放需求：需求人凭回执令牌（或以本人用户账号登录）查看处理结果；所向机构和监管其区域的部门可直接查看 / a demand by ID: the requester follows it with its receipt token (or signed in as the user who filed it); the agency addressed and those overseeing its region see it directly [OPN-5, Z §22]',
  })
  async openDataDemand(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('receiptToken', () => String, { nullable: true, description: '提出需求时返回的回执令牌 / the receipt token returned when the demand was filed' })
    @Bound({ kind: 'code' })
    receiptToken?: string | null,
  ): Promise<OpenDataDemand | null> {
    const d = parseId(id) ? await ctx.em.findOne(OpenDataDemand, { id }) : null;
    if (!d) return null;
    return receiptMatches(receiptToken, d.receiptTokenHash) || canSeeDemand(ctx.actor, ctx.node, d) ? readOf(ctx, 'OpenDataDemand', d) : null;
  }

  @Query(() => OpenDataDemandConnection, {
    description:
      '开放需求列表：所向机构看到向本机构提出或指定给本机构的，数据主管部门和审计人员看到所辖区域的，登记用户看到本人提出的；公众凭回执查看单件 / demands for data not yet open: an agency sees those addressed or routed to it, authorities and auditors those of their regions, a registered user its own; the public follows one by its receipt [OPN-5, Z §22]',
  })
  async openDataDemands(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('filter', () => OpenDataDemandFilter, { nullable: true }) filter?: OpenDataDemandFilter | null,
  ): Promise<Page<OpenDataDemand>> {
    // The public follows its own demand by its receipt, never through a list.
    requireActor(ctx);
    const where: FilterQuery<OpenDataDemand>[] = [];
    if (filter?.status) where.push({ status: filter.status });
    if (filter?.overdue != null) where.push(overdueFilter<OpenDataDemand>(filter.overdue));
    if (filter?.unrouted != null) where.push(filter.unrouted ? { providerId: null, status: 'OPEN' } : { $or: [{ providerId: { $ne: null } }, { status: { $ne: 'OPEN' } }] });
    return readsOf(ctx, 'OpenDataDemand', await listPage(ctx, OpenDataDemand, { visible: demandFilter(ctx.actor, ctx.node), scope, where, page }));
  }

  @FieldResolver(() => String, { description: "需求所在的行政区划（所向机构的，或需求所向的区域）/ the region of the demand: the agency's, or the region it was addressed to" })
  regionCode(@Root() d: OpenDataDemand): string {
    return d.regionCode;
  }

  @FieldResolver(() => OrganizationRef, {
    nullable: true,
    description: '负责答复的开放主体（向区域提出且尚未指定时为空）/ the agency that answers (null while a demand addressed to a region is not routed)',
  })
  provider(@Root() d: OpenDataDemand): OrganizationRef | null {
    return d.providerId ? { id: d.providerId } : null;
  }

  @FieldResolver(() => DataResourceRef, {
    nullable: true,
    description:
      '答复该需求的目录条目（同意开放时）；调用者看不到该条目时为空 / the catalog entry that answers the demand (when accepted); null when the caller may not see it [Z §22]',
  })
  resource(@Root() d: OpenDataDemand): DataResourceRef | null {
    return d.resourceId ? { id: d.resourceId } : null;
  }

  @FieldResolver(() => OpenDataset, {
    nullable: true,
    description:
      "答复该需求的开放数据集：答复时指明的，否则为该目录条目开放后的数据集；尚未开放或调用者看不到时为空 / the open dataset that answers the demand: the one named in the answer, else the entry's dataset once it is opened; null until then or when the caller may not see it [Z §22]",
  })
  async dataset(@Ctx() ctx: SubgraphContext, @Root() d: OpenDataDemand): Promise<OpenDataset | null> {
    if (!d.resourceId) return null;
    const ds = await ctx.em.findOne(OpenDataset, d.datasetId ? { id: d.datasetId } : { resourceId: d.resourceId });
    return ds && canSeeDataset(ctx.actor, ctx.node, ds) ? ds : null;
  }

  @FieldResolver(() => Boolean, { description: '超期未答复：仍为 OPEN 且答复期限早于今天（北京时间）/ overdue: still OPEN and the due date is before today (China time)' })
  overdue(@Root() d: OpenDataDemand): boolean {
    return isOverdue(d);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: '是否在期限内答复（未答复时为空）/ whether it was answered by the due date (null while OPEN)' })
  answeredOnTime(@Root() d: OpenDataDemand): boolean | null {
    return d.answeredAt ? todayInChina(d.answeredAt) <= d.dueDate : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: '回执令牌：仅在提出时返回一次，请妥善保存，凭它查看处理结果 / the receipt token: returned once, when filed; keep it to follow the demand',
  })
  receiptToken(@Root() d: OpenDataDemand): string | null {
    return d.receiptToken ?? null;
  }

  @Mutation(() => OpenDataDemand, {
    description:
      '提出开放目录外的数据开放需求：任何人（包括未登录的公众）可向持有数据的开放主体提出，不清楚由谁提供时向行政区划提出，由该区域的数据主管部门指定；答复期限见 dueDate；返回一次性的回执令牌 / ask for data that is not open yet: anyone may file, signed in or not, to the agency holding the data, or to a region whose data authority names the agency; see dueDate for the answer period; the answer carries a receipt token, shown once [OPN-5, Z §22, B §34]',
  })
  async fileOpenDataDemand(@Ctx() ctx: SubgraphContext, @Arg('input') input: FileOpenDataDemandInput): Promise<OpenDataDemand> {
    const to = checkDemandAddress(input.providerId, input.regionCode);
    let region: string;
    let providerId: string | null = null;
    if (to === 'AGENCY') {
      providerId = input.providerId!.trim();
      assertKnownIdRegion(providerId, 'input.providerId');
      const ref = parseId(providerId);
      if (!ref) throw badInput(`${providerId} 不是有效的机构ID / ${providerId} is not an organization ID: pass the id of an Organization`, 'input.providerId');
      region = ref.region;
    } else {
      region = input.regionCode!.trim();
      if (!isKnownRegion(region)) throw badInput(`行政区划代码 "${region}" 无效 / unknown region code "${region}": pass a 6-digit code of the region`, 'input.regionCode');
    }
    if (!ctx.node.regions.includes(region)) {
      throw badInput(
        `区域 ${region} 不由本平台承载，请向其所在平台提出 / region ${region} is not hosted on this platform: file the demand on the platform that hosts it`,
        to === 'AGENCY' ? 'input.providerId' : 'input.regionCode',
      );
    }
    const description = requiredText(input.description, 'input.description', '需要的数据', 'description');
    const purpose = requiredText(input.purpose, 'input.purpose', '用途', 'purpose');
    if (providerId) checkDemandAgency(await catalogOrganization(ctx, providerId), providerId);
    const { token, hash } = newReceiptToken();
    const account = ctx.actor.account ?? null;
    return mutate(ctx, 'opening', async (em) => {
      const owned = newOwned(region);
      const deadline = demandDeadline(ctx.node.profiles, owned.createdAt);
      const d = em.create(OpenDataDemand, {
        ...owned,
        ...deadline,
        providerId,
        description,
        purpose,
        requesterAccount: account,
        receiptTokenHash: hash,
        status: 'OPEN',
        routedAt: null,
        reply: null,
        answeredAt: null,
        resourceId: null,
        datasetId: null,
        updatedAt: owned.createdAt,
      });
      d.receiptToken = token;
      return {
        result: d,
        audit: { action: 'openDataDemand.file', entityType: 'OpenDataDemand', entityId: d.id, data: { providerId, regionCode: region, byAccount: account !== null, ...deadline } },
      };
    });
  }

  @Mutation(() => OpenDataDemand, {
    description:
      '为向区域提出的需求指定开放主体（该区域在本平台的数据主管部门）；未答复前可改指定；答复期限不变 / name the agency that answers a demand addressed to a region (the data authority acting on that region on this platform); it may be changed until the demand is answered; the due date stays [OPN-5, Z §22, B §6]',
  })
  async routeOpenDataDemand(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('providerId', () => ID, { description: '指定的开放主体（本区域或下级区域、由本平台承载的机构）/ the agency, of the region or a region below it hosted on this platform' })
    providerId: string,
  ): Promise<OpenDataDemand> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(providerId, 'providerId');
    if (!parseId(providerId)) throw badInput(`${providerId} 不是有效的机构ID / ${providerId} is not an organization ID: pass the id of an Organization`, 'providerId');
    const d = await this.load(ctx, id);
    if (!canRouteDemand(actor, ctx.node, d)) {
      throw forbidden(
        "只有需求所在区域（或上级区域）在本平台的数据主管部门可以指定开放主体 / only the data authority acting on the demand's region on this platform may name the agency that answers it [Z §22, B §6]",
      );
    }
    checkDemandOpen(d, 'route');
    checkRoutable(d.regionCode, providerId, ctx.node.regions, await catalogOrganization(ctx, providerId), 'providerId');
    return mutate(ctx, 'opening', async () => {
      const now = new Date();
      Object.assign(d, { providerId, routedAt: now, updatedAt: now });
      return { result: d, audit: { action: 'openDataDemand.route', entityType: 'OpenDataDemand', entityId: d.id, data: { providerId } } };
    });
  }

  @Mutation(() => OpenDataDemand, {
    description:
      "评估并答复开放需求（所向开放主体，或需求所在区域在本平台的数据主管部门）：ACCEPTED 须关联答复需求的目录条目（该机构的条目），可同时指明其开放数据集；DECLINED 须说明理由；只能答复一次 / assess and answer a demand (the agency addressed, or the data authority acting on its region on this platform): ACCEPTED names the catalog entry that answers it (one of the agency's) and may name its open dataset; DECLINED gives the reason in reply; once only [OPN-5, Z §22, Z §13, B §34]",
  })
  async answerOpenDataDemand(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('decision', () => OpenDemandDecisionEnum, { description: '评估结论 / the outcome of the assessment' }) decision: OpenDemandDecision,
    @Arg('reply', () => String, {
      nullable: true,
      description: '告知需求人的答复；不予开放时必填，说明理由 / the answer as told to the requester; required for DECLINED, with the reason',
    })
    @FreeText
    reply?: string | null,
    @Arg('resourceId', () => ID, { nullable: true, description: '答复需求的目录条目（ACCEPTED 时必填）/ the catalog entry that answers the demand (required for ACCEPTED)' })
    resourceId?: string | null,
    @Arg('datasetId', () => ID, { nullable: true, description: '答复需求的开放数据集（已有时）/ the open dataset that answers it, when there is one' })
    datasetId?: string | null,
  ): Promise<OpenDataDemand> {
    const actor = requireActor(ctx);
    const text = optionalText(reply, 'reply', '答复', 'reply');
    const entry = resourceId?.trim() || null;
    const dataset = datasetId?.trim() || null;
    if (entry) assertKnownIdRegion(entry, 'resourceId');
    if (dataset) assertKnownIdRegion(dataset, 'datasetId');
    checkDemandAnswer(decision, text, entry, dataset);
    const d = await this.load(ctx, id);
    if (!canAnswerDemand(actor, ctx.node, d)) {
      throw forbidden(
        "只有需求所向的开放主体或需求所在区域在本平台的数据主管部门可以答复此需求 / only the agency the demand is addressed to, or the data authority acting on the demand's region on this platform, may answer it [Z §22]",
      );
    }
    checkDemandOpen(d, 'answer');
    let providerId = d.providerId;
    if (entry) {
      const r = await openingResource(ctx, entry, 'resourceId');
      if (providerId === null) checkInDemandRegion(d.regionCode, r.provider.id, ctx.node.regions, 'resourceId');
      else if (r.provider.id !== providerId) {
        throw badInput(
          `目录条目 ${entry} 不属于需求所向的开放主体 ${providerId} / catalog entry ${entry} is not one of ${providerId}'s, the agency the demand is addressed to: name an entry of that agency`,
          'resourceId',
        );
      }
      providerId = r.provider.id;
      if (dataset) checkDemandDataset(parseId(dataset) ? await ctx.em.findOne(OpenDataset, { id: dataset }) : null, dataset, r.id);
    }
    const late = isOverdue(d);
    return mutate(ctx, 'opening', async () => {
      const now = new Date();
      Object.assign(d, { status: decision, reply: text, answeredAt: now, resourceId: entry, datasetId: dataset, providerId, updatedAt: now });
      return {
        result: d,
        audit: {
          action: 'openDataDemand.answer',
          entityType: 'OpenDataDemand',
          entityId: d.id,
          data: { decision, reply: text, resourceId: entry, datasetId: dataset, dueDate: d.dueDate, late, byAuthority: actsOn(actor, ctx.node, d.regionCode) },
        },
      };
    });
  }

  private async load(ctx: SubgraphContext, id: string): Promise<OpenDataDemand> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(id, 'id');
    const d = parseId(id) ? await ctx.em.findOne(OpenDataDemand, { id }) : null;
    if (!d || !canSeeDemand(actor, ctx.node, d)) throw notFound('开放需求 / demand for open data', id);
    return d;
  }
}
