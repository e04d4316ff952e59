import { parseId } from '../../schema/ids.js';
import type { SubgraphContext } from '../kit/server/context.js';
import { catalogEntityRef, regionRef } from '../kit/server/foreign.js';

/**
 * Entities the catalog owns, as this subgraph sees them (the one convention of every subgraph:
 * `<subgraph>/foreign.ts`, a `<Type>Ref` class with the catalog's GraphQL name and its
 * `__resolveReference` side by side). Only the key is declared (kit/server/foreign.ts, with the
 * catalog's descriptions); the catalog resolves the rest, and what this subgraph contributes is a
 * field resolver on the class (resource-sharing.resolver.ts). Never tables here.
 */
export const DataResourceRef = catalogEntityRef('DataResource');
export type DataResourceRef = InstanceType<typeof DataResourceRef>;
export const OrganizationRef = catalogEntityRef('Organization');
export type OrganizationRef = InstanceType<typeof OrganizationRef>;
export const RegionRef = regionRef();
export type RegionRef = InstanceType<typeof RegionRef>;

export const foreignReferences = {
  /**
   * A resource can only have requests on the node hosting its region, so an ID that is malformed
   * or of another node's region resolves to null instead of reporting zero counts for data that
   * is not here.
   */
  DataResource: {
    __resolveReference(ref: { id: string }, ctx: SubgraphContext): DataResourceRef | null {
      const region = parseId(ref.id)?.region;
      return region && ctx.node.regions.includes(region) ? { id: ref.id } : null;
    },
  },
  Organization: {
    __resolveReference(ref: { id: string }): OrganizationRef {
      return { id: ref.id };
    },
  },
};
