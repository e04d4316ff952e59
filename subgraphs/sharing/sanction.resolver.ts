import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { parseId, regionOf } from '../../schema/ids.js';
import { readOf, readsOf } from '../kit/server/audit.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { badInput, conflict, forbidden, notFound } from '../kit/server/errors.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownIdRegion, assertKnownRegion, connectionType, listPage, PageArgs, RegionScopeInput, type Page } from '../kit/server/pagination.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { blank } from '../kit/rules/validation.js';
import { SanctionStatusEnum, SanctionViolationEnum, type SanctionStatus, type SanctionViolation } from './enums.js';
import { ShareSanction } from './sanction.entity.js';
import { canActOnRegion, canSeeSanction, sanctionFilter } from './access.js';
import { sanctionStatus, validateEndDate } from './share-request.rules.js';
import { OrganizationRef, RegionRef } from './foreign.js';
import { catalogOrganization } from '../kit/server/catalog-client.js';
import { sanctionChanged } from './sanction-events.js';
import { LocalDate } from '../kit/server/scalars.js';
import { Bound, FreeText } from '../kit/server/input-bounds.js';

const ShareSanctionConnection = connectionType(ShareSanction, 'ShareSanction', '共享权限处置列表（跨平台合并，最新在前）/ sanctions, merged across platforms, newest first');

@InputType({ description: "暂停使用部门的共享权限 / suspend a user organization's access to shared data [SHR-10, B §49]" })
export class ImposeShareSanctionInput {
  @Field({
    description:
      '处置适用的区域（本平台的，据此路由），覆盖该区域及下级区域数据的全部授权 / the region whose data the sanction covers (and its sub-regions; routes the call to its platform)',
  })
  @Bound({ kind: 'code' })
  regionCode!: string;

  @Field(() => ID, { description: '被处置的使用部门（可为其他平台的机构）/ the user organization (may be of another platform)' })
  userOrganizationId!: string;

  @Field(() => SanctionViolationEnum, { description: '违规情形 / the violation [B §49]' })
  violation!: SanctionViolation;

  @Field({ description: '违规事实 / what happened' })
  @FreeText
  description!: string;

  @Field({ description: '整改要求 / what must be rectified' })
  @FreeText
  rectificationDemand!: string;

  @Field(() => LocalDate, { description: '整改期限 YYYY-MM-DD，须晚于今天；逾期未解除即终止服务 / the deadline, after today; not lifted by then, the service is terminated' })
  deadline!: string;
}

@Resolver(() => ShareSanction)
export class SanctionResolver {
  @Query(() => ShareSanctionConnection, {
    description:
      '共享权限处置列表：被处置部门可见本部门的，数据主管部门和审计人员可见所辖区域的 / sanctions: an organization sees its own, authorities and auditors those of their regions [SHR-10, B §49]',
  })
  async shareSanctions(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('organizationId', () => ID, { nullable: true, description: '只看该使用部门的 / only those of this organization' }) organizationId?: string | null,
  ): Promise<Page<ShareSanction>> {
    const where: FilterQuery<ShareSanction>[] = organizationId ? [{ organizationId }] : [];
    return readsOf(ctx, 'ShareSanction', await listPage(ctx, ShareSanction, { visible: sanctionFilter(ctx.actor, ctx.node), scope, where, page }));
  }

  @FieldResolver(() => OrganizationRef, { nullable: true, description: '被处置的使用部门 / the sanctioned organization' })
  organization(@Root() s: ShareSanction): OrganizationRef {
    return { id: s.organizationId };
  }

  @FieldResolver(() => RegionRef, {
    nullable: true,
    description:
      "处置覆盖的区域（含下级区域）：该使用部门在这些区域数据上的全部授权暂停 / the region the sanction covers, with its sub-regions: all the organization's grants on their data stop [B §49]",
  })
  region(@Root() s: ShareSanction): RegionRef {
    return { code: s.regionCode };
  }

  @FieldResolver(() => SanctionStatusEnum, { description: '状态：逾期未解除即为终止 / status: TERMINATED once the deadline passed without lifting [B §49]' })
  status(@Root() s: ShareSanction): SanctionStatus {
    return sanctionStatus(s);
  }

