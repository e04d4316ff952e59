import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { readOf, readsOf } from '../kit/server/audit.js';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { validateCitizenId } from '../kit/rules/citizen-id.js';
import { validateCreditCode } from '../kit/rules/credit-code.js';
import { parseId } from '../../schema/ids.js';
import { getRegion } from '../../schema/regions.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { actsOn } from '../kit/rules/access.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { badInput, conflict, forbidden, notFound } from '../kit/server/errors.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownIdRegion, connectionType, PageArgs, RegionScopeInput, type Page, listPage } from '../kit/server/pagination.js';
import { blank } from '../kit/rules/validation.js';
import { DataObjection, DataSubject } from './objection.entity.js';
import { DataObjectionFilter, FileDataObjectionInput, HandleDataObjectionInput } from './objection.inputs.js';
import { objectionLoader, openObjectionCountLoader } from './objection.loader.js';
import { canHandleObjection, canSeeObjection, canSeeResource, objectionFilter } from './access.js';
import { objectionDeadline, subjectFor } from './objection.rules.js';
import { isOverdue, overdueFilter } from '../kit/rules/deadlines.js';
import { dataObjectionFiled } from '../kit/rules/catalog-events.js';
import { Organization } from './organization.entity.js';
import { organizationLoader } from './organization.loader.js';
import { Region } from './region.type.js';
import { DataResource } from './resource.entity.js';
import { itemsLoader, resourceLoader } from './resource.loader.js';

const DataObjectionConnection = connectionType(
  DataObjection,
  'DataObjection',
  '数据异议列表（跨平台合并，最新在前）/ a page of data objections, merged across platforms, newest first',
);

/** Long enough for a real objection, short enough that an anonymous form cannot store a book. */
const MAX_TEXT = 2000;
const MAX_SHORT = 200;

function requiredText(value: string | null | undefined, max: number, field: string, zh: string): string {
  const en = field.replace(/^input\./, '');
  if (blank(value)) throw badInput(`${zh}不能为空 / ${en} is required`, field);
  const text = value!.trim();
  if (Array.from(text).length > max) throw badInput(`${zh}不能超过 ${max} 字 / ${en} must be at most ${max} characters`, field);
  return text;
}

/** The subject's identity, checked by kind: GB 11643 for a person, GB 32100 for an organization [J §11, B §12]. */
function checkSubjectId(kind: 'PERSON' | 'ORGANIZATION', idNumber: string): string {
  const id = idNumber.trim();
  const check = kind === 'PERSON' ? validateCitizenId(id) : validateCreditCode(id);
  if (!check.ok) throw badInput(check.reason, 'input.subject.idNumber');
  return id;
}

@Resolver(() => DataObjection)
export class DataObjectionResolver {
  @Query(() => DataObjection, {
    nullable: true,
    description: '按ID查询数据异议（被异议机构、主管部门、审计人员可见）/ an objection by ID (visible to the organization addressed, the authority and auditors)',
  })
  async dataObjection(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<DataObjection | null> {
    const o = parseId(id) ? await objectionLoader(ctx).load(id) : null;
    return o && canSeeObjection(ctx.actor, ctx.node, o) ? readOf(ctx, 'DataObjection', o) : null;
  }

  @Query(() => DataObjectionConnection, {
    description:
      '数据异议列表：机构工作人员看到向本机构提出的，主管部门和审计人员看到所辖区域的 / objections: agency staff see those addressed to their organization, the data authorities and auditors those of their regions [CAT-10]',
  })
  async dataObjections(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('filter', () => DataObjectionFilter, { nullable: true }) filter?: DataObjectionFilter | null,
  ): Promise<Page<DataObjection>> {
    const where: FilterQuery<DataObjection>[] = [];
    if (filter?.providerId) assertKnownIdRegion(filter.providerId, 'filter.providerId');
    if (filter?.providerId) where.push({ providerId: filter.providerId });
    if (filter?.status) where.push({ status: filter.status });
    if (filter?.overdue != null) where.push(overdueFilter(filter.overdue));
    return readsOf(ctx, 'DataObjection', await listPage(ctx, DataObjection, { visible: objectionFilter(ctx.actor, ctx.node), scope, where, page }));
  }

  @FieldResolver(() => Organization, { description: '异议所向的机构 / the organization the objection is addressed to' })
  provider(@Ctx() ctx: SubgraphContext, @Root() o: DataObjection) {
    return organizationLoader(ctx).load(o.providerId);
  }

  @FieldResolver(() => DataResource, {
    nullable: true,
    description: '涉及的目录条目（调用方无权查看时为空）/ the catalog entry concerned (null if none, or if the caller may not see it)',
  })
  async resource(@Ctx() ctx: SubgraphContext, @Root() o: DataObjection): Promise<DataResource | null> {
    if (!o.resourceId) return null;
    const r = await resourceLoader(ctx).load(o.resourceId);
    return r && canSeeResource(ctx.actor, ctx.node, r) ? r : null;
  }

  @FieldResolver(() => DataSubject, { description: '异议人；个人信息对非处理人脱敏 / the data subject; personal information is masked except for those who handle it [SEC-3]' })
  subject(@Ctx() ctx: SubgraphContext, @Root() o: DataObjection): DataSubject {
    return subjectFor(ctx.actor, ctx.node, o);
  }

  @FieldResolver(() => Boolean, { description: '超期未处理：仍为 OPEN 且处理期限早于今天（北京时间）/ overdue: still OPEN and the due date is before today (China time)' })
  overdue(@Root() o: DataObjection): boolean {
    return isOverdue(o);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: '是否在期限内处理（未处理时为空）/ whether it was handled by the due date (null while OPEN)' })
  handledOnTime(@Root() o: DataObjection): boolean | null {
    return o.handledAt ? todayInChina(o.handledAt) <= o.dueDate : null;
  }

