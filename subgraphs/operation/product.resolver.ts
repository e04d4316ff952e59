import type { FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { parseId } from '../../schema/ids.js';
import { hasRole } from '../kit/rules/access.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { readOf, recordRead } from '../kit/server/audit.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { badInput, forbidden, notFound } from '../kit/server/errors.js';
import { Bound, FreeText } from '../kit/server/input-bounds.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownIdRegion, connectionType, listPage, PageArgs, RegionScopeInput, type Page } from '../kit/server/pagination.js';
import { canProposeProduct, canReviewProduct, canSeeProduct, canSetGuidedPrice, productFilter, productIsPrivate } from './access.js';
import { OperationAuthorization } from './authorization.entity.js';
import { requiredText, SCENARIO_NAME_MAX } from './authorization.rules.js';
import { Operator } from './operator.entity.js';
import { operatorLoader } from './operator.loader.js';
import { DataProduct, DataProductSource, GuidedPriceRange } from './product.entity.js';
import { DataProductKindEnum, DataProductStatusEnum, DataProductUseEnum, type DataProductKind, type DataProductStatus, type DataProductUse } from './product.enums.js';
import { checkAuthorizationIds, checkGuidedPrice, checkRange, checkReview, checkUse, describeRange, MAX_PRODUCT_AUTHORIZATIONS, sourcesOf } from './product.rules.js';

@InputType({ description: '提出数据产品 / propose a data product for the data authority’s review [D §3, D §21]' })
export class ProposeDataProductInput {
  @Field({ description: '产品名称 / name' })
  name!: string;

  @Field(() => DataProductKindEnum, { description: '产品形态 / kind [D §3]' })
  kind!: DataProductKind;

  @Field({ description: '产品说明：提供什么、如何使用 / what it offers and how it is used' })
  @FreeText
  description!: string;

  @Field(() => [ID], {
    description:
      '所依据的数据使用授权（已授权、属本运营主体），其授权条目即产品来源 / the authorizations it is built on (GRANTED, this operator’s); their entries are its sources [D §21]',
  })
  @Bound({ maxItems: MAX_PRODUCT_AUTHORIZATIONS })
  authorizationIds!: string[];

  @Field(() => DataProductUseEnum, { description: '用途 / use [B §35]' })
  use!: DataProductUse;

  @Field(() => String, {
    nullable: true,
    description: '无偿使用的条件（公共治理、公益事业用途必填）/ the conditions of free use; required for PUBLIC_GOVERNANCE and PUBLIC_WELFARE [B §35]',
  })
  @FreeText
  useCondition?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      '价格（分）：产业用途必填且在政府指导价区间内；无偿用途为 0 或不填 / price in fen: required for INDUSTRY, within the guided range; 0 or absent for free uses [J §23]',
  })
  price?: number | null;
}

@InputType({ description: '数据产品筛选条件 / filters for data products' })
export class DataProductFilter {
  @Field(() => DataProductStatusEnum, { nullable: true, description: '状态 / status' })
  status?: DataProductStatus | null;

  @Field(() => ID, { nullable: true, description: '只看该运营主体的 / only this operator' })
  operatorId?: string | null;

  @Field(() => ID, { nullable: true, description: '只看以该目录条目为来源的 / only those built on this catalog entry' })
  resourceId?: string | null;
}

@InputType({ description: '规定政府指导价区间 / set a region’s guided price range for one kind of product [J §23, D §18]' })
export class SetGuidedPriceRangeInput {
  @Field({ description: '区域代码（数据主管部门本身的区域）/ region code: the authority’s own region' })
  @Bound({ kind: 'code', max: 12 })
  regionCode!: string;

  @Field(() => DataProductKindEnum, { description: '产品形态 / kind' })
  kind!: DataProductKind;

  @Field(() => Int, { description: '最低价（分）/ lowest price, in fen' })
  min!: number;

  @Field(() => Int, { description: '最高价（分）/ highest price, in fen' })
  max!: number;

  @Field({ description: '定价依据（如价格主管部门文件）/ the basis, e.g. the pricing office’s document' })
  @FreeText
  basis!: string;
}

const DataProductConnection = connectionType(DataProduct, 'DataProduct', '数据产品列表（跨平台合并，最新在前）/ a page of data products, merged across platforms, newest first');

const onlyOperator = () =>
  forbidden('只有运营主体本身（授权有效时）可以提出其数据产品 / only the operator itself, while its authorization is in force, proposes its products [D §21]');

