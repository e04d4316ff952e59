import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { newId } from '../../schema/ids.js';
import { accessActors, accessNodes, expectFilterAgreesWithPredicate, operatorActor } from '../../test/support/access.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { addDays, todayInChina } from '../kit/rules/calendar.js';
import { newOwned } from '../kit/server/owned.js';
import { actsAsOperator, canSeeFeedback, canSeeMissingReports, canSeeReport, canSetFeedbackDeadline, feedbackFilter, missingReportsFilter, reportFilter } from './access.js';
import { GovernanceFeedback } from './feedback.entity.js';
import { Operator } from './operator.entity.js';
import { OperatorReport } from './report.entity.js';

const LISHUI = nodeConfig('lishui_reports', ['331100', '331121', '331122']);
let t: Awaited<ReturnType<typeof startTestNode>>;
const em = () => t.running.subgraphs.operation!.orm.em.fork();
const owners = { 'city enterprise 331100': newId('331100'), 'county enterprise 331121': newId('331121'), 'county agency 331122': newId('331122') };
const operatorIds: string[] = [];

/** An operator record per owner, a report of each, and feedback on each owner's entry filed by each operator. */
beforeAll(async () => {
  t = await startTestNode('access_operation_reports', LISHUI);
  const fork = em();
  const today = todayInChina();
  let n = 0;
  for (const org of Object.values(owners)) {
    const owned = newOwned(org.slice(0, 6));
    operatorIds.push(owned.id);
    fork.create(Operator, {
      ...owned,
      organizationId: org,
      agreementNo: `R-${++n}`,
      agreementSignedAt: addDays(today, -400),
      termStart: addDays(today, -400),
      termEnd: addDays(today, 700),
      scope: 's',
      licensedBy: 'x',
      kind: 'STATE_OWNED_ENTERPRISE',
      kindReason: null,
      selectionBasis: null,
      renewsId: null,
      rectifyBy: null,
      status: 'ACTIVE',
      statusReason: null,
      updatedAt: owned.createdAt,
    } as Operator);
    // The report references its operator, which the ORM does not know: the operator is written first.
    await fork.flush();
    const sections = { storage: 'a', processing: 'b', analysis: 'c', fusion: 'd', marketOperation: 'e' };
    fork.create(OperatorReport, {
      ...newOwned(org.slice(0, 6)),
      operatorId: owned.id,
      organizationId: org,
      kind: 'PERIODIC',
      periodNumber: 1,
      periodStart: addDays(today, -400),
      periodEnd: addDays(today, -310),
      dueDate: addDays(today, -300),
      ...sections,
    } as OperatorReport);
  }
  await fork.flush();
  const providers = Object.values(owners);
  for (const [i, opId] of operatorIds.entries()) {
    for (const provider of providers) {
      const owned = newOwned(provider.slice(0, 6));
      fork.create(GovernanceFeedback, {
        ...owned,
        resourceId: newId(provider.slice(0, 6)),
        providerId: provider,
        operatorId: opId,
        operatorOrganizationId: providers[i]!,
        itemNames: ['x'],
        description: 'd',
        status: 'OPEN',
        dueDate: addDays(today, -1),
        deadlineWorkingDays: null,
        deadlineProfile: null,
        deadlineBasis: 'b',
        answer: null,
        answeredAt: null,
        updatedAt: owned.createdAt,
      } as GovernanceFeedback);
    }
  }
  await fork.flush();
}, 300_000);
afterAll(async () => t?.stop());

/** The callers of every access module, and operators acting by the record their token names. */
const actors = () => [
  ...accessActors(owners, owners['city enterprise 331100']),
  { label: 'operator naming its record', actor: { ...operatorActor(owners['county enterprise 331121']), account: operatorIds[1]! } },
  { label: 'operator naming another record', actor: { ...operatorActor(owners['county enterprise 331121']), account: operatorIds[0]!.replace(/^331100/, '331121') } },
];

describe('operation access: reports and governance feedback', () => {
  test('OperatorReport: the list filter admits exactly what operatorReport(id) shows [D §20]', async () => {
    await expectFilterAgreesWithPredicate(em(), OperatorReport, actors(), accessNodes(LISHUI), reportFilter, canSeeReport);
  });

  test('missing reports: the operators whose missing reports the caller sees [D §20]', async () => {
    await expectFilterAgreesWithPredicate(em(), Operator, actors(), accessNodes(LISHUI), missingReportsFilter, canSeeMissingReports);
  });

  test('GovernanceFeedback: the list filter admits exactly what governanceFeedback(id) shows [D §16]', async () => {
    const { admitted } = await expectFilterAgreesWithPredicate(em(), GovernanceFeedback, actors(), accessNodes(LISHUI), feedbackFilter, canSeeFeedback);
    expect(admitted).toBeGreaterThan(0);
  });

  test('an operator acts as the record its token names, of its own organization; a token naming none acts for none [D §11, D §20]', () => {
    const op = { id: operatorIds[1]!, organizationId: owners['county enterprise 331121'] };
    expect(actsAsOperator(operatorActor(op.organizationId), op)).toBe(false);
    expect(actsAsOperator({ ...operatorActor(owners['city enterprise 331100']), account: op.id }, op)).toBe(false);
    expect(actsAsOperator({ ...operatorActor(op.organizationId), account: op.id }, op)).toBe(true);
    expect(actsAsOperator({ ...operatorActor(op.organizationId), account: newId('331121') }, op)).toBe(false);
    expect(actsAsOperator(agency(op.organizationId), op)).toBe(false);
  });

  test('the deadline is set by the authority acting on the entry region, never a supervisor [D §16]', () => {
    const [, liandu] = accessNodes(LISHUI);
    expect(canSetFeedbackDeadline(authority('331100'), LISHUI, { regionCode: '331122' })).toBe(true);
    expect(canSetFeedbackDeadline(authority('331121'), LISHUI, { regionCode: '331122' })).toBe(false);
    expect(canSetFeedbackDeadline(authority('331100'), liandu!, { regionCode: '331102' })).toBe(false);
    expect(canSetFeedbackDeadline(authority('331102'), liandu!, { regionCode: '331102' })).toBe(true);
  });
});