  @FieldResolver(() => Region, { description: "所属行政区划（被异议机构所在）/ owning region (the organization's)" })
  region(@Root() o: DataObjection): Region {
    return Region.from(getRegion(o.regionCode)!);
  }

  @Mutation(() => DataObjection, {
    description:
      "提出数据异议：任何人（包括未登录的公众）可就关于自己的数据错误、遗漏或侵犯秘密、隐私向持有数据的机构提出；处理期限按本平台政策配置以工作日计算。返回的回执中个人信息已脱敏 / object to public data about you that is wrong, missing or infringes secrets or privacy; anyone may file, signed in or not; the due date follows this platform's policy profile in working days; the receipt masks personal information [CAT-10, B §11, SEC-6]",
  })
  async fileDataObjection(@Ctx() ctx: SubgraphContext, @Arg('input') input: FileDataObjectionInput): Promise<DataObjection> {
    assertKnownIdRegion(input.providerId, 'input.providerId');
    if (!blank(input.resourceId)) assertKnownIdRegion(input.resourceId!, 'input.resourceId');
    const provider = parseId(input.providerId) ? await ctx.em.findOne(Organization, { id: input.providerId }) : null;
    if (!provider)
      throw badInput(
        `机构 ${input.providerId} 未在本平台登记 / organization ${input.providerId} is not registered on this platform: address the objection to the organization holding the data`,
        'input.providerId',
      );

    const description = requiredText(input.description, MAX_TEXT, 'input.description', '异议内容');
    const subjectName = requiredText(input.subject.name, MAX_SHORT, 'input.subject.name', '异议人姓名或名称');
    const subjectContact = requiredText(input.subject.contact, MAX_SHORT, 'input.subject.contact', '联系方式');
    const subjectIdNumber = checkSubjectId(input.subject.kind, input.subject.idNumber);

    const infringes = [...new Set(input.infringes ?? [])];
    if (input.kind === 'INFRINGING' && infringes.length === 0) {
      throw badInput(
        '侵权异议须说明侵犯的是国家秘密、商业秘密还是个人隐私 / an INFRINGING objection must say what is infringed: set infringes to STATE_SECRET, TRADE_SECRET and/or PERSONAL_PRIVACY [B §11]',
        'input.infringes',
      );
    }
    if (input.kind !== 'INFRINGING' && infringes.length > 0) {
      throw badInput(
        `infringes 仅用于 INFRINGING 类型的异议，本异议为 ${input.kind} / infringes applies to INFRINGING objections only; this one is ${input.kind}: leave it empty or change the kind`,
        'input.infringes',
      );
    }

    const itemNames = [...new Set((input.itemNames ?? []).map((n) => n.trim()).filter((n) => n))];
    let resourceId: string | null = null;
    if (!blank(input.resourceId)) {
      // Any entry of the provider may be named, not only those the caller can see: objections are
      // mostly about personal data, which is never in the open catalog. The answer confirms only
      // what the caller already typed, and the receipt shows the entry only if they may see it.
      const r = parseId(input.resourceId!) ? await resourceLoader(ctx).load(input.resourceId!) : null;
      if (!r)
        throw badInput(
          `目录条目 ${input.resourceId} 不存在于本平台 / catalog entry ${input.resourceId} was not found on this platform: leave resourceId empty if you do not know the entry`,
          'input.resourceId',
        );
      // Names only of what the caller may see: an anonymous objector learns no entry's name.
      const entry = canSeeResource(ctx.actor, ctx.node, r) ? `「${r.name}」` : input.resourceId!;
      const entryEn = canSeeResource(ctx.actor, ctx.node, r) ? `"${r.name}"` : input.resourceId!;
      if (r.providerId !== provider.id) {
        throw badInput(
          `目录条目 ${entry} 不属于机构 ${provider.id} / catalog entry ${entryEn} is not one of organization ${provider.id}'s: name an entry of the organization addressed, or leave resourceId empty`,
          'input.resourceId',
        );
      }
      resourceId = r.id;
      const available = new Set((await itemsLoader(ctx).load(r.id)).map((i) => i.name));
      const unknown = itemNames.filter((n) => !available.has(n));
      if (unknown.length) {
        throw badInput(
          `目录条目 ${entry} 没有以下信息项：${unknown.join('、')} / the entry ${entryEn} has no item(s) ${unknown.map((n) => `"${n}"`).join(', ')}: name items of the entry, or leave itemNames empty`,
          'input.itemNames',
          { unknownItems: unknown },
        );
      }
    } else if (itemNames.length) {
      throw badInput('填写信息项时须同时指明目录条目 / itemNames need the catalog entry they belong to: set resourceId, or describe the data in description', 'input.resourceId');
    }

    return mutate(ctx, 'catalog', async (em) => {
      const owned = newOwned(provider.regionCode);
      const deadline = objectionDeadline(ctx.node.profiles, owned.createdAt);
      const o = em.create(DataObjection, {
        ...owned,
        ...deadline,
        providerId: provider.id,
        resourceId,
        itemNames,
        kind: input.kind,
        infringes,
        description,
        subjectKind: input.subject.kind,
        subjectName,
        subjectIdNumber,
        subjectContact,
        status: 'OPEN',
        outcome: null,
        response: null,
        handledAt: null,
        handledBy: null,
      });
      return {
        result: o,
        // The log is append-only: it records the rule applied, never the subject's identity.
        audit: {
          action: 'dataObjection.file',
          entityType: 'DataObjection',
          entityId: owned.id,
          data: { providerId: provider.id, resourceId, itemNames, kind: input.kind, infringes, subjectKind: input.subject.kind, ...deadline },
        },
        // An INFRINGING objection to an open entry is a complaint under Z §35: opening suspends the dataset.
        events: dataObjectionFiled({ objectionId: owned.id, resourceId, providerId: provider.id, kind: input.kind, infringes }, provider.regionCode),
      };
    });
  }

