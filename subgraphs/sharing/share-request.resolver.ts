import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { readOf, readsOf } from '../kit/audit.js';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { parseId } from '../../schema/ids.js';
import { newOwned } from '../kit/owned.js';
import { requireActor, type SubgraphContext } from '../kit/context.js';
import { badInput, conflict, forbidden, notFound } from '../kit/errors.js';
import { mutate } from '../kit/mutation.js';
import { assertKnownIdRegion, PageArgs, RegionScopeInput, type Page, connectionType, listPage } from '../kit/pagination.js';
import { ShareRequestStatusEnum, type ShareRequestStatus } from './enums.js';
import { ShareRequest } from './share-request.entity.js';
import { RequestShareInput } from './share-request.inputs.js';
import { shareRequestLoader } from './share-request.loader.js';
import { canDecide, canRequestFor, canSeeRequest, requestFilter } from './access.js';
import { AUTHORITY_RULES, decisionRuleOf, isActiveGrant, requestRule, validateEndDate } from './share-request.rules.js';
import { DataResourceRef, OrganizationRef } from './foreign.js';
import { todayInChina } from '../kit/calendar.js';
import { blank } from '../kit/validation.js';
import { catalogResource } from '../kit/catalog-client.js';

const ShareRequestConnection = connectionType(ShareRequest, 'ShareRequest', '共享申请列表（跨平台合并，最新在前）/ a page of share requests, merged across platforms, newest first');

/** What the sharing subgraph reads of a catalog entry, through the catalog's API. */
const RESOURCE_FIELDS = ['status', 'shareAttribute', 'securityGrade', 'legalBasis', 'provider', 'items'] as const;

const AUTO_GRANT_REASON = '无条件共享，自动授权 / unconditional: granted automatically';

const GRADE_NAMES: Record<string, string> = { CORE: '核心数据', IMPORTANT: '重要数据' };


/**
 * A grade raised to CORE or IMPORTANT after the request was made takes the decision from the
 * provider: it is read again from the catalog before the provider grants [J §7, B §10, Z §9].
 */
async function refuseIfGradeRaised(ctx: SubgraphContext, r: ShareRequest): Promise<void> {
  const now = await catalogResource(ctx, r.resourceId, ['securityGrade']);
  if (now && (now.securityGrade === 'CORE' || now.securityGrade === 'IMPORTANT')) {
    throw forbidden(
      `该条目现为${GRADE_NAMES[now.securityGrade]}，共享须由数据主管部门审批 / this entry is now ${now.securityGrade} data: only the data authority may grant it [J §7, B §10, Z §9]`,
    );
  }
}

