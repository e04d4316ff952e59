import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { parseId } from '../../schema/ids.js';
import { newOwned } from '../kit/server/owned.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { badInput, conflict, forbidden, notFound } from '../kit/server/errors.js';
import { mutate } from '../kit/server/mutation.js';
import { PageArgs, RegionScopeInput, connectionType, listPage } from '../kit/server/pagination.js';
import { resolvePolicy } from '../kit/rules/policy.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { termEnd } from './operator.dates.js';
import { Operator } from './operator.entity.js';
import { OperatorStatusEnum, type OperatorStatus, type OperatorViolation, type StoredOperatorStatus } from './operator.enums.js';
import { CreateOperatorInput, SuspendOperatorInput } from './operator.inputs.js';
import { operatorLoader } from './operator.loader.js';
import { canLicense, canSeeOperator, canSeeSanctions, canSeeStatusReason, operatorFilter } from './access.js';
import { accessEndedOn, checkKind, checkRenewal, checkSanction, effectiveStatus, statusCondition } from './operator.rules.js';
import { OperatorSanction } from './sanction.entity.js';
import { sanctionsLoader } from './operator.loader.js';
import { recordRead } from '../kit/server/audit.js';
import { LocalDate } from '../kit/server/scalars.js';
import { OrganizationRef } from './foreign.js';
import { catalogOrganization } from '../kit/server/catalog-client.js';
import { FreeText } from '../kit/server/input-bounds.js';

const OperatorConnection = connectionType(
  Operator,
  'Operator',
  '授权运营主体列表（跨平台合并为一个有序列表）/ a page of operator authorizations, merged across platforms into one ordered list',
);

/** Kinds of organization that may be licensed: enterprises and unincorporated/public-service organizations, never government bodies [J §20]. */
const LICENSABLE_KINDS = ['ENTERPRISE', 'PUBLIC_SERVICE'];
const MAX_TERM_YEARS = 10;
const MAX_AGREEMENT_NO = 64;
const MAX_TEXT = 2000;

/**
 * Licensing is the data authority's alone: the government licenses operators through it [D §9],
 * and industry departments may not license on their own [J §20]. The authority acting on the
 * organization's region licenses it (operation/access.ts).
 */
function requireLicensingAuthority(ctx: SubgraphContext, regionCode: string, what: string) {
  if (!canLicense(ctx.actor, ctx.node, regionCode)) {
    throw forbidden(
      `${what}：仅限 ${regionCode} 或其上级区域、且在本平台的数据主管部门，行业主管部门不得自行授权 [J §20] / only the data authority of ${regionCode} or of a region above it, on this platform, may do this; industry departments may not license operators themselves [J §20]`,
    );
  }
}

function requireText(value: string, field: string, label: string, max: number): string {
  const v = value.trim();
  if (!v) throw badInput(`${label}不能为空 / ${field} is required`, field);
  if (v.length > max) throw badInput(`${label}不能超过 ${max} 个字符 / ${field} must be at most ${max} characters`, field);
  return v;
}

/** Another non-revoked authorization of the organization whose term overlaps [start, end]. */
function overlapping(em: EntityManager, organizationId: string, start: string, end: string) {
  return em.findOne(Operator, { organizationId, status: { $ne: 'REVOKED' }, termStart: { $lte: end }, termEnd: { $gte: start } }, { orderBy: { seq: 'desc' } });
}

const TRANSITIONS = {
  suspend: { from: ['ACTIVE'], to: 'SUSPENDED', label: '暂停' },
  reinstate: { from: ['SUSPENDED'], to: 'ACTIVE', label: '恢复' },
  revoke: { from: ['ACTIVE', 'SUSPENDED'], to: 'REVOKED', label: '撤回' },
} as const satisfies Record<string, { from: readonly StoredOperatorStatus[]; to: StoredOperatorStatus; label: string }>;

