import type { EntityManager } from '@mikro-orm/postgresql';
import { parseId } from '../../schema/ids.js';
import { groupByKey, type SubgraphContext } from '../kit/server/context.js';
import { badInput } from '../kit/server/errors.js';
import { DataItem, DataResource, type ItemContent } from './resource.entity.js';

/**
 * One data, one source [J §9-10, B §14, L §10]: an item name has one authoritative source entry
 * on a platform; other entries link their copy of the item to it, or file why they must collect
 * it again. Checked on the items an entry would have after the change.
 */
export async function validateOneSource(em: EntityManager, resourceId: string | null, items: ItemContent[], field = 'input.items'): Promise<void> {
  const linked = items.map((item, i) => ({ item, i })).filter(({ item }) => item.sourceItemId);
  for (const { item, i } of linked) {
    if (item.authoritative) {
      throw badInput(
        `信息项 "${item.name}" 已声明为权威来源，不能再取自其他来源 / item "${item.name}" is declared authoritative, so it cannot also be taken from another source: clear sourceItemId or authoritative`,
        `${field}.${i}.sourceItemId`,
      );
    }
    if (!parseId(item.sourceItemId!)) throw badInput(`权威来源信息项ID "${item.sourceItemId}" 格式不正确 / "${item.sourceItemId}" is not an item ID`, `${field}.${i}.sourceItemId`);
  }
  if (linked.length) {
    const sources = await em.find(DataItem, { id: { $in: linked.map(({ item }) => item.sourceItemId!) } });
    const owners = await em.find(DataResource, { id: { $in: sources.map((s) => s.resourceId) } }, { fields: ['id', 'status', 'code'] });
    for (const { item, i } of linked) {
      const source = sources.find((s) => s.id === item.sourceItemId);
      const owner = source && owners.find((o) => o.id === source.resourceId);
      if (!source || !owner)
        throw badInput(`权威来源信息项 ${item.sourceItemId} 不存在于本平台 / source item ${item.sourceItemId} does not exist on this platform`, `${field}.${i}.sourceItemId`);
      if (owner.id === resourceId)
        throw badInput(`信息项 "${item.name}" 不能以本条目的信息项为来源 / item "${item.name}" cannot be sourced from an item of the same entry`, `${field}.${i}.sourceItemId`);
      if (owner.status !== 'PUBLISHED')
        throw badInput(
          `来源条目 ${owner.code} 未发布（${owner.status}），只能关联总目录中已发布的条目 / the source entry ${owner.code} is ${owner.status}: link to an entry published in the master catalog`,
          `${field}.${i}.sourceItemId`,
        );
    }
    if (resourceId)
      await rejectCycles(
        em,
        resourceId,
        linked.map(({ item }) => item.sourceItemId!),
        `${field}.${linked[0]!.i}.sourceItemId`,
      );
  }
  const claims = items.map((item, i) => ({ item, i })).filter(({ item }) => item.authoritative);
  if (claims.length) {
    const rivals = await em.find(DataItem, { name: { $in: claims.map(({ item }) => item.name) }, authoritative: true, ...(resourceId ? { resourceId: { $ne: resourceId } } : {}) });
    const published = rivals.length ? await em.find(DataResource, { id: { $in: rivals.map((r) => r.resourceId) }, status: 'PUBLISHED' }, { fields: ['id', 'code'] }) : [];
    for (const { item, i } of claims) {
      const rival = rivals.find((r) => r.name === item.name && published.some((p) => p.id === r.resourceId));
      if (rival) {
        const code = published.find((p) => p.id === rival.resourceId)!.code;
        throw badInput(
          `信息项 "${item.name}" 的权威来源已是条目 ${code}（信息项 ${rival.id}），应通过 sourceItemId 关联，不得重复采集 / "${item.name}" already has an authoritative source, entry ${code} (item ${rival.id}): link to it with sourceItemId instead of collecting it again`,
          `${field}.${i}.authoritative`,
        );
      }
    }
  }
}

/** Following source links from the new sources must never lead back into this entry. */
async function rejectCycles(em: EntityManager, resourceId: string, sourceIds: string[], field: string): Promise<void> {
  const rows = await em.execute<{ id: string }[]>(
    `with recursive chain(id, resource_id, source_item_id, depth) as (
       select id, resource_id, source_item_id, 1 from "catalog"."data_item" where id in (${sourceIds.map(() => '?').join(', ')})
       union all
       select d.id, d.resource_id, d.source_item_id, c.depth + 1 from "catalog"."data_item" d join chain c on d.id = c.source_item_id where c.depth < 64
     ) select id from chain where resource_id = ? limit 1`,
    [...sourceIds, resourceId],
  );
  if (rows.length) {
    throw badInput('来源关联形成循环：所选来源最终又取自本条目 / the link would form a cycle: the chosen source is itself (directly or indirectly) taken from this entry', field);
  }
}

export interface OneSourceFlagRow {
  resourceId: string;
  itemName: string;
  sourceItemId: string;
  sourceResourceId: string;
}

/**
 * Items of each entry that an authoritative source in the master catalog already provides, with
 * neither a link to it nor a justification: "can be obtained by sharing — must not be collected again".
 */
export const oneSourceFlagsLoader = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, OneSourceFlagRow[]>('oneSourceFlags', async (ids) => {
    const rows = await ctx.em.execute<{ resource_id: string; name: string; source_item_id: string; source_resource_id: string }[]>(
      `select i.resource_id, i.name, s.id as source_item_id, s.resource_id as source_resource_id
         from "catalog"."data_item" i
         join "catalog"."data_item" s on s.name = i.name and s.authoritative and s.resource_id <> i.resource_id
         join "catalog"."data_resource" sr on sr.id = s.resource_id and sr.status = 'PUBLISHED'
        where i.resource_id in (${ids.map(() => '?').join(', ')})
          and not i.authoritative and i.source_item_id is null and i.duplication_justification is null
        order by i.resource_id, i.position`,
      [...ids],
    );
    const flags = rows.map((r) => ({ resourceId: r.resource_id, itemName: r.name, sourceItemId: r.source_item_id, sourceResourceId: r.source_resource_id }));
    return groupByKey(ids, flags, (f) => f.resourceId);
  });
