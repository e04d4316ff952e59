import type { FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACCESS_METHODS } from '../../schema/enums.js';
import { parseId } from '../../schema/ids.js';
import { newOwned } from '../kit/server/owned.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { AppError, badInput, conflict, forbidden, notFound } from '../kit/server/errors.js';
import { mutate } from '../kit/server/mutation.js';
import { readOf, recordRead } from '../kit/server/audit.js';
import { PageArgs, RegionScopeInput, assertKnownIdRegion, connectionType, listPage } from '../kit/server/pagination.js';
import { resolvePolicy } from '../kit/rules/policy.js';
import { OpenDataset } from './dataset.entity.js';
import { OpenDataComplaint } from './complaint.entity.js';
import { ProposeOpenDatasetInput } from './dataset.inputs.js';
import { datasetLoader } from './dataset.loader.js';
import { canPropose, canReviewProposal, canSeeDataset, canSeeProposal, datasetFilter } from './access.js';
import { checkDataType, checkOpenable, checkWithdrawable, OPENING_RESOURCE_FIELDS, proposalKindFor, statusAfterApproval, type OpeningResource } from './dataset.rules.js';
import { catalogResource } from '../kit/server/catalog-client.js';
import { OpenAccessMethodEnum, OpenPriorityDomainEnum, type OpenAccessMethod, type OpenPriorityDomain } from './enums.js';
import { DataResourceRef, OrganizationRef } from './foreign.js';
import { blank } from '../kit/rules/validation.js';
import { FreeText } from '../kit/server/input-bounds.js';
import { OpenDatasetProposal, proposalOf, type StoredProposal } from './proposal.type.js';

/** Reading a dataset outside the open catalog (proposed, suspended, withdrawn) is a read of non-public data. */
const readDataset = (ctx: SubgraphContext, d: OpenDataset) => (d.status === 'OPEN' ? d : readOf(ctx, 'OpenDataset', d));

/** The entry as the caller's catalog answers it; an entry the caller may not see is simply absent. */
export async function openingResource(ctx: SubgraphContext, resourceId: string, field: string): Promise<OpeningResource> {
  const r = parseId(resourceId) ? await catalogResource(ctx, resourceId, OPENING_RESOURCE_FIELDS) : null;
  if (!r) throw badInput(`目录条目 ${resourceId} 不存在于本平台 / catalog entry ${resourceId} does not exist on this platform: check the ID`, field);
  return r;
}

/** The dataset a proposal or review names, as the caller may see it. */
async function loadDataset(ctx: SubgraphContext, id: string): Promise<OpenDataset> {
  requireActor(ctx);
  assertKnownIdRegion(id, 'id');
  const d = parseId(id) ? await ctx.em.findOne(OpenDataset, { id }) : null;
  if (!d || !canSeeDataset(ctx.actor, ctx.node, d)) throw notFound('开放数据集 / open dataset', id);
  return d;
}

const refusePropose = () =>
  forbidden(
    '只有开放主体（提供部门）的工作人员可以提出开放目录的新增、变更、撤回或恢复 / only staff of the opening agency (the provider) may propose adding, changing, withdrawing or reopening its dataset [Z §10-11, B §31]',
  );

const refuseReview = () =>
  forbidden(
    "只有数据集所属区域（或其上级区域）在本平台的数据主管部门可以审核开放目录的变更 / only the data authority of the dataset's region or a region above it, on this platform, may approve or return a proposal for the open catalog [B §31]",
  );

const OpenDatasetConnection = connectionType(
  OpenDataset,
  'OpenDataset',
  '开放数据集列表（跨平台合并为一个有序列表）/ a page of open datasets, merged across platforms into one ordered list',
);

@Resolver(() => OpenDataset)
export class OpenDatasetResolver {
  @Query(() => OpenDataset, { nullable: true, description: '按ID查询开放数据集（公众可查开放中的数据集）/ an open dataset by ID (the public sees OPEN ones)' })
  async openDataset(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string) {
    const d = parseId(id) ? await datasetLoader(ctx).load(id) : null;
    return d && canSeeDataset(ctx.actor, ctx.node, d) ? readDataset(ctx, d) : null;
  }

