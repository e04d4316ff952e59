import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ANONYMOUS } from '../../schema/auth.js';
import { newId, regionOf } from '../../schema/ids.js';
import { accessActors, accessNodes, auditor, expectFilterAgreesWithPredicate } from '../../test/support/access.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { newOwned } from '../kit/server/owned.js';
import {
  canAssignDemand,
  canRespondToDemand,
  canSeeDemand,
  canSeeFeedback,
  canSeeSharingEvaluation,
  canSeeVerification,
  canVerify,
  demandFilter,
  feedbackFilter,
  verificationFilter,
} from './access.js';
import { DataDemand } from './demand.entity.js';
import { UsageFeedback } from './feedback.entity.js';
import { ShareRequest } from './share-request.entity.js';
import { DataVerification } from './verification.entity.js';

const LISHUI = nodeConfig('lishui', ['331100', '331121', '331122']);
let t: Awaited<ReturnType<typeof startTestNode>>;
const em = () => t.running.subgraphs.sharing!.orm.em.fork();
const owners = {
  'city bureau 331100': newId('331100'),
  'county bureau 331121': newId('331121'),
  'county bureau 331122': newId('331122'),
  'district bureau 331102': newId('331102'),
};
const operatorOrg = newId('331100');
const orgs = Object.values(owners);

/** Demands, verifications and feedback between every pair of owners, plus rows of an unhosted region. */
beforeAll(async () => {
  t = await startTestNode('access_records', LISHUI);
  const fork = em();
  for (const provider of [...orgs.slice(0, 3), newId('330000')]) {
    const region = regionOf(provider)!;
    for (const requester of orgs.filter((o) => o !== provider)) {
      const grant = fork.create(ShareRequest, {
        ...newOwned(region),
        resourceId: newId(region),
        requesterId: requester,
        providerId: provider,
        shareAttribute: 'UNCONDITIONAL',
        scenario: 's',
        purpose: 'p',
        legalDuty: null,
        itemNames: ['x'],
        shareMode: 'API',
        endDate: '2099-12-31',
        authorityApprovalRequired: false,
        decisionRule: 'UNCONDITIONAL_AUTO_GRANT',
        securityGrade: 'GENERAL',
        status: 'GRANTED',
        decisionReason: 'r',
        decidedAt: new Date(),
        decidedBy: 'SYSTEM',
        requestedItemNames: ['x'],
        requestedEndDate: '2099-12-31',
        itemJustifications: [],
        escalationReason: null,
        offlineReason: null,
        crossNode: !requester.startsWith(region.slice(0, 4)),
        suspendedAt: null,
        suspensionReason: null,
        rectificationDemand: null,
        rectificationDeadline: null,
        revokedAt: null,
        revocationReason: null,
        catalogEventId: null,
      } as unknown as ShareRequest);
      // Reports and feedback reference their grant: it is written first.
      await fork.flush();
      fork.create(DataVerification, {
        ...newOwned(region),
        grantId: grant.id,
        resourceId: grant.resourceId,
        requesterId: requester,
        providerId: provider,
        itemNames: ['x'],
        description: 'd',
        status: 'OPEN',
        outcome: null,
        note: null,
        verifiedAt: null,
        verifiedBy: null,
        dueDate: '2026-01-05',
        deadlineWorkingDays: 2,
        deadlineProfile: 'L',
        deadlineBasis: 'L §13',
      } as unknown as DataVerification);
      fork.create(UsageFeedback, {
        ...newOwned(region),
        grantId: grant.id,
        requesterId: requester,
        providerId: provider,
        periodStart: '2026-01-01',
        periodEnd: '2026-01-31',
        purposeFulfilled: true,
        useCount: 3,
        frequency: '每日',
        issues: null,
        reportedBy: 'x',
      } as unknown as UsageFeedback);
    }
  }
  // Demands live in the requester's region: one unassigned, one assigned to each other owner.
  for (const requester of [...orgs, newId('330000')]) {
    const region = regionOf(requester)!;
    for (const providerId of [null, ...orgs.filter((o) => o !== requester)]) {
      fork.create(DataDemand, {
        ...newOwned(region),
        requesterId: requester,
        dataName: 'n',
        description: 'd',
        itemNames: ['x'],
        scenario: 's',
        legalDuty: 'l',
        status: providerId ? 'ASSIGNED' : 'OPEN',
        providerId,
        assignedAt: providerId ? new Date() : null,
        assignedBy: null,
        assignmentNote: null,
        respondedAt: null,
        respondedBy: null,
        declineReason: null,
        resourceId: null,
        fulfilledAt: null,
      } as unknown as DataDemand);
    }
  }
  await fork.flush();
}, 300_000);
afterAll(async () => t?.stop());

