import type { FilterQuery } from '@mikro-orm/postgresql';
import { requiredText } from './filing.rules.js';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { parseId } from '../../schema/ids.js';
import { readOf, readsOf } from '../kit/server/audit.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { badInput, forbidden, notFound } from '../kit/server/errors.js';
import { FreeText } from '../kit/server/input-bounds.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownIdRegion, connectionType, listPage, PageArgs, RegionScopeInput, type Page } from '../kit/server/pagination.js';
import { catalogOrganization } from '../kit/server/catalog-client.js';
import { canDecideDispute, canRaiseDispute, canRecordOpinion, canSeeDataset, canSeeDispute, disputeFilter } from './access.js';
import { OpenDataset } from './dataset.entity.js';
import { openingResource } from './dataset.resolver.js';
import { OpenDataDispute, OpenDataExpertOpinion } from './dispute.entity.js';
import { checkClaim, checkDecision, checkNoOpenDispute, checkOpinionOpen, DISPUTE_TEXT_MAX, partiesOf } from './dispute.rules.js';
import { OpenDisputeAttributeEnum, OpenDisputeKindEnum, OpenDisputeStatusEnum, type OpenDisputeAttribute, type OpenDisputeKind, type OpenDisputeStatus } from './enums.js';
import { OrganizationRef } from './foreign.js';

@InputType({ description: '提出开放争议 / raise a dispute over the opening agency or the open attribute of a catalog entry [Z §11-12]' })
export class RaiseOpenDataDisputeInput {
  @Field(() => ID, { description: '争议涉及的目录条目（及其开放数据集）/ the catalog entry disputed (and its open dataset, if any)' })
  resourceId!: string;

  @Field(() => OpenDisputeKindEnum, { description: '争议类型 / what is disputed' })
  kind!: OpenDisputeKind;

  @Field({ description: '主张及理由 / the claim and its grounds' })
  @FreeText
  claim!: string;

  @Field(() => OpenDisputeAttributeEnum, { nullable: true, description: '主张的开放属性（开放属性争议必填）/ the attribute claimed (required for OPEN_ATTRIBUTE) [Z §12]' })
  claimedAttribute?: OpenDisputeAttribute | null;

  @Field(() => ID, {
    nullable: true,
    description: '主张应作为开放主体的机构（开放主体争议必填）/ the agency claimed to be the opening agency (required for OPENING_AGENCY) [Z §11]',
  })
  claimedAgencyId?: string | null;
}

const OpenDataDisputeConnection = connectionType(
  OpenDataDispute,
  'OpenDataDispute',
  '开放争议列表（跨平台合并，最新在前）/ a page of open-data disputes, merged across platforms, newest first',
);

/** An organization ID naming a registered organization, checked before anything is written. */
async function registeredOrganization(ctx: SubgraphContext, id: string, field: string): Promise<string> {
  assertKnownIdRegion(id, field);
  if (!parseId(id) || !(await catalogOrganization(ctx, id))) {
    throw badInput(`机构 ${id} 未在平台登记 / organization ${id} is not registered on the platform: pass the id of an Organization`, field);
  }
  return id;
}

const refuseRaise = () =>
  forbidden(
    '只有目录登记的开放主体、被主张为开放主体的机构，或条目所属区域在本平台的数据主管部门可以提出开放争议 / only the opening agency the catalog names, the agency claimed to open the data, or the data authority acting on the region on this platform may raise this dispute [Z §11-12]',
  );

