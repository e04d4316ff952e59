import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { readOf, readsOf } from '../kit/server/audit.js';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Actor } from '../../schema/auth.js';
import { parseId, regionOf } from '../../schema/ids.js';
import { newOwned } from '../kit/server/owned.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { badInput, conflict, forbidden, notFound } from '../kit/server/errors.js';
import { mutate } from '../kit/server/mutation.js';
import { resolvePolicy } from '../kit/rules/policy.js';
import { assertKnownIdRegion, PageArgs, RegionScopeInput, type Page, connectionType, listPage } from '../kit/server/pagination.js';
import { actsOn, hasRole } from '../kit/rules/access.js';
import { GrantStateEnum, ShareRequestSideEnum, ShareRequestStatusEnum, type GrantState, type ShareRequestSide, type ShareRequestStatus } from './enums.js';
import { ShareRequest, type ItemJustification } from './share-request.entity.js';
import { RequestShareInput } from './share-request.inputs.js';
import { sanctionsOfLoader, shareRequestLoader } from './share-request.loader.js';
import { canDecide, canRequestFor, canSeeRequest, coordinationFilter, requestFilter } from './access.js';
import {
  AUTHORITY_RULES,
  decisionRuleOf,
  grantState,
  itemsNeedingJustification,
  MAX_UNJUSTIFIED_ITEMS,
  offeredModes,
  PROVIDER_RULES,
  requestRule,
  validateEndDate,
} from './share-request.rules.js';
import { readCatalogFacts, readCatalogResource, type CatalogResource } from './catalog-reads.js';
import { ShareViolation } from './negative-list.entity.js';
import { activeLines, listedOf } from './negative-list.rules.js';
import { DataResourceRef, OrganizationRef } from './foreign.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { blank } from '../kit/rules/validation.js';
import { LocalDate } from '../kit/server/scalars.js';
import { Bound, FreeText } from '../kit/server/input-bounds.js';

const ShareRequestConnection = connectionType(
  ShareRequest,
  'ShareRequest',
  '共享申请列表（跨平台合并，最新在前）/ a page of share requests, merged across platforms, newest first',
);

const AUTO_GRANT_REASON = '无条件共享，自动授权 / unconditional: granted automatically';

const GRADE_NAMES: Record<string, string> = { CORE: '核心数据', IMPORTANT: '重要数据' };

/**
 * A grade raised to CORE or IMPORTANT after the request was made takes the decision from the
 * provider: it is read again from the catalog before the provider grants [J §7, B §10, Z §9].
 */
async function refuseIfGradeRaised(ctx: SubgraphContext, r: ShareRequest): Promise<void> {
  const now = await readCatalogResource(ctx, r.resourceId);
  if (now && (now.securityGrade === 'CORE' || now.securityGrade === 'IMPORTANT')) {
    throw forbidden(
      `该条目现为${GRADE_NAMES[now.securityGrade]}，共享须由数据主管部门审批 / this entry is now ${now.securityGrade} data: only the data authority may grant it [J §7, B §10, Z §9]`,
    );
  }
}

/** What a request's own fields say, checked before anything is read [SHR-1, B §26, B §28]. */
interface CheckedRequest {
  itemNames: string[];
  justifications: ItemJustification[];
  offlineReason: string | null;
}

