import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { newId } from '../../schema/ids.js';
import { accessActors, accessNodes } from '../../test/support/access.js';
import { expectFilterAgreesWithPredicate } from '../../test/support/access.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { newOwned } from '../kit/server/owned.js';
import {
  canDecide,
  canSeeCoordination,
  canSeeNegativeListEntry,
  canSeeRequest,
  canSeeSanction,
  canSeeViolation,
  coordinationFilter,
  negativeListFilter,
  requestFilter,
  sanctionFilter,
  violationFilter,
} from './access.js';
import { NegativeListEntry, ShareViolation } from './negative-list.entity.js';
import { ShareSanction } from './sanction.entity.js';
import { ShareRequest } from './share-request.entity.js';

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

const NEW_COLUMNS = {
  requestedItemNames: ['x'],
  requestedEndDate: '2099-12-31',
  itemJustifications: [],
  escalationReason: null,
  suspendedAt: null,
  suspensionReason: null,
  rectificationDemand: null,
  rectificationDeadline: null,
  revokedAt: null,
  revocationReason: null,
  catalogEventId: null,
};

/** Requests for each owner's data, made by each of the others, in every status; and one stray row of an unhosted region. */
beforeAll(async () => {
  t = await startTestNode('access_sharing', LISHUI);
  const fork = em();
  const orgs = Object.values(owners);
  for (const provider of orgs.slice(0, 3)) {
    for (const requester of orgs.filter((o) => o !== provider)) {
      for (const [status, approval] of [
        ['PENDING', false],
        ['PENDING', true],
        ['GRANTED', false],
        ['REJECTED', false],
      ] as const) {
        fork.create(ShareRequest, {
          ...newOwned(provider.slice(0, 6)),
          resourceId: newId(provider.slice(0, 6)),
          requesterId: requester,
          providerId: provider,
          shareAttribute: 'CONDITIONAL',
          scenario: 's',
          purpose: 'p',
          legalDuty: null,
          itemNames: ['x'],
          shareMode: approval ? 'OFFLINE' : 'API',
          endDate: '2099-12-31',
          ...NEW_COLUMNS,
          offlineReason: approval ? '涉密网络' : null,
          crossNode: requester.startsWith('331102'),
          authorityApprovalRequired: approval,
          decisionRule: approval ? 'MODE_REQUIRES_AUTHORITY' : 'CONDITIONAL_PROVIDER_DECISION',
          securityGrade: 'GENERAL',
          status,
          ...(status === 'PENDING' ? { decisionReason: null, decidedAt: null, decidedBy: null } : { decisionReason: 'r', decidedAt: new Date(), decidedBy: 'x' }),
        } as unknown as ShareRequest);
      }
    }
  }
  fork.create(ShareRequest, {
    ...newOwned('330000'),
    resourceId: newId('330000'),
    requesterId: owners['city bureau 331100'],
    providerId: newId('330000'),
    shareAttribute: 'CONDITIONAL',
    scenario: 's',
    purpose: 'p',
    legalDuty: null,
    itemNames: ['x'],
    shareMode: 'API',
    endDate: '2099-12-31',
    ...NEW_COLUMNS,
    offlineReason: null,
    crossNode: false,
    authorityApprovalRequired: false,
    status: 'PENDING',
    decisionReason: null,
    decidedAt: null,
    decidedBy: null,
    decisionRule: 'CONDITIONAL_PROVIDER_DECISION',
    securityGrade: 'GENERAL',
  } as unknown as ShareRequest);
  await fork.flush();
  const requests = await fork.find(ShareRequest, {});
  for (const [i, provider] of Object.values(owners).entries()) {
    const region = provider.slice(0, 6);
    fork.create(NegativeListEntry, {
      ...newOwned(region),
      providerId: provider,
      resourceId: newId(region),
      dataName: 'd',
      itemNames: ['x'],
      legalBasis: 'b',
      source: 'PROVIDER',
      removedAt: null,
      removalReason: null,
    } as unknown as NegativeListEntry);
    fork.create(ShareSanction, {
      ...newOwned(region),
      organizationId: Object.values(owners)[(i + 1) % 4],
      violation: 'BEYOND_SCOPE',
      description: 'd',
      rectificationDemand: 'r',
      deadline: '2099-12-31',
      imposedBy: 'x',
      liftedAt: null,
      liftedBy: null,
      liftReason: null,
    } as unknown as ShareSanction);
    const r = requests.find((q) => q.providerId === provider);
    if (r) {
      fork.create(ShareViolation, {
        ...newOwned(r.regionCode),
        kind: 'UNLISTED_REJECTION',
        shareRequestId: r.id,
        providerId: provider,
        requesterId: r.requesterId,
        resourceId: r.resourceId,
        itemNames: r.itemNames,
        reason: 'r',
        reviewedAt: null,
        reviewedBy: null,
        reviewNote: null,
      } as unknown as ShareViolation);
    }
  }
  await fork.flush();
}, 300_000);
afterAll(async () => t?.stop());