@Resolver(() => Operator)
export class OperatorResolver {
  @Query(() => Operator, {
    nullable: true,
    description: '按ID查询授权运营主体；匿名用户只能看到有效（ACTIVE）的授权 / an operator authorization by ID; anonymous callers see only authorizations in force (ACTIVE)',
  })
  async operator(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<Operator | null> {
    const op = parseId(id) ? await operatorLoader(ctx).load(id) : null;
    return op && canSeeOperator(ctx.actor, op, todayInChina()) ? op : null;
  }

  @Query(() => OperatorConnection, {
    description:
      '授权运营主体名单，最新在前。已授权运营主体名单属公开信息：登录用户可看到全部状态的授权，匿名用户只看到有效（ACTIVE）的授权 / licensed operators, newest first. The list is public information: signed-in callers see authorizations in every status, anonymous callers only those in force (ACTIVE)',
  })
  operators(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('status', () => OperatorStatusEnum, {
      nullable: true,
      description: "按状态筛选（PENDING/EXPIRED 按今天的日期计算）/ filter by status (PENDING/EXPIRED computed from today's date)",
    })
    status?: OperatorStatus | null,
    @Arg('organizationId', () => ID, { nullable: true, description: "只看某机构的授权 / only this organization's authorizations" }) organizationId?: string | null,
  ) {
    const today = todayInChina();
    const where: FilterQuery<Operator>[] = [];
    if (status) where.push(statusCondition(status, today));
    if (organizationId) where.push({ organizationId });
    return listPage(ctx, Operator, { visible: operatorFilter(ctx.actor, today), scope, where, page });
  }

  @FieldResolver(() => OrganizationRef, { nullable: true, description: '被授权机构 / the licensed organization' })
  organization(@Root() op: Operator): OrganizationRef {
    return { id: op.organizationId };
  }

  @FieldResolver(() => OperatorStatusEnum, { description: '当前状态（含按授权期限计算的 PENDING/EXPIRED）/ current status, including PENDING/EXPIRED computed from the term' })
  status(@Root() op: Operator): OperatorStatus {
    return effectiveStatus(op, todayInChina());
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: '最近一次暂停、恢复或撤回的理由（仅登录用户可见）/ reason of the last suspension, reinstatement or revocation (signed-in callers only)',
  })
  statusReason(@Ctx() ctx: SubgraphContext, @Root() op: Operator): string | null {
    return canSeeStatusReason(ctx.actor) ? op.statusReason : null;
  }

  @FieldResolver(() => LocalDate, {
    nullable: true,
    description:
      '因逾期未整改而终止授权的日期（整改期限次日）；未终止为空 / the day the authorization ended because a violation was not rectified by its deadline (the day after it); null otherwise [D §28]',
  })
  accessEndedOn(@Root() op: Operator): string | null {
    return accessEndedOn(op, todayInChina());
  }

  @FieldResolver(() => Operator, {
    nullable: true,
    description: '本授权接续的原授权（期满后再次选定）/ the authorization this one follows after the operator was selected again [D §10]',
  })
  async renews(@Ctx() ctx: SubgraphContext, @Root() op: Operator): Promise<Operator | null> {
    if (!op.renewsId) return null;
    const prev = await operatorLoader(ctx).load(op.renewsId);
    return prev && canSeeOperator(ctx.actor, prev, todayInChina()) ? prev : null;
  }

  @FieldResolver(() => [OperatorSanction], {
    nullable: true,
    description:
      '违规处理记录，最新在前；仅所在区域的数据主管部门、审计人员和运营主体本身可见，其他人为空 / sanctions, newest first; for the authorities and auditors of its region and the operator itself, null for others [OPR-9, D §28]',
  })
  async sanctions(@Ctx() ctx: SubgraphContext, @Root() op: Operator): Promise<OperatorSanction[] | null> {
    if (!canSeeSanctions(ctx.actor, ctx.node, op)) return null;
    const rows = await sanctionsLoader(ctx).load(op.id);
    for (const r of rows) recordRead(ctx, 'OperatorSanction', r.id);
    return rows;
  }