function checkRequestInput(actor: Actor, input: RequestShareInput): CheckedRequest {
  if (!canRequestFor(actor, input.requesterId)) {
    throw forbidden('只能以本人所在部门的名义申请共享 / you can only request data for your own organization: set requesterId to your organization [SEC-1]');
  }
  if (blank(input.scenario)) throw badInput('必须说明应用场景 / scenario is required: describe what the data is needed for [B §26]', 'input.scenario');
  if (blank(input.purpose)) throw badInput('必须说明用途 / purpose is required [B §26]', 'input.purpose');
  if (blank(input.legalDuty)) {
    throw badInput('必须说明所履行的法定职责 / legalDuty is required: name the statutory duty the data serves [B §26, J §17]', 'input.legalDuty');
  }
  const itemNames = [...new Set(input.itemNames.map((n) => n.trim()).filter((n) => n))];
  if (itemNames.length === 0) throw badInput('至少申请一个信息项 / request at least one data item (itemNames) [B §26]', 'input.itemNames');
  const justifications: ItemJustification[] = [];
  for (const j of input.itemJustifications ?? []) {
    const itemName = j.itemName.trim();
    if (!itemNames.includes(itemName)) {
      throw badInput(
        `"${itemName}" 不在申请的信息项中，无需说明理由 / "${itemName}" is not one of the requested items: justify only items you request`,
        'input.itemJustifications',
        { itemName },
      );
    }
    if (justifications.some((x) => x.itemName === itemName)) {
      throw badInput(`信息项 "${itemName}" 的理由重复 / item "${itemName}" is justified twice: give one justification per item`, 'input.itemJustifications', { itemName });
    }
    if (blank(j.justification)) {
      throw badInput(`信息项 "${itemName}" 的理由为空 / the justification of "${itemName}" is blank: say why the scenario needs it [B §26]`, 'input.itemJustifications', {
        itemName,
      });
    }
    justifications.push({ itemName, justification: j.justification.trim() });
  }
  validateEndDate(input.endDate, 'input.endDate');
  const offline = input.shareMode === 'OFFLINE';
  if (offline && blank(input.offlineReason)) {
    throw badInput('离线共享须说明无法在线共享的原因 / OFFLINE sharing needs offlineReason: say why online sharing is impossible [B §27, J §17, L §17]', 'input.offlineReason');
  }
  assertKnownIdRegion(input.resourceId, 'input.resourceId');
  return { itemNames, justifications, offlineReason: offline ? input.offlineReason!.trim() : null };
}

/** What the catalog entry and this platform say about a request [SHR-1, SHR-6, B §26-28]. */
async function checkAgainstCatalog(
  ctx: SubgraphContext,
  input: RequestShareInput,
  checked: CheckedRequest,
): Promise<{ resource: CatalogResource; providerId: string; crossNode: boolean }> {
  const requesterRegion = regionOf(input.requesterId);
  const crossNode = !requesterRegion || !ctx.node.regions.includes(requesterRegion);
  // The requester is looked up in the catalog of its own platform, this one or another: a signed
  // token only says which region an organization would be in, not that it was ever registered [B §26].
  const facts = await readCatalogFacts(ctx, input.resourceId, input.requesterId);
  const resource = facts.resource;
  if (!resource)
    throw badInput(`目录条目 ${input.resourceId} 不存在 / catalog entry ${input.resourceId} was not found: request a published entry of the catalog`, 'input.resourceId');
  // The entry's state, not the input, refuses it [CONFLICT: the record is not in the state the request needs].
  if (resource.status !== 'PUBLISHED') {
    throw conflict(`目录条目尚未发布或已停用（当前为 ${resource.status}），不能申请 / only published catalog entries can be requested (this one is ${resource.status})`);
  }
  if (facts.organizationFound === false) {
    throw badInput(`申请部门 ${input.requesterId} 未在目录中登记 / the requesting organization ${input.requesterId} is not registered in the catalog`, 'input.requesterId');
  }
  const providerId = resource.provider?.id;
  if (!providerId) throw badInput(`目录条目 ${input.resourceId} 没有提供部门 / catalog entry ${input.resourceId} has no provider`, 'input.resourceId');
  if (providerId === input.requesterId) {
    throw badInput("这是本部门自己的数据，无需申请共享 / this is your own organization's data: there is nothing to request", 'input.resourceId');
  }
  const available = new Set(resource.items.map((i) => i.name));
  const unknown = checked.itemNames.filter((n) => !available.has(n));
  if (unknown.length) {
    throw badInput(
      `目录条目没有以下信息项：${unknown.join('、')}；只能申请条目已有的信息项 / the entry has no item(s) ${unknown.map((n) => `"${n}"`).join(', ')}: request only items the entry has [SHR-1, B §26]`,
      'input.itemNames',
      { unknownItems: unknown },
    );
  }
  const justified = new Set(checked.justifications.map((j) => j.itemName));
  const missing = itemsNeedingJustification(checked.itemNames, resource).filter((n) => !justified.has(n));
  if (missing.length) {
    throw badInput(
      `以下信息项须说明理由（个人信息、标识符，或申请超过${MAX_UNJUSTIFIED_ITEMS}项时的每一项）：${missing.join('、')} / justify these items in itemJustifications (personal information, identifiers, or every item when more than ${MAX_UNJUSTIFIED_ITEMS} are requested): ${missing.map((n) => `"${n}"`).join(', ')} [B §26, B §28]`,
      'input.itemJustifications',
      { missingJustifications: missing },
    );
  }
  const modes = offeredModes(resource.shareMode);
  if (!modes.includes(input.shareMode)) {
    throw badInput(
      `该条目不提供 ${input.shareMode} 方式，可选：${modes.join('、')} / this entry is not offered by ${input.shareMode}: choose one of ${modes.join(', ')} [SHR-6, J §17, L §17]`,
      'input.shareMode',
      { offeredModes: modes },
    );
  }
  return { resource, providerId, crossNode };
}

