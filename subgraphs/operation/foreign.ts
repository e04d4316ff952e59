import { catalogEntityRef } from '../kit/server/foreign.js';

/**
 * Entities the catalog owns, as this subgraph sees them (the one convention of every subgraph:
 * `<subgraph>/foreign.ts`, a `<Type>Ref` class with the catalog's GraphQL name and its
 * `__resolveReference` side by side). Only the key is declared (kit/server/foreign.ts, with the
 * catalog's description); the catalog is the registry of organizations, and this subgraph
 * contributes `operator` (organization.resolver.ts). Never a table here.
 */
export const OrganizationRef = catalogEntityRef('Organization');
export type OrganizationRef = InstanceType<typeof OrganizationRef>;
/** The catalog entries a data-use authorization names (authorization.entity.ts) and governance feedback is about (feedback.resolver.ts); this subgraph adds no field to it. */
export const DataResourceRef = catalogEntityRef('DataResource');
export type DataResourceRef = InstanceType<typeof DataResourceRef>;

/** Any key resolves to its stub: `operator` checks its own visibility. */
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
