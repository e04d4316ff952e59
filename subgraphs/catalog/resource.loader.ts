import { byKey, groupByKey, type SubgraphContext } from '../kit/context.js';
import { DataItem, DataResource } from './resource.entity.js';

export const itemsLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, DataItem[]>('dataItems', async (ids) =>
    groupByKey(ids, await ctx.em.find(DataItem, { resourceId: { $in: [...ids] } }, { orderBy: { resourceId: 'asc', position: 'asc' } }), (i) => i.resourceId),
  );

export const resourceLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, DataResource | null>('dataResource', async (ids) =>
    byKey(ids, await ctx.em.find(DataResource, { id: { $in: [...ids] } }), (r) => r.id),
  );
