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
  canAnswerDemand,
  canAnswerOpinion,
  canDecideApplication,
  canDecideDispute,
  canHandleEmergency,
  canPropose,
  canRaiseDispute,
  canRecordOpinion,
  canReviewProposal,
  canRouteDemand,
  canSanctionAgreement,
  canSeeAgreement,
  canSeeApplication,
  canSeeCreditRecord,
  canSeeDataUse,
  canSeeDataset,
  canSeeDemand,
  canSeeDispute,
  canSeeEmergency,
  canSeeOpinion,
  canSeePlan,
  canSeeUseCounts,
  canSeeUser,
  canWithdrawApplication,
  creditFilter,
  dataUseFilter,
  datasetFilter,
  demandFilter,
  disputeFilter,
  emergencyFilter,
  holderFilter,
  isPublicHolder,
  opinionFilter,
  planFilter,
} from './access.js';
import { OpenDataCreditRecord } from './sanction.entity.js';
import { OpenDataUse } from './use.entity.js';
import { OpenDataDispute } from './dispute.entity.js';
import { OpenDataEmergency } from './emergency.entity.js';
import { OpenDataPlan } from './plan.entity.js';
import { OpenDataAgreement, OpenDataApplication } from './application.entity.js';
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
      dataType: 'DATASET',
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
