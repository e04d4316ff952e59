import { parseId } from '../../schema/ids.js';
import { readOf } from '../kit/audit.js';
import type { SubgraphContext } from '../kit/context.js';
import { shareRequestLoader } from './share-request.loader.js';
import { canSeeRequest } from './access.js';

/**
 * `_entities` is an entry point like any query: a request the caller may not see resolves to
 * null, exactly as `shareRequest(id)` would.
 */
export const shareRequestReference = {
  ShareRequest: {
    async __resolveReference(ref: { id: string }, ctx: SubgraphContext) {
      const r = parseId(ref.id) ? await shareRequestLoader(ctx).load(ref.id) : null;
      return r && canSeeRequest(ctx.actor, ctx.node, r) ? readOf(ctx, 'ShareRequest', r) : null;
    },
  },
  /**
   * The catalog owns resources; this subgraph only adds `sharing`. A resource can only have
   * requests on the node hosting its region, so an ID that is malformed or of another node's
   * region resolves to null instead of reporting zero counts for data that is not here.
   */
  DataResource: {
    __resolveReference(ref: { id: string }, ctx: SubgraphContext) {
      const region = parseId(ref.id)?.region;
      return region && ctx.node.regions.includes(region) ? { id: ref.id } : null;
    },
  },
  Organization: {
    __resolveReference(ref: { id: string }) {
      return { id: ref.id };
    },
  },
};
