import { GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Args, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { readOf, recordRead } from '../kit/server/audit.js';
import { readResource } from './resource.audit.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { parseId } from '../../schema/ids.js';
import { getRegion } from '../../schema/regions.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { dataResourceChanged, entryFacts } from '../kit/rules/catalog-events.js';
import type { EntryDetails } from '../../schema/events.js';
import { badInput, conflict, forbidden } from '../kit/server/errors.js';
import type { OutboxEvent } from '../../schema/events.js';
import type { AuditAction } from '../../schema/audit-actions.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownIdRegion, connectionType, PageArgs, RegionScopeInput, listPage } from '../kit/server/pagination.js';
import { blank } from '../kit/rules/validation.js';
import { validateOneSource } from './one-source.js';
import { Organization } from './organization.entity.js';
import { organizationLoader } from './organization.loader.js';
import { Region } from './region.type.js';
import { DataResourceVersion, FieldChange, type VersionAction } from './resource-version.entity.js';
import { DataItem, DataResource, RevisionStatusEnum, type ResourceContent, type RevisionStatus } from './resource.entity.js';
import { CreateDataResourceInput, REQUIRED_RESOURCE_FIELDS, UpdateDataResourceInput } from './resource.inputs.js';
import { itemsLoader, primeItems, resourceLoader, versionsLoader } from './resource.loader.js';
import { validateResource } from './resource.rules.js';
import { canCompile, canSeeResource, canSeeReviewRecords, loadForCompiling, loadForReview, supervisionFilter } from './access.js';
import { searchColumns } from './search/text.js';
import { changedValue, contentOf, diffContent, itemContent, recordVersion, updateDueAfter, writeItems, type ResourceFields } from './workflow.js';
import { FreeText } from '../kit/server/input-bounds.js';

/** What the negative list [SHR-3, B §24] and an open dataset [Z §10] need of an entry as published. */
const entryDetails = (r: DataResource, items: { name: string }[]): EntryDetails => ({
  name: r.name,
  providerId: r.providerId,
  legalBasis: r.legalBasis ?? null,
  itemNames: items.map((i) => i.name),
  format: r.format,
  updateFrequency: r.updateFrequency,
});

/** What a workflow step changes, with the events it emits. */
// biome-ignore lint/suspicious/noConfusingVoidType: steps that emit no event are written as plain blocks that return nothing
type WorkflowChange = () => OutboxEvent[] | void;

/** The workflow steps that change state but not content (`transition`), with the audit action each writes. */
const TRANSITION_ACTIONS = {
  SUBMITTED: 'dataResource.submitted',
  REVISION_SUBMITTED: 'dataResource.revision_submitted',
  RETURNED: 'dataResource.returned',
  REVISION_RETURNED: 'dataResource.revision_returned',
  RETIRED: 'dataResource.retired',
} as const satisfies Partial<Record<VersionAction, AuditAction<'catalog'>>>;

/** What an optional field holds when not given on create, or cleared on update. */
const DEFAULTS: Pick<
  DataResource,
  'categoryCode' | 'shareCondition' | 'shareReason' | 'shareMode' | 'legalBasis' | 'openCondition' | 'sensitivities' | 'desensitized' | 'consentObtained' | 'relatedCodes'
> = {
  categoryCode: null,
  shareCondition: null,
  shareReason: null,
  shareMode: 'API',
  legalBasis: null,
  openCondition: null,
  sensitivities: [],
  desensitized: false,
  consentObtained: false,
  relatedCodes: [],
};

@ObjectType('DataResourceRevision', {
  description: '已发布条目的待审修改：审核通过前，已发布版本保持可见 / a pending change of a published entry; the published version stays visible until it is approved [B §18]',
})
class DataResourceRevision {
  @Field(() => RevisionStatusEnum, { description: '状态 / status' })
  status!: RevisionStatus;

  @Field(() => [FieldChange], { description: '相对已发布版本的变更 / changes against the published version' })
  changes!: FieldChange[];

  @Field(() => String, { nullable: true, description: "退回意见 / the authority's comments when returned" })
  reviewComment!: string | null;
}

const ReviewQueueConnection = connectionType(
  DataResource,
  'CatalogReviewQueue',
  '待审核的目录条目（新提交的和已发布条目的修改）/ entries awaiting review: new submissions and changes of published entries',
);

/** On create, an optional field given as null is the same as one left out: it takes its default. */
function stripNulls<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as never;
}

