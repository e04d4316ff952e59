import { Ctx, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { recordRead } from '../kit/server/audit.js';
import { todayInChina, workingDaysBetween } from '../kit/rules/calendar.js';
import { byKey, type SubgraphContext } from '../kit/server/context.js';
import { canSeeSharingEvaluation } from './access.js';
import { median } from './evaluation.rules.js';
import { PROVIDER_RULES } from './share-request.rules.js';
import type { InternalRoute } from '../kit/server/subgraph.js';
import { OrganizationRef } from './foreign.js';

@ObjectType('SharingEvaluation', {
  description:
    "部门共享工作评价数据：提出的申请按各平台合计，其余按本部门所在平台的记录统计 / an agency's sharing evaluation data: requests made counted on every platform, the rest from the records of its own platform [SHR-11, L §28, B §48]",
})
export class SharingEvaluation {
  @Field(() => Int, { description: '本部门提出的共享申请数（各平台合计）/ share requests the agency made, to data on every platform' })
  requestsMade!: number;

  @Field(() => Int, { description: '本部门收到的共享申请数 / share requests the agency received as provider' })
  requestsReceived!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      "批准率：本部门自行审核的申请中获批准的比例（不含自动授权、系统驳回和数据主管部门的决定），无自行审核的申请时为空 / approval rate: the share of the requests the agency decided itself that it granted (automatic grants, the system's rejections and the authority's decisions excluded); null when it decided none",
  })
  approvalRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "响应时间中位数（工作日，从申请到本部门的决定），无自行审核的申请时为空 / median response time in working days from request to the agency's own decision; null when it decided none",
  })
  medianResponseWorkingDays!: number | null;

  @Field(() => Int, { description: '超期未校核的疑义数据数 / reports of doubtful data still unverified after their due date [SHR-8, L §13]' })
  overdueVerifications!: number;

  /**
   * Violations are rejections of data not on the negative list [SHR-3, L §34], recorded by the
   * negative-list work (issue 9 items 3 and 10). Until that record exists here the field answers
   * null ("not known"), never a zero that would read as a clean record.
   */
  @Field(() => Int, { nullable: true, description: '违规记录数：拒绝共享负面清单外数据的记录 / recorded violations: rejections of data not on the negative list [SHR-3, L §34]' })
  violations!: number | null;

  @Field(() => Int, {
    description:
      '经授权读取本部门数据的次数（数据服务按授权逐日计数）/ reads of the agency’s records served through its grants, as the data service counts them per grant and day [SHR-11, SHR-5]',
  })
  grantReads!: number;
}

type RequestRow = { org_id: string; made: number; received: number; decided: number; approved: number; responses: string[] | null };

/**
 * Two statements per request, whatever the number of organizations: one over share requests (an
 * organization as requester and as provider, with the Chinese dates of each human decision for the
 * median), one over the records held against it as provider (open verifications past their due date,
 * rejections of data not on its negative list [L §34], and reads of its data through its grants).
 */
const sharingEvaluationLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, SharingEvaluation>('sharingEvaluation', async (ids) => {
    const list = ids.map(() => '?').join(', ');
    // Constants of this module, not input: written into the statement.
    const rules = PROVIDER_RULES.map((r) => `'${r}'`).join(', ');
    // The provider's own decisions: not the system's automatic grants or rejections, not the authority's coordination [SHR-11].
    const ownDecision = `role = 'P' and decided_at is not null and decided_by <> 'SYSTEM' and decision_rule in (${rules})`;
    const day = (col: string) => `to_char(${col} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
    const rows = await ctx.em.execute<RequestRow[]>(
      `select org_id,
              count(*) filter (where role = 'R')::int as made,
              count(*) filter (where role = 'P')::int as received,
              count(*) filter (where ${ownDecision})::int as decided,
              count(*) filter (where ${ownDecision} and status <> 'REJECTED')::int as approved,
              array_agg(${day('created_at')} || '/' || ${day('decided_at')}) filter (where ${ownDecision}) as responses
         from (select requester_id as org_id, 'R' as role, status, created_at, decided_at, decided_by, decision_rule from "sharing"."share_request" where requester_id in (${list})
               union all
               select provider_id, 'P', status, created_at, decided_at, decided_by, decision_rule from "sharing"."share_request" where provider_id in (${list})) x
        group by org_id`,
      [...ids, ...ids],
    );
    // An agency's requests live with the data they ask for, on every node: the others count theirs [L §28, B §48].
    const elsewhere = await Promise.all(
      ctx.peers.nodes.filter((n) => n.id !== ctx.node.id).map((n) => ctx.peers.internal<RequestsMade>(n, 'sharing', 'requests-made', { organizationIds: ids })),
    );
    const records = await ctx.em.execute<{ org_id: string; overdue: number; violations: number; reads: number }[]>(
      `select org_id, sum(overdue)::int as overdue, sum(violations)::int as violations, sum(reads)::int as reads
         from (select provider_id as org_id, 1 as overdue, 0 as violations, 0 as reads from "sharing"."data_verification"
                where provider_id in (${list}) and status = 'OPEN' and due_date < ?
               union all
               select provider_id, 0, 1, 0 from "sharing"."share_violation" where provider_id in (${list})
               union all
               select provider_id, 0, 0, reads from "sharing"."grant_use" where provider_id in (${list})) x
        group by org_id`,
      [...ids, todayInChina(), ...ids, ...ids],
    );
    const recordsOf = byKey(ids, records, (r) => r.org_id);
    return byKey(ids, rows, (r) => r.org_id).map((r, i) => ({
      requestsMade: (r?.made ?? 0) + elsewhere.reduce((sum, e) => sum + (e.counts[ids[i]!] ?? 0), 0),
      requestsReceived: r?.received ?? 0,
      approvalRate: r?.decided ? r.approved / r.decided : null,
      medianResponseWorkingDays: median(
        (r?.responses ?? []).map((s) => {
          const [from, to] = s.split('/') as [string, string];
          return workingDaysBetween(from, to);
        }),
      ),
      overdueVerifications: recordsOf[i]?.overdue ?? 0,
      violations: recordsOf[i]?.violations ?? 0,
      grantReads: recordsOf[i]?.reads ?? 0,
    }));
  });

/** The sharing subgraph's contribution to the catalog's `Organization`. */
@Resolver(() => OrganizationRef)
export class SharingEvaluationResolver {
  @FieldResolver(() => SharingEvaluation, {
    nullable: true,
    description:
      '共享工作评价数据；仅本部门、所在区域的数据主管部门（含上级）和审计人员可见，其他人为空 / sharing evaluation; visible to the agency itself, the data authorities of its region and above, and auditors; null for others [SHR-11, L §28, B §48]',
  })
  sharingEvaluation(@Ctx() ctx: SubgraphContext, @Root() org: OrganizationRef): Promise<SharingEvaluation> | null {
    if (!canSeeSharingEvaluation(ctx.actor, ctx.node, org.id)) return null;
    recordRead(ctx, 'SharingEvaluation', org.id);
    return sharingEvaluationLoader(ctx).load(org.id);
  }
}

interface RequestsMade {
  counts: Record<string, number>;
}

/** Another node's evaluation asks how many requests some organizations made for this node's data (kit/server/peers.ts `internal`). */
export const requestsMade: InternalRoute = async ({ em }, body): Promise<RequestsMade> => {
  const ids = (body as { organizationIds?: unknown }).organizationIds;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 1000 || !ids.every((id) => typeof id === 'string')) return { counts: {} };
  const rows = await em
    .getConnection()
    .execute<{ org_id: string; n: number }[]>(
      `select requester_id as org_id, count(*)::int as n from "sharing"."share_request" where requester_id in (${ids.map(() => '?').join(', ')}) group by requester_id`,
      ids,
    );
  return { counts: Object.fromEntries(rows.map((r) => [r.org_id, r.n])) };
};
