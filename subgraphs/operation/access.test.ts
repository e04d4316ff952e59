import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { newId } from '../../schema/ids.js';
import { accessActors, accessNodes, auditor, expectFilterAgreesWithPredicate, operatorActor } from '../../test/support/access.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { addDays, todayInChina } from '../kit/rules/calendar.js';
import { newOwned } from '../kit/server/owned.js';
import type { Actor } from '../../schema/auth.js';
import {
  actsAsOperator,
  authorizationFilter,
  canActAsOperator,
  canAnswerEntry,
  canFirstReview,
  canLicense,
  canReReview,
  canSeeAuthorization,
  canSeeOperator,
  canSeeSanctions,
  isExpertFor,
  isServiceCenterOf,
  operatorFilter,
} from './access.js';
import { OperationAuthorization } from './authorization.entity.js';
import { OPERATOR_STATUSES } from './operator.enums.js';
import { effectiveStatus, statusCondition } from './operator.rules.js';
import { Operator } from './operator.entity.js';

const LISHUI = nodeConfig('lishui', ['331100', '331121', '331122']);
let t: Awaited<ReturnType<typeof startTestNode>>;
const em = () => t.running.subgraphs.operation!.orm.em.fork();
const owners = { 'city enterprise 331100': newId('331100'), 'county enterprise 331121': newId('331121'), 'county enterprise 331122': newId('331122') };
let n = 0;
const operatorIds: string[] = [];
const serviceCenter = (region: string): Actor => ({ sub: `service-center-${region}`, orgId: null, region, roles: ['SERVICE_CENTER'] });

/** Authorizations of each organization in force, suspended, revoked, not yet started and expired. */
beforeAll(async () => {
  t = await startTestNode('access_operation', LISHUI);
  const fork = em();
  const today = todayInChina();
  for (const org of Object.values(owners)) {
    for (const [status, start, end, rectifyBy] of [
      ['ACTIVE', addDays(today, -10), addDays(today, 100), null],
      ['SUSPENDED', addDays(today, -10), addDays(today, 100), null],
      ['SUSPENDED', addDays(today, -10), addDays(today, 100), addDays(today, 5)],
      // Not rectified by its deadline: TERMINATED [D §28].
      ['SUSPENDED', addDays(today, -10), addDays(today, 100), addDays(today, -1)],
      ['REVOKED', addDays(today, -10), addDays(today, 100), null],
      ['ACTIVE', addDays(today, 10), addDays(today, 100), null],
      ['ACTIVE', addDays(today, -100), addDays(today, -10), null],
    ] as const) {
      const owned = newOwned(org.slice(0, 6));
      // biome-ignore lint/complexity/useMathMinMax: ISO date strings, which Math.min would turn into NaN
      const signed = start < today ? start : today;
      fork.create(Operator, {
        ...owned,
        organizationId: org,
        agreementNo: `A-${++n}`,
        agreementSignedAt: signed,
        termStart: start,
        termEnd: end,
        scope: 's',
        licensedBy: 'x',
        status,
        statusReason: null,
        kind: 'STATE_OWNED_ENTERPRISE',
        kindReason: null,
        selectionBasis: null,
        renewsId: null,
        rectifyBy,
        updatedAt: owned.createdAt,
      } as Operator);
    }
  }
  await fork.flush();
  // Applications of an operator of each owner, naming entries of the other owners as providers.
  const orgs = Object.values(owners);
  for (const [i, org] of orgs.entries()) {
    const op = await fork.findOneOrFail(Operator, { organizationId: org, status: 'ACTIVE' }, { orderBy: { seq: 'asc' } });
    operatorIds.push(op.id);
    for (const status of ['SUBMITTED', 'RE_REVIEWED', 'GRANTED'] as const) {
      const owned = newOwned(org.slice(0, 6));
      fork.create(OperationAuthorization, {
        ...owned,
        operatorId: op.id,
        organizationId: org,
        operatorTermEnd: op.termEnd,
        scenarioName: `s-${status}`,
        scenarioKey: `s-${status}`,
        scenarioDescription: 'd',
        valueKind: 'SOCIAL',
        value: 'v',
        priorityDomain: 'HEALTH',
        plan: 'p',
        goals: [],
        entries: [],
        providerIds: [orgs[(i + 1) % orgs.length]!],
        status,
        ...(status !== 'SUBMITTED' && {
          reReviewDue: today,
          reReviewWorkingDays: 5,
          reReviewBasis: 'D §14',
          confirmationDue: today,
          confirmationWorkingDays: 5,
          confirmationBasis: 'D §14',
          complianceAssessment: 'c',
          riskAssessment: 'r',
          networkSecurityOpinion: 'n',
          expertCommitteeOpinion: 'e',
        }),
        ...(status === 'GRANTED' && { grantedOn: today, validUntil: op.termEnd }),
        steps: [],
        updatedAt: owned.createdAt,
      } as unknown as OperationAuthorization);
    }
  }
  await fork.flush();
}, 300_000);
afterAll(async () => t?.stop());

