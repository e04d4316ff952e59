import type { SubgraphModule } from '../kit/server/subgraph.js';
import { Migration20261128030000 } from './migrations/Migration20261128030000.js';
import { CatalogEvaluationResolver } from './evaluation.resolver.js';
import { AgencyOverdueSummaryResolver, FreshnessResolver } from './freshness.resolver.js';
import { Migration20261123000000 } from './migrations/Migration20261123000000.js';
import { Migration20261128040000 } from './migrations/Migration20261128040000.js';
import { Migration20261124000000 } from './migrations/Migration20261124000000.js';
import { Migration20261124000100 } from './migrations/Migration20261124000100.js';
import { DataItemResolver, OneSourceFlagResolver, OneSourceResolver } from './one-source.resolver.js';
import { Organization } from './organization.entity.js';
import { organizationReference } from './organization.reference.js';
import { OrganizationResolver } from './organization.resolver.js';
import { regionReference } from './region.reference.js';
import { RegionResolver } from './region.resolver.js';
import { DataItem, DataResource } from './resource.entity.js';
import { resourceReference } from './resource.reference.js';
import { CatalogFieldChangeResolver, DataResourceResolver, DataResourceVersionResolver } from './resource.resolver.js';
import { DataResourceVersion } from './resource-version.entity.js';
import { DataResourceSearchResolver } from './search.resolver.js';
import { Migration20261124000200 } from './migrations/Migration20261124000200.js';
import { Migration20261128010000 } from './migrations/Migration20261128010000.js';
import { Migration20261128050000 } from './migrations/Migration20261128050000.js';
import { Migration20261128060000 } from './migrations/Migration20261128060000.js';
import { DataObjection } from './objection.entity.js';
import { DataObjectionResolver, DataResourceObjectionsResolver } from './objection.resolver.js';
import { claimCreditCode, CreditCodeClaim } from './credit-code-claim.js';
import { Migration20261205000000 } from './migrations/Migration20261205000000_credit_code_claims.js';
import { Migration20261205000100 } from './migrations/Migration20261205000100_negative_list_sync.js';
import { ViewerResolver } from './viewer.resolver.js';
import { Migration20261206000000 } from './migrations/Migration20261206000000_outbox_acknowledgements.js';
import { Migration20261210000000 } from './migrations/Migration20261210000000_data_records.js';
import { Migration20261211000000 } from './migrations/Migration20261211000000_data_ingest.js';
import { DataLoad } from './records/load.entity.js';
import { Migration20261213000000 } from './migrations/Migration20261213000000_aggregate_runs.js';
import { AggregateRun } from './records/aggregate.entity.js';
import { AggregateRunResolver } from './records/aggregate.resolver.js';
import { RecordPreviewResolver } from './records/preview.js';
import { DataLoadResolver, DataResourceLoadsResolver } from './records/load.resolver.js';
import { uploadRoute } from './records/upload.route.js';
import { RecordReadResolver } from './records/read.resolver.js';
import { openDownloadRoute } from './records/download.route.js';
import { DataDestruction } from './records/destruction.entity.js';
import { DataDestructionResolver } from './records/destruction.resolver.js';
import { Migration20261214000000 } from './migrations/Migration20261214000000_data_destruction.js';

export const catalogModule: SubgraphModule = {
  name: 'catalog',
  resolvers: [
    ViewerResolver,
    RegionResolver,
    OrganizationResolver,
    DataResourceResolver,
    DataResourceSearchResolver,
    DataResourceVersionResolver,
    CatalogFieldChangeResolver,
    FreshnessResolver,
    AgencyOverdueSummaryResolver,
    OneSourceResolver,
    OneSourceFlagResolver,
    DataItemResolver,
    CatalogEvaluationResolver,
    DataObjectionResolver,
    DataResourceObjectionsResolver,
    AggregateRunResolver,
    RecordPreviewResolver,
    DataLoadResolver,
    DataResourceLoadsResolver,
    // Reads of records through grants and of open data [issue 19].
    RecordReadResolver,
    DataDestructionResolver,
  ],
  references: { ...regionReference, ...organizationReference, ...resourceReference },
  entities: [Organization, DataResource, DataItem, DataResourceVersion, DataObjection, CreditCodeClaim, DataLoad, AggregateRun, DataDestruction],
  migrations: [
    { name: 'Migration20261123000000', class: Migration20261123000000 },
    { name: 'Migration20261124000000', class: Migration20261124000000 },
    { name: 'Migration20261124000200', class: Migration20261124000200 },
    { name: 'Migration20261124000100', class: Migration20261124000100 },
    { name: 'Migration20261128010000', class: Migration20261128010000 },
    { name: 'Migration20261128030000', class: Migration20261128030000 },
    { name: 'Migration20261128040000', class: Migration20261128040000 },
    { name: 'Migration20261128050000', class: Migration20261128050000 },
    { name: 'Migration20261128060000', class: Migration20261128060000 },
    { name: 'Migration20261205000000_credit_code_claims', class: Migration20261205000000 },
    { name: 'Migration20261205000100_negative_list_sync', class: Migration20261205000100 },
    { name: 'Migration20261206000000_outbox_acknowledgements', class: Migration20261206000000 },
    { name: 'Migration20261210000000_data_records', class: Migration20261210000000 },
    { name: 'Migration20261211000000_data_ingest', class: Migration20261211000000 },
    { name: 'Migration20261213000000_aggregate_runs', class: Migration20261213000000 },
    { name: 'Migration20261214000000_data_destruction', class: Migration20261214000000 },
  ],
  outbox: true,
  // The root node's registry of credit codes, claimed by the other nodes' registrations [J §11, B §12].
  internal: { 'credit-code-claim': claimCreditCode },
  // Uploads of records, streamed from the gateway (records/upload.route.ts); open data downloads, streamed and gzip [OPN-2, Z §20, Z §27].
  transfers: [uploadRoute, openDownloadRoute],
};
