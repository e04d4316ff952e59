import { rowsWhereIn } from '../kit/server/reads.js';
import { byKey, groupByKey, type SubgraphContext } from '../kit/server/context.js';
import { DataResourceVersion } from './resource-version.entity.js';
import { DataItem, DataResource } from './resource.entity.js';

export const itemsLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, DataItem[]>('dataItems', async (ids) =>
    groupByKey(ids, await rowsWhereIn(ctx, DataItem, 'resourceId', ids, ['resourceId', 'position']), (i) => i.resourceId),
  );

/**
 * After a mutation wrote an entry's items, the request's loader still holds the list read before
 * the change; the response must show the state after it, so the written rows replace the old list.
 */
export function primeItems(ctx: SubgraphContext, resourceId: string, rows: DataItem[]): void {
  itemsLoader(ctx).clear(resourceId).prime(resourceId, rows);
}

export const resourceLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, DataResource | null>('dataResource', async (ids) => byKey(ids, await rowsWhereIn(ctx, DataResource, 'id', ids), (r) => r.id));

export const versionsLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, DataResourceVersion[]>('dataResourceVersions', async (ids) =>
    groupByKey(ids, await ctx.em.find(DataResourceVersion, { resourceId: { $in: [...ids] } }, { orderBy: { resourceId: 'asc', number: 'desc' } }), (v) => v.resourceId),
  );

export const itemByIdLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, DataItem | null>('dataItem', async (ids) => byKey(ids, await rowsWhereIn(ctx, DataItem, 'id', ids), (i) => i.id));
