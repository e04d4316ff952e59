import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { parseId } from '../../schema/ids.js';
import { readOf, readsOf } from '../kit/server/audit.js';
import { byKey, requireActor, type SubgraphContext } from '../kit/server/context.js';
import { badInput, conflict, forbidden, notFound } from '../kit/server/errors.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownIdRegion, connectionType, listPage, PageArgs, RegionScopeInput, type Page } from '../kit/server/pagination.js';
import { blank } from '../kit/rules/validation.js';
import { canAssignDemand, canAssignProviderOf, canRequestFor, canRespondToDemand, canSeeDemand, demandFilter } from './access.js';
import { catalogFacts } from '../kit/server/catalog-client.js';
import { DataDemand, type DemandStatus } from './demand.entity.js';
import { DataDemandFilter, FileDataDemandInput } from './demand.inputs.js';
import { DataResourceRef, OrganizationRef } from './foreign.js';
import { cleanItems, requiredText } from './text.js';
import { rowsWhereIn } from '../kit/server/reads.js';
import { FreeText } from '../kit/server/input-bounds.js';

const DataDemandConnection = connectionType(DataDemand, 'DataDemand', '共享需求清单（跨平台合并，最新在前）/ a page of data demands, merged across platforms, newest first');

const demandLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, DataDemand | null>('dataDemand', async (ids) => byKey(ids, await rowsWhereIn(ctx, DataDemand, 'id', ids), (d) => d.id));

/** A demand the caller may see, for a mutation: one it may not see is not found, as in `dataDemand(id)`. */
async function visibleDemand(ctx: SubgraphContext, id: string): Promise<DataDemand> {
  const actor = requireActor(ctx);
  assertKnownIdRegion(id, 'id');
  const d = parseId(id) ? await ctx.em.findOne(DataDemand, { id }) : null;
  if (!d || !canSeeDemand(actor, ctx.node, d)) throw notFound('共享需求 / data demand', id);
  return d;
}

function expectStatus(d: DataDemand, allowed: DemandStatus[], zh: string, en: string): void {
  if (!allowed.includes(d.status)) {
    throw conflict(
      `需求当前为 ${d.status}，只有 ${allowed.join('、')} 状态的需求可以${zh} / this demand is ${d.status}: only a demand that is ${allowed.join(' or ')} can be ${en}`,
    );
  }
}

const NOT_PROVIDER = '只有被指定的提供部门可以答复此需求 / only staff of the provider the authority assigned may answer this demand [SHR-4, B §27]';

