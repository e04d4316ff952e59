import type { SubgraphContext } from '../kit/server/context.js';
import { organizationLoader } from './organization.loader.js';

/** Organizations (names and credit codes) are public registry data, visible to every caller. */
export const organizationReference = {
  Organization: {
    __resolveReference(ref: { id: string }, ctx: SubgraphContext) {
      return organizationLoader(ctx).load(ref.id);
    },
  },
};
