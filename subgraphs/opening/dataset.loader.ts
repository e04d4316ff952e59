import { byKey, type SubgraphContext } from '../kit/server/context.js';
import { OpenDataset } from './dataset.entity.js';
import { rowsWhereIn } from '../kit/server/reads.js';

export const datasetLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, OpenDataset | null>('openDataset', async (ids) => byKey(ids, await rowsWhereIn(ctx, OpenDataset, 'id', ids), (d) => d.id));

/** One query per request for the datasets of every catalog entry a response mentions. */
export const datasetByResourceLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, OpenDataset | null>('openDatasetByResource', async (ids) => byKey(ids, await rowsWhereIn(ctx, OpenDataset, 'resourceId', ids), (d) => d.resourceId));