/** One pending request per requester, entry and scenario [SHR-1]: a second one is a CONFLICT, not a duplicate to decide twice. */
async function refuseIfPending(em: EntityManager, input: RequestShareInput): Promise<void> {
  const pending = await em.findOne(ShareRequest, { requesterId: input.requesterId, resourceId: input.resourceId, scenario: input.scenario.trim(), status: 'PENDING' });
  if (pending) {
    throw conflict(
      `本部门对该条目同一应用场景已有待审申请 ${pending.id}，请等待处理 / your organization already has pending request ${pending.id} for this entry and scenario: wait for its decision`,
    );
  }
}

/**
 * Writes a checked request: granted at once, or pending under its rule [SHR-2]. Items on the
 * provider's negative list are never granted automatically: the provider decides them, or the
 * authority when the requester escalates [SHR-3, B §24, B §27].
 */
function writeRequest(
  ctx: SubgraphContext,
  input: RequestShareInput,
  checked: CheckedRequest,
  found: { resource: CatalogResource; providerId: string; crossNode: boolean },
  escalationReason: string | null,
  listed: { items: string[]; basis: string | null },
): Promise<ShareRequest> {
  const { resource, providerId, crossNode } = found;
  const rule = requestRule(resource.shareAttribute, resource.securityGrade, input.shareMode, ctx.node);
  const decisionRule =
    escalationReason !== null ? 'NOT_SHARED_COORDINATION' : listed.items.length > 0 && !AUTHORITY_RULES.includes(rule) ? 'NEGATIVE_LIST_PROVIDER_DECISION' : rule;
  const authorityApprovalRequired = AUTHORITY_RULES.includes(decisionRule);
  const automatic = decisionRule === 'UNCONDITIONAL_AUTO_GRANT';
  const region = parseId(resource.id)!.region;
  return mutate(ctx, 'sharing', async (em) => {
    await refuseIfPending(em, input);
    const owned = newOwned(region);
    const now = owned.createdAt;
    const r = em.create(ShareRequest, {
      ...owned,
      resourceId: resource.id,
      requesterId: input.requesterId,
      providerId,
      crossNode,
      shareAttribute: resource.shareAttribute,
      securityGrade: resource.securityGrade,
      decisionRule,
      scenario: input.scenario.trim(),
      purpose: input.purpose.trim(),
      legalDuty: input.legalDuty.trim(),
      itemNames: checked.itemNames,
      requestedItemNames: checked.itemNames,
      itemJustifications: checked.justifications,
      negativeListItems: listed.items,
      negativeListBasis: listed.basis,
      shareMode: input.shareMode,
      offlineReason: checked.offlineReason,
      escalationReason,
      endDate: input.endDate,
      requestedEndDate: input.endDate,
      authorityApprovalRequired,
      status: automatic ? 'GRANTED' : 'PENDING',
      decisionReason: automatic ? AUTO_GRANT_REASON : null,
      decidedAt: automatic ? now : null,
      decidedBy: automatic ? 'SYSTEM' : null,
    });
    return {
      result: r,
      audit: {
        action: escalationReason !== null ? 'shareRequest.escalate' : 'shareRequest.create',
        entityType: 'ShareRequest',
        entityId: owned.id,
        data: {
          resourceId: resource.id,
          requesterId: input.requesterId,
          providerId,
          itemNames: checked.itemNames,
          shareMode: input.shareMode,
          endDate: input.endDate,
          status: r.status,
          decisionRule,
          automatic,
          crossNode,
          ...(listed.items.length ? { negativeListItems: listed.items } : {}),
        },
      },
    };
  });
}

