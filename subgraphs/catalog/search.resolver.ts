import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { SubgraphContext } from '../kit/context.js';
import { connectionType, keysetPage, PageArgs, regionsInScope, RegionScopeInput } from '../kit/pagination.js';
import { DataResource } from './resource.entity.js';
import { DataResourceFilter } from './resource.inputs.js';
import { likePattern, visibleResources } from './resource.rules.js';

const DataResourceConnection = connectionType(DataResource, 'DataResource', '目录条目列表（跨平台合并为一个有序列表）/ a page of catalog entries, merged across platforms into one ordered list');

@Resolver(() => DataResource)
export class DataResourceSearchResolver {
  @Query(() => DataResourceConnection, {
    description: '检索数据目录：全部平台合并为一个列表，最新在前 / search the catalog: all platforms as one list, newest first [CAT-8]',
  })
  dataResources(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('filter', () => DataResourceFilter, { nullable: true }) filter?: DataResourceFilter | null,
  ) {
    const conditions: FilterQuery<DataResource>[] = [visibleResources(ctx.actor, ctx.node), { regionCode: { $in: regionsInScope(ctx.node, scope) } }];
    const f = filter ?? {};
    const keyword = f.keyword?.trim();
    if (keyword) conditions.push({ searchText: { $ilike: likePattern(keyword) } });
    for (const key of ['providerId', 'shareAttribute', 'openAttribute', 'securityGrade', 'library', 'format', 'updateFrequency', 'status'] as const) {
      if (f[key]) conditions.push({ [key]: f[key] } as FilterQuery<DataResource>);
    }
    return keysetPage(ctx.em, DataResource, { $and: conditions }, page);
  }
}
