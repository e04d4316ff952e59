import type { SubgraphName } from './topology.js';

/**
 * Streamed transfers (docs/architecture.md, "Records"): HTTP routes whose body streams up (an
 * upload) or down (a download) between a client and a node's subgraph, through the gateway, where
 * a GraphQL request would hold the whole body in memory twice. The contract both sides follow:
 *
 * - A transfer's path is `/data/<kind>/…` on the gateway and on the subgraph alike. `<kind>` names
 *   what is transferred and, in TRANSFER_KINDS, the subgraph that serves it.
 * - The first path segment after `<kind>` that is a global ID (`<region>:<ulid>`, schema/ids.ts),
 *   alone or with a file extension (`<id>.csv`), routes the request to the node hosting its
 *   region; a path with none goes to the root node.
 * - The gateway verifies the client's token as for /graphql and signs the actor for the subgraph
 *   over `transferSigned(method, url)` (kit/server/transfers.ts explains why not over the body).
 */
export const TRANSFER_PREFIX = '/data/';

/** Which subgraph serves each kind of transfer. A subgraph declares its routes in its module's `transfers`. */
export const TRANSFER_KINDS: Record<string, SubgraphName> = {
  /** `PUT /data/loads/{loadId}`: the file of a load started by `startDataLoad` (catalog, records/upload.route.ts). */
  loads: 'catalog',
  /** `GET /data/open/{datasetId}.csv|.json`: an UNCONDITIONAL open dataset's records, gzip (catalog, records/download.route.ts). */
  open: 'catalog',
};

/** The text a transfer's signature covers in place of a body: its method and its exact URL (path and query). */
export const transferSigned = (method: string, url: string): string => `transfer ${method.toUpperCase()} ${url}`;

/** The response header in which a subgraph hands the gateway its audit chain's new head (JSON), which the gateway keeps and never passes on. */
export const AUDIT_HEAD_HEADER = 'x-audit-head';
