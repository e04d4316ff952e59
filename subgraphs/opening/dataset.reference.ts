import type { SubgraphContext } from '../kit/server/context.js';
import { datasetLoader } from './dataset.loader.js';
import { readOf } from '../kit/server/audit.js';
import { canSeeDataset } from './access.js';
import { foreignReferences } from './foreign.js';

/**
 * `_entities` is an entry point like any query: a dataset the caller may not see resolves to null,
 * exactly as `openDataset(id)` would. The catalog's entities resolve as foreign.ts says.
 */
export const openingReferences = {
  OpenDataset: {
    async __resolveReference(ref: { id: string }, ctx: SubgraphContext) {
      const d = await datasetLoader(ctx).load(ref.id);
      return d && canSeeDataset(ctx.actor, ctx.node, d) ? (d.status === 'OPEN' ? d : readOf(ctx, 'OpenDataset', d)) : null;
    },
  },
  ...foreignReferences,
};
