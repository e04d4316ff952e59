import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { newId, parseId, regionOf } from '../../../schema/ids.js';
import { runScopeOfIds } from '../../../schema/aggregate-run.js';
import { resolvePolicy } from '../../kit/rules/policy.js';
import { recordRead } from '../../kit/server/audit.js';
import { requireActor, type SubgraphContext } from '../../kit/server/context.js';
import { badInput, conflict, forbidden, notFound } from '../../kit/server/errors.js';
import { FreeText } from '../../kit/server/input-bounds.js';
import { mutate } from '../../kit/server/mutation.js';
import { assertKnownIdRegion } from '../../kit/server/pagination.js';
import { canReviewAggregateRun, canRunAggregate, canSeeAggregateRun, canSeeResource, isAggregateRequester } from '../access.js';
import { DataItem, DataResource } from '../resource.entity.js';
import { type AggregateItem, compileAggregate } from './aggregate.js';
import { type AggregateBasis, AggregateRun, type StoredPartialGroup } from './aggregate.entity.js';
import { AggregateBasisInput, AggregatePartial, AggregateResult, SubmitAggregateRunInput } from './aggregate.types.js';
import { baseVersion } from './store.js';

/**
 * "Usable but invisible" [D §15, D §17, Z §20, OPR-4, OPN-2]: an operator under an authorization,
 * or a public data user under a MODEL offer, runs a declarative aggregate on the node holding the
 * records; the node keeps its partial until the authority of the run's scope approves, and hands
 * it only to the gateway's merge for the requester (or the reviewer). Raw rows never leave.
 */

const OPERATION_CHECKS = `query($c: [OperationUseCheckInput!]!) { operationUseChecks(checks: $c) { resourceId allowed decision message } }`;
const OPEN_CHECKS = `query($c: [OpenAccessCheckInput!]!) { openAccessChecks(checks: $c) { datasetId resourceId allowed decision message } }`;

/** The basis as given, checked for shape and for the caller's role before any SQL. */
export function basisOf(actor: SubgraphContext['actor'], input: AggregateBasisInput, field = 'input.basis'): AggregateBasis {
  const operator = [input.operatorId, input.staffId, input.authorizationId];
  const datasets = input.datasetIds ?? [];
  let basis: AggregateBasis;
  if (operator.every((x) => x) && datasets.length === 0) {
    for (const [k, v] of [
      ['operatorId', input.operatorId],
      ['staffId', input.staffId],
      ['authorizationId', input.authorizationId],
    ] as const) {
      if (!parseId(v!)) throw badInput(`${k} 不是有效的ID / ${k} is not an ID returned by this API`, `${field}.${k}`);
    }
    basis = { kind: 'AUTHORIZATION', operatorId: input.operatorId!, staffId: input.staffId!, authorizationId: input.authorizationId! };
  } else if (operator.every((x) => !x) && datasets.length > 0) {
    for (const [i, d] of datasets.entries()) assertKnownIdRegion(d, `${field}.datasetIds[${i}]`);
    basis = { kind: 'MODEL', userAccount: actor.account ?? '', datasetIds: Object.fromEntries(datasets.map((d) => [d, d])) };
  } else {
    throw badInput('依据须为 operatorId、staffId、authorizationId 三项，或 datasetIds，二者择一 / give either operatorId, staffId and authorizationId, or datasetIds', field);
  }
  if (!canRunAggregate(actor, basis)) {
    throw forbidden(
      basis.kind === 'AUTHORIZATION'
        ? '只有运营主体本身可以依其数据使用授权运行统计 / only the operator itself runs aggregates under its authorization [OPR-4, D §15]'
        : '只有公共数据利用主体本人可以依 MODEL 方式运行统计 / only a public data user, as itself, runs aggregates under a MODEL offer [OPN-2, Z §20]',
      { decision: 'NOT_THE_HOLDER' },
    );
  }
  return basis;
}

/**
 * Asks the subgraph owning the permission whether it covers these entries and items now: the
 * operator's node (operation), or this node's opening for the entries' datasets. Answers, for
 * MODEL, which dataset stands for each entry. A refusal is FORBIDDEN with the owner's decision.
 */
