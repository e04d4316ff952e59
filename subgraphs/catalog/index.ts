import type { SubgraphModule } from '../kit/subgraph.js';
import { Migration20261123000000 } from './migrations/Migration20261123000000.js';
import { Organization } from './organization.entity.js';
import { organizationReference } from './organization.reference.js';
import { OrganizationResolver } from './organization.resolver.js';
import { regionReference } from './region.reference.js';
import { RegionResolver } from './region.resolver.js';
import { DataItem, DataResource } from './resource.entity.js';
import { resourceReference } from './resource.reference.js';
import { DataResourceResolver } from './resource.resolver.js';
import { DataResourceSearchResolver } from './search.resolver.js';

export const catalogModule: SubgraphModule = {
  name: 'catalog',
  resolvers: [RegionResolver, OrganizationResolver, DataResourceResolver, DataResourceSearchResolver],
  references: { ...regionReference, ...organizationReference, ...resourceReference },
  entities: [Organization, DataResource, DataItem],
  migrations: [{ name: 'Migration20261123000000', class: Migration20261123000000 }],
};
