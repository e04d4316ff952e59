import type { FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACCESS_METHODS } from '../../schema/enums.js';
import { parseId } from '../../schema/ids.js';
import { newOwned } from '../kit/server/owned.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { badInput, conflict, forbidden } from '../kit/server/errors.js';
import { mutate } from '../kit/server/mutation.js';
import { PageArgs, RegionScopeInput, connectionType, listPage } from '../kit/server/pagination.js';
import { resolvePolicy } from '../kit/rules/policy.js';
import { OpenDataset } from './dataset.entity.js';
import { CreateOpenDatasetInput } from './dataset.inputs.js';
import { datasetLoader } from './dataset.loader.js';
import { canOpenFor, canSeeDataset, datasetFilter } from './access.js';
import { checkOpenable, OPENING_RESOURCE_FIELDS } from './dataset.rules.js';
import { catalogResource } from '../kit/server/catalog-client.js';
import { OpenAccessMethodEnum, OpenPriorityDomainEnum, type OpenAccessMethod, type OpenPriorityDomain } from './enums.js';
import { DataResourceRef, OrganizationRef } from './foreign.js';
import { blank } from '../kit/rules/validation.js';

const OpenDatasetConnection = connectionType(
  OpenDataset,
  'OpenDataset',
  '开放数据集列表（跨平台合并为一个有序列表）/ a page of open datasets, merged across platforms into one ordered list',
);

@Resolver(() => OpenDataset)
export class OpenDatasetResolver {
  @Query(() => OpenDataset, { nullable: true, description: '按ID查询开放数据集（公众可查开放中的数据集）/ an open dataset by ID (the public sees OPEN ones)' })
  async openDataset(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string) {
    const d = parseId(id) ? await datasetLoader(ctx).load(id) : null;
    return d && canSeeDataset(ctx.actor, ctx.node, d) ? d : null;
  }

  @Query(() => OpenDatasetConnection, {
    description: '开放目录：全部平台合并为一个列表，最新在前；公众可浏览 / the open catalog: all platforms as one list, newest first; public [OPN-1, Z §10, B §31]',
  })
  openDatasets(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('accessMethod', () => OpenAccessMethodEnum, { nullable: true, description: '只列出提供该开放方式的数据集 / only datasets offered this way' })
    accessMethod?: OpenAccessMethod | null,
    @Arg('priorityDomain', () => OpenPriorityDomainEnum, { nullable: true, description: '只列出该重点领域的数据集 / only datasets of this priority domain [Z §7]' })
    priorityDomain?: OpenPriorityDomain | null,
  ) {
    const where: FilterQuery<OpenDataset>[] = [];
    if (accessMethod) where.push({ accessMethods: { $contains: [accessMethod] } } as FilterQuery<OpenDataset>);
    if (priorityDomain) where.push({ priorityDomain });
    return listPage(ctx, OpenDataset, { visible: datasetFilter(ctx.actor, ctx.node), scope, where, page });
  }

  @FieldResolver(() => DataResourceRef, {
    nullable: true,
    description:
      '对应的目录条目；调用者看不到该条目时（如已停用）为空，列表照常返回 / the catalog entry opened; null when the caller may not see it (e.g. retired), so a list still answers',
  })
  resource(@Root() d: OpenDataset): DataResourceRef {
    return { id: d.resourceId };
  }

  @FieldResolver(() => OrganizationRef, { nullable: true, description: '开放主体（提供部门）/ the opening agency (provider) [Z §10]' })
  provider(@Root() d: OpenDataset): OrganizationRef {
    return { id: d.providerId };
  }

  @FieldResolver(() => Boolean, {
    description:
      "是否免费：无条件开放数据免费；受限开放数据仅在获取本人/本单位或经授权的数据时免费 / free of charge: UNCONDITIONAL data is always free; RESTRICTED data only for one's own or authorized data [Z §27]",
  })
  free(@Root() d: OpenDataset): boolean {
    return d.openAttribute === 'UNCONDITIONAL';
  }

  @Mutation(() => OpenDataset, {
    description:
      '将已发布且允许开放的目录条目发布为开放数据集（提供部门或条目所在区域的数据主管部门）/ open a published, openable catalog entry to the public (its provider or the data authority of its region) [OPN-1, OPN-2, Z §10, Z §20]',
  })
  async createOpenDataset(@Ctx() ctx: SubgraphContext, @Arg('input') input: CreateOpenDatasetInput): Promise<OpenDataset> {
    const actor = requireActor(ctx);
    const ref = parseId(input.resourceId);
    if (!ref) throw badInput(`${input.resourceId} 不是有效的目录条目ID / ${input.resourceId} is not a catalog entry ID: pass the id of a DataResource`, 'input.resourceId');
    // The catalog answers as the caller, so an entry the caller may not see is simply absent.
    const r = await catalogResource(ctx, input.resourceId, OPENING_RESOURCE_FIELDS);
    if (!r) {
      throw badInput(`目录条目 ${input.resourceId} 不存在于本平台 / catalog entry ${input.resourceId} does not exist on this platform: check the ID`, 'input.resourceId');
    }
    if (!canOpenFor(actor, ctx.node, r.provider.id, ref.region)) {
      throw forbidden(
        "只有提供部门的工作人员或条目所在区域（含上级）在本平台的数据主管部门可以开放此数据 / only staff of the providing agency, or the data authority acting on the entry's region on this platform, may open this data [Z §10]",
      );
    }
    // Order of the enum, each once: the list is a set.
    const methods = ACCESS_METHODS.filter((m) => input.accessMethods.includes(m));
    const openAttribute = checkOpenable(r, methods, resolvePolicy(ctx.node.profiles));
    if (await ctx.em.count(OpenDataset, { resourceId: r.id })) {
      throw conflict(`目录条目 ${r.id} 已有开放数据集，每个条目只能开放一次 / catalog entry ${r.id} is already open as a dataset; change that dataset instead`);
    }
    const title = blank(input.title) ? r.name : input.title!.trim();
    const description = blank(input.description) ? r.summary : input.description!.trim();
    return mutate(ctx, 'opening', async (em) => {
      const owned = newOwned(ref.region);
      const now = owned.createdAt;
      const d = em.create(OpenDataset, {
        ...owned,
        resourceId: r.id,
        providerId: r.provider.id,
        title,
        description,
        openAttribute,
        accessMethods: methods,
        priorityDomain: input.priorityDomain ?? null,
        status: 'OPEN',
        publishedAt: now,
        updatedAt: now,
      });
      return {
        result: d,
        audit: {
          action: 'openDataset.create',
          entityType: 'OpenDataset',
          entityId: owned.id,
          data: { resourceId: r.id, providerId: r.provider.id, openAttribute, accessMethods: methods },
        },
      };
    });
  }
}