export async function checkBasis(ctx: SubgraphContext, basis: AggregateBasis, entries: readonly DataResource[], items: readonly string[]): Promise<Record<string, string>> {
  const refuse = (decision: string, message: string) => forbidden(message, { decision });
  for (const r of entries) {
    if (r.status !== 'PUBLISHED') throw refuse('ENTRY_NOT_PUBLISHED', `条目 ${r.id} 未发布或已停用 / entry ${r.id} is not published or was retired [CAT-5]`);
  }
  if (basis.kind === 'AUTHORIZATION') {
    const target = ctx.peers.nodeOfId(basis.operatorId);
    if (!target) throw badInput('operatorId 不属于任何平台 / operatorId names no platform', 'input.basis.operatorId');
    const answers = await ctx.peers.queryAt<{ operationUseChecks: { resourceId: string; allowed: boolean; decision: string; message: string }[] }>(
      target,
      'operation',
      OPERATION_CHECKS,
      {
        c: entries.map((r) => ({ operatorId: basis.operatorId, staffId: basis.staffId, authorizationId: basis.authorizationId, resourceId: r.id, items: [...items] })),
      },
    );
    const no = answers.operationUseChecks.find((a) => !a.allowed);
    if (no || answers.operationUseChecks.length !== entries.length)
      throw refuse(no?.decision ?? 'AUTHORIZATION_NOT_FOUND', no?.message ?? '授权无法核验 / the authorization could not be checked');
    return {};
  }
  for (const r of entries) {
    if (r.openAttribute === 'PROHIBITED') throw refuse('ENTRY_PROHIBITED', `条目 ${r.id} 禁止开放 / entry ${r.id} is PROHIBITED from opening [OPN-1]`);
  }
  const here = Object.keys(basis.datasetIds).filter((d) => ctx.peers.nodeOfId(d)?.id === ctx.node.id);
  const answers = here.length
    ? (
        await ctx.peers.query<{ openAccessChecks: { datasetId: string; resourceId: string | null; allowed: boolean; decision: string; message: string }[] }>(
          'opening',
          OPEN_CHECKS,
          {
            c: here.map((d) => ({ datasetId: d, method: 'MODEL', userAccount: basis.userAccount })),
          },
        )
      ).openAccessChecks
    : [];
  const datasetOf: Record<string, string> = {};
  for (const r of entries) {
    const mine = answers.filter((a) => a.resourceId === r.id);
    const ok = mine.find((a) => a.allowed);
    if (!ok) {
      const no = mine[0];
      throw refuse(
        no?.decision ?? 'NO_MODEL_OFFER',
        no?.message ?? `条目 ${r.id} 没有所给的开放数据集以 MODEL 方式开放 / no dataset given offers entry ${r.id} by MODEL [OPN-2, Z §20]`,
      );
    }
    datasetOf[r.id] = ok.datasetId;
  }
  return datasetOf;
}

/** The entries of `ids` this node holds, visible to the caller, with their items. */
async function localEntries(ctx: SubgraphContext, ids: readonly string[]): Promise<{ entries: DataResource[]; items: Map<string, DataItem[]> }> {
  const entries = await ctx.em.find(DataResource, { id: { $in: [...ids] } });
  const byId = new Map(entries.map((r) => [r.id, r]));
  for (const id of ids) {
    const r = byId.get(id);
    if (!r || !canSeeResource(ctx.actor, ctx.node, r)) throw notFound('目录条目 / data resource', id);
  }
  const rows = await ctx.em.find(DataItem, { resourceId: { $in: [...ids] } });
  const items = new Map<string, DataItem[]>();
  for (const i of rows) items.set(i.resourceId, [...(items.get(i.resourceId) ?? []), i]);
  return { entries: ids.map((id) => byId.get(id)!), items };
}

/** The items every entry of the run has, of one type; personal or identifying where any entry says so. */
function commonItems(ids: readonly string[], items: Map<string, DataItem[]>): AggregateItem[] {
  const [first, ...rest] = ids.map((id) => items.get(id) ?? []);
  return (first ?? []).flatMap((i) => {
    const twins = rest.map((list) => list.find((x) => x.name === i.name && x.dataType === i.dataType));
    if (twins.some((t) => !t)) return [];
    return [
      {
        name: i.name,
        dataType: i.dataType,
        personalInfo: i.personalInfo || twins.some((t) => t!.personalInfo),
        identifier: i.identifier || twins.some((t) => t!.identifier),
      },
    ];
  });
}

interface PartialRow {
  key: (string | null)[];
  count: string | number;
  [k: string]: unknown;
}

