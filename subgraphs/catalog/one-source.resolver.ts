import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { type SubgraphContext } from '../kit/server/context.js';
import { badInput } from '../kit/server/errors.js';
import { mutate } from '../kit/server/mutation.js';
import { blank } from '../kit/rules/validation.js';
import { oneSourceFlagsLoader, validateOneSource, type OneSourceFlagRow } from './one-source.js';
import { DataItem, DataResource, type ItemContent } from './resource.entity.js';
import { JustifyDataItemDuplicationInput, LinkDataItemSourceInput } from './resource.inputs.js';
import { canSeeResource, loadForCompiling } from './access.js';
import { itemByIdLoader, itemsLoader, resourceLoader } from './resource.loader.js';
import { contentOf, itemContent, recordVersion } from './workflow.js';
import type { VersionAction } from './resource-version.entity.js';
import type { AuditAction } from '../../schema/audit-actions.js';

/** The one-source declarations (`changeItem`), with the audit action each writes. */
const ITEM_ACTIONS = {
  SOURCE_LINKED: 'dataItem.source_linked',
  DUPLICATION_JUSTIFIED: 'dataItem.duplication_justified',
} as const satisfies Partial<Record<VersionAction, AuditAction<'catalog'>>>;

@ObjectType('OneSourceFlag', {
  description:
    '一数一源提示：该信息项已有权威来源，可通过共享获取，不得重复采集 / one data, one source: an authoritative source already provides this item — obtain it by sharing, do not collect it again [J §9-10, B §14, L §10]',
})
class OneSourceFlag {
  @Field({ description: '本条目中重复的信息项 / the duplicated item of this entry' })
  itemName!: string;

  @Field(() => ID, { description: '权威来源信息项ID，用于 linkDataItemSource / the authoritative item, for linkDataItemSource' })
  sourceItemId!: string;

  @Field(() => ID, { description: '权威来源条目ID / the authoritative entry' })
  sourceResourceId!: string;
}

@Resolver(() => DataResource)
export class OneSourceResolver {
  @FieldResolver(() => [OneSourceFlag], {
    description:
      '重复采集提示：已有权威来源、但未关联来源也未报备理由的信息项；仅列出调用者能看到其权威来源条目的 / items an authoritative source already provides that are neither linked to it nor justified; only those whose source entry the caller may see [J §9-10, B §14]',
  })
  async oneSourceFlags(@Ctx() ctx: SubgraphContext, @Root() r: DataResource): Promise<OneSourceFlagRow[]> {
    const flags = await oneSourceFlagsLoader(ctx).load(r.id);
    // A flag names the source's entry and item: an open entry must not tell the public those of a PROHIBITED one.
    const sources = await Promise.all(flags.map((f) => resourceLoader(ctx).load(f.sourceResourceId)));
    return flags.filter((_, i) => sources[i] && canSeeResource(ctx.actor, ctx.node, sources[i]));
  }

  @Mutation(() => DataResource, {
    description:
      '将信息项关联到权威来源，消除重复采集提示（提供部门）/ link an item to its authoritative source, clearing the duplicate flag (providing agency) [J §9-10, B §14, L §10]',
  })
  linkDataItemSource(@Ctx() ctx: SubgraphContext, @Arg('input') input: LinkDataItemSourceInput): Promise<DataResource> {
    return this.changeItem(ctx, input.resourceId, input.itemName, 'SOURCE_LINKED', (item) => ({ ...item, sourceItemId: input.sourceItemId, authoritative: false }));
  }

  @Mutation(() => DataResource, {
    description: '报备信息项确需重复采集的理由，消除重复采集提示（提供部门）/ file why an item must be collected again, clearing the duplicate flag (providing agency) [B §14]',
  })
  justifyDataItemDuplication(@Ctx() ctx: SubgraphContext, @Arg('input') input: JustifyDataItemDuplicationInput): Promise<DataResource> {
    if (blank(input.justification)) throw badInput('理由不能为空 / the justification is required', 'input.justification');
    return this.changeItem(ctx, input.resourceId, input.itemName, 'DUPLICATION_JUSTIFIED', (item) => ({ ...item, duplicationJustification: input.justification.trim() }));
  }

