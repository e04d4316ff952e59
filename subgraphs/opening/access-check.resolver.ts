import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { parseId } from '../../schema/ids.js';
import { actsAsAccount, hasRole } from '../kit/rules/access.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { forbidden } from '../kit/server/errors.js';
import { Bound } from '../kit/server/input-bounds.js';
import { assertKnownIdRegion } from '../kit/server/pagination.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { canSeeDataset, holderFilter } from './access.js';
import { OpenDataAgreement } from './application.entity.js';
import { judgeAccess, offersOf, type DecidingAgreement } from './access-method.rules.js';
import { decidingAgreement } from './sanction.rules.js';
import { OpenAccessCheck, OpenAccessCheckInput, OpenAccessOffer } from './access-check.types.js';
import { OpenDataset } from './dataset.entity.js';
import { datasetLoader } from './dataset.loader.js';

/**
 * The agreement deciding each "dataset account" of `checks`: one in force today, else one
 * suspended or terminated under Z §39 (sanction.rules.ts `decidingAgreement`). One statement for
 * the batch.
 */
export async function decidingAgreements(
  ctx: Pick<SubgraphContext, 'em'>,
  checks: Pick<OpenAccessCheckInput, 'datasetId' | 'userAccount'>[],
): Promise<Map<string, DecidingAgreement>> {
  if (checks.length === 0) return new Map();
  const today = todayInChina();
  const rows = await ctx.em.find(OpenDataAgreement, {
    $and: [
      { datasetId: { $in: [...new Set(checks.map((c) => c.datasetId))] }, holderAccount: { $in: [...new Set(checks.map((c) => c.userAccount))] } },
      { $or: [holderFilter(today), { storedStatus: { $in: ['SUSPENDED', 'TERMINATED'] } }] },
    ],
  });
  const byKey = new Map<string, OpenDataAgreement[]>();
  for (const g of rows) byKey.set(`${g.datasetId} ${g.holderAccount}`, [...(byKey.get(`${g.datasetId} ${g.holderAccount}`) ?? []), g]);
  const deciding = new Map<string, DecidingAgreement>();
  for (const [key, list] of byKey) {
    const g = decidingAgreement(list, today);
    if (g) deciding.set(key, g);
  }
  return deciding;
}

@Resolver(() => OpenDataset)
export class OpenAccessResolver {
  @FieldResolver(() => [OpenAccessOffer], {
    description:
      '开放方式及各自条件：受限开放数据不提供下载，算法模型结果须经审查 / how the dataset is offered and on what terms: RESTRICTED data never by download, MODEL results reviewed before release [OPN-2, Z §20, Z §27, B §32]',
  })
  offers(@Root() d: OpenDataset): OpenAccessOffer[] {
    return offersOf(d);
  }

  @Query(() => [OpenAccessCheck], {
    description:
      '批量核验（供数据服务调用）：每项回答某用户此刻能否以某方式使用某开放数据集、原因及（受限数据的）协议。每个平台回答其数据集的各项，数据集和协议各一批一次查询；受限开放数据须该用户持有期限内有效的开放利用协议，并返回协议ID。因违规暂停或终止的协议答 AGREEMENT_SUSPENDED 或 AGREEMENT_TERMINATED。公众用户只能核验本人账号 / batched checks for the data plane: for each, may the user use the dataset this way now, why, and (for RESTRICTED data) under which agreement. Each platform answers the checks of its own datasets, with one statement for the datasets and one for the agreements per batch; RESTRICTED data needs an agreement in force held by the user, whose ID the answer carries; one suspended or terminated for a violation answers AGREEMENT_SUSPENDED or AGREEMENT_TERMINATED. A public user checks only its own account [OPN-2, Z §20, Z §27, Z §15-17, Z §39]',
  })
  async openAccessChecks(
    @Ctx() ctx: SubgraphContext,
    @Arg('checks', () => [OpenAccessCheckInput], { description: '至多100项 / at most 100 checks' }) @Bound({ maxItems: 100 }) checks: OpenAccessCheckInput[],
  ): Promise<OpenAccessCheck[]> {
    const actor = requireActor(ctx);
    for (const [i, c] of checks.entries()) assertKnownIdRegion(c.datasetId, `checks.${i}.datasetId`);
    if (hasRole(actor, 'USER') && !hasRole(actor, 'AUTHORITY') && checks.some((c) => !actsAsAccount(actor, c.userAccount))) {
      throw forbidden('公众用户只能核验本人账号 / a public data user may check only its own account (userAccount)');
    }
    // The gateway sends the batch to every platform; each answers the checks of the datasets it holds (a malformed ID: the city's).
    const mine = checks.filter((c) => (parseId(c.datasetId) ? ctx.peers.nodeOfId(c.datasetId) : ctx.peers.root)?.name === ctx.node.name);
    const rows = await datasetLoader(ctx).loadMany(mine.filter((c) => parseId(c.datasetId)).map((c) => c.datasetId));
    const byId = new Map(rows.flatMap((r) => (r && !(r instanceof Error) ? [[r.id, r] as const] : [])));
    const agreements = await decidingAgreements(
      ctx,
      mine.filter((c) => byId.get(c.datasetId)?.openAttribute === 'RESTRICTED'),
    );
    return mine.map((c) => {
      const d = byId.get(c.datasetId) ?? null;
      const visible = d && canSeeDataset(actor, ctx.node, d) ? d : null;
      const j = judgeAccess(visible, c.method, agreements.get(`${c.datasetId} ${c.userAccount}`) ?? null);
      return Object.assign(new OpenAccessCheck(), {
        datasetId: c.datasetId,
        method: c.method,
        userAccount: c.userAccount,
        allowed: j.allowed,
        decision: j.decision,
        message: j.message,
        agreementId: j.agreementId,
        resourceId: visible?.resourceId ?? null,
        offer: j.offer,
      });
    });
  }
}
