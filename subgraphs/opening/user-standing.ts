import { parseId } from '../../schema/ids.js';
import type { InternalRoute } from '../kit/server/subgraph.js';
import { OpenDataUser } from './user.entity.js';

/**
 * The gateway asks, for each USER token, whether the registered user it names may act now
 * (gateway/standing.ts): a suspended or terminated user is refused on every node [Z §39].
 */
export const userStanding: InternalRoute = async ({ em, node }, body) => {
  const id = (body as { id?: unknown }).id;
  const ref = typeof id === 'string' ? parseId(id) : null;
  if (!ref || !node.regions.includes(ref.region)) return { found: false };
  const u = await em.findOne(OpenDataUser, { id: id as string });
  if (!u) return { found: false };
  const standing = u.status === 'ACTIVE' ? 'GOOD' : u.status === 'SUSPENDED' ? 'SUSPENDED' : 'ENDED';
  return { found: true, standing, status: u.status };
};
