import type { SubgraphModule } from '../kit/subgraph.js';
import { openingInputBounds } from './input-bounds.js';
import { OpenDataset } from './dataset.entity.js';
import { openingReferences } from './dataset.reference.js';
import { OpenDatasetResolver } from './dataset.resolver.js';
import { Migration20261124000000 } from './migrations/Migration20261124000000.js';
import { DataResourceOpeningResolver } from './resource.resolver.js';

export const openingModule: SubgraphModule = {
  name: 'opening',
  inputBounds: openingInputBounds,
  resolvers: [OpenDatasetResolver, DataResourceOpeningResolver],
  references: openingReferences,
  entities: [OpenDataset],
  migrations: [{ name: 'Migration20261124000000', class: Migration20261124000000 }],
};
