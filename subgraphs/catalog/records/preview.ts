import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { parseId } from '../../../schema/ids.js';
import { todayInChina } from '../../kit/rules/calendar.js';
import { recordRead } from '../../kit/server/audit.js';
import { requireActor, type SubgraphContext } from '../../kit/server/context.js';
import { badInput, notFound } from '../../kit/server/errors.js';
import { Bound } from '../../kit/server/input-bounds.js';
import { assertKnownIdRegion } from '../../kit/server/pagination.js';
import { canSeeResource } from '../access.js';
import { DataItem, DataResource } from '../resource.entity.js';
import { basisOf, checkBasis } from './aggregate.resolver.js';
import { AggregateBasisInput, RecordPreview, RecordPreviewRow } from './aggregate.types.js';
import { maskValue } from './masking.js';
import { baseVersion, RECORD_TABLE } from './store.js';
import type { StoredValue } from './values.js';

/** The most rows of a preview: enough to see the shape of the data, too few to be the data. */
export const PREVIEW_ROWS = 30;

/**
 * A value as a preview shows it: a personal value or an identifier masked as every read masks it
 * (records/masking.ts), any other value as it is [SEC-3, D §17].
 */
export function desensitize(item: Pick<DataItem, 'personalInfo' | 'identifier'>, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return item.identifier || item.personalInfo ? maskValue(item, value as StoredValue) : String(value);
}

@Resolver()
export class RecordPreviewResolver {
  @Query(() => RecordPreview, {
    description:
      '抽样脱敏预览（模型开发者用）：至多30行，按日固定抽样，个人信息和标识符脱敏，从不返回原始记录；调用者与统计任务相同，逐次记入审计 / a sampled, desensitized preview for model developers: at most 30 rows, the same sample all day, personal items and identifiers masked, never the raw rows; for the same callers as aggregate runs, each read audited [D §15, D §17, Z §20, OPR-4, OPN-2]',
  })
  async recordPreview(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: '目录条目 / the catalog entry' }) id: string,
    @Arg('items', () => [String], { description: '预览的信息项（至多50项）/ the items to preview, at most 50' }) @Bound({ kind: 'line', maxItems: 50 }) items: string[],
    @Arg('basis', () => AggregateBasisInput) basis: AggregateBasisInput,
  ): Promise<RecordPreview> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(id, 'id');
    if (items.length === 0) throw badInput('须至少一个信息项 / name at least one item', 'items');
    const b = basisOf(actor, basis, 'basis');
    const r = parseId(id) ? await ctx.em.findOne(DataResource, { id }) : null;
    if (!r || !canSeeResource(actor, ctx.node, r)) throw notFound('目录条目 / data resource', id);
    const all = await ctx.em.find(DataItem, { resourceId: id });
    const byName = new Map(all.map((i) => [i.name, i]));
    const chosen = items.map((name, n) => {
      const i = byName.get(name.trim());
      if (!i) throw badInput(`条目没有信息项"${name}" / the entry has no item "${name}"`, `items[${n}]`);
      return i;
    });
    await checkBasis(
      ctx,
      b,
      [r],
      chosen.map((i) => i.name),
    );
    const base = await baseVersion(ctx.em, id);
    // The same sample all day: asking again shows no further rows.
    const rows = (await ctx.em
      .getConnection()
      .execute(`select data from ${RECORD_TABLE} where resource_id = ? and version >= ? order by md5(version::text || ':' || row_no::text || ?) limit ${PREVIEW_ROWS}`, [
        id,
        base,
        todayInChina(),
      ])) as { data: Record<string, unknown> }[];
    recordRead(ctx, 'RecordPreview', id, r.regionCode);
    return Object.assign(new RecordPreview(), {
      resourceId: id,
      items: chosen.map((i) => i.name),
      rows: rows.map((row) => Object.assign(new RecordPreviewRow(), { values: chosen.map((i) => desensitize(i, row.data[i.name])) })),
    });
  }
}