  @Mutation(() => Operator, {
    description:
      "授权运营主体：登记授权运营协议（仅机构所在区域或其上级区域、且在本平台的数据主管部门；期限默认按政策，大理为3年）/ license an operator under an agreement (only the data authority of the organization's region or a region above it, on this platform; the term defaults to the policy, 3 years in Dali) [D §9-10, J §20]",
  })
  async createOperator(@Ctx() ctx: SubgraphContext, @Arg('input') input: CreateOperatorInput): Promise<Operator> {
    const actor = requireActor(ctx);
    const orgRef = parseId(input.organizationId);
    if (!orgRef)
      throw badInput(
        `机构ID「${input.organizationId}」格式不正确 / organizationId "${input.organizationId}" is not an organization ID returned by this API`,
        'input.organizationId',
      );
    if (!ctx.node.regions.includes(orgRef.region)) {
      throw badInput(
        `机构 ${input.organizationId} 不在本平台登记，请由其所在平台授权 / organization ${input.organizationId} is not registered on this platform; its own platform licenses it`,
        'input.organizationId',
      );
    }
    requireLicensingAuthority(ctx, orgRef.region, '授权运营主体');
    const agreementNo = requireText(input.agreementNo, 'input.agreementNo', '协议编号', MAX_AGREEMENT_NO);
    // Both are real dates: the kit checked them before this resolver ran (kit/server/scalars.ts).
    const { agreementSignedAt: signedAt, termStart } = input;
    const today = todayInChina();
    if (signedAt > today)
      throw badInput(
        `协议签订日期 ${signedAt} 晚于今天 ${today}，请填写实际签订日期 / agreementSignedAt ${signedAt} is in the future (today is ${today}); give the date the agreement was actually signed`,
        'input.agreementSignedAt',
      );
    if (signedAt > termStart)
      throw badInput(
        `协议签订日期 ${signedAt} 晚于授权起始日 ${termStart}：授权不能早于协议生效 / agreementSignedAt ${signedAt} is after termStart ${termStart}: the term cannot start before the agreement is signed`,
        'input.agreementSignedAt',
      );
    const policyYears = resolvePolicy(ctx.node.profiles).operatorAgreementYears;
    const years = input.termYears ?? policyYears;
    if (years == null)
      throw badInput("本平台政策未规定默认授权年限，请填写 termYears（1-10）/ this platform's policy sets no default term: give termYears (1-10)", 'input.termYears');
    if (!Number.isInteger(years) || years < 1 || years > MAX_TERM_YEARS)
      throw badInput(`授权年限须为 1 到 ${MAX_TERM_YEARS} 年，收到 ${years} / termYears must be between 1 and ${MAX_TERM_YEARS}, got ${years}`, 'input.termYears');
    const scope = requireText(input.scope, 'input.scope', '授权范围', MAX_TEXT);
    const end = termEnd(termStart, years);
    const kind = input.kind ?? 'STATE_OWNED_ENTERPRISE';
    const kindReason = checkKind(kind, input.kindReason);
    const selectionBasis = input.selectionBasis?.trim() || null;
    const renewsRef = input.renewsOperatorId ? parseId(input.renewsOperatorId) : null;
    if (input.renewsOperatorId && (!renewsRef || !ctx.node.regions.includes(renewsRef.region))) {
      throw badInput(
        `原授权ID「${input.renewsOperatorId}」不是本平台的授权 / renewsOperatorId "${input.renewsOperatorId}" is not an operator authorization of this platform`,
        'input.renewsOperatorId',
      );
    }
    if (renewsRef) {
      const previous = await ctx.em.findOne(Operator, { id: input.renewsOperatorId! });
      if (!previous) throw badInput(`原授权 ${input.renewsOperatorId} 不存在 / no authorization ${input.renewsOperatorId} on this platform`, 'input.renewsOperatorId');
      checkRenewal(previous, termStart, selectionBasis, today);
    }

    const org = await catalogOrganization(ctx, input.organizationId);
    if (!org)
      throw badInput(
        `机构 ${input.organizationId} 未在本平台登记，请先在目录中登记 / organization ${input.organizationId} is not registered on this platform; register it in the catalog first`,
        'input.organizationId',
      );
    if (!LICENSABLE_KINDS.includes(org.kind)) {
      throw badInput(
        `「${org.name}」是政府部门（${org.kind}），不能作为授权运营主体；授权对象应为国有企业等企业法人或非法人组织 [J §20] / ${org.name} is a government body (${org.kind}) and cannot be an operator: license an enterprise or public-service organization [J §20]`,
        'input.organizationId',
      );
    }
    const checkConflicts = async (em: EntityManager) => {
      if (await em.count(Operator, { agreementNo })) throw conflict(`协议编号 ${agreementNo} 已登记 / agreement number ${agreementNo} is already recorded on this platform`);
      const clash = await overlapping(em, org.id, termStart, end);
      if (clash) {
        throw conflict(
          `「${org.name}」已有与 ${termStart} 至 ${end} 重叠的授权（协议 ${clash.agreementNo}，${clash.termStart} 至 ${clash.termEnd}）；一个机构同一时期只有一份授权，请先撤回原授权或调整期限 / ${org.name} already holds an authorization overlapping ${termStart}..${end} (agreement ${clash.agreementNo}, ${clash.termStart}..${clash.termEnd}); revoke it or choose a term that does not overlap`,
        );
      }
    };
    await checkConflicts(ctx.em);
    return mutate(ctx, 'operation', async (em) => {
      // Serialize licensing on this node and re-check inside the lock, so two concurrent requests
      // cannot both pass the checks above.
      await em.getConnection().execute(`select pg_advisory_xact_lock(hashtext('operation.operator'))`, [], 'all', em.getTransactionContext());
      await checkConflicts(em);
      const owned = newOwned(orgRef.region);
      const op = em.create(Operator, {
        ...owned,
        organizationId: org.id,
        agreementNo,
        agreementSignedAt: signedAt,
        termStart,
        termEnd: end,
        scope,
        licensedBy: actor.orgId ?? actor.sub,
        kind,
        kindReason,
        selectionBasis,
        renewsId: input.renewsOperatorId ?? null,
        rectifyBy: null,
        status: 'ACTIVE',
        statusReason: null,
        updatedAt: owned.createdAt,
      });
      return {
        result: op,
        audit: {
          action: 'operator.create',
          entityType: 'Operator',
          entityId: owned.id,
          data: {
            organizationId: org.id,
            agreementNo,
            agreementSignedAt: signedAt,
            termStart,
            termEnd: end,
            termYears: years,
            scope,
            kind,
            kindReason,
            selectionBasis,
            renews: input.renewsOperatorId ?? null,
          },
        },
      };
    });
  }

