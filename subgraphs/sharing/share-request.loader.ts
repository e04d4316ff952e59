import { byKey, groupByKey, type SubgraphContext } from '../kit/server/context.js';
import { ShareRequest } from './share-request.entity.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { parseId } from '../../schema/ids.js';
import { ShareSanction } from './sanction.entity.js';
import { SanctionReplica } from './sanction-replica.entity.js';
import type { SanctionOnGrants } from './share-request.rules.js';
import type { ResourceSharing } from './resource-sharing.type.js';
import { rowsWhereIn } from '../kit/server/reads.js';

export const shareRequestLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, ShareRequest | null>('shareRequest', async (ids) => byKey(ids, await rowsWhereIn(ctx, ShareRequest, 'id', ids), (r) => r.id));

/**
 * The sanctions not lifted of some user organizations, oldest first: those imposed on this node and
 * those of the nodes above it kept here (sanction-events.ts), so a city sanction stops a district
 * node's grants too [B §49]. Which of them covers a grant is `bindingSanction`'s to say.
 */
export async function sanctionsOf(em: EntityManager, orgIds: readonly string[]): Promise<SanctionOnGrants[]> {
  const [own, replicas] = await Promise.all([
    em.find(ShareSanction, { organizationId: { $in: [...orgIds] }, liftedAt: null }, { orderBy: { seq: 'asc' } }),
    em.find(SanctionReplica, { organizationId: { $in: [...orgIds] }, liftedAt: null }),
  ]);
  const seqOf = (s: SanctionOnGrants) => parseId(s.id)?.ulid ?? '';
  return [...own, ...replicas].sort((a, b) => (seqOf(a) < seqOf(b) ? -1 : seqOf(a) > seqOf(b) ? 1 : 0));
}

/** Sanctions per user organization: one round for every grant holder a response mentions [B §49]. */
export const sanctionsOfLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, SanctionOnGrants[]>('sanctionsOf', async (orgIds) => groupByKey(orgIds, await sanctionsOf(ctx.em, orgIds), (s) => s.organizationId));

interface CountRow {
  resource_id: string;
  request_count: number;
  granted_count: number;
  pending_count: number;
}

/** All resources a response mentions are counted in one grouped query per request. */
export const sharingCountsLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, ResourceSharing>('resourceSharing', async (ids) => {
    const rows = await ctx.em.getConnection().execute<CountRow[]>(
      `select resource_id,
              count(*)::int as request_count,
              (count(*) filter (where status = 'GRANTED'))::int as granted_count,
              (count(*) filter (where status = 'PENDING'))::int as pending_count
         from "sharing"."share_request"
        where resource_id in (${ids.map(() => '?').join(', ')})
        group by resource_id`,
      [...ids],
    );
    return byKey(ids, rows, (r) => r.resource_id).map((r) => ({
      requestCount: r?.request_count ?? 0,
      grantedCount: r?.granted_count ?? 0,
      pendingCount: r?.pending_count ?? 0,
    }));
  });