describe('sharing access', () => {
  test('ShareRequest: the list filter admits exactly the requests shareRequest(id) and _entities show [SEC-1, B §26-27]', async () => {
    await expectFilterAgreesWithPredicate(em(), ShareRequest, accessActors(owners, operatorOrg), accessNodes(LISHUI), requestFilter, canSeeRequest);
  });

  test('the coordination queue: its filter admits exactly the rows its predicate does [B §29]', async () => {
    await expectFilterAgreesWithPredicate(em(), ShareRequest, accessActors(owners, operatorOrg), accessNodes(LISHUI), coordinationFilter, canSeeCoordination);
  });

  test('NegativeListEntry, ShareViolation and ShareSanction: each list filter admits exactly the rows its predicate does [B §24, L §34, B §49]', async () => {
    const actors = accessActors(owners, operatorOrg);
    await expectFilterAgreesWithPredicate(em(), NegativeListEntry, actors, accessNodes(LISHUI), negativeListFilter, canSeeNegativeListEntry);
    await expectFilterAgreesWithPredicate(em(), ShareViolation, actors, accessNodes(LISHUI), violationFilter, canSeeViolation);
    await expectFilterAgreesWithPredicate(em(), ShareSanction, actors, accessNodes(LISHUI), sanctionFilter, canSeeSanction);
  });

  test('[B §29] the city authority decides a request from another platform on a district node, where it otherwise only reads', () => {
    const [, liandu] = accessNodes(LISHUI);
    const r = { regionCode: '331102', providerId: owners['district bureau 331102'], requesterId: owners['city bureau 331100'], authorityApprovalRequired: false, crossNode: true };
    expect(canDecide(authority('331100'), liandu!, r)).toBe(true);
    expect(canDecide(authority('331100'), liandu!, { ...r, crossNode: false })).toBe(false);
    expect(canDecide(authority('330000'), liandu!, r)).toBe(true);
    expect(canDecide(authority('331181'), liandu!, r)).toBe(false);
  });

  test("[B §27, SHR-6] the provider or the authority acting on the data's region decides; a sibling county and a supervising authority do not [B §29]", () => {
    const [, liandu] = accessNodes(LISHUI);
    const provider = owners['county bureau 331122'];
    const r = { regionCode: '331122', providerId: provider, requesterId: owners['city bureau 331100'], authorityApprovalRequired: false, crossNode: false };
    expect(canDecide(agency(provider, '331122'), LISHUI, r)).toBe(true);
    expect(canDecide(agency(provider, '331122'), LISHUI, { ...r, authorityApprovalRequired: true })).toBe(false);
    expect(canDecide(agency(r.requesterId, '331100'), LISHUI, r)).toBe(false);
    expect(canDecide(authority('331122'), LISHUI, { ...r, authorityApprovalRequired: true })).toBe(true);
    expect(canDecide(authority('331100'), LISHUI, r)).toBe(true);
    expect(canDecide(authority('331121'), LISHUI, r)).toBe(false);
    expect(canDecide(authority('331100'), liandu!, { ...r, regionCode: '331102' })).toBe(false);
    expect(canSeeRequest(authority('331100'), liandu!, { ...r, regionCode: '331102' })).toBe(true);
  });
});