  @Mutation(() => Operator, {
    description:
      '因违规立即暂停平台使用权限并限期整改（仅数据主管部门）；期限届满未恢复的，授权终止（TERMINATED）/ suspend platform access at once for violations, with a rectification deadline (data authority only); not reinstated by then, the authorization ends (TERMINATED) [OPR-9, D §28]',
  })
  suspendOperator(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string, @Arg('input') input: SuspendOperatorInput) {
    requireActor(ctx);
    const rectification = requireText(input.rectification, 'input.rectification', '整改要求', MAX_TEXT);
    const violations = checkSanction(input.violations, input.rectifyBy, todayInChina());
    return transition(ctx, id, rectification, 'suspend', { violations, rectifyBy: input.rectifyBy });
  }

  @Mutation(() => Operator, {
    description:
      '整改完成后恢复平台使用权限（仅数据主管部门，且须在整改期限内）/ reinstate access after rectification (data authority only, by the rectification deadline: after it the authorization has ended) [D §28]',
  })
  reinstateOperator(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', { description: '整改情况 / how the violation was rectified' }) @FreeText reason: string,
  ) {
    return transition(ctx, id, reason, 'reinstate');
  }

  @Mutation(() => Operator, {
    description:
      '撤回授权、解除协议，运营主体不再享有平台使用权限；不可恢复（仅数据主管部门）/ revoke the authorization and terminate the agreement; the operator loses platform access; final (data authority only) [D §11, D §28]',
  })
  revokeOperator(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string, @Arg('reason', { description: '撤回理由 / reason for the revocation' }) @FreeText reason: string) {
    return transition(ctx, id, reason, 'revoke');
  }
}

