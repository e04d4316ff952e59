import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { newId, parseId } from '../../schema/ids.js';
import { getRegion } from '../../schema/regions.js';
import { requireActor, requireAuthority, type SubgraphContext } from '../kit/context.js';
import { badInput, conflict, forbidden, notFound } from '../kit/errors.js';
import { mutate } from '../kit/mutation.js';
import { newOwned } from '../kit/owned.js';
import { Organization } from './organization.entity.js';
import { organizationLoader } from './organization.loader.js';
import { Region } from './region.type.js';
import { DataItem, DataResource } from './resource.entity.js';
import { CreateDataResourceInput, DataItemInput, UpdateDataResourceInput } from './resource.inputs.js';
import { itemsLoader, resourceLoader } from './resource.loader.js';
import { canEditResource, canSeeResource, validateResource, type ResourceState } from './resource.rules.js';
import { searchColumns } from './search.js';

const DEFAULTS = { shareMode: 'API', sensitivities: [], desensitized: false, consentObtained: false, relatedCodes: [] } as const;

function replaceItems(em: EntityManager, resourceId: string, items: DataItemInput[]): void {
  items.forEach((item, position) =>
    em.create(DataItem, {
      id: newId(parseId(resourceId)!.region), resourceId, position, name: item.name.trim(), dataType: item.dataType,
      description: item.description ?? null, personalInfo: item.personalInfo, identifier: item.identifier,
    }),
  );
}

async function loadEditable(ctx: SubgraphContext, id: string): Promise<DataResource> {
  const actor = requireActor(ctx);
  const r = parseId(id) ? await ctx.em.findOne(DataResource, { id }) : null;
  if (!r || !canSeeResource(actor, ctx.node, r)) throw notFound('目录条目 / data resource', id);
  if (!canEditResource(actor, ctx.node, r.providerId)) {
    throw forbidden('只有提供部门的工作人员或本平台数据主管部门可以修改此条目 / only staff of the providing agency or the data authority may change this entry');
  }
  return r;
}

@Resolver(() => DataResource)
export class DataResourceResolver {
  @Query(() => DataResource, { nullable: true, description: '按ID查询目录条目 / a catalog entry by ID' })
  async dataResource(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string) {
    const r = parseId(id) ? await resourceLoader(ctx).load(id) : null;
    return r && canSeeResource(ctx.actor, ctx.node, r) ? r : null;
  }

  @FieldResolver(() => Organization, { description: '提供部门 / providing organization' })
  provider(@Ctx() ctx: SubgraphContext, @Root() r: DataResource) {
    return organizationLoader(ctx).load(r.providerId);
  }

  @FieldResolver(() => [DataItem], { description: '信息项 / data items' })
  items(@Ctx() ctx: SubgraphContext, @Root() r: DataResource) {
    return itemsLoader(ctx).load(r.id);
  }

  @FieldResolver(() => Region, { description: '所属行政区划 / owning region' })
  region(@Root() r: DataResource): Region {
    return Region.from(getRegion(r.regionCode)!);
  }

  @Mutation(() => DataResource, { description: '新建目录条目（草稿），由提供部门编制 / create a draft catalog entry for the providing agency [B §17]' })
  async createDataResource(@Ctx() ctx: SubgraphContext, @Arg('input') input: CreateDataResourceInput): Promise<DataResource> {
    const actor = requireActor(ctx);
    const provider = parseId(input.providerId) ? await ctx.em.findOne(Organization, { id: input.providerId }) : null;
    if (!provider) throw badInput(`提供部门 ${input.providerId} 不存在于本平台 / provider ${input.providerId} is not registered on this platform`, 'input.providerId');
    if (!canEditResource(actor, ctx.node, provider.id)) {
      throw forbidden('只能为本部门编制目录 / you can only catalog data of your own organization');
    }
    const state = { ...DEFAULTS, ...stripNulls(input) } as ResourceState & { relatedCodes: string[]; categoryCode?: string };
    const items = input.items ?? [];
    validateResource(state, items);
    if (await ctx.em.count(DataResource, { code: state.code })) throw conflict(`资源代码 ${state.code} 已存在 / resource code ${state.code} is already used`);
    return mutate(ctx, 'catalog', async (em) => {
      const owned = newOwned(provider.regionCode);
      const r = em.create(DataResource, {
        ...state, ...owned, providerId: provider.id, categoryCode: state.categoryCode ?? null,
        shareCondition: state.shareCondition ?? null, shareReason: state.shareReason ?? null, legalBasis: state.legalBasis ?? null,
        openCondition: state.openCondition ?? null, openChangeReason: null, status: 'DRAFT', publishedAt: null,
        ...searchColumns(state, items), updatedAt: owned.createdAt,
      } as DataResource);
      // Items reference the entry by a plain column, so the entry must be inserted first.
      await em.flush();
      replaceItems(em, owned.id, items);
      return { result: r, audit: { action: 'dataResource.create', entityType: 'DataResource', entityId: owned.id, data: { code: state.code, name: state.name } } };
    });
  }

