import type { FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { parseId } from '../../schema/ids.js';
import { hasRole } from '../kit/rules/access.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { onChinaDate, workingDayDeadline } from '../kit/rules/deadlines.js';
import { readOf, readsOf } from '../kit/server/audit.js';
import { catalogResource } from '../kit/server/catalog-client.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { badInput, forbidden, notFound } from '../kit/server/errors.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownIdRegion, connectionType, listPage, PageArgs, RegionScopeInput, type Page } from '../kit/server/pagination.js';
import { actsAsOperator, authorizationFilter, canAnswerEntry, canFirstReview, canReReview, canSeeAuthorization, canSeeOperator } from './access.js';
import { OperationAuthorizationStandingEnum, SCENARIO_HOLDING_STATUSES, type OperationAuthorizationStanding } from './authorization.enums.js';
import { LocalDate } from '../kit/server/scalars.js';
import {
  OperationAuthorization,
  OperationAuthorizationDeadline,
  OperationAuthorizationEntry,
  OperationAuthorizationGoal,
  OperationAuthorizationGrant,
  OperationAuthorizationStep,
  type StoredEntry,
  type StoredStep,
} from './authorization.entity.js';
import {
  AnswerOperationAuthorizationEntryInput,
  ApplyForOperationAuthorizationInput,
  FirstReviewOperationAuthorizationInput,
  OperationAuthorizationFilter,
  ReReviewOperationAuthorizationInput,
} from './authorization.inputs.js';
import {
  answerEntry,
  AUTHORIZABLE_RESOURCE_FIELDS,
  authorizationOf,
  authorizationStanding,
  checkAssessment,
  checkAuthorizable,
  checkConfirmable,
  checkDemandList,
  checkFirstReviewable,
  checkGoalsWithinTerm,
  checkOperatorStanding,
  checkReReviewable,
  stepDay,
  checkScenarioFree,
  confirmationRule,
  optionalText,
  outcomeOf,
  overdueAuthorizationFilter,
  overdueStep,
  requiredText,
  reReviewRule,
  scenarioKey,
} from './authorization.rules.js';
import { OrganizationRef } from './foreign.js';
import { Operator } from './operator.entity.js';
import { operatorLoader } from './operator.loader.js';

const OperationAuthorizationConnection = connectionType(
  OperationAuthorization,
  'OperationAuthorization',
  '数据使用授权申请列表（跨平台合并，最新在前）/ a page of data-use authorization applications, merged across platforms, newest first',
);

const step = (kind: StoredStep['kind'], at: Date, note: string | null): StoredStep => ({ kind, at: at.toISOString(), note });

const refuseApply = () =>
  forbidden(
    '只有授权运营主体本身（令牌账号为该运营主体的 OPERATOR 令牌）可以提交需求清单；书面提交的清单由服务该区域的数据运营服务中心录入并注明收到日期 / only the operator itself, with an OPERATOR token whose account is this operator, submits a demand list; one handed in on paper is recorded, with the day received, by the service center serving the operator’s region [D §12]',
  );

async function loadVisible(ctx: SubgraphContext, id: string): Promise<OperationAuthorization> {
  const actor = requireActor(ctx);
  assertKnownIdRegion(id, 'id');
  const a = parseId(id) ? await ctx.em.findOne(OperationAuthorization, { id }) : null;
  if (!a || !canSeeAuthorization(actor, ctx.node, a)) throw notFound('数据使用授权申请 / data-use authorization application', id);
  return a;
}