@Resolver(() => ShareRequest)
export class ShareRequestResolver {
  @Query(() => ShareRequest, { nullable: true, description: '按ID查询共享申请（申请方、提供方、主管部门可见）/ a share request by ID (visible to requester, provider and authority)' })
  async shareRequest(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<ShareRequest | null> {
    const r = parseId(id) ? await shareRequestLoader(ctx).load(id) : null;
    return r && canSeeRequest(ctx.actor, ctx.node, r) ? readOf(ctx, 'ShareRequest', r) : null;
  }

  @Query(() => ShareRequestConnection, {
    description: '共享申请列表：本部门提出或收到的申请；数据主管部门和审计人员可见所辖区域的 / share requests your organization made or received; data authorities and auditors see those of their regions',
  })
  async shareRequests(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('status', () => ShareRequestStatusEnum, { nullable: true, description: '按状态筛选 / only requests with this status' }) status?: ShareRequestStatus | null,
  ): Promise<Page<ShareRequest>> {
    const where: FilterQuery<ShareRequest>[] = status ? [{ status }] : [];
    return readsOf(ctx, 'ShareRequest', await listPage(ctx.em, ctx.node, ShareRequest, { visible: requestFilter(ctx.actor, ctx.node), scope, where, page }));
  }

  @FieldResolver(() => DataResourceRef, {
    nullable: true,
    description: '申请的目录条目；调用者看不到该条目时（如已停用）为空，列表照常返回 / the catalog entry requested; null when the caller may not see it (e.g. retired), so a list still answers',
  })
  resource(@Root() r: ShareRequest): DataResourceRef {
    return { id: r.resourceId };
  }

  @FieldResolver(() => OrganizationRef, { description: '申请部门 / the requesting organization' })
  requester(@Root() r: ShareRequest): OrganizationRef {
    return { id: r.requesterId };
  }

  @FieldResolver(() => OrganizationRef, { description: '提供部门（申请时的目录提供方）/ the providing organization (as cataloged at request time)' })
  provider(@Root() r: ShareRequest): OrganizationRef {
    return { id: r.providerId };
  }

  @FieldResolver(() => Boolean, { description: '授权当前有效（已授权且未过截止日期）/ a grant in force: GRANTED and the end date not passed [SHR-5]' })
  active(@Root() r: ShareRequest): boolean {
    return isActiveGrant(r);
  }

  @Mutation(() => ShareRequest, {
    description:
      '申请共享数据：一般数据无条件共享自动授权，有条件共享待提供部门审核，核心、重要数据及批量复制、离线共享待数据主管部门审批，不予共享拒绝并说明法律依据；decisionRule 说明适用的规则 / request shared data: UNCONDITIONAL GENERAL data is granted at once, CONDITIONAL waits for the provider, CORE and IMPORTANT data and bulk or offline sharing wait for the data authority, NOT_SHARED is refused citing its legal basis; decisionRule says which rule applies [SHR-1, SHR-2, B §26-27, J §17, J §7, B §10, Z §9]',
  })
  async requestShare(@Ctx() ctx: SubgraphContext, @Arg('input') input: RequestShareInput): Promise<ShareRequest> {
    const actor = requireActor(ctx);
    if (!canRequestFor(actor, input.requesterId)) {
      throw forbidden('只能以本人所在部门的名义申请共享 / you can only request data for your own organization: set requesterId to your organization [SEC-1]');
    }
    if (blank(input.scenario)) throw badInput('必须说明应用场景 / scenario is required: describe what the data is needed for [B §26]', 'input.scenario');
    if (blank(input.purpose)) throw badInput('必须说明用途 / purpose is required [B §26]', 'input.purpose');
    const itemNames = [...new Set(input.itemNames.map((n) => n.trim()).filter((n) => n))];
    if (itemNames.length === 0) throw badInput('至少申请一个信息项 / request at least one data item (itemNames) [B §26]', 'input.itemNames');
    validateEndDate(input.endDate, 'input.endDate');
    assertKnownIdRegion(input.resourceId, 'input.resourceId');

    const resource = await catalogResource(ctx, input.resourceId, RESOURCE_FIELDS);
    if (!resource) throw badInput(`目录条目 ${input.resourceId} 不存在 / catalog entry ${input.resourceId} was not found: request a published entry of the catalog`, 'input.resourceId');
    if (resource.status !== 'PUBLISHED') {
      throw badInput(`目录条目尚未发布（当前为 ${resource.status}），不能申请 / only published catalog entries can be requested (this one is ${resource.status})`, 'input.resourceId');
    }
    const providerId = resource.provider?.id;
    if (!providerId) throw badInput(`目录条目 ${input.resourceId} 没有提供部门 / catalog entry ${input.resourceId} has no provider`, 'input.resourceId');
    if (providerId === input.requesterId) {
      throw badInput('这是本部门自己的数据，无需申请共享 / this is your own organization\'s data: there is nothing to request', 'input.resourceId');
    }
    if (resource.shareAttribute === 'NOT_SHARED') {
      throw forbidden(
        `该数据不予共享，依据：${resource.legalBasis ?? '（未登记）'}。确需使用的，请通过数据主管部门协调 / this data is NOT_SHARED under: ${resource.legalBasis ?? '(not recorded)'}; ask the data authority to coordinate if you need it [SHR-2, B §27, J §17]`,
        { legalBasis: resource.legalBasis },
      );
    }
    const available = new Set(resource.items.map((i) => i.name));
    const unknown = itemNames.filter((n) => !available.has(n));
    if (unknown.length) {
      throw badInput(
        `目录条目没有以下信息项：${unknown.join('、')}；只能申请条目已有的信息项 / the entry has no item(s) ${unknown.map((n) => `"${n}"`).join(', ')}: request only items the entry has [SHR-1, B §26]`,
        'input.itemNames',
        { unknownItems: unknown },
      );
    }

    const decisionRule = requestRule(resource.shareAttribute, resource.securityGrade, input.shareMode, ctx.node);
    const authorityApprovalRequired = AUTHORITY_RULES.includes(decisionRule);
    const automatic = decisionRule === 'UNCONDITIONAL_AUTO_GRANT';
    const region = parseId(resource.id)!.region;
    return mutate(ctx, 'sharing', async (em) => {
      const owned = newOwned(region);
      const now = owned.createdAt;
      const r = em.create(ShareRequest, {
        ...owned, resourceId: resource.id, requesterId: input.requesterId, providerId,
        shareAttribute: resource.shareAttribute, securityGrade: resource.securityGrade, decisionRule, scenario: input.scenario.trim(), purpose: input.purpose.trim(),
        legalDuty: blank(input.legalDuty) ? null : input.legalDuty!.trim(), itemNames, shareMode: input.shareMode, endDate: input.endDate,
        authorityApprovalRequired, status: automatic ? 'GRANTED' : 'PENDING',
        decisionReason: automatic ? AUTO_GRANT_REASON : null, decidedAt: automatic ? now : null, decidedBy: automatic ? 'SYSTEM' : null,
      } as ShareRequest);
      return {
        result: r,
        audit: {
          action: 'shareRequest.create', entityType: 'ShareRequest', entityId: owned.id,
          data: { resourceId: resource.id, requesterId: input.requesterId, providerId, itemNames, shareMode: input.shareMode, endDate: input.endDate, status: r.status, decisionRule, automatic },
        },
      };
    });
  }

  @Mutation(() => ShareRequest, {
    description: '审核共享申请：提供部门或数据所在区域的数据主管部门批准或驳回（驳回须说明理由）；核心、重要数据及批量复制、离线共享只能由数据主管部门决定；decisionRule 记录适用的规则 / approve or reject a pending request: the provider or the data authority of the data\'s region; a rejection needs a reason; CORE and IMPORTANT data and bulk or offline sharing only the authority decides; decisionRule records the rule applied [SHR-2, B §27, J §7, B §10, Z §9]',
  })
  async decideShareRequest(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('approve', { description: 'true 批准，false 驳回 / true approves, false rejects' }) approve: boolean,
    @Arg('reason', () => String, { nullable: true, description: '审核意见；驳回时必填 / the reason; required to reject' }) reason?: string | null,
  ): Promise<ShareRequest> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(id, 'id');
    const r = parseId(id) ? await ctx.em.findOne(ShareRequest, { id }) : null;
    if (!r || !canSeeRequest(actor, ctx.node, r)) throw notFound('共享申请 / share request', id);
    if (!canDecide(actor, ctx.node, r)) {
      throw forbidden(
        r.decisionRule === 'GRADE_REQUIRES_AUTHORITY'
          ? `${GRADE_NAMES[r.securityGrade ?? ''] ?? '核心、重要数据'}的共享须由数据主管部门审批 / ${r.securityGrade ?? 'CORE or IMPORTANT'} data is shared only with the data authority's approval [J §7, B §10, Z §9]`
          : r.authorityApprovalRequired
          ? `${r.shareMode} 方式的共享须由数据主管部门审批 / ${r.shareMode} sharing is decided by the data authority [SHR-6, L §17]`
          : '只有提供部门或数据所在区域（含上级）在本平台的数据主管部门可以审核此申请 / only the providing agency, or the data authority acting on the data\'s region on this platform, may decide this request [B §27]',
      );
    }
    if (r.status !== 'PENDING') throw conflict(`申请已处理（当前为 ${r.status}），不能再次审核 / this request was already decided (${r.status}); only PENDING requests can be decided`);
    if (!approve && blank(reason)) throw badInput('驳回申请必须说明理由 / a rejection needs a reason: tell the requester why [B §27, L §34]', 'reason');
    if (approve && r.endDate < todayInChina()) {
      throw conflict(`申请的截止日期 ${r.endDate} 已过，不能批准，只能驳回 / the request\'s end date ${r.endDate} has passed: it can only be rejected`);
    }
    const decisionRule = decisionRuleOf(actor, r);
    if (approve && decisionRule === 'CONDITIONAL_PROVIDER_DECISION') await refuseIfGradeRaised(ctx, r);
    return mutate(ctx, 'sharing', async () => {
      r.status = approve ? 'GRANTED' : 'REJECTED';
      r.decisionRule = decisionRule;
      r.decisionReason = blank(reason) ? null : reason!.trim();
      r.decidedAt = new Date();
      r.decidedBy = actor.sub;
      return {
        result: r,
        audit: { action: approve ? 'shareRequest.approve' : 'shareRequest.reject', entityType: 'ShareRequest', entityId: r.id, data: { reason: r.decisionReason, decisionRule } },
      };
    });
  }
}
