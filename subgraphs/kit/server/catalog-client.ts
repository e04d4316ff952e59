import { parseId } from '../../../schema/ids.js';
import {
  CATALOG_ORGANIZATION_QUERY,
  catalogFactsQuery,
  catalogResourceQuery,
  type CatalogOrganization,
  type CatalogResource,
  type CatalogResourceField,
} from '../../../schema/catalog-client.js';
import type { PeerClient } from './peers.js';

/**
 * The one typed client other subgraphs use to read the catalog (the entry's or organization's own
 * node), as the same caller, so the catalog applies its own visibility: what the caller may not
 * see is null. Its queries and answer types are the contract in schema/catalog-client.ts.
 */

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