@Resolver(() => OperationAuthorization)
export class OperationAuthorizationResolver {
  @Query(() => OperationAuthorization, {
    nullable: true,
    description:
      '按ID查询数据使用授权申请：申请的运营主体、数据运营服务中心、所涉条目的提供单位和监管其区域的部门可见，其他人为空 / an application by ID: the operator, the service center, the providers of its entries and those overseeing the region; null for anyone else [D §12-14]',
  })
  async operationAuthorization(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<OperationAuthorization | null> {
    const a = parseId(id) ? await ctx.em.findOne(OperationAuthorization, { id }) : null;
    return a && canSeeAuthorization(ctx.actor, ctx.node, a) ? readOf(ctx, 'OperationAuthorization', a) : null;
  }

  @Query(() => OperationAuthorizationConnection, {
    description:
      '数据使用授权申请列表：运营主体看到本主体的，数据运营服务中心看到所服务区域的，提供单位看到涉及本单位条目的，数据主管部门和审计人员看到所辖区域的；overdue 列出超期的复审和确认 / applications: an operator its own, the service center those of its region, a provider those naming its entries, authorities and auditors those of their regions; `overdue` lists late re-reviews and confirmations [D §12-14]',
  })
  async operationAuthorizations(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('filter', () => OperationAuthorizationFilter, { nullable: true, description: '筛选条件 / filters' }) filter?: OperationAuthorizationFilter | null,
  ): Promise<Page<OperationAuthorization>> {
    const where: FilterQuery<OperationAuthorization>[] = [];
    if (filter?.status) where.push({ status: filter.status });
    if (filter?.overdue != null) where.push(overdueAuthorizationFilter(filter.overdue, todayInChina()));
    if (filter?.operatorId) where.push({ operatorId: filter.operatorId });
    return readsOf(ctx, 'OperationAuthorization', await listPage(ctx, OperationAuthorization, { visible: authorizationFilter(ctx.actor, ctx.node), scope, where, page }));
  }

  @FieldResolver(() => Operator, { nullable: true, description: '申请的授权运营主体 / the operator that applied' })
  async operator(@Ctx() ctx: SubgraphContext, @Root() a: OperationAuthorization): Promise<Operator | null> {
    const op = await operatorLoader(ctx).load(a.operatorId);
    return op && canSeeOperator(ctx.actor, op, todayInChina()) ? op : null;
  }

  @FieldResolver(() => OperationAuthorizationStandingEnum, {
    description:
      '授权的当前效力：运营主体被暂停时暂不可用，被撤销、到期或逾期未整改时终止 / where the authorization stands today: paused while its operator is suspended, ended once the operator is revoked, expired or not rectified in time [D §11, D §28]',
  })
  async standing(@Ctx() ctx: SubgraphContext, @Root() a: OperationAuthorization): Promise<OperationAuthorizationStanding> {
    return (await this.standingOf(ctx, a)).standing;
  }

  @FieldResolver(() => LocalDate, {
    nullable: true,
    description:
      '授权终止之日（有效期届满次日，或运营主体权限终止之日，如整改期限届满次日）；未终止为空 / the day the authorization ended: after its validity, or when its operator’s access ended (e.g. the day after an unmet rectification deadline); null while not ended [D §28]',
  })
  async endedOn(@Ctx() ctx: SubgraphContext, @Root() a: OperationAuthorization): Promise<string | null> {
    return (await this.standingOf(ctx, a)).endedOn;
  }

  private async standingOf(ctx: SubgraphContext, a: OperationAuthorization) {
    const op = await operatorLoader(ctx).load(a.operatorId);
    return op ? authorizationStanding(a, op, todayInChina()) : { standing: 'NOT_GRANTED' as const, endedOn: null };
  }

  @FieldResolver(() => OrganizationRef, { description: '运营主体所属机构 / the operator’s organization' })
  organization(@Root() a: OperationAuthorization): OrganizationRef {
    return { id: a.organizationId };
  }

  @FieldResolver(() => [OperationAuthorizationGoal], { description: '目标 / the goals [D §13 (三)]' })
  goals(@Root() a: OperationAuthorization): OperationAuthorizationGoal[] {
    return a.goals;
  }

  @FieldResolver(() => [OperationAuthorizationEntry], {
    description: '需求清单中的目录条目、数据项和提供单位的答复 / the entries asked for, their items and their providers’ answers [D §13-14]',
  })
  entries(@Root() a: OperationAuthorization): OperationAuthorizationEntry[] {
    return a.entries.map((e) => ({
      resourceId: e.resourceId,
      resource: { id: e.resourceId },
      entryName: e.entryName,
      provider: { id: e.providerId },
      items: e.items,
      answer: e.answer,
      confirmedItems: e.confirmedItems,
      answerReason: e.answerReason,
      answeredAt: e.answeredAt ? new Date(e.answeredAt) : null,
    }));
  }

  @FieldResolver(() => [OperationAuthorizationGrant], {
    description:
      '授权范围：提供单位确认的条目和数据项（仅 GRANTED 时非空）/ what the authorization covers: the entries and items their providers confirmed; empty unless GRANTED [D §14-15]',
  })
  grantedEntries(@Root() a: OperationAuthorization): OperationAuthorizationGrant[] {
    return authorizationOf(a).grants;
  }

  @FieldResolver(() => [OperationAuthorizationStep], { description: '处理步骤，按时间顺序 / the steps taken, in order' })
  steps(@Root() a: OperationAuthorization): OperationAuthorizationStep[] {
    return a.steps.map((s) => ({ kind: s.kind, at: new Date(s.at), note: s.note }));
  }

  @FieldResolver(() => OperationAuthorizationDeadline, { nullable: true, description: '复审期限（初审通过起算）/ the re-review deadline, counted from the first review [D §14]' })
  reReviewDeadline(@Root() a: OperationAuthorization): OperationAuthorizationDeadline | null {
    if (a.reReviewDue === null) return null;
    return {
      dueDate: a.reReviewDue,
      workingDays: a.reReviewWorkingDays!,
      profile: a.reReviewProfile,
      basis: a.reReviewBasis!,
      overdue: overdueStep(a, todayInChina()) === 'RE_REVIEW',
    };
  }

  @FieldResolver(() => OperationAuthorizationDeadline, {
    nullable: true,
    description: '提供单位确认期限（复审通过起算）/ the providers’ confirmation deadline, counted from the re-review [D §14]',
  })
  confirmationDeadline(@Root() a: OperationAuthorization): OperationAuthorizationDeadline | null {
    if (a.confirmationDue === null) return null;
    return {
      dueDate: a.confirmationDue,
      workingDays: a.confirmationWorkingDays!,
      profile: a.confirmationProfile,
      basis: a.confirmationBasis!,
      overdue: overdueStep(a, todayInChina()) === 'CONFIRMATION',
    };
  }

  @FieldResolver(() => Boolean, { description: '复审或提供单位确认已超过期限 / late at the re-review or at the providers’ confirmation [D §14]' })
  overdue(@Root() a: OperationAuthorization): boolean {
    return overdueStep(a, todayInChina()) !== null;
  }

  @Mutation(() => OperationAuthorization, {
    description:
      '提交公共数据运营服务需求清单（一场景一授权）：应用场景及其经济或社会价值、所需目录条目和数据项（每项说明必要性）、实施计划和运营协议期限内的目标、所属领域；由数据运营服务中心初审 / submit a demand list for one scenario: the scenario and its economic or social value, the entries and items needed (each item with its reason), a plan with goals within the agreement’s term, the domain; the service center reviews it first [OPR-2, D §7, D §12-13]',
  })
  async applyForOperationAuthorization(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: '授权运营主体ID（即令牌的账号）/ the operator: your token’s account' }) id: string,
    @Arg('input') input: ApplyForOperationAuthorizationInput,
  ): Promise<OperationAuthorization> {
    const actor = requireActor(ctx);
    // A list handed in on paper is recorded by the service center, dated the day it arrived; online, only the operator itself submits.
    const onPaper = input.receivedOn !== null && input.receivedOn !== undefined;
    if (onPaper ? !hasRole(actor, 'SERVICE_CENTER') : !hasRole(actor, 'OPERATOR') || actor.account !== id) throw refuseApply();
    assertKnownIdRegion(id, 'id');
    const today = todayInChina();
    const receivedOn = onPaper ? stepDay(input.receivedOn, today, 'RECEIVED', 'input.receivedOn') : null;
    const list = checkDemandList(input, today);
    const ref = parseId(id);
    const op = ref && ctx.node.regions.includes(ref.region) ? await ctx.em.findOne(Operator, { id }) : null;
    if (!op) throw notFound('授权运营主体 / operator', id);
    if (onPaper ? !canFirstReview(actor, ctx.node, op) : !actsAsOperator(actor, op)) throw refuseApply();
    checkOperatorStanding(op, today);
    checkGoalsWithinTerm(list.goals, op.termEnd);
    const key = scenarioKey(list.scenarioName);
    checkScenarioFree(await ctx.em.findOne(OperationAuthorization, { operatorId: op.id, scenarioKey: key, status: { $in: [...SCENARIO_HOLDING_STATUSES] } }), list.scenarioName);
    const resources = await Promise.all(list.entries.map((e) => catalogResource(ctx, e.resourceId, AUTHORIZABLE_RESOURCE_FIELDS)));
    const entries: StoredEntry[] = list.entries.map((e, i) => {
      const r = resources[i]!;
      checkAuthorizable(r, e.resourceId, e.items, `input.entries.${i}`);
      return {
        resourceId: e.resourceId,
        entryName: r!.name,
        providerId: r!.provider.id,
        items: e.items,
        answer: 'PENDING',
        confirmedItems: [],
        answerReason: null,
        answeredAt: null,
      };
    });
    return mutate(ctx, 'operation', async (em) => {
      const owned = newOwned(op.regionCode);
      const a = em.create(OperationAuthorization, {
        ...owned,
        operatorId: op.id,
        organizationId: op.organizationId,
        operatorTermEnd: op.termEnd,
        scenarioName: list.scenarioName,
        scenarioKey: key,
        scenarioDescription: list.scenarioDescription,
        valueKind: input.valueKind,
        value: list.value,
        priorityDomain: input.priorityDomain,
        plan: list.plan,
        goals: list.goals,
        entries,
        providerIds: [...new Set(entries.map((e) => e.providerId))],
        status: 'SUBMITTED',
        receivedOn,
        firstReviewOpinion: null,
        firstReviewedAt: null,
        reReviewDue: null,
        reReviewWorkingDays: null,
        reReviewProfile: null,
        reReviewBasis: null,
        complianceAssessment: null,
        riskAssessment: null,
        networkSecurityOpinion: null,
        expertCommitteeOpinion: null,
        refusalReason: null,
        reReviewedAt: null,
        confirmationDue: null,
        confirmationWorkingDays: null,
        confirmationProfile: null,
        confirmationBasis: null,
        grantedOn: null,
        validUntil: null,
        steps: [
          step(
            'SUBMITTED',
            receivedOn ? onChinaDate(receivedOn) : owned.createdAt,
            receivedOn ? '书面提交，由数据运营服务中心录入 / handed in on paper, recorded by the service center' : null,
          ),
        ],
        updatedAt: owned.createdAt,
      });
      return {
        result: a,
        audit: {
          action: 'operationAuthorization.apply',
          entityType: 'OperationAuthorization',
          entityId: a.id,
          data: {
            operatorId: op.id,
            scenarioName: list.scenarioName,
            receivedOn,
            priorityDomain: input.priorityDomain,
            valueKind: input.valueKind,
            entries: entries.map((e) => ({ resourceId: e.resourceId, providerId: e.providerId, items: e.items.map((x) => x.name) })),
            goals: list.goals.length,
            crossNode: entries.some((e) => parseId(e.resourceId)!.region !== op.regionCode),
          },
        },
      };
    });
  }

  @Mutation(() => OperationAuthorization, {
    description:
      '初审（数据运营服务中心）：通过后报数据主管部门复审，复审期限自今日起按政策计算（大理：5个工作日）；或退回并说明理由 / the first review (the service center): PASS sends it to the authority, whose re-review deadline counts from today under the policy (Dali: 5 working days); RETURN gives the reason [OPR-3, D §14]',
  })
  async firstReviewOperationAuthorization(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('input') input: FirstReviewOperationAuthorizationInput,
  ): Promise<OperationAuthorization> {
    requireActor(ctx);
    const passing = input.decision === 'PASS';
    const opinion = passing
      ? optionalText(input.opinion, 'input.opinion', '初审意见', 'the opinion')
      : requiredText(input.opinion, 'input.opinion', '退回理由', 'the reason for returning it [D §14]');
    const a = await loadVisible(ctx, id);
    if (!canFirstReview(ctx.actor, ctx.node, a)) {
      throw forbidden(
        '只有服务该区域、且在本平台的数据运营服务中心可以初审 / only the data operation service center serving the application’s region, on this platform, gives the first review [D §14]',
      );
    }
    checkFirstReviewable(a);
    const reviewedOn = stepDay(input.reviewedOn, todayInChina(), 'FIRST_REVIEW', 'input.reviewedOn', { day: a.receivedOn ?? todayInChina(a.createdAt), step: 'RECEIVED' });
    return mutate(ctx, 'operation', async () => {
      const now = new Date();
      const at = reviewedOn === todayInChina(now) ? now : onChinaDate(reviewedOn);
      const deadline = passing ? workingDayDeadline(reReviewRule(ctx.node.profiles), at) : null;
      Object.assign(a, {
        status: passing ? 'FIRST_REVIEWED' : 'RETURNED',
        firstReviewOpinion: opinion,
        firstReviewedAt: at,
        ...(deadline && {
          reReviewDue: deadline.dueDate,
          reReviewWorkingDays: deadline.deadlineWorkingDays,
          reReviewProfile: deadline.deadlineProfile,
          reReviewBasis: deadline.deadlineBasis,
        }),
        steps: [...a.steps, step(passing ? 'FIRST_REVIEW_PASSED' : 'RETURNED', at, opinion)],
        updatedAt: now,
      });
      return {
        result: a,
        audit: {
          action: 'operationAuthorization.firstReview',
          entityType: 'OperationAuthorization',
          entityId: a.id,
          data: { decision: input.decision, opinion, reviewedOn, reReviewDue: deadline?.dueDate ?? null, deadlineBasis: deadline?.deadlineBasis ?? null },
        },
      };
    });
  }

  @Mutation(() => OperationAuthorization, {
    description:
      '复审（数据主管部门）：记录会同网信部门和数据专家委员会所作的合规性和安全风险评估后通过，征求各数据提供单位意见（确认期限自今日起，大理：5个工作日）；或不予通过并说明理由 / the re-review (the authority): APPROVE, having recorded the compliance and security risk assessment made with the network-security office and the expert committee, asks each provider (its deadline counts from today; Dali: 5 working days); REFUSE gives the reason [OPR-3, D §14, D §22]',
  })
  async reReviewOperationAuthorization(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('input') input: ReReviewOperationAuthorizationInput,
  ): Promise<OperationAuthorization> {
    requireActor(ctx);
    const approving = input.decision === 'APPROVE';
    const assessment = checkAssessment(input, approving);
    const reason = approving ? null : requiredText(input.reason, 'input.reason', '不予通过的理由', 'the reason for refusing');
    if (approving && input.reason?.trim()) throw badInput('通过时不填理由；说明请写入评估 / an APPROVE takes no reason: put remarks in the assessment', 'input.reason');
    const a = await loadVisible(ctx, id);
    if (!canReReview(ctx.actor, ctx.node, a)) {
      throw forbidden(
        '只有申请所属区域（或其上级区域）在本平台的数据主管部门可以复审 / only the data authority of the application’s region or a region above it, on this platform, re-reviews [D §14]',
      );
    }
    checkReReviewable(a);
    const reviewedOn = stepDay(input.reviewedOn, todayInChina(), 'RE_REVIEW', 'input.reviewedOn', { day: todayInChina(a.firstReviewedAt ?? a.createdAt), step: 'FIRST_REVIEW' });
    if (approving) {
      const op = await ctx.em.findOneOrFail(Operator, { id: a.operatorId });
      checkOperatorStanding(op, todayInChina());
    }
    return mutate(ctx, 'operation', async () => {
      const now = new Date();
      const at = reviewedOn === todayInChina(now) ? now : onChinaDate(reviewedOn);
      const late = a.reReviewDue !== null && a.reReviewDue < reviewedOn;
      const deadline = approving ? workingDayDeadline(confirmationRule(ctx.node.profiles), at) : null;
      Object.assign(a, {
        status: approving ? 'RE_REVIEWED' : 'REFUSED',
        ...assessment,
        refusalReason: reason,
        reReviewedAt: at,
        ...(deadline && {
          confirmationDue: deadline.dueDate,
          confirmationWorkingDays: deadline.deadlineWorkingDays,
          confirmationProfile: deadline.deadlineProfile,
          confirmationBasis: deadline.deadlineBasis,
        }),
        steps: [...a.steps, step(approving ? 'RE_REVIEW_APPROVED' : 'REFUSED', at, reason)],
        updatedAt: now,
      });
      return {
        result: a,
        audit: {
          action: 'operationAuthorization.reReview',
          entityType: 'OperationAuthorization',
          entityId: a.id,
          data: { decision: input.decision, reason, reviewedOn, assessed: Object.values(assessment).every((v) => v !== null), late, confirmationDue: deadline?.dueDate ?? null },
        },
      };
    });
  }

  @Mutation(() => OperationAuthorization, {
    description:
      '数据提供单位对本单位条目的确认意见（可为其他平台的申请）：确认全部或部分申请的数据项，或不同意并说明理由；全部提供单位答复后，按确认的条目和数据项授权，均未确认则不予授权 / a providing agency answers for one of its entries (the application may live on another platform): confirm all or some of the items asked, or decline with the reason; once every provider has answered the authorization is granted for exactly the confirmed items, or not granted when none were [OPR-3, D §14-15]',
  })
  async answerOperationAuthorizationEntry(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('input') input: AnswerOperationAuthorizationEntryInput,
  ): Promise<OperationAuthorization> {
    requireActor(ctx);
    assertKnownIdRegion(input.resourceId, 'input.resourceId');
    if (input.decision === 'DECLINE') requiredText(input.reason, 'input.reason', '不同意的理由', 'the reason for declining');
    const a = await loadVisible(ctx, id);
    const asked = a.entries.find((e) => e.resourceId === input.resourceId);
    if (!asked) throw badInput(`该申请未申请目录条目 ${input.resourceId} / this application does not ask for entry ${input.resourceId}`, 'input.resourceId');
    if (!canAnswerEntry(ctx.actor, asked.providerId)) {
      throw forbidden('只有该目录条目的数据提供单位可以答复 / only the agency providing this entry answers for it [D §14]');
    }
    checkConfirmable(a);
    const now = new Date();
    const { entries, entry } = answerEntry(a.entries, input, now);
    const outcome = outcomeOf(entries);
    return mutate(ctx, 'operation', async () => {
      const today = todayInChina(now);
      const steps = [
        ...a.steps,
        step(entry.answer === 'CONFIRMED' ? 'PROVIDER_CONFIRMED' : 'PROVIDER_DECLINED', now, `${entry.entryName}${entry.answerReason ? `：${entry.answerReason}` : ''}`),
      ];
      if (outcome) steps.push(step(outcome, now, null));
      Object.assign(a, {
        entries,
        steps,
        ...(outcome && { status: outcome }),
        ...(outcome === 'GRANTED' && { grantedOn: today, validUntil: a.operatorTermEnd }),
        updatedAt: now,
      });
      return {
        result: a,
        audit: {
          action: 'operationAuthorization.answer',
          entityType: 'OperationAuthorization',
          entityId: a.id,
          data: {
            resourceId: entry.resourceId,
            providerId: entry.providerId,
            answer: entry.answer,
            items: entry.confirmedItems,
            reason: entry.answerReason,
            late: a.confirmationDue !== null && a.confirmationDue < today,
            outcome,
          },
        },
      };
    });
  }
}
