import {
  DATA_FORMATS,
  OPEN_ATTRIBUTES,
  ORG_KINDS,
  RESOURCE_STATUSES,
  SECURITY_GRADES,
  SHARE_ATTRIBUTES,
  SHARE_MODES,
  UPDATE_FREQUENCIES,
  type DataFormat,
  type OpenAttribute,
  type OrgKind,
  type ResourceStatus,
  type SecurityGrade,
  type ShareAttribute,
  type ShareMode,
  type UpdateFrequency,
} from './enums.js';

/**
 * What other subgraphs read of the catalog, through its public schema (schema/catalog.graphql): the
 * answer's types and the query documents, written once, here; subgraphs/kit/server/catalog-client.ts
 * sends them, and its test checks every selection, nullability and enum list against the catalog SDL.
 */

/** A catalog entry (`DataResource`) as other subgraphs may read it. */
export interface CatalogResource {
  id: string;
  name: string;
  summary: string;
  status: ResourceStatus;
  shareAttribute: ShareAttribute;
  /** The mode the provider offers. */
  shareMode: ShareMode;
  openAttribute: OpenAttribute;
  securityGrade: SecurityGrade;
  format: DataFormat;
  updateFrequency: UpdateFrequency;
  legalBasis: string | null;
  provider: { id: string };
  items: { name: string; personalInfo: boolean; identifier: boolean }[];
}

export type CatalogResourceField = Exclude<keyof CatalogResource, 'id'>;

/** An organization (`Organization`) as other subgraphs may read it. */
export interface CatalogOrganization {
  id: string;
  name: string;
  kind: OrgKind;
}

/** Which fields of a catalog type other subgraphs read, how, and what the SDL must say about them. */
export interface SelectionShape<T> {
  /** The GraphQL type in schema/catalog.graphql. */
  type: string;
  /** The selection of each field (sub-selections for objects). */
  select: { [K in keyof T]-?: string };
  /** Fields whose TypeScript type admits null; every other field must be non-null in the SDL. */
  nullable: readonly (keyof T)[];
  /** Enum fields and the values their TypeScript type admits; the SDL enum must have exactly these. */
  enums: Partial<Record<keyof T, readonly string[]>>;
}

export const RESOURCE_SHAPE: SelectionShape<CatalogResource> = {
  type: 'DataResource',
  select: {
    id: 'id',
    name: 'name',
    summary: 'summary',
    status: 'status',
    shareAttribute: 'shareAttribute',
    shareMode: 'shareMode',
    openAttribute: 'openAttribute',
    securityGrade: 'securityGrade',
    format: 'format',
    updateFrequency: 'updateFrequency',
    legalBasis: 'legalBasis',
    provider: 'provider { id }',
    items: 'items { name personalInfo identifier }',
  },
  nullable: ['legalBasis'],
  enums: {
    status: RESOURCE_STATUSES,
    shareAttribute: SHARE_ATTRIBUTES,
    shareMode: SHARE_MODES,
    openAttribute: OPEN_ATTRIBUTES,
    securityGrade: SECURITY_GRADES,
    format: DATA_FORMATS,
    updateFrequency: UPDATE_FREQUENCIES,
  },
};

export const ORGANIZATION_SHAPE: SelectionShape<CatalogOrganization> = {
  type: 'Organization',
  select: { id: 'id', name: 'name', kind: 'kind' },
  nullable: [],
  enums: { kind: ORG_KINDS },
};

/** The query document `catalogResource` sends for these fields (exported for the SDL test). */
export function catalogResourceQuery(fields: readonly CatalogResourceField[]): string {
  const selection = ['id' as const, ...new Set(fields)].map((f) => RESOURCE_SHAPE.select[f]).join(' ');
  return `query CatalogResource($id: ID!) { dataResource(id: $id) { ${selection} } }`;
}

export const CATALOG_ORGANIZATION_QUERY = `query CatalogOrganization($id: ID!) { organization(id: $id) { ${Object.values(ORGANIZATION_SHAPE.select).join(' ')} } }`;

/**
 * The query document `catalogFacts` sends: an entry and an organization of this node in one round
 * trip, each included only when asked for (exported for the SDL test).
 */
export function catalogFactsQuery(fields: readonly CatalogResourceField[]): string {
  const selection = ['id' as const, ...new Set(fields)].map((f) => RESOURCE_SHAPE.select[f]).join(' ');
  return `query CatalogFacts($id: ID!, $withResource: Boolean!, $org: ID!, $withOrganization: Boolean!) {
  dataResource(id: $id) @include(if: $withResource) { ${selection} }
  organization(id: $org) @include(if: $withOrganization) { ${Object.values(ORGANIZATION_SHAPE.select).join(' ')} }
}`;
}
