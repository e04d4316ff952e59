import type { Actor } from '../../schema/auth.js';
import { parseId } from '../../schema/ids.js';
import type { NodeConfig } from '../../schema/topology.js';
import { hasRole, isAuthorityOver, requireActor, type SubgraphContext } from '../kit/context.js';
import { badInput, forbidden, notFound } from '../kit/errors.js';
import { assertKnownIdRegion, regionsInScope, type RegionScopeInput } from '../kit/pagination.js';
import { DataResource } from './resource.entity.js';
import { canCompile, canSeeResource } from './resource.rules.js';

/** Who may act on an existing entry, checked once for every mutation that changes it. */
async function findResource(ctx: SubgraphContext, id: string, field: string): Promise<DataResource> {
  const actor = requireActor(ctx);
  assertKnownIdRegion(id, field);
  const r = parseId(id) ? await ctx.em.findOne(DataResource, { id }) : null;
  if (!r || !canSeeResource(actor, ctx.node, r)) throw notFound('目录条目 / data resource', id);
  if (r.status === 'DEPRECATED') throw badInput(`条目已停用，不能再变更 / the entry was retired (DEPRECATED) and cannot change any more`, field);
  return r;
}

/** Drafting and submitting: staff of the providing agency only [J §9, B §17, L §9]. */
export async function loadForCompiling(ctx: SubgraphContext, id: string, field = 'id'): Promise<DataResource> {
  const r = await findResource(ctx, id, field);
  if (!canCompile(ctx.actor, r.providerId)) {
    throw forbidden('只有提供部门的工作人员可以编制、修改和提交此条目 / only staff of the providing agency may compile, change or submit this entry');
  }
  return r;
}

/** Publishing, returning and retiring: the data authority of the entry's region [J §9, B §17, L §9]. */
export async function loadForReview(ctx: SubgraphContext, id: string, what: string): Promise<DataResource> {
  const r = await findResource(ctx, id, 'id');
  if (!isAuthorityOver(ctx.actor, ctx.node, r.regionCode)) {
    throw forbidden(`${what}：仅限条目所属区域的数据主管部门 / only the data authority of the entry's region (${r.regionCode}) may do this`);
  }
  return r;
}

/**
 * The regions whose supervision lists (review queue, overdue entries) a caller sees on this node:
 * an auditor all of them, an authority those it reviews. A fanned-out query reaching a node the
 * caller does not supervise gets an empty list there, not an error.
 */
export function supervisedRegions(actor: Actor, node: NodeConfig, scope?: RegionScopeInput | null): string[] {
  return regionsInScope(node, scope).filter((code) => hasRole(actor, 'AUDITOR') || isAuthorityOver(actor, node, code));
}
