import { Ctx, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { todayInChina } from '../kit/rules/calendar.js';
import { recordRead } from '../kit/server/audit.js';
import { byKey, type SubgraphContext } from '../kit/server/context.js';
import { canSeeOpeningEvaluation } from './access.js';
import { OrganizationRef } from './foreign.js';

@ObjectType('OpeningEvaluation', {
  description:
    "部门公共数据开放评价数据：开放数量、质量和利用情况，按本部门所在平台的记录统计 / an agency's open-data evaluation: the quantity, quality and use of what it opened, from the records of its own platform [OPN-9, Z §38]",
})
export class OpeningEvaluation {
  @Field(() => Int, { description: '开放中的数据集数 / datasets open now' })
  openDatasets!: number;

  @Field(() => Int, { description: '其中受限开放的 / of which RESTRICTED' })
  restrictedDatasets!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      '完整度：开放中的数据集中摘要、重点领域、格式和更新频率均已填写的比例；无开放数据集时为空 / completeness: the share of open datasets with a description, a priority domain, a format and an update frequency; null when none is open [Z §7, Z §10]',
  })
  completeness!: number | null;

  @Field(() => Int, { description: '收到的意见建议数 / opinions received [Z §21]' })
  opinionsReceived!: number;

  @Field(() => Int, { description: '超期未处理的意见建议数 / opinions still unanswered after their due date [Z §21]' })
  opinionsOverdue!: number;

  @Field(() => Int, { description: '超期答复的意见建议数 / opinions answered after their due date [Z §21]' })
  opinionsAnsweredLate!: number;

  @Field(() => Int, { description: '收到的侵权投诉数 / complaints that its opened data infringes secrets or privacy [Z §35]' })
  complaints!: number;

  @Field(() => Int, { description: '收到的受限开放申请数 / applications for its restricted data [Z §16]' })
  applicationsReceived!: number;

  @Field(() => Int, { description: '期限内有效的开放利用协议数 / agreements in force on its data [Z §17]' })
  agreementsInForce!: number;

  @Field(() => Int, { description: '记录在案的受限开放数据利用次数 / recorded uses of its restricted data [Z §28, Z §34]' })
  restrictedUses!: number;

  /** Counted by the data plane as it serves open data (open-access.route.ts `countOpenData`). Nullable as before, so clients keep their types; always a count now. */
  @Field(() => Int, { nullable: true, description: '下载次数（由数据服务计数）/ downloads of its open datasets, as the data service counts them [Z §38]' })
  downloads!: number | null;

  @Field(() => Int, { nullable: true, description: '接口调用次数（由数据服务计数）/ API calls on its open datasets, as the data service counts them [Z §38]' })
  apiCalls!: number | null;
}

type Row = {
  org_id: string;
  open: number;
  restricted: number;
  complete: number;
  opinions: number;
  overdue: number;
  late: number;
  complaints: number;
  applications: number;
  agreements: number;
  uses: number;
  downloads: number;
  api_calls: number;
};

/**
 * One statement per request, whatever the number of organizations: each table the agency's
 * opening work leaves rows in, counted by provider. All of them live on the agency's own node,
 * with the datasets it opened.
 */
const openingEvaluationLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, OpeningEvaluation>('openingEvaluation', async (ids) => {
    const list = ids.map(() => '?').join(', ');
    const today = todayInChina();
    const day = (col: string) => `to_char(${col} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
    const rows = await ctx.em.execute<Row[]>(
      `select org_id,
              sum(open)::int as open, sum(restricted)::int as restricted, sum(complete)::int as complete,
              sum(opinions)::int as opinions, sum(overdue)::int as overdue, sum(late)::int as late,
              sum(complaints)::int as complaints, sum(applications)::int as applications,
              sum(agreements)::int as agreements, sum(uses)::int as uses, sum(downloads)::int as downloads, sum(api_calls)::int as api_calls
         from (select provider_id as org_id, 1 as open, (open_attribute = 'RESTRICTED')::int as restricted,
                      (description is not null and description <> '' and priority_domain is not null and format is not null and update_frequency is not null)::int as complete,
                      0 as opinions, 0 as overdue, 0 as late, 0 as complaints, 0 as applications, 0 as agreements, 0 as uses, 0 as downloads, 0 as api_calls
                 from "opening"."open_dataset" where provider_id in (${list}) and status = 'OPEN'
               union all
               select provider_id, 0, 0, 0, 1, (status = 'OPEN' and due_date < ?::date)::int, (status = 'ANSWERED' and ${day('answered_at')} > due_date::text)::int, 0, 0, 0, 0, 0, 0
                 from "opening"."open_data_opinion" where provider_id in (${list})
               union all
               select provider_id, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0 from "opening"."open_data_complaint" where provider_id in (${list})
               union all
               select provider_id, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 from "opening"."open_data_application" where provider_id in (${list})
               union all
               select provider_id, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0 from "opening"."open_data_agreement"
                where provider_id in (${list}) and status = 'ACTIVE' and term_start <= ?::date and term_end >= ?::date
               union all
               select provider_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0 from "opening"."open_data_use" where provider_id in (${list})
               union all
               select provider_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (method = 'DOWNLOAD')::int * calls, (method = 'API')::int * calls from "opening"."open_data_count" where provider_id in (${list})) x
        group by org_id`,
      [...ids, today, ...ids, ...ids, ...ids, ...ids, today, today, ...ids, ...ids],
    );
    return byKey(ids, rows, (r) => r.org_id).map((r) => ({
      openDatasets: r?.open ?? 0,
      restrictedDatasets: r?.restricted ?? 0,
      completeness: r?.open ? r.complete / r.open : null,
      opinionsReceived: r?.opinions ?? 0,
      opinionsOverdue: r?.overdue ?? 0,
      opinionsAnsweredLate: r?.late ?? 0,
      complaints: r?.complaints ?? 0,
      applicationsReceived: r?.applications ?? 0,
      agreementsInForce: r?.agreements ?? 0,
      restrictedUses: r?.uses ?? 0,
      downloads: r?.downloads ?? 0,
      apiCalls: r?.api_calls ?? 0,
    }));
  });

/** The opening subgraph's contribution to the catalog's `Organization`, beside the catalog's and sharing's evaluations. */
@Resolver(() => OrganizationRef)
export class OpeningEvaluationResolver {
  @FieldResolver(() => OpeningEvaluation, {
    nullable: true,
    description:
      '公共数据开放评价数据；仅本部门、所在区域的数据主管部门（含上级）和审计人员可见，其他人为空 / open-data evaluation; visible to the agency itself, the data authorities of its region and above, and auditors; null for others [OPN-9, Z §38]',
  })
  openingEvaluation(@Ctx() ctx: SubgraphContext, @Root() org: OrganizationRef): Promise<OpeningEvaluation> | null {
    if (!canSeeOpeningEvaluation(ctx.actor, org.id)) return null;
    recordRead(ctx, 'OpeningEvaluation', org.id);
    return openingEvaluationLoader(ctx).load(org.id);
  }
}
