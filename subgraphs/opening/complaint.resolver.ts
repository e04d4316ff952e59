import type { FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { parseId } from '../../schema/ids.js';
import { actsOn } from '../kit/rules/access.js';
import { resolvePolicy } from '../kit/rules/policy.js';
import { readOf, readsOf } from '../kit/server/audit.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { AppError, badInput, conflict, forbidden, notFound } from '../kit/server/errors.js';
import { Bound, FreeText } from '../kit/server/input-bounds.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownIdRegion, connectionType, PageArgs, RegionScopeInput, listPage, type Page } from '../kit/server/pagination.js';
import { canFileComplaint, canHandleComplaint, canSeeComplaint, canSeeDataset, complaintFilter } from './access.js';
import { OpenDataComplaint, OpenDataComplaintStep, type StoredComplaintStep } from './complaint.entity.js';
import { checkComplainable, checkDecidable, checkInfringes, checkReopenable, checkVerifiable, datasetStatusAfter } from './complaint.rules.js';
import { newReceiptToken, receiptMatches, requiredText } from './filing.rules.js';
import { OpenDataset } from './dataset.entity.js';
import { openingResource } from './dataset.resolver.js';
import { checkOpenable } from './dataset.rules.js';
import {
  OpenComplaintInfringementEnum,
  OpenComplaintOutcomeEnum,
  OpenComplaintStatusEnum,
  type OpenComplaintInfringement,
  type OpenComplaintOutcome,
  type OpenComplaintStatus,
} from './enums.js';

@InputType({ description: '开放数据侵权投诉 / a complaint that opened data infringes secrets or privacy [OPN-6, Z §35]' })
export class FileOpenDataComplaintInput {
  @Field(() => [OpenComplaintInfringementEnum], { description: '所称被侵犯的权益，至少一项 / what the data infringes, at least one' })
  @Bound({ maxItems: 3 })
  infringes!: OpenComplaintInfringement[];

  @Field({ description: '投诉内容：哪些数据、侵犯了谁的什么权益（事实材料）/ which data infringes whose rights, and the facts that show it' })
  @FreeText
  description!: string;
}

const OpenDataComplaintConnection = connectionType(
  OpenDataComplaint,
  'OpenDataComplaint',
  '开放数据侵权投诉列表（跨平台合并，最新在前）/ a page of complaints about opened data, merged across platforms, newest first',
);

const step = (kind: StoredComplaintStep['kind'], at: Date, note: string | null): StoredComplaintStep => ({ kind, at: at.toISOString(), note });

const SUSPENSION_REASON = '收到侵权投诉，已中止开放待核实 / suspended on a complaint that it infringes secrets or privacy, pending verification [Z §35]';

const refuseHandle = () =>
  forbidden(
    "只有开放主体（提供部门）的工作人员或数据集所属区域在本平台的数据主管部门可以核实和处理此投诉 / only staff of the opening agency, or the data authority acting on the dataset's region on this platform, may verify and decide this complaint [Z §35, B §31]",
  );

@Resolver(() => OpenDataComplaint)
export class OpenDataComplaintResolver {
  @Query(() => OpenDataComplaint, {
    nullable: true,
    description:
      '按ID查询侵权投诉：投诉人凭回执令牌（或以本人用户账号登录）查看处理进度；开放主体和监管其区域的部门可直接查看 / a complaint by ID: the complainant follows it with its receipt token (or signed in as the user who filed it); the opening agency and those overseeing its region see it directly [OPN-6, Z §35]',
  })
  async openDataComplaint(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('receiptToken', () => String, { nullable: true, description: '提出投诉时返回的回执令牌 / the receipt token returned when the complaint was filed' })
    @Bound({ kind: 'code' })
    receiptToken?: string | null,
  ): Promise<OpenDataComplaint | null> {
    const c = parseId(id) ? await ctx.em.findOne(OpenDataComplaint, { id }) : null;
    if (!c) return null;
    const mine = receiptMatches(receiptToken, c.receiptTokenHash);
    return mine || canSeeComplaint(ctx.actor, ctx.node, c) ? readOf(ctx, 'OpenDataComplaint', c) : null;
  }

  @Query(() => OpenDataComplaintConnection, {
    description:
      '侵权投诉列表：开放主体看到针对本机构数据的，数据主管部门和审计人员看到所辖区域的，登记用户看到本人提出的；公众凭回执查看单件 / complaints about opened data: the opening agency sees those about its data, authorities and auditors those of their regions, a registered user its own; the public follows one by its receipt [OPN-6, Z §35]',
  })
  async openDataComplaints(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('status', () => OpenComplaintStatusEnum, { nullable: true, description: '只列出该状态的投诉 / only complaints in this status' }) status?: OpenComplaintStatus | null,
  ): Promise<Page<OpenDataComplaint>> {
    // The public follows its own complaint by its receipt, never through a list.
    requireActor(ctx);
    const where: FilterQuery<OpenDataComplaint>[] = status ? [{ status }] : [];
    return readsOf(ctx, 'OpenDataComplaint', await listPage(ctx, OpenDataComplaint, { visible: complaintFilter(ctx.actor, ctx.node), scope, where, page }));
  }

  @FieldResolver(() => OpenDataset, {
    nullable: true,
    description: '被投诉的数据集（调用者看不到时为空，如中止开放后的公众）/ the dataset complained of (null when the caller may not see it, e.g. the public while it is suspended)',
  })
  async dataset(@Ctx() ctx: SubgraphContext, @Root() c: OpenDataComplaint): Promise<OpenDataset | null> {
    const d = await ctx.em.findOne(OpenDataset, { id: c.datasetId });
    return d && canSeeDataset(ctx.actor, ctx.node, d) ? d : null;
  }

  @FieldResolver(() => [OpenDataComplaintStep], { description: '处理步骤，按时间顺序 / the steps taken, in order [Z §35]' })
  steps(@Root() c: OpenDataComplaint): OpenDataComplaintStep[] {
    return c.steps.map((s) => ({ kind: s.kind, at: new Date(s.at), note: s.note }));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: '回执令牌：仅在提出时返回一次，请妥善保存，凭它查看处理进度 / the receipt token: returned once, when filed; keep it to follow the complaint',
  })
  receiptToken(@Root() c: OpenDataComplaint): string | null {
    return c.receiptToken ?? null;
  }

  @Mutation(() => OpenDataComplaint, {
    description:
      '投诉开放数据侵犯国家秘密、商业秘密或个人隐私：任何人（包括未登录的公众）可提出；数据集立即中止开放，返回一次性的回执令牌 / complain that an OPEN dataset infringes state or trade secrets or privacy: anyone may file, signed in or not; the dataset is suspended at once, and the answer carries a receipt token, shown once [OPN-6, Z §35]',
  })
  async fileOpenDataComplaint(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: '被投诉的开放数据集ID / the open dataset complained of' }) id: string,
    @Arg('input') input: FileOpenDataComplaintInput,
  ): Promise<OpenDataComplaint> {
    assertKnownIdRegion(id, 'id');
    if (!parseId(id)) throw badInput(`${id} 不是有效的开放数据集ID / ${id} is not an open dataset ID: pass the id of an OpenDataset`, 'id');
    const infringes = checkInfringes(input.infringes);
    const description = requiredText(input.description, 'input.description', '投诉内容', 'description');
    const d = await ctx.em.findOne(OpenDataset, { id });
    if (!d || !canFileComplaint(ctx.actor, ctx.node, d)) throw notFound('开放数据集 / open dataset', id);
    checkComplainable(d);
    const { token, hash } = newReceiptToken();
    const account = ctx.actor.account ?? null;
    return mutate(ctx, 'opening', async (em) => {
      const owned = newOwned(d.regionCode);
      const now = owned.createdAt;
      const c = em.create(OpenDataComplaint, {
        ...owned,
        datasetId: d.id,
        providerId: d.providerId,
        infringes,
        description,
        complainantAccount: account,
        receiptTokenHash: hash,
        source: 'PUBLIC',
        objectionId: null,
        status: 'FILED',
        outcome: null,
        steps: [step('FILED', now, null), step('SUSPENDED', now, SUSPENSION_REASON)],
        updatedAt: now,
      });
      c.receiptToken = token;
      Object.assign(d, { status: 'SUSPENDED', suspendedAt: now, suspensionReason: SUSPENSION_REASON, catalogEventId: null, updatedAt: now });
      return {
        result: c,
        audit: {
          action: 'openDataComplaint.file',
          entityType: 'OpenDataComplaint',
          entityId: c.id,
          data: { datasetId: d.id, infringes, byAccount: account !== null, source: 'PUBLIC' },
        },
      };
    });
  }

  @Mutation(() => OpenDataComplaint, {
    description:
      '记录对侵权投诉的核实情况（开放主体，或数据集所属区域在本平台的数据主管部门）；投诉人在回执上可见 / record the verification of a complaint (the opening agency, or the data authority acting on the region on this platform); the complainant sees it on its receipt [OPN-6, Z §35]',
  })
  async verifyOpenDataComplaint(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('findings', { description: '核实情况：查明了什么 / what the verification found' }) @FreeText findings: string,
  ): Promise<OpenDataComplaint> {
    const text = requiredText(findings, 'findings', '核实情况', 'findings');
    const c = await this.loadForHandling(ctx, id);
    checkVerifiable(c);
    return mutate(ctx, 'opening', async () => {
      const now = new Date();
      Object.assign(c, { status: 'VERIFIED', steps: [...c.steps, step('VERIFIED', now, text)], updatedAt: now });
      return {
        result: c,
        audit: {
          action: 'openDataComplaint.verify',
          entityType: 'OpenDataComplaint',
          entityId: c.id,
          data: { findings: text, byAuthority: actsOn(ctx.actor, ctx.node, c.regionCode) },
        },
      };
    });
  }

  @Mutation(() => OpenDataComplaint, {
    description:
      '根据核实结果处理侵权投诉：撤回数据、恢复开放或处理后再开放（开放主体，或数据集所属区域在本平台的数据主管部门）；恢复前按目录现状重新核验，投诉人在回执上可见结果 / decide a verified complaint: withdraw the dataset, restore it, or reopen it after processing (the opening agency, or the data authority acting on the region on this platform); a reopening checks the catalog entry as it is now; the complainant sees the outcome on its receipt [OPN-6, Z §35, B §31]',
  })
  async decideOpenDataComplaint(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('outcome', () => OpenComplaintOutcomeEnum, { description: '采取的措施 / the measure taken' }) outcome: OpenComplaintOutcome,
    @Arg('note', { description: '告知投诉人的处理说明 / the decision as told to the complainant' }) @FreeText note: string,
  ): Promise<OpenDataComplaint> {
    const text = requiredText(note, 'note', '处理说明', 'note');
    const c = await this.loadForHandling(ctx, id);
    checkDecidable(c);
    const d = await ctx.em.findOneOrFail(OpenDataset, { id: c.datasetId });
    const others = await ctx.em.count(OpenDataComplaint, { datasetId: d.id, status: { $ne: 'RESOLVED' }, id: { $ne: c.id } });
    checkReopenable(outcome, d, others);
    if (outcome !== 'WITHDRAWN') {
      // A reopening puts back the offer the authority approved, unchanged (a changed offer is a
      // CHANGE proposal), so it needs no new approval under B §31; Z §35 leaves the measure to the
      // opening agency. What the authority approved is checked against the catalog entry as it is now.
      const r = await openingResource(ctx, d.resourceId, 'id');
      try {
        checkOpenable(r, d.accessMethods, resolvePolicy(ctx.node.profiles));
      } catch (e) {
        if (e instanceof AppError && e.extensions.code === 'BAD_USER_INPUT')
          throw conflict(`${e.message}（目录条目已不允许按原样开放，请决定撤回）/ (the catalog entry no longer allows the dataset as approved: decide WITHDRAWN)`);
        throw e;
      }
    }
    return mutate(ctx, 'opening', async () => {
      const now = new Date();
      const datasetStatus = datasetStatusAfter(outcome);
      // Withdrawal by a complaint takes effect at once: Z §35 has the opening agency withdraw on its
      // verification, and it only takes data out of public reach; the authority sees it in the audit
      // log. A routine withdrawal still goes through proposeOpenDatasetWithdrawal [B §31].
      Object.assign(d, { status: datasetStatus, updatedAt: now });
      if (datasetStatus === 'OPEN') Object.assign(d, { suspendedAt: null, suspensionReason: null });
      Object.assign(c, { status: 'RESOLVED', outcome, steps: [...c.steps, step(outcome, now, text)], updatedAt: now });
      return {
        result: c,
        audit: {
          action: 'openDataComplaint.decide',
          entityType: 'OpenDataComplaint',
          entityId: c.id,
          data: { outcome, note: text, datasetStatus, byAuthority: actsOn(ctx.actor, ctx.node, c.regionCode) },
        },
      };
    });
  }

  private async loadForHandling(ctx: SubgraphContext, id: string): Promise<OpenDataComplaint> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(id, 'id');
    const c = parseId(id) ? await ctx.em.findOne(OpenDataComplaint, { id }) : null;
    if (!c || !canSeeComplaint(actor, ctx.node, c)) throw notFound('侵权投诉 / complaint', id);
    if (!canHandleComplaint(actor, ctx.node, c)) throw refuseHandle();
    return c;
  }
}