  @Mutation(() => DataObjection, {
    description:
      '处理数据异议：被异议机构的工作人员或其所在区域的数据主管部门给出处理结果和答复；只能处理一次 / handle an objection: staff of the organization addressed or the data authority of its region record the outcome and the answer; once only [CAT-10, B §11]',
  })
  async handleDataObjection(@Ctx() ctx: SubgraphContext, @Arg('input') input: HandleDataObjectionInput): Promise<DataObjection> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(input.id, 'input.id');
    const o = parseId(input.id) ? await ctx.em.findOne(DataObjection, { id: input.id }) : null;
    if (!o || !canSeeObjection(actor, ctx.node, o)) throw notFound('数据异议 / data objection', input.id);
    if (!canHandleObjection(actor, ctx.node, o)) {
      throw forbidden(
        '只有被异议机构的工作人员或该区域（含上级）在本平台的数据主管部门可以处理此异议 / only staff of the organization addressed, or the data authority acting on its region on this platform, may handle this objection [B §11]',
      );
    }
    if (o.status !== 'OPEN') {
      throw conflict(
        `该异议已于 ${o.handledAt!.toISOString()} 处理（结果 ${o.outcome}），不能再次处理 / this objection was already handled (${o.outcome}, at ${o.handledAt!.toISOString()}); it cannot be handled twice`,
      );
    }
    const response = requiredText(input.response, MAX_TEXT, 'input.response', '答复');
    const late = isOverdue(o);
    return mutate(ctx, 'catalog', async () => {
      o.status = 'RESOLVED';
      o.outcome = input.outcome;
      o.response = response;
      o.handledAt = new Date();
      o.handledBy = actor.sub;
      return {
        result: o,
        audit: {
          action: 'dataObjection.handle',
          entityType: 'DataObjection',
          entityId: o.id,
          data: { outcome: input.outcome, dueDate: o.dueDate, late, byAuthority: actsOn(actor, ctx.node, o.regionCode) },
        },
      };
    });
  }
}

/** The objection count a catalog entry shows to those who answer for it. */
@Resolver(() => DataResource)
export class DataResourceObjectionsResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      '待处理的数据异议数（仅提供部门、主管部门和审计人员可见，其他人为空）/ open objections to this entry (for the provider, the authority and auditors; null for others) [CAT-10]',
  })
  async openObjections(@Ctx() ctx: SubgraphContext, @Root() r: DataResource): Promise<number | null> {
    if (!canSeeObjection(ctx.actor, ctx.node, r)) return null;
    return openObjectionCountLoader(ctx).load(r.id);
  }
}