/**
 * The fields an update sets. An absent field (undefined: type-graphql leaves out what the client
 * did not send) keeps its value; an explicit null clears an optional field and is refused for a
 * required one, which every entry must have [CAT-1, B §17].
 */
function updatedFields(input: UpdateDataResourceInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    if (value === undefined || field === 'openChangeReason') continue;
    if (value !== null) out[field] = value;
    else if ((REQUIRED_RESOURCE_FIELDS as readonly string[]).includes(field)) {
      throw badInput(
        `${field} 为必填项，不能清除；要修改请给出新值，要保留请不传 / ${field} is required and cannot be cleared: give a new value, or leave it out to keep it [B §17]`,
        `input.${field}`,
      );
    } else out[field] = (DEFAULTS as Record<string, unknown>)[field] ?? null;
  }
  return out;
}

async function assertCodeFree(em: EntityManager, code: string, except?: string): Promise<void> {
  if (await em.count(DataResource, { code, ...(except ? { id: { $ne: except } } : {}) })) {
    throw conflict(`资源代码 ${code} 已存在 / resource code ${code} is already used`);
  }
}

/** The content an entry would have after `input` is applied to `base`, validated by every rule [CAT-1..4, CAT-6]. */
async function proposedContent(
  ctx: SubgraphContext,
  r: DataResource,
  base: ResourceContent,
  input: UpdateDataResourceInput,
): Promise<ResourceContent & { fields: ResourceFields }> {
  const { items: newItems, ...fields } = updatedFields(input) as { items?: UpdateDataResourceInput['items'] };
  // `base` is a whole content (the published one or a revision of it): the merge has every field.
  const state = { ...base.fields, ...fields } as ResourceFields;
  const items = newItems ? newItems.map(itemContent) : base.items;
  // A revision that already makes the entry RESTRICTED carries the reason filed for it: editing it
  // again does not ask for the reason a second time. (A RESTRICTED base is either such a revision
  // or an entry that is RESTRICTED already, which needs no reason.)
  const filedReason = base.fields.openAttribute === 'RESTRICTED' ? (base.fields.openChangeReason as string | null) : null;
  const openChangeReason = blank(input.openChangeReason) ? filedReason : input.openChangeReason!.trim();
  // Z §15 guards what the public already has: compare with the published version once there is one.
  validateResource(state, items, r, openChangeReason);
  await validateOneSource(ctx.em, r.id, items);
  const next = contentOf({ ...state, openChangeReason: openChangeReason ?? state.openChangeReason }, items);
  if (next.fields.code !== r.code) await assertCodeFree(ctx.em, next.fields.code, r.id);
  return next;
}

@Resolver(() => DataResource)
export class DataResourceResolver {
  @Query(() => DataResource, { nullable: true, description: '按ID查询目录条目 / a catalog entry by ID' })
  async dataResource(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string) {
    const r = parseId(id) ? await resourceLoader(ctx).load(id) : null;
    return r && canSeeResource(ctx.actor, ctx.node, r) ? readResource(ctx, r) : null;
  }

