import { parseId } from '../../schema/ids.js';
import type { SubgraphContext } from '../kit/context.js';

/**
 * Every catalog fact the sharing subgraph reads, in one place: read through the catalog's public
 * API as the caller (the catalog applies its own visibility), so this is the one function to port
 * to a typed catalog client.
 */
export interface CatalogResource {
  id: string;
  name: string;
  status: string;
  shareAttribute: 'UNCONDITIONAL' | 'CONDITIONAL' | 'NOT_SHARED';
  shareMode: 'API' | 'BULK_COPY' | 'OFFLINE';
  securityGrade: 'CORE' | 'IMPORTANT' | 'GENERAL';
  legalBasis: string | null;
  provider: { id: string } | null;
  items: { name: string; personalInfo: boolean; identifier: boolean }[];
}

export interface CatalogFacts {
  resource: CatalogResource | null;
  /** Whether the organization exists in this node's catalog; undefined when none was asked for. */
  organizationFound?: boolean;
}

const FACTS_QUERY = `query($id: ID!, $org: ID!, $withOrg: Boolean!) {
  dataResource(id: $id) { id name status shareAttribute shareMode securityGrade legalBasis provider { id } items { name personalInfo identifier } }
  organization(id: $org) @include(if: $withOrg) { id }
}`;

/** One round trip for the entry and, optionally, an organization of this node. */
export async function readCatalogFacts(ctx: SubgraphContext, resourceId: string, organizationId?: string): Promise<CatalogFacts> {
  if (!parseId(resourceId)) return { resource: null, organizationFound: organizationId === undefined ? undefined : false };
  const withOrg = organizationId !== undefined;
  const data = await ctx.peers.query<{ dataResource: CatalogResource | null; organization?: { id: string } | null }>('catalog', FACTS_QUERY, {
    id: resourceId, org: organizationId ?? resourceId, withOrg,
  });
  return { resource: data.dataResource, organizationFound: withOrg ? Boolean(data.organization) : undefined };
}

export async function readCatalogResource(ctx: SubgraphContext, resourceId: string): Promise<CatalogResource | null> {
  return (await readCatalogFacts(ctx, resourceId)).resource;
}
