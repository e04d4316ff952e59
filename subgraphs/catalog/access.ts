import type { FilterQuery } from '@mikro-orm/postgresql';
import { isAnonymous, type Actor } from '../../schema/auth.js';
import { parseId } from '../../schema/ids.js';
import type { NodeConfig } from '../../schema/topology.js';
import { actsAsAccount, actsForOrg, actsOn, hasRole, oversees, overseenRegions, supervises } from '../kit/rules/access.js';
import { isWithin } from '../../schema/regions.js';
import type { AggregateBasis, AggregateRun } from './records/aggregate.entity.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { conflict, forbidden, notFound } from '../kit/server/errors.js';
import { assertKnownIdRegion, regionsInScope, type RegionScopeInput } from '../kit/server/pagination.js';
import type { DataObjection } from './objection.entity.js';
import type { Organization } from './organization.entity.js';
import type { DataDestruction } from './records/destruction.entity.js';
import { DataResource } from './resource.entity.js';

/**
 * Who may see and do what in the catalog: for each entity the SQL filter of its lists and the
 * predicate of a single row, side by side, both built from the kit's authority model
 * (kit/rules/access.ts). Root fields, nested fields, `_entities` and mutations all ask here.
 * catalog/access.test.ts checks that each filter admits exactly the rows its predicate admits.
 */

// ---------------------------------------------------------------- DataResource

type ResourceRow = Pick<DataResource, 'status' | 'publishedAt' | 'openAttribute' | 'securityGrade' | 'providerId' | 'regionCode'>;

const PUBLIC_RESOURCE: FilterQuery<DataResource> = { status: 'PUBLISHED', openAttribute: { $ne: 'PROHIBITED' }, securityGrade: 'GENERAL' };

/**
 * Which entries a caller sees: the public the open catalog only; a signed-in caller the published
 * catalog and entries retired after publication (an entry retired before it was ever published
 * was never part of the catalog: its unreviewed content stays private [CAT-5]); staff their own
 * organization's drafts; those who oversee a region (its authority, a supervising authority, an
 * auditor) everything of it.
 */
export function resourceFilter(actor: Actor, node: NodeConfig): FilterQuery<DataResource> {
  if (isAnonymous(actor)) return PUBLIC_RESOURCE;
  const any: FilterQuery<DataResource>[] = [{ status: 'PUBLISHED' }, { status: 'DEPRECATED', publishedAt: { $ne: null } }, { regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ providerId: actor.orgId });
  return { $or: any };
}

export function canSeeResource(actor: Actor, node: NodeConfig, r: ResourceRow): boolean {
  if (isAnonymous(actor)) return r.status === 'PUBLISHED' && r.openAttribute !== 'PROHIBITED' && r.securityGrade === 'GENERAL';
  return r.status === 'PUBLISHED' || (r.status === 'DEPRECATED' && r.publishedAt !== null) || actsForOrg(actor, r.providerId) || oversees(actor, node, r.regionCode);
}

/**
 * Agencies compile their own sub-catalog [J §9, B §17, L §9]: only staff of the providing agency
 * draft, change and submit its entries, so the authority never reviews its own work.
 */
export function canCompile(actor: Actor, providerId: string): boolean {
  return actsForOrg(actor, providerId);
}

/** Publishing, returning and retiring: the authority acting on the entry's region [J §9, B §17, L §9]. */
export function canReview(actor: Actor, node: NodeConfig, r: Pick<DataResource, 'regionCode'>): boolean {
  return actsOn(actor, node, r.regionCode);
}

/** Review records (history, pending changes, comments): the provider, and those who oversee the region [CAT-5, B §18]. */
export function reviewRecordsFilter(actor: Actor, node: NodeConfig): FilterQuery<DataResource> | null {
  if (isAnonymous(actor)) return null;
  const any: FilterQuery<DataResource>[] = [{ regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ providerId: actor.orgId });
  return { $or: any };
}

export function canSeeReviewRecords(actor: Actor, node: NodeConfig, r: Pick<DataResource, 'providerId' | 'regionCode'>): boolean {
  return canCompile(actor, r.providerId) || oversees(actor, node, r.regionCode);
}

/** Supervision lists (review queue, overdue entries, overdue per agency): those who oversee the region. */
export function supervisionFilter(actor: Actor, node: NodeConfig): FilterQuery<DataResource> | null {
  if (!hasRole(actor, 'AUTHORITY') && !hasRole(actor, 'AUDITOR')) return null;
  return { regionCode: { $in: overseenRegions(actor, node) } };
}

export function canSupervise(actor: Actor, node: NodeConfig, r: Pick<DataResource, 'regionCode'>): boolean {
  return oversees(actor, node, r.regionCode);
}

