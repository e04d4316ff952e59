import type { SubgraphModule } from '../kit/subgraph.js';
import { handleCatalogEvent } from './catalog-events.js';
import { Migration20261128030000 } from './migrations/Migration20261128030000.js';
import { sharingInputBounds } from './input-bounds.js';
import { Migration20261124000000 } from './migrations/Migration20261124000000.js';
import { Migration20261128010000 } from './migrations/Migration20261128010000.js';
import { Migration20261128040000 } from './migrations/Migration20261128040000.js';
import { Migration20261128020000 } from './migrations/Migration20261128020000.js';
import { ResourceSharingResolver } from './resource-sharing.resolver.js';
import { ShareRequest } from './share-request.entity.js';
import { shareRequestReference } from './share-request.reference.js';
import { ShareRequestResolver } from './share-request.resolver.js';
import { Migration20261128110000 } from './migrations/Migration20261128110000.js';
import { GrantResolver } from './grant.resolver.js';
import { NegativeListResolver, ShareViolationResolver } from './negative-list.resolver.js';
import { SanctionResolver } from './sanction.resolver.js';
import { NegativeListEntry, ShareViolation } from './negative-list.entity.js';
import { ShareSanction } from './sanction.entity.js';

export const sharingModule: SubgraphModule = {
  name: 'sharing',
  inputBounds: sharingInputBounds,
  resolvers: [ShareRequestResolver, ResourceSharingResolver, GrantResolver, NegativeListResolver, ShareViolationResolver, SanctionResolver],
  references: shareRequestReference,
  entities: [ShareRequest, NegativeListEntry, ShareViolation, ShareSanction],
  migrations: [
    { name: 'Migration20261124000000', class: Migration20261124000000 },
    { name: 'Migration20261128010000', class: Migration20261128010000 },
    { name: 'Migration20261128020000', class: Migration20261128020000 },
    { name: 'Migration20261128030000', class: Migration20261128030000 },
    { name: 'Migration20261128040000', class: Migration20261128040000 },
    { name: 'Migration20261128110000', class: Migration20261128110000 },
  ],
  // Grants and open datasets follow their catalog entry [B §49, Z §35].
  consumes: { source: 'catalog', handle: handleCatalogEvent },
};
