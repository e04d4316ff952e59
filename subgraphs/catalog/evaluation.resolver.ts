import { Ctx, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { readOf } from '../kit/server/audit.js';
import { byKey, type SubgraphContext } from '../kit/server/context.js';
import { canSeeEvaluation } from './access.js';
import { Organization } from './organization.entity.js';

@ObjectType('CatalogEvaluation', { description: '部门编目工作评价数据 / catalog evaluation data of an agency [B §48, L §28, J §32]' })
export class CatalogEvaluation {
  @Field(() => Int, { description: '目录条目数（不含已停用）/ catalog entries, retired ones excluded' })
  entries!: number;

  @Field(() => Int, { description: '已发布条目数 / published entries' })
  publishedEntries!: number;

  @Field(() => Int, {
    description: '元数据完整的条目数：填写了资源分类，且每个信息项都有说明 / entries with complete metadata: a classification code, and a description for every item',
  })
  completeEntries!: number;

  @Field(() => Float, { nullable: true, description: '元数据完整率（0-1），无条目时为空 / share of entries with complete metadata (0-1); null without entries' })
  metadataCompleteness!: number | null;

  @Field(() => Int, { description: '逾期未更新的条目数 / entries overdue for a data update' })
  overdueEntries!: number;

  @Field(() => Int, { description: '审核中被退回的次数（新条目和修改）/ times entries or changes were returned in review' })
  returnedReviews!: number;

  @Field(() => Int, {
    description:
      '超期未完成的数据治理需求数：运营主体反馈、数据主管部门规定期限、本单位逾期未答复的 / governance feedback overdue: quality problems operators reported, with a deadline the authority set, not answered by the agency in time [D §16]',
  })
  overdueGovernanceFeedback!: number;
}

type Row = { provider_id: string; entries: number; published: number; complete: number; overdue: number };

/**
 * Two statements per request, whatever the number of organizations: one over entries, one over
 * review history; and one call to this node's operation subgraph, which keeps the governance
 * feedback on these agencies' entries (operation/feedback.resolver.ts `overdueGovernanceFeedback`).
 */
const evaluationLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, CatalogEvaluation>('catalogEvaluation', async (ids) => {
    const list = ids.map(() => '?').join(', ');
    const rows = await ctx.em.execute<Row[]>(
      `select r.provider_id,
              count(*) filter (where r.status <> 'DEPRECATED')::int as entries,
              count(*) filter (where r.status = 'PUBLISHED')::int as published,
              count(*) filter (where r.status <> 'DEPRECATED' and coalesce(btrim(r.category_code), '') <> ''
                and not exists (select 1 from "catalog"."data_item" i where i.resource_id = r.id and coalesce(btrim(i.description), '') = ''))::int as complete,
              count(*) filter (where r.status = 'PUBLISHED' and r.update_due_at < now())::int as overdue
         from "catalog"."data_resource" r where r.provider_id in (${list}) group by r.provider_id`,
      [...ids],
    );
    const returned = await ctx.em.execute<{ provider_id: string; n: number }[]>(
      `select r.provider_id, count(*)::int as n
         from "catalog"."data_resource_version" v join "catalog"."data_resource" r on r.id = v.resource_id
        where r.provider_id in (${list}) and v.action in ('RETURNED', 'REVISION_RETURNED') group by r.provider_id`,
      [...ids],
    );
    const returns = byKey(ids, returned, (x) => x.provider_id);
    const feedback = await ctx.peers.internal<{ counts: Record<string, number> }>(ctx.node, 'operation', 'overdue-governance-feedback', { organizationIds: ids });
    return byKey(ids, rows, (x) => x.provider_id).map((r, i) => {
      const entries = r?.entries ?? 0;
      const complete = r?.complete ?? 0;
      return {
        entries,
        publishedEntries: r?.published ?? 0,
        completeEntries: complete,
        metadataCompleteness: entries ? complete / entries : null,
        overdueEntries: r?.overdue ?? 0,
        returnedReviews: returns[i]?.n ?? 0,
        overdueGovernanceFeedback: feedback.counts[ids[i]!] ?? 0,
      };
    });
  });

@Resolver(() => Organization)
export class CatalogEvaluationResolver {
  @FieldResolver(() => CatalogEvaluation, {
    nullable: true,
    description:
      '编目评价数据；仅本部门、所在区域的数据主管部门（含上级）和审计人员可见，其他人为空 / catalog evaluation; visible to the agency itself, the data authorities of its region and above, and auditors, null for others [B §48, L §28]',
  })
  catalogEvaluation(@Ctx() ctx: SubgraphContext, @Root() org: Organization): Promise<CatalogEvaluation> | null {
    if (!canSeeEvaluation(ctx.actor, ctx.node, org)) return null;
    return evaluationLoader(ctx).load(readOf(ctx, 'CatalogEvaluation', org).id);
  }
}
