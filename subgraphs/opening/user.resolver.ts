import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { parseId } from '../../schema/ids.js';
import { getRegion } from '../../schema/regions.js';
import { readOf } from '../kit/server/audit.js';
import type { SubgraphContext } from '../kit/server/context.js';
import { badInput, conflict } from '../kit/server/errors.js';
import { Bound } from '../kit/server/input-bounds.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownRegion } from '../kit/server/pagination.js';
import { canSeeUser } from './access.js';
import { OpenDataUserKindEnum, type OpenDataUserKind } from './enums.js';
import { OpenDataUser } from './user.entity.js';
import { checkIdentifier, identifierHash, maskIdentifier, requiredLine } from './user.rules.js';

@InputType({ description: '登记为公共数据利用主体 / registration as a public data user [B §3, Z §16]' })
export class RegisterOpenDataUserInput {
  @Field({ description: '登记所在的行政区划（决定在哪个平台登记）/ the region to register in; it decides the platform that keeps the record' })
  @Bound({ kind: 'code', max: 12 })
  regionCode!: string;

  @Field({ description: '姓名或名称 / name' })
  @Bound({ kind: 'line', max: 100 })
  name!: string;

  @Field(() => OpenDataUserKindEnum, { description: '主体类型 / kind' })
  kind!: OpenDataUserKind;

  @Field({
    description:
      '自然人填公民身份号码（GB 11643，18位，末位为校验码），法人和非法人组织填统一社会信用代码（GB 32100）/ a natural person gives its citizen ID number (GB 11643, 18 characters ending in the check character), an organization its unified social credit code (GB 32100)',
  })
  @Bound({ kind: 'code', max: 32 })
  idNumber!: string;

  @Field({ description: '联系方式（电话或邮箱）/ contact: phone or e-mail' })
  @Bound({ kind: 'line', max: 100 })
  contact!: string;
}

@Resolver(() => OpenDataUser)
export class OpenDataUserResolver {
  @Query(() => OpenDataUser, {
    nullable: true,
    description:
      '按ID（账号）查询利用主体：本人（令牌账号即此ID）、所在区域的数据主管部门和审计人员可见，其他人为空 / a public data user by ID (its account): the user itself (its token’s account), the authorities of its region and auditors; null for anyone else [B §3, Z §16]',
  })
  async openDataUser(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<OpenDataUser | null> {
    const u = parseId(id) ? await ctx.em.findOne(OpenDataUser, { id }) : null;
    return u && canSeeUser(ctx.actor, ctx.node, u) ? readOf(ctx, 'OpenDataUser', u) : null;
  }

  @FieldResolver(() => String, { description: '登记所在的行政区划代码 / the region the user registered in' })
  regionCode(@Root() u: OpenDataUser): string {
    return u.regionCode;
  }

  @Mutation(() => OpenDataUser, {
    description:
      '登记为公共数据利用主体：任何人（无需登录）可登记；自然人凭公民身份号码，法人和非法人组织凭统一社会信用代码；同一证件在一个平台只能登记一次。返回的ID即 USER 令牌的账号（acct）/ register as a public data user: anyone, signed in or not; a natural person with its citizen ID number, an organization with its credit code; one identifier registers once per platform. The returned ID is the account (acct) a USER token carries [B §3, Z §16]',
  })
  async registerOpenDataUser(@Ctx() ctx: SubgraphContext, @Arg('input') input: RegisterOpenDataUserInput): Promise<OpenDataUser> {
    assertKnownRegion(input.regionCode, 'input.regionCode');
    if (!ctx.node.regions.includes(input.regionCode)) {
      const name = getRegion(input.regionCode)?.name ?? input.regionCode;
      throw badInput(
        `${name}（${input.regionCode}）不是本联邦平台所辖的区域，请选择平台所辖的市、县（市、区）登记 / ${input.regionCode} is not a region a platform of this federation hosts: register in a region it hosts, such as 331100`,
        'input.regionCode',
      );
    }
    const name = requiredLine(input.name, 'input.name', '姓名或名称', 'the name');
    const contact = requiredLine(input.contact, 'input.contact', '联系方式', 'the contact');
    const id = checkIdentifier(input.kind, input.idNumber);
    const hash = identifierHash(id);
    if (await ctx.em.count(OpenDataUser, { identifierHash: hash })) {
      throw conflict(
        '该证件号码已在本平台登记为利用主体，请使用已登记的账号 / this identifier is already registered as a public data user on this platform: use the account registered with it [Z §16]',
      );
    }
    return mutate(ctx, 'opening', async (em) => {
      const owned = newOwned(input.regionCode);
      const u = em.create(OpenDataUser, {
        ...owned,
        name,
        kind: input.kind,
        identifierHash: hash,
        identifierMasked: maskIdentifier(id),
        contact,
        status: 'ACTIVE',
        updatedAt: owned.createdAt,
      });
      return {
        result: u,
        audit: { action: 'openDataUser.register', entityType: 'OpenDataUser', entityId: u.id, data: { kind: input.kind, regionCode: input.regionCode } },
      };
    });
  }
}
