import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ANONYMOUS } from '../../schema/auth.js';
import { citizenIdCheckChar } from '../kit/rules/citizen-id.js';
import { accessActors, accessNodes, auditor, expectFilterAgreesWithPredicate } from '../../test/support/access.js';
import { publishResource, registerOrganization, resourceInput } from '../../test/support/catalog-fixtures.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import {
  canCompile,
  canHandleObjection,
  canRegisterOrganization,
  canReview,
  canSeeEvaluation,
  canSeeObjection,
  canSeeResource,
  canSeeReviewRecords,
  canSupervise,
  evaluationFilter,
  objectionFilter,
  resourceFilter,
  reviewRecordsFilter,
  supervisionFilter,
} from './access.js';
import { DataObjection } from './objection.entity.js';
import { Organization } from './organization.entity.js';
import { DataResource } from './resource.entity.js';

const LISHUI = nodeConfig('lishui', ['331100', '331121', '331122']);
let t: Awaited<ReturnType<typeof startTestNode>>;
let owners: Record<string, string>;
let operatorOrg: string;
const em = () => t.running.subgraphs.catalog!.orm.em.fork();

const first17 = '331122199003071234'.slice(0, 17);
const PERSON_ID = first17 + citizenIdCheckChar(first17);

/** Entries of each owner in every status and openness, objections to each, and rows whose region is not hosted here. */
beforeAll(async () => {
  t = await startTestNode('access_catalog', LISHUI);
  owners = {
    'city bureau 331100': await registerOrganization(t.call, '331100', '丽水市市场监督管理局'),
    'county bureau 331121': await registerOrganization(t.call, '331121', '青田县市场监督管理局'),
    'county bureau 331122': await registerOrganization(t.call, '331122', '缙云县市场监督管理局'),
  };
  operatorOrg = await registerOrganization(t.call, '331100', '丽水数据运营公司', 'ENTERPRISE');
  for (const [i, org] of Object.values(owners).entries()) {
    const region = ['331100', '331121', '331122'][i]!;
    await publishResource(t.call, org, region);
    await publishResource(t.call, org, region, { openAttribute: 'PROHIBITED' });
    const retired = await publishResource(t.call, org, region);
    for (const status of ['DRAFT', 'SUBMITTED', 'RETURNED']) {
      const r = await t.call('catalog', agency(org, region), `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }`, {
        input: resourceInput(org, region),
      });
      expect(r.errors).toBeUndefined();
      await em().nativeUpdate(DataResource, { id: r.data!.createDataResource.id }, { status: status as DataResource['status'] });
    }
    await em().nativeUpdate(DataResource, { id: retired }, { status: 'DEPRECATED' });
    const o = await t.call('catalog', ANONYMOUS, `mutation($input: FileDataObjectionInput!) { fileDataObjection(input: $input) { id } }`, {
      input: { providerId: org, kind: 'WRONG', description: '登记状态有误', subject: { kind: 'PERSON', name: '李四', idNumber: PERSON_ID, contact: '13905781234' } },
    });
    expect(o.errors).toBeUndefined();
  }
  // Rows of a region this node does not host must not slip through a filter built from hosted regions.
  const stray = await publishResource(t.call, owners['city bureau 331100']!, '331100', { securityGrade: 'IMPORTANT', openAttribute: 'PROHIBITED' });
  await em().nativeUpdate(DataResource, { id: stray }, { regionCode: '330000', status: 'SUBMITTED' });
}, 300_000);
afterAll(async () => t?.stop());

const actors = () => accessActors(owners, operatorOrg);

