import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { parseId, regionOf } from '../../schema/ids.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { readsOf } from '../kit/server/audit.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { badInput, forbidden, notFound } from '../kit/server/errors.js';
import { Bound, FreeText } from '../kit/server/input-bounds.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownIdRegion, connectionType, listPage, PageArgs, RegionScopeInput, type Page } from '../kit/server/pagination.js';
import { LocalDate } from '../kit/server/scalars.js';
import { canSanctionAgreement, canSeeAgreement, canSeeDataset, creditFilter } from './access.js';
import { OpenDataAgreement, type StoredSanctionStep } from './application.entity.js';
import { OpenDataset } from './dataset.entity.js';
import { datasetLoader } from './dataset.loader.js';
import { OPEN_DATA_VIOLATIONS, OpenDataViolationEnum, type OpenDataViolation } from './enums.js';
import { OrganizationRef } from './foreign.js';
import { OpenDataAgreementSuspension, OpenDataCreditRecord, OpenDataSanctionStep } from './sanction.entity.js';
import { checkRectifyBy, checkRestorable, checkSuspendable, checkTerminable, checkViolations, sanctionText } from './sanction.rules.js';

@InputType({
  description: '暂停利用主体获取数据的权限：违规情形、整改意见和期限 / suspend a user’s access to the data: the violations, the rectification demanded and the deadline [Z §39]',
})
export class SuspendOpenDataAgreementInput {
  @Field(() => [OpenDataViolationEnum], { description: '违规情形，至少一项 / the violations, one or more [Z §39 (一)-(五)]' })
  @Bound({ maxItems: OPEN_DATA_VIOLATIONS.length })
  violations!: OpenDataViolation[];

  @Field({ description: '整改意见（告知利用主体）/ the rectification demanded, as the user will read it [Z §39]' })
  @FreeText
  rectification!: string;

  @Field(() => LocalDate, { description: '整改期限（含当日），在今天之后 90 日之内 / the deadline for rectification, inclusive: after today and within 90 days' })
  rectifyBy!: string;
}

const OpenDataCreditRecordConnection = connectionType(
  OpenDataCreditRecord,
  'OpenDataCreditRecord',
  '利用主体的失信信息（信用档案，跨平台合并，最新在前）/ records of public data users’ credit files, merged across platforms, newest first',
);

const sanctionStep = (kind: StoredSanctionStep['kind'], at: Date, over: Partial<StoredSanctionStep>): StoredSanctionStep => ({
  kind,
  at: at.toISOString(),
  violations: [],
  rectification: null,
  rectifyBy: null,
  note: null,
  ...over,
});

const refuseSanction = () =>
  forbidden(
    '只有开放主体（提供部门）或数据集所属区域在本平台的数据主管部门可以暂停、恢复或终止利用主体的获取权限 / only the opening agency (the provider), or the data authority acting on the dataset’s region on this platform, suspends, restores or terminates a user’s access [Z §39, Z §4]',
  );

@Resolver(() => OpenDataAgreement)
export class OpenDataSanctionResolver {
  @FieldResolver(() => OpenDataAgreementSuspension, {
    nullable: true,
    description:
      '暂停（或因逾期未整改而终止）时的整改意见和期限；有效时为空 / the rectification demanded and its deadline while suspended, or at termination; null while in force [Z §39]',
  })
  suspension(@Root() g: OpenDataAgreement): OpenDataAgreementSuspension | null {
    if (!g.rectification || !g.rectifyBy || !g.suspendedAt) return null;
    return { violations: g.violations, rectification: g.rectification, rectifyBy: g.rectifyBy, suspendedAt: g.suspendedAt };
  }

  @FieldResolver(() => Date, { nullable: true, description: '终止时间 / when the agreement was terminated [Z §39]' })
  terminatedAt(@Root() g: OpenDataAgreement): Date | null {
    return g.terminatedAt;
  }

  @FieldResolver(() => [OpenDataSanctionStep], { description: '处置步骤（暂停、恢复、终止），按时间顺序 / the sanction steps (suspended, restored, terminated), in order [Z §39]' })
  sanctionSteps(@Root() g: OpenDataAgreement): OpenDataSanctionStep[] {
    return g.sanctionSteps.map((s) => ({ ...s, at: new Date(s.at) }));
  }

