import type { Actor, Role } from './auth.js';
import { isWithin } from './regions.js';

/**
 * The part of the authority model (DOMAIN.md, Actors) that does not depend on which node answers,
 * so the gateway decides it exactly as every node does: who reads what of a region wherever it
 * lives. The rest of the model, and every subgraph's use of it, is subgraphs/kit/rules/access.ts.
 */

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}

/** An authority or an auditor of a region: it reads everything of its region and the regions below it. */
export function isOverseer(actor: Actor): boolean {
  return actor.region !== null && (hasRole(actor, 'AUTHORITY') || hasRole(actor, 'AUDITOR'));
}

/**
 * Reads every row of `regionCode`, whoever owns it and wherever it lives: the authority of that
 * region or of one above it (acting on its own node, supervising on another), or such an auditor.
 */
export function overseesRegion(actor: Actor, regionCode: string): boolean {
  return isOverseer(actor) && isWithin(regionCode, actor.region!);
}

/** An auditor reads within its region subtree, wherever the data lives, and changes nothing. */
export function audits(actor: Actor, regionCode: string): boolean {
  return hasRole(actor, 'AUDITOR') && actor.region !== null && isWithin(regionCode, actor.region);
}

/**
 * Who reads the audit log of a region: those who oversee it, auditors and data authorities each
 * within its own region subtree [D §5, J §28]. The gateway's audit log and every subgraph's audit
 * endpoints decide it here.
 */
export function readsAuditLog(actor: Actor, regionCode: string): boolean {
  return overseesRegion(actor, regionCode);
}
