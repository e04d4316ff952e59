import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { childrenOf, getRegion } from '../../schema/regions.js';
import type { SubgraphContext } from '../kit/server/context.js';
import { assertKnownRegion } from '../kit/server/pagination.js';
import { Region } from './region.type.js';
import { Bound } from '../kit/server/input-bounds.js';

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => Region, { nullable: true, description: '按代码查询行政区划 / a region by its code' })
  region(@Arg('regionCode') @Bound({ kind: 'code', max: 12 }) regionCode: string): Region | null {
    const info = getRegion(regionCode);
    return info ? Region.from(info) : null;
  }

  @Query(() => [Region], {
    description: '各平台所承载的行政区划（可按上级筛选）/ regions hosted by the platforms, optionally the children of one region',
  })
  regions(@Ctx() ctx: SubgraphContext, @Arg('parentCode', () => String, { nullable: true }) @Bound({ kind: 'code', max: 12 }) parentCode?: string | null): Region[] {
    if (parentCode) assertKnownRegion(parentCode, 'parentCode');
    const hosted = ctx.node.regions.map((c) => getRegion(c)!);
    const list = parentCode ? childrenOf(parentCode).filter((r) => ctx.node.regions.includes(r.code)) : hosted;
    return list.map(Region.from);
  }

  @FieldResolver(() => Region, { nullable: true, description: '上级区划 / parent region' })
  parent(@Root() region: Region): Region | null {
    const info = region.parentCode ? getRegion(region.parentCode) : undefined;
    return info ? Region.from(info) : null;
  }
}