  @Query(() => OpenDatasetConnection, {
    description: '开放目录：全部平台合并为一个列表，最新在前；公众可浏览 / the open catalog: all platforms as one list, newest first; public [OPN-1, Z §10, B §31]',
  })
  async openDatasets(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('accessMethod', () => OpenAccessMethodEnum, { nullable: true, description: '只列出提供该开放方式的数据集 / only datasets offered this way' })
    accessMethod?: OpenAccessMethod | null,
    @Arg('priorityDomain', () => OpenPriorityDomainEnum, { nullable: true, description: '只列出该重点领域的数据集 / only datasets of this priority domain [Z §7]' })
    priorityDomain?: OpenPriorityDomain | null,
    @Arg('awaitingReview', () => Boolean, {
      nullable: true,
      description: "只列出有待审核提议的数据集（数据主管部门的审核队列）/ only datasets with a proposal awaiting review (the data authority's queue) [B §31]",
    })
    awaitingReview?: boolean | null,
  ) {
    const where: FilterQuery<OpenDataset>[] = [];
    if (accessMethod) where.push({ accessMethods: { $contains: [accessMethod] } } as FilterQuery<OpenDataset>);
    if (priorityDomain) where.push({ priorityDomain });
    if (awaitingReview) where.push({ proposalStatus: 'SUBMITTED' });
    const found = await listPage(ctx, OpenDataset, { visible: datasetFilter(ctx.actor, ctx.node), scope, where, page });
    for (const e of found.edges) readDataset(ctx, e.node);
    return found;
  }

  @FieldResolver(() => DataResourceRef, {
    nullable: true,
    description:
      '对应的目录条目；调用者看不到该条目时（如已停用）为空，列表照常返回 / the catalog entry opened; null when the caller may not see it (e.g. retired), so a list still answers',
  })
  resource(@Root() d: OpenDataset): DataResourceRef {
    return { id: d.resourceId };
  }

  @FieldResolver(() => OrganizationRef, { nullable: true, description: '开放主体（提供部门）/ the opening agency (provider) [Z §10]' })
  provider(@Root() d: OpenDataset): OrganizationRef {
    return { id: d.providerId };
  }

  @FieldResolver(() => Boolean, {
    description:
      "是否免费：无条件开放数据免费；受限开放数据仅在获取本人/本单位或经授权的数据时免费 / free of charge: UNCONDITIONAL data is always free; RESTRICTED data only for one's own or authorized data [Z §27]",
  })
  free(@Root() d: OpenDataset): boolean {
    return d.openAttribute === 'UNCONDITIONAL';
  }

  @FieldResolver(() => OpenDatasetProposal, {
    nullable: true,
    description:
      '最近一次开放目录变更提议及其审核（仅开放主体和监管其区域的部门可见）/ the latest proposal for the open catalog and its review (the opening agency and those overseeing its region only) [B §31]',
  })
  proposal(@Ctx() ctx: SubgraphContext, @Root() d: OpenDataset): OpenDatasetProposal | null {
    if (!d.proposalData || !canSeeProposal(ctx.actor, ctx.node, d)) return null;
    recordRead(ctx, 'OpenDataset', d.id, d.regionCode);
    return proposalOf(d.proposalData);
  }

