import type { SubgraphContext } from '../kit/server/context.js';
import { resourceLoader } from './resource.loader.js';
import { canSeeResource } from './access.js';
import { readResource } from './resource.audit.js';

/**
 * `_entities` is an entry point like any query: a resource the caller may not see resolves to
 * null, exactly as `dataResource(id)` would.
 */
export const resourceReference = {
  DataResource: {
    async __resolveReference(ref: { id: string }, ctx: SubgraphContext) {
      const r = await resourceLoader(ctx).load(ref.id);
      return r && canSeeResource(ctx.actor, ctx.node, r) ? readResource(ctx, r) : null;
    },
  },
};