/**
 * The regions of a supervision list this caller sees on this node, within the requested scope. A
 * fanned-out query reaching a node the caller does not oversee gets an empty list there, not an error.
 */
export function supervisedRegions(actor: Actor, node: NodeConfig, scope?: RegionScopeInput | null): string[] {
  return regionsInScope(node, scope).filter((code) => oversees(actor, node, code));
}

/** Who may act on an existing entry, checked once for every mutation that changes it. */
async function findResource(ctx: SubgraphContext, id: string, field: string): Promise<DataResource> {
  const actor = requireActor(ctx);
  assertKnownIdRegion(id, field);
  const r = parseId(id) ? await ctx.em.findOne(DataResource, { id }) : null;
  if (!r || !canSeeResource(actor, ctx.node, r)) throw notFound('目录条目 / data resource', id);
  if (r.status === 'DEPRECATED') throw conflict('条目已停用，不能再变更 / the entry was retired (DEPRECATED) and cannot change any more');
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

/** Publishing, returning and retiring: the data authority acting on the entry's region [J §9, B §17, L §9]. */
export async function loadForReview(ctx: SubgraphContext, id: string, what: string): Promise<DataResource> {
  const r = await findResource(ctx, id, 'id');
  if (!canReview(ctx.actor, ctx.node, r)) {
    throw forbidden(
      `${what}：仅限条目所属区域（${r.regionCode}）或其上级区域、且在本平台的数据主管部门 / only the data authority of the entry's region (${r.regionCode}) or of a region above it, on this platform, may do this [J §9, B §17]`,
    );
  }
  return r;
}

// ---------------------------------------------------------------- Records (issue 19)

/**
 * Loading an entry's records: staff of the providing agency only, on the entry's own node — the
 * data is the agency's to supply [B §17-18, L §8]; the authority reviews the catalog, it does not
 * fill it. A retired entry takes no load (`findResource` refuses it).
 */
export function canLoadRecords(actor: Actor, r: Pick<DataResource, 'providerId'>): boolean {
  return actsForOrg(actor, r.providerId);
}

/** An entry's loads (their status, counts and errors, never rows): the provider, and those who oversee the entry's region. */
export function canSeeLoads(actor: Actor, node: NodeConfig, r: Pick<DataResource, 'providerId' | 'regionCode'>): boolean {
  return canSeeReviewRecords(actor, node, r);
}

/** The entry a load goes into, refused unless the caller may load it. */
export async function loadForLoading(ctx: SubgraphContext, id: string, field: string): Promise<DataResource> {
  const r = await findResource(ctx, id, field);
  if (!canLoadRecords(ctx.actor, r)) throw forbidden('只有提供部门的工作人员可以加载此条目的数据 / only staff of the providing agency may load records into this entry [B §17-18]');
  return r;
}

// ---------------------------------------------------------------- Organization

/** Organizations (names, credit codes, kinds) are public registry data: every caller sees them. */
export const organizationFilter: FilterQuery<Organization> = {};

/** Registering an organization: the authority acting on its region. */
export function canRegisterOrganization(actor: Actor, node: NodeConfig, regionCode: string): boolean {
  return actsOn(actor, node, regionCode);
}

/** An organization's catalog evaluation [B §48, L §28]: the organization itself and those who oversee its region. */
export function evaluationFilter(actor: Actor, node: NodeConfig): FilterQuery<Organization> | null {
  if (isAnonymous(actor)) return null;
  const any: FilterQuery<Organization>[] = [{ regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ id: actor.orgId });
  return { $or: any };
}

export function canSeeEvaluation(actor: Actor, node: NodeConfig, org: Pick<Organization, 'id' | 'regionCode'>): boolean {
  return actsForOrg(actor, org.id) || oversees(actor, node, org.regionCode);
}

// ---------------------------------------------------------------- DataObjection

type ObjectionRow = Pick<DataObjection, 'providerId' | 'regionCode'>;

/**
 * Which objections a caller reads: staff of the organization addressed, and those who oversee its
 * region; nobody else (null). An objection names a person and what they dispute: never public.
 */
export function objectionFilter(actor: Actor, node: NodeConfig): FilterQuery<DataObjection> | null {
  if (isAnonymous(actor)) return null;
  const any: FilterQuery<DataObjection>[] = [{ regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ providerId: actor.orgId });
  return { $or: any };
}

export function canSeeObjection(actor: Actor, node: NodeConfig, o: ObjectionRow): boolean {
  return actsForOrg(actor, o.providerId) || oversees(actor, node, o.regionCode);
}

/**
 * Handling an objection, and seeing the subject unmasked: staff of the organization addressed,
 * or the authority acting on its region [B §11]. A supervising authority and auditors read it masked.
 */
export function canHandleObjection(actor: Actor, node: NodeConfig, o: ObjectionRow): boolean {
  return actsForOrg(actor, o.providerId) || actsOn(actor, node, o.regionCode);
}

// ---------------------------------------------------------------- AggregateRun (issue 19, item 4)

type RunRow = Pick<AggregateRun, 'regionCode' | 'requesterSub' | 'requesterAccount'>;

/**
 * Who may run an aggregate: an operator under its own authorization [OPR-4, D §15], or a public
 * data user under a MODEL offer, as itself [OPN-2, Z §20]. Whether the authorization or the offer
 * covers the entries and items now is decided by operation and opening (aggregate.resolver.ts).
 */
export function canRunAggregate(actor: Actor, basis: AggregateBasis): boolean {
  if (basis.kind === 'AUTHORIZATION') return hasRole(actor, 'OPERATOR') && actsAsAccount(actor, basis.operatorId);
  return hasRole(actor, 'USER') && actsAsAccount(actor, basis.userAccount);
}

/**
 * The run's reviewer: the data authority of its scope or above [D §17, Z §20]. A city-wide run is
 * the city authority's to approve on every node of the city, districts' included: the result it
 * releases is the city's, and no district sees enough of it to judge.
 */
export function canReviewAggregateRun(actor: Actor, run: Pick<AggregateRun, 'regionCode'>): boolean {
  return hasRole(actor, 'AUTHORITY') && actor.region !== null && isWithin(run.regionCode, actor.region);
}

export function isAggregateRequester(actor: Actor, run: RunRow): boolean {
  return actor.sub === run.requesterSub && (actor.account ?? null) === run.requesterAccount;
}

/** A run (its query and status): the requester, its reviewers, and auditors and authorities overseeing its scope. */
export function canSeeAggregateRun(actor: Actor, node: NodeConfig, run: RunRow): boolean {
  return isAggregateRequester(actor, run) || canReviewAggregateRun(actor, run) || oversees(actor, node, run.regionCode);
}

// ---------------------------------------------------------------- Records [issue 19, SEC-1, SHR-5, SEC-3]

/**
 * Who reads an entry's records for an organization: its own staff only. The provider's staff read
 * their own data whole; any other organization's staff read through a grant the sharing subgraph
 * confirms at each read. An authority's or an auditor's token acts for no organization here:
 * auditors read the audit log of every read, never the records [SEC-1, SEC-2, B §26].
 */
export function canReadRecordsFor(actor: Actor, organizationId: string): boolean {
  return actsForOrg(actor, organizationId);
}

/** The provider reading its own entry: no grant needed, nothing masked [SEC-5]. */
export function readsOwnRecords(r: Pick<DataResource, 'providerId'>, organizationId: string): boolean {
  return r.providerId === organizationId;
}

// ---------------------------------------------------------------- DataDestruction

/**
 * Destruction requests [SEC-4, J §30, Z §32]: staff of the providing agency see their own, those who
 * oversee the entry's region see all of it; nobody else (null). A request names what is destroyed
 * and why: never public.
 */
export function destructionFilter(actor: Actor, node: NodeConfig): FilterQuery<DataDestruction> | null {
  if (isAnonymous(actor)) return null;
  const any: FilterQuery<DataDestruction>[] = [{ regionCode: { $in: overseenRegions(actor, node) } }];
  if (hasRole(actor, 'AGENCY') && actor.orgId) any.push({ providerId: actor.orgId });
  return { $or: any };
}

export function canSeeDestruction(actor: Actor, node: NodeConfig, d: Pick<DataDestruction, 'providerId' | 'regionCode'>): boolean {
  return actsForOrg(actor, d.providerId) || oversees(actor, node, d.regionCode);
}

/** Asking for destruction: staff of the providing agency, who know when their data lost its value [J §30]. */
export function canRequestDestruction(actor: Actor, r: Pick<DataResource, 'providerId'>): boolean {
  return canCompile(actor, r.providerId);
}

/**
 * Deciding on destruction: the data authority of the entry's region or of a region above it, on
 * this platform or not. Unlike other changes a supervising authority makes this one too: a
 * district's records are destroyed only with an approval, and the city authority approving on the
 * district's platform is the approval the rule asks for, not an override of the district's work.
 * An auditor reads the requests and decides nothing.
 */
export function canDecideDestruction(actor: Actor, node: NodeConfig, d: Pick<DataDestruction, 'regionCode'>): boolean {
  return actsOn(actor, node, d.regionCode) || supervises(actor, node, d.regionCode);
}
