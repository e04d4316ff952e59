import type { FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { parseId } from '../../schema/ids.js';
import { hasRole } from '../kit/rules/access.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { resolvePolicy, type OperatorReportingRule } from '../kit/rules/policy.js';
import { readOf, readsOf, recordRead } from '../kit/server/audit.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { badInput, conflict, forbidden, notFound, unauthenticated } from '../kit/server/errors.js';
import { FreeText } from '../kit/server/input-bounds.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownIdRegion, connectionType, listPage, PageArgs, RegionScopeInput, regionsInScope, type Page } from '../kit/server/pagination.js';
import { LocalDate } from '../kit/server/scalars.js';
import { isAnonymous } from '../../schema/auth.js';
import { canFileReport, canSeeMissingReports, canSeeReport, missingReportsFilter, reportFilter } from './access.js';
import { Operator } from './operator.entity.js';
import { operatorLoader } from './operator.loader.js';
import { OperatorReport } from './report.entity.js';
import { OperatorReportKindEnum, type OperatorReportKind } from './report.enums.js';
import { checkPeriodOver, checkSections, missingPeriods, periodOf, periodsOf, reportingUntil } from './report.rules.js';

@InputType({ description: '提交授权运营报告 / file an operation report for one period of the agreement [D §20]' })
export class FileOperatorReportInput {
  @Field(() => OperatorReportKindEnum, { description: '定期报告或年度报告 / periodic or annual' })
  kind!: OperatorReportKind;

  @Field(() => Int, {
    description: '期次：授权期限内的第几期（从1起；missingOperatorReports 列出应报的期次）/ which period of the term, from 1 (missingOperatorReports lists those owed)',
  })
  period!: number;

  @Field({ description: '授权存储情况 / authorized storage' })
  @FreeText
  storage!: string;

  @Field({ description: '加工处理情况 / processing' })
  @FreeText
  processing!: string;

  @Field({ description: '分析挖掘情况 / analysis and mining' })
  @FreeText
  analysis!: string;

  @Field({ description: '融合利用情况 / fusion and use' })
  @FreeText
  fusion!: string;

  @Field({ description: '市场运营情况 / market operation' })
  @FreeText
  marketOperation!: string;
}

@ObjectType('MissingOperatorReport', { description: '逾期未提交的授权运营报告 / a report past its due date that the operator has not filed [D §20]' })
export class MissingOperatorReport {
  @Field(() => Operator, { description: '应报告的运营主体 / the operator that owes it' })
  operator!: Operator;

  @Field(() => OperatorReportKindEnum, { description: '定期或年度 / periodic or annual' })
  kind!: OperatorReportKind;

  @Field(() => Int, { description: '期次 / period number' })
  period!: number;

  @Field(() => LocalDate, { description: '报告期起始日 YYYY-MM-DD / first day of the period' })
  periodStart!: string;

  @Field(() => LocalDate, { description: '报告期终止日 YYYY-MM-DD / last day of the period' })
  periodEnd!: string;

  @Field(() => LocalDate, { description: '应报日期 YYYY-MM-DD / due date' })
  dueDate!: string;
}

const OperatorReportConnection = connectionType(
  OperatorReport,
  'OperatorReport',
  '授权运营报告列表（跨平台合并，最新在前）/ a page of operation reports, merged across platforms, newest first',
);

/** The reporting rule of this platform's policy, or a refusal saying it has none. */
function reportingRule(ctx: SubgraphContext): OperatorReportingRule {
  const rule = resolvePolicy(ctx.node.profiles).operatorReporting;
  if (!rule) throw conflict('本平台政策未规定授权运营报告周期 / this platform policy sets no reporting periods for operators (profile D does) [D §20]');
  return rule;
}

/** The Beijing date an authorization was revoked (revocation is final: its last change), else null. */
export const revokedOn = (op: Pick<Operator, 'status' | 'updatedAt'>): string | null => (op.status === 'REVOKED' ? todayInChina(op.updatedAt) : null);

@Resolver(() => OperatorReport)
export class OperatorReportResolver {
  @Query(() => OperatorReport, {
    nullable: true,
    description:
      '按ID查询授权运营报告（运营主体本身、所在区域的数据主管部门和审计人员；读取留痕）/ an operation report by ID: the operator itself, the authorities and auditors of its region; reads audited [D §20]',
  })
  async operatorReport(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<OperatorReport | null> {
    const r = parseId(id) ? await ctx.em.findOne(OperatorReport, { id }) : null;
    return r && canSeeReport(ctx.actor, ctx.node, r) ? readOf(ctx, 'OperatorReport', r) : null;
  }

  @Query(() => OperatorReportConnection, {
    description:
      '授权运营报告：运营主体看到本身的，数据主管部门和审计人员看到所辖区域的（读取留痕）/ operation reports: an operator its own, authorities and auditors those of their regions; reads audited [D §20]',
  })
  async operatorReports(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('operatorId', () => ID, { nullable: true, description: '只看该运营主体的报告 / only this operator' }) operatorId?: string | null,
    @Arg('kind', () => OperatorReportKindEnum, { nullable: true, description: '只看该种类 / only this kind' }) kind?: OperatorReportKind | null,
  ): Promise<Page<OperatorReport>> {
    const where: FilterQuery<OperatorReport>[] = [];
    if (operatorId) where.push({ operatorId });
    if (kind) where.push({ kind });
    return readsOf(ctx, 'OperatorReport', await listPage(ctx, OperatorReport, { visible: reportFilter(ctx.actor, ctx.node), scope, where, page }));
  }

  @Query(() => [MissingOperatorReport], {
    description:
      '逾期未提交的报告：按授权期限和今天计算，每个运营主体列出已过应报日期而未提交报告的期次，跨平台合并；数据主管部门和审计人员看到所辖区域的，运营主体看到本身的（读取留痕）/ missing reports: per operator, the periods past their due date without a report, computed from the term and today, merged across platforms; authorities and auditors see their regions, an operator itself; reads audited [D §20]',
  })
  async missingOperatorReports(
    @Ctx() ctx: SubgraphContext,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('operatorId', () => ID, { nullable: true, description: '只看该运营主体 / only this operator' }) operatorId?: string | null,
  ): Promise<MissingOperatorReport[]> {
    const regions = regionsInScope(ctx.node, scope);
    if (isAnonymous(ctx.actor)) throw unauthenticated();
    const rule = resolvePolicy(ctx.node.profiles).operatorReporting;
    const visible = missingReportsFilter(ctx.actor, ctx.node);
    if (!rule || !visible) return [];
    const today = todayInChina();
    const ops = await ctx.em.find(
      Operator,
      { $and: [visible, { regionCode: { $in: regions } }, { termStart: { $lte: today } }, ...(operatorId ? [{ id: operatorId }] : [])] },
      { orderBy: { seq: 'desc' } },
    );
    if (ops.length === 0) return [];
    const filed = await ctx.em.find(OperatorReport, { operatorId: { $in: ops.map((o) => o.id) } }, { fields: ['operatorId', 'kind', 'periodNumber'] });
    const byOperator = new Map<string, Set<string>>();
    for (const r of filed) byOperator.set(r.operatorId, (byOperator.get(r.operatorId) ?? new Set()).add(`${r.kind}:${r.periodNumber}`));
    const out: MissingOperatorReport[] = [];
    for (const op of ops) {
      if (!canSeeMissingReports(ctx.actor, ctx.node, op)) continue;
      const missing = missingPeriods({ ...op, revokedOn: revokedOn(op) }, byOperator.get(op.id) ?? new Set(), rule, today);
      if (missing.length) recordRead(ctx, 'MissingOperatorReports', op.id);
      for (const p of missing) out.push({ operator: op, kind: p.kind, period: p.number, periodStart: p.start, periodEnd: p.end, dueDate: p.dueDate });
    }
    return out;
  }

  @FieldResolver(() => Operator, { nullable: true, description: '提交报告的运营主体 / the operator that filed it' })
  operator(@Ctx() ctx: SubgraphContext, @Root() r: OperatorReport): Promise<Operator | null> {
    return operatorLoader(ctx).load(r.operatorId);
  }

  @FieldResolver(() => Boolean, { description: '是否在应报日期前（含当日）提交 / filed on or before its due date' })
  onTime(@Root() r: OperatorReport): boolean {
    return todayInChina(r.createdAt) <= r.dueDate;
  }

  @Mutation(() => OperatorReport, {
    description:
      '运营主体按协议提交一期定期或年度报告，五项内容均须填写；每期每种只能提交一次（CONFLICT）/ the operator files its periodic or annual report for one period of its agreement, every one of the five sections filled in; one report per operator, kind and period (a second is a CONFLICT) [D §20]',
  })
  async fileOperatorReport(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: '运营主体（授权运营协议）的ID / the operator (agreement) reporting' }) id: string,
    @Arg('input') input: FileOperatorReportInput,
  ): Promise<OperatorReport> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(id, 'id');
    const sections = checkSections(input);
    if (!Number.isInteger(input.period) || input.period < 1) throw badInput(`期次须为正整数，收到 ${input.period} / period must be 1 or more, got ${input.period}`, 'input.period');
    const rule = reportingRule(ctx);
    if (!hasRole(actor, 'OPERATOR')) throw forbidden('只有运营主体本身可以提交其授权运营报告 / only the operator itself files its reports [D §20]');
    const ref = parseId(id);
    const op = ref && ctx.node.regions.includes(ref.region) ? await ctx.em.findOne(Operator, { id }) : null;
    if (!op) throw notFound('授权运营主体 / operator', id);
    if (!canFileReport(actor, op)) throw forbidden('只有运营主体本身可以提交其授权运营报告 / only the operator itself files its reports [D §20]');
    const period = periodOf(op, input.kind, input.period, rule);
    if (!period) {
      const count = periodsOf(op, input.kind, rule).length;
      throw badInput(
        `授权期限内只有 ${count} 期${input.kind === 'ANNUAL' ? '年度' : '定期'}报告，收到第 ${input.period} 期 / the term has ${count} ${input.kind} periods, got period ${input.period}`,
        'input.period',
      );
    }
    checkPeriodOver(period, todayInChina());
    const until = reportingUntil({ ...op, revokedOn: revokedOn(op) });
    if (period.end > until) {
      throw conflict(`授权已于 ${until} 撤回，此后的期次无需报告 / the authorization was revoked on ${until}: no report is owed for periods after it [D §11, D §20]`);
    }
    const where = { operatorId: op.id, kind: input.kind, periodNumber: period.number };
    const duplicate = () =>
      conflict(
        `第 ${period.number} 期${input.kind === 'ANNUAL' ? '年度' : '定期'}报告已提交，已报送的报告不能替换 / the ${input.kind} report for period ${period.number} was already filed; a report filed with the authority is not replaced [D §20]`,
      );
    if (await ctx.em.count(OperatorReport, where)) throw duplicate();
    return mutate(ctx, 'operation', async (em) => {
      if (await em.count(OperatorReport, where)) throw duplicate();
      const owned = newOwned(op.regionCode);
      const r = em.create(OperatorReport, {
        ...owned,
        operatorId: op.id,
        organizationId: op.organizationId,
        kind: input.kind,
        periodNumber: period.number,
        periodStart: period.start,
        periodEnd: period.end,
        dueDate: period.dueDate,
        ...sections,
      });
      return {
        result: r,
        audit: {
          action: 'operatorReport.file',
          entityType: 'OperatorReport',
          entityId: r.id,
          data: { operatorId: op.id, kind: input.kind, period: period.number, periodStart: period.start, periodEnd: period.end, dueDate: period.dueDate },
        },
      };
    });
  }
}