  @Mutation(() => ShareSanction, {
    description:
      "暂停使用部门在本平台该区域全部授权的共享权限，提出整改要求和期限；逾期未整改即终止（按期限计算）。数据主管部门（作用于该区域）/ suspend a user organization's access to all its grants for this region's data on this platform, with a rectification demand and a deadline; not rectified by then, terminated (computed from the deadline). The data authority acting on the region [SHR-10, B §49]",
  })
  async imposeShareSanction(@Ctx() ctx: SubgraphContext, @Arg('input') input: ImposeShareSanctionInput): Promise<ShareSanction> {
    const actor = requireActor(ctx);
    assertKnownRegion(input.regionCode, 'input.regionCode');
    assertKnownIdRegion(input.userOrganizationId, 'input.userOrganizationId');
    if (!parseId(input.userOrganizationId))
      throw badInput(`"${input.userOrganizationId}" 不是机构ID / "${input.userOrganizationId}" is not an organization ID`, 'input.userOrganizationId');
    if (blank(input.description)) throw badInput('须说明违规事实 / description is required: what happened [B §49]', 'input.description');
    if (blank(input.rectificationDemand)) throw badInput('须提出整改要求 / rectificationDemand is required [B §49]', 'input.rectificationDemand');
    validateEndDate(input.deadline, 'input.deadline');
    if (!canActOnRegion(actor, ctx.node, input.regionCode)) {
      throw forbidden('只有在本平台作用于该区域的数据主管部门可以暂停共享权限 / only the data authority acting on this region on this platform may suspend access [B §49]');
    }
    // Wherever it is registered: a sanction of no organization would stop nothing and mislead whoever reads it.
    if (!(await catalogOrganization(ctx, input.userOrganizationId))) {
      throw badInput(
        `机构 ${input.userOrganizationId} 未在其所在平台的目录中登记 / organization ${input.userOrganizationId} is not registered in the catalog of its platform: pass the ID of a registered organization`,
        'input.userOrganizationId',
      );
    }
    return mutate(ctx, 'sharing', async (em) => {
      // One sanction in force per organization and region: a concurrent one for the same pair waits here, then sees this one.
      await em
        .getConnection()
        .execute('select pg_advisory_xact_lock(hashtext(?))', [`sharing.share_sanction:${input.userOrganizationId}:${input.regionCode}`], 'all', em.getTransactionContext());
      const open = await em.find(ShareSanction, { organizationId: input.userOrganizationId, regionCode: input.regionCode, liftedAt: null });
      const inForce = open.find((s) => sanctionStatus(s) === 'IN_FORCE');
      if (inForce) throw conflict(`该部门在本区域已有未解除的处置 ${inForce.id} / this organization already has sanction ${inForce.id} in force for this region`);
      const s = em.create(ShareSanction, {
        ...newOwned(input.regionCode),
        organizationId: input.userOrganizationId,
        violation: input.violation,
        description: input.description.trim(),
        rectificationDemand: input.rectificationDemand.trim(),
        deadline: input.deadline,
        imposedBy: actor.sub,
        liftedAt: null,
        liftedBy: null,
        liftReason: null,
      });
      return {
        result: s,
        audit: {
          action: 'shareSanction.impose',
          entityType: 'ShareSanction',
          entityId: s.id,
          data: { organizationId: s.organizationId, violation: s.violation, deadline: s.deadline, organizationRegion: regionOf(s.organizationId) },
        },
        events: [sanctionChanged(s)],
      };
    });
  }

  @Mutation(() => ShareSanction, {
    description: '整改后解除处置（期限内）；逾期已终止的不能解除 / lift a sanction after rectification, before its deadline; a terminated one cannot be lifted [SHR-10, B §49]',
  })
  async liftShareSanction(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', { description: '整改情况 / the rectification done' }) @FreeText reason: string,
  ): Promise<ShareSanction> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(id, 'id');
    if (blank(reason)) throw badInput('解除须说明整改情况 / reason is required: say what was rectified [B §49]', 'reason');
    const s = parseId(id) ? await ctx.em.findOne(ShareSanction, { id }) : null;
    if (!s || !canSeeSanction(actor, ctx.node, s)) throw notFound('处置 / sanction', id);
    if (!canActOnRegion(actor, ctx.node, s.regionCode))
      throw forbidden('只有作用于该区域的数据主管部门可以解除处置 / only the data authority acting on the region may lift a sanction [B §49]');
    const status = sanctionStatus(s, todayInChina());
    if (status !== 'IN_FORCE') {
      throw conflict(
        status === 'LIFTED'
          ? '处置已解除 / this sanction was already lifted'
          : `整改期限 ${s.deadline} 已过，已终止服务，不能解除 / the deadline ${s.deadline} passed: the service is terminated and the sanction cannot be lifted [B §49]`,
      );
    }
    return mutate(ctx, 'sharing', async () => {
      Object.assign(s, { liftedAt: new Date(), liftedBy: actor.sub, liftReason: reason.trim() });
      return { result: s, audit: { action: 'shareSanction.lift', entityType: 'ShareSanction', entityId: s.id, data: { reason: s.liftReason } }, events: [sanctionChanged(s)] };
    });
  }

  @Query(() => ShareSanction, { nullable: true, description: '按ID查询处置 / a sanction by ID' })
  async shareSanction(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<ShareSanction | null> {
    const s = parseId(id) ? await ctx.em.findOne(ShareSanction, { id }) : null;
    return s && canSeeSanction(ctx.actor, ctx.node, s) ? readOf(ctx, 'ShareSanction', s) : null;
  }
}
