import type { FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { parseId } from '../../schema/ids.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { readOf, readsOf } from '../kit/server/audit.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { conflict, forbidden, notFound } from '../kit/server/errors.js';
import { mutate } from '../kit/server/mutation.js';
import { assertKnownIdRegion, connectionType, listPage, PageArgs, RegionScopeInput, type Page } from '../kit/server/pagination.js';
import { agreementFilter, canAcknowledgeFiling, canSeeAgreement, canSeeDataset, holderFilter } from './access.js';
import { OpenDataAgreement, OpenDataAgreementClause, RestrictedOpenDataHolder } from './application.entity.js';
import { AGREEMENT_CLAUSE_TEXTS, agreementStatus } from './application.rules.js';
import { OpenDataset } from './dataset.entity.js';
import { datasetLoader } from './dataset.loader.js';
import { OpenAgreementStatusEnum, type OpenAgreementStatus } from './enums.js';
import { publicHolderName } from './user.rules.js';

const OpenDataAgreementConnection = connectionType(
  OpenDataAgreement,
  'OpenDataAgreement',
  '开放利用协议列表（跨平台合并，最新在前）/ a page of open-data use agreements, merged across platforms, newest first',
);

const RestrictedOpenDataHolderConnection = connectionType(
  RestrictedOpenDataHolder,
  'RestrictedOpenDataHolder',
  '已获得受限开放数据的主体名单（全部平台合并，公开）/ the public list of holders of restricted open data, merged across platforms',
);

/** What the public list shows of an agreement in force [Z §16]. */
const holderView = (g: OpenDataAgreement): RestrictedOpenDataHolder =>
  Object.assign(new RestrictedOpenDataHolder(), {
    id: g.id,
    holderName: publicHolderName(g.holderKind, g.holderName),
    holderKind: g.holderKind,
    termStart: g.termStart,
    termEnd: g.termEnd,
    datasetId: g.datasetId,
  });

@Resolver(() => OpenDataAgreement)
export class OpenDataAgreementResolver {
  @Query(() => OpenDataAgreement, {
    nullable: true,
    description:
      '按ID查询开放利用协议：持有人、开放主体和监管其区域的部门可见，其他人为空 / an agreement by ID: the holder, the opening agency and those overseeing the region; null for anyone else [OPN-3, Z §17]',
  })
  async openDataAgreement(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<OpenDataAgreement | null> {
    const g = parseId(id) ? await ctx.em.findOne(OpenDataAgreement, { id }) : null;
    return g && canSeeAgreement(ctx.actor, ctx.node, g) ? readOf(ctx, 'OpenDataAgreement', g) : null;
  }

  @Query(() => OpenDataAgreementConnection, {
    description:
      '开放利用协议列表（即报备的协议）：数据主管部门看到所辖区域报备的，开放主体看到本机构签订的，利用主体看到本人持有的 / open-data use agreements as filed: the data authority sees those filed in its regions, the opening agency those it concluded, a user its own [OPN-3, Z §17]',
  })
  async openDataAgreements(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('filingAcknowledged', () => Boolean, {
      nullable: true,
      description: 'true 只列出已确认备案的，false 只列出待确认的 / true: only filings the authority acknowledged; false: only those awaiting it [Z §17]',
    })
    filingAcknowledged?: boolean | null,
  ): Promise<Page<OpenDataAgreement>> {
    const where: FilterQuery<OpenDataAgreement>[] =
      filingAcknowledged === true ? [{ filingAcknowledgedAt: { $ne: null } }] : filingAcknowledged === false ? [{ filingAcknowledgedAt: null }] : [];
    return readsOf(ctx, 'OpenDataAgreement', await listPage(ctx, OpenDataAgreement, { visible: agreementFilter(ctx.actor, ctx.node), scope, where, page }));
  }

  @Query(() => RestrictedOpenDataHolderConnection, {
    description:
      '已获得受限开放数据的主体名单：向社会公开（无需登录），全部平台合并；只列出期限内有效的协议，自然人只显示姓氏 / who holds restricted open data: public (no sign-in), merged across platforms; agreements in force only, a natural person by surname only [OPN-3, Z §16]',
  })
  async restrictedOpenDataHolders(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
  ): Promise<Page<RestrictedOpenDataHolder>> {
    const p = await listPage(ctx, OpenDataAgreement, { visible: holderFilter(todayInChina()), scope, page });
    return { ...p, edges: p.edges.map((e) => ({ cursor: e.cursor, node: holderView(e.node) })) };
  }

  @FieldResolver(() => OpenAgreementStatusEnum, { description: '状态：期限届满后为 EXPIRED / status; EXPIRED once the term has ended [Z §17]' })
  status(@Root() g: OpenDataAgreement): OpenAgreementStatus {
    return agreementStatus({ status: g.storedStatus, termEnd: g.termEnd }, todayInChina());
  }

  @FieldResolver(() => [OpenDataAgreementClause], { description: '六项约定，按 Z §17 的顺序 / the six clauses, in the order of Z §17 [Z §17]' })
  clauses(@Root() g: OpenDataAgreement): OpenDataAgreementClause[] {
    return g.clauseKinds.map((kind) => ({ kind, ...AGREEMENT_CLAUSE_TEXTS[kind] }));
  }

  @FieldResolver(() => OpenDataset, { nullable: true, description: '协议所涉数据集（调用者看不到时为空）/ the dataset (null when the caller may not see it)' })
  async dataset(@Ctx() ctx: SubgraphContext, @Root() g: OpenDataAgreement): Promise<OpenDataset | null> {
    const d = await datasetLoader(ctx).load(g.datasetId);
    return d && canSeeDataset(ctx.actor, ctx.node, d) ? d : null;
  }

  @Mutation(() => OpenDataAgreement, {
    description:
      '确认协议备案（数据集所属区域在本平台的数据主管部门）/ acknowledge the filing of an agreement (the data authority acting on the dataset’s region on this platform) [OPN-3, Z §17]',
  })
  async acknowledgeOpenDataAgreementFiling(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<OpenDataAgreement> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(id, 'id');
    const g = parseId(id) ? await ctx.em.findOne(OpenDataAgreement, { id }) : null;
    if (!g || !canSeeAgreement(actor, ctx.node, g)) throw notFound('开放利用协议 / agreement', id);
    if (!canAcknowledgeFiling(actor, ctx.node, g)) {
      throw forbidden(
        '只有数据集所属区域在本平台的数据主管部门可以确认协议备案 / only the data authority acting on the dataset’s region on this platform acknowledges the filing of an agreement [Z §17]',
      );
    }
    if (g.filingAcknowledgedAt) throw conflict('该协议的备案已确认 / the filing of this agreement was already acknowledged');
    return mutate(ctx, 'opening', async () => {
      const now = new Date();
      Object.assign(g, { filingAcknowledgedAt: now, updatedAt: now });
      return {
        result: g,
        audit: {
          action: 'openDataAgreement.acknowledgeFiling',
          entityType: 'OpenDataAgreement',
          entityId: g.id,
          data: { filedAt: g.filedWithAuthorityAt.toISOString(), applicationId: g.applicationId },
        },
      };
    });
  }
}

@Resolver(() => RestrictedOpenDataHolder)
export class RestrictedOpenDataHolderResolver {
  @FieldResolver(() => OpenDataset, { nullable: true, description: '所持有的数据集（未开放时为空）/ the dataset held (null while it is not open to the caller)' })
  async dataset(@Ctx() ctx: SubgraphContext, @Root() h: RestrictedOpenDataHolder): Promise<OpenDataset | null> {
    const d = await datasetLoader(ctx).load(h.datasetId);
    return d && canSeeDataset(ctx.actor, ctx.node, d) ? d : null;
  }
}
