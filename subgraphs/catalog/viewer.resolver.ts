import { Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { isAnonymous, ROLES, type Actor, type Role } from '../../schema/auth.js';
import { getRegion } from '../../schema/regions.js';
import { actsOn, overseenRegions } from '../kit/rules/access.js';
import type { SubgraphContext } from '../kit/server/context.js';
import { Organization } from './organization.entity.js';
import { organizationLoader } from './organization.loader.js';
import { Region } from './region.type.js';
import { defineEnum } from '../kit/server/enums.js';

export const RoleEnum = defineEnum(ROLES, {
  name: 'Role',
  description: '调用者的角色 / a role a caller holds',
  valuesConfig: {
    AUTHORITY: {
      description:
        '数据主管部门：管理本区域及下级区域在本平台的数据，监督其他平台上的下级区域 / data authority: acts on its region and the regions below it on its own platform, supervises those on other platforms',
    },
    AGENCY: { description: '部门工作人员：代表本机构 / agency staff: act for their own organization' },
    OPERATOR: { description: '授权运营单位工作人员 / staff of an authorized operator' },
    AUDITOR: { description: '审计人员：查阅本区域及下级区域的数据和审计日志 / auditor: reads the data and audit log of its region and the regions below it' },
    SYSTEM: { description: '系统（平台内部处理）/ the platform itself (internal processing)' },
  },
});

@ObjectType('Viewer', {
  description:
    '调用者本人：账号、角色、所属机构和行政区划；未登录时为公众（signedIn 为 false，其余为空）/ the caller: account, roles, organization and regions; the public when not signed in (signedIn false, the rest empty)',
})
export class Viewer {
  actor!: Actor;

  @Field({ description: '是否已登录 / whether the caller is signed in' })
  signedIn!: boolean;

  @Field(() => String, { nullable: true, description: '账号（令牌的 sub）；公众为空 / the account (the token subject); null for the public' })
  subject!: string | null;

  @Field(() => [RoleEnum], { description: '角色；公众没有角色 / roles; none for the public' })
  roles!: Role[];
}

const regionsOf = (codes: string[]) => codes.map((code) => Region.from(getRegion(code)!));

/**
 * Who the caller is, for a client to shape its screens. The gateway sends `viewer` to the platform
 * of the caller's own region only (schema/routing.ts, CALLER_FIELDS): the regions an authority acts
 * on are those below it that this platform hosts.
 */
@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { description: '调用者本人（未登录时为公众）/ the caller (the public when not signed in)' })
  viewer(@Ctx() ctx: SubgraphContext): Viewer {
    const actor = ctx.actor;
    return Object.assign(new Viewer(), { actor, signedIn: !isAnonymous(actor), subject: isAnonymous(actor) ? null : actor.sub, roles: actor.roles });
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: '调用者所属机构；数据主管部门、审计人员可能没有，公众为空 / the organization the caller belongs to; authorities and auditors may have none; null for the public',
  })
  organization(@Ctx() ctx: SubgraphContext, @Root() v: Viewer): Promise<Organization | null> | null {
    return v.actor.orgId ? organizationLoader(ctx).load(v.actor.orgId) : null;
  }

  @FieldResolver(() => Region, { nullable: true, description: '调用者所属行政区划；公众为空 / the region the caller belongs to; null for the public' })
  region(@Root() v: Viewer): Region | null {
    const info = v.actor.region ? getRegion(v.actor.region) : undefined;
    return info ? Region.from(info) : null;
  }

  @FieldResolver(() => [Region], {
    description:
      "调用者可查阅全部数据的行政区划：数据主管部门为本区域及全部下级区域（本平台的由其管理，其他平台的由其监督），审计人员为本区域及全部下级区域；部门工作人员、运营单位和公众为空（只看本机构的和公开的数据）。上级在前 / the regions whose data the caller reads in full: for an authority its region and every region below it (acting on those its own platform hosts, supervising those on other platforms), for an auditor its region and every region below it; empty for agency staff, operators and the public, who see their own organization's data and public data. Higher levels first",
  })
  regions(@Ctx() ctx: SubgraphContext, @Root() v: Viewer): Region[] {
    return regionsOf(overseenRegions(v.actor, ctx.node));
  }

  @FieldResolver(() => [Region], {
    description:
      '调用者作为数据主管部门可以审核、登记和决定的行政区划：本区域及本平台承载的下级区域；其他角色为空 / the regions where the caller, as a data authority, reviews, registers and decides: its region and the regions below it that its own platform hosts; empty for every other role',
  })
  actingRegions(@Ctx() ctx: SubgraphContext, @Root() v: Viewer): Region[] {
    return regionsOf(ctx.node.regions.filter((code) => actsOn(v.actor, ctx.node, code)));
  }
}
