import {
  OPEN_ATTRIBUTES,
  ORG_KINDS,
  RESOURCE_STATUSES,
  SECURITY_GRADES,
  SHARE_ATTRIBUTES,
  SHARE_MODES,
  type OpenAttribute,
  type OrgKind,
  type ResourceStatus,
  type SecurityGrade,
  type ShareAttribute,
  type ShareMode,
} from '../../schema/enums.js';
import { parseId } from '../../schema/ids.js';
import type { PeerClient } from './peers.js';

/**
 * The one typed client other subgraphs use to read the catalog of their node, through its public
 * schema (schema/catalog.graphql) and as the same caller, so the catalog applies its own
 * visibility: what the caller may not see is null. The answer's types are written once, here;
 * catalog-client.test.ts checks every selection, nullability and enum list against the catalog SDL.
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
    legalBasis: 'legalBasis',
    provider: 'provider { id }',
    items: 'items { name personalInfo identifier }',
  },
  nullable: ['legalBasis'],
  enums: { status: RESOURCE_STATUSES, shareAttribute: SHARE_ATTRIBUTES, shareMode: SHARE_MODES, openAttribute: OPEN_ATTRIBUTES, securityGrade: SECURITY_GRADES },
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
 * The catalog entry `id` with the named fields (and its id), read from the catalog of the node
 * that owns it (this one or another); null when it does not exist, the caller may not see it, or
 * `id` is not an ID at all.
 */
export async function catalogResource<F extends CatalogResourceField>(
  ctx: { peers: PeerClient },
  id: string,
  fields: readonly F[],
): Promise<Pick<CatalogResource, 'id' | F> | null> {
  const owner = parseId(id) ? ctx.peers.nodeOfId(id) : undefined;
  if (!owner) return null;
  const data = await ctx.peers.queryAt<{ dataResource: Pick<CatalogResource, 'id' | F> | null }>(owner, 'catalog', catalogResourceQuery(fields), { id });
  return data.dataResource;
}

/**
 * The organization `id` as the catalog of its own node registers it (this node or another: an
 * organization is registered where its region is hosted), or null when it is not registered.
 */
export async function catalogOrganization(ctx: { peers: PeerClient }, id: string): Promise<CatalogOrganization | null> {
  const owner = parseId(id) ? ctx.peers.nodeOfId(id) : undefined;
  if (!owner) return null;
  const data = await ctx.peers.queryAt<{ organization: CatalogOrganization | null }>(owner, 'catalog', CATALOG_ORGANIZATION_QUERY, { id });
  return data.organization;
}

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

/**
 * A catalog entry (with the named fields) and an organization, each from the catalog of the node
 * that owns it: one call when both live on the same node. Either may be left out, and each is
 * null when absent, not visible to the caller, or not an ID at all.
 */
export async function catalogFacts<F extends CatalogResourceField>(
  ctx: { peers: PeerClient },
  ask: { resourceId?: string; fields?: readonly F[]; organizationId?: string },
): Promise<{ resource: Pick<CatalogResource, 'id' | F> | null; organization: CatalogOrganization | null }> {
  const resourceNode = ask.resourceId && parseId(ask.resourceId) ? ctx.peers.nodeOfId(ask.resourceId) : undefined;
  const organizationNode = ask.organizationId && parseId(ask.organizationId) ? ctx.peers.nodeOfId(ask.organizationId) : undefined;
  if (resourceNode && organizationNode && resourceNode !== organizationNode) {
    const [resource, organization] = await Promise.all([catalogResource(ctx, ask.resourceId!, ask.fields ?? []), catalogOrganization(ctx, ask.organizationId!)]);
    return { resource, organization };
  }
  const node = resourceNode ?? organizationNode;
  if (!node) return { resource: null, organization: null };
  const withResource = !!resourceNode;
  const withOrganization = !!organizationNode;
  const data = await ctx.peers.queryAt<{ dataResource?: Pick<CatalogResource, 'id' | F> | null; organization?: CatalogOrganization | null }>(
    node,
    'catalog',
    catalogFactsQuery(ask.fields ?? []),
    { id: withResource ? ask.resourceId : '', withResource, org: withOrganization ? ask.organizationId : '', withOrganization },
  );
  return { resource: data.dataResource ?? null, organization: data.organization ?? null };
}