@Resolver(() => AggregateRun)
export class AggregateRunResolver {
  @Mutation(() => AggregateRun, {
    description:
      '提交统计任务：在持有各条目记录的平台内计算分组统计（计数、求和、平均、最小、最大），不返回原始记录；结果待任务范围的数据主管部门审查批准后方可读取。经网关提交时，网关按 resourceIds 分发至各平台并给出共用的任务ID / submit an aggregate run: each node holding an entry computes the grouped counts, sums, averages, minima and maxima over its records, never returning a row; the result is held until the authority of the run’s scope approves it. Through the gateway, the run fans out to the nodes of resourceIds under one run ID [D §15, D §17, Z §20, OPR-4, OPN-2]',
  })
  async submitAggregateRun(
    @Ctx() ctx: SubgraphContext,
    @Arg('input', () => SubmitAggregateRunInput) input: SubmitAggregateRunInput,
    @Arg('runId', () => ID, { nullable: true, description: '各平台共用的任务ID（由网关给出）/ the run ID shared by its nodes (given by the gateway)' })
    runId?: string | null,
  ): Promise<AggregateRun> {
    const actor = requireActor(ctx);
    const ids = [...new Set(input.resourceIds)];
    if (ids.length === 0) throw badInput('须至少一个目录条目 / name at least one entry', 'input.resourceIds');
    ids.forEach((id, i) => {
      assertKnownIdRegion(id, `input.resourceIds[${i}]`);
      if (!parseId(id)) throw badInput(`"${id}" 不是有效的ID / "${id}" is not an ID returned by this API`, `input.resourceIds[${i}]`);
    });
    const scope = runScopeOfIds(ids)!;
    if (runId && (!parseId(runId) || regionOf(runId) !== scope)) throw badInput(`任务ID须属于任务范围 ${scope} / the run ID must be of the run's scope ${scope}`, 'runId');
    const id = runId ?? newId(scope);
    const local = ids.filter((r) => ctx.peers.nodeOfId(r)?.id === ctx.node.id);
    if (local.length === 0) throw badInput('本平台不持有所列条目 / none of the entries is held on this platform', 'input.resourceIds');
    const purpose = input.purpose.trim();
    if (!purpose) throw badInput('须说明用途 / say what the result is for', 'input.purpose');
    const basis = basisOf(actor, input.basis);
    if (await ctx.em.findOne(AggregateRun, { id })) throw conflict(`统计任务 ${id} 已存在 / run ${id} exists already`);

    const { entries, items } = await localEntries(ctx, local);
    const release = resolvePolicy(ctx.node.profiles).aggregateRelease;
    const bases = await Promise.all(local.map(async (resourceId) => ({ resourceId, base: await baseVersion(ctx.em, resourceId) })));
    const compiled = compileAggregate(input, commonItems(local, items), bases, release.maxGroups);
    const datasetOf = await checkBasis(ctx, basis, entries, compiled.items);
    const rows = (await ctx.em.getConnection().execute(compiled.sql, compiled.params)) as PartialRow[];
    if (rows.length > release.maxGroups) {
      throw badInput(
        `结果超过${release.maxGroups}组，请减少分组项或缩小筛选范围，未保存任何结果 / more than ${release.maxGroups} groups: group by fewer items or filter more narrowly; nothing was kept`,
        'input.groupBy',
      );
    }
    const groups: StoredPartialGroup[] = rows.map((row) => ({
      key: row.key,
      count: Number(row.count),
      values: compiled.measures.map((_, i) => ({
        n: Number(row[`n${i}`]),
        sum: (row[`sum${i}`] as string | null) ?? null,
        min: (row[`min${i}`] as string | null) ?? null,
        max: (row[`max${i}`] as string | null) ?? null,
      })),
    }));
    const stored: AggregateBasis = basis.kind === 'MODEL' ? { ...basis, datasetIds: datasetOf } : basis;
    return mutate(ctx, 'catalog', async (em) => {
      const seq = parseId(id)!.ulid;
      const run = em.create(AggregateRun, {
        id,
        seq,
        regionCode: scope,
        createdAt: new Date(),
        resourceIds: ids,
        localResourceIds: local,
        groupBy: compiled.groupBy,
        measures: compiled.measures,
        filter: (input.filter ?? []).map((f) => ({ ...f })),
        purpose,
        basis: stored,
        requesterSub: actor.sub,
        requesterAccount: actor.account ?? null,
        groups,
        minGroupSize: release.minGroupSize,
        maxGroups: release.maxGroups,
        status: 'PENDING_REVIEW',
        reviewedBy: null,
        reviewedAt: null,
        reviewReason: null,
      });
      return {
        result: run,
        audit: {
          action: 'aggregateRun.submit',
          entityType: 'AggregateRun',
          entityId: id,
          data: { resourceIds: local, basis: stored.kind, groupBy: compiled.groupBy, measures: compiled.measures.map((m) => `${m.fn}(${m.item ?? '*'})`), groups: groups.length },
        },
      };
    });
  }