@Resolver(() => DataDemand)
export class DataDemandResolver {
  @Query(() => DataDemand, {
    nullable: true,
    description:
      '按ID查询共享需求（提出部门、被指定的提供部门、主管部门和审计人员可见）/ a data demand by ID (visible to the demanding agency, the assigned provider, the authority and auditors)',
  })
  async dataDemand(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<DataDemand | null> {
    const d = parseId(id) ? await demandLoader(ctx).load(id) : null;
    return d && canSeeDemand(ctx.actor, ctx.node, d) ? readOf(ctx, 'DataDemand', d) : null;
  }

  @Query(() => DataDemandConnection, {
    description:
      '共享需求清单：本部门提出的或被指定提供的；数据主管部门和审计人员可见所辖区域的 / data demands your organization filed or was assigned; data authorities and auditors see those of their regions [SHR-4]',
  })
  async dataDemands(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('filter', () => DataDemandFilter, { nullable: true }) filter?: DataDemandFilter | null,
  ): Promise<Page<DataDemand>> {
    const where: FilterQuery<DataDemand>[] = filter?.status ? [{ status: filter.status }] : [];
    return readsOf(ctx, 'DataDemand', await listPage(ctx, DataDemand, { visible: demandFilter(ctx.actor, ctx.node) as FilterQuery<DataDemand> | null, scope, where, page }));
  }

  @FieldResolver(() => OrganizationRef, { nullable: true, description: '提出需求的部门 / the demanding agency' })
  requester(@Root() d: DataDemand): OrganizationRef {
    return { id: d.requesterId };
  }

  @FieldResolver(() => OrganizationRef, { nullable: true, description: '数据主管部门指定的提供部门（未指定时为空）/ the provider the authority assigned; null until assigned' })
  provider(@Root() d: DataDemand): OrganizationRef | null {
    return d.providerId ? { id: d.providerId } : null;
  }

  @FieldResolver(() => DataResourceRef, {
    nullable: true,
    description:
      '满足需求的新目录条目（FULFILLED 时），提出部门可据此申请共享 / the new catalog entry that fulfils the demand (once FULFILLED): the requester can request it with requestShare',
  })
  resource(@Root() d: DataDemand): DataResourceRef | null {
    return d.resourceId ? { id: d.resourceId } : null;
  }

  @Mutation(() => DataDemand, {
    description:
      '提出共享需求：目录中没有的数据，由数据主管部门协调提供部门 / file a demand for data not in the catalog; the data authority assigns a provider [SHR-4, B §27, J §17]',
  })
  async fileDataDemand(@Ctx() ctx: SubgraphContext, @Arg('input') input: FileDataDemandInput): Promise<DataDemand> {
    const actor = requireActor(ctx);
    if (!canRequestFor(actor, input.organizationId)) {
      throw forbidden('只能以本人所在部门的名义提出需求 / you can only file demands for your own organization: set organizationId to your organization [SEC-1]');
    }
    const dataName = requiredText(input.dataName, 'input.dataName', '数据名称', '[B §27]');
    const description = requiredText(input.description, 'input.description', '需求说明', '[B §27]');
    const scenario = requiredText(input.scenario, 'input.scenario', '应用场景', '[B §26, J §17]');
    const legalDuty = requiredText(input.legalDuty, 'input.legalDuty', '法定职责', '[J §17]');
    const itemNames = cleanItems(input.itemNames, 'input.itemNames');
    const region = parseId(input.organizationId)?.region;
    if (!region || !ctx.node.regions.includes(region)) {
      throw badInput(
        `部门 ${input.organizationId} 不属于本平台 / organization ${input.organizationId} is not hosted on this platform: file the demand on your own platform`,
        'input.organizationId',
      );
    }
    if (!(await catalogFacts(ctx, { organizationId: input.organizationId })).organization) {
      throw badInput(
        `部门 ${input.organizationId} 未在目录中登记 / organization ${input.organizationId} is not registered in the catalog: a demand is filed by a registered agency`,
        'input.organizationId',
      );
    }
    return mutate(ctx, 'sharing', async (em) => {
      const owned = newOwned(region);
      const d = em.create(DataDemand, {
        ...owned,
        requesterId: input.organizationId,
        dataName,
        description,
        itemNames,
        scenario,
        legalDuty,
        status: 'OPEN',
        providerId: null,
        assignedAt: null,
        assignedBy: null,
        assignmentNote: null,
        respondedAt: null,
        respondedBy: null,
        declineReason: null,
        resourceId: null,
        fulfilledAt: null,
      });
      return { result: d, audit: { action: 'dataDemand.file', entityType: 'DataDemand', entityId: owned.id, data: { requesterId: input.organizationId, dataName, itemNames } } };
    });
  }

  @Mutation(() => DataDemand, {
    description:
      "协调提供部门：需求所在区域的数据主管部门指定本平台的公共管理和服务机构；上级数据主管部门（如市级）可跨层级指定其他平台的机构（被拒后可另行指定）/ the data authority of the demand's region assigns an agency of this platform; the authority above it (the city) may assign one of another platform across levels (again after a decline) [SHR-4, B §27, B §29, J §17]",
  })
  async assignDataDemand(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('providerId', () => ID, { description: '指定的提供部门 / the provider assigned' }) providerId: string,
    @Arg('note', () => String, { nullable: true, description: '协调意见 / a note to the provider' }) @FreeText note?: string | null,
  ): Promise<DataDemand> {
    assertKnownIdRegion(providerId, 'providerId');
    const d = await visibleDemand(ctx, id);
    if (!canAssignDemand(ctx.actor, ctx.node, d)) {
      throw forbidden(
        "只有需求所在区域的数据主管部门，或协调跨层级需求的上级数据主管部门，可以协调提供部门 / only the data authority acting on the demand's region, or the authority above it coordinating across levels, may assign a provider [SHR-4, B §27, B §29]",
      );
    }
    expectStatus(d, ['OPEN', 'DECLINED'], '指定提供部门', 'assigned a provider');
    const region = parseId(providerId)?.region;
    if (!region) throw badInput(`"${providerId}" 不是机构ID / "${providerId}" is not an organization ID: pass an ID returned by this API`, 'providerId');
    if (!ctx.node.regions.includes(region) && !canAssignProviderOf(ctx.actor, providerId)) {
      throw forbidden(
        `提供部门 ${providerId} 属于其他平台，跨层级、跨区域的需求由上级数据主管部门协调 / provider ${providerId} belongs to another platform: a provider across levels or regions is assigned by the authority above both [B §29]`,
      );
    }
    if (providerId === d.requesterId) throw badInput('不能指定提出需求的部门本身 / the demanding agency cannot provide its own demand: assign another organization', 'providerId');
    // Asked of the catalog of the provider's own platform, this one or another.
    const { organization } = await catalogFacts(ctx, { organizationId: providerId });
    if (!organization)
      throw badInput(`机构 ${providerId} 未在其所在平台登记 / organization ${providerId} is not registered on its platform: pass a registered organization's ID`, 'providerId');
    if (organization.kind === 'ENTERPRISE') {
      throw badInput('企业不是公共管理和服务机构，不能指定为提供部门 / an enterprise is not a public management and service organization: assign an agency [B §27]', 'providerId');
    }
    return mutate(ctx, 'sharing', async () => {
      Object.assign(d, {
        status: 'ASSIGNED',
        providerId,
        assignedAt: new Date(),
        assignedBy: ctx.actor.sub,
        assignmentNote: blank(note) ? null : note!.trim(),
        respondedAt: null,
        respondedBy: null,
        declineReason: null,
      });
      return { result: d, audit: { action: 'dataDemand.assign', entityType: 'DataDemand', entityId: d.id, data: { providerId, note: d.assignmentNote } } };
    });
  }

  @Mutation(() => DataDemand, {
    description: '提供部门同意提供，随后将数据编入目录 / the assigned provider agrees to provide the data and will add it to the catalog [SHR-4, B §27]',
  })
  async acceptDataDemand(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<DataDemand> {
    const d = await visibleDemand(ctx, id);
    if (!canRespondToDemand(ctx.actor, d)) throw forbidden(NOT_PROVIDER);
    expectStatus(d, ['ASSIGNED'], '同意', 'accepted');
    return mutate(ctx, 'sharing', async () => {
      Object.assign(d, { status: 'ACCEPTED', respondedAt: new Date(), respondedBy: ctx.actor.sub });
      return { result: d, audit: { action: 'dataDemand.accept', entityType: 'DataDemand', entityId: d.id, data: { providerId: d.providerId } } };
    });
  }

  @Mutation(() => DataDemand, {
    description: '提供部门不同意提供，须说明理由；数据主管部门可另行指定 / the assigned provider declines, with a reason; the authority may assign another [SHR-4, B §27]',
  })
  async declineDataDemand(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', { description: '不同意的理由 / why the provider declines [B §27, L §34]' }) @FreeText reason: string,
  ): Promise<DataDemand> {
    const why = requiredText(reason, 'reason', '不同意的理由', '[B §27, L §34]');
    const d = await visibleDemand(ctx, id);
    if (!canRespondToDemand(ctx.actor, d)) throw forbidden(NOT_PROVIDER);
    expectStatus(d, ['ASSIGNED'], '拒绝', 'declined');
    return mutate(ctx, 'sharing', async () => {
      Object.assign(d, { status: 'DECLINED', declineReason: why, respondedAt: new Date(), respondedBy: ctx.actor.sub });
      return { result: d, audit: { action: 'dataDemand.decline', entityType: 'DataDemand', entityId: d.id, data: { providerId: d.providerId, reason: why } } };
    });
  }

  @Mutation(() => DataDemand, {
    description:
      '提供部门关联新编入的目录条目（须已发布且属于本部门），需求即为已满足并告知提出部门 / the provider links the new catalog entry (published, its own); the demand is FULFILLED and the requester sees the entry [SHR-4, B §27]',
  })
  async linkDataDemandResource(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('resourceId', () => ID, { description: '新编入目录的条目 / the new catalog entry' }) resourceId: string,
  ): Promise<DataDemand> {
    assertKnownIdRegion(resourceId, 'resourceId');
    const d = await visibleDemand(ctx, id);
    if (!canRespondToDemand(ctx.actor, d)) throw forbidden(NOT_PROVIDER);
    expectStatus(d, ['ACCEPTED'], '关联目录条目', 'linked to a catalog entry');
    const { resource } = await catalogFacts(ctx, { resourceId, fields: ['status', 'provider'] });
    if (!resource) throw badInput(`目录条目 ${resourceId} 不存在 / catalog entry ${resourceId} was not found on this platform`, 'resourceId');
    if (resource.status !== 'PUBLISHED') {
      throw conflict(
        `目录条目尚未发布（当前为 ${resource.status}），发布后再关联 / the entry is ${resource.status}: link it once it is published, so the requester can request it`,
      );
    }
    if (resource.provider?.id !== d.providerId) {
      throw badInput('该目录条目不是本部门提供的 / this catalog entry is not provided by your organization: link the entry you registered for this demand', 'resourceId');
    }
    return mutate(ctx, 'sharing', async () => {
      Object.assign(d, { status: 'FULFILLED', resourceId, fulfilledAt: new Date() });
      return { result: d, audit: { action: 'dataDemand.fulfil', entityType: 'DataDemand', entityId: d.id, data: { resourceId } } };
    });
  }
}
