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
import { OpeningEvaluationResolver } from './evaluation.resolver.js';
import { Migration20261208000000 } from './migrations/Migration20261208000000_open_data_users.js';
import { Migration20261208001000 } from './migrations/Migration20261208001000_open_data_applications.js';
import { Migration20261208010000 } from './migrations/Migration20261208010000_opinions_demands.js';
import { Migration20261208011000 } from './migrations/Migration20261208011000_complaint_from_objection.js';
import { Migration20261208020000 } from './migrations/Migration20261208020000_dataset_type_disputes.js';
import { Migration20261208021000 } from './migrations/Migration20261208021000_open_plans.js';
import { Migration20261208022000 } from './migrations/Migration20261208022000_emergencies.js';
import { Migration20261208040000 } from './migrations/Migration20261208040000_opinion_channels.js';
import { Migration20261208050000 } from './migrations/Migration20261208050000_agreement_closed.js';
import { OpenDataAgreement, OpenDataApplication } from './application.entity.js';
import { OpenDataApplicationResolver } from './application.resolver.js';
import { OpenDataAgreementResolver, RestrictedOpenDataHolderResolver } from './agreement.resolver.js';
import { OpenDataDemand } from './demand.entity.js';
import { OpenDataDemandResolver } from './demand.resolver.js';
import { OpenDataDispute } from './dispute.entity.js';
import { OpenDataDisputeResolver } from './dispute.resolver.js';
import { OpenDataEmergency } from './emergency.entity.js';
import { OpenDataEmergencyResolver, OpenDatasetEmergencyResolver } from './emergency.resolver.js';
import { OpenDataOpinion } from './opinion.entity.js';
import { OpenDataOpinionResolver } from './opinion.resolver.js';
import { OpenDataPlan } from './plan.entity.js';
import { OpenDataPlanResolver } from './plan.resolver.js';
import { OpenDataUser } from './user.entity.js';
import { OpenDataUserResolver } from './user.resolver.js';
import { Migration20261208030000 } from './migrations/Migration20261208030000_opening_uses.js';
import { OpenDataUse } from './use.entity.js';
import { OpenDataAgreementUseResolver, OpenDatasetUseResolver, OpenDataUseResolver } from './use.resolver.js';
import { OPEN_DATA_USES_ROUTE, recordOpenDataUses } from './use.route.js';
import { OpenDataCreditRecord } from './sanction.entity.js';
import { OpenDataCreditRecordResolver, OpenDataSanctionResolver } from './sanction.resolver.js';
import { userStanding } from './user-standing.js';

import { Migration20261212000000 } from './migrations/Migration20261212000000_open_data_counts.js';
import { OpenDataCount } from './open-data-count.entity.js';
import { countOpenData, OPEN_ACCESS_ROUTE, OPEN_DATA_COUNTS_ROUTE, openAccess } from './open-access.route.js';

export const openingModule: SubgraphModule = {
  name: 'opening',
  resolvers: [
    OpenDatasetResolver,
    OpenDataComplaintResolver,
    OpenDataOpinionResolver,
    OpenDataDemandResolver,
    OpenAccessResolver,
    DataResourceOpeningResolver,
    OpeningEvaluationResolver,
    OpenDataUserResolver,
    OpenDataApplicationResolver,
    OpenDataAgreementResolver,
    RestrictedOpenDataHolderResolver,
    OpenDataDisputeResolver,
    OpenDataPlanResolver,
    OpenDataEmergencyResolver,
    OpenDatasetEmergencyResolver,
    OpenDataUseResolver,
    OpenDataAgreementUseResolver,
    OpenDatasetUseResolver,
    OpenDataSanctionResolver,
    OpenDataCreditRecordResolver,
  ],
  references: openingReferences,
  entities: [
    OpenDataset,
    OpenDataComplaint,
    OpenDataOpinion,
    OpenDataDemand,
    OpenDataUser,
    OpenDataApplication,
    OpenDataAgreement,
    OpenDataDispute,
    OpenDataPlan,
    OpenDataEmergency,
    OpenDataUse,
    OpenDataCreditRecord,
    OpenDataCount,
  ],
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
    { name: 'Migration20261208010000_opinions_demands', class: Migration20261208010000 },
    { name: 'Migration20261208011000_complaint_from_objection', class: Migration20261208011000 },
    { name: 'Migration20261208020000_dataset_type_disputes', class: Migration20261208020000 },
    { name: 'Migration20261208021000_open_plans', class: Migration20261208021000 },
    { name: 'Migration20261208022000_emergencies', class: Migration20261208022000 },
    { name: 'Migration20261208030000_opening_uses', class: Migration20261208030000 },
    { name: 'Migration20261208040000_opinion_channels', class: Migration20261208040000 },
    { name: 'Migration20261208050000_agreement_closed', class: Migration20261208050000 },
    { name: 'Migration20261212000000_open_data_counts', class: Migration20261212000000 },
  ],
  // Open datasets follow their catalog entry, and an INFRINGING objection to it is a complaint [Z §10, Z §35].
  consumes: [{ source: 'catalog', handle: handleCatalogEvent }],
  // The data plane records the uses of restricted data it served [Z §28, Z §34 (四)]; the gateway
  // checks a USER token's account on every request (gateway/standing.ts).
  internal: {
    [OPEN_DATA_USES_ROUTE]: recordOpenDataUses,
    'user-standing': userStanding,
    // The data plane's access check before each open read, and its count of each download and call [OPN-2, OPN-9].
    [OPEN_ACCESS_ROUTE]: openAccess,
    [OPEN_DATA_COUNTS_ROUTE]: countOpenData,
  },
};
