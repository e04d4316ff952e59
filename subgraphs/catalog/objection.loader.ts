import { raw } from '@mikro-orm/postgresql';
import { byKey, type SubgraphContext } from '../kit/server/context.js';
import { DataObjection } from './objection.entity.js';

export const objectionLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, DataObjection | null>('dataObjection', async (ids) => byKey(ids, await ctx.em.find(DataObjection, { id: { $in: [...ids] } }), (o) => o.id));

/** Open objections per catalog entry: one grouped count for every entry a response lists. */
export const openObjectionCountLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, number>('openObjectionCount', async (resourceIds) => {
    const rows = await ctx.em
      .createQueryBuilder(DataObjection, 'o')
      .select(['o.resourceId', raw('count(*) as n')])
      .where({ resourceId: { $in: [...resourceIds] }, status: 'OPEN' })
      .groupBy('o.resourceId')
      .execute<{ resourceId: string; n: string }[]>('all');
    const counts = new Map(rows.map((r) => [r.resourceId, Number(r.n)]));
    return resourceIds.map((id) => counts.get(id) ?? 0);
  });
