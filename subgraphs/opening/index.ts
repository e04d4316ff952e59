import type { SubgraphModule } from '../kit/server/subgraph.js';
import { handleCatalogEvent } from './catalog-events.js';
import { OpenAccessResolver } from './access-check.resolver.js';
import { Migration20261128030000 } from './migrations/Migration20261128030000.js';
import { OpenDataset } from './dataset.entity.js';
import { openingReferences } from './dataset.reference.js';
import { OpenDatasetResolver } from './dataset.resolver.js';
import { Migration20261124000000 } from './migrations/Migration20261124000000.js';
import { Migration20261128010000 } from './migrations/Migration20261128010000.js';
import { Migration20261128040000 } from './migrations/Migration20261128040000.js';
import { Migration20261206000000 } from './migrations/Migration20261206000000_event_dead_letters.js';
import { Migration20261207000000 } from './migrations/Migration20261207000000_dataset_follows_catalog.js';
import { Migration20261207010000 } from './migrations/Migration20261207010000_proposals.js';
import { Migration20261207020000 } from './migrations/Migration20261207020000_complaints.js';
import { OpenDataComplaint } from './complaint.entity.js';
import { OpenDataComplaintResolver } from './complaint.resolver.js';
import { DataResourceOpeningResolver } from './resource.resolver.js';
import { Migration20261208020000 } from './migrations/Migration20261208020000_dataset_type_disputes.js';
import { Migration20261208021000 } from './migrations/Migration20261208021000_open_plans.js';
import { Migration20261208022000 } from './migrations/Migration20261208022000_emergencies.js';
import { OpenDataDispute } from './dispute.entity.js';
import { OpenDataDisputeResolver } from './dispute.resolver.js';
import { OpenDataPlan } from './plan.entity.js';
import { OpenDataPlanResolver } from './plan.resolver.js';
import { OpenDataEmergency } from './emergency.entity.js';
import { OpenDataEmergencyResolver, OpenDatasetEmergencyResolver } from './emergency.resolver.js';

export const openingModule: SubgraphModule = {
  name: 'opening',
  resolvers: [
    OpenDatasetResolver,
    OpenDataComplaintResolver,
    OpenAccessResolver,
    DataResourceOpeningResolver,
    OpenDataDisputeResolver,
    OpenDataPlanResolver,
    OpenDataEmergencyResolver,
    OpenDatasetEmergencyResolver,
  ],
  references: openingReferences,
  entities: [OpenDataset, OpenDataComplaint, OpenDataDispute, OpenDataPlan, OpenDataEmergency],
  migrations: [
    { name: 'Migration20261124000000', class: Migration20261124000000 },
    { name: 'Migration20261128010000', class: Migration20261128010000 },
    { name: 'Migration20261128030000', class: Migration20261128030000 },
    { name: 'Migration20261128040000', class: Migration20261128040000 },
    { name: 'Migration20261206000000_event_dead_letters', class: Migration20261206000000 },
    { name: 'Migration20261207000000_dataset_follows_catalog', class: Migration20261207000000 },
    { name: 'Migration20261207010000_proposals', class: Migration20261207010000 },
    { name: 'Migration20261207020000_complaints', class: Migration20261207020000 },
    { name: 'Migration20261208020000_dataset_type_disputes', class: Migration20261208020000 },
    { name: 'Migration20261208021000_open_plans', class: Migration20261208021000 },
    { name: 'Migration20261208022000_emergencies', class: Migration20261208022000 },
  ],
  // Grants and open datasets follow their catalog entry [B §49, Z §35].
  consumes: [{ source: 'catalog', handle: handleCatalogEvent }],
};