/** The approved scope: at most what was asked, never more [B §28]. */
function narrowedScope(r: ShareRequest, itemNames: string[] | null | undefined, endDate: string | null | undefined): { itemNames: string[]; endDate: string } {
  let items = r.itemNames;
  if (itemNames) {
    items = [...new Set(itemNames.map((n) => n.trim()).filter((n) => n))];
    if (items.length === 0) throw badInput('批准时至少保留一个信息项 / keep at least one item when approving (itemNames)', 'itemNames');
    const extra = items.filter((n) => !r.itemNames.includes(n));
    if (extra.length) {
      throw badInput(
        `只能在申请的信息项中缩减，不能增加：${extra.join('、')} / approve only items that were requested, never more: ${extra.map((n) => `"${n}"`).join(', ')} [B §28]`,
        'itemNames',
        { extraItems: extra },
      );
    }
  }
  const end = endDate ?? r.endDate;
  if (end > r.endDate)
    throw badInput(`截止日期只能提前，不能晚于申请的 ${r.endDate} / the end date may only be shortened, not set after the requested ${r.endDate} [B §28]`, 'endDate');
  return { itemNames: items, endDate: end };
}

@Resolver(() => ShareRequest)
export class ShareRequestResolver {
  @Query(() => ShareRequest, {
    nullable: true,
    description: '按ID查询共享申请（申请方、提供方、主管部门可见）/ a share request by ID (visible to requester, provider and authority)',
  })
  async shareRequest(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<ShareRequest | null> {
    const r = parseId(id) ? await shareRequestLoader(ctx).load(id) : null;
    return r && canSeeRequest(ctx.actor, ctx.node, r) ? readOf(ctx, 'ShareRequest', r) : null;
  }

  @Query(() => ShareRequestConnection, {
    description:
      '共享申请列表：本部门提出或收到的申请；数据主管部门和审计人员可见所辖区域的 / share requests your organization made or received; data authorities and auditors see those of their regions',
  })
  async shareRequests(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('status', () => ShareRequestStatusEnum, { nullable: true, description: '按状态筛选 / only requests with this status' }) status?: ShareRequestStatus | null,
    @Arg('resourceId', () => ID, { nullable: true, description: '只看对该目录条目的申请 / only requests for this catalog entry' }) resourceId?: string | null,
    @Arg('side', () => ShareRequestSideEnum, {
      nullable: true,
      description: '只看本部门提出的（MADE）或收到的（RECEIVED）；须为部门工作人员 / only those your organization made (MADE) or received (RECEIVED); for agency staff',
    })
    side?: ShareRequestSide | null,
    @Arg('scenario', () => String, { nullable: true, description: '只看该应用场景的申请 / only requests for this scenario' }) @FreeText scenario?: string | null,
  ): Promise<Page<ShareRequest>> {
    const where: FilterQuery<ShareRequest>[] = status ? [{ status }] : [];
    if (resourceId) {
      assertKnownIdRegion(resourceId, 'resourceId');
      where.push({ resourceId });
    }
    if (side) {
      const orgId = ctx.actor.orgId;
      if (!orgId || !hasRole(ctx.actor, 'AGENCY')) {
        throw badInput('side 按本部门筛选，须以部门工作人员身份调用 / side filters by your organization: call it as agency staff', 'side');
      }
      where.push(side === 'MADE' ? { requesterId: orgId } : { providerId: orgId });
    }
    if (!blank(scenario)) where.push({ scenario: scenario!.trim() });
    return readsOf(ctx, 'ShareRequest', await listPage(ctx, ShareRequest, { visible: requestFilter(ctx.actor, ctx.node), scope, where, page }));
  }

  @Query(() => ShareRequestConnection, {
    description:
      '协调队列：待数据主管部门决定或协调的申请（跨平台申请、核心重要数据、批量复制、离线共享、不予共享数据的协调），跨平台合并；市级数据主管部门在区县平台上协调跨层级申请 / the coordination queue: pending requests waiting for an authority (from another platform, CORE or IMPORTANT data, bulk copy, offline, NOT_SHARED escalations), merged across platforms; the city authority coordinates cross-level requests on district platforms [SHR-7, B §29]',
  })
  async shareCoordinationQueue(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
  ): Promise<Page<ShareRequest>> {
    const where: FilterQuery<ShareRequest>[] = [{ status: 'PENDING' }, { $or: [{ crossNode: true }, { authorityApprovalRequired: true }] }];
    return readsOf(ctx, 'ShareRequest', await listPage(ctx, ShareRequest, { visible: coordinationFilter(ctx.actor, ctx.node), scope, where, page }));
  }

  @FieldResolver(() => DataResourceRef, {
    nullable: true,
    description:
      '申请的目录条目；调用者看不到该条目时（如已停用）为空，列表照常返回 / the catalog entry requested; null when the caller may not see it (e.g. retired), so a list still answers',
  })
  resource(@Root() r: ShareRequest): DataResourceRef {
    return { id: r.resourceId };
  }

  @FieldResolver(() => OrganizationRef, { nullable: true, description: '申请部门 / the requesting organization' })
  requester(@Root() r: ShareRequest): OrganizationRef {
    return { id: r.requesterId };
  }

  @FieldResolver(() => OrganizationRef, { nullable: true, description: '提供部门（申请时的目录提供方）/ the providing organization (as cataloged at request time)' })
  provider(@Root() r: ShareRequest): OrganizationRef {
    return { id: r.providerId };
  }

  @FieldResolver(() => GrantStateEnum, {
    nullable: true,
    description:
      "授权当前状态（按截止日期和使用部门的处置计算）；未获授权的申请为空 / the grant's state today, from its end date and its holder's sanctions; null for a request never granted [SHR-5, SHR-10, B §49]",
  })
  async grantState(@Ctx() ctx: SubgraphContext, @Root() r: ShareRequest): Promise<GrantState | null> {
    if (r.status === 'PENDING' || r.status === 'REJECTED') return null;
    return grantState(r, await sanctionsOfLoader(ctx).load(r.requesterId));
  }

  @FieldResolver(() => Boolean, {
    description: '授权当前有效：已授权、未过截止日期、使用部门未被暂停权限 / a grant in force: GRANTED, the end date not passed, its holder not sanctioned [SHR-5, B §49]',
  })
  async active(@Ctx() ctx: SubgraphContext, @Root() r: ShareRequest): Promise<boolean> {
    return (await this.grantState(ctx, r)) === 'ACTIVE';
  }

  @Mutation(() => ShareRequest, {
    description:
      '申请共享数据：一般数据无条件共享自动授权，有条件共享待提供部门审核，核心、重要数据及批量复制、离线共享待数据主管部门审批，不予共享拒绝并说明法律依据（可改用 escalateShareRequest 提请协调）；decisionRule 说明适用的规则 / request shared data: UNCONDITIONAL GENERAL data is granted at once, CONDITIONAL waits for the provider, CORE and IMPORTANT data and bulk or offline sharing wait for the data authority, NOT_SHARED is refused citing its legal basis (use escalateShareRequest to ask the authority to coordinate); decisionRule says which rule applies [SHR-1, SHR-2, B §26-28, J §17, J §7, B §10, Z §9]',
  })
  async requestShare(@Ctx() ctx: SubgraphContext, @Arg('input') input: RequestShareInput): Promise<ShareRequest> {
    const actor = requireActor(ctx);
    const checked = checkRequestInput(actor, input);
    const found = await checkAgainstCatalog(ctx, input, checked);
    const lines = await activeLines(ctx.em, found.resource.id);
    if (found.resource.shareAttribute === 'NOT_SHARED') {
      // The negative-list line and the catalog say the same under profile B; the line's basis is the one shown.
      const basis = lines[0]?.legalBasis ?? found.resource.legalBasis;
      throw forbidden(
        `该数据不予共享，依据：${basis ?? '（未登记）'}。确需使用的，请通过 escalateShareRequest 提请数据主管部门协调 / this data is NOT_SHARED under: ${basis ?? '(not recorded)'}; use escalateShareRequest to ask the data authority to coordinate if you need it [SHR-2, SHR-3, B §24, B §27, J §17]`,
        { legalBasis: basis, ...(lines[0] ? { negativeListEntryId: lines[0].id } : {}) },
      );
    }
    return writeRequest(ctx, input, checked, found, null, listedOf(lines, checked.itemNames));
  }

  @Mutation(() => ShareRequest, {
    description:
      '提请数据主管部门协调不予共享的数据：须说明理由；申请待数据主管部门决定，批准须记录理由 / ask the data authority to coordinate NOT_SHARED data: give the reason; the request waits for the authority, whose grant records its reason [SHR-2, B §27, J §17]',
  })
  async escalateShareRequest(
    @Ctx() ctx: SubgraphContext,
    @Arg('input') input: RequestShareInput,
    @Arg('reason', { description: '为何须由数据主管部门协调 / why the authority should coordinate' }) @FreeText reason: string,
  ): Promise<ShareRequest> {
    const actor = requireActor(ctx);
    const checked = checkRequestInput(actor, input);
    if (blank(reason)) throw badInput('提请协调须说明理由 / reason is required: say why the authority should coordinate this NOT_SHARED data [B §27, J §17]', 'reason');
    const found = await checkAgainstCatalog(ctx, input, checked);
    const lines = await activeLines(ctx.em, found.resource.id);
    const listed = listedOf(lines, checked.itemNames);
    if (found.resource.shareAttribute !== 'NOT_SHARED' && listed.items.length === 0) {
      throw badInput(
        '该数据可以共享，请直接用 requestShare 申请 / this data is shared and none of these items is on the negative list: request it with requestShare; escalation is for NOT_SHARED data and listed items',
        'input.resourceId',
      );
    }
    return writeRequest(
      ctx,
      input,
      checked,
      found,
      reason.trim(),
      found.resource.shareAttribute === 'NOT_SHARED' ? { items: checked.itemNames, basis: listed.basis ?? found.resource.legalBasis } : listed,
    );
  }

  @Mutation(() => ShareRequest, {
    description:
      "批准共享申请：提供部门或数据所在区域的数据主管部门（可缩减信息项、提前截止日期）；核心、重要数据、批量复制、离线共享及不予共享数据的协调只能由数据主管部门决定（协调不予共享的数据须说明理由），跨平台申请可由市级数据主管部门协调决定；decisionRule 记录适用的规则 / approve a pending request, optionally narrowing its items or shortening its end date: the provider or the data authority of the data's region; CORE and IMPORTANT data, bulk copy, offline and NOT_SHARED coordination only the authority decides (granting NOT_SHARED data needs a reason); a request from another platform the coordinating city authority may decide; decisionRule records the rule applied [SHR-2, SHR-7, B §27-29, J §7, B §10, Z §9]",
  })
  approveShareRequest(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, {
      nullable: true,
      description: '审核意见；协调不予共享数据（NOT_SHARED_COORDINATION）时必填 / a note to the requester; required when the rule is NOT_SHARED_COORDINATION',
    })
    @FreeText
    reason?: string | null,
    @Arg('itemNames', () => [String], {
      nullable: true,
      description: '批准的信息项（缩减时填写，须为申请所列）/ the items approved, to narrow the request (a subset of those requested) [B §28]',
    })
    @Bound({ maxItems: 500 })
    itemNames?: string[] | null,
    @Arg('endDate', () => LocalDate, { nullable: true, description: '批准的截止日期（提前时填写）/ the end date approved, to shorten it [B §28]' }) endDate?: string | null,
  ): Promise<ShareRequest> {
    if (endDate) validateEndDate(endDate, 'endDate');
    return decide(ctx, id, { approve: true, reason, itemNames, endDate });
  }

