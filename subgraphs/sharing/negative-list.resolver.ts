import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { parseId } from '../../schema/ids.js';
import { readsOf } from '../kit/server/audit.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { badInput, conflict, forbidden, notFound } from '../kit/server/errors.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownIdRegion, connectionType, listPage, PageArgs, RegionScopeInput, type Page } from '../kit/server/pagination.js';
import { blank } from '../kit/rules/validation.js';
import { NegativeListEntry, ShareViolation } from './negative-list.entity.js';
import { shareRequestLoader } from './share-request.loader.js';
import { canActOnRegion, canSeeRequest, canEditNegativeList, canSeeNegativeListEntry, canSeeViolation, negativeListFilter, violationFilter } from './access.js';
import { readCatalogResource, type CatalogResource } from './catalog-reads.js';
import { DataResourceRef, OrganizationRef } from './foreign.js';
import { ShareRequest } from './share-request.entity.js';
import { FOLLOWS_CATALOG } from './negative-list.rules.js';
import { Bound, FreeText } from '../kit/server/input-bounds.js';

const NegativeListConnection = connectionType(
  NegativeListEntry,
  'NegativeListEntry',
  '共享负面清单（跨平台汇总，最新在前）/ the sharing negative list, aggregated across platforms, newest first',
);
const ShareViolationConnection = connectionType(
  ShareViolation,
  'ShareViolation',
  '拒绝共享记录（跨平台合并，最新在前）/ recorded rejections, merged across platforms, newest first',
);

@InputType({ description: '列入负面清单 / put data on the negative list [SHR-3, B §24]' })
export class AddNegativeListEntryInput {
  @Field(() => ID, { description: '提供部门（须为本人所在部门）/ the providing agency (your own organization)' })
  providerId!: string;

  @Field(() => ID, { description: '不予共享的目录条目（本部门的）/ the catalog entry not shared (one of yours)' })
  resourceId!: string;

  @Field(() => [String], { description: '不予共享的数据字段，须为条目已有的 / the items not shared; each must exist in the entry' })
  @Bound({ maxItems: 500 })
  itemNames!: string[];

  @Field({ description: '法律法规依据 / the legal basis' })
  @FreeText
  legalBasis!: string;
}

@InputType({ description: '修改负面清单条目 / change a negative-list line [B §24]' })
export class UpdateNegativeListEntryInput {
  @Field(() => [String], { nullable: true, description: '不予共享的数据字段 / the items not shared' })
  @Bound({ maxItems: 500 })
  itemNames?: string[] | null;

  @Field(() => String, { nullable: true, description: '法律法规依据 / the legal basis' })
  @FreeText
  legalBasis?: string | null;
}

function checkItems(raw: string[], field: string): string[] {
  const items = [...new Set(raw.map((n) => n.trim()).filter((n) => n))];
  if (items.length === 0) throw badInput('至少列出一个数据字段 / list at least one item (itemNames) [B §24]', field);
  return items;
}

function refuseUnknownItems(items: string[], resource: CatalogResource, field: string): void {
  const have = new Set(resource.items.map((i) => i.name));
  const unknown = items.filter((n) => !have.has(n));
  if (unknown.length) {
    throw badInput(`目录条目没有以下信息项：${unknown.join('、')} / the entry has no item(s) ${unknown.map((n) => `"${n}"`).join(', ')}`, field, { unknownItems: unknown });
  }
}

const refuseEdit = () => forbidden('每个部门只能维护本部门的负面清单 / each agency keeps only its own negative list [B §24]');

async function loadEntry(ctx: SubgraphContext, id: string): Promise<NegativeListEntry> {
  const actor = requireActor(ctx);
  assertKnownIdRegion(id, 'id');
  const e = parseId(id) ? await ctx.em.findOne(NegativeListEntry, { id }) : null;
  if (!e || !canSeeNegativeListEntry(actor, ctx.node, e)) throw notFound('负面清单条目 / negative-list line', id);
  if (!canEditNegativeList(actor, e.providerId)) throw refuseEdit();
  if (e.removedAt) throw conflict('该条目已移出负面清单 / this line was taken off the list');
  if (e.source === 'CATALOG') throw conflict(FOLLOWS_CATALOG);
  return e;
}

