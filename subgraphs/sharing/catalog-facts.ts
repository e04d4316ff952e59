import { parseId } from '../../schema/ids.js';
import type { SubgraphContext } from '../kit/context.js';

/**
 * What demands need to know from the catalog, read through its API as the caller (the catalog
 * applies its own visibility). All of it goes through `catalogFacts`, so moving to the kit's typed
 * catalog client is a change of this one function.
 */
export interface CatalogFacts {
  organization: { id: string; kind: string } | null;
  resource: { id: string; status: string; provider: { id: string } | null } | null;
}

const FACTS_QUERY = `query($org: ID!, $withOrg: Boolean!, $res: ID!, $withRes: Boolean!) {
  organization(id: $org) @include(if: $withOrg) { id kind }
  dataResource(id: $res) @include(if: $withRes) { id status provider { id } }
}`;

/** An organization and/or a catalog entry of this node's catalog, in one call; a malformed ID reads as absent. */
export async function catalogFacts(ctx: SubgraphContext, ids: { organizationId?: string; resourceId?: string }): Promise<CatalogFacts> {
  const withOrg = !!ids.organizationId && !!parseId(ids.organizationId);
  const withRes = !!ids.resourceId && !!parseId(ids.resourceId);
  if (!withOrg && !withRes) return { organization: null, resource: null };
  const data = await ctx.peers.query<{ organization?: CatalogFacts['organization']; dataResource?: CatalogFacts['resource'] }>('catalog', FACTS_QUERY, {
    org: withOrg ? ids.organizationId : '', withOrg, res: withRes ? ids.resourceId : '', withRes,
  });
  return { organization: data.organization ?? null, resource: data.dataResource ?? null };
}
