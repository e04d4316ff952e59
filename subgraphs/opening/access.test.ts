import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { newId } from '../../schema/ids.js';
import { accessActors, accessNodes, auditor, expectFilterAgreesWithPredicate } from '../../test/support/access.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { newOwned } from '../kit/server/owned.js';
import type { Actor } from '../../schema/auth.js';
import {
  canAnswerDemand,
  canAnswerOpinion,
  canPropose,
  canReviewProposal,
  canRouteDemand,
  canSeeDataset,
  canSeeDemand,
  canSeeOpinion,
  datasetFilter,
  demandFilter,
  opinionFilter,
} from './access.js';
import { OpenDataset } from './dataset.entity.js';
import { OpenDataDemand } from './demand.entity.js';
import { OpenDataOpinion } from './opinion.entity.js';

const LISHUI = nodeConfig('lishui', ['331100', '331121', '331122']);
let t: Awaited<ReturnType<typeof startTestNode>>;
const em = () => t.running.subgraphs.opening!.orm.em.fork();
const owners = { 'city bureau 331100': newId('331100'), 'county bureau 331121': newId('331121'), 'county bureau 331122': newId('331122') };
const operatorOrg = newId('331100');
const userAccount = newId('331100');
const user: Actor = { sub: 'user-1', orgId: null, region: '331100', roles: ['USER'], account: userAccount };
const otherUser: Actor = { sub: 'user-2', orgId: null, region: '331100', roles: ['USER'], account: newId('331100') };
const withUsers = () => [...accessActors(owners, operatorOrg), { label: 'user who filed', actor: user }, { label: 'another user', actor: otherUser }];
const deadline = { dueDate: '2026-12-21', deadlineWorkingDays: 10, deadlineProfile: 'Z', deadlineBasis: 'Z §21', updatedAt: new Date() };

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
  // Opinions and demands on each owner's OPEN dataset, by the public and by a registered user; demands addressed to a region too.
  const open = await fork.find(OpenDataset, { status: 'OPEN' });
  let n = 0;
  for (const d of open) {
    for (const account of [null, userAccount]) {
      fork.create(OpenDataOpinion, {
        ...newOwned(d.regionCode),
        ...deadline,
        datasetId: d.id,
        providerId: d.providerId,
        kind: 'ERRORS_OR_OMISSIONS',
        content: 'c',
        channel: 'ONLINE',
        receivedOn: deadline.dueDate,
        filerAccount: account,
        receiptTokenHash: `h${++n}`,
        status: 'OPEN',
        answer: null,
        answeredAt: null,
      });
      fork.create(OpenDataDemand, {
        ...newOwned(d.regionCode),
        ...deadline,
        providerId: account ? null : d.providerId,
        description: 'd',
        purpose: 'p',
        requesterAccount: account,
        receiptTokenHash: `h${++n}`,
        status: 'OPEN',
        routedAt: null,
        reply: null,
        answeredAt: null,
        resourceId: null,
        datasetId: null,
      });
    }
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

  test('OpenDataOpinion: the list filter admits exactly the opinions openDataOpinion(id) shows: the agency, overseers and the user who filed it [Z §21]', async () => {
    await expectFilterAgreesWithPredicate(em(), OpenDataOpinion, withUsers(), accessNodes(LISHUI), opinionFilter, canSeeOpinion);
  });

  test('OpenDataDemand: the list filter admits exactly the demands openDataDemand(id) shows: the agency addressed, overseers and the user who filed it [Z §22]', async () => {
    await expectFilterAgreesWithPredicate(em(), OpenDataDemand, withUsers(), accessNodes(LISHUI), demandFilter, canSeeDemand);
  });

  test('[Z §21, Z §22] the agency or the authority acting on the region answers; a supervisor, an auditor or the filer does not; only the acting authority routes', () => {
    const [, liandu] = accessNodes(LISHUI);
    const provider = owners['county bureau 331122'];
    const row = { providerId: provider, regionCode: '331122' };
    for (const can of [canAnswerOpinion, canAnswerDemand]) {
      expect(can(agency(provider, '331122'), LISHUI, row)).toBe(true);
      expect(can(authority('331100'), LISHUI, row)).toBe(true);
      expect(can(authority('331121'), LISHUI, row)).toBe(false);
      expect(can(auditor('331100'), LISHUI, row)).toBe(false);
      expect(can(user, LISHUI, row)).toBe(false);
      expect(can(authority('331100'), liandu!, { providerId: provider, regionCode: '331102' })).toBe(false);
    }
    expect(canAnswerDemand(agency(provider, '331122'), LISHUI, { providerId: null, regionCode: '331122' })).toBe(false);
    expect(canRouteDemand(authority('331122'), LISHUI, { regionCode: '331122' })).toBe(true);
    expect(canRouteDemand(agency(provider, '331122'), LISHUI, { regionCode: '331122' })).toBe(false);
    expect(canRouteDemand(authority('331100'), liandu!, { regionCode: '331102' })).toBe(false);
  });
});
