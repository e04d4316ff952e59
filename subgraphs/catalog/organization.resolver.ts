import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { validateCreditCode } from '../kit/rules/credit-code.js';
import type { OrgKind } from '../../schema/enums.js';
import { parseId } from '../../schema/ids.js';
import { getRegion } from '../../schema/regions.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { badInput, forbidden } from '../kit/server/errors.js';
import { claimForRegistration, creditCodeTaken, registeredElsewhere } from './credit-code-claim.js';
import { canRegisterOrganization } from './access.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownRegion, PageArgs, RegionScopeInput, connectionType, listPage } from '../kit/server/pagination.js';
import { OrgKindEnum } from './enums.js';
import { Organization } from './organization.entity.js';
import { organizationLoader } from './organization.loader.js';
import { Region } from './region.type.js';
import { Bound } from '../kit/server/input-bounds.js';

/** Codes are bounded longer than any valid one, so the validator's own message ("expected 18 characters") answers a near miss. */
@InputType({ description: '登记机构 / register an organization' })
export class CreateOrganizationInput {
  @Field({ description: '所在行政区划代码，决定由哪个平台保存 / region code; decides which platform holds the record' })
  @Bound({ kind: 'code', max: 12 })
  regionCode!: string;

  @Field({ description: '名称 / name' })
  name!: string;

  @Field({ description: '统一社会信用代码（18位，含校验位）/ unified social credit code (18 chars incl. check character)' })
  @Bound({ kind: 'code', max: 32 })
  creditCode!: string;

  @Field(() => OrgKindEnum)
  kind!: OrgKind;
}

const OrganizationConnection = connectionType(Organization, 'Organization', '机构列表 / a page of organizations');

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: '按ID查询机构 / an organization by ID' })
  organization(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string) {
    return parseId(id) ? organizationLoader(ctx).load(id) : null;
  }

  @Query(() => OrganizationConnection, { description: '机构列表（最新在前）/ organizations, newest first' })
  organizations(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true }) scope?: RegionScopeInput | null,
    @Arg('kind', () => OrgKindEnum, { nullable: true }) kind?: OrgKind | null,
    @Arg('creditCode', () => String, { nullable: true, description: '按统一社会信用代码查找 / the organization with this unified social credit code' })
    @Bound({ kind: 'code', max: 32 })
    creditCode?: string | null,
  ) {
    const where: FilterQuery<Organization>[] = [];
    if (kind) where.push({ kind });
    if (creditCode) where.push({ creditCode: creditCode.trim() });
    // The registry of organizations is public (names and credit codes).
    return listPage(ctx, Organization, { visible: {}, scope, where, page });
  }

  @FieldResolver(() => Region, { description: '所在行政区划 / region' })
  region(@Root() org: Organization): Region {
    return Region.from(getRegion(org.regionCode)!);
  }

  @Mutation(() => Organization, {
    description: '登记机构（该区域或其上级区域、且在本平台的数据主管部门）/ register an organization (the data authority of its region or of a region above it, on this platform)',
  })
  async createOrganization(@Ctx() ctx: SubgraphContext, @Arg('input') input: CreateOrganizationInput): Promise<Organization> {
    const actor = requireActor(ctx);
    assertKnownRegion(input.regionCode, 'input.regionCode');
    if (!canRegisterOrganization(actor, ctx.node, input.regionCode)) {
      throw forbidden(
        `登记机构：仅限 ${input.regionCode} 或其上级区域、且在本平台的数据主管部门 / only the data authority of ${input.regionCode} or of a region above it, on this platform, may register organizations there`,
      );
    }
    if (!ctx.node.regions.includes(input.regionCode)) {
      throw badInput(`行政区划 ${input.regionCode} 不由本平台承载 / region ${input.regionCode} is not hosted by this platform`, 'input.regionCode');
    }
    const name = input.name.trim();
    if (!name) throw badInput('名称不能为空 / name is required', 'input.name');
    const check = validateCreditCode(input.creditCode);
    if (!check.ok) throw badInput(check.reason, 'input.creditCode');
    const here = await ctx.em.findOne(Organization, { creditCode: input.creditCode }, { fields: ['id'] });
    const holder = here?.id ?? (await registeredElsewhere(ctx.peers, input.creditCode));
    if (holder) throw creditCodeTaken(input.creditCode, holder);
    return mutate(ctx, 'catalog', async (em) => {
      const owned = newOwned(input.regionCode);
      await claimForRegistration(em, ctx.peers, { creditCode: input.creditCode, organizationId: owned.id, nodeId: ctx.node.id });
      const org = em.create(Organization, {
        ...owned,
        name,
        creditCode: input.creditCode,
        kind: input.kind,
      });
      return {
        result: org,
        audit: { action: 'organization.create', entityType: 'Organization', entityId: owned.id, data: { name, creditCode: input.creditCode, kind: input.kind } },
      };
    });
  }
}