@Resolver(() => DataProduct)
export class DataProductResolver {
  @Query(() => DataProduct, {
    nullable: true,
    description:
      '按ID查询数据产品：已发布的公开，其余限运营主体本身和所在区域的数据主管部门、审计人员（读取留痕）/ a data product by ID: released ones are public, others the operator’s and its overseers’ (reads audited) [D §21]',
  })
  async dataProduct(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<DataProduct | null> {
    const p = parseId(id) ? await ctx.em.findOne(DataProduct, { id }) : null;
    if (!p || !canSeeProduct(ctx.actor, ctx.node, p)) return null;
    return productIsPrivate(p) ? readOf(ctx, 'DataProduct', p) : p;
  }

  @Query(() => DataProductConnection, {
    description:
      '数据产品：已发布的公开并列出来源，其余限运营主体本身和所在区域的数据主管部门、审计人员（读取留痕）/ data products: released ones public with their sources, the others to the operator and its overseers (reads audited) [D §21]',
  })
  async dataProducts(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('filter', () => DataProductFilter, { nullable: true, description: '筛选条件 / filters' }) filter?: DataProductFilter | null,
  ): Promise<Page<DataProduct>> {
    const where: FilterQuery<DataProduct>[] = [];
    if (filter?.status) where.push({ status: filter.status });
    if (filter?.operatorId) where.push({ operatorId: filter.operatorId });
    if (filter?.resourceId) where.push({ resourceIds: { $contains: [filter.resourceId] } } as FilterQuery<DataProduct>);
    const result = await listPage(ctx, DataProduct, { visible: productFilter(ctx.actor, ctx.node), scope, where, page });
    for (const e of result.edges) if (productIsPrivate(e.node)) recordRead(ctx, 'DataProduct', e.node.id);
    return result;
  }

  @Query(() => [GuidedPriceRange], {
    description: '某区域数据主管部门规定的政府指导价区间（公开）/ the guided price ranges the data authority of a region set, per kind (public) [J §23, D §18]',
  })
  async guidedPriceRanges(
    @Ctx() ctx: SubgraphContext,
    @Arg('regionCode', { description: '区域代码 / region code' }) @Bound({ kind: 'code', max: 12 }) regionCode: string,
  ): Promise<GuidedPriceRange[]> {
    if (!ctx.node.regions.includes(regionCode)) return [];
    return ctx.em.find(GuidedPriceRange, { regionCode }, { orderBy: { kind: 'asc' } });
  }

  @FieldResolver(() => Operator, { nullable: true, description: '运营主体 / the operator' })
  operator(@Ctx() ctx: SubgraphContext, @Root() p: DataProduct): Promise<Operator | null> {
    return operatorLoader(ctx).load(p.operatorId);
  }

  @FieldResolver(() => [DataProductSource], { description: '来源：授权及其授权的目录条目和数据项 / its sources: the authorizations, entries and items granted [D §21]' })
  sources(@Root() p: DataProduct): DataProductSource[] {
    return p.sources.map((s) => ({ ...s, items: [...s.items] }));
  }

  @Mutation(() => GuidedPriceRange, {
    description:
      '数据主管部门规定本区域某类数据产品的政府指导价区间（分），再次设定即替换；产业用途产品的价格须在其内 / the data authority sets its region’s guided price range for one kind of product, in fen; setting it again replaces it; INDUSTRY products are priced within it [J §23, D §18]',
  })
  async setGuidedPriceRange(@Ctx() ctx: SubgraphContext, @Arg('input') input: SetGuidedPriceRangeInput): Promise<GuidedPriceRange> {
    const actor = requireActor(ctx);
    const { regionCode, kind } = input;
    const range = checkRange(input.min, input.max, input.basis);
    if (!ctx.node.regions.includes(regionCode)) throw badInput(`本平台不承载区域 ${regionCode} / this platform does not host region ${regionCode}`, 'input.regionCode');
    if (!canSetGuidedPrice(actor, ctx.node, regionCode))
      throw forbidden('只有该区域的数据主管部门可以规定政府指导价区间 / only the data authority of the region sets its guided price ranges [J §23]');
    return mutate(ctx, 'operation', async (em) => {
      const now = new Date();
      const existing = await em.findOne(GuidedPriceRange, { regionCode, kind });
      const previous = existing ? { minFen: existing.minFen, maxFen: existing.maxFen } : null;
      const r = existing ?? em.create(GuidedPriceRange, { ...newOwned(regionCode), kind, ...range, updatedAt: now });
      Object.assign(r, { ...range, updatedAt: now });
      return {
        result: r,
        audit: { action: 'guidedPriceRange.set', entityType: 'GuidedPriceRange', entityId: r.id, data: { kind, minFen: range.minFen, maxFen: range.maxFen, previous } },
      };
    });
  }

  @Mutation(() => DataProduct, {
    description:
      '运营主体提出数据产品：依据本身已授权的数据使用授权，声明用途和价格，提交数据主管部门审核 / the operator proposes a data product built on its granted authorizations, declaring its use and price, for the data authority’s review [D §3, D §21, B §35, J §23]',
  })
  async proposeDataProduct(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: '运营主体（授权运营协议）的ID / the operator (agreement)' }) id: string,
    @Arg('input') input: ProposeDataProductInput,
  ): Promise<DataProduct> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(id, 'id');
    const name = requiredText(input.name, 'input.name', '产品名称', 'name', SCENARIO_NAME_MAX);
    const description = requiredText(input.description, 'input.description', '产品说明', 'description');
    const authorizationIds = checkAuthorizationIds(input.authorizationIds);
    for (const a of authorizationIds) assertKnownIdRegion(a, 'input.authorizationIds');
    const priced = checkUse(input.use, input.useCondition, input.price);
    if (!hasRole(actor, 'OPERATOR')) throw onlyOperator();
    const ref = parseId(id);
    const op = ref && ctx.node.regions.includes(ref.region) ? await ctx.em.findOne(Operator, { id }) : null;
    if (!op) throw notFound('授权运营主体 / operator', id);
    const today = todayInChina();
    if (!canProposeProduct(actor, op, today)) throw onlyOperator();
    const auths = await ctx.em.find(OperationAuthorization, { id: { $in: authorizationIds } });
    const sources = sourcesOf(op.id, authorizationIds, auths, today);
    const range = priced.use === 'INDUSTRY' ? await ctx.em.findOne(GuidedPriceRange, { regionCode: op.regionCode, kind: input.kind }) : null;
    if (priced.use === 'INDUSTRY') checkGuidedPrice(input.kind, op.regionCode, priced.priceFen, range);
    return mutate(ctx, 'operation', async (em) => {
      const owned = newOwned(op.regionCode);
      const resourceIds = [...new Set(sources.map((s) => s.resourceId))];
      const p = em.create(DataProduct, {
        ...owned,
        operatorId: op.id,
        organizationId: op.organizationId,
        name,
        kind: input.kind,
        description,
        authorizationIds,
        resourceIds,
        sources,
        ...priced,
        guidedRangeId: range?.id ?? null,
        guidedRange: range ? describeRange(range) : null,
        status: 'UNDER_REVIEW',
        statusReason: null,
        catalogEventId: null,
        reviewedAt: null,
        updatedAt: owned.createdAt,
      });
      return {
        result: p,
        audit: {
          action: 'dataProduct.propose',
          entityType: 'DataProduct',
          entityId: p.id,
          data: { operatorId: op.id, kind: input.kind, use: priced.use, priceFen: priced.priceFen, authorizationIds, resourceIds, guidedRangeId: range?.id ?? null },
        },
      };
    });
  }

  @Mutation(() => DataProduct, {
    description:
      '数据主管部门审核数据产品：通过则发布（RELEASED），不予通过须说明理由（REFUSED）/ the data authority reviews a product: approved, it is RELEASED; refused (REFUSED), with a reason [D §21]',
  })
  async reviewDataProduct(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('approve', { description: '是否通过 / approve' }) approve: boolean,
    @Arg('reason', () => String, { nullable: true, description: '审核意见；不予通过时必填 / the reason; required when refusing' }) @FreeText reason?: string | null,
  ): Promise<DataProduct> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(id, 'id');
    const given = approve ? (reason?.trim() ? reason : null) : reason;
    if (!approve) checkReview('UNDER_REVIEW', false, given);
    const ref = parseId(id);
    const found = ref && ctx.node.regions.includes(ref.region) ? await ctx.em.findOne(DataProduct, { id }) : null;
    if (!found) throw notFound('数据产品 / data product', id);
    if (!canReviewProduct(actor, ctx.node, found))
      throw forbidden('只有运营主体所在区域的数据主管部门可以审核其数据产品 / only the data authority of the operator’s region reviews its products [D §21]');
    return mutate(ctx, 'operation', async (em) => {
      const p = await em.findOneOrFail(DataProduct, { id });
      const note = checkReview(p.status, approve, given);
      const now = new Date();
      Object.assign(p, { status: approve ? 'RELEASED' : 'REFUSED', statusReason: approve ? null : note, reviewedAt: now, updatedAt: now });
      return { result: p, audit: { action: 'dataProduct.review', entityType: 'DataProduct', entityId: p.id, data: { approve, reason: note } } };
    });
  }
}
