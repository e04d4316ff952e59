import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { isAnonymous } from '../../../schema/auth.js';
import { parseId } from '../../../schema/ids.js';
import type { AuditChange } from '../../../schema/audit-actions.js';
import { hasRole } from '../../kit/rules/access.js';
import { blank } from '../../kit/rules/validation.js';
import { writeAudit } from '../../kit/server/audit.js';
import { requireActor, type SubgraphContext } from '../../kit/server/context.js';
import { badInput, forbidden, notFound, unauthenticated } from '../../kit/server/errors.js';
import { Bound, FreeText } from '../../kit/server/input-bounds.js';
import { assertKnownIdRegion } from '../../kit/server/pagination.js';
import { canReadRecordsFor, canSeeResource, readsOwnRecords } from '../access.js';
import { DataResource, type DataItem } from '../resource.entity.js';
import { itemsLoader } from '../resource.loader.js';
import { compileFilters, RecordFilterInput } from './filter.js';
import { DEFAULT_RECORDS_PER_REQUEST, readBudget, recordPageSize } from './limits.js';
import { recordPage, type ServedItem } from './page.js';
import { DataRecordConnection } from './read.types.js';

/** sharing/grant-use.route.ts and opening/open-access.route.ts answer these (kept as plain shapes: a subgraph never imports another's code). */
interface GrantReadAnswer {
  allowed: boolean;
  grantId: string | null;
  itemNames: string[];
  denial: string | null;
  reason: string | null;
}
interface OpenAccessAnswer {
  allowed: boolean;
  decision: string;
  message: string;
  agreementId: string | null;
  resourceId: string | null;
  openAttribute: string | null;
}
interface UsesRecorded {
  recorded: number;
  problems: { message: string }[];
}

const entryId = (id: string, field: string) => {
  assertKnownIdRegion(id, field);
  if (!parseId(id)) throw badInput(`"${id}" 不是本接口返回的ID / "${id}" is not an ID this API returned`, field);
};

const served = (item: DataItem, masked: boolean): ServedItem => ({
  name: item.name,
  dataType: item.dataType,
  identifier: item.identifier,
  personalInfo: item.personalInfo,
  masked,
});

/** Writes one read's audit event in its own transaction: the rows are not returned unless it is written [SEC-2]. */
async function auditRead(ctx: SubgraphContext, event: AuditChange<'catalog'>): Promise<void> {
  await ctx.em.fork().transactional((tx) => writeAudit(tx, ctx.audit, ctx.actor, event));
}