describe('catalog access: each SQL filter admits exactly the rows its predicate admits', () => {
  test('DataResource: catalog visibility (search, lists) = dataResource(id), _entities [B §17, J §9, Z §10]', async () => {
    await expectFilterAgreesWithPredicate(em(), DataResource, actors(), accessNodes(LISHUI), resourceFilter, canSeeResource);
  });

  test('DataResource: review records (history, pending revision) [CAT-5, B §18]', async () => {
    await expectFilterAgreesWithPredicate(em(), DataResource, actors(), accessNodes(LISHUI), reviewRecordsFilter, canSeeReviewRecords);
  });

  test('DataResource: supervision lists (review queue, overdue) [B §17-18, L §8]', async () => {
    const supervisor = (a: Parameters<typeof canSupervise>[0]) => a.roles.includes('AUTHORITY') || a.roles.includes('AUDITOR');
    await expectFilterAgreesWithPredicate(em(), DataResource, actors(), accessNodes(LISHUI), supervisionFilter, (a, n, r) => supervisor(a) && canSupervise(a, n, r));
  });

  test('DataObjection: read by the organization addressed and those overseeing its region [B §11, SEC-3]', async () => {
    await expectFilterAgreesWithPredicate(em(), DataObjection, actors(), accessNodes(LISHUI), objectionFilter, canSeeObjection);
  });

  test('Organization.catalogEvaluation: the agency itself and those overseeing its region [B §48, L §28]', async () => {
    await expectFilterAgreesWithPredicate(em(), Organization, actors(), accessNodes(LISHUI), evaluationFilter, canSeeEvaluation);
  });
});

describe('catalog access: who acts', () => {
  const [, liandu] = accessNodes(LISHUI);
  const county = { regionCode: '331122', providerId: 'x' };

  test('[J §9, B §17] the city authority reviews the counties hosted with it; a sibling county authority does not; on a district node it only supervises', () => {
    expect(canReview(authority('331100'), LISHUI, county)).toBe(true);
    expect(canReview(authority('331122'), LISHUI, county)).toBe(true);
    expect(canReview(authority('331121'), LISHUI, county)).toBe(false);
    expect(canReview(authority('331121'), LISHUI, { regionCode: '331100' })).toBe(false);
    expect(canReview(authority('331100'), liandu!, { regionCode: '331102' })).toBe(false);
    expect(canSupervise(authority('331100'), liandu!, { regionCode: '331102' })).toBe(true);
    expect(canReview(authority('330000'), LISHUI, county)).toBe(false);
    expect(canReview(auditor('331100'), LISHUI, county)).toBe(false);
  });

  test('[B §17] only staff of the provider compile; [B §11] objections are handled by the provider or the authority acting on the region, masked for supervisors and auditors', () => {
    expect(canCompile(agency(owners['county bureau 331122']!, '331122'), owners['county bureau 331122']!)).toBe(true);
    expect(canCompile(authority('331122'), owners['county bureau 331122']!)).toBe(false);
    const o = { regionCode: '331122', providerId: owners['county bureau 331122']! };
    expect(canHandleObjection(authority('331100'), LISHUI, o)).toBe(true);
    expect(canHandleObjection(authority('331121'), LISHUI, o)).toBe(false);
    expect(canHandleObjection(auditor('331100'), LISHUI, o)).toBe(false);
    expect(canSeeObjection(auditor('331100'), LISHUI, o)).toBe(true);
    expect(canSeeObjection(auditor('331121'), LISHUI, o)).toBe(false);
    expect(canHandleObjection(authority('331100'), liandu!, { regionCode: '331102', providerId: 'x' })).toBe(false);
  });

  test('organizations are registered by the authority acting on their region only', () => {
    expect(canRegisterOrganization(authority('331100'), LISHUI, '331100')).toBe(true);
    expect(canRegisterOrganization(authority('331100'), LISHUI, '331121')).toBe(true);
    expect(canRegisterOrganization(authority('331121'), LISHUI, '331100')).toBe(false);
    expect(canRegisterOrganization(authority('331121'), LISHUI, '331122')).toBe(false);
    expect(canRegisterOrganization(authority('331100'), liandu!, '331102')).toBe(false);
  });
});
