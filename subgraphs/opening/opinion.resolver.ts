import type { FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { parseId } from '../../schema/ids.js';
import { actsOn } from '../kit/rules/access.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { isOverdue, overdueFilter } from '../kit/rules/deadlines.js';
import { readOf, readsOf } from '../kit/server/audit.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { badInput, forbidden, notFound } from '../kit/server/errors.js';
import { Bound, FreeText } from '../kit/server/input-bounds.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownIdRegion, connectionType, PageArgs, RegionScopeInput, listPage, type Page } from '../kit/server/pagination.js';
import { canAnswerOpinion, canFileOpinion, canSeeDataset, canSeeOpinion, opinionFilter } from './access.js';
import { OpenDataset } from './dataset.entity.js';
import { OpenOpinionChannelEnum, OpenOpinionKindEnum, OpenOpinionStatusEnum, type OpenOpinionChannel, type OpenOpinionKind, type OpenOpinionStatus } from './enums.js';
import { LocalDate } from '../kit/server/scalars.js';
import { newReceiptToken, receiptMatches, requiredText } from './filing.rules.js';
import { OpenDataOpinion } from './opinion.entity.js';
import { checkOpinable, checkOpinionAnswerable, checkReceivedOn, opinionDeadline } from './opinion.rules.js';

@InputType({ description: '对开放数据提出意见建议 / an opinion on an open dataset [OPN-4, Z §21]' })
export class FileOpenDataOpinionInput {
  @Field(() => OpenOpinionKindEnum, { description: '意见建议的情形（Z §21 所列四种之一）/ the ground, one of the four of Z §21' })
  kind!: OpenOpinionKind;

  @Field({ description: '意见建议内容：发现了什么问题、希望如何处理 / what is wrong and what you ask the agency to do' })
  @FreeText
  content!: string;
}

@InputType({ description: '开放主体录入其收到的意见建议 / an opinion the opening agency received by the hotline, by letter or in person [OPN-4, Z §21]' })
export class RecordOpenDataOpinionInput extends FileOpenDataOpinionInput {
  @Field(() => OpenOpinionChannelEnum, { description: '来源渠道（HOTLINE、LETTER 或 IN_PERSON）/ how it was received: HOTLINE, LETTER or IN_PERSON' })
  channel!: OpenOpinionChannel;

  @Field(() => LocalDate, {
    description: '收到日期，处理期限自此起算；不晚于今天，不早于30天前 / the day it was received, from which the deadline counts; not after today, at most 30 days ago',
  })
  receivedOn!: string;
}

/** What both ways of filing check before any SQL: the dataset ID and the content. */
function checkOpinionInput(id: string, input: FileOpenDataOpinionInput): string {
  assertKnownIdRegion(id, 'id');
  if (!parseId(id)) throw badInput(`${id} 不是有效的开放数据集ID / ${id} is not an open dataset ID: pass the id of an OpenDataset`, 'id');
  return requiredText(input.content, 'input.content', '意见建议内容', 'content');
}

@InputType({ description: '意见建议筛选条件 / filters for opinions' })
export class OpenDataOpinionFilter {
  @Field(() => OpenOpinionStatusEnum, { nullable: true, description: '状态 / status' })
  status?: OpenOpinionStatus | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true：仅超期未处理的（OPEN 且期限早于今天，北京时间）；false：仅未超期的 / true: only overdue ones (OPEN and due before today, China time); false: only those not overdue [Z §21]',
  })
  overdue?: boolean | null;

  @Field(() => ID, { nullable: true, description: '只列出针对该开放数据集的 / only opinions on this open dataset' })
  datasetId?: string | null;
}

const OpenDataOpinionConnection = connectionType(
  OpenDataOpinion,
  'OpenDataOpinion',
  '开放数据意见建议列表（跨平台合并，最新在前）/ a page of opinions on open datasets, merged across platforms, newest first',
);

const refuseAnswer = () =>
  forbidden(
    "只有开放主体（提供部门）的工作人员或数据集所属区域在本平台的数据主管部门可以答复此意见建议 / only staff of the opening agency, or the data authority acting on the dataset's region on this platform, may answer this opinion [Z §21, B §31]",
  );

@Resolver(() => OpenDataOpinion)
export class OpenDataOpinionResolver {
  @Query(() => OpenDataOpinion, {
    nullable: true,
    description:
      '按ID查询意见建议：提出人凭回执令牌（或以本人用户账号登录）查看处理情况；开放主体和监管其区域的部门可直接查看 / an opinion by ID: the filer follows it with its receipt token (or signed in as the user who filed it); the opening agency and those overseeing its region see it directly [OPN-4, Z §21]',
  })
  async openDataOpinion(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('receiptToken', () => String, { nullable: true, description: '提出意见建议时返回的回执令牌 / the receipt token returned when the opinion was filed' })
    @Bound({ kind: 'code' })
    receiptToken?: string | null,
  ): Promise<OpenDataOpinion | null> {
    const o = parseId(id) ? await ctx.em.findOne(OpenDataOpinion, { id }) : null;
    if (!o) return null;
    return receiptMatches(receiptToken, o.receiptTokenHash) || canSeeOpinion(ctx.actor, ctx.node, o) ? readOf(ctx, 'OpenDataOpinion', o) : null;
  }

