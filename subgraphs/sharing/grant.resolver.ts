import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { parseId } from '../../schema/ids.js';
import { readOf } from '../kit/server/audit.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { badInput, conflict, forbidden, notFound } from '../kit/server/errors.js';
import { mutate } from '../kit/server/mutation.js';
import { assertKnownIdRegion } from '../kit/server/pagination.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { blank } from '../kit/rules/validation.js';
import { GrantDenialEnum, type GrantDenial } from './enums.js';
import { ShareRequest } from './share-request.entity.js';
import { sanctionsOf } from './share-request.loader.js';
import { canCheckGrant, canManageGrant, canReinstate, canSeeRequest, grantActorRole } from './access.js';
import { bindingSanction, sanctionStatus, validateEndDate } from './share-request.rules.js';
import { readCatalogResource } from './catalog-reads.js';
import { LocalDate } from '../kit/server/scalars.js';
import { Bound, FreeText } from '../kit/server/input-bounds.js';

@ObjectType('ShareGrantCheck', { description: '授权核验结果（数据通道在每次调用前核验）/ the answer of the grant check a data plane makes before serving data [SHR-5, SHR-10]' })
export class ShareGrantCheck {
  @Field({ description: '是否可以使用 / whether the use is allowed now' })
  allowed!: boolean;

  @Field(() => ShareRequest, { nullable: true, description: '允许（或最接近允许）的授权 / the grant that allows it, or the one closest to allowing it' })
  grant!: ShareRequest | null;

  @Field(() => GrantDenialEnum, { nullable: true, description: '不允许的原因代码 / why not, as a code' })
  denial!: GrantDenial | null;

  @Field(() => String, { nullable: true, description: '不允许的原因 / why not, in words' })
  reason!: string | null;
}

const REASONS: Record<GrantDenial, string> = {
  NO_GRANT: '没有该条目的授权，请先申请 / no grant for this entry: request it first [SHR-1]',
  SCENARIO_NOT_GRANTED: '授权不含该应用场景，共享数据专事专用 / no grant for this scenario: shared data is used only for the scenario granted [B §26]',
  ITEMS_NOT_GRANTED: '授权不含所列信息项 / these items are outside the grant [B §28]',
  EXPIRED: '授权已过截止日期 / the grant passed its end date [B §28]',
  SUSPENDED: '授权已暂停 / the grant is suspended [B §49]',
  REVOKED: '授权已撤销 / the grant was revoked [B §49]',
  SANCTIONED: "使用部门的共享权限已被暂停，待整改 / the organization's access is suspended pending rectification [B §49]",
  TERMINATED: '使用部门逾期未整改，已终止提供共享数据服务 / the organization did not rectify in time: data service terminated [B §49]',
};

export const denied = (denial: GrantDenial, grant: ShareRequest | null, detail = ''): ShareGrantCheck => ({ allowed: false, grant, denial, reason: REASONS[denial] + detail });

/**
 * The decision of the grant check from one holder's rows for one entry, most telling first: a
 * grant for the scenario that covers the items and is in force; otherwise why the closest one
 * does not do [SHR-5, B §26, B §28].
 */
export function judge(rows: ShareRequest[], itemNames: string[], scenario: string, today: string): ShareGrantCheck {
  const covers = (r: ShareRequest) => itemNames.every((n) => r.itemNames.includes(n));
  const forScenario = rows.filter((r) => r.scenario === scenario);
  const inForce = forScenario.filter((r) => r.status === 'GRANTED' && r.endDate >= today);
  const allowing = inForce.find(covers);
  if (allowing) return { allowed: true, grant: allowing, denial: null, reason: null };
  if (inForce.length) {
    const missing = itemNames.filter((n) => !inForce.some((r) => r.itemNames.includes(n)));
    return denied('ITEMS_NOT_GRANTED', inForce[0]!, `：${missing.join('、')}`);
  }
  const suspended = forScenario.find((r) => r.status === 'SUSPENDED');
  if (suspended) return denied('SUSPENDED', suspended, suspended.suspensionReason ? `：${suspended.suspensionReason}` : '');
  const expired = forScenario.find((r) => r.status === 'GRANTED');
  if (expired) return denied('EXPIRED', expired, `（${expired.endDate}）`);
  const revoked = forScenario.find((r) => r.status === 'REVOKED');
  if (revoked) return denied('REVOKED', revoked, revoked.revocationReason ? `：${revoked.revocationReason}` : '');
  const other = rows.find((r) => r.status === 'GRANTED' && r.endDate >= today);
  return other ? denied('SCENARIO_NOT_GRANTED', other) : denied('NO_GRANT', null);
}

async function loadGrant(ctx: SubgraphContext, id: string): Promise<ShareRequest> {
  const actor = requireActor(ctx);
  assertKnownIdRegion(id, 'id');
  const r = parseId(id) ? await ctx.em.findOne(ShareRequest, { id }) : null;
  if (!r || !canSeeRequest(actor, ctx.node, r)) throw notFound('共享授权 / share grant', id);
  return r;
}

