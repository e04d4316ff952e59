import { expect } from '@jest/globals';
import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/postgresql';
import { ANONYMOUS, type Actor } from '../../schema/auth.js';
import { regionOf } from '../../schema/ids.js';
import type { NodeConfig } from '../../schema/topology.js';
import { agency, authority, nodeConfig } from './node.js';

export interface LabelledActor {
  label: string;
  actor: Actor;
}

export const auditor = (region: string): Actor => ({ sub: `auditor-${region}`, orgId: null, region, roles: ['AUDITOR'] });
export const operatorActor = (orgId: string): Actor => ({ sub: `operator-${orgId}`, orgId, region: regionOf(orgId), roles: ['OPERATOR'] });

/**
 * The callers every access module is checked against: the public, staff of each owner, the
 * authorities of the city, of counties hosted with it, of a district node and of the province,
 * auditors of the city and of a county, and an operator.
 */
export function accessActors(owners: Record<string, string>, operatorOrg: string): LabelledActor[] {
  return [
    { label: 'anonymous', actor: ANONYMOUS },
    ...Object.entries(owners).map(([label, org]) => ({ label: `agency of ${label}`, actor: agency(org, regionOf(org)!) })),
    ...['331100', '331121', '331122', '331102', '330000'].map((r) => ({ label: `authority ${r}`, actor: authority(r) })),
    ...['331100', '331121'].map((r) => ({ label: `auditor ${r}`, actor: auditor(r) })),
    { label: 'operator', actor: operatorActor(operatorOrg) },
  ];
}

/** The rows live on `host`; the same predicates are also asked as if on a district node, where the city authority only supervises. */
export const accessNodes = (host: NodeConfig): NodeConfig[] => [host, nodeConfig('liandu', ['331102'], host.id), nodeConfig('longquan', ['331181'], host.id)];

/**
 * For each caller and node, the rows `em.find(entity, filter)` returns are exactly those the
 * predicate admits (a null filter admits none), over every row of the table.
 */
export async function expectFilterAgreesWithPredicate<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  actors: LabelledActor[],
  nodes: NodeConfig[],
  filter: (actor: Actor, node: NodeConfig) => FilterQuery<T> | null,
  admits: (actor: Actor, node: NodeConfig, row: T) => boolean,
): Promise<{ checked: number; admitted: number }> {
  const rows = await em.fork().find(entity, {} as FilterQuery<T>);
  expect(rows.length).toBeGreaterThan(0);
  let admitted = 0;
  for (const node of nodes) {
    for (const { label, actor } of actors) {
      const f = filter(actor, node);
      const found = f === null ? [] : await em.fork().find(entity, f);
      const byFilter = found.map((r) => r.id).sort();
      const byPredicate = rows
        .filter((r) => admits(actor, node, r))
        .map((r) => r.id)
        .sort();
      admitted += byPredicate.length;
      expect({ node: node.id, actor: label, ids: byFilter }).toEqual({ node: node.id, actor: label, ids: byPredicate });
    }
  }
  return { checked: rows.length * actors.length * nodes.length, admitted };
}
