import type { SubgraphModule } from '../kit/subgraph.js';
import { sharingInputBounds } from './input-bounds.js';
import { Migration20261124000000 } from './migrations/Migration20261124000000.js';
import { ResourceSharingResolver } from './resource-sharing.resolver.js';
import { ShareRequest } from './share-request.entity.js';
import { shareRequestReference } from './share-request.reference.js';
import { ShareRequestResolver } from './share-request.resolver.js';

export const sharingModule: SubgraphModule = {
  name: 'sharing',
  inputBounds: sharingInputBounds,
  resolvers: [ShareRequestResolver, ResourceSharingResolver],
  references: shareRequestReference,
  entities: [ShareRequest],
  migrations: [{ name: 'Migration20261124000000', class: Migration20261124000000 }],
};
