import { parseId } from '../../schema/ids.js';
import { todayInChina } from '../kit/rules/calendar.js';
import type { InternalRoute } from '../kit/server/subgraph.js';
import { Operator } from './operator.entity.js';
import { accessEndedOn, effectiveStatus, standingOf } from './operator.rules.js';

/**
 * The gateway asks, for each OPERATOR token, whether the authorization it names may act now
 * (gateway/standing.ts): the home node of the record answers, so a suspension or revocation here
 * refuses the operator's calls to every node [D §11, D §28].
 */
export const operatorStanding: InternalRoute = async ({ em, node }, body) => {
  const id = (body as { id?: unknown }).id;
  const ref = typeof id === 'string' ? parseId(id) : null;
  if (!ref || !node.regions.includes(ref.region)) return { found: false };
  const op = await em.findOne(Operator, { id: id as string });
  if (!op) return { found: false };
  const today = todayInChina();
  return {
    found: true,
    organizationId: op.organizationId,
    standing: standingOf(op, today),
    status: effectiveStatus(op, today),
    rectifyBy: op.rectifyBy,
    accessEndedOn: accessEndedOn(op, today),
  };
};
