import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../kit/server/context.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { Operator } from './operator.entity.js';
import { currentOperatorLoader } from './operator.loader.js';
import { canSeeOperator } from './access.js';
import { OrganizationRef } from './foreign.js';

@Resolver(() => OrganizationRef)
export class OrganizationOperatorResolver {
  @FieldResolver(() => Operator, {
    nullable: true,
    description:
      "该机构在其所在平台的当前授权运营情况：期限内未撤回的授权，否则最近一份；匿名用户仅在授权有效时可见 / the organization's current operator authorization on its platform: the non-revoked one in force, else the latest; anonymous callers see it only while in force",
  })
  async operator(@Ctx() ctx: SubgraphContext, @Root() org: OrganizationRef): Promise<Operator | null> {
    const op = await currentOperatorLoader(ctx).load(org.id);
    return op && canSeeOperator(ctx.actor, op, todayInChina()) ? op : null;
  }
}