  @Mutation(() => OpenDataAgreement, {
    description:
      '暂停利用主体获取该数据的权限（开放主体或数据集所属区域在本平台的数据主管部门）：列明违规情形，提出整改意见和期限；暂停后核验即不予通过，持有人名单不再列出 / suspend the user’s access to the data (the opening agency, or the authority acting on the dataset’s region on this platform): the violations, the rectification demanded and the deadline; access checks refuse at once and the public holder list drops the agreement [OPN-7, Z §39]',
  })
  async suspendOpenDataAgreement(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string, @Arg('input') input: SuspendOpenDataAgreementInput): Promise<OpenDataAgreement> {
    requireActor(ctx);
    const today = todayInChina();
    const violations = checkViolations(input.violations);
    const rectification = sanctionText(input.rectification, 'input.rectification', '整改意见', 'the rectification demanded');
    const rectifyBy = checkRectifyBy(input.rectifyBy, today);
    const g = await this.loadForSanction(ctx, id);
    checkSuspendable(g, today);
    return mutate(ctx, 'opening', async () => {
      const now = new Date();
      Object.assign(g, {
        storedStatus: 'SUSPENDED',
        violations,
        rectification,
        rectifyBy,
        suspendedAt: now,
        sanctionSteps: [...g.sanctionSteps, sanctionStep('SUSPENDED', now, { violations, rectification, rectifyBy })],
        updatedAt: now,
      });
      return {
        result: g,
        audit: {
          action: 'openDataAgreement.suspend',
          entityType: 'OpenDataAgreement',
          entityId: g.id,
          data: { violations, rectification, rectifyBy, byAuthority: !ctx.actor.orgId },
        },
      };
    });
  }

  @Mutation(() => OpenDataAgreement, {
    description: '利用主体已按要求整改，恢复其获取权限（仅限暂停中的协议）/ the user rectified as demanded: restore its access (a suspended agreement only) [OPN-7, Z §39]',
  })
  async restoreOpenDataAgreement(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('note', { description: '整改情况说明 / how the user rectified' }) @FreeText note: string,
  ): Promise<OpenDataAgreement> {
    requireActor(ctx);
    const text = sanctionText(note, 'note', '整改情况说明', 'the note on the rectification');
    const g = await this.loadForSanction(ctx, id);
    checkRestorable(g);
    return mutate(ctx, 'opening', async () => {
      const now = new Date();
      const rectifyBy = g.rectifyBy!;
      Object.assign(g, {
        storedStatus: 'ACTIVE',
        violations: [],
        rectification: null,
        rectifyBy: null,
        suspendedAt: null,
        sanctionSteps: [...g.sanctionSteps, sanctionStep('RESTORED', now, { note: text })],
        updatedAt: now,
      });
      return {
        result: g,
        audit: { action: 'openDataAgreement.restore', entityType: 'OpenDataAgreement', entityId: g.id, data: { note: text, rectifyBy, byAuthority: !ctx.actor.orgId } },
      };
    });
  }

