import type { FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { parseId } from '../../schema/ids.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { readOf, readsOf } from '../kit/server/audit.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { badInput, conflict, forbidden, notFound } from '../kit/server/errors.js';
import { FreeText } from '../kit/server/input-bounds.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownIdRegion, connectionType, listPage, PageArgs, RegionScopeInput, type Page } from '../kit/server/pagination.js';
import { applicationFilter, canDecideApplication, canSeeAgreement, canSeeApplication, canSeeDataset, canWithdrawApplication, holderFilter, isPublicDataUser } from './access.js';
import { OpenDataAgreement, OpenDataApplication, OpenDataApplicationStep, type StoredApplicationStep } from './application.entity.js';
import { agreementClauses, agreementTerm, checkApplicable, checkNoOpenRequest, checkPending, checkRejectionReason, checkTermMonths, requiredText } from './application.rules.js';
import { OpenDataset } from './dataset.entity.js';
import { checkNotSanctioned } from './sanction.rules.js';
import { OpenApplicationStatusEnum, OpenCreditLevelEnum, type OpenApplicationStatus, type OpenCreditLevel, type OpenDataUserKind, type OpenDataUserStatus } from './enums.js';
import { OpenDataUser } from './user.entity.js';

@InputType({ description: '受限开放数据申请 / an application for restricted open data [OPN-3, Z §16]' })
export class ApplyForOpenDataInput {
  @Field({ description: '应用场景（用途）：数据将用于什么 / the scenario: what the data will be used for [Z §16, Z §17 (二)]' })
  @FreeText
  scenario!: string;

  @Field({ description: '数据存储能力：存放在哪里、如何存放 / storage capability: where and how the data will be kept [Z §16]' })
  @FreeText
  storageCapability!: string;

  @Field({ description: '数据处理能力：处理的系统、人员和方法 / processing capability: the systems, staff and methods [Z §16]' })
  @FreeText
  processingCapability!: string;

  @Field({ description: '数据安全保护能力：安全管理制度和技术措施 / security capability: the security rules and technical safeguards [Z §16, Z §17 (五)]' })
  @FreeText
  securityCapability!: string;

  @Field(() => OpenCreditLevelEnum, { description: '自报的信用等级 / the credit level the applicant declares [Z §16]' })
  creditLevel!: OpenCreditLevel;
}

@InputType({ description: '批准申请并签订开放利用协议 / approve an application and conclude the agreement [Z §17]' })
export class ApproveOpenDataApplicationInput {
  @Field(() => Int, { description: '协议期限（月），1-36 / the agreement’s term in months, 1 to 36' })
  termMonths!: number;
}

const OpenDataApplicationConnection = connectionType(
  OpenDataApplication,
  'OpenDataApplication',
  '受限开放数据申请列表（跨平台合并，最新在前）/ a page of applications for restricted open data, merged across platforms, newest first',
);

const step = (kind: StoredApplicationStep['kind'], at: Date, note: string | null): StoredApplicationStep => ({ kind, at: at.toISOString(), note });

/** The applicant's record, as the platform it registered on answers it to the applicant itself. */
interface Applicant {
  id: string;
  name: string;
  kind: OpenDataUserKind;
  status: OpenDataUserStatus;
}

const USER_FIELDS = 'id name kind status';

async function applicantOf(ctx: SubgraphContext, account: string): Promise<Applicant | null> {
  const node = ctx.peers.nodeOfId(account);
  if (!node) return null;
  if (node.name === ctx.node.name) return ctx.em.findOne(OpenDataUser, { id: account });
  const r = await ctx.peers.queryAt<{ openDataUser: Applicant | null }>(node, 'opening', `query($id: ID!) { openDataUser(id: $id) { ${USER_FIELDS} } }`, { id: account });
  return r.openDataUser;
}

const refuseApply = () =>
  forbidden(
    '只有登记的公共数据利用主体（USER 令牌）可以申请受限开放数据 / only a registered public data user, with a USER token of its account, applies for restricted open data [B §3, Z §16]',
  );

const refuseDecide = () =>
  forbidden(
    '只有开放主体（提供部门）的工作人员可以审核受限开放数据申请 / only staff of the opening agency (the provider) decide an application for its restricted data [Z §16-17]',
  );

@Resolver(() => OpenDataApplication)
export class OpenDataApplicationResolver {
  @Query(() => OpenDataApplication, {
    nullable: true,
    description:
      '按ID查询受限开放数据申请：申请人、开放主体和监管其区域的部门可见，其他人为空 / an application by ID: the applicant, the opening agency and those overseeing the region; null for anyone else [OPN-3, Z §16]',
  })
  async openDataApplication(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<OpenDataApplication | null> {
    const a = parseId(id) ? await ctx.em.findOne(OpenDataApplication, { id }) : null;
    return a && canSeeApplication(ctx.actor, ctx.node, a) ? readOf(ctx, 'OpenDataApplication', a) : null;
  }

  @Query(() => OpenDataApplicationConnection, {
    description:
      '受限开放数据申请列表：利用主体看到本人的，开放主体看到针对本机构数据的，数据主管部门和审计人员看到所辖区域的 / applications for restricted open data: a user sees its own, the opening agency those for its data, authorities and auditors those of their regions [OPN-3, Z §16]',
  })
  async openDataApplications(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('status', () => OpenApplicationStatusEnum, { nullable: true, description: '只列出该状态的申请 / only applications in this status' }) status?: OpenApplicationStatus | null,
  ): Promise<Page<OpenDataApplication>> {
    const where: FilterQuery<OpenDataApplication>[] = status ? [{ status }] : [];
    return readsOf(ctx, 'OpenDataApplication', await listPage(ctx, OpenDataApplication, { visible: applicationFilter(ctx.actor, ctx.node), scope, where, page }));
  }

  @FieldResolver(() => OpenDataset, { nullable: true, description: '申请的数据集（调用者看不到时为空）/ the dataset applied for (null when the caller may not see it)' })
  async dataset(@Ctx() ctx: SubgraphContext, @Root() a: OpenDataApplication): Promise<OpenDataset | null> {
    const d = await ctx.em.findOne(OpenDataset, { id: a.datasetId });
    return d && canSeeDataset(ctx.actor, ctx.node, d) ? d : null;
  }

  @FieldResolver(() => [OpenDataApplicationStep], { description: '处理步骤，按时间顺序 / the steps taken, in order' })
  steps(@Root() a: OpenDataApplication): OpenDataApplicationStep[] {
    return a.steps.map((s) => ({ kind: s.kind, at: new Date(s.at), note: s.note }));
  }

  @FieldResolver(() => OpenDataAgreement, { nullable: true, description: '批准后签订的开放利用协议 / the agreement the approval concluded [Z §17]' })
  async agreement(@Ctx() ctx: SubgraphContext, @Root() a: OpenDataApplication): Promise<OpenDataAgreement | null> {
    if (!a.agreementId) return null;
    const g = await ctx.em.findOne(OpenDataAgreement, { id: a.agreementId });
    return g && canSeeAgreement(ctx.actor, ctx.node, g) ? readOf(ctx, 'OpenDataAgreement', g) : null;
  }

  @Mutation(() => OpenDataApplication, {
    description:
      '申请受限开放数据（登记的利用主体）：说明应用场景、存储、处理和安全保护能力及信用等级；申请保存在数据集所在平台，由开放主体审核。无条件开放数据无需申请 / apply for a RESTRICTED open dataset (a registered public data user): the scenario, the storage, processing and security capability, and the credit level; the application is kept on the dataset’s platform and decided by the opening agency. UNCONDITIONAL data needs no application [OPN-3, Z §16, J §19]',
  })
  async applyForOpenData(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: '受限开放数据集ID / the RESTRICTED open dataset' }) id: string,
    @Arg('input') input: ApplyForOpenDataInput,
  ): Promise<OpenDataApplication> {
    const actor = requireActor(ctx);
    if (!isPublicDataUser(actor)) throw refuseApply();
    assertKnownIdRegion(id, 'id');
    if (!parseId(id)) throw badInput(`${id} 不是有效的开放数据集ID / ${id} is not an open dataset ID: pass the id of an OpenDataset`, 'id');
    const scenario = requiredText(input.scenario, 'input.scenario', '应用场景', 'the scenario');
    const storageCapability = requiredText(input.storageCapability, 'input.storageCapability', '数据存储能力', 'the storage capability');
    const processingCapability = requiredText(input.processingCapability, 'input.processingCapability', '数据处理能力', 'the processing capability');
    const securityCapability = requiredText(input.securityCapability, 'input.securityCapability', '数据安全保护能力', 'the security capability');
    const d = await ctx.em.findOne(OpenDataset, { id });
    if (!d || !canSeeDataset(actor, ctx.node, d)) throw notFound('开放数据集 / open dataset', id);
    checkApplicable(d);
    const account = actor.account!;
    const applicant = await applicantOf(ctx, account);
    if (!applicant) {
      throw forbidden(
        `令牌所载账号 ${account} 不是登记的利用主体，请先登记（registerOpenDataUser）/ the token’s account ${account} is no registered public data user: register first (registerOpenDataUser) [Z §16]`,
      );
    }
    if (applicant.status !== 'ACTIVE') {
      throw forbidden(
        `该利用主体当前为 ${applicant.status}，不能申请受限开放数据 / this public data user is ${applicant.status}, so it may not apply for restricted open data [Z §39]`,
      );
    }
    const today = todayInChina();
    const [pending, inForce, suspended, terminated] = await Promise.all([
      ctx.em.count(OpenDataApplication, { datasetId: d.id, applicantAccount: account, status: 'PENDING' }),
      ctx.em.count(OpenDataAgreement, { $and: [{ datasetId: d.id, holderAccount: account }, holderFilter(today)] }),
      ctx.em.count(OpenDataAgreement, { datasetId: d.id, holderAccount: account, storedStatus: 'SUSPENDED' }),
      ctx.em.count(OpenDataAgreement, { datasetId: d.id, holderAccount: account, storedStatus: 'TERMINATED' }),
    ]);
    checkNotSanctioned(suspended, terminated);
    checkNoOpenRequest(pending, inForce);
    return mutate(ctx, 'opening', async (em) => {
      const owned = newOwned(d.regionCode);
      const a = em.create(OpenDataApplication, {
        ...owned,
        datasetId: d.id,
        providerId: d.providerId,
        applicantAccount: account,
        applicantName: applicant.name,
        applicantKind: applicant.kind,
        scenario,
        storageCapability,
        processingCapability,
        securityCapability,
        creditLevel: input.creditLevel,
        status: 'PENDING',
        rejectionReason: null,
        agreementId: null,
        steps: [step('SUBMITTED', owned.createdAt, null)],
        updatedAt: owned.createdAt,
      });
      return {
        result: a,
        audit: {
          action: 'openDataApplication.apply',
          entityType: 'OpenDataApplication',
          entityId: a.id,
          data: { datasetId: d.id, providerId: d.providerId, applicantKind: applicant.kind, creditLevel: input.creditLevel, crossNode: parseId(account)!.region !== d.regionCode },
        },
      };
    });
  }

  @Mutation(() => OpenDataApplication, {
    description:
      '批准受限开放数据申请（开放主体）：签订含六项约定的开放利用协议，协议自今日起按期限生效，并报数据集所属区域的数据主管部门备案 / approve an application (the opening agency): an agreement with the six clauses of Z §17 is concluded, in force from today for the term, and filed with the data authority of the dataset’s region [OPN-3, Z §17]',
  })
  async approveOpenDataApplication(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('input') input: ApproveOpenDataApplicationInput,
  ): Promise<OpenDataApplication> {
    requireActor(ctx);
    const months = checkTermMonths(input.termMonths);
    const a = await this.loadForDecision(ctx, id);
    const d = await ctx.em.findOneOrFail(OpenDataset, { id: a.datasetId });
    if (d.status !== 'OPEN' || d.openAttribute !== 'RESTRICTED') {
      throw conflict(
        `数据集当前为 ${d.status}/${d.openAttribute}，已不是开放中的受限开放数据，不能批准；请驳回并说明 / the dataset is now ${d.status}/${d.openAttribute}, no longer OPEN RESTRICTED data: reject the application, saying so [Z §15, Z §35]`,
      );
    }
    return mutate(ctx, 'opening', async (em) => {
      const owned = newOwned(a.regionCode);
      const now = owned.createdAt;
      const { termStart, termEnd } = agreementTerm(todayInChina(now), months);
      const g = em.create(OpenDataAgreement, {
        ...owned,
        applicationId: a.id,
        datasetId: a.datasetId,
        providerId: a.providerId,
        holderAccount: a.applicantAccount,
        holderName: a.applicantName,
        holderKind: a.applicantKind,
        scenario: a.scenario,
        clauseKinds: agreementClauses(),
        termMonths: months,
        termStart,
        termEnd,
        storedStatus: 'ACTIVE',
        // Z §17 ¶2: the agency files what it signed; the platform files it as it is signed.
        filedWithAuthorityAt: now,
        filingAcknowledgedAt: null,
        violations: [],
        rectification: null,
        rectifyBy: null,
        suspendedAt: null,
        terminatedAt: null,
        sanctionSteps: [],
        updatedAt: now,
      });
      Object.assign(a, {
        status: 'APPROVED',
        agreementId: g.id,
        steps: [...a.steps, step('APPROVED', now, `协议期限 ${termStart} 至 ${termEnd} / term ${termStart} to ${termEnd}`)],
        updatedAt: now,
      });
      return {
        result: a,
        audit: { action: 'openDataApplication.approve', entityType: 'OpenDataApplication', entityId: a.id, data: { agreementId: g.id, termMonths: months, termStart, termEnd } },
      };
    });
  }

  @Mutation(() => OpenDataApplication, {
    description:
      '驳回受限开放数据申请（开放主体）：须说明理由，且不得以地域、所有制、规模、个人身份等歧视性条件为由 / reject an application (the opening agency): a reason is required, and it may not be a discriminatory condition such as the applicant’s region, ownership, size or being an individual [OPN-3, Z §16]',
  })
  async rejectOpenDataApplication(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', { description: '驳回理由（告知申请人）/ the reason, as the applicant will read it' }) @FreeText reason: string,
  ): Promise<OpenDataApplication> {
    requireActor(ctx);
    const text = checkRejectionReason(reason);
    const a = await this.loadForDecision(ctx, id);
    return mutate(ctx, 'opening', async () => {
      const now = new Date();
      Object.assign(a, { status: 'REJECTED', rejectionReason: text, steps: [...a.steps, step('REJECTED', now, text)], updatedAt: now });
      return { result: a, audit: { action: 'openDataApplication.reject', entityType: 'OpenDataApplication', entityId: a.id, data: { reason: text } } };
    });
  }

  @Mutation(() => OpenDataApplication, { description: '撤回本人待审核的申请（申请人）/ withdraw one’s own pending application (the applicant)' })
  async withdrawOpenDataApplication(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<OpenDataApplication> {
    const a = await this.loadVisible(ctx, id);
    if (!canWithdrawApplication(ctx.actor, a)) throw forbidden('只有申请人本人可以撤回申请 / only the applicant withdraws its application');
    checkPending(a);
    return mutate(ctx, 'opening', async () => {
      const now = new Date();
      Object.assign(a, { status: 'WITHDRAWN', steps: [...a.steps, step('WITHDRAWN', now, null)], updatedAt: now });
      return { result: a, audit: { action: 'openDataApplication.withdraw', entityType: 'OpenDataApplication', entityId: a.id, data: undefined } };
    });
  }

  private async loadVisible(ctx: SubgraphContext, id: string): Promise<OpenDataApplication> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(id, 'id');
    const a = parseId(id) ? await ctx.em.findOne(OpenDataApplication, { id }) : null;
    if (!a || !canSeeApplication(actor, ctx.node, a)) throw notFound('受限开放数据申请 / application', id);
    return a;
  }

  private async loadForDecision(ctx: SubgraphContext, id: string): Promise<OpenDataApplication> {
    const a = await this.loadVisible(ctx, id);
    if (!canDecideApplication(ctx.actor, a)) throw refuseDecide();
    checkPending(a);
    return a;
  }
}
