import type { SubgraphContext } from '../kit/server/context.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { operatorLoader } from './operator.loader.js';
import { canSeeOperator } from './access.js';
import { foreignReferences } from './foreign.js';

/**
 * `_entities` is an entry point like `operator(id)`: an authorization the caller may not see
 * (anonymous callers: anything not in force) resolves to null, exactly as the root field would.
 * `Organization` is the catalog's entity, resolved as foreign.ts says.
 */
export const operationReferences = {
  Operator: {
    async __resolveReference(ref: { id: string }, ctx: SubgraphContext) {
      const op = await operatorLoader(ctx).load(ref.id);
      return op && canSeeOperator(ctx.actor, op, todayInChina()) ? op : null;
    },
  },
  ...foreignReferences,
};
