import type { SubgraphName } from '../schema/topology.js';
import { catalogModule } from './catalog/index.js';
import { openingModule } from './opening/index.js';
import { operationModule } from './operation/index.js';
import { sharingModule } from './sharing/index.js';
import type { SubgraphModule } from './kit/subgraph.js';

/** The four subgraphs by name; a node runs one of each. */
export const MODULES: Record<SubgraphName, SubgraphModule> = {
  catalog: catalogModule,
  sharing: sharingModule,
  opening: openingModule,
  operation: operationModule,
};
