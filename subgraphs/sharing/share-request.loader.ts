import { byKey, groupByKey, type SubgraphContext } from '../kit/context.js';
import { ShareRequest } from './share-request.entity.js';
import { ShareSanction } from './sanction.entity.js';
import type { ResourceSharing } from './resource-sharing.type.js';
import { rowsWhereIn } from '../kit/reads.js';

export const shareRequestLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, ShareRequest | null>('shareRequest', async (ids) => byKey(ids, await rowsWhereIn(ctx, ShareRequest, 'id', ids), (r) => r.id));

/** Sanctions not lifted, per user organization: one query for every grant holder a response mentions [B §49]. */
export const sanctionsOfLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, ShareSanction[]>('sanctionsOf', async (orgIds) =>
    groupByKey(orgIds, await ctx.em.find(ShareSanction, { organizationId: { $in: [...orgIds] }, liftedAt: null }, { orderBy: { seq: 'asc' } }), (s) => s.organizationId),
  );

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
