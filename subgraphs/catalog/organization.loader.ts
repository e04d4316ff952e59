import type { SubgraphContext } from '../kit/server/context.js';
import { byKey } from '../kit/server/context.js';
import { rowsWhereIn } from '../kit/server/reads.js';
import { Organization } from './organization.entity.js';

/** One query per request for all organizations a response mentions. */
export const organizationLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Organization | null>('organization', async (ids) => byKey(ids, await rowsWhereIn(ctx, Organization, 'id', ids), (o) => o.id));
