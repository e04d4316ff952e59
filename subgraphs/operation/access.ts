import type { FilterQuery } from '@mikro-orm/postgresql';
import { isAnonymous, type Actor } from '../../schema/auth.js';
import type { NodeConfig } from '../../schema/topology.js';
import { actsOn, isSignedIn } from '../kit/rules/access.js';
import type { Operator } from './operator.entity.js';
import { effectiveStatus, statusCondition } from './operator.rules.js';

/**
 * Who may see and do what in authorized operation: for each entity the SQL filter of its lists and
 * the predicate of a single row, side by side, both built from the kit's authority model
 * (kit/rules/access.ts). operation/access.test.ts checks that the filter admits exactly the rows its
 * predicate admits.
 */

type OperatorRow = Pick<Operator, 'status' | 'termStart' | 'termEnd'>;

/**
 * The list of licensed operators is public information: every signed-in caller (agencies,
 * operators, auditors) sees all authorizations, whatever their status, so that an agency can check
 * whether an operator asking for data is licensed. The public sees only those in force (ACTIVE).
 */
export function operatorFilter(actor: Actor, today: string): FilterQuery<Operator> {
  return isAnonymous(actor) ? statusCondition('ACTIVE', today) : {};
}

export function canSeeOperator(actor: Actor, op: OperatorRow, today: string): boolean {
  return isSignedIn(actor) || effectiveStatus(op, today) === 'ACTIVE';
}

/** Why an authorization was suspended, reinstated or revoked: signed-in callers only. */
export function canSeeStatusReason(actor: Actor): boolean {
  return isSignedIn(actor);
}

/**
 * Licensing, suspending, reinstating and revoking: the data authority acting on the operator's
 * region, alone [D §9, D §28]; industry departments may not license on their own [J §20]. An
 * operator acts only on its own record, and no mutation of its own exists yet, so operators
 * change nothing here.
 */
export function canLicense(actor: Actor, node: NodeConfig, regionCode: string): boolean {
  return actsOn(actor, node, regionCode);
}