  @Mutation(() => OpenDataAgreement, {
    description:
      '整改期限届满仍未整改：终止提供该数据的开放服务，并将失信信息记入利用主体的信用档案（同一事务）；期限届满前为 CONFLICT / not rectified by the deadline: terminate the service of this data to the user and record it in the user’s credit file, in one transaction; a CONFLICT before the deadline has passed [OPN-7, Z §39]',
  })
  async terminateOpenDataAgreement(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('note', { description: '终止说明：逾期未整改的情况 / the note: how the demand went unmet' }) @FreeText note: string,
  ): Promise<OpenDataAgreement> {
    requireActor(ctx);
    const text = sanctionText(note, 'note', '终止说明', 'the note on the termination');
    const g = await this.loadForSanction(ctx, id);
    checkTerminable(g, todayInChina());
    const d = await ctx.em.findOneOrFail(OpenDataset, { id: g.datasetId });
    return mutate(ctx, 'opening', async (em) => {
      const owned = newOwned(g.regionCode);
      const now = owned.createdAt;
      const record = em.create(OpenDataCreditRecord, {
        ...owned,
        holderAccount: g.holderAccount,
        holderRegion: regionOf(g.holderAccount) ?? g.regionCode,
        holderName: g.holderName,
        holderKind: g.holderKind,
        agreementId: g.id,
        datasetId: g.datasetId,
        datasetTitle: d.title,
        providerId: g.providerId,
        violations: g.violations,
        rectification: g.rectification!,
        rectifyBy: g.rectifyBy!,
        suspendedAt: g.suspendedAt!,
        terminatedAt: now,
        note: text,
      });
      Object.assign(g, {
        storedStatus: 'TERMINATED',
        terminatedAt: now,
        sanctionSteps: [...g.sanctionSteps, sanctionStep('TERMINATED', now, { note: text })],
        updatedAt: now,
      });
      return {
        result: g,
        audit: {
          action: 'openDataAgreement.terminate',
          entityType: 'OpenDataAgreement',
          entityId: g.id,
          data: { note: text, rectifyBy: g.rectifyBy!, creditRecordId: record.id, byAuthority: !ctx.actor.orgId },
        },
      };
    });
  }

  private async loadForSanction(ctx: SubgraphContext, id: string): Promise<OpenDataAgreement> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(id, 'id');
    const g = parseId(id) ? await ctx.em.findOne(OpenDataAgreement, { id }) : null;
    if (!g || !canSeeAgreement(actor, ctx.node, g)) throw notFound('开放利用协议 / agreement', id);
    if (!canSanctionAgreement(actor, ctx.node, g)) throw refuseSanction();
    return g;
  }
}

@Resolver(() => OpenDataCreditRecord)
export class OpenDataCreditRecordResolver {
  @Query(() => OpenDataCreditRecordConnection, {
    description:
      '利用主体信用档案中的失信信息（逾期未整改被终止的协议），各平台合并：本人看到自己的，数据主管部门和审计人员看到协议所在区域或利用主体所在区域的；其他利用主体和部门看不到。按账号筛选即为该主体的信用档案 / records of public data users’ credit files (agreements terminated unrectified), merged across platforms: a user sees its own; authorities and auditors those of the agreement’s region or of the user’s; other users and agencies none. Filtered by account, the user’s credit file [OPN-7, Z §39]',
  })
  async openDataCreditRecords(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('accountId', () => ID, { nullable: true, description: '利用主体账号：只列出其信用档案 / a user’s account: its credit file only' }) accountId?: string | null,
    @Arg('scope', () => RegionScopeInput, {
      nullable: true,
      description: '区域范围（协议所在区域）；不填为全部平台 / region scope (the agreement’s region); all platforms when omitted',
    })
    scope?: RegionScopeInput | null,
  ): Promise<Page<OpenDataCreditRecord>> {
    if (accountId != null) {
      assertKnownIdRegion(accountId, 'accountId');
      if (!parseId(accountId))
        throw badInput(`accountId "${accountId}" 不是利用主体的账号ID / accountId "${accountId}" is not a user account: pass an OpenDataUser id`, 'accountId');
    }
    return readsOf(
      ctx,
      'OpenDataCreditRecord',
      await listPage(ctx, OpenDataCreditRecord, { visible: creditFilter(ctx.actor, ctx.node), scope, where: accountId ? [{ holderAccount: accountId }] : [], page }),
    );
  }

  @FieldResolver(() => OrganizationRef, { description: '开放主体（提供部门）/ the opening agency (provider)' })
  provider(@Root() c: OpenDataCreditRecord): OrganizationRef {
    return { id: c.providerId };
  }

  @FieldResolver(() => OpenDataset, { nullable: true, description: '所涉数据集（调用者看不到时为空）/ the dataset (null when the caller may not see it)' })
  async dataset(@Ctx() ctx: SubgraphContext, @Root() c: OpenDataCreditRecord): Promise<OpenDataset | null> {
    const d = await datasetLoader(ctx).load(c.datasetId);
    return d && canSeeDataset(ctx.actor, ctx.node, d) ? d : null;
  }
}
