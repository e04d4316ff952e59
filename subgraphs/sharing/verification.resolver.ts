import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { parseId } from '../../schema/ids.js';
import { readOf, readsOf } from '../kit/server/audit.js';
import { byKey, requireActor, type SubgraphContext } from '../kit/server/context.js';
import { badInput, conflict, forbidden, notFound } from '../kit/server/errors.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownIdRegion, connectionType, listPage, PageArgs, RegionScopeInput, type Page } from '../kit/server/pagination.js';
import { blank } from '../kit/rules/validation.js';
import { canRequestFor, canSeeRequest, canSeeVerification, canVerify, verificationFilter } from './access.js';
import { ShareRequest } from './share-request.entity.js';
import { shareRequestLoader } from './share-request.loader.js';
import { isActiveGrant } from './share-request.rules.js';
import { DataResourceRef, OrganizationRef } from './foreign.js';
import { cleanItems } from './text.js';
import { DataVerification } from './verification.entity.js';
import { DataVerificationFilter, RecordVerificationInput, ReportWrongDataInput } from './verification.inputs.js';
import { verificationDeadline } from './verification.rules.js';
import { isOverdue, overdueFilter } from '../kit/rules/deadlines.js';
import { rowsWhereIn } from '../kit/server/reads.js';

const DataVerificationConnection = connectionType(
  DataVerification,
  'DataVerification',
  '疑义数据校核列表（跨平台合并，最新在前）/ a page of reports of doubtful data, merged across platforms, newest first',
);

const verificationLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, DataVerification | null>('dataVerification', async (ids) => byKey(ids, await rowsWhereIn(ctx, DataVerification, 'id', ids), (v) => v.id));

