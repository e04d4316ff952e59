import type { FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Actor } from '../../schema/auth.js';
import { parseId } from '../../schema/ids.js';
import { hasRole } from '../kit/rules/access.js';
import { isOverdue, overdueFilter } from '../kit/rules/deadlines.js';
import { readOf, readsOf } from '../kit/server/audit.js';
import { catalogResource } from '../kit/server/catalog-client.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { badInput, forbidden, notFound } from '../kit/server/errors.js';
import { Bound, FreeText } from '../kit/server/input-bounds.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownIdRegion, connectionType, listPage, PageArgs, RegionScopeInput, type Page } from '../kit/server/pagination.js';
import type { InternalRoute } from '../kit/server/subgraph.js';
import { LocalDate } from '../kit/server/scalars.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { canAnswerFeedback, canFileFeedback, canSeeFeedback, canSetFeedbackDeadline, feedbackFilter } from './access.js';
import { GovernanceFeedback } from './feedback.entity.js';
import { GovernanceFeedbackStatusEnum, type GovernanceFeedbackStatus } from './feedback.enums.js';
import { answeredOnTime, checkAnswerable, checkDeadlineSettable, checkEntryPublished, checkItemNames, feedbackDeadline, MAX_FEEDBACK_ITEMS } from './feedback.rules.js';
import { DataResourceRef, OrganizationRef } from './foreign.js';

@InputType({ description: '反馈数据治理需求 / feed a data-quality problem of a catalog entry back to the data authority [D §16]' })
export class FileGovernanceFeedbackInput {
  @Field(() => ID, {
    description: '有质量问题的目录条目（可在其他平台）；反馈保存在条目所在平台 / the catalog entry with the problem (on any platform); the feedback is kept on its platform',
  })
  resourceId!: string;

  @Field(() => [String], { description: '有问题的信息项名称，至少一项 / the items concerned, at least one' })
  @Bound({ maxItems: MAX_FEEDBACK_ITEMS, kind: 'line' })
  itemNames!: string[];

  @Field({ description: '质量问题描述：哪些数据、什么问题 / the problem: which data, what is wrong' })
  @FreeText
  description!: string;
}

@InputType({ description: '数据治理需求筛选条件 / filters for governance feedback' })
export class GovernanceFeedbackFilter {
  @Field(() => GovernanceFeedbackStatusEnum, { nullable: true, description: '状态 / status' })
  status?: GovernanceFeedbackStatus | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true：仅超期未答复的（OPEN 且期限早于今天，北京时间）；false：仅未超期的 / true: only overdue ones (OPEN and due before today, China time); false: only the others [D §16]',
  })
  overdue?: boolean | null;

  @Field(() => ID, { nullable: true, description: '只列出该数据提供单位的 / only those of this providing agency' })
  providerId?: string | null;

  @Field(() => ID, { nullable: true, description: '只列出针对该目录条目的 / only those on this catalog entry' })
  resourceId?: string | null;
}

const GovernanceFeedbackConnection = connectionType(
  GovernanceFeedback,
  'GovernanceFeedback',
  '数据治理需求列表（跨平台合并，最新在前）/ a page of governance feedback, merged across platforms, newest first',
);

const OPERATOR_FIELDS = 'id status organization { id }';
type CallerOperator = { id: string; status: string; organization: { id: string } | null };

/**
 * The operator record the caller acts as, read on the node of its region (the operator may be
 * another node's than the entry): the record its token names (the gateway accepts an OPERATOR
 * token only with one). Null when there is none.
 */
async function callerOperator(ctx: SubgraphContext, actor: Actor): Promise<{ id: string; organizationId: string; status: string } | null> {
  const node = actor.account ? ctx.peers.nodeOfId(actor.account) : undefined;
  if (!actor.account || !node) return null;
  const found = (
    await ctx.peers.queryAt<{ operator: CallerOperator | null }>(node, 'operation', `query($id: ID!) { operator(id: $id) { ${OPERATOR_FIELDS} } }`, { id: actor.account })
  ).operator;
  return found?.organization ? { id: found.id, organizationId: found.organization.id, status: found.status } : null;
}

const refuseFile = () => forbidden('只有授权有效的运营主体可以反馈数据治理需求 / only an operator whose authorization is in force (ACTIVE) feeds back governance needs [D §16]');