  /**
   * One-source declarations change an item in place, without a review round, so the flag clears at
   * once; a pending revision gets the same change, so approving it later does not undo it.
   */
  private async changeItem(
    ctx: SubgraphContext,
    resourceId: string,
    itemName: string,
    action: keyof typeof ITEM_ACTIONS,
    change: (item: ItemContent) => ItemContent,
  ): Promise<DataResource> {
    const r = await loadForCompiling(ctx, resourceId, 'input.resourceId');
    const actor = ctx.actor;
    const items = await itemsLoader(ctx).load(r.id);
    const row = items.find((i) => i.name === itemName.trim());
    if (!row)
      throw badInput(`信息项 "${itemName}" 不在条目 ${r.code} 中，可选：${items.map((i) => i.name).join('、')} / item "${itemName}" is not in entry ${r.code}`, 'input.itemName');
    const next = change(itemContent(row));
    const all = items.map((i) => (i === row ? next : itemContent(i)));
    await validateOneSource(ctx.em, r.id, all, 'input');
    return mutate(ctx, 'catalog', async (em) => {
      em.assign(row, next);
      if (r.revision) {
        r.revision = { ...r.revision, items: r.revision.items.map((i) => (i.name === next.name ? change(i) : i)) };
      }
      await recordVersion(em, r, actor, action, contentOf(r, all), [{ field: `items.${next.name}`, before: JSON.stringify(itemContent(row)), after: JSON.stringify(next) }]);
      return {
        result: r,
        audit: {
          action: ITEM_ACTIONS[action],
          entityType: 'DataItem',
          entityId: row.id,
          data: { resourceId: r.id, sourceItemId: next.sourceItemId, justification: next.duplicationJustification },
        },
      };
    });
  }
}

@Resolver(() => OneSourceFlag)
export class OneSourceFlagResolver {
  @FieldResolver(() => DataResource, { nullable: true, description: '权威来源条目 / the authoritative entry' })
  async sourceResource(@Ctx() ctx: SubgraphContext, @Root() f: OneSourceFlagRow) {
    const r = await resourceLoader(ctx).load(f.sourceResourceId);
    return r && canSeeResource(ctx.actor, ctx.node, r) ? r : null;
  }
}

@Resolver(() => DataItem)
export class DataItemResolver {
  @FieldResolver(() => DataItem, {
    nullable: true,
    description: '权威来源信息项；调用者看不到其所在条目时为空 / the authoritative item this item is obtained from; null when the caller may not see its entry',
  })
  source(@Ctx() ctx: SubgraphContext, @Root() item: DataItem): Promise<DataItem | null> {
    return visibleSource(ctx, item);
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description:
      '该信息项取自的权威来源信息项ID；调用者看不到其所在条目时为空 / the ID of the authoritative item this item is obtained from; null when the caller may not see its entry [J §9-10, B §14]',
  })
  async sourceItemId(@Ctx() ctx: SubgraphContext, @Root() item: DataItem): Promise<string | null> {
    return (await visibleSource(ctx, item))?.id ?? null;
  }
}

/**
 * The item `item` is obtained from, if the caller may see its entry. An open entry may take an item
 * from a PROHIBITED one: the link must not open the source, nor tell the public its ID.
 */
async function visibleSource(ctx: SubgraphContext, item: DataItem): Promise<DataItem | null> {
  const source = item.sourceItemId ? await itemByIdLoader(ctx).load(item.sourceItemId) : null;
  if (!source) return null;
  const entry = await resourceLoader(ctx).load(source.resourceId);
  return entry && canSeeResource(ctx.actor, ctx.node, entry) ? source : null;
}