  @Mutation(() => ShareRequest, {
    description:
      "驳回共享申请，须说明理由：提供部门或数据所在区域的数据主管部门；实行负面清单的，提供部门驳回的清单外信息项逐项记为违规待审查 / reject a pending request with a reason: the provider or the data authority of the data's region; under a negative-list profile, the items a provider rejects that are not on its list are recorded, item by item, as a violation for review [SHR-2, SHR-3, B §24, B §27, L §34]",
  })
  rejectShareRequest(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', { description: '驳回理由，告知申请部门 / why, for the requester [B §24, B §27, L §34]' }) @FreeText reason: string,
  ): Promise<ShareRequest> {
    if (blank(reason)) throw badInput('驳回申请必须说明理由 / a rejection needs a reason: tell the requester why [B §24, B §27, L §34]', 'reason');
    return decide(ctx, id, { approve: false, reason });
  }
}

/** A decision on a pending request [SHR-2, B §27-29]; its arguments were checked by the mutation. */
async function decide(
  ctx: SubgraphContext,
  id: string,
  d: { approve: boolean; reason?: string | null; itemNames?: string[] | null; endDate?: string | null },
): Promise<ShareRequest> {
  const actor = requireActor(ctx);
  const { approve, reason } = d;
  assertKnownIdRegion(id, 'id');
  const r = parseId(id) ? await ctx.em.findOne(ShareRequest, { id }) : null;
  if (!r || !canSeeRequest(actor, ctx.node, r)) throw notFound('共享申请 / share request', id);
  if (!canDecide(actor, ctx.node, r)) {
    throw forbidden(
      r.decisionRule === 'GRADE_REQUIRES_AUTHORITY'
        ? `${GRADE_NAMES[r.securityGrade ?? ''] ?? '核心、重要数据'}的共享须由数据主管部门审批 / ${r.securityGrade ?? 'CORE or IMPORTANT'} data is shared only with the data authority's approval [J §7, B §10, Z §9]`
        : r.decisionRule === 'NOT_SHARED_COORDINATION'
          ? "不予共享数据的协调只能由数据主管部门决定 / NOT_SHARED data is granted only by the data authority's coordination [B §27, J §17]"
          : r.authorityApprovalRequired
            ? `${r.shareMode} 方式的共享须由数据主管部门审批 / ${r.shareMode} sharing is decided by the data authority [SHR-6, L §17]`
            : "只有提供部门或数据所在区域（含上级）在本平台的数据主管部门可以审核此申请 / only the providing agency, or the data authority acting on the data's region on this platform, may decide this request [B §27]",
    );
  }
  if (r.status !== 'PENDING')
    throw conflict(`申请已处理（当前为 ${r.status}），不能再次审核 / this request was already decided (${r.status}); only PENDING requests can be decided`);
  if (approve && r.decisionRule === 'NOT_SHARED_COORDINATION' && blank(reason)) {
    throw badInput('协调共享不予共享的数据须记录理由 / granting NOT_SHARED data needs a recorded reason [B §27, J §17]', 'reason');
  }
  if (approve && r.endDate < todayInChina()) {
    throw conflict(`申请的截止日期 ${r.endDate} 已过，不能批准，只能驳回 / the request's end date ${r.endDate} has passed: it can only be rejected`);
  }
  const scope = approve ? narrowedScope(r, d.itemNames, d.endDate) : null;
  const decisionRule = decisionRuleOf(actor, r, actsOn(actor, ctx.node, r.regionCode));
  const byProvider = PROVIDER_RULES.includes(decisionRule);
  if (approve && byProvider) await refuseIfGradeRaised(ctx, r);
  return mutate(ctx, 'sharing', async (em) => {
    // Under a negative-list profile, data not on the list must be shared: the provider's rejection
    // stands (with its reason), and the items it refused that are not on the list are recorded,
    // item by item, for the authority to review [B §24, L §34].
    const listed = !approve && byProvider && resolvePolicy(ctx.node.profiles).negativeList ? listedOf(await activeLines(em, r.resourceId), r.itemNames).items : null;
    const unlisted = listed ? r.itemNames.filter((n) => !listed.includes(n)) : [];
    r.status = approve ? 'GRANTED' : 'REJECTED';
    r.decisionRule = decisionRule;
    r.decisionReason = blank(reason) ? null : reason!.trim();
    r.decidedAt = new Date();
    r.decidedBy = actor.sub;
    if (scope) Object.assign(r, scope);
    if (unlisted.length) {
      em.create(ShareViolation, {
        ...newOwned(r.regionCode),
        kind: 'UNLISTED_REJECTION',
        shareRequestId: r.id,
        providerId: r.providerId,
        requesterId: r.requesterId,
        resourceId: r.resourceId,
        itemNames: unlisted,
        reason: r.decisionReason!,
        reviewedAt: null,
        reviewedBy: null,
        reviewNote: null,
      });
    }
    const narrowed = scope && (scope.itemNames.length !== r.requestedItemNames.length || scope.endDate !== r.requestedEndDate);
    return {
      result: r,
      audit: {
        action: approve ? 'shareRequest.approve' : 'shareRequest.reject',
        entityType: 'ShareRequest',
        entityId: r.id,
        data: {
          reason: r.decisionReason,
          decisionRule,
          ...(narrowed ? { itemNames: r.itemNames, endDate: r.endDate } : {}),
          ...(unlisted.length ? { violation: 'UNLISTED_REJECTION', unlistedItems: unlisted } : {}),
        },
      },
    };
  });
}
