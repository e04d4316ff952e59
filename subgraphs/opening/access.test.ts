import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { newId } from '../../schema/ids.js';
import { accessActors, accessNodes, auditor, expectFilterAgreesWithPredicate } from '../../test/support/access.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { newOwned } from '../kit/server/owned.js';
import type { Actor } from '../../schema/auth.js';
import {
  canDecideDispute,
  canHandleEmergency,
  canPropose,
  canRaiseDispute,
  canRecordOpinion,
  canReviewProposal,
  canSeeDataset,
  canSeeDispute,
  canSeeEmergency,
  canSeePlan,
  datasetFilter,
  disputeFilter,
  emergencyFilter,
  planFilter,
} from './access.js';
import { OpenDataset } from './dataset.entity.js';
import { OpenDataDispute } from './dispute.entity.js';
import { OpenDataEmergency } from './emergency.entity.js';
import { OpenDataPlan } from './plan.entity.js';

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
      dataType: 'DATASET',
      priorityDomain: null,
      status,
      publishedAt: owned.createdAt,
      updatedAt: owned.createdAt,
    } as unknown as OpenDataset);
  }
  // A dispute, a plan and an emergency of each owner, and of a region this node does not host.
  const orgs = [...Object.values(owners), newId('330000')];
  orgs.forEach((org, i) => {
    const region = org.slice(0, 6);
    const other = orgs[(i + 1) % orgs.length]!;
    const owned = () => newOwned(region);
    const at = new Date();
    fork.create(OpenDataDispute, {
      ...owned(),
      resourceId: newId(region),
      datasetId: null,
      providerId: org,
      partyIds: [org, other],
      kind: 'OPENING_AGENCY',
      claim: 'c',
      claimedAttribute: null,
      claimedAgencyId: other,
      status: 'RAISED',
      opinions: [],
      outcome: null,
      decidedAttribute: null,
      decidedAgencyId: null,
      decidedAt: null,
      updatedAt: at,
    });
    fork.create(OpenDataPlan, { ...owned(), agencyId: org, year: 2026, items: [], revision: 1, history: [], filedAt: at, updatedAt: at });
    fork.create(OpenDataEmergency, {
      ...owned(),
      event: 'e',
      kind: 'NATURAL_DISASTER',
      status: 'ACTIVE',
      datasetIds: [],
      providerIds: [org],
      openForHours: 24,
      openUntil: at,
      declaredBy: 'authority',
      endedAt: null,
      endedBy: null,
      endSummary: null,
      measures: [],
      applicationsShutDown: null,
      updatedAt: at,
    });
  });
  await fork.flush();
}, 300_000);

const expert = (region: string): Actor => ({ sub: `expert-${region}`, orgId: null, region, roles: ['EXPERT'] });
const withExperts = () => [...accessActors(owners, operatorOrg), ...['330000', '331100', '331121'].map((r) => ({ label: `expert ${r}`, actor: expert(r) }))];
afterAll(async () => t?.stop());

describe('opening access', () => {
  test('OpenDataset: the list filter admits exactly the datasets openDataset(id), DataResource.openDataset and _entities show [Z §10, Z §35]', async () => {
    await expectFilterAgreesWithPredicate(em(), OpenDataset, accessActors(owners, operatorOrg), accessNodes(LISHUI), datasetFilter, canSeeDataset);
  });

  test('OpenDataDispute: the parties, the overseers and the experts of the region, never the public [Z §11-12]', async () => {
    await expectFilterAgreesWithPredicate(em(), OpenDataDispute, withExperts(), accessNodes(LISHUI), disputeFilter, canSeeDispute);
  });

  test('OpenDataPlan: the agency itself and the overseers of its region [J §19]', async () => {
    await expectFilterAgreesWithPredicate(em(), OpenDataPlan, withExperts(), accessNodes(LISHUI), planFilter, canSeePlan);
  });

  test('OpenDataEmergency: the overseers of its region and the agencies whose data it opened [Z §8, Z §32]', async () => {
    await expectFilterAgreesWithPredicate(em(), OpenDataEmergency, withExperts(), accessNodes(LISHUI), emergencyFilter, canSeeEmergency);
  });

  test('[Z §11-12] a party or the acting authority raises a dispute; an expert of the region records an opinion; the acting authority decides', () => {
    const [, liandu] = accessNodes(LISHUI);
    const provider = owners['county bureau 331122'];
    const claimed = owners['county bureau 331121'];
    const entry = { providerId: provider, regionCode: '331122' };
    expect(canRaiseDispute(agency(provider, '331122'), LISHUI, entry, null)).toBe(true);
    expect(canRaiseDispute(agency(claimed, '331121'), LISHUI, entry, claimed)).toBe(true);
    expect(canRaiseDispute(agency(claimed, '331121'), LISHUI, entry, null)).toBe(false);
    expect(canRaiseDispute(authority('331100'), LISHUI, entry, null)).toBe(true);
    expect(canRaiseDispute(auditor('331100'), LISHUI, entry, null)).toBe(false);
    expect(canRecordOpinion(expert('331122'), entry)).toBe(true);
    expect(canRecordOpinion(expert('330000'), entry)).toBe(true);
    expect(canRecordOpinion(expert('331121'), entry)).toBe(false);
    expect(canRecordOpinion(authority('331122'), entry)).toBe(false);
    expect(canDecideDispute(authority('331100'), LISHUI, entry)).toBe(true);
    expect(canDecideDispute(expert('331100'), LISHUI, entry)).toBe(false);
    expect(canDecideDispute(authority('331100'), liandu!, { regionCode: '331102' })).toBe(false);
    expect(canDecideDispute(authority('331102'), liandu!, { regionCode: '331102' })).toBe(true);
  });

  test('[Z §8, Z §32] the emergency fast path and its end: the authority acting on the region only', () => {
    const [, liandu] = accessNodes(LISHUI);
    expect(canHandleEmergency(authority('331100'), LISHUI, '331122')).toBe(true);
    expect(canHandleEmergency(authority('331121'), LISHUI, '331122')).toBe(false);
    expect(canHandleEmergency(agency(owners['county bureau 331122'], '331122'), LISHUI, '331122')).toBe(false);
    expect(canHandleEmergency(authority('331100'), liandu!, '331102')).toBe(false);
    expect(canHandleEmergency(auditor('331100'), LISHUI, '331122')).toBe(false);
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
