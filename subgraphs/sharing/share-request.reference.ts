import { parseId } from '../../schema/ids.js';
import { readOf } from '../kit/server/audit.js';
import type { SubgraphContext } from '../kit/server/context.js';
import { shareRequestLoader } from './share-request.loader.js';
import { canSeeRequest } from './access.js';
import { foreignReferences } from './foreign.js';

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
  ...foreignReferences,
};