const refuseManage = () =>
  forbidden(
    "只有提供部门或数据所在区域在本平台的数据主管部门可以暂停、撤销授权 / only the provider, or the data authority acting on the data's region on this platform, may suspend or revoke a grant [B §49]",
  );

@Resolver()
export class GrantResolver {
  @Query(() => ShareGrantCheck, {
    description:
      "授权核验：某部门此刻能否为某应用场景使用某条目的某些信息项；返回允许的授权或不允许的原因（含处置）。调用者：该部门、提供部门、数据所在区域的主管部门和审计人员 / may organization X use items Y of entry Z for scenario S now? Answers with the grant that allows it or why not (sanctions included). For the organization itself, the provider, and those overseeing the data's region [SHR-5, SHR-10, B §26, B §28, B §49]",
  })
  async shareGrantCheck(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: "目录条目ID（据此路由到条目所在平台）/ the catalog entry's ID (routes the check to its platform)" }) id: string,
    @Arg('organizationId', () => ID, { description: '使用部门 / the organization using the data' }) organizationId: string,
    @Arg('itemNames', () => [String], { description: '要使用的信息项 / the items to use' }) @Bound({ maxItems: 500 }) itemNames: string[],
    @Arg('scenario', { description: '应用场景 / the scenario' }) @FreeText scenario: string,
  ): Promise<ShareGrantCheck> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(id, 'id');
    const ref = parseId(id);
    if (!ref) throw badInput(`"${id}" 不是目录条目ID / "${id}" is not a catalog entry ID: pass an ID returned by this API`, 'id');
    if (!parseId(organizationId)) throw badInput(`"${organizationId}" 不是机构ID / "${organizationId}" is not an organization ID`, 'organizationId');
    const items = [...new Set(itemNames.map((n) => n.trim()).filter((n) => n))];
    if (items.length === 0) throw badInput('至少列出一个信息项 / name at least one item (itemNames)', 'itemNames');
    if (blank(scenario)) throw badInput('必须说明应用场景 / scenario is required [B §26]', 'scenario');
    const [rows, sanctions] = await Promise.all([
      ctx.em.find(ShareRequest, { requesterId: organizationId, resourceId: id, status: { $in: ['GRANTED', 'SUSPENDED', 'REVOKED'] } }, { orderBy: { seq: 'desc' } }),
      sanctionsOf(ctx.em, [organizationId]),
    ]);
    // The provider is known from any grant; with none, only then is the catalog asked who provides the entry.
    let providerId: string | null = rows[0]?.providerId ?? null;
    const permitted = (p: string | null) => canCheckGrant(actor, ctx.node, { organizationId, regionCode: ref.region, providerId: p });
    if (!permitted(providerId) && providerId === null) providerId = (await readCatalogResource(ctx, id))?.provider?.id ?? null;
    if (!permitted(providerId)) {
      throw forbidden(
        "只有使用部门、提供部门、数据所在区域的主管部门和审计人员可以核验此授权 / only the organization itself, the provider, and those overseeing the data's region may check this grant [SEC-1]",
      );
    }
    const today = todayInChina();
    const answer = judge(rows, items, scenario.trim(), today);
    const sanction = bindingSanction({ regionCode: ref.region }, sanctions, today);
    const result = sanction
      ? denied(sanctionStatus(sanction, today) === 'TERMINATED' ? 'TERMINATED' : 'SANCTIONED', answer.grant, `（${sanction.rectificationDemand}，期限 ${sanction.deadline}）`)
      : answer;
    if (result.grant) readOf(ctx, 'ShareRequest', result.grant);
    return result;
  }

  @Mutation(() => ShareRequest, {
    description:
      '暂停授权：提供部门或数据主管部门提出整改要求和期限 / suspend a grant with a rectification demand and a deadline: the provider or the data authority [SHR-5, B §49]',
  })
  async suspendShareGrant(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', { description: '暂停理由 / why' }) @FreeText reason: string,
    @Arg('rectificationDemand', { description: '整改要求 / what must be rectified' }) @FreeText rectificationDemand: string,
    @Arg('rectificationDeadline', () => LocalDate, { description: '整改期限 YYYY-MM-DD，须晚于今天 / deadline, after today' }) rectificationDeadline: string,
  ): Promise<ShareRequest> {
    requireActor(ctx);
    if (blank(reason)) throw badInput('暂停须说明理由 / reason is required [B §49]', 'reason');
    if (blank(rectificationDemand)) throw badInput('暂停须提出整改要求 / rectificationDemand is required: say what must be rectified [B §49]', 'rectificationDemand');
    validateEndDate(rectificationDeadline, 'rectificationDeadline');
    const r = await loadGrant(ctx, id);
    if (!canManageGrant(ctx.actor, ctx.node, r)) throw refuseManage();
    if (r.status !== 'GRANTED') throw conflict(`只能暂停有效的授权（当前为 ${r.status}）/ only a GRANTED grant can be suspended (this one is ${r.status})`);
    if (r.endDate < todayInChina()) throw conflict(`授权已于 ${r.endDate} 到期，无需暂停 / the grant lapsed on ${r.endDate}: there is nothing to suspend`);
    return mutate(ctx, 'sharing', async () => {
      Object.assign(r, {
        status: 'SUSPENDED',
        suspendedAt: new Date(),
        suspendedBy: ctx.actor.sub,
        suspendedAs: grantActorRole(ctx.actor, ctx.node, r),
        suspensionReason: reason.trim(),
        rectificationDemand: rectificationDemand.trim(),
        rectificationDeadline,
        catalogEventId: null,
      });
      return {
        result: r,
        audit: {
          action: 'shareGrant.suspend',
          entityType: 'ShareRequest',
          entityId: r.id,
          data: { reason: r.suspensionReason, rectificationDemand: r.rectificationDemand, rectificationDeadline, as: r.suspendedAs },
        },
      };
    });
  }

  @Mutation(() => ShareRequest, {
    description:
      '恢复暂停的授权：提供部门恢复自己暂停的；须经数据主管部门审批的授权和因目录变更暂停的授权由数据主管部门恢复（条目须仍可共享）/ reinstate a suspended grant: the provider its own suspensions; grants only the authority could give, and those a catalog change suspended, only the authority reinstates (the entry must still be shareable) [SHR-5, B §49, J §7]',
  })
  async reinstateShareGrant(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', { description: '恢复理由（整改情况）/ why (the rectification done)' }) @FreeText reason: string,
  ): Promise<ShareRequest> {
    requireActor(ctx);
    if (blank(reason)) throw badInput('恢复须说明理由 / reason is required: say what was rectified', 'reason');
    const r = await loadGrant(ctx, id);
    if (!canManageGrant(ctx.actor, ctx.node, r)) throw refuseManage();
    if (!canReinstate(ctx.actor, ctx.node, r)) {
      throw forbidden(
        "该授权只能由数据主管部门恢复（数据主管部门暂停的、须其审批的或因目录变更暂停的授权）/ only the data authority reinstates this grant (the authority suspended it, it needed the authority's approval, or a catalog change suspended it) [J §7, B §10, B §49]",
      );
    }
    if (r.status !== 'SUSPENDED') throw conflict(`只能恢复已暂停的授权（当前为 ${r.status}）/ only a SUSPENDED grant can be reinstated (this one is ${r.status})`);
    if (r.endDate < todayInChina()) throw conflict(`授权已于 ${r.endDate} 到期，请重新申请 / the grant lapsed on ${r.endDate}: request the data again`);
    if (r.catalogEventId) {
      const entry = await readCatalogResource(ctx, r.resourceId);
      if (entry?.status !== 'PUBLISHED' || entry.shareAttribute === 'NOT_SHARED') {
        throw conflict('目录条目已停用或不予共享，授权不能恢复 / the catalog entry is retired or NOT_SHARED: the grant cannot be reinstated [B §26]');
      }
    }
    return mutate(ctx, 'sharing', async () => {
      Object.assign(r, {
        status: 'GRANTED',
        suspendedAt: null,
        suspendedBy: null,
        suspendedAs: null,
        suspensionReason: null,
        rectificationDemand: null,
        rectificationDeadline: null,
        catalogEventId: null,
      });
      return { result: r, audit: { action: 'shareGrant.reinstate', entityType: 'ShareRequest', entityId: r.id, data: { reason: reason.trim() } } };
    });
  }

  @Mutation(() => ShareRequest, {
    description: '撤销授权（不可恢复）：提供部门或数据主管部门 / revoke a grant for good: the provider or the data authority [SHR-5, B §49]',
  })
  async revokeShareGrant(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', { description: '撤销理由 / why' }) @FreeText reason: string,
  ): Promise<ShareRequest> {
    requireActor(ctx);
    if (blank(reason)) throw badInput('撤销须说明理由 / reason is required [B §49]', 'reason');
    const r = await loadGrant(ctx, id);
    if (!canManageGrant(ctx.actor, ctx.node, r)) throw refuseManage();
    if (r.status !== 'GRANTED' && r.status !== 'SUSPENDED')
      throw conflict(`只能撤销已授权或已暂停的授权（当前为 ${r.status}）/ only a GRANTED or SUSPENDED grant can be revoked (this one is ${r.status})`);
    return mutate(ctx, 'sharing', async () => {
      Object.assign(r, {
        status: 'REVOKED',
        revokedAt: new Date(),
        revokedBy: ctx.actor.sub,
        revokedAs: grantActorRole(ctx.actor, ctx.node, r),
        revocationReason: reason.trim(),
        suspendedAt: null,
        suspendedBy: null,
        suspendedAs: null,
        suspensionReason: null,
      });
      return { result: r, audit: { action: 'shareGrant.revoke', entityType: 'ShareRequest', entityId: r.id, data: { reason: r.revocationReason, as: r.revokedAs } } };
    });
  }
}
