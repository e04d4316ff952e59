import type { CatalogResource as CatalogEntry } from '../../schema/catalog-client.js';
import { catalogFacts } from '../kit/server/catalog-client.js';
import type { SubgraphContext } from '../kit/server/context.js';

/** What the sharing subgraph reads of a catalog entry, through the kit's typed catalog client. */
const FIELDS = ['name', 'status', 'shareAttribute', 'shareMode', 'securityGrade', 'legalBasis', 'provider', 'items'] as const;

export type CatalogResource = Pick<CatalogEntry, 'id' | (typeof FIELDS)[number]>;

export interface CatalogFacts {
  resource: CatalogResource | null;
  /** Whether the organization exists in this node's catalog; undefined when none was asked for. */
  organizationFound?: boolean;
}

/** One round trip for the entry and, optionally, an organization of this node. */
export async function readCatalogFacts(ctx: SubgraphContext, resourceId: string, organizationId?: string): Promise<CatalogFacts> {
  const facts = await catalogFacts(ctx, { resourceId, fields: FIELDS, organizationId });
  return { resource: facts.resource, organizationFound: organizationId === undefined ? undefined : facts.organization !== null };
}

export async function readCatalogResource(ctx: SubgraphContext, resourceId: string): Promise<CatalogResource | null> {
  return (await readCatalogFacts(ctx, resourceId)).resource;
}