  @Query(() => ReviewQueueConnection, {
    description:
      '审核队列（数据主管部门）：所辖区域待审核的新条目和修改，最新在前 / the review queue of the data authority: new entries and changes awaiting review in its regions, newest first [J §9, B §17-18]',
  })
  catalogReviewQueue(@Ctx() ctx: SubgraphContext, @Args() page: PageArgs, @Arg('scope', () => RegionScopeInput, { nullable: true }) scope?: RegionScopeInput | null) {
    const actor = requireActor(ctx);
    const visible = supervisionFilter(actor, ctx.node);
    if (!visible) throw forbidden('审核队列仅限数据主管部门和审计人员 / the review queue is for the data authority and auditors');
    // A fanned-out query reaches nodes this authority does not oversee: they answer with an empty queue.
    return listPage(ctx, DataResource, { visible, scope, where: [{ $or: [{ status: 'SUBMITTED' }, { revisionStatus: 'SUBMITTED' }] }], page });
  }

  @FieldResolver(() => Organization, { description: '提供部门 / providing organization' })
  provider(@Ctx() ctx: SubgraphContext, @Root() r: DataResource) {
    return organizationLoader(ctx).load(r.providerId);
  }

  @FieldResolver(() => [DataItem], { description: '信息项（已发布版本）/ data items (of the published version)' })
  items(@Ctx() ctx: SubgraphContext, @Root() r: DataResource) {
    return itemsLoader(ctx).load(r.id);
  }

  @FieldResolver(() => Region, { description: '所属行政区划 / owning region' })
  region(@Root() r: DataResource): Region {
    return Region.from(getRegion(r.regionCode)!);
  }

  @FieldResolver(() => [DataResourceVersion], {
    nullable: true,
    description: '全部历史版本，最新在前；仅提供部门、数据主管部门和审计人员可见 / every version, newest first; visible to the provider, the authority and auditors [CAT-5]',
  })
  history(@Ctx() ctx: SubgraphContext, @Root() r: DataResource) {
    return canSeeReviewRecords(ctx.actor, ctx.node, r) ? versionsLoader(ctx).load(readOf(ctx, 'DataResource.history', r).id) : null;
  }

  @FieldResolver(() => DataResourceRevision, {
    nullable: true,
    description:
      '已发布条目的待审修改；仅提供部门、数据主管部门和审计人员可见 / the pending change of a published entry; visible to the provider, the authority and auditors [B §18]',
  })
  async pendingRevision(@Ctx() ctx: SubgraphContext, @Root() r: DataResource): Promise<DataResourceRevision | null> {
    if (!r.revision || !canSeeReviewRecords(ctx.actor, ctx.node, r)) return null;
    recordRead(ctx, 'DataResource.pendingRevision', r.id);
    const published = contentOf(r, await itemsLoader(ctx).load(r.id));
    return { status: r.revisionStatus!, changes: diffContent(published, r.revision), reviewComment: r.revisionComment };
  }