describe('sharing records access', () => {
  const actors = () => accessActors(owners, operatorOrg);

  test('DataDemand: the list filter admits exactly the demands dataDemand(id) shows [SHR-4, B §27, SEC-1]', async () => {
    await expectFilterAgreesWithPredicate(em(), DataDemand, actors(), accessNodes(LISHUI), demandFilter as never, canSeeDemand);
  });

  test('DataVerification: the list filter admits exactly the reports dataVerification(id) shows [SHR-8, L §13, SEC-1]', async () => {
    await expectFilterAgreesWithPredicate(em(), DataVerification, actors(), accessNodes(LISHUI), verificationFilter as never, canSeeVerification);
  });

  test('UsageFeedback: the filter admits exactly the feedback ShareRequest.feedback shows [SHR-9, B §45]', async () => {
    await expectFilterAgreesWithPredicate(em(), UsageFeedback, actors(), accessNodes(LISHUI), feedbackFilter as never, canSeeFeedback);
  });

  test("[SHR-4, B §27, B §29] the authority acting on the requester's region, or coordinating from above, assigns; only the assigned provider answers", () => {
    const [, liandu] = accessNodes(LISHUI);
    const requester = owners['county bureau 331121'];
    const provider = owners['city bureau 331100'];
    const d = { regionCode: '331121', requesterId: requester, providerId: provider };
    expect(canAssignDemand(authority('331121'), LISHUI, d)).toBe(true);
    expect(canAssignDemand(authority('331100'), LISHUI, d)).toBe(true);
    expect(canAssignDemand(authority('331122'), LISHUI, d)).toBe(false);
    expect(canAssignDemand(agency(requester), LISHUI, d)).toBe(false);
    expect(canAssignDemand(auditor('331100'), LISHUI, d)).toBe(false);
    // On a district's node the city authority coordinates across levels [B §29]; the district's own authority acts there.
    expect(canAssignDemand(authority('331100'), liandu!, { ...d, regionCode: '331102' })).toBe(true);
    expect(canAssignDemand(authority('331102'), liandu!, { ...d, regionCode: '331102' })).toBe(true);
    expect(canAssignDemand(authority('331181'), liandu!, { ...d, regionCode: '331102' })).toBe(false);
    expect(canRespondToDemand(agency(provider), d)).toBe(true);
    expect(canRespondToDemand(agency(requester), d)).toBe(false);
    expect(canRespondToDemand(authority('331100'), d)).toBe(false);
    expect(canRespondToDemand(agency(provider), { ...d, providerId: null })).toBe(false);
  });

  test("[L §13] only the provider's staff verify; the reporter, the authority and an auditor do not", () => {
    const v = { regionCode: '331100', requesterId: owners['county bureau 331121'], providerId: owners['city bureau 331100'] };
    expect(canVerify(agency(v.providerId), v)).toBe(true);
    expect(canVerify(agency(v.requesterId), v)).toBe(false);
    expect(canVerify(authority('331100'), v)).toBe(false);
    expect(canVerify(auditor('331100'), v)).toBe(false);
  });

  test("[SHR-11, L §28, B §48] an agency's sharing evaluation: the agency, authorities over its region and auditors; not other agencies, not the public", () => {
    const [, liandu] = accessNodes(LISHUI);
    const county = owners['county bureau 331121'];
    expect(canSeeSharingEvaluation(agency(county), LISHUI, county)).toBe(true);
    expect(canSeeSharingEvaluation(authority('331121'), LISHUI, county)).toBe(true);
    expect(canSeeSharingEvaluation(authority('331100'), LISHUI, county)).toBe(true);
    expect(canSeeSharingEvaluation(auditor('331100'), LISHUI, county)).toBe(true);
    expect(canSeeSharingEvaluation(authority('330000'), LISHUI, county)).toBe(true);
    expect(canSeeSharingEvaluation(authority('331122'), LISHUI, county)).toBe(false);
    expect(canSeeSharingEvaluation(agency(owners['city bureau 331100']), LISHUI, county)).toBe(false);
    expect(canSeeSharingEvaluation(ANONYMOUS, LISHUI, county)).toBe(false);
    // The city authority reads a district agency's evaluation on the district node (it supervises there).
    expect(canSeeSharingEvaluation(authority('331100'), liandu!, owners['district bureau 331102'])).toBe(true);
  });
});
