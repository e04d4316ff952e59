import { catalogEntityRef } from '../kit/server/foreign.js';

/**
 * Entities the catalog owns, as this subgraph sees them (the one convention of every subgraph:
 * `<subgraph>/foreign.ts`, a `<Type>Ref` class with the catalog's GraphQL name and its
 * `__resolveReference` side by side). Only the key is declared (kit/server/foreign.ts, with the
 * catalog's descriptions); the catalog resolves the rest and decides who sees it, and what this
 * subgraph contributes is a field resolver on the class (resource.resolver.ts). Never tables here.
 */
export const DataResourceRef = catalogEntityRef('DataResource');
export type DataResourceRef = InstanceType<typeof DataResourceRef>;
export const OrganizationRef = catalogEntityRef('Organization');
export type OrganizationRef = InstanceType<typeof OrganizationRef>;

/** Any key resolves to its stub: `openDataset` checks its own visibility. */
export const foreignReferences = {
  DataResource: {
    __resolveReference(ref: { id: string }): DataResourceRef {
      return { id: ref.id };
    },
  },
  Organization: {
    __resolveReference(ref: { id: string }): OrganizationRef {
      return { id: ref.id };
    },
  },
};
