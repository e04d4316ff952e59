import type { SubgraphName } from '../schema/topology.js';
import { catalogModule } from '../subgraphs/catalog/index.js';
import { openingModule } from '../subgraphs/opening/index.js';
import { operationModule } from '../subgraphs/operation/index.js';
import { sharingModule } from '../subgraphs/sharing/index.js';
import type { SubgraphModule } from '../subgraphs/kit/server/subgraph.js';

/** The four subgraphs by name; a node runs one of each. */
export const MODULES: Record<SubgraphName, SubgraphModule> = {
  catalog: catalogModule,
  sharing: sharingModule,
  opening: openingModule,
  operation: operationModule,
};