  @Query(() => OpenDataOpinionConnection, {
    description:
      '意见建议列表：开放主体看到针对本机构数据的，数据主管部门和审计人员看到所辖区域的（含超期未处理的），登记用户看到本人提出的；公众凭回执查看单件 / opinions on open datasets: the opening agency sees those on its data, authorities and auditors those of their regions (overdue ones with filter.overdue), a registered user its own; the public follows one by its receipt [OPN-4, Z §21]',
  })
  async openDataOpinions(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('filter', () => OpenDataOpinionFilter, { nullable: true }) filter?: OpenDataOpinionFilter | null,
  ): Promise<Page<OpenDataOpinion>> {
    // The public follows its own opinion by its receipt, never through a list.
    requireActor(ctx);
    const where: FilterQuery<OpenDataOpinion>[] = [];
    if (filter?.datasetId) assertKnownIdRegion(filter.datasetId, 'filter.datasetId');
    if (filter?.datasetId) where.push({ datasetId: filter.datasetId });
    if (filter?.status) where.push({ status: filter.status });
    if (filter?.overdue != null) where.push(overdueFilter<OpenDataOpinion>(filter.overdue));
    return readsOf(ctx, 'OpenDataOpinion', await listPage(ctx, OpenDataOpinion, { visible: opinionFilter(ctx.actor, ctx.node), scope, where, page }));
  }

  @FieldResolver(() => OpenDataset, {
    nullable: true,
    description:
      '意见建议针对的数据集（调用者看不到时为空，如暂停开放后的公众）/ the dataset concerned (null when the caller may not see it, e.g. the public once it is suspended)',
  })
  async dataset(@Ctx() ctx: SubgraphContext, @Root() o: OpenDataOpinion): Promise<OpenDataset | null> {
    const d = await ctx.em.findOne(OpenDataset, { id: o.datasetId });
    return d && canSeeDataset(ctx.actor, ctx.node, d) ? d : null;
  }

