import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../kit/server/context.js';
import { canSeeSharingCounts } from './access.js';
import { sharingCountsLoader } from './share-request.loader.js';
import { DataResourceRef } from './foreign.js';
import { ResourceSharing } from './resource-sharing.type.js';

/** The sharing subgraph's contribution to the catalog's `DataResource`. */
@Resolver(() => DataResourceRef)
export class ResourceSharingResolver {
  @FieldResolver(() => ResourceSharing, {
    nullable: true,
    description: "共享申请统计（本条目所在平台；匿名用户不可见）/ share request counts on the entry's platform; null for anonymous callers [SHR-11]",
  })
  sharing(@Ctx() ctx: SubgraphContext, @Root() r: DataResourceRef): Promise<ResourceSharing> | null {
    if (!canSeeSharingCounts(ctx.actor)) return null;
    return sharingCountsLoader(ctx).load(r.id);
  }
}
