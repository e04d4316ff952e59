import type { SubgraphModule } from '../kit/server/subgraph.js';
import { Migration20261128030000 } from './migrations/Migration20261128030000.js';
import { Migration20261123000000 } from './migrations/Migration20261123000000.js';
import { Migration20261128040000 } from './migrations/Migration20261128040000.js';
import { Operator } from './operator.entity.js';
import { operationReferences } from './operator.reference.js';
import { OperatorResolver } from './operator.resolver.js';
import { OrganizationOperatorResolver } from './organization.resolver.js';
import { Migration20261209000000 } from './migrations/Migration20261209000000_operator_kind_renewal.js';
import { Migration20261209001000 } from './migrations/Migration20261209001000_operator_sanctions.js';
import { OperatorSanction } from './sanction.entity.js';
import { operatorStanding } from './standing.js';
import { OperationAuthorization } from './authorization.entity.js';
import { OperationAuthorizationResolver } from './authorization.resolver.js';
import { Migration20261209010000 } from './migrations/Migration20261209010000_operation_authorizations.js';
import { Migration20261209020000 } from './migrations/Migration20261209020000_operator_reports.js';
import { Migration20261209021000 } from './migrations/Migration20261209021000_governance_feedback.js';
import { OperatorReport } from './report.entity.js';
import { OperatorReportResolver } from './report.resolver.js';
import { GovernanceFeedback } from './feedback.entity.js';
import { GovernanceFeedbackResolver, overdueGovernanceFeedback } from './feedback.resolver.js';
import { OperationDataTransfer, OperatorStaff } from './staff.entity.js';
import { OperatorStaffResolver } from './staff.resolver.js';
import { Migration20261209030000 } from './migrations/Migration20261209030000_operation_staff.js';
import { handleCatalogEvent } from './catalog-events.js';
import { feedbackFiled, OperatorEvaluationResolver } from './evaluation.resolver.js';
import { Migration20261209040000 } from './migrations/Migration20261209040000_data_products.js';
import { Migration20261215000000 } from './migrations/Migration20261215000000_authorization_received_on.js';
import { DataProduct, GuidedPriceRange } from './product.entity.js';
import { DataProductResolver } from './product.resolver.js';

/**
 * Authorized operation (DOMAIN.md §4): operators licensed by the data authority under agreements
 * and bound to their tokens [OPR-1, OPR-9], their data-use authorizations, one per scenario,
 * reviewed in two stages and confirmed by the providers [OPR-2, OPR-3], their reports [OPR-7] and
 * governance feedback [OPR-8], their data products and prices [OPR-5, OPR-6].
 */
export const operationModule: SubgraphModule = {
  name: 'operation',
  resolvers: [
    OperatorResolver,
    OrganizationOperatorResolver,
    OperationAuthorizationResolver,
    OperatorReportResolver,
    GovernanceFeedbackResolver,
    OperatorStaffResolver,
    DataProductResolver,
    OperatorEvaluationResolver,
  ],
  references: operationReferences,
  entities: [Operator, OperatorSanction, OperationAuthorization, OperatorReport, GovernanceFeedback, OperatorStaff, OperationDataTransfer, DataProduct, GuidedPriceRange],
  migrations: [
    { name: 'Migration20261123000000', class: Migration20261123000000 },
    { name: 'Migration20261128030000', class: Migration20261128030000 },
    { name: 'Migration20261128040000', class: Migration20261128040000 },
    { name: 'Migration20261209000000_operator_kind_renewal', class: Migration20261209000000 },
    { name: 'Migration20261209001000_operator_sanctions', class: Migration20261209001000 },
    { name: 'Migration20261209010000_operation_authorizations', class: Migration20261209010000 },
    { name: 'Migration20261209020000_operator_reports', class: Migration20261209020000 },
    { name: 'Migration20261209021000_governance_feedback', class: Migration20261209021000 },
    { name: 'Migration20261209030000_operation_staff', class: Migration20261209030000 },
    { name: 'Migration20261209040000_data_products', class: Migration20261209040000 },
    { name: 'Migration20261215000000_authorization_received_on', class: Migration20261215000000 },
  ],
  // Data products follow their source entries, kept on this node or the nodes below [OPR-5, D §21].
  consumes: [
    { source: 'catalog', handle: handleCatalogEvent },
    { source: 'catalog', from: 'below', handle: handleCatalogEvent },
    // A district operator's products are built on city entries too.
    { source: 'catalog', from: 'above', handle: handleCatalogEvent },
  ],
  // The gateway checks an OPERATOR token's authorization on every request (gateway/standing.ts);
  // the catalog's evaluation of an agency counts its overdue governance feedback here [CAT-9, D §16],
  // and an operator's evaluation on another node the feedback it filed here.
  internal: { 'operator-standing': operatorStanding, 'overdue-governance-feedback': overdueGovernanceFeedback, 'feedback-filed': feedbackFiled },
};