  @Mutation(() => DataResource, { description: '修改草稿或退回的目录条目 / change a draft or returned entry' })
  async updateDataResource(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateDataResourceInput,
    @Arg('expectedVersion', () => Int, { nullable: true, description: '读取时的 version；若他人已修改则返回 CONFLICT / the version you read; CONFLICT if it changed' }) expectedVersion?: number | null,
  ): Promise<DataResource> {
    const r = await loadEditable(ctx, id);
    if (expectedVersion != null && expectedVersion !== r.version) throw conflict(`条目已被修改（当前版本 ${r.version}）/ the entry changed since you read it (now version ${r.version}); reload and retry`);
    if (r.status !== 'DRAFT' && r.status !== 'RETURNED') {
      throw badInput(`只能修改草稿或退回的条目，当前状态为 ${r.status} / only DRAFT or RETURNED entries can be edited here (this one is ${r.status})`, 'id');
    }
    const { openChangeReason, items: newItems, ...fields } = stripNulls(input);
    const next = { ...r, ...fields } as DataResource;
    const items = newItems ?? (await itemsLoader(ctx).load(r.id));
    validateResource(next, items, r, openChangeReason);
    if (fields.code && fields.code !== r.code && (await ctx.em.count(DataResource, { code: fields.code }))) {
      throw conflict(`资源代码 ${fields.code} 已存在 / resource code ${fields.code} is already used`);
    }
    return mutate(ctx, 'catalog', async (em) => {
      em.assign(r, { ...fields, openChangeReason: openChangeReason ?? r.openChangeReason, ...searchColumns(next, items), updatedAt: new Date() });
      if (newItems) {
        await em.nativeDelete(DataItem, { resourceId: r.id });
        replaceItems(em, r.id, newItems);
      }
      return { result: r, audit: { action: 'dataResource.update', entityType: 'DataResource', entityId: r.id, data: { changed: Object.keys(fields), items: !!newItems, openChangeReason } } };
    });
  }

  @Mutation(() => DataResource, { description: '提交审核 / submit the entry to the data authority for review [J §9, B §17]' })
  async submitDataResource(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<DataResource> {
    const r = await loadEditable(ctx, id);
    if (r.status !== 'DRAFT' && r.status !== 'RETURNED') throw badInput(`只有草稿或退回的条目可以提交，当前为 ${r.status} / only DRAFT or RETURNED entries can be submitted (this one is ${r.status})`, 'id');
    return mutate(ctx, 'catalog', async () => {
      r.status = 'SUBMITTED';
      r.updatedAt = new Date();
      return { result: r, audit: { action: 'dataResource.submit', entityType: 'DataResource', entityId: r.id } };
    });
  }

  @Mutation(() => DataResource, { description: '审核通过并发布到总目录（数据主管部门）/ approve and publish into the master catalog (data authority) [B §17]' })
  async publishDataResource(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<DataResource> {
    requireAuthority(ctx, '发布目录');
    const r = parseId(id) ? await ctx.em.findOne(DataResource, { id }) : null;
    if (!r) throw notFound('目录条目 / data resource', id);
    if (r.status !== 'SUBMITTED') throw badInput(`只有已提交的条目可以发布，当前为 ${r.status} / only SUBMITTED entries can be published (this one is ${r.status})`, 'id');
    return mutate(ctx, 'catalog', async () => {
      r.status = 'PUBLISHED';
      r.publishedAt = r.updatedAt = new Date();
      return { result: r, audit: { action: 'dataResource.publish', entityType: 'DataResource', entityId: r.id } };
    });
  }
}

/** GraphQL gives null for omitted optional fields; for a partial update "absent" means "keep". */
function stripNulls<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as never;
}