@Resolver()
export class RecordReadResolver {
  @Query(() => DataRecordConnection, {
    description:
      '经共享授权读取目录条目的数据记录（路由到条目所在平台）。仅该部门的工作人员可读；提供部门读取本部门数据无需授权、不脱敏。其他部门须持有该应用场景下有效的授权（每次读取时向共享服务核验，暂停、撤销、过期、处置即刻生效；条目停用或不予共享时拒绝）。' +
      'items 省略时返回授权所含的全部信息项；列出的非个人信息项须在授权内，否则拒绝（FORBIDDEN，denial ITEMS_NOT_GRANTED）；列出的个人信息项若不在授权内则脱敏返回（标识符保留前四位和后四位，其余整体遮盖为 ******），在授权内则明文返回。' +
      `只能按明文返回的信息项筛选。按（版本、行号）键集分页，每次至多 500 条；每位调用者每分钟的读取次数有上限（RATE_LIMITED）。每次读取记入审计日志（读取人、部门、授权、信息项、行数）并计入该授权的使用次数 / ` +
      "read records of a catalog entry under a share grant (routed to the entry's platform). Only the organization's own staff read; the provider reads its own data without a grant, unmasked. Another organization needs a grant in force for the scenario, checked with sharing at every read (a suspension, revocation, lapse or sanction stops the next read; a retired or NOT_SHARED entry is refused). " +
      'Without items, every item the grant covers is served; named non-personal items must be in the grant (else FORBIDDEN, denial ITEMS_NOT_GRANTED); a named personal-information item outside the grant is served masked (an identifier keeps its first and last four characters, anything else reads ******), one the grant names is served in clear [SEC-3]. ' +
      'Filters apply to items served in clear only. Keyset paging in (version, row) order, at most 500 records a request; reads per caller and minute are limited (RATE_LIMITED). Every read is audited (who, organization, grant, items, rows) and counted for the grant [SHR-5, SHR-11, SEC-1, SEC-2, SEC-3, B §26, B §28, B §49]',
  })
  async entryRecords(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: '目录条目ID（据此路由到条目所在平台）/ the catalog entry (routes the read to its platform)' }) id: string,
    @Arg('organizationId', () => ID, { description: '读取数据的部门（调用者须为其工作人员）/ the organization reading (the caller must be its staff)' }) organizationId: string,
    @Arg('scenario', { description: '应用场景（须与授权一致）/ the scenario, as granted' }) @FreeText scenario: string,
    @Arg('items', () => [String], {
      nullable: true,
      description: '要读取的信息项（至多500个）；省略时为授权所含全部信息项 / the items to read (at most 500); all the grant covers when omitted',
    })
    @Bound({ kind: 'line', max: 200, maxItems: 500 })
    items: string[] | null | undefined,
    @Arg('filter', () => [RecordFilterInput], {
      nullable: true,
      description: '筛选条件（至多20个），只能针对明文返回的信息项 / conditions (at most 20), on items served in clear only',
    })
    filter: RecordFilterInput[] | null | undefined,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_RECORDS_PER_REQUEST, description: '每页条数，1-500，默认20 / records per page, 1-500, default 20' }) first:
      | number
      | null
      | undefined,
    @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor / the endCursor of the previous page' }) after: string | null | undefined,
  ): Promise<DataRecordConnection> {
    const actor = requireActor(ctx);
    entryId(id, 'id');
    entryId(organizationId, 'organizationId');
    const size = recordPageSize(first);
    if (blank(scenario)) throw badInput('必须说明应用场景 / scenario is required: the scenario the grant was given for [B §26]', 'scenario');
    if (!canReadRecordsFor(actor, organizationId)) {
      throw forbidden(
        '只有该部门的工作人员可以为其读取数据；审计人员查阅读取记录（审计日志），不读取数据 / only staff of the organization read data for it; auditors read the audit log of reads, not the data [SEC-1, SEC-2]',
      );
    }
    readBudget.take(ctx.node.id, actor, ctx.settings.recordReadsPerMinute);
    const r = await ctx.em.findOne(DataResource, { id });
    if (!r || !canSeeResource(actor, ctx.node, r)) throw notFound('目录条目 / catalog entry', id);
    const entryItems = await itemsLoader(ctx).load(id);
    const byName = new Map(entryItems.map((i) => [i.name, i]));
    const asked = items ? [...new Set(items.map((n) => n.trim()))] : null;
    asked?.forEach((n, i) => {
      if (!byName.has(n)) throw badInput(`条目没有信息项"${n}" / the entry has no item "${n}"`, `items[${i}]`);
    });
    if (asked?.length === 0) throw badInput('items 不能为空列表；省略则读取授权所含全部信息项 / items cannot be empty: leave it out to read every item the grant covers', 'items');
    let servedItems: ServedItem[];
    let grantId: string | null = null;
    if (readsOwnRecords(r, organizationId)) {
      servedItems = (asked ? asked.map((n) => byName.get(n)!) : entryItems).map((i) => served(i, false));
    } else {
      if (r.status !== 'PUBLISHED')
        throw forbidden('目录条目已停用，不再提供数据 / the catalog entry is retired: its data is no longer served [CAT-5, B §49]', { reason: 'ENTRY_RETIRED' });
      if (r.shareAttribute === 'NOT_SHARED') throw forbidden('目录条目不予共享 / the catalog entry is NOT_SHARED [SHR-2, B §24]', { reason: 'NOT_SHARED' });
      // Personal items outside the grant come masked rather than refused; all others must be in it [SEC-3].
      const check = await ctx.peers.internal<GrantReadAnswer>(ctx.node, 'sharing', 'grant-read', {
        resourceId: id,
        organizationId,
        scenario: scenario.trim(),
        itemNames: asked ? asked.filter((n) => !byName.get(n)!.personalInfo) : null,
      });
      if (!check.allowed) throw forbidden(check.reason ?? '没有有效的授权 / no grant in force', { denial: check.denial, grantId: check.grantId });
      grantId = check.grantId;
      const covered = new Set(check.itemNames);
      servedItems = asked
        ? asked.map((n) => byName.get(n)!).map((i) => served(i, i.personalInfo && !covered.has(i.name)))
        : entryItems.filter((i) => covered.has(i.name)).map((i) => served(i, false));
    }
    const compiled = compileFilters(
      filter,
      servedItems.filter((i) => !i.masked),
    );
    const page = await recordPage(ctx.em, id, { served: servedItems, filter: compiled, first: size, after, grantId });
    await auditRead(ctx, {
      action: 'dataRecords.read',
      entityType: 'DataResource',
      entityId: id,
      data: {
        organizationId,
        grantId,
        scenario: grantId ? scenario.trim() : null,
        items: servedItems.map((i) => i.name),
        masked: servedItems.filter((i) => i.masked).map((i) => i.name),
        filters: filter?.length ?? 0,
        rows: page.edges.length,
      },
    });
    if (grantId) await ctx.peers.internal(ctx.node, 'sharing', 'grant-uses', { grantId, rows: page.edges.length });
    return page;
  }

  @Query(() => DataRecordConnection, {
    description:
      '按接口读取开放数据集的记录（路由到数据集所在平台）。无条件开放的数据集任何人可读，无需登录；受限开放的数据集仅限持有期限内有效的开放利用协议的公共数据利用主体（USER 令牌），每次调用记入其协议的利用记录。' +
      '开放数据集提供其目录条目的全部信息项，但个人信息项一律不提供（不出现在结果中，也不能用于筛选）。条目停用或改为禁止开放、数据集暂停、协议暂停或终止即刻生效。每次调用计入数据集的接口调用次数；分页与上限同 entryRecords / ' +
      "read an open dataset's records by API (routed to the dataset's platform). UNCONDITIONAL datasets: anyone, signed out too. RESTRICTED ones: a public data user (USER token) holding an agreement in force on the dataset; each call is recorded against its agreement. " +
      'An open dataset serves every item of its catalog entry except personal-information items, which are never served on open data (left out of the answer, and not filterable). A retired or PROHIBITED entry, a suspended dataset, a suspended or terminated agreement stop the next call. Each call counts as an API call of the dataset; paging and limits as entryRecords [OPN-2, OPN-7, OPN-9, SEC-3, Z §20, Z §27, Z §28, Z §39]',
  })
  async openDatasetRecords(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: '开放数据集ID（据此路由到数据集所在平台）/ the open dataset (routes the call to its platform)' }) id: string,
    @Arg('filter', () => [RecordFilterInput], { nullable: true, description: '筛选条件（至多20个）/ conditions (at most 20)' }) filter: RecordFilterInput[] | null | undefined,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_RECORDS_PER_REQUEST, description: '每页条数，1-500，默认20 / records per page, 1-500, default 20' }) first:
      | number
      | null
      | undefined,
    @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor / the endCursor of the previous page' }) after: string | null | undefined,
  ): Promise<DataRecordConnection> {
    const actor = ctx.actor;
    entryId(id, 'id');
    const size = recordPageSize(first);
    readBudget.take(ctx.node.id, actor, ctx.settings.recordReadsPerMinute);
    const userAccount = hasRole(actor, 'USER') ? (actor.account ?? null) : null;
    const access = await ctx.peers.internal<OpenAccessAnswer>(ctx.node, 'opening', 'open-access', { datasetId: id, method: 'API', userAccount });
    if (!access.allowed) {
      if (access.decision === 'NOT_OPEN') throw notFound('开放数据集 / open dataset', id);
      if (access.decision === 'NO_AGREEMENT' && isAnonymous(actor)) {
        throw unauthenticated(
          '受限开放数据须以公共数据利用主体身份登录，并持有开放利用协议 / RESTRICTED data: sign in as a public data user holding an agreement on it [Z §15-17]',
        );
      }
      throw forbidden(access.message, { decision: access.decision });
    }
    const r = access.resourceId ? await ctx.em.findOne(DataResource, { id: access.resourceId }) : null;
    // The entry decides at once, before opening's copy of it follows the catalog's event [Z §35].
    if (r?.status !== 'PUBLISHED' || r.openAttribute === 'PROHIBITED') {
      throw forbidden('数据集的目录条目已停用或禁止开放，不再提供数据 / the dataset’s catalog entry is retired or PROHIBITED: its data is no longer served [Z §35]', {
        reason: 'ENTRY_CLOSED',
      });
    }
    const restricted = access.openAttribute === 'RESTRICTED' || r.openAttribute === 'RESTRICTED';
    if (restricted && !access.agreementId) {
      if (isAnonymous(actor)) throw unauthenticated('受限开放数据须以公共数据利用主体身份登录 / RESTRICTED data: sign in as a public data user [Z §15-17]');
      throw forbidden('受限开放数据须持有开放利用协议 / RESTRICTED data needs an agreement in force [Z §15-17]', { decision: 'NO_AGREEMENT' });
    }
    const servedItems = (await itemsLoader(ctx).load(r.id)).filter((i) => !i.personalInfo).map((i) => served(i, false));
    const compiled = compileFilters(filter, servedItems);
    const page = await recordPage(ctx.em, r.id, { served: servedItems, filter: compiled, first: size, after, grantId: null });
    const rows = page.edges.length;
    if (restricted) {
      const recorded = await ctx.peers.internal<UsesRecorded>(ctx.node, 'opening', 'open-data-uses', {
        uses: [{ agreementId: access.agreementId, datasetId: id, method: 'API', operation: 'openDatasetRecords', rowsReturned: rows, usedAt: new Date().toISOString() }],
      });
      // The agreement was suspended or ended between the check and the record: the rows are not served.
      if (recorded.recorded !== 1) throw forbidden(recorded.problems[0]?.message ?? '利用记录被拒绝 / the use could not be recorded', { decision: 'USE_NOT_RECORDED' });
      await auditRead(ctx, {
        action: 'openDataRecords.read',
        entityType: 'DataResource',
        entityId: r.id,
        data: { datasetId: id, agreementId: access.agreementId!, items: servedItems.map((i) => i.name), masked: [], filters: filter?.length ?? 0, rows },
      });
    }
    await ctx.peers.internal(ctx.node, 'opening', 'open-data-counts', { datasetId: id, method: 'API', rows });
    return page;
  }
}
