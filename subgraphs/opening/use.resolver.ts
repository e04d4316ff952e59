import type { FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { parseId } from '../../schema/ids.js';
import { readsOf, recordRead } from '../kit/server/audit.js';
import type { SubgraphContext } from '../kit/server/context.js';
import { badInput } from '../kit/server/errors.js';
import { assertKnownIdRegion, connectionType, listPage, PageArgs, RegionScopeInput, type Page } from '../kit/server/pagination.js';
import { canSeeAgreement, canSeeDataset, canSeeUseCounts, dataUseFilter } from './access.js';
import { OpenDataAgreement } from './application.entity.js';
import { OpenDataset } from './dataset.entity.js';
import { datasetLoader } from './dataset.loader.js';
import type { OpenAccessMethod } from './enums.js';
import { OrganizationRef } from './foreign.js';
import { OpenDataUse, OpenDataUseCount } from './use.entity.js';

const OpenDataUseConnection = connectionType(
  OpenDataUse,
  'OpenDataUse',
  '受限开放数据利用记录列表（跨平台合并，最新在前）/ a page of use records of restricted open data, merged across platforms, newest first',
);

/** One statement for the use counts of every agreement a response shows. */
const agreementUseCountLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, number>('openDataUseCount', async (ids) => {
    const rows = await ctx.em
      .getConnection()
      .execute<{ agreement_id: string; n: number }[]>(
        `select agreement_id, count(*)::int as n from "opening"."open_data_use" where agreement_id in (${ids.map(() => '?').join(', ')}) group by agreement_id`,
        [...ids],
      );
    const n = new Map(rows.map((r) => [r.agreement_id, r.n]));
    return ids.map((id) => n.get(id) ?? 0);
  });

/** One statement for the per-method counts of every dataset a response shows. */
const methodCountLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, OpenDataUseCount[]>('openDataUseCountByMethod', async (ids) => {
    const rows = await ctx.em.getConnection().execute<{ dataset_id: string; method: OpenAccessMethod; uses: number; rows: string }[]>(
      `select dataset_id, method, count(*)::int as uses, sum(rows_returned)::text as rows from "opening"."open_data_use"
          where dataset_id in (${ids.map(() => '?').join(', ')}) group by dataset_id, method order by method`,
      [...ids],
    );
    return ids.map((id) => rows.filter((r) => r.dataset_id === id).map((r) => ({ method: r.method, uses: r.uses, rowsReturned: Number(r.rows) })));
  });

const idFilter = (id: string | null | undefined, field: string): string | null => {
  if (id == null) return null;
  assertKnownIdRegion(id, field);
  if (!parseId(id)) throw badInput(`${field} "${id}" 不是本接口返回的ID / ${field} "${id}" is not an ID this API returned`, field);
  return id;
};

@Resolver(() => OpenDataUse)
export class OpenDataUseResolver {
  @Query(() => OpenDataUseConnection, {
    description:
      '受限开放数据利用记录：开放主体看到本机构数据的，数据主管部门和审计人员看到所辖区域的，利用主体看到本人的；可按协议或数据集筛选 / use records of restricted open data: the opening agency sees those of its data, authorities and auditors those of their regions, a user its own; filtered by agreement or dataset [OPN-7, Z §28, Z §34 (四)]',
  })
  async openDataUses(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('agreementId', () => ID, { nullable: true, description: '只列出该协议下的利用 / only uses under this agreement' }) agreementId?: string | null,
    @Arg('datasetId', () => ID, { nullable: true, description: '只列出该数据集的利用 / only uses of this dataset' }) datasetId?: string | null,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
  ): Promise<Page<OpenDataUse>> {
    const where: FilterQuery<OpenDataUse>[] = [];
    const byAgreement = idFilter(agreementId, 'agreementId');
    const byDataset = idFilter(datasetId, 'datasetId');
    if (byAgreement) where.push({ agreementId: byAgreement });
    if (byDataset) where.push({ datasetId: byDataset });
    return readsOf(ctx, 'OpenDataUse', await listPage(ctx, OpenDataUse, { visible: dataUseFilter(ctx.actor, ctx.node), scope, where, page }));
  }

  @FieldResolver(() => ID, { description: '依据的开放利用协议 / the agreement the use rests on [Z §17]' })
  agreementId(@Root() u: OpenDataUse): string {
    return u.agreementId;
  }

  @FieldResolver(() => OpenDataset, { nullable: true, description: '所用的数据集（调用者看不到时为空）/ the dataset used (null when the caller may not see it)' })
  async dataset(@Ctx() ctx: SubgraphContext, @Root() u: OpenDataUse): Promise<OpenDataset | null> {
    const d = await datasetLoader(ctx).load(u.datasetId);
    return d && canSeeDataset(ctx.actor, ctx.node, d) ? d : null;
  }

  @FieldResolver(() => OrganizationRef, { description: '开放主体（提供部门）/ the opening agency (provider)' })
  provider(@Root() u: OpenDataUse): OrganizationRef {
    return { id: u.providerId };
  }

  @FieldResolver(() => Date, { description: '记录时间 / when it was recorded' })
  recordedAt(@Root() u: OpenDataUse): Date {
    return u.createdAt;
  }
}

@Resolver(() => OpenDataAgreement)
export class OpenDataAgreementUseResolver {
  @FieldResolver(() => Int, { description: '该协议下记录的利用次数 / uses recorded under this agreement [OPN-7, Z §28]' })
  useCount(@Ctx() ctx: SubgraphContext, @Root() g: OpenDataAgreement): Promise<number> | number {
    // The parent was shown only to those who may see the agreement; nested under another's type, check again.
    if (!canSeeAgreement(ctx.actor, ctx.node, g)) return 0;
    return agreementUseCountLoader(ctx).load(g.id);
  }
}

@Resolver(() => OpenDataset)
export class OpenDatasetUseResolver {
  @FieldResolver(() => [OpenDataUseCount], {
    nullable: true,
    description:
      '受限开放数据按利用方式的利用次数和返回行数：开放主体和监管其区域的部门可见，其他人为空 / uses of the restricted data and rows returned, per method: the opening agency and those overseeing the region; null for anyone else [OPN-7, Z §28]',
  })
  useCounts(@Ctx() ctx: SubgraphContext, @Root() d: OpenDataset): Promise<OpenDataUseCount[]> | null {
    if (!canSeeUseCounts(ctx.actor, ctx.node, d)) return null;
    recordRead(ctx, 'OpenDataUseCount', d.id, d.regionCode);
    return methodCountLoader(ctx).load(d.id);
  }
}
