import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { recordRead } from '../kit/server/audit.js';
import { byKey, type SubgraphContext } from '../kit/server/context.js';
import type { InternalRoute } from '../kit/server/subgraph.js';
import { canSeeOperatorEvaluation } from './access.js';
import { Operator } from './operator.entity.js';

@ObjectType('OperatorEvaluation', {
  description:
    '授权运营主体评价数据：授权、产品、报告、治理反馈和违规处理 / an operator’s evaluation data: its authorizations, products, reports, governance feedback and sanctions [D §22, D §24-25]',
})
export class OperatorEvaluation {
  @Field(() => Int, { description: '获得的数据使用授权数（一场景一授权）/ data-use authorizations granted, one per scenario [D §12-14]' })
  authorizationsGranted!: number;

  @Field(() => Int, { description: '审核通过发布的数据产品数 / data products released after review [D §21]' })
  productsReleased!: number;

  @Field(() => Int, { description: '报送的定期和年度报告数 / periodic and annual reports filed [D §20]' })
  reportsFiled!: number;

  @Field(() => Int, { description: '其中按期报送的 / of which filed by their due date [D §20]' })
  reportsOnTime!: number;

  @Field(() => Int, { description: '反馈的数据治理需求数（各平台合计）/ governance feedback it filed, on every platform [D §16]' })
  feedbackFiled!: number;

  @Field(() => Int, { description: '受到的违规处理次数 / sanctions imposed on it [D §28]' })
  sanctions!: number;
}

type Row = { operator_id: string; granted: number; released: number; filed: number; on_time: number; feedback: number; sanctions: number };

interface FeedbackFiled {
  counts: Record<string, number>;
}

/**
 * One statement per request over the tables of the operator's own node, whatever the number of
 * operators, and one call per other node for the feedback it filed there: feedback lives with the
 * entry it is about [D §16].
 */
const operatorEvaluationLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, OperatorEvaluation>('operatorEvaluation', async (ids) => {
    const list = ids.map(() => '?').join(', ');
    const day = (col: string) => `to_char(${col} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
    const rows = await ctx.em.execute<Row[]>(
      `select operator_id, sum(granted)::int as granted, sum(released)::int as released, sum(filed)::int as filed,
              sum(on_time)::int as on_time, sum(feedback)::int as feedback, sum(sanctions)::int as sanctions
         from (select operator_id, 1 as granted, 0 as released, 0 as filed, 0 as on_time, 0 as feedback, 0 as sanctions
                 from "operation"."operation_authorization" where operator_id in (${list}) and status = 'GRANTED'
               union all
               select operator_id, 0, 1, 0, 0, 0, 0 from "operation"."data_product" where operator_id in (${list}) and status = 'RELEASED'
               union all
               select operator_id, 0, 0, 1, (${day('created_at')} <= due_date::text)::int, 0, 0 from "operation"."operator_report" where operator_id in (${list})
               union all
               select operator_id, 0, 0, 0, 0, 1, 0 from "operation"."governance_feedback" where operator_id in (${list})
               union all
               select operator_id, 0, 0, 0, 0, 0, 1 from "operation"."operator_sanction" where operator_id in (${list})) x
        group by operator_id`,
      [...ids, ...ids, ...ids, ...ids, ...ids],
    );
    const elsewhere = await Promise.all(
      ctx.peers.nodes.filter((n) => n.id !== ctx.node.id).map((n) => ctx.peers.internal<FeedbackFiled>(n, 'operation', 'feedback-filed', { operatorIds: ids })),
    );
    return byKey(ids, rows, (r) => r.operator_id).map((r, i) => ({
      authorizationsGranted: r?.granted ?? 0,
      productsReleased: r?.released ?? 0,
      reportsFiled: r?.filed ?? 0,
      reportsOnTime: r?.on_time ?? 0,
      feedbackFiled: (r?.feedback ?? 0) + elsewhere.reduce((sum, e) => sum + (e.counts[ids[i]!] ?? 0), 0),
      sanctions: r?.sanctions ?? 0,
    }));
  });

/** Another node's evaluation asks how much governance feedback some operators filed on this node's entries. */
export const feedbackFiled: InternalRoute = async ({ em }, body): Promise<FeedbackFiled> => {
  const ids = (body as { operatorIds?: unknown }).operatorIds;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 1000 || !ids.every((id) => typeof id === 'string')) return { counts: {} };
  const rows = await em
    .getConnection()
    .execute<{ operator_id: string; n: number }[]>(
      `select operator_id, count(*)::int as n from "operation"."governance_feedback" where operator_id in (${ids.map(() => '?').join(', ')}) group by operator_id`,
      ids,
    );
  return { counts: Object.fromEntries(rows.map((r) => [r.operator_id, r.n])) };
};

@Resolver(() => Operator)
export class OperatorEvaluationResolver {
  @FieldResolver(() => OperatorEvaluation, {
    nullable: true,
    description:
      '评价数据；仅所在区域的数据主管部门（含上级）、审计人员和运营主体本身可见，其他人为空 / evaluation data; for the authorities of its region and above, auditors and the operator itself, null for others [D §22, D §24-25]',
  })
  evaluation(@Ctx() ctx: SubgraphContext, @Root() op: Operator): Promise<OperatorEvaluation> | null {
    if (!canSeeOperatorEvaluation(ctx.actor, ctx.node, op)) return null;
    recordRead(ctx, 'OperatorEvaluation', op.id);
    return operatorEvaluationLoader(ctx).load(op.id);
  }
}
