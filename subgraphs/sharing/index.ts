import type { SubgraphModule } from '../kit/server/subgraph.js';
import { handleCatalogEvent } from './catalog-events.js';
import { Migration20261128030000 } from './migrations/Migration20261128030000.js';
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
import { DataDemand } from './demand.entity.js';
import { DataDemandResolver } from './demand.resolver.js';
import { requestsMade, SharingEvaluationResolver } from './evaluation.resolver.js';
import { UsageFeedback } from './feedback.entity.js';
import { ShareRequestFeedbackResolver } from './feedback.resolver.js';
import { Migration20261128200000 } from './migrations/Migration20261128200000.js';
import { DataVerification } from './verification.entity.js';
import { DataVerificationResolver } from './verification.resolver.js';
import { Migration20261205000000 } from './migrations/Migration20261205000000_sharing_across_nodes.js';
import { Migration20261206000000 } from './migrations/Migration20261206000000_outbox_acknowledgements_and_dead_letters.js';
import { SanctionReplica } from './sanction-replica.entity.js';
import { handleSanctionEvent } from './sanction-events.js';
import { Migration20261212000000 } from './migrations/Migration20261212000000_grant_uses.js';
import { GrantUse } from './grant-use.entity.js';
import { GRANT_READ_ROUTE, GRANT_USES_ROUTE, grantRead, grantUses } from './grant-use.route.js';

export const sharingModule: SubgraphModule = {
  name: 'sharing',
  resolvers: [
    ShareRequestResolver,
    ResourceSharingResolver,
    GrantResolver,
    NegativeListResolver,
    ShareViolationResolver,
    SanctionResolver,
    DataDemandResolver,
    DataVerificationResolver,
    ShareRequestFeedbackResolver,
    SharingEvaluationResolver,
  ],
  references: shareRequestReference,
  entities: [ShareRequest, NegativeListEntry, ShareViolation, ShareSanction, SanctionReplica, DataDemand, DataVerification, UsageFeedback, GrantUse],
  migrations: [
    { name: 'Migration20261124000000', class: Migration20261124000000 },
    { name: 'Migration20261128010000', class: Migration20261128010000 },
    { name: 'Migration20261128020000', class: Migration20261128020000 },
    { name: 'Migration20261128030000', class: Migration20261128030000 },
    { name: 'Migration20261128040000', class: Migration20261128040000 },
    { name: 'Migration20261128110000', class: Migration20261128110000 },
    { name: 'Migration20261128200000', class: Migration20261128200000 },
    { name: 'Migration20261205000000_sharing_across_nodes', class: Migration20261205000000 },
    { name: 'Migration20261206000000_outbox_acknowledgements_and_dead_letters', class: Migration20261206000000 },
    { name: 'Migration20261212000000_grant_uses', class: Migration20261212000000 },
  ],
  // Grants and open datasets follow their catalog entry [B §49, Z §35].
  consumes: [
    { source: 'catalog', handle: handleCatalogEvent },
    // Sanctions of the authorities above this node's regions stop grants of its data too [B §49].
    { source: 'sharing', from: 'above', handle: handleSanctionEvent },
  ],
  outbox: true,
  // An agency's requests for this node's data, counted for its evaluation on its own node [L §28, B §48].
  // The data plane's grant check before each read of records, and its count of each read served [SHR-5, SHR-11].
  internal: { 'requests-made': requestsMade, [GRANT_READ_ROUTE]: grantRead, [GRANT_USES_ROUTE]: grantUses },
};
