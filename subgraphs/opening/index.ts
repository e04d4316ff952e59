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
import { Migration20261208000000 } from './migrations/Migration20261208000000_open_data_users.js';
import { Migration20261208001000 } from './migrations/Migration20261208001000_open_data_applications.js';
import { OpenDataAgreement, OpenDataApplication } from './application.entity.js';
import { OpenDataApplicationResolver } from './application.resolver.js';
import { OpenDataAgreementResolver, RestrictedOpenDataHolderResolver } from './agreement.resolver.js';
import { OpenDataUser } from './user.entity.js';
import { OpenDataUserResolver } from './user.resolver.js';
import { Migration20261208030000 } from './migrations/Migration20261208030000_opening_uses.js';
import { OpenDataUse } from './use.entity.js';
import { OpenDataAgreementUseResolver, OpenDatasetUseResolver, OpenDataUseResolver } from './use.resolver.js';
import { OPEN_DATA_USES_ROUTE, recordOpenDataUses } from './use.route.js';
import { OpenDataCreditRecord } from './sanction.entity.js';
import { OpenDataCreditRecordResolver, OpenDataSanctionResolver } from './sanction.resolver.js';

export const openingModule: SubgraphModule = {
  name: 'opening',
  resolvers: [
    OpenDatasetResolver,
    OpenDataComplaintResolver,
    OpenAccessResolver,
    DataResourceOpeningResolver,
    OpenDataUserResolver,
    OpenDataApplicationResolver,
    OpenDataAgreementResolver,
    RestrictedOpenDataHolderResolver,
    OpenDataUseResolver,
    OpenDataAgreementUseResolver,
    OpenDatasetUseResolver,
    OpenDataSanctionResolver,
    OpenDataCreditRecordResolver,
  ],
  references: openingReferences,
  entities: [OpenDataset, OpenDataComplaint, OpenDataUser, OpenDataApplication, OpenDataAgreement, OpenDataUse, OpenDataCreditRecord],
  migrations: [
    { name: 'Migration20261124000000', class: Migration20261124000000 },
    { name: 'Migration20261128010000', class: Migration20261128010000 },
    { name: 'Migration20261128030000', class: Migration20261128030000 },
    { name: 'Migration20261128040000', class: Migration20261128040000 },
    { name: 'Migration20261206000000_event_dead_letters', class: Migration20261206000000 },
    { name: 'Migration20261207000000_dataset_follows_catalog', class: Migration20261207000000 },
    { name: 'Migration20261207010000_proposals', class: Migration20261207010000 },
    { name: 'Migration20261207020000_complaints', class: Migration20261207020000 },
    { name: 'Migration20261208000000_open_data_users', class: Migration20261208000000 },
    { name: 'Migration20261208001000_open_data_applications', class: Migration20261208001000 },
    { name: 'Migration20261208030000_opening_uses', class: Migration20261208030000 },
  ],
  // Grants and open datasets follow their catalog entry [B §49, Z §35].
  consumes: [{ source: 'catalog', handle: handleCatalogEvent }],
  // The data plane records the uses of restricted data it served [Z §28, Z §34 (四)].
  internal: { [OPEN_DATA_USES_ROUTE]: recordOpenDataUses },
};
