import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ANONYMOUS, type Actor } from '../../schema/auth.js';
import { newId } from '../../schema/ids.js';
import { auditor } from '../../test/support/access.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { addDays, todayInChina } from '../kit/rules/calendar.js';
import { newOwned } from '../kit/server/owned.js';
import { OpenDataAgreement, OpenDataApplication } from './application.entity.js';
import { OpenDataComplaint } from './complaint.entity.js';
import { OpenDataset } from './dataset.entity.js';
import { OpenDataOpinion } from './opinion.entity.js';
import { OpenDataUse } from './use.entity.js';

/**
 * The opening evaluation of an agency [OPN-9, Z §38], counted from the rows its opening work
 * leaves: written here straight through the ORM, so that every count has a known answer.
 */

const CITY = '331100';
const COUNTY = '331121';
let t: Awaited<ReturnType<typeof startTestNode>>;
let statements = 0;
const provider = newId(CITY);
const quiet = newId(CITY);
const other = newId(COUNTY);
const today = todayInChina();

const EVALUATION = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { id openingEvaluation {
  openDatasets restrictedDatasets completeness opinionsReceived opinionsOverdue opinionsAnsweredLate complaints
  applicationsReceived agreementsInForce restrictedUses downloads apiCalls } } } }`;

/**
 * The provider opens three datasets (one RESTRICTED, one without a priority domain) and has one
 * withdrawn; three opinions (one overdue, one answered late, one on time); a complaint; two
 * applications; agreements in force, expired and suspended; two recorded uses. `quiet` opened nothing.
 */
beforeAll(async () => {
  t = await startTestNode('opening_eval', nodeConfig('lishui', [CITY, COUNTY]), (subgraph) => {
    if (subgraph === 'opening') statements += 1;
  });
  const em = t.running.subgraphs.opening!.orm.em.fork();
  const dataset = (status: string, openAttribute: string, priorityDomain: string | null) => {
    const owned = newOwned(CITY);
    return em.create(OpenDataset, {
      ...owned,
      resourceId: newId(CITY),
      providerId: provider,
      title: '公交线路',
      description: '全市公交线路和站点',
      openAttribute,
      accessMethods: ['API'],
      dataType: 'INTERFACE',
      priorityDomain,
      format: 'API',
      updateFrequency: 'MONTHLY',
      status,
      publishedAt: owned.createdAt,
      updatedAt: owned.createdAt,
    } as unknown as OpenDataset);
  };
  const open = dataset('OPEN', 'UNCONDITIONAL', 'TRANSPORT');
  const restricted = dataset('OPEN', 'RESTRICTED', 'TRANSPORT');
  dataset('OPEN', 'UNCONDITIONAL', null);
  dataset('WITHDRAWN', 'UNCONDITIONAL', 'TRANSPORT');
  await em.flush();

  const deadline = { deadlineWorkingDays: 10, deadlineProfile: 'Z', deadlineBasis: 'Z §21' };
  let n = 0;
  const opinion = (dueDate: string, answeredAt: Date | null) =>
    em.create(OpenDataOpinion, {
      ...newOwned(CITY),
      ...deadline,
      dueDate,
      datasetId: open.id,
      providerId: provider,
      kind: 'POOR_QUALITY',
      content: 'c',
      channel: 'ONLINE',
      receivedOn: addDays(dueDate, -14),
      filerAccount: null,
      receiptTokenHash: `h${++n}`,
      status: answeredAt ? 'ANSWERED' : 'OPEN',
      answer: answeredAt ? 'a' : null,
      answeredAt,
      updatedAt: new Date(),
    });
  opinion(addDays(today, -3), null);
  opinion(addDays(today, -10), new Date(`${addDays(today, -5)}T10:00:00+08:00`));
  opinion(addDays(today, -10), new Date(`${addDays(today, -12)}T10:00:00+08:00`));
  em.create(OpenDataComplaint, {
    ...newOwned(CITY),
    datasetId: open.id,
    providerId: provider,
    infringes: ['PERSONAL_PRIVACY'],
    description: 'd',
    source: 'PUBLIC',
    objectionId: null,
    complainantAccount: null,
    receiptTokenHash: 'c1',
    status: 'FILED',
    outcome: null,
    steps: [],
    updatedAt: new Date(),
  } as unknown as OpenDataComplaint);
  const agreement = async (status: string, termStart: string, termEnd: string) => {
    const owned = newOwned(CITY);
    const application = em.create(OpenDataApplication, {
      ...owned,
      datasetId: restricted.id,
      providerId: provider,
      applicantAccount: newId(CITY),
      applicantName: '张三',
      applicantKind: 'NATURAL_PERSON',
      scenario: 's',
      storageCapability: 's',
      processingCapability: 'p',
      securityCapability: 'c',
      creditLevel: 'A',
      status: 'APPROVED',
      rejectionReason: null,
      agreementId: newId(CITY),
      steps: [],
      updatedAt: owned.createdAt,
    } as unknown as OpenDataApplication);
    await em.flush();
    return em.create(OpenDataAgreement, {
      ...newOwned(CITY),
      id: application.agreementId!,
      applicationId: application.id,
      datasetId: restricted.id,
      providerId: provider,
      holderAccount: application.applicantAccount,
      holderName: '张三',
      holderKind: 'NATURAL_PERSON',
      scenario: 's',
      clauseKinds: ['USE_FEEDBACK', 'NO_USE_BEYOND_SCOPE', 'NO_REDISTRIBUTION', 'CITE_SOURCE', 'SECURITY_DUTIES', 'ACCEPT_INSPECTION'],
      termMonths: 12,
      termStart,
      termEnd,
      storedStatus: status,
      filedWithAuthorityAt: owned.createdAt,
      filingAcknowledgedAt: null,
      violations: status === 'ACTIVE' ? [] : ['BEYOND_AGREED_SCOPE'],
      rectification: status === 'ACTIVE' ? null : 'r',
      rectifyBy: status === 'ACTIVE' ? null : addDays(today, 30),
      suspendedAt: status === 'ACTIVE' ? null : owned.createdAt,
      terminatedAt: null,
      sanctionSteps: [],
      updatedAt: owned.createdAt,
    } as unknown as OpenDataAgreement);
  };
  const inForce = await agreement('ACTIVE', addDays(today, -30), addDays(today, 300));
  await agreement('ACTIVE', addDays(today, -400), addDays(today, -35));
  await agreement('SUSPENDED', addDays(today, -30), addDays(today, 300));
  await em.flush();
  for (const rows of [3, 5]) {
    em.create(OpenDataUse, {
      ...newOwned(CITY),
      agreementId: inForce.id,
      datasetId: restricted.id,
      providerId: provider,
      holderAccount: inForce.holderAccount,
      method: 'API',
      operation: 'GET /rows',
      rowsReturned: rows,
      usedAt: new Date(),
    });
  }
  await em.flush();
}, 300_000);
afterAll(async () => t?.stop());

async function evaluate(actor: Actor, ids: string[]) {
  const r = await t.call('opening', actor, EVALUATION, { reps: ids.map((id) => ({ __typename: 'Organization', id })) });
  expect(r.errors).toBeUndefined();
  return r.data!._entities.map((e: { openingEvaluation: unknown }) => e.openingEvaluation);
}

describe('opening evaluation per agency [OPN-9, Z §38]', () => {
  test('quantity, quality and use of what an agency opened; downloads and API calls as the data service counted them (none here)', async () => {
    const [p, q] = await evaluate(authority(CITY), [provider, quiet]);
    expect(p).toEqual({
      openDatasets: 3,
      restrictedDatasets: 1,
      completeness: 2 / 3,
      opinionsReceived: 3,
      opinionsOverdue: 1,
      opinionsAnsweredLate: 1,
      complaints: 1,
      // Every application yielded an agreement; only one agreement is ACTIVE and within its term.
      applicationsReceived: 3,
      agreementsInForce: 1,
      restrictedUses: 2,
      downloads: 0,
      apiCalls: 0,
    });
    // An agency that opened nothing reads zeros, and a completeness of null rather than 0.
    expect(q).toMatchObject({ openDatasets: 0, completeness: null, opinionsReceived: 0, restrictedUses: 0 });
  });

  test('the agency itself, the authorities of its region and above and auditors read it; other agencies, a sibling county and the public get null [Z §38]', async () => {
    for (const viewer of [agency(provider, CITY), authority(CITY), auditor(CITY)]) expect((await evaluate(viewer, [provider]))[0]).not.toBeNull();
    for (const viewer of [agency(other, COUNTY), authority(COUNTY), ANONYMOUS]) expect((await evaluate(viewer, [provider]))[0]).toBeNull();
  });

  test('one statement for any number of agencies (no N+1)', async () => {
    await evaluate(authority(CITY), [provider]);
    statements = 0;
    await evaluate(authority(CITY), [provider]);
    const one = statements;
    statements = 0;
    await evaluate(authority(CITY), [provider, quiet, other, newId(CITY), newId(CITY)]);
    expect(statements).toBe(one);
  });
});