@Resolver(() => DataVerification)
export class DataVerificationResolver {
  @Query(() => DataVerification, {
    nullable: true,
    description:
      '按ID查询疑义数据校核（反馈部门、提供部门、主管部门和审计人员可见）/ a report of doubtful data by ID (visible to the reporter, the provider, the authority and auditors)',
  })
  async dataVerification(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<DataVerification | null> {
    const v = parseId(id) ? await verificationLoader(ctx).load(id) : null;
    return v && canSeeVerification(ctx.actor, ctx.node, v) ? readOf(ctx, 'DataVerification', v) : null;
  }

  @Query(() => DataVerificationConnection, {
    description:
      '疑义数据校核列表：本部门反馈的或待本部门校核的；数据主管部门和审计人员可见所辖区域的，可筛选超期未校核的 / reports your organization filed or must verify; data authorities and auditors see those of their regions, and filter the overdue ones [SHR-8, L §13]',
  })
  async dataVerifications(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('filter', () => DataVerificationFilter, { nullable: true }) filter?: DataVerificationFilter | null,
  ): Promise<Page<DataVerification>> {
    const where: FilterQuery<DataVerification>[] = [];
    if (filter?.providerId) assertKnownIdRegion(filter.providerId, 'filter.providerId');
    if (filter?.providerId) where.push({ providerId: filter.providerId });
    if (filter?.status) where.push({ status: filter.status });
    if (filter?.overdue != null) where.push(overdueFilter(filter.overdue));
    const visible = verificationFilter(ctx.actor, ctx.node) as FilterQuery<DataVerification> | null;
    return readsOf(ctx, 'DataVerification', await listPage(ctx, DataVerification, { visible, scope, where, page }));
  }

  @FieldResolver(() => Boolean, { description: '超期未校核：仍待校核且已过期限（按中国日期）/ still OPEN after its due date (China time) [SHR-8, L §13]' })
  overdue(@Root() v: DataVerification): boolean {
    return isOverdue(v);
  }

  @FieldResolver(() => DataResourceRef, { nullable: true, description: '有疑义的目录条目 / the catalog entry in doubt' })
  resource(@Root() v: DataVerification): DataResourceRef {
    return { id: v.resourceId };
  }

  @FieldResolver(() => OrganizationRef, { nullable: true, description: '反馈部门（授权的使用部门）/ the reporting grantee' })
  requester(@Root() v: DataVerification): OrganizationRef {
    return { id: v.requesterId };
  }

  @FieldResolver(() => OrganizationRef, { nullable: true, description: '负责校核的提供部门 / the provider that verifies' })
  provider(@Root() v: DataVerification): OrganizationRef {
    return { id: v.providerId };
  }

  @FieldResolver(() => ShareRequest, { nullable: true, description: '反馈所依据的授权；校核期间照常有效 / the grant the report was made under; it stays usable meanwhile [L §13]' })
  async grant(@Ctx() ctx: SubgraphContext, @Root() v: DataVerification): Promise<ShareRequest | null> {
    const r = await shareRequestLoader(ctx).load(v.grantId);
    return r && canSeeRequest(ctx.actor, ctx.node, r) ? readOf(ctx, 'ShareRequest', r) : null;
  }

  @Mutation(() => DataVerification, {
    description:
      "反馈疑义数据：持有有效授权的使用部门就授权范围内的信息项要求提供部门校核；校核期限按政策配置的工作日计算（丽水2个工作日）；授权照常有效 / a grantee reports doubtful data in items it was granted; the provider must verify within the profile's working days (Lishui: 2); the grant stays usable [SHR-8, L §13, B §15]",
  })
  async reportWrongData(@Ctx() ctx: SubgraphContext, @Arg('input') input: ReportWrongDataInput): Promise<DataVerification> {
    const actor = requireActor(ctx);
    if (!canRequestFor(actor, input.requesterId)) {
      throw forbidden('只能以本人所在部门的名义反馈 / you can only report for your own organization: set requesterId to your organization [SEC-1]');
    }
    const itemNames = cleanItems(input.itemNames, 'input.itemNames');
    if (blank(input.description)) throw badInput('必须说明疑义内容 / description is required: say what looks wrong and why [L §13]', 'input.description');
    assertKnownIdRegion(input.resourceId, 'input.resourceId');
    const grants = parseId(input.resourceId)
      ? (await ctx.em.find(ShareRequest, { resourceId: input.resourceId, requesterId: input.requesterId }, { orderBy: { seq: 'desc' } })).filter((g) => isActiveGrant(g))
      : [];
    if (!grants.length) {
      throw forbidden(
        '本部门没有该目录条目的有效授权，不能反馈疑义数据 / your organization holds no active grant for this entry: only a grantee reports doubtful data [SHR-8, L §13]',
      );
    }
    const grant = grants.find((g) => itemNames.every((n) => g.itemNames.includes(n)));
    if (!grant) {
      const granted = new Set(grants.flatMap((g) => g.itemNames));
      const outside = itemNames.filter((n) => !granted.has(n));
      throw badInput(
        outside.length
          ? `以下信息项不在授权范围内：${outside.join('、')} / item(s) ${outside.map((n) => `"${n}"`).join(', ')} are not granted to you: report only items you received [SHR-8, B §26]`
          : '这些信息项分属不同的授权，请按授权分别反馈 / these items belong to different grants: report them per grant',
        'input.itemNames',
        { itemsNotGranted: outside },
      );
    }
    return mutate(ctx, 'sharing', async (em) => {
      const owned = newOwned(grant.regionCode);
      const deadline = verificationDeadline(ctx.node, owned.createdAt);
      const v = em.create(DataVerification, {
        ...owned,
        grantId: grant.id,
        resourceId: grant.resourceId,
        requesterId: grant.requesterId,
        providerId: grant.providerId,
        itemNames,
        description: input.description.trim(),
        status: 'OPEN',
        outcome: null,
        note: null,
        verifiedAt: null,
        verifiedBy: null,
        ...deadline,
      });
      return {
        result: v,
        audit: { action: 'dataVerification.report', entityType: 'DataVerification', entityId: owned.id, data: { grantId: grant.id, itemNames, dueDate: deadline.dueDate } },
      };
    });
  }

  @Mutation(() => DataVerification, {
    description: '提供部门记录校核结果（已更正或经核实无误），须附说明 / the provider records the outcome (corrected, or no error), with a note [SHR-8, L §13, B §15]',
  })
  async recordDataVerification(@Ctx() ctx: SubgraphContext, @Arg('input') input: RecordVerificationInput): Promise<DataVerification> {
    const actor = requireActor(ctx);
    if (blank(input.note)) throw badInput('必须说明校核情况 / note is required: say what was corrected, or why the data is right [L §13]', 'input.note');
    assertKnownIdRegion(input.id, 'input.id');
    const v = parseId(input.id) ? await ctx.em.findOne(DataVerification, { id: input.id }) : null;
    if (!v || !canSeeVerification(actor, ctx.node, v)) throw notFound('疑义数据校核 / data verification', input.id);
    if (!canVerify(actor, v)) throw forbidden('只有数据提供部门可以校核 / only the providing agency verifies its data [L §13]');
    if (v.status !== 'OPEN') throw conflict(`已校核（${v.outcome}），不能再次记录 / this report was already verified (${v.outcome})`);
    return mutate(ctx, 'sharing', async () => {
      Object.assign(v, { status: 'VERIFIED', outcome: input.outcome, note: input.note.trim(), verifiedAt: new Date(), verifiedBy: actor.sub });
      return {
        result: v,
        audit: {
          action: 'dataVerification.verify',
          entityType: 'DataVerification',
          entityId: v.id,
          data: { outcome: input.outcome, overdue: isOverdue({ status: 'OPEN', dueDate: v.dueDate }) },
        },
      };
    });
  }
}
