import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { newId } from '../../schema/ids.js';
import { accessActors, accessNodes, auditor, expectFilterAgreesWithPredicate } from '../../test/support/access.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { newOwned } from '../kit/server/owned.js';
import { canPropose, canReviewProposal, canSeeDataset, datasetFilter } from './access.js';
import { OpenDataset } from './dataset.entity.js';

const LISHUI = nodeConfig('lishui', ['331100', '331121', '331122']);
let t: Awaited<ReturnType<typeof startTestNode>>;
const em = () => t.running.subgraphs.opening!.orm.em.fork();
const owners = { 'city bureau 331100': newId('331100'), 'county bureau 331121': newId('331121'), 'county bureau 331122': newId('331122') };
const operatorOrg = newId('331100');

/** Datasets of each owner in every status, and one of a region this node does not host. */
beforeAll(async () => {
  t = await startTestNode('access_opening', LISHUI);
  const fork = em();
  const rows: [string, string][] = Object.values(owners).flatMap((org) => ['PROPOSED', 'RETURNED', 'OPEN', 'SUSPENDED', 'WITHDRAWN'].map((s) => [org, s] as [string, string]));
  rows.push([newId('330000'), 'SUSPENDED']);
  for (const [provider, status] of rows) {
    const owned = newOwned(provider.slice(0, 6));
    fork.create(OpenDataset, {
      ...owned,
      resourceId: newId(provider.slice(0, 6)),
      providerId: provider,
      title: 't',
      description: null,
      openAttribute: 'UNCONDITIONAL',
      accessMethods: ['API'],
      priorityDomain: null,
      status,
      publishedAt: owned.createdAt,
      updatedAt: owned.createdAt,
    } as unknown as OpenDataset);
  }
  await fork.flush();
}, 300_000);
afterAll(async () => t?.stop());

describe('opening access', () => {
  test('OpenDataset: the list filter admits exactly the datasets openDataset(id), DataResource.openDataset and _entities show [Z §10, Z §35]', async () => {
    await expectFilterAgreesWithPredicate(em(), OpenDataset, accessActors(owners, operatorOrg), accessNodes(LISHUI), datasetFilter, canSeeDataset);
  });

  test("[B §31] the provider's staff proposes; the authority acting on the dataset's region approves, not a sibling county, a supervisor or an auditor", () => {
    const [, liandu] = accessNodes(LISHUI);
    const provider = owners['county bureau 331122'];
    const d = { regionCode: '331122' };
    expect(canPropose(agency(provider, '331122'), provider)).toBe(true);
    expect(canPropose(agency(owners['city bureau 331100'], '331100'), provider)).toBe(false);
    expect(canPropose(authority('331100'), provider)).toBe(false);
    expect(canReviewProposal(authority('331100'), LISHUI, d)).toBe(true);
    expect(canReviewProposal(authority('331122'), LISHUI, d)).toBe(true);
    expect(canReviewProposal(authority('331121'), LISHUI, d)).toBe(false);
    expect(canReviewProposal(agency(provider, '331122'), LISHUI, d)).toBe(false);
    expect(canReviewProposal(authority('331100'), liandu!, { regionCode: '331102' })).toBe(false);
    expect(canReviewProposal(auditor('331100'), LISHUI, d)).toBe(false);
  });
});
