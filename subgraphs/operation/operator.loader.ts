import { byKey, groupByKey, type SubgraphContext } from '../kit/server/context.js';
import { Operator } from './operator.entity.js';
import { OperatorSanction } from './sanction.entity.js';
import { currentOf } from './operator.rules.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { rowsWhereIn } from '../kit/server/reads.js';

/** One query per request for all operators a response mentions (root fields and `_entities`). */
export const operatorLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Operator | null>('operator', async (ids) => byKey(ids, await rowsWhereIn(ctx, Operator, 'id', ids), (o) => o.id));

/** The current authorization per organization (`Organization.operator`): one query for all organizations of a response. */
export const currentOperatorLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Operator | null>('currentOperator', async (orgIds) => {
    const rows = await ctx.em.find(Operator, { organizationId: { $in: [...orgIds] } }, { orderBy: { seq: 'desc' } });
    const today = todayInChina();
    return groupByKey(orgIds, rows, (o) => o.organizationId).map((ops) => currentOf(ops, today));
  });

/** The sanctions of every operator a response shows, newest first: one query per request. */
export const sanctionsLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, OperatorSanction[]>('operatorSanctions', async (ids) => {
    const rows = await ctx.em.find(OperatorSanction, { operatorId: { $in: [...ids] } }, { orderBy: { seq: 'desc' } });
    return groupByKey(ids, rows, (s) => s.operatorId);
  });