  @Mutation(() => AggregateRun, {
    nullable: true,
    description:
      '审查统计任务（任务范围或其上级的数据主管部门）：批准后申请人方可读取结果。经网关时送达任务范围内的每个平台；不持有该任务的平台答 null / review an aggregate run (the data authority of its scope or above): only an approved run’s result is readable by its requester. Through the gateway it reaches every node of the run’s scope; a node holding no part answers null [D §17, Z §20]',
  })
  async reviewAggregateRun(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('approve') approve: boolean,
    @Arg('reason', () => String, { nullable: true }) @FreeText reason?: string | null,
  ): Promise<AggregateRun | null> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(id, 'id');
    const why = reason?.trim() || null;
    if (!approve && !why) throw badInput('不予发布须说明理由 / give the reason for refusing', 'reason');
    const run = parseId(id) ? await ctx.em.findOne(AggregateRun, { id }) : null;
    // The gateway sends a review to every node of the run's scope; those holding no part answer null (and it answers NOT_FOUND if none holds one).
    if (!run) return null;
    if (!canReviewAggregateRun(actor, run)) {
      throw forbidden(
        `只有任务范围（${run.regionCode}）或其上级的数据主管部门可以审查 / only the data authority of the run’s scope (${run.regionCode}) or above may review it [D §17, Z §20]`,
      );
    }
    const status = approve ? 'APPROVED' : 'REFUSED';
    // A review fanned out to several nodes may be sent again after one failed: the same decision is no change.
    if (run.status === status) return run;
    if (run.status !== 'PENDING_REVIEW') throw conflict(`统计任务已审查（${run.status}）/ the run was reviewed already (${run.status})`);
    return mutate(ctx, 'catalog', async () => {
      run.status = status;
      run.reviewedBy = actor.sub;
      run.reviewedAt = new Date();
      run.reviewReason = why;
      return {
        result: run,
        audit: { action: approve ? 'aggregateRun.approve' : 'aggregateRun.refuse', entityType: 'AggregateRun', entityId: run.id, data: { reason: why, groups: run.groups.length } },
      };
    });
  }

  @Query(() => AggregateRun, {
    nullable: true,
    description:
      '统计任务（申请人、审查部门、监督和审计人员可见）。经网关时合并各平台的部分结果：计数与求和相加、最小值取最小、最大值取最大、平均值由合并后的总和与个数计算，再抑制小分组 / an aggregate run, for its requester, its reviewers and those overseeing its scope. Through the gateway the nodes’ partials are merged (counts and sums added, least minimum, greatest maximum, averages from the merged sums and counts), then small groups suppressed [D §15, D §17, Z §20]',
  })
  async aggregateRun(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<AggregateRun | null> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(id, 'id');
    const run = parseId(id) ? await ctx.em.findOne(AggregateRun, { id }) : null;
    if (!run || !canSeeAggregateRun(actor, ctx.node, run)) return null;
    recordRead(ctx, 'AggregateRun', run.id, run.regionCode);
    return run;
  }

  @FieldResolver(() => String, { description: '任务范围（审查的数据主管部门所在区划）/ the run’s scope: the region whose authority reviews it' })
  scopeRegion(@Root() run: AggregateRun): string {
    return run.regionCode;
  }

  @FieldResolver(() => AggregatePartial, {
    nullable: true,
    description:
      '本平台的部分结果（未经抑制），仅供网关合并：审查部门审查时可读，申请人仅在批准后且依据仍然有效时可读；经网关读取时为空 / this node’s partial, before suppression, for the gateway’s merge: readable by the reviewers, and by the requester only once approved and while its basis still holds; through the gateway it is null',
  })
  async partial(@Ctx() ctx: SubgraphContext, @Root() v: AggregateRun): Promise<AggregatePartial | null> {
    const run = v;
    const actor = ctx.actor;
    if (!canReviewAggregateRun(actor, run)) {
      if (!isAggregateRequester(actor, run) || run.status !== 'APPROVED') return null;
      // Stops at once: the authorization, the operator, the agreement or the entry as they are now.
      const { entries } = await localEntries(ctx, run.localResourceIds);
      const basis: AggregateBasis =
        run.basis.kind === 'MODEL' ? { ...run.basis, datasetIds: Object.fromEntries(Object.values(run.basis.datasetIds).map((d) => [d, d])) } : run.basis;
      const items = [...new Set([...run.groupBy, ...run.measures.flatMap((m) => (m.item ? [m.item] : [])), ...(run.filter as { item: string }[]).map((f) => f.item)])];
      await checkBasis(ctx, basis, entries, items);
    }
    recordRead(ctx, 'AggregateRun', run.id, run.regionCode);
    return Object.assign(new AggregatePartial(), {
      groupBy: run.groupBy,
      measures: run.measures,
      minGroupSize: run.minGroupSize,
      maxGroups: run.maxGroups,
      groups: run.groups,
    });
  }

  @FieldResolver(() => AggregateResult, {
    nullable: true,
    description:
      '结果：网关合并各平台部分结果并抑制小分组后给出；仅在全部部分已批准且申请人的依据仍然有效时（审查部门审查时亦可）有值 / the result, merged by the gateway from every node’s partial with small groups suppressed; present only when every part is approved and the requester’s basis still holds (and to the reviewers while they review)',
  })
  result(): AggregateResult | null {
    return null;
  }
}
