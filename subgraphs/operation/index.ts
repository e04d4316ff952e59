import type { SubgraphModule } from '../kit/server/subgraph.js';
import { Migration20261128030000 } from './migrations/Migration20261128030000.js';
import { Migration20261123000000 } from './migrations/Migration20261123000000.js';
import { Migration20261128040000 } from './migrations/Migration20261128040000.js';
import { Operator } from './operator.entity.js';
import { operationReferences } from './operator.reference.js';
import { OperatorResolver } from './operator.resolver.js';
import { OrganizationOperatorResolver } from './organization.resolver.js';
import { Migration20261209020000 } from './migrations/Migration20261209020000_operator_reports.js';
import { Migration20261209021000 } from './migrations/Migration20261209021000_governance_feedback.js';
import { OperatorReport } from './report.entity.js';
import { OperatorReportResolver } from './report.resolver.js';
import { GovernanceFeedback } from './feedback.entity.js';
import { GovernanceFeedbackResolver, overdueGovernanceFeedback } from './feedback.resolver.js';

/** Authorized operation (DOMAIN.md §4): operators licensed by the data authority under agreements [OPR-1], their reports [OPR-7] and governance feedback [OPR-8]. */
export const operationModule: SubgraphModule = {
  name: 'operation',
  resolvers: [OperatorResolver, OrganizationOperatorResolver, OperatorReportResolver, GovernanceFeedbackResolver],
  references: operationReferences,
  entities: [Operator, OperatorReport, GovernanceFeedback],
  migrations: [
    { name: 'Migration20261123000000', class: Migration20261123000000 },
    { name: 'Migration20261128030000', class: Migration20261128030000 },
    { name: 'Migration20261128040000', class: Migration20261128040000 },
    { name: 'Migration20261209020000_operator_reports', class: Migration20261209020000 },
    { name: 'Migration20261209021000_governance_feedback', class: Migration20261209021000 },
  ],
  // The catalog's evaluation of an agency counts its overdue governance feedback here [CAT-9, D §16].
  internal: { 'overdue-governance-feedback': overdueGovernanceFeedback },
};