@Resolver(() => OpenDataDispute)
export class OpenDataDisputeResolver {
  @Query(() => OpenDataDispute, {
    nullable: true,
    description:
      '按ID查询开放争议（争议各方机构、监管其区域的部门和该区域的专家委员会成员可见）/ a dispute by ID (the agencies party to it, those overseeing its region, and the experts serving the region) [Z §11-12]',
  })
  async openDataDispute(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<OpenDataDispute | null> {
    const d = parseId(id) ? await ctx.em.findOne(OpenDataDispute, { id }) : null;
    return d && canSeeDispute(ctx.actor, ctx.node, d) ? readOf(ctx, 'OpenDataDispute', d) : null;
  }

  @Query(() => OpenDataDisputeConnection, {
    description:
      '开放争议列表：争议各方机构、监管其区域的部门和该区域的专家委员会成员可见，从不向公众公开 / disputes over the opening agency or the open attribute: for the agencies party to them, those overseeing their regions and the experts serving them; never public [Z §11-12]',
  })
  async openDataDisputes(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('status', () => OpenDisputeStatusEnum, { nullable: true, description: '只列出该状态的争议 / only disputes in this status' }) status?: OpenDisputeStatus | null,
  ): Promise<Page<OpenDataDispute>> {
    const where: FilterQuery<OpenDataDispute>[] = status ? [{ status }] : [];
    return readsOf(ctx, 'OpenDataDispute', await listPage(ctx, OpenDataDispute, { visible: disputeFilter(ctx.actor, ctx.node), scope, where, page }));
  }

  @FieldResolver(() => OpenDataset, { nullable: true, description: "条目的开放数据集（如有且调用者可见）/ the entry's open dataset, if any and visible to the caller" })
  async dataset(@Ctx() ctx: SubgraphContext, @Root() d: OpenDataDispute): Promise<OpenDataset | null> {
    const ds = d.datasetId ? await ctx.em.findOne(OpenDataset, { id: d.datasetId }) : null;
    return ds && canSeeDataset(ctx.actor, ctx.node, ds) ? ds : null;
  }

  @FieldResolver(() => OrganizationRef, { description: '目录登记的开放主体 / the opening agency the catalog names' })
  provider(@Root() d: OpenDataDispute): OrganizationRef {
    return { id: d.providerId };
  }

  @FieldResolver(() => [OrganizationRef], { description: '争议各方机构 / the agencies party to the dispute' })
  parties(@Root() d: OpenDataDispute): OrganizationRef[] {
    return d.partyIds.map((id) => ({ id }));
  }

  @FieldResolver(() => [OpenDataExpertOpinion], { description: "专家委员会意见，按时间顺序 / the expert committee's opinions, in order [Z §11-12]" })
  opinions(@Root() d: OpenDataDispute): OpenDataExpertOpinion[] {
    return d.opinions.map((o) => Object.assign(new OpenDataExpertOpinion(), { ...o, at: new Date(o.at) }));
  }

  @Mutation(() => OpenDataDispute, {
    description:
      "提出开放争议：开放主体争议或开放属性争议，提交条目所属区域的数据主管部门 / raise a dispute over which agency opens a catalog entry's data, or over its open attribute; it goes to the data authority of the entry's region [Z §11-12]",
  })
  async raiseOpenDataDispute(@Ctx() ctx: SubgraphContext, @Arg('input') input: RaiseOpenDataDisputeInput): Promise<OpenDataDispute> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(input.resourceId, 'input.resourceId');
    const ref = parseId(input.resourceId);
    if (!ref) throw badInput(`${input.resourceId} 不是有效的目录条目ID / ${input.resourceId} is not a catalog entry ID: pass the id of a DataResource`, 'input.resourceId');
    const claim = requiredText(input.claim, 'input.claim', '主张及理由', 'claim', DISPUTE_TEXT_MAX);
    checkClaim(input.kind, input, null);
    const claimedAgencyId = input.claimedAgencyId ? await registeredOrganization(ctx, input.claimedAgencyId, 'input.claimedAgencyId') : null;
    const r = await openingResource(ctx, input.resourceId, 'input.resourceId');
    checkClaim(input.kind, input, r.provider.id);
    if (!canRaiseDispute(actor, ctx.node, { providerId: r.provider.id, regionCode: ref.region }, claimedAgencyId)) throw refuseRaise();
    checkNoOpenDispute(await ctx.em.count(OpenDataDispute, { resourceId: r.id, kind: input.kind, status: 'RAISED' }), input.kind);
    const dataset = await ctx.em.findOne(OpenDataset, { resourceId: r.id });
    const raiserOrg = actor.roles.includes('AGENCY') ? actor.orgId : null;
    return mutate(ctx, 'opening', async (em) => {
      const owned = newOwned(ref.region);
      const d = em.create(OpenDataDispute, {
        ...owned,
        resourceId: r.id,
        datasetId: dataset?.id ?? null,
        providerId: r.provider.id,
        partyIds: partiesOf(r.provider.id, raiserOrg, claimedAgencyId),
        kind: input.kind,
        claim,
        claimedAttribute: input.claimedAttribute ?? null,
        claimedAgencyId,
        status: 'RAISED',
        opinions: [],
        outcome: null,
        decidedAttribute: null,
        decidedAgencyId: null,
        decidedAt: null,
        updatedAt: owned.createdAt,
      });
      return {
        result: d,
        audit: {
          action: 'openDataDispute.raise',
          entityType: 'OpenDataDispute',
          entityId: d.id,
          data: { resourceId: r.id, kind: input.kind, claimedAttribute: d.claimedAttribute, claimedAgencyId, parties: d.partyIds },
        },
      };
    });
  }