@Resolver(() => NegativeListEntry)
export class NegativeListResolver {
  @Query(() => NegativeListConnection, {
    description:
      '共享负面清单：提供部门可见本部门的；数据主管部门（市级汇总全部平台）和审计人员可见所辖区域的 / the sharing negative list: an agency sees its own; the data authorities (the city: every platform, as one list) and auditors see those of their regions [SHR-3, B §24]',
  })
  async negativeList(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('providerId', () => ID, { nullable: true, description: "只看该部门的 / only this agency's" }) providerId?: string | null,
    @Arg('includeRemoved', { defaultValue: false, description: '包含已移出的 / include lines taken off' }) includeRemoved?: boolean,
  ): Promise<Page<NegativeListEntry>> {
    const where: FilterQuery<NegativeListEntry>[] = [];
    if (providerId) where.push({ providerId });
    if (!includeRemoved) where.push({ removedAt: null });
    return readsOf(ctx, 'NegativeListEntry', await listPage(ctx, NegativeListEntry, { visible: negativeListFilter(ctx.actor, ctx.node), scope, where, page }));
  }

  @FieldResolver(() => OrganizationRef, { nullable: true, description: '提供部门 / the providing agency' })
  provider(@Root() e: NegativeListEntry): OrganizationRef {
    return { id: e.providerId };
  }

  @FieldResolver(() => DataResourceRef, { nullable: true, description: '目录条目 / the catalog entry' })
  resource(@Root() e: NegativeListEntry): DataResourceRef {
    return { id: e.resourceId };
  }

  @Mutation(() => NegativeListEntry, { description: '列入本部门负面清单（提供部门）/ put one of your entries on your negative list (provider staff) [SHR-3, B §24]' })
  async addNegativeListEntry(@Ctx() ctx: SubgraphContext, @Arg('input') input: AddNegativeListEntryInput): Promise<NegativeListEntry> {
    const actor = requireActor(ctx);
    if (!canEditNegativeList(actor, input.providerId)) throw refuseEdit();
    const items = checkItems(input.itemNames, 'input.itemNames');
    if (blank(input.legalBasis)) throw badInput('必须写明法律法规依据 / legalBasis is required: name the law or regulation [B §24, J §17]', 'input.legalBasis');
    assertKnownIdRegion(input.resourceId, 'input.resourceId');
    const resource = await readCatalogResource(ctx, input.resourceId);
    if (!resource) throw badInput(`目录条目 ${input.resourceId} 不存在 / catalog entry ${input.resourceId} was not found`, 'input.resourceId');
    if (resource.provider?.id !== input.providerId) throw badInput('只能列入本部门提供的目录条目 / list only entries your organization provides', 'input.resourceId');
    refuseUnknownItems(items, resource, 'input.itemNames');
    return mutate(ctx, 'sharing', async (em) => {
      if (await em.count(NegativeListEntry, { resourceId: resource.id, removedAt: null })) {
        throw conflict('该条目已在负面清单中，请修改原条目 / this entry is already on the list: change that line instead');
      }
      const e = em.create(NegativeListEntry, {
        ...newOwned(parseId(resource.id)!.region),
        providerId: input.providerId,
        resourceId: resource.id,
        dataName: resource.name,
        itemNames: items,
        legalBasis: input.legalBasis.trim(),
        source: 'PROVIDER',
        removedAt: null,
        removalReason: null,
      });
      return {
        result: e,
        audit: { action: 'negativeList.add', entityType: 'NegativeListEntry', entityId: e.id, data: { resourceId: e.resourceId, itemNames: items, legalBasis: e.legalBasis } },
      };
    });
  }

  @Mutation(() => NegativeListEntry, {
    description:
      '修改负面清单条目（提供部门，及时更新）；随目录条目“不予共享”属性的条目须通过目录修订更改 / change a line of your negative list (keep it current); a line that follows a NOT_SHARED catalog entry changes only through a revision of the entry [B §24]',
  })
  async updateNegativeListEntry(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string, @Arg('input') input: UpdateNegativeListEntryInput): Promise<NegativeListEntry> {
    requireActor(ctx);
    const items = input.itemNames ? checkItems(input.itemNames, 'input.itemNames') : null;
    if (input.legalBasis !== undefined && input.legalBasis !== null && blank(input.legalBasis))
      throw badInput('法律法规依据不能为空 / legalBasis cannot be blank [B §24]', 'input.legalBasis');
    const e = await loadEntry(ctx, id);
    if (items) {
      const resource = await readCatalogResource(ctx, e.resourceId);
      if (resource) refuseUnknownItems(items, resource, 'input.itemNames');
    }
    return mutate(ctx, 'sharing', async () => {
      if (items) e.itemNames = items;
      if (input.legalBasis) e.legalBasis = input.legalBasis.trim();
      return { result: e, audit: { action: 'negativeList.update', entityType: 'NegativeListEntry', entityId: e.id, data: { itemNames: e.itemNames, legalBasis: e.legalBasis } } };
    });
  }

