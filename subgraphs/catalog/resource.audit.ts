import { ANONYMOUS } from '../../schema/auth.js';
import { recordRead } from '../kit/server/audit.js';
import type { SubgraphContext } from '../kit/server/context.js';
import type { DataResource } from './resource.entity.js';
import { canSeeResource } from './access.js';

/**
 * Records that the caller was shown an entry the public cannot see (a draft, a returned or
 * unpublished entry, a non-open one) [D §24, Z §34]; hands the entry back for the return statement.
 */
export function readResource<T extends DataResource | null | undefined>(ctx: SubgraphContext, r: T): T {
  if (r && !canSeeResource(ANONYMOUS, ctx.node, r)) recordRead(ctx, 'DataResource', r.id, r.regionCode);
  return r;
}