interface Sanction {
  violations: OperatorViolation[];
  rectifyBy: string;
}

async function transition(ctx: SubgraphContext, id: string, reasonIn: string, kind: keyof typeof TRANSITIONS, sanction?: Sanction): Promise<Operator> {
  const t = TRANSITIONS[kind];
  const actor = requireActor(ctx);
  const reason = requireText(reasonIn, 'reason', '理由', MAX_TEXT);
  const ref = parseId(id);
  const op = ref && ctx.node.regions.includes(ref.region) ? await ctx.em.findOne(Operator, { id }) : null;
  if (!op) throw notFound('授权运营主体 / operator', id);
  requireLicensingAuthority(ctx, op.regionCode, `${t.label}授权运营主体`);
  const today = todayInChina();
  const current = effectiveStatus(op, today);
  if (current === 'EXPIRED') {
    throw conflict(
      `授权已于 ${op.termEnd} 期满，不能再${t.label}；如需继续运营，请重新授权 [D §10] / the term ended on ${op.termEnd}; an expired authorization cannot be changed, license the operator again instead [D §10]`,
    );
  }
  if (current === 'TERMINATED' && kind !== 'revoke') {
    throw conflict(
      `整改期限 ${op.rectifyBy} 已过，授权已于 ${accessEndedOn(op, today)} 终止，不能${t.label}；如需继续运营，须依法重新选定 [D §28] / the rectification deadline ${op.rectifyBy} passed without reinstatement: the access ended on ${accessEndedOn(op, today)}, so the operator cannot be ${kind === 'reinstate' ? 'reinstated' : 'suspended'}; it must be selected again [D §28]`,
    );
  }
  if (!(t.from as readonly string[]).includes(op.status)) {
    const final =
      op.status === 'REVOKED'
        ? '撤回是终态 / revocation is final'
        : `只能${t.label}状态为 ${t.from.join('/')} 的授权 / only ${t.from.join(' or ')} authorizations can be changed this way`;
    throw conflict(`授权当前为 ${op.status}，不能${t.label}：${final} (now ${op.status}) [D §11, D §28]`);
  }
  const from = op.status;
  return mutate(ctx, 'operation', async (em) => {
    const now = new Date();
    op.status = t.to;
    op.statusReason = reason;
    op.updatedAt = now;
    if (sanction) {
      // One record per suspension: the history of sanctions outlives reinstatement [D §28].
      op.rectifyBy = sanction.rectifyBy;
      const owned = newOwned(op.regionCode);
      em.create(OperatorSanction, {
        ...owned,
        operatorId: op.id,
        violations: sanction.violations,
        rectification: reason,
        rectifyBy: sanction.rectifyBy,
        imposedBy: actor.orgId ?? actor.sub,
        reinstatedAt: null,
        reinstatement: null,
      });
      return {
        result: op,
        audit: {
          action: 'operator.suspend',
          entityType: 'Operator',
          entityId: op.id,
          data: { from, to: t.to, reason, violations: sanction.violations, rectifyBy: sanction.rectifyBy },
        },
      };
    }
    if (kind === 'reinstate') {
      const open = await em.findOne(OperatorSanction, { operatorId: op.id, reinstatedAt: null }, { orderBy: { seq: 'desc' } });
      if (open) {
        open.reinstatedAt = now;
        open.reinstatement = reason;
      }
      op.rectifyBy = null;
    }
    const action = kind === 'reinstate' ? 'operator.reinstate' : 'operator.revoke';
    return { result: op, audit: { action, entityType: 'Operator', entityId: op.id, data: { from, to: t.to, reason } } };
  });
}