  @Mutation(() => NegativeListEntry, {
    description:
      '移出负面清单（提供部门；移出后该数据一律共享）；随目录条目“不予共享”属性的条目须通过目录修订移出 / take a line off your negative list (the data must then be shared); a line that follows a NOT_SHARED catalog entry leaves only through a revision of the entry [B §24]',
  })
  async removeNegativeListEntry(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', { description: '移出理由 / why' }) @FreeText reason: string,
  ): Promise<NegativeListEntry> {
    requireActor(ctx);
    if (blank(reason)) throw badInput('须说明移出理由 / reason is required', 'reason');
    const e = await loadEntry(ctx, id);
    return mutate(ctx, 'sharing', async () => {
      Object.assign(e, { removedAt: new Date(), removalReason: reason.trim() });
      return { result: e, audit: { action: 'negativeList.remove', entityType: 'NegativeListEntry', entityId: e.id, data: { reason: e.removalReason } } };
    });
  }
}

@Resolver(() => ShareViolation)
export class ShareViolationResolver {
  @Query(() => ShareViolationConnection, {
    description:
      '拒绝共享负面清单外数据的记录：数据主管部门和审计人员可见所辖区域的，提供部门可见本部门的 / rejections of data not on the negative list: authorities and auditors see those of their regions, a provider its own [SHR-3, B §24, L §34]',
  })
  async shareViolations(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('reviewed', () => Boolean, { nullable: true, description: '按是否已审查筛选 / only reviewed (true) or unreviewed (false) ones' }) reviewed?: boolean | null,
  ): Promise<Page<ShareViolation>> {
    const where: FilterQuery<ShareViolation>[] = reviewed === true ? [{ reviewedAt: { $ne: null } }] : reviewed === false ? [{ reviewedAt: null }] : [];
    return readsOf(ctx, 'ShareViolation', await listPage(ctx, ShareViolation, { visible: violationFilter(ctx.actor, ctx.node), scope, where, page }));
  }

  @FieldResolver(() => ShareRequest, { nullable: true, description: '被驳回的申请 / the rejected request' })
  async shareRequest(@Ctx() ctx: SubgraphContext, @Root() v: ShareViolation): Promise<ShareRequest | null> {
    const r = await shareRequestLoader(ctx).load(v.shareRequestId);
    return r && canSeeRequest(ctx.actor, ctx.node, r) ? r : null;
  }

  @FieldResolver(() => OrganizationRef, { nullable: true, description: '提供部门 / the providing agency' })
  provider(@Root() v: ShareViolation): OrganizationRef {
    return { id: v.providerId };
  }

  @FieldResolver(() => OrganizationRef, { nullable: true, description: '申请部门 / the requesting agency' })
  requester(@Root() v: ShareViolation): OrganizationRef {
    return { id: v.requesterId };
  }

  @Mutation(() => ShareViolation, { description: '审查拒绝共享记录（数据主管部门）/ review a recorded rejection (the data authority acting on the region) [L §34, B §24]' })
  async reviewShareViolation(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('note', { description: '审查意见 / the finding' }) @FreeText note: string,
  ): Promise<ShareViolation> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(id, 'id');
    if (blank(note)) throw badInput('须写明审查意见 / note is required: record the finding', 'note');
    const v = parseId(id) ? await ctx.em.findOne(ShareViolation, { id }) : null;
    if (!v || !canSeeViolation(actor, ctx.node, v)) throw notFound('拒绝共享记录 / violation', id);
    if (!canActOnRegion(actor, ctx.node, v.regionCode))
      throw forbidden('只有作用于该区域的数据主管部门可以审查 / only the data authority acting on the region reviews violations [L §34]');
    if (v.reviewedAt) throw conflict('该记录已审查 / this record was already reviewed');
    return mutate(ctx, 'sharing', async () => {
      Object.assign(v, { reviewedAt: new Date(), reviewedBy: actor.sub, reviewNote: note.trim() });
      return { result: v, audit: { action: 'shareViolation.review', entityType: 'ShareViolation', entityId: v.id, data: { note: v.reviewNote } } };
    });
  }
}