@Resolver(() => GovernanceFeedback)
export class GovernanceFeedbackResolver {
  @Query(() => GovernanceFeedback, {
    nullable: true,
    description:
      '按ID查询数据治理需求（反馈的运营主体、数据提供单位、监管其区域的部门；读取留痕）/ a governance feedback item by ID: the operator that filed it, the providing agency, those overseeing the region; reads audited [D §16]',
  })
  async governanceFeedback(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<GovernanceFeedback | null> {
    const f = parseId(id) ? await ctx.em.findOne(GovernanceFeedback, { id }) : null;
    return f && canSeeFeedback(ctx.actor, ctx.node, f) ? readOf(ctx, 'GovernanceFeedback', f) : null;
  }

  @Query(() => GovernanceFeedbackConnection, {
    description:
      '数据治理需求列表：运营主体看到本身反馈的，数据提供单位看到针对本单位数据的，数据主管部门和审计人员看到所辖区域的（filter.overdue 列出超期未答复的），跨平台合并（读取留痕）/ governance feedback: an operator its own, a providing agency those on its data, authorities and auditors those of their regions (filter.overdue: the overdue ones), merged across platforms; reads audited [D §16]',
  })
  async governanceFeedbackItems(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('filter', () => GovernanceFeedbackFilter, { nullable: true }) filter?: GovernanceFeedbackFilter | null,
  ): Promise<Page<GovernanceFeedback>> {
    const where: FilterQuery<GovernanceFeedback>[] = [];
    if (filter?.providerId) where.push({ providerId: filter.providerId });
    if (filter?.resourceId) where.push({ resourceId: filter.resourceId });
    if (filter?.status) where.push({ status: filter.status });
    if (filter?.overdue != null) where.push(overdueFilter(filter.overdue) as FilterQuery<GovernanceFeedback>);
    return readsOf(ctx, 'GovernanceFeedback', await listPage(ctx, GovernanceFeedback, { visible: feedbackFilter(ctx.actor, ctx.node), scope, where, page }));
  }

  @FieldResolver(() => DataResourceRef, { description: '有质量问题的目录条目 / the catalog entry concerned' })
  resource(@Root() f: GovernanceFeedback): DataResourceRef {
    return { id: f.resourceId };
  }

  @FieldResolver(() => OrganizationRef, { description: '数据提供单位 / the providing agency that must fix the data' })
  provider(@Root() f: GovernanceFeedback): OrganizationRef {
    return { id: f.providerId };
  }

  @FieldResolver(() => ID, { description: '反馈的运营主体（授权运营协议）ID / the operator (agreement) that filed it' })
  operatorId(@Root() f: GovernanceFeedback): string {
    return f.operatorId;
  }

  @FieldResolver(() => OrganizationRef, { description: '反馈的运营主体机构 / the operator’s organization' })
  operatorOrganization(@Root() f: GovernanceFeedback): OrganizationRef {
    return { id: f.operatorOrganizationId };
  }

  @FieldResolver(() => Boolean, { description: '超期未答复：仍为 OPEN 且期限早于今天（北京时间）/ overdue: still OPEN and the deadline is before today (China time) [D §16]' })
  overdue(@Root() f: GovernanceFeedback): boolean {
    return f.dueDate !== null && isOverdue({ status: f.status, dueDate: f.dueDate });
  }

  @FieldResolver(() => Boolean, { nullable: true, description: '是否在期限内答复（未答复时为空）/ answered by the deadline; null until answered' })
  answeredOnTime(@Root() f: GovernanceFeedback): boolean | null {
    return answeredOnTime(f);
  }

  @Mutation(() => GovernanceFeedback, {
    description:
      '运营主体反馈在加工处理中发现的数据质量问题（条目、信息项、问题描述），保存在条目所在平台，待数据主管部门规定治理期限 / an operator feeds back a data-quality problem it found (entry, items, description); kept on the entry’s platform until the data authority sets the provider a deadline [D §16]',
  })
  async fileGovernanceFeedback(@Ctx() ctx: SubgraphContext, @Arg('input') input: FileGovernanceFeedbackInput): Promise<GovernanceFeedback> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(input.resourceId, 'input.resourceId');
    const ref = parseId(input.resourceId);
    if (!ref) throw badInput(`${input.resourceId} 不是有效的目录条目ID / ${input.resourceId} is not a catalog entry ID: pass the id of a DataResource`, 'input.resourceId');
    const description = input.description.trim();
    if (!description) throw badInput('请描述数据质量问题 / describe the quality problem', 'input.description');
    if (input.itemNames.every((n) => !n.trim())) checkItemNames([], []);
    if (!hasRole(actor, 'OPERATOR')) throw refuseFile();
    if (!ctx.node.regions.includes(ref.region)) throw badInput(`目录条目 ${input.resourceId} 不在本平台 / entry ${input.resourceId} is not on this platform`, 'input.resourceId');
    const [entry, op] = await Promise.all([catalogResource(ctx, input.resourceId, ['status', 'provider', 'items']), callerOperator(ctx, actor)]);
    if (op?.status !== 'ACTIVE' || !canFileFeedback(actor, op)) throw refuseFile();
    if (!entry) throw badInput(`目录条目 ${input.resourceId} 不存在 / no catalog entry ${input.resourceId}: pass the id of a published DataResource`, 'input.resourceId');
    checkEntryPublished(entry);
    const itemNames = checkItemNames(
      input.itemNames,
      entry.items.map((i) => i.name),
    );
    return mutate(ctx, 'operation', async (em) => {
      const owned = newOwned(ref.region);
      const f = em.create(GovernanceFeedback, {
        ...owned,
        resourceId: entry.id,
        providerId: entry.provider.id,
        operatorId: op.id,
        operatorOrganizationId: op.organizationId,
        itemNames,
        description,
        status: 'FILED',
        dueDate: null,
        deadlineWorkingDays: null,
        deadlineProfile: null,
        deadlineBasis: null,
        answer: null,
        answeredAt: null,
        updatedAt: owned.createdAt,
      });
      return {
        result: f,
        audit: {
          action: 'governanceFeedback.file',
          entityType: 'GovernanceFeedback',
          entityId: f.id,
          data: { resourceId: entry.id, providerId: entry.provider.id, operatorId: op.id, itemNames },
        },
      };
    });
  }

