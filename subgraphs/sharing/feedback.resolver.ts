import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { parseId } from '../../schema/ids.js';
import { readOf } from '../kit/server/audit.js';
import { isCalendarDate, todayInChina } from '../kit/rules/calendar.js';
import { groupByKey, requireActor, type SubgraphContext } from '../kit/server/context.js';
import { badInput, conflict, forbidden, notFound } from '../kit/server/errors.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownIdRegion } from '../kit/server/pagination.js';
import { blank } from '../kit/rules/validation.js';
import { canReportFeedback, canSeeFeedback, canSeeRequest } from './access.js';
import { UsageFeedback } from './feedback.entity.js';
import { UsageFeedbackInput } from './feedback.inputs.js';
import { ShareRequest } from './share-request.entity.js';
import { requiredText } from './text.js';

/** Every grant a response mentions gets its feedback in one query. */
const feedbackLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, UsageFeedback[]>('usageFeedback', async (ids) =>
    groupByKey(ids, await ctx.em.find(UsageFeedback, { grantId: { $in: [...ids] } }, { orderBy: { seq: 'desc' } }), (f) => f.grantId),
  );

function checkDate(value: string, field: string): string {
  if (!isCalendarDate(value)) throw badInput(`日期 "${value}" 无效，格式为 YYYY-MM-DD / "${value}" is not a valid date: use YYYY-MM-DD`, field);
  return value;
}

/** A request that became a grant, whatever happened to it since (lapsed, suspended): its use can be reported. */
const wasGranted = (r: ShareRequest) => r.decidedAt !== null && r.status !== 'REJECTED';

@Resolver(() => ShareRequest)
export class ShareRequestFeedbackResolver {
  @FieldResolver(() => [UsageFeedback], {
    description: "使用部门反馈的使用情况（最新在前）；可见性同本授权 / the grantee's usage reports, newest first; visible to whoever sees the grant [SHR-9, B §45]",
  })
  async feedback(@Ctx() ctx: SubgraphContext, @Root() r: ShareRequest): Promise<UsageFeedback[]> {
    const list = await feedbackLoader(ctx).load(r.id);
    return list.filter((f) => canSeeFeedback(ctx.actor, ctx.node, f)).map((f) => readOf(ctx, 'UsageFeedback', f));
  }

  @Mutation(() => UsageFeedback, {
    description:
      "使用部门反馈授权数据在一段期间内的使用情况：期间须在授权期内且不晚于今天 / the grantee reports how it used a grant's data over a period within the grant's life, up to today [SHR-9, B §45]",
  })
  async reportUsageFeedback(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: '授权（已获批的共享申请）ID / the grant (a granted share request)' }) id: string,
    @Arg('input') input: UsageFeedbackInput,
  ): Promise<UsageFeedback> {
    const actor = requireActor(ctx);
    const start = checkDate(input.periodStartDate, 'input.periodStartDate');
    const end = checkDate(input.periodEndDate, 'input.periodEndDate');
    if (start > end) throw badInput('期间起始日不能晚于截止日 / periodStartDate must not be after periodEndDate', 'input.periodStartDate');
    const today = todayInChina();
    if (end > today) throw badInput(`期间截止日不能晚于今天 (${today}) / periodEndDate must not be after today (${today}): report on use that happened`, 'input.periodEndDate');
    if (!Number.isInteger(input.useCount) || input.useCount < 0) throw badInput('使用量不能为负数 / useCount must be 0 or more', 'input.useCount');
    const frequency = requiredText(input.frequency, 'input.frequency', '使用频度', '[B §45]');
    assertKnownIdRegion(id, 'id');
    const grant = parseId(id) ? await ctx.em.findOne(ShareRequest, { id }) : null;
    if (!grant || !canSeeRequest(actor, ctx.node, grant)) throw notFound('授权 / grant', id);
    if (!canReportFeedback(actor, grant)) throw forbidden('只有授权的使用部门可以反馈使用情况 / only staff of the grantee report its use of the data [B §45]');
    if (!wasGranted(grant))
      throw conflict(`该申请未获授权（当前为 ${grant.status}），没有可反馈的使用情况 / this request was never granted (${grant.status}): there is no use to report`);
    const grantedOn = todayInChina(grant.decidedAt!);
    if (start < grantedOn)
      throw badInput(`期间起始日不能早于授权之日 ${grantedOn} / periodStartDate must not be before the grant was made (${grantedOn})`, 'input.periodStartDate');
    if (end > grant.endDate)
      throw badInput(`期间截止日不能晚于授权截止日期 ${grant.endDate} / periodEndDate must not be after the grant's end date ${grant.endDate}`, 'input.periodEndDate');
    return mutate(ctx, 'sharing', async (em) => {
      const owned = newOwned(grant.regionCode);
      const f = em.create(UsageFeedback, {
        ...owned,
        grantId: grant.id,
        requesterId: grant.requesterId,
        providerId: grant.providerId,
        periodStart: start,
        periodEnd: end,
        purposeFulfilled: input.purposeFulfilled,
        useCount: input.useCount,
        frequency,
        issues: blank(input.issues) ? null : input.issues!.trim(),
        reportedBy: actor.sub,
      });
      return {
        result: f,
        audit: {
          action: 'usageFeedback.report',
          entityType: 'UsageFeedback',
          entityId: owned.id,
          data: { grantId: grant.id, periodStart: start, periodEnd: end, purposeFulfilled: input.purposeFulfilled, useCount: input.useCount },
        },
      };
    });
  }
}