  @Mutation(() => OpenDataDispute, {
    description: "记录专家委员会意见（服务于争议所属区域的专家）/ record the expert committee's opinion on a dispute (an expert serving the dispute's region) [Z §5, Z §11-12]",
  })
  async recordExpertOpinion(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('opinion', { description: '专家意见 / the opinion' }) @FreeText opinion: string,
  ): Promise<OpenDataDispute> {
    const actor = requireActor(ctx);
    const text = requiredText(opinion, 'opinion', '专家意见', 'opinion', DISPUTE_TEXT_MAX);
    const d = await this.load(ctx, id);
    if (!canRecordOpinion(actor, d))
      throw forbidden(
        "只有服务于争议所属区域的专家委员会成员可以记录专家意见 / only a member of the expert committee serving the dispute's region may record an opinion [Z §5, Z §11-12]",
      );
    checkOpinionOpen(d);
    return mutate(ctx, 'opening', async () => {
      const now = new Date();
      d.opinions = [...d.opinions, { expert: actor.sub, region: actor.region!, opinion: text, at: now.toISOString() }];
      d.updatedAt = now;
      return { result: d, audit: { action: 'openDataDispute.opinion', entityType: 'OpenDataDispute', entityId: d.id, data: { opinion: text, expertRegion: actor.region! } } };
    });
  }

  @Mutation(() => OpenDataDispute, {
    description:
      '记录开放争议的决定（争议所属区域在本平台的数据主管部门；须已有专家意见）；决定的开放属性或开放主体随后经目录修订生效 / record the decision on a dispute (the data authority acting on its region on this platform; at least one expert opinion must be recorded); the decided attribute or agency then takes effect through a catalog revision [Z §11-12]',
  })
  async decideOpenDataDispute(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('outcome', { description: "决定内容（包括本级人民政府的确定意见）/ the decision, as the people's government of the level took it" }) @FreeText outcome: string,
    @Arg('decidedAttribute', () => OpenDisputeAttributeEnum, {
      nullable: true,
      description: '决定的开放属性（开放属性争议必填）/ the attribute decided (required for OPEN_ATTRIBUTE)',
    })
    decidedAttribute?: OpenDisputeAttribute | null,
    @Arg('decidedAgencyId', () => ID, { nullable: true, description: '决定的开放主体（开放主体争议必填）/ the opening agency decided (required for OPENING_AGENCY)' })
    decidedAgencyId?: string | null,
  ): Promise<OpenDataDispute> {
    requireActor(ctx);
    const text = requiredText(outcome, 'outcome', '决定内容', 'outcome', DISPUTE_TEXT_MAX);
    const agencyId = decidedAgencyId ? await registeredOrganization(ctx, decidedAgencyId, 'decidedAgencyId') : null;
    const d = await this.load(ctx, id);
    if (!canDecideDispute(ctx.actor, ctx.node, d))
      throw forbidden(
        "只有争议所属区域（或其上级区域）在本平台的数据主管部门可以记录决定 / only the data authority acting on the dispute's region on this platform may record the decision [Z §11-12]",
      );
    checkDecision(d, { decidedAttribute, decidedAgencyId: agencyId });
    return mutate(ctx, 'opening', async () => {
      const now = new Date();
      Object.assign(d, { status: 'DECIDED', outcome: text, decidedAttribute: decidedAttribute ?? null, decidedAgencyId: agencyId, decidedAt: now, updatedAt: now });
      return {
        result: d,
        audit: {
          action: 'openDataDispute.decide',
          entityType: 'OpenDataDispute',
          entityId: d.id,
          data: { outcome: text, decidedAttribute: d.decidedAttribute, decidedAgencyId: agencyId, opinions: d.opinions.length },
        },
      };
    });
  }

  private async load(ctx: SubgraphContext, id: string): Promise<OpenDataDispute> {
    assertKnownIdRegion(id, 'id');
    const d = parseId(id) ? await ctx.em.findOne(OpenDataDispute, { id }) : null;
    if (!d || !canSeeDispute(ctx.actor, ctx.node, d)) throw notFound('开放争议 / open-data dispute', id);
    return d;
  }
}
