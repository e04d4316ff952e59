import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { newId } from '../../schema/ids.js';
import { accessActors, accessNodes, expectFilterAgreesWithPredicate, operatorActor } from '../../test/support/access.js';
import { nodeConfig, startTestNode } from '../../test/support/node.js';
import { newOwned } from '../kit/server/owned.js';
import { canSeeProduct, productFilter } from './access.js';
import { DataProduct } from './product.entity.js';
import { DATA_PRODUCT_STATUSES } from './product.enums.js';

const LISHUI = nodeConfig('lishui_products', ['331100', '331121', '331122']);
let t: Awaited<ReturnType<typeof startTestNode>>;
const em = () => t.running.subgraphs.operation!.orm.em.fork();
const owners = { 'city enterprise 331100': newId('331100'), 'county enterprise 331121': newId('331121'), 'county agency 331122': newId('331122') };
const operatorIds = Object.values(owners).map((o) => newId(o.slice(0, 6)));

/** A product in every status for an operator of each owner. */
beforeAll(async () => {
  t = await startTestNode('access_operation_products', LISHUI);
  const fork = em();
  for (const [i, org] of Object.values(owners).entries()) {
    for (const status of DATA_PRODUCT_STATUSES) {
      const owned = newOwned(org.slice(0, 6));
      fork.create(DataProduct, {
        ...owned,
        operatorId: operatorIds[i]!,
        organizationId: org,
        name: 'n',
        kind: 'DATA_REPORT',
        description: 'd',
        authorizationIds: ['a'],
        resourceIds: ['r'],
        sources: [],
        use: 'PUBLIC_WELFARE',
        useCondition: 'c',
        priceFen: 0,
        guidedRangeId: null,
        guidedRange: null,
        status,
        statusReason: status === 'REFUSED' || status === 'SUSPENDED' ? 'why' : null,
        catalogEventId: null,
        reviewedAt: null,
        updatedAt: owned.createdAt,
        version: 1,
      } as DataProduct);
    }
  }
  await fork.flush();
}, 300_000);
afterAll(async () => t?.stop());

const actors = () => [
  ...accessActors(owners, owners['city enterprise 331100']),
  { label: 'operator naming its record', actor: { ...operatorActor(owners['county enterprise 331121']), account: operatorIds[1]! } },
  { label: 'operator naming another record', actor: { ...operatorActor(owners['county enterprise 331121']), account: operatorIds[0]! } },
];

describe('operation access: data products', () => {
  test('DataProduct: the list filter admits exactly what dataProduct(id) shows; RELEASED ones to everyone [D §21]', async () => {
    const { admitted } = await expectFilterAgreesWithPredicate(em(), DataProduct, actors(), accessNodes(LISHUI), productFilter, canSeeProduct);
    expect(admitted).toBeGreaterThan(0);
  });
});