  @FieldResolver(() => Boolean, { description: '超期未处理：仍为 OPEN 且处理期限早于今天（北京时间）/ overdue: still OPEN and the due date is before today (China time) [Z §21]' })
  overdue(@Root() o: OpenDataOpinion): boolean {
    return isOverdue(o);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: '是否在期限内处理（未处理时为空）/ whether it was answered by the due date (null while OPEN) [Z §21]' })
  answeredOnTime(@Root() o: OpenDataOpinion): boolean | null {
    return o.answeredAt ? todayInChina(o.answeredAt) <= o.dueDate : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: '回执令牌：仅在提出时返回一次，请妥善保存，凭它查看处理情况 / the receipt token: returned once, when filed; keep it to follow the opinion',
  })
  receiptToken(@Root() o: OpenDataOpinion): string | null {
    return o.receiptToken ?? null;
  }

  @Mutation(() => OpenDataOpinion, {
    description:
      '对开放数据集提出意见建议（开放属性不当、质量不符合规定、存在错误遗漏、违法或违约开放）：任何人（包括未登录的公众）可提出，开放主体应在10个工作日内处理完毕；返回一次性的回执令牌 / give an opinion on an OPEN dataset (wrong open attribute, poor quality, errors or omissions, unlawful opening): anyone may file, signed in or not; the opening agency handles it within 10 working days; the answer carries a receipt token, shown once [OPN-4, Z §21]',
  })
  async fileOpenDataOpinion(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: '意见建议针对的开放数据集ID / the open dataset concerned' }) id: string,
    @Arg('input') input: FileOpenDataOpinionInput,
  ): Promise<OpenDataOpinion> {
    const content = checkOpinionInput(id, input);
    const d = await ctx.em.findOne(OpenDataset, { id });
    if (!d || !canFileOpinion(ctx.actor, ctx.node, d)) throw notFound('开放数据集 / open dataset', id);
    checkOpinable(d);
    return this.create(ctx, d, { kind: input.kind, content, channel: 'ONLINE', receivedOn: null, filerAccount: ctx.actor.account ?? null });
  }

  @Mutation(() => OpenDataOpinion, {
    description:
      '录入经热线、来信或当面收到的意见建议（开放主体，或数据集所属区域在本平台的数据主管部门）：处理期限自收到日期起算，返回一次性的回执令牌以告知提出人 / record an opinion received by the hotline, by letter or in person (the opening agency, or the data authority acting on the region on this platform): the deadline counts from the day received; the answer carries a receipt token, shown once, to give to the filer [OPN-4, Z §21]',
  })
  async recordOpenDataOpinion(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: '意见建议针对的开放数据集ID / the open dataset concerned' }) id: string,
    @Arg('input') input: RecordOpenDataOpinionInput,
  ): Promise<OpenDataOpinion> {
    const actor = requireActor(ctx);
    const content = checkOpinionInput(id, input);
    if (input.channel === 'ONLINE') {
      throw badInput(
        '在线意见建议由提出人自行提出（fileOpenDataOpinion）；此处录入热线、来信或当面收到的 / online opinions are filed by the filer (fileOpenDataOpinion): record HOTLINE, LETTER or IN_PERSON ones here',
        'input.channel',
      );
    }
    const receivedOn = checkReceivedOn(input.receivedOn, todayInChina());
    const d = await ctx.em.findOne(OpenDataset, { id });
    if (!d || !canSeeDataset(actor, ctx.node, d)) throw notFound('开放数据集 / open dataset', id);
    if (!canAnswerOpinion(actor, ctx.node, d)) {
      throw forbidden(
        "只有开放主体（提供部门）的工作人员或数据集所属区域在本平台的数据主管部门可以录入其收到的意见建议 / only staff of the opening agency, or the data authority acting on the dataset's region on this platform, may record an opinion they received [Z §21, B §31]",
      );
    }
    checkOpinable(d);
    return this.create(ctx, d, { kind: input.kind, content, channel: input.channel, receivedOn, filerAccount: null });
  }

  /** One opinion, online or recorded, with its receipt and its deadline from the day received. */
  private create(
    ctx: SubgraphContext,
    d: OpenDataset,
    o: { kind: OpenOpinionKind; content: string; channel: OpenOpinionChannel; receivedOn: string | null; filerAccount: string | null },
  ): Promise<OpenDataOpinion> {
    const { token, hash } = newReceiptToken();
    return mutate(ctx, 'opening', async (em) => {
      const owned = newOwned(d.regionCode);
      const receivedOn = o.receivedOn ?? todayInChina(owned.createdAt);
      const deadline = opinionDeadline(ctx.node.profiles, new Date(`${receivedOn}T00:00:00+08:00`));
      const opinion = em.create(OpenDataOpinion, {
        ...owned,
        ...deadline,
        datasetId: d.id,
        providerId: d.providerId,
        kind: o.kind,
        content: o.content,
        channel: o.channel,
        receivedOn,
        filerAccount: o.filerAccount,
        receiptTokenHash: hash,
        status: 'OPEN',
        answer: null,
        answeredAt: null,
        updatedAt: owned.createdAt,
      });
      opinion.receiptToken = token;
      const recorded = o.channel !== 'ONLINE';
      return {
        result: opinion,
        audit: {
          action: recorded ? 'openDataOpinion.record' : 'openDataOpinion.file',
          entityType: 'OpenDataOpinion',
          entityId: opinion.id,
          data: { datasetId: d.id, kind: o.kind, byAccount: o.filerAccount !== null, channel: o.channel, receivedOn, ...deadline },
        },
      };
    });
  }

  @Mutation(() => OpenDataOpinion, {
    description:
      '答复意见建议（开放主体，或数据集所属区域在本平台的数据主管部门）；只能答复一次，超期答复照常记录 / answer an opinion (the opening agency, or the data authority acting on the region on this platform); once only; a late answer is recorded as late [OPN-4, Z §21]',
  })
  async answerOpenDataOpinion(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('answer', { description: '答复：核实情况和处理结果 / what was found and what was done' }) @FreeText answer: string,
  ): Promise<OpenDataOpinion> {
    const actor = requireActor(ctx);
    const text = requiredText(answer, 'answer', '答复', 'answer');
    assertKnownIdRegion(id, 'id');
    const o = parseId(id) ? await ctx.em.findOne(OpenDataOpinion, { id }) : null;
    if (!o || !canSeeOpinion(actor, ctx.node, o)) throw notFound('意见建议 / opinion', id);
    if (!canAnswerOpinion(actor, ctx.node, o)) throw refuseAnswer();
    checkOpinionAnswerable(o);
    const late = isOverdue(o);
    return mutate(ctx, 'opening', async () => {
      const now = new Date();
      Object.assign(o, { status: 'ANSWERED', answer: text, answeredAt: now, updatedAt: now });
      return {
        result: o,
        audit: {
          action: 'openDataOpinion.answer',
          entityType: 'OpenDataOpinion',
          entityId: o.id,
          data: { answer: text, dueDate: o.dueDate, late, byAuthority: actsOn(actor, ctx.node, o.regionCode) },
        },
      };
    });
  }
}