  @Mutation(() => OpenDataset, {
    description:
      '提议开放目录条目（开放主体）：新数据集为 PROPOSED；开放中的数据集为变更，已暂停或撤回的为恢复开放；均经数据主管部门审核后生效 / propose a catalog entry for the open catalog (the opening agency): a new dataset is PROPOSED; for an OPEN dataset this proposes a change, for a SUSPENDED or WITHDRAWN one its reopening; each takes effect when the data authority approves [OPN-1, OPN-2, B §31, Z §10-11, Z §20, Z §35]',
  })
  async proposeOpenDataset(@Ctx() ctx: SubgraphContext, @Arg('input') input: ProposeOpenDatasetInput): Promise<OpenDataset> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(input.resourceId, 'input.resourceId');
    const ref = parseId(input.resourceId);
    if (!ref) throw badInput(`${input.resourceId} 不是有效的目录条目ID / ${input.resourceId} is not a catalog entry ID: pass the id of a DataResource`, 'input.resourceId');
    // Order of the enum, each once: the list is a set.
    const methods = ACCESS_METHODS.filter((m) => input.accessMethods.includes(m));
    if (methods.length === 0) {
      throw badInput('至少需要一种开放方式（DOWNLOAD、API 或 MODEL）/ choose at least one access method (DOWNLOAD, API or MODEL) [Z §20, B §32]', 'input.accessMethods');
    }
    const r = await openingResource(ctx, input.resourceId, 'input.resourceId');
    if (!canPropose(actor, r.provider.id)) throw refusePropose();
    const openAttribute = checkOpenable(r, methods, resolvePolicy(ctx.node.profiles));
    const dataType = checkDataType(input.dataType, r.format, methods);
    const existing = await ctx.em.findOne(OpenDataset, { resourceId: r.id });
    const kind = proposalKindFor(existing);
    const now = new Date();
    const proposal: StoredProposal = {
      kind,
      status: 'SUBMITTED',
      title: blank(input.title) ? r.name : input.title!.trim(),
      description: blank(input.description) ? r.summary : input.description!.trim(),
      accessMethods: methods,
      priorityDomain: input.priorityDomain ?? null,
      dataType,
      reason: blank(input.reason) ? null : input.reason!.trim(),
      proposedBy: actor.sub,
      proposedAt: now.toISOString(),
      reviewComment: null,
      reviewedBy: null,
      reviewedAt: null,
    };
    return mutate(ctx, 'opening', async (em) => {
      let d = existing;
      if (!d) {
        const owned = newOwned(ref.region);
        d = em.create(OpenDataset, {
          ...owned,
          resourceId: r.id,
          providerId: r.provider.id,
          title: proposal.title,
          description: proposal.description,
          openAttribute,
          format: r.format,
          updateFrequency: r.updateFrequency,
          dataType,
          accessMethods: methods,
          priorityDomain: proposal.priorityDomain,
          status: 'PROPOSED',
          publishedAt: null,
          updatedAt: owned.createdAt,
          suspendedAt: null,
          suspensionReason: null,
          catalogEventId: null,
          emergencyId: null,
          emergencyMeasure: null,
          applicationsShutDownAt: null,
          proposalData: proposal,
          proposalStatus: 'SUBMITTED',
        });
      } else {
        // Until approved, a dataset that was never open shows what is proposed; an open, suspended or withdrawn one keeps what was approved.
        if (kind === 'OPEN')
          Object.assign(d, {
            title: proposal.title,
            description: proposal.description,
            accessMethods: methods,
            priorityDomain: proposal.priorityDomain,
            dataType,
            status: 'PROPOSED',
          });
        Object.assign(d, { proposalData: proposal, proposalStatus: 'SUBMITTED', updatedAt: now });
      }
      return {
        result: d,
        audit: { action: 'openDataset.propose', entityType: 'OpenDataset', entityId: d.id, data: { kind, resourceId: r.id, accessMethods: methods, reason: proposal.reason } },
      };
    });
  }

  @Mutation(() => OpenDataset, {
    description:
      '提议从开放目录撤回数据集（开放主体），经数据主管部门审核后撤回 / propose withdrawing a dataset from the open catalog (the opening agency); it is withdrawn when the data authority approves [OPN-1, OPN-6, B §31, Z §35]',
  })
  async proposeOpenDatasetWithdrawal(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', { description: '撤回理由 / why the dataset should leave the open catalog' }) @FreeText reason: string,
  ): Promise<OpenDataset> {
    const actor = requireActor(ctx);
    if (blank(reason)) throw badInput('撤回须说明理由 / a withdrawal needs a reason: say why the dataset should leave the open catalog [B §31, Z §35]', 'reason');
    const d = await loadDataset(ctx, id);
    if (!canPropose(actor, d.providerId)) throw refusePropose();
    checkWithdrawable(d);
    return mutate(ctx, 'opening', async () => {
      const now = new Date();
      d.proposalData = {
        kind: 'WITHDRAW',
        status: 'SUBMITTED',
        title: d.title,
        description: d.description,
        accessMethods: d.accessMethods,
        priorityDomain: d.priorityDomain,
        dataType: d.dataType,
        reason: reason.trim(),
        proposedBy: actor.sub,
        proposedAt: now.toISOString(),
        reviewComment: null,
        reviewedBy: null,
        reviewedAt: null,
      };
      Object.assign(d, { proposalStatus: 'SUBMITTED', updatedAt: now });
      return {
        result: d,
        audit: {
          action: 'openDataset.propose',
          entityType: 'OpenDataset',
          entityId: d.id,
          data: { kind: 'WITHDRAW', resourceId: d.resourceId, accessMethods: d.accessMethods, reason: reason.trim() },
        },
      };
    });
  }

  @Mutation(() => OpenDataset, {
    description:
      "批准开放目录变更提议（数据集所属区域或上级区域在本平台的数据主管部门）：新增或恢复的数据集开放，变更生效，撤回的数据集撤回；批准前按目录现状重新核验 / approve a proposal (the data authority of the dataset's region or above, on this platform): the dataset opens, changes, reopens or is withdrawn; the catalog entry is checked again as it is now [OPN-1, B §31, Z §10-12, Z §20]",
  })
  async approveOpenDatasetProposal(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('comment', () => String, { nullable: true, description: '审核意见（可选）/ review note (optional)' }) @FreeText comment?: string | null,
  ): Promise<OpenDataset> {
    const d = await loadDataset(ctx, id);
    if (!canReviewProposal(ctx.actor, ctx.node, d)) throw refuseReview();
    const p = d.proposalStatus === 'SUBMITTED' ? d.proposalData : null;
    if (!p) throw conflict(`此数据集没有待审核的提议（当前为 ${d.status}）/ nothing awaits review for this dataset (it is ${d.status})`);
    if (p.kind === 'REOPEN') {
      const unresolved = await ctx.em.count(OpenDataComplaint, { datasetId: d.id, status: { $ne: 'RESOLVED' } });
      if (unresolved > 0)
        throw conflict(
          `该数据集有 ${unresolved} 件侵权投诉未处理，处理前不能恢复开放；请退回提议 / ${unresolved} complaint(s) about this dataset are unresolved: it cannot reopen before they are decided; return the proposal [Z §35]`,
        );
    }
    let openAttribute = d.openAttribute;
    let r: OpeningResource | null = null;
    if (p.kind !== 'WITHDRAW') {
      r = await openingResource(ctx, d.resourceId, 'id');
      try {
        openAttribute = checkOpenable(r, p.accessMethods, resolvePolicy(ctx.node.profiles));
      } catch (e) {
        // The entry changed since the agency proposed: the proposal, not the authority's input, is what is wrong.
        if (e instanceof AppError && e.extensions.code === 'BAD_USER_INPUT')
          throw conflict(`${e.message}（目录条目已在提议后变更，请退回提议）/ (the catalog entry changed after the proposal: return it)`);
        throw e;
      }
    }
    const note = blank(comment) ? null : comment!.trim();
    return mutate(ctx, 'opening', async () => {
      const now = new Date();
      const status = statusAfterApproval(p.kind);
      if (p.kind !== 'WITHDRAW') {
        Object.assign(d, { title: p.title, description: p.description, accessMethods: p.accessMethods, priorityDomain: p.priorityDomain, openAttribute });
        d.dataType = p.dataType ?? d.dataType;
        Object.assign(d, { format: r!.format, updateFrequency: r!.updateFrequency, suspendedAt: null, suspensionReason: null, catalogEventId: null });
      }
      d.publishedAt ??= now;
      d.proposalData = { ...p, reviewComment: note, reviewedBy: ctx.actor.sub, reviewedAt: now.toISOString() };
      Object.assign(d, { status, proposalStatus: null, updatedAt: now });
      return {
        result: d,
        audit: {
          action: 'openDataset.approve',
          entityType: 'OpenDataset',
          entityId: d.id,
          data: { kind: p.kind, status, openAttribute: d.openAttribute, accessMethods: d.accessMethods, comment: note },
        },
      };
    });
  }

  @Mutation(() => OpenDataset, {
    description:
      '退回开放目录变更提议并说明需要修改什么（数据主管部门）；开放目录不变 / return a proposal with what to fix (the data authority); the open catalog does not change [B §31]',
  })
  async returnOpenDatasetProposal(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('comment', { description: '退回意见：说明需要修改什么 / what the agency must fix' }) @FreeText comment: string,
  ): Promise<OpenDataset> {
    if (blank(comment)) throw badInput('退回须写明意见 / a return needs a comment telling the agency what to fix [B §31]', 'comment');
    const d = await loadDataset(ctx, id);
    if (!canReviewProposal(ctx.actor, ctx.node, d)) throw refuseReview();
    const p = d.proposalStatus === 'SUBMITTED' ? d.proposalData : null;
    if (!p) throw conflict(`此数据集没有待审核的提议（当前为 ${d.status}）/ nothing awaits review for this dataset (it is ${d.status})`);
    return mutate(ctx, 'opening', async () => {
      const now = new Date();
      d.proposalData = { ...p, status: 'RETURNED', reviewComment: comment.trim(), reviewedBy: ctx.actor.sub, reviewedAt: now.toISOString() };
      Object.assign(d, { proposalStatus: 'RETURNED', updatedAt: now });
      if (d.status === 'PROPOSED') d.status = 'RETURNED';
      return { result: d, audit: { action: 'openDataset.return', entityType: 'OpenDataset', entityId: d.id, data: { kind: p.kind, comment: comment.trim() } } };
    });
  }
}