  @Mutation(() => GovernanceFeedback, {
    description:
      '数据主管部门规定数据提供单位完成治理的期限：指定日期或工作日数，二者选一，连同依据保存；只能规定一次 / the data authority sets the providing agency its deadline: a date or a number of working days (exactly one), kept with its basis; set once [D §16]',
  })
  async setGovernanceFeedbackDeadline(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('dueDate', () => LocalDate, { nullable: true, description: '指定期限 YYYY-MM-DD，须晚于今天 / the deadline as a date, after today' }) dueDate?: string | null,
    @Arg('workingDays', () => Int, { nullable: true, description: '自今天起的工作日数 1-60 / the deadline as working days from today, 1-60' }) workingDays?: number | null,
  ): Promise<GovernanceFeedback> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(id, 'id');
    const deadline = feedbackDeadline({ dueDate, workingDays });
    const f = await this.load(ctx, id);
    if (!canSetFeedbackDeadline(actor, ctx.node, f))
      throw forbidden(
        "只有条目所在区域、且在本平台的数据主管部门可以规定治理期限 / only the data authority acting on the entry's region, on this platform, sets the deadline [D §16]",
      );
    checkDeadlineSettable(f.status);
    return mutate(ctx, 'operation', async () => {
      Object.assign(f, { ...deadline, status: 'OPEN', updatedAt: new Date() });
      return { result: f, audit: { action: 'governanceFeedback.setDeadline', entityType: 'GovernanceFeedback', entityId: f.id, data: deadline } };
    });
  }

  @Mutation(() => GovernanceFeedback, {
    description:
      '数据提供单位答复完成了哪些治理；只能答复一次，逾期答复照收并显示为逾期 / the providing agency answers with what it fixed; once; a late answer is taken and shows as late [D §16]',
  })
  async answerGovernanceFeedback(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('answer', { description: '完成的治理：更正了哪些数据 / what was fixed' }) @FreeText answer: string,
  ): Promise<GovernanceFeedback> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(id, 'id');
    const text = answer.trim();
    if (!text) throw badInput('请说明完成了哪些治理 / say what was fixed', 'answer');
    const f = await this.load(ctx, id);
    if (!canAnswerFeedback(actor, f)) throw forbidden('只有数据提供单位可以答复数据治理需求 / only the providing agency answers governance feedback [D §16]');
    checkAnswerable(f.status);
    return mutate(ctx, 'operation', async () => {
      const now = new Date();
      const late = f.dueDate !== null && todayInChina(now) > f.dueDate;
      Object.assign(f, { status: 'ANSWERED', answer: text, answeredAt: now, updatedAt: now });
      return { result: f, audit: { action: 'governanceFeedback.answer', entityType: 'GovernanceFeedback', entityId: f.id, data: { dueDate: f.dueDate, late } } };
    });
  }

  private async load(ctx: SubgraphContext, id: string): Promise<GovernanceFeedback> {
    const f = parseId(id) ? await ctx.em.findOne(GovernanceFeedback, { id }) : null;
    if (!f || !canSeeFeedback(ctx.actor, ctx.node, f)) throw notFound('数据治理需求 / governance feedback', id);
    return f;
  }
}

interface OverdueCounts {
  counts: Record<string, number>;
}

/**
 * The catalog's evaluation of agencies (CAT-9) asks this node's operation subgraph how many
 * governance feedback items of each organization are overdue: one statement for all of them.
 */
export const overdueGovernanceFeedback: InternalRoute = async ({ em }, body): Promise<OverdueCounts> => {
  const ids = (body as { organizationIds?: unknown }).organizationIds;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 1000 || !ids.every((id) => typeof id === 'string')) return { counts: {} };
  const rows = await em.getConnection().execute<{ provider_id: string; n: number }[]>(
    `select provider_id, count(*)::int as n from "operation"."governance_feedback"
        where provider_id in (${ids.map(() => '?').join(', ')}) and status = 'OPEN' and due_date < ? group by provider_id`,
    [...ids, todayInChina()],
  );
  return { counts: Object.fromEntries(rows.map((r) => [r.provider_id, r.n])) };
};