  @Mutation(() => DataResource, { description: '新建目录条目（草稿），由提供部门编制 / create a draft catalog entry, compiled by the providing agency [B §17]' })
  async createDataResource(@Ctx() ctx: SubgraphContext, @Arg('input') input: CreateDataResourceInput): Promise<DataResource> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(input.providerId, 'input.providerId');
    const provider = parseId(input.providerId) ? await ctx.em.findOne(Organization, { id: input.providerId }) : null;
    if (!provider) throw badInput(`提供部门 ${input.providerId} 不存在于本平台 / provider ${input.providerId} is not registered on this platform`, 'input.providerId');
    if (!canCompile(actor, provider.id)) throw forbidden('只能为本部门编制目录 / you can only catalog data of your own organization');
    const state = { ...DEFAULTS, ...stripNulls(input) };
    const items = input.items.map(itemContent);
    validateResource(state, items);
    await validateOneSource(ctx.em, null, items);
    await assertCodeFree(ctx.em, state.code);
    let written: DataItem[] = [];
    const created = await mutate(ctx, 'catalog', async (em) => {
      const owned = newOwned(provider.regionCode);
      const content = contentOf({ ...state, openChangeReason: null }, items);
      const r = em.create(DataResource, {
        ...content.fields,
        ...owned,
        providerId: provider.id,
        status: 'DRAFT',
        publishedAt: null,
        ...searchColumns(state, items),
        updatedAt: owned.createdAt,
      });
      // Items reference the entry by a plain column, so the entry must be inserted first.
      await em.flush();
      written = await writeItems(em, owned.id, items, []);
      await recordVersion(em, r, actor, 'CREATED', content, diffContent(null, content));
      return { result: r, audit: { action: 'dataResource.create', entityType: 'DataResource', entityId: owned.id, data: { code: state.code, name: state.name } } };
    });
    primeItems(ctx, created.id, written);
    return created;
  }

  @Mutation(() => DataResource, {
    description:
      '修改目录条目：草稿和退回的条目直接修改；已发布条目的修改成为待审修改，审核通过前已发布版本不变 / change an entry: drafts and returned entries change directly; a change of a published entry becomes a pending revision, and the published version stays until it is approved [B §18]',
  })
  async updateDataResource(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateDataResourceInput,
    @Arg('expectedVersion', () => Int, { nullable: true, description: '读取时的 version；若他人已修改则返回 CONFLICT / the version you read; CONFLICT if it changed' })
    expectedVersion?: number | null,
  ): Promise<DataResource> {
    const r = await loadForCompiling(ctx, id);
    if (expectedVersion != null && expectedVersion !== r.version)
      throw conflict(`条目已被修改（当前版本 ${r.version}）/ the entry changed since you read it (now version ${r.version}); reload and retry`);
    if (r.status === 'SUBMITTED' || r.revisionStatus === 'SUBMITTED') {
      throw conflict('条目正在审核中，审核结束前不能修改 / the entry is under review; it can change again once the authority publishes or returns it');
    }
    const existing = await itemsLoader(ctx).load(r.id);
    const current = contentOf(r, existing);
    if (r.status === 'PUBLISHED') {
      const base = r.revision ?? current;
      const next = await proposedContent(ctx, r, base, input);
      return mutate(ctx, 'catalog', async (em) => {
        em.assign(r, { revision: next, revisionStatus: 'DRAFT', updatedAt: new Date() });
        const changes = diffContent(base, next);
        await recordVersion(em, r, ctx.actor, 'REVISION_UPDATED', next, changes);
        return { result: r, audit: { action: 'dataResource.revise', entityType: 'DataResource', entityId: r.id, data: { changed: changes.map((c) => c.field) } } };
      });
    }
    const next = await proposedContent(ctx, r, current, input);
    let written: DataItem[] = [];
    await mutate(ctx, 'catalog', async (em) => {
      em.assign(r, { ...next.fields, ...searchColumns(next.fields, next.items), updatedAt: new Date() });
      written = await writeItems(em, r.id, next.items, existing);
      const changes = diffContent(current, next);
      await recordVersion(em, r, ctx.actor, 'UPDATED', next, changes);
      return { result: r, audit: { action: 'dataResource.update', entityType: 'DataResource', entityId: r.id, data: { changed: changes.map((c) => c.field) } } };
    });
    // The answer is the entry after the change, items included [CAT-5].
    primeItems(ctx, r.id, written);
    return r;
  }

  @Mutation(() => DataResource, { description: '提交审核（新条目或已发布条目的修改）/ submit the entry, or the change of a published entry, for review [J §9, B §17-18]' })
  async submitDataResource(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<DataResource> {
    const r = await loadForCompiling(ctx, id);
    const revising = r.status === 'PUBLISHED';
    if (revising ? r.revisionStatus !== 'DRAFT' && r.revisionStatus !== 'RETURNED' : r.status !== 'DRAFT' && r.status !== 'RETURNED') {
      throw conflict(
        revising
          ? r.revisionStatus === 'SUBMITTED'
            ? '该条目的修改已提交审核 / the change of this entry was already submitted for review'
            : '已发布条目没有待提交的修改；先用 updateDataResource 拟订修改 / this published entry has no change to submit: draft one with updateDataResource first'
          : `只有草稿或退回的条目可以提交，当前为 ${r.status} / only DRAFT or RETURNED entries can be submitted (this one is ${r.status})`,
      );
    }
    const items = await itemsLoader(ctx).load(r.id);
    return this.transition(
      ctx,
      r,
      revising ? 'REVISION_SUBMITTED' : 'SUBMITTED',
      null,
      () => {
        if (revising) r.revisionStatus = 'SUBMITTED';
        else r.status = 'SUBMITTED';
      },
      revising ? r.revision! : contentOf(r, items),
    );
  }

  @Mutation(() => DataResource, {
    description:
      '审核通过：新条目发布到总目录，或已发布条目的修改生效（数据主管部门）/ approve: a new entry enters the master catalog, or the change of a published entry takes effect (data authority) [B §17-18]',
  })
  async publishDataResource(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('comment', () => String, { nullable: true, description: '审核意见（可选）/ review note (optional)' }) @FreeText comment?: string | null,
  ): Promise<DataResource> {
    const r = await loadForReview(ctx, id, '发布目录');
    const revising = r.status === 'PUBLISHED' && r.revisionStatus === 'SUBMITTED';
    if (!revising && r.status !== 'SUBMITTED')
      throw conflict(
        `没有待审核的内容：只有已提交的条目或修改可以发布，当前为 ${r.status} / nothing awaits review: only SUBMITTED entries or changes can be published (this one is ${r.status})`,
      );
    const existing = await itemsLoader(ctx).load(r.id);
    const published = contentOf(r, existing);
    const next = revising ? r.revision! : published;
    // Another entry may have become the authoritative source of an item since this one was drafted.
    await validateOneSource(ctx.em, r.id, next.items);
    if (revising && next.fields.code !== r.code) await assertCodeFree(ctx.em, next.fields.code as string, r.id);
    let written: DataItem[] | null = null;
    await mutate(ctx, 'catalog', async (em) => {
      const now = new Date();
      const before = entryFacts(r);
      const previous = revising ? entryDetails(r, existing) : null;
      if (revising) {
        em.assign(r, {
          ...next.fields,
          ...searchColumns(next.fields as { name: string; summary: string }, next.items),
          revision: null,
          revisionStatus: null,
          revisionComment: null,
        });
        written = await writeItems(em, r.id, next.items, existing);
      } else {
        em.assign(r, { status: 'PUBLISHED', publishedAt: now, reviewComment: null });
      }
      r.updatedAt = now;
      r.updateDueAt = updateDueAfter(r.lastDataUpdateAt ?? r.publishedAt!, r.updateFrequency);
      await recordVersion(
        em,
        r,
        ctx.actor,
        revising ? 'REVISION_PUBLISHED' : 'PUBLISHED',
        next,
        revising ? diffContent(published, next) : [],
        blank(comment) ? null : comment!.trim(),
      );
      // A revision that closes the entry (NOT_SHARED, PROHIBITED, a higher grade) reaches grants and open datasets [B §49, Z §35];
      // one that restricts its opening, changes its items or the facts an open dataset carries reaches opening [Z §10, Z §20];
      // an entry published or changed NOT_SHARED reaches the negative list [B §24].
      const events = dataResourceChanged(r.id, r.regionCode, revising ? before : null, entryFacts(r), entryDetails(r, next.items), null, previous);
      return { result: r, audit: { action: revising ? 'dataResource.publishRevision' : 'dataResource.publish', entityType: 'DataResource', entityId: r.id }, events };
    });
    // An approved revision answers with its items, not the ones it replaced [B §18].
    if (written) primeItems(ctx, r.id, written);
    return r;
  }

  @Mutation(() => DataResource, { description: '审核退回并附意见（数据主管部门）/ return the entry or change to the agency with review comments (data authority) [J §9, B §17]' })
  async returnDataResource(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('comment', { description: '退回意见：说明需要修改什么 / what the agency must fix' }) @FreeText comment: string,
  ): Promise<DataResource> {
    const r = await loadForReview(ctx, id, '退回目录');
    const revising = r.status === 'PUBLISHED' && r.revisionStatus === 'SUBMITTED';
    if (!revising && r.status !== 'SUBMITTED')
      throw conflict(`没有待审核的内容可退回，当前为 ${r.status} / nothing awaits review, so nothing can be returned (this one is ${r.status})`);
    if (blank(comment)) throw badInput('退回必须写明意见 / a return needs comments telling the agency what to fix', 'comment');
    const items = await itemsLoader(ctx).load(r.id);
    return this.transition(
      ctx,
      r,
      revising ? 'REVISION_RETURNED' : 'RETURNED',
      comment.trim(),
      () => {
        if (revising) Object.assign(r, { revisionStatus: 'RETURNED', revisionComment: comment.trim() });
        else Object.assign(r, { status: 'RETURNED', reviewComment: comment.trim() });
      },
      revising ? r.revision! : contentOf(r, items),
    );
  }

  @Mutation(() => DataResource, {
    description: '停用条目（数据主管部门）：条目保留在历史中，不会被删除 / retire an entry (data authority): it is kept with its history, never deleted [CAT-5]',
  })
  async retireDataResource(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', { description: '停用理由 / why the entry is retired' }) @FreeText reason: string,
  ): Promise<DataResource> {
    const r = await loadForReview(ctx, id, '停用目录');
    if (blank(reason)) throw badInput('停用必须写明理由 / retiring an entry needs a reason', 'reason');
    const items = await itemsLoader(ctx).load(r.id);
    const before = entryFacts(r);
    return this.transition(
      ctx,
      r,
      'RETIRED',
      reason.trim(),
      () => {
        Object.assign(r, { status: 'DEPRECATED', retiredAt: new Date(), retireReason: reason.trim(), revision: null, revisionStatus: null, revisionComment: null });
        // Grants and open datasets of a retired entry are suspended by their subgraphs [B §49, Z §35].
        return dataResourceChanged(r.id, r.regionCode, before, entryFacts(r), entryDetails(r, items), reason.trim());
      },
      contentOf(r, items),
    );
  }

  /** A workflow step that changes state but not content: one version, one audit event, one transaction. */
  private transition(
    ctx: SubgraphContext,
    r: DataResource,
    action: keyof typeof TRANSITION_ACTIONS,
    comment: string | null,
    apply: WorkflowChange,
    snapshot: ResourceContent,
  ): Promise<DataResource> {
    return mutate(ctx, 'catalog', async (em) => {
      const events = apply() ?? [];
      r.updatedAt = new Date();
      await recordVersion(em, r, ctx.actor, action, snapshot, [], comment);
      return { result: r, audit: { action: TRANSITION_ACTIONS[action], entityType: 'DataResource', entityId: r.id, data: comment ? { comment } : undefined }, events };
    });
  }
}

@Resolver(() => DataResourceVersion)
export class DataResourceVersionResolver {
  @FieldResolver(() => Organization, { nullable: true, description: '操作人所属机构 / the acting organization' })
  actorOrganization(@Ctx() ctx: SubgraphContext, @Root() v: DataResourceVersion) {
    return v.actorOrgId ? organizationLoader(ctx).load(v.actorOrgId) : null;
  }

  @FieldResolver(() => GraphQLJSONObject, {
    description: '该版本的完整内容：元数据（fields）和信息项（items）/ the full content of this version: its metadata (fields) and items (items)',
  })
  content(@Root() v: DataResourceVersion): ResourceContent {
    return v.snapshot;
  }
}

@Resolver(() => FieldChange)
export class CatalogFieldChangeResolver {
  @FieldResolver(() => GraphQLJSON, { nullable: true, description: '变更前的值；信息项为其全部属性 / the value before; for an item, all its properties' })
  before(@Root() c: FieldChange): unknown {
    return changedValue(c.field, c.before);
  }

  @FieldResolver(() => GraphQLJSON, { nullable: true, description: '变更后的值 / the value after' })
  after(@Root() c: FieldChange): unknown {
    return changedValue(c.field, c.after);
  }
}
