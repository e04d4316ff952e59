import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../kit/server/context.js';
import { OpenDataset } from './dataset.entity.js';
import { readOf } from '../kit/server/audit.js';
import { datasetByResourceLoader } from './dataset.loader.js';
import { canSeeDataset } from './access.js';
import { DataResourceRef } from './foreign.js';

/** What opening adds to a catalog entry: whether (and how) it is open to the public. */
@Resolver(() => DataResourceRef)
export class DataResourceOpeningResolver {
  @FieldResolver(() => OpenDataset, {
    nullable: true,
    description: '该条目在本平台的开放数据集（公众仅可见开放中的）/ the open dataset of this entry on its platform (the public sees it only while OPEN) [OPN-1]',
  })
  async openDataset(@Ctx() ctx: SubgraphContext, @Root() r: DataResourceRef): Promise<OpenDataset | null> {
    const d = await datasetByResourceLoader(ctx).load(r.id);
    return d && canSeeDataset(ctx.actor, ctx.node, d) ? (d.status === 'OPEN' ? d : readOf(ctx, 'OpenDataset', d)) : null;
  }
}