describe('operation access', () => {
  test('Operator: the list filter admits exactly the authorizations operator(id), Organization.operator and _entities show [D §9, D §28]', async () => {
    const today = todayInChina();
    await expectFilterAgreesWithPredicate(
      em(),
      Operator,
      accessActors(owners, owners['city enterprise 331100']),
      accessNodes(LISHUI),
      (actor) => operatorFilter(actor, today),
      (actor, _node, op) => canSeeOperator(actor, op, today),
    );
  });

  test("[D §9, J §20] only the authority acting on the organization's region licenses; a sibling county, a supervisor, an auditor, agencies and operators do not", () => {
    const [, liandu] = accessNodes(LISHUI);
    expect(canLicense(authority('331100'), LISHUI, '331100')).toBe(true);
    expect(canLicense(authority('331100'), LISHUI, '331122')).toBe(true);
    expect(canLicense(authority('331122'), LISHUI, '331122')).toBe(true);
    expect(canLicense(authority('331121'), LISHUI, '331100')).toBe(false);
    expect(canLicense(authority('331121'), LISHUI, '331122')).toBe(false);
    expect(canLicense(authority('331100'), liandu!, '331102')).toBe(false);
    expect(canLicense(authority('330000'), LISHUI, '331100')).toBe(false);
    expect(canLicense(auditor('331100'), LISHUI, '331100')).toBe(false);
    expect(canLicense(agency(owners['city enterprise 331100'], '331100'), LISHUI, '331100')).toBe(false);
    expect(canLicense(operatorActor(owners['city enterprise 331100']), LISHUI, '331100')).toBe(false);
  });

  test('each status filter admits exactly the rows whose computed status it names, TERMINATED included [D §10-11, D §28]', async () => {
    const today = todayInChina();
    const rows = await em().find(Operator, {});
    for (const status of OPERATOR_STATUSES) {
      const found = (await em().find(Operator, statusCondition(status, today))).map((o) => o.id).sort();
      expect({ status, ids: found }).toEqual({
        status,
        ids: rows
          .filter((o) => effectiveStatus(o, today) === status)
          .map((o) => o.id)
          .sort(),
      });
    }
    expect(rows.some((o) => effectiveStatus(o, today) === 'TERMINATED')).toBe(true);
  });

  test('[D §8-11] an OPERATOR acts only as its own authorization, of its own organization, and only while in good standing [D §28]', async () => {
    const today = todayInChina();
    const ops = await em().find(Operator, { organizationId: owners['city enterprise 331100'] }, { orderBy: { seq: 'asc' } });
    const [active, suspended] = ops;
    const as = (op: Operator, orgId = op.organizationId): Actor => ({ sub: 'op', orgId, region: '331100', roles: ['OPERATOR'], account: op.id });
    expect(actsAsOperator(as(active!), active!)).toBe(true);
    expect(canActAsOperator(as(active!), active!, today)).toBe(true);
    expect(actsAsOperator(as(active!), suspended!)).toBe(false);
    expect(actsAsOperator(as(active!, owners['county enterprise 331121']), active!)).toBe(false);
    expect(actsAsOperator({ ...as(active!), roles: ['AGENCY'] }, active!)).toBe(false);
    expect(actsAsOperator(operatorActor(owners['city enterprise 331100']), active!)).toBe(false);
    expect(actsAsOperator(as(suspended!), suspended!)).toBe(true);
    expect(canActAsOperator(as(suspended!), suspended!, today)).toBe(false);
    // Its sanctions: the operator itself and the overseers of its region, nobody else.
    expect(canSeeSanctions(as(suspended!), LISHUI, suspended!)).toBe(true);
    expect(canSeeSanctions(as(active!), LISHUI, suspended!)).toBe(false);
    expect(canSeeSanctions(authority('331100'), LISHUI, suspended!)).toBe(true);
    expect(canSeeSanctions(auditor('331100'), LISHUI, suspended!)).toBe(true);
    expect(canSeeSanctions(authority('331121'), LISHUI, suspended!)).toBe(false);
    expect(canSeeSanctions(agency(owners['city enterprise 331100'], '331100'), LISHUI, suspended!)).toBe(false);
  });

  test('[D §12, D §14, D §22, Z §5] the service center reviews for the regions of its node under its own; an expert gives opinions within its region', () => {
    const [, liandu] = accessNodes(LISHUI);
    const center = (region: string): Actor => ({ sub: 'c', orgId: null, region, roles: ['SERVICE_CENTER'] });
    const expert = (region: string): Actor => ({ sub: 'e', orgId: null, region, roles: ['EXPERT'] });
    expect(isServiceCenterOf(center('331100'), LISHUI, '331100')).toBe(true);
    expect(isServiceCenterOf(center('331100'), LISHUI, '331122')).toBe(true);
    expect(isServiceCenterOf(center('331121'), LISHUI, '331122')).toBe(false);
    expect(isServiceCenterOf(center('331100'), liandu!, '331102')).toBe(false);
    expect(isServiceCenterOf(authority('331100'), LISHUI, '331100')).toBe(false);
    expect(isServiceCenterOf(expert('331100'), LISHUI, '331100')).toBe(false);
    expect(isExpertFor(expert('331100'), '331102')).toBe(true);
    expect(isExpertFor(expert('331102'), '331100')).toBe(false);
    expect(isExpertFor(center('331100'), '331100')).toBe(false);
    // Neither licenses operators [J §20].
    expect(canLicense(center('331100'), LISHUI, '331100')).toBe(false);
    expect(canLicense(expert('331100'), LISHUI, '331100')).toBe(false);
  });

  test('OperationAuthorization: the list filter admits exactly the applications operationAuthorization(id) shows: the operator by its account, the service center and overseers of the region, the providers named [D §12-14]', async () => {
    const [cityOrg] = Object.values(owners);
    const boundOperator: Actor = { ...operatorActor(cityOrg!), account: operatorIds[0]! };
    const actors = [
      ...accessActors(owners, cityOrg!),
      { label: 'operator bound to its record', actor: boundOperator },
      { label: 'operator naming another operator', actor: { ...boundOperator, account: operatorIds[1]! } },
      ...['331100', '331121', '331102'].map((r) => ({ label: `service center ${r}`, actor: serviceCenter(r) })),
    ];
    const { admitted } = await expectFilterAgreesWithPredicate(em(), OperationAuthorization, actors, accessNodes(LISHUI), authorizationFilter, canSeeAuthorization);
    expect(admitted).toBeGreaterThan(0);
  });

  test('[D §12, D §14] the operator applies as its own record only; the service center reviews first on its own node; the authority re-reviews; a provider answers for its own entries', () => {
    const [liandu] = accessNodes(LISHUI).slice(1);
    const cityOrg = owners['city enterprise 331100'];
    const op = { id: operatorIds[0]!, organizationId: cityOrg };
    expect(actsAsOperator({ ...operatorActor(cityOrg), account: op.id }, op)).toBe(true);
    expect(actsAsOperator(operatorActor(cityOrg), op)).toBe(false);
    expect(actsAsOperator({ ...operatorActor(owners['county enterprise 331121']), account: op.id }, op)).toBe(false);
    expect(actsAsOperator({ ...agency(cityOrg, '331100'), account: op.id }, op)).toBe(false);
    expect(canFirstReview(serviceCenter('331100'), LISHUI, { regionCode: '331121' })).toBe(true);
    expect(canFirstReview(serviceCenter('331121'), LISHUI, { regionCode: '331100' })).toBe(false);
    expect(canFirstReview(serviceCenter('331100'), liandu!, { regionCode: '331102' })).toBe(false);
    expect(canFirstReview(serviceCenter('331102'), liandu!, { regionCode: '331102' })).toBe(true);
    expect(canFirstReview(authority('331100'), LISHUI, { regionCode: '331100' })).toBe(false);
    expect(canReReview(authority('331100'), LISHUI, { regionCode: '331121' })).toBe(true);
    expect(canReReview(authority('331100'), liandu!, { regionCode: '331102' })).toBe(false);
    expect(canReReview(serviceCenter('331100'), LISHUI, { regionCode: '331100' })).toBe(false);
    expect(canReReview(auditor('331100'), LISHUI, { regionCode: '331100' })).toBe(false);
    expect(canAnswerEntry(agency(cityOrg, '331100'), cityOrg)).toBe(true);
    expect(canAnswerEntry(agency(owners['county enterprise 331121'], '331121'), cityOrg)).toBe(false);
    expect(canAnswerEntry(authority('331100'), cityOrg)).toBe(false);
  });
});
