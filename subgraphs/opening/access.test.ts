import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { newId, parseId } from '../../schema/ids.js';
import { accessActors, accessNodes, auditor, expectFilterAgreesWithPredicate } from '../../test/support/access.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { newOwned } from '../kit/server/owned.js';
import type { Actor } from '../../schema/auth.js';
import {
  agreementFilter,
  applicationFilter,
  canAcknowledgeFiling,
  canDecideApplication,
  canPropose,
  canReviewProposal,
  canSeeAgreement,
  canSeeApplication,
  canSeeDataset,
  canSeeUser,
  canSanctionAgreement,
  canSeeCreditRecord,
  canSeeDataUse,
  canSeeUseCounts,
  canWithdrawApplication,
  creditFilter,
  dataUseFilter,
  datasetFilter,
  holderFilter,
  isPublicHolder,
} from './access.js';
import { OpenDataAgreement, OpenDataApplication } from './application.entity.js';
import { OpenDataset } from './dataset.entity.js';
import { OpenDataCreditRecord } from './sanction.entity.js';
import { OpenDataUse } from './use.entity.js';

const LISHUI = nodeConfig('lishui', ['331100', '331121', '331122']);
let t: Awaited<ReturnType<typeof startTestNode>>;
const em = () => t.running.subgraphs.opening!.orm.em.fork();
const owners = { 'city bureau 331100': newId('331100'), 'county bureau 331121': newId('331121'), 'county bureau 331122': newId('331122') };
const operatorOrg = newId('331100');
const userOf = (account: string): Actor => ({ sub: `user-${account}`, orgId: null, region: account.slice(0, 6), roles: ['USER'], account });
/** Two public data users: one of the city, one of a district with its own node (its applications live here too). */
const users = { 'user 331100': newId('331100'), 'user 331102': newId('331102') };
const actors = () => [...accessActors(owners, operatorOrg), ...Object.entries(users).map(([label, account]) => ({ label, actor: userOf(account) }))];
const TODAY = '2026-06-15';

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
  // Applications of each user in each status for every open dataset, and agreements in and out of force.
  const datasets = await fork.find(OpenDataset, { status: 'OPEN' });
  const terms: [string, string, string][] = [
    ['ACTIVE', '2026-01-01', '2026-12-31'],
    ['ACTIVE', '2025-01-01', '2025-12-31'],
    ['ACTIVE', '2026-07-01', '2027-06-30'],
    ['SUSPENDED', '2026-01-01', '2026-12-31'],
    ['TERMINATED', '2026-01-01', '2026-12-31'],
  ];
  const approved: [OpenDataApplication, [string, string, string]][] = [];
  const apply = (d: OpenDataset, account: string, status: string) => {
    const owned = newOwned(d.regionCode);
    return fork.create(OpenDataApplication, {
      ...owned,
      datasetId: d.id,
      providerId: d.providerId,
      applicantAccount: account,
      applicantName: '张三',
      applicantKind: 'NATURAL_PERSON',
      scenario: 's',
      storageCapability: 's',
      processingCapability: 'p',
      securityCapability: 'c',
      creditLevel: 'A',
      status,
      rejectionReason: status === 'REJECTED' ? 'r' : null,
      agreementId: status === 'APPROVED' ? newId(d.regionCode) : null,
      steps: [],
      updatedAt: owned.createdAt,
    } as unknown as OpenDataApplication);
  };
  for (const [i, d] of datasets.entries()) {
    for (const account of Object.values(users)) {
      for (const status of ['PENDING', 'REJECTED', 'WITHDRAWN']) apply(d, account, status);
      approved.push([apply(d, account, 'APPROVED'), terms[i % terms.length]!]);
    }
  }
  for (const term of terms) approved.push([apply(datasets[0]!, users['user 331100'], 'APPROVED'), term]);
  await fork.flush();
  for (const [a, [stored, termStart, termEnd]] of approved) {
    fork.create(OpenDataAgreement, {
      ...newOwned(a.regionCode),
      id: a.agreementId!,
      seq: parseId(a.agreementId!)!.ulid,
      applicationId: a.id,
      datasetId: a.datasetId,
      providerId: a.providerId,
      holderAccount: a.applicantAccount,
      holderName: a.applicantName,
      holderKind: a.applicantKind,
      scenario: 's',
      clauseKinds: ['USE_FEEDBACK', 'NO_USE_BEYOND_SCOPE', 'NO_REDISTRIBUTION', 'CITE_SOURCE', 'SECURITY_DUTIES', 'ACCEPT_INSPECTION'],
      termMonths: 12,
      termStart,
      termEnd,
      storedStatus: stored,
      filedWithAuthorityAt: a.createdAt,
      filingAcknowledgedAt: null,
      violations: stored === 'ACTIVE' ? [] : ['BEYOND_AGREED_SCOPE'],
      rectification: stored === 'ACTIVE' ? null : 'r',
      rectifyBy: stored === 'ACTIVE' ? null : '2026-07-01',
      suspendedAt: stored === 'ACTIVE' ? null : a.createdAt,
      terminatedAt: stored === 'TERMINATED' ? a.createdAt : null,
      sanctionSteps: [],
      updatedAt: a.createdAt,
    } as unknown as OpenDataAgreement);
  }
  await fork.flush();
  // A use on every agreement, and a credit record on every terminated one: of users of the city and of the district.
  for (const g of await fork.find(OpenDataAgreement, {})) {
    fork.create(OpenDataUse, {
      ...newOwned(g.regionCode),
      agreementId: g.id,
      datasetId: g.datasetId,
      providerId: g.providerId,
      holderAccount: g.holderAccount,
      method: 'API',
      operation: 'GET /rows',
      rowsReturned: 1,
      usedAt: g.createdAt,
    });
    if (g.storedStatus === 'TERMINATED') {
      fork.create(OpenDataCreditRecord, {
        ...newOwned(g.regionCode),
        holderAccount: g.holderAccount,
        holderRegion: g.holderAccount.slice(0, 6),
        holderName: g.holderName,
        holderKind: g.holderKind,
        agreementId: g.id,
        datasetId: g.datasetId,
        datasetTitle: 't',
        providerId: g.providerId,
        violations: ['BEYOND_AGREED_SCOPE'],
        rectification: 'r',
        rectifyBy: '2026-07-01',
        suspendedAt: g.createdAt,
        terminatedAt: g.createdAt,
        note: 'n',
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

  test('OpenDataApplication: the list filter admits exactly the applications openDataApplication(id) shows: applicant, opening agency, overseers; never another user [OPN-3, Z §16]', async () => {
    const { admitted } = await expectFilterAgreesWithPredicate(em(), OpenDataApplication, actors(), accessNodes(LISHUI), applicationFilter, canSeeApplication);
    expect(admitted).toBeGreaterThan(0);
  });

  test('OpenDataAgreement: the list filter admits exactly the agreements openDataAgreement(id) shows: holder, opening agency, overseers [OPN-3, Z §17]', async () => {
    await expectFilterAgreesWithPredicate(em(), OpenDataAgreement, actors(), accessNodes(LISHUI), agreementFilter, canSeeAgreement);
  });

  test('the public holder list admits exactly the agreements in force, to everyone [Z §16, Z §17]', async () => {
    const { admitted } = await expectFilterAgreesWithPredicate(
      em(),
      OpenDataAgreement,
      actors(),
      accessNodes(LISHUI),
      () => holderFilter(TODAY),
      (_a, _n, g) => isPublicHolder(g, TODAY),
    );
    expect(admitted).toBeGreaterThan(0);
  });

  test('[Z §16-17] the opening agency decides, the applicant withdraws, the authority acting on the region acknowledges the filing; users see only their own record', () => {
    const provider = owners['county bureau 331122'];
    const a = { providerId: provider, regionCode: '331122', applicantAccount: users['user 331100'] };
    expect(canDecideApplication(agency(provider, '331122'), a)).toBe(true);
    expect(canDecideApplication(authority('331122'), a)).toBe(false);
    expect(canDecideApplication(userOf(users['user 331100']), a)).toBe(false);
    expect(canWithdrawApplication(userOf(users['user 331100']), a)).toBe(true);
    expect(canWithdrawApplication(userOf(users['user 331102']), a)).toBe(false);
    expect(canWithdrawApplication(agency(provider, '331122'), a)).toBe(false);
    const [, liandu] = accessNodes(LISHUI);
    expect(canAcknowledgeFiling(authority('331122'), LISHUI, a)).toBe(true);
    expect(canAcknowledgeFiling(authority('331100'), LISHUI, a)).toBe(true);
    expect(canAcknowledgeFiling(authority('331121'), LISHUI, a)).toBe(false);
    expect(canAcknowledgeFiling(auditor('331100'), LISHUI, a)).toBe(false);
    expect(canAcknowledgeFiling(authority('331100'), liandu!, { regionCode: '331102' })).toBe(false);
    const u = { id: users['user 331100'], regionCode: '331100' };
    expect(canSeeUser(userOf(u.id), LISHUI, u)).toBe(true);
    expect(canSeeUser(userOf(users['user 331102']), LISHUI, u)).toBe(false);
    expect(canSeeUser(authority('331100'), LISHUI, u)).toBe(true);
    expect(canSeeUser(auditor('331100'), LISHUI, u)).toBe(true);
    expect(canSeeUser(authority('331122'), LISHUI, u)).toBe(false);
    expect(canSeeUser(agency(provider, '331122'), LISHUI, u)).toBe(false);
  });

  test('OpenDataUse: the list filter admits exactly the use records the predicate shows: opening agency, overseers, the holder; never another user or agency [OPN-7, Z §28, Z §34 (四)]', async () => {
    const { admitted } = await expectFilterAgreesWithPredicate(em(), OpenDataUse, actors(), accessNodes(LISHUI), dataUseFilter, canSeeDataUse);
    expect(admitted).toBeGreaterThan(0);
  });

  test('OpenDataCreditRecord: the list filter admits exactly the credit records the predicate shows: the user, overseers of the record’s or the user’s region; no agency [OPN-7, Z §39]', async () => {
    const { admitted } = await expectFilterAgreesWithPredicate(em(), OpenDataCreditRecord, actors(), accessNodes(LISHUI), creditFilter, canSeeCreditRecord);
    expect(admitted).toBeGreaterThan(0);
    const record = { regionCode: '331122', holderRegion: '331102', holderAccount: users['user 331102'] };
    const [, liandu] = accessNodes(LISHUI);
    expect(canSeeCreditRecord(authority('331102'), liandu!, record)).toBe(true);
    expect(canSeeCreditRecord(authority('331121'), LISHUI, record)).toBe(false);
    expect(canSeeCreditRecord(agency(owners['county bureau 331122'], '331122'), LISHUI, record)).toBe(false);
    expect(canSeeCreditRecord(userOf(users['user 331100']), LISHUI, record)).toBe(false);
  });

  test('[Z §39, Z §4] the opening agency or the authority acting on the region sanctions an agreement; not a supervisor, an auditor, another agency or the holder; use counts for the agency and overseers only', () => {
    const provider = owners['county bureau 331122'];
    const g = { providerId: provider, regionCode: '331122' };
    const [, liandu] = accessNodes(LISHUI);
    expect(canSanctionAgreement(agency(provider, '331122'), LISHUI, g)).toBe(true);
    expect(canSanctionAgreement(authority('331122'), LISHUI, g)).toBe(true);
    expect(canSanctionAgreement(authority('331100'), LISHUI, g)).toBe(true);
    expect(canSanctionAgreement(authority('331100'), liandu!, { providerId: provider, regionCode: '331102' })).toBe(false);
    expect(canSanctionAgreement(authority('331121'), LISHUI, g)).toBe(false);
    expect(canSanctionAgreement(auditor('331100'), LISHUI, g)).toBe(false);
    expect(canSanctionAgreement(agency(owners['city bureau 331100'], '331100'), LISHUI, g)).toBe(false);
    expect(canSanctionAgreement(userOf(users['user 331100']), LISHUI, g)).toBe(false);
    expect(canSeeUseCounts(agency(provider, '331122'), LISHUI, g)).toBe(true);
    expect(canSeeUseCounts(auditor('331100'), LISHUI, g)).toBe(true);
    expect(canSeeUseCounts(userOf(users['user 331100']), LISHUI, g)).toBe(false);
  });
});
