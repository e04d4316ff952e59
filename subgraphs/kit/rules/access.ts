import { isAnonymous, type Actor } from '../../../schema/auth.js';
import { audits, hasRole, isOverseer, overseesRegion } from '../../../schema/authority.js';
import { regionOf } from '../../../schema/ids.js';
import { REGIONS, isWithin } from '../../../schema/regions.js';
import type { NodeConfig } from '../../../schema/topology.js';

/**
 * The one authority model of every subgraph (DOMAIN.md, Actors), as pure functions of the caller,
 * the node answering and the region that owns a row. Each subgraph's access module builds its SQL
 * filters and predicates from these, so a rule is never decided twice in two ways.
 *
 * - An authority acts on its own region and the regions below it, on the node hosting its region:
 *   the city authority 331100 acts on 331100 and the counties hosted with it. Hosting a region
 *   grants nothing by itself: a county authority on the city node acts on its county only.
 * - An authority of a region above a row's region, not hosted on this node (the city authority on
 *   a district node, the province anywhere), supervises: it reads, it changes nothing.
 * - An auditor reads within its region subtree and changes nothing.
 * - Agency staff act for their own organization only.
 *
 * What does not depend on the node answering (who reads what of a region, the audit log's
 * readers) is the contract's, schema/authority.ts, so the gateway decides it the same way.
 */

export { audits, hasRole };

/** The authority acts on data of `regionCode` here: its region is hosted on this node and `regionCode` lies within it [J §9, B §17, L §9]. */
export function actsOn(actor: Actor, node: NodeConfig, regionCode: string): boolean {
  return hasRole(actor, 'AUTHORITY') && actor.region !== null && node.regions.includes(actor.region) && isWithin(regionCode, actor.region);
}

/** An authority of a region above `regionCode` that is hosted elsewhere: it reads this node's data of that region, and changes nothing. */
export function supervises(actor: Actor, node: NodeConfig, regionCode: string): boolean {
  return hasRole(actor, 'AUTHORITY') && actor.region !== null && !node.regions.includes(actor.region) && isWithin(regionCode, actor.region);
}

/**
 * The supervising authority's coordination of cross-node sharing [B §29]: where a district's
 * provider and another node's requester disagree, the city authority coordinates. No mutation
 * implements coordination yet; this names who will be allowed to.
 */
export function coordinates(actor: Actor, node: NodeConfig, regionCode: string): boolean {
  return supervises(actor, node, regionCode);
}

/**
 * Reads every row of `regionCode`, whoever owns it: the acting or supervising authority, or an
 * auditor. Whether an authority acts or supervises depends on the node; that it reads does not
 * (schema/authority.ts `overseesRegion`).
 */
export function oversees(actor: Actor, _node: NodeConfig, regionCode: string): boolean {
  return overseesRegion(actor, regionCode);
}

/** Staff of the organization itself. */
export function actsForOrg(actor: Actor, orgId: string): boolean {
  return hasRole(actor, 'AGENCY') && actor.orgId !== null && actor.orgId === orgId;
}

/** The registered account itself (a public data user or an operator), by the token's account claim. */
export function actsAsAccount(actor: Actor, accountId: string): boolean {
  return actor.account != null && actor.account === accountId;
}

/** Any verified caller. */
export function isSignedIn(actor: Actor): boolean {
  return !isAnonymous(actor);
}

/**
 * The regions a region predicate admits, as a list a SQL filter can use (`regionCode IN (...)`).
 * Taken over every known region, not only those this node hosts, so the filter and the predicate
 * agree on every row, including one whose region is not hosted here.
 */
export function regionsWhere(admits: (regionCode: string) => boolean): string[] {
  return REGIONS.map((r) => r.code).filter(admits);
}

/** The regions whose rows the caller reads in full on this node (acting, supervising or auditing). */
export function overseenRegions(actor: Actor, node: NodeConfig): string[] {
  return regionsWhere((code) => oversees(actor, node, code));
}

/**
 * Reads what an organization of its region does on any platform: the authority or auditor of the
 * organization's region or a region above it (a district authority follows its agencies' requests
 * for the city's data) [B §29, B §42].
 */
export function overseesOrg(actor: Actor, orgId: string): boolean {
  const region = regionOf(orgId);
  return region !== null && overseesRegion(actor, region);
}

/**
 * The ID prefixes (`<region>:`) of the organizations `overseesOrg` admits, for a SQL filter on an
 * organization ID column (`LIKE '<prefix>%'`); empty for anyone else.
 */
export function overseenOrgPrefixes(actor: Actor): string[] {
  if (!isOverseer(actor)) return [];
  return regionsWhere((code) => isWithin(code, actor.region!)).map((code) => `${code}:`);
}
