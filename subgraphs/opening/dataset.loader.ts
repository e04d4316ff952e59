import { byKey, type SubgraphContext } from '../kit/context.js';
import { OpenDataset } from './dataset.entity.js';

export const datasetLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, OpenDataset | null>('openDataset', async (ids) => byKey(ids, await ctx.em.find(OpenDataset, { id: { $in: [...ids] } }), (d) => d.id));

/** One query per request for the datasets of every catalog entry a response mentions. */
export const datasetByResourceLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, OpenDataset | null>('openDatasetByResource', async (ids) =>
    byKey(ids, await ctx.em.find(OpenDataset, { resourceId: { $in: [...ids] } }), (d) => d.resourceId),
  );
