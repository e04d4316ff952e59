import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ANONYMOUS, type Actor } from '../../schema/auth.js';
import { newId } from '../../schema/ids.js';
import { auditor } from '../../test/support/access.js';
import { publishResource, registerOrganization } from '../../test/support/catalog-fixtures.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';

let t: Awaited<ReturnType<typeof startTestNode>>;
const CITY = '331100';
let statements = 0;
let provider: string;
let r1: string;
let r2: string;

const REQUEST = `mutation($input: RequestShareInput!) { requestShare(input: $input) { id status } }`;
const APPROVE = `mutation($id: ID!, $reason: String) { approveShareRequest(id: $id, reason: $reason) { id status } }`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectShareRequest(id: $id, reason: $reason) { id status } }`;
const REPORT = `mutation($input: ReportWrongDataInput!) { reportWrongData(input: $input) { id } }`;
const EVALUATION = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { id sharingEvaluation {
  requestsMade requestsReceived approvalRate medianResponseWorkingDays overdueVerifications violations } } } }`;

const sql = () => t.running.subgraphs.sharing!.orm.em.getConnection();
const endDate = new Date(Date.now() + 365 * 86400_000).toISOString().slice(0, 10);

async function ask(resourceId: string, requesterId: string, scenario: string): Promise<string> {
  const r = await t.call('sharing', agency(requesterId), REQUEST, {
    input: { resourceId, requesterId, scenario, purpose: '核验', legalDuty: '法定职责', itemNames: ['登记状态'], endDate },
  });
  expect(r.errors).toBeUndefined();
  return r.data!.requestShare.id;
}

/**
 * One provider receiving six requests from two agencies: one granted automatically, one approved
 * (requested the day before National Day, decided after it), one rejected (Friday → Monday), one
 * pending, one the authority approved and one the system rejected; and one report of doubtful data
 * left unverified past its due date.
 */
beforeAll(async () => {
  t = await startTestNode('sharing_eval', nodeConfig('lishui', [CITY, '331121']), (subgraph) => {
    if (subgraph === 'sharing') statements += 1;
  });
  provider = await registerOrganization(t.call, CITY, '丽水市市场监督管理局');
  r1 = await registerOrganization(t.call, CITY, '丽水市人力资源和社会保障局');
  r2 = await registerOrganization(t.call, CITY, '丽水市税务局');
  const open = await publishResource(t.call, provider, CITY);
  const conditional = await publishResource(t.call, provider, CITY, { shareAttribute: 'CONDITIONAL', shareCondition: '仅限执法', shareReason: '含经营信息' });
  await ask(open, r1, '就业补贴');
  const approved = await ask(conditional, r1, '社保稽核');
  const rejected = await ask(conditional, r2, '税收征管');
  await ask(conditional, r2, '欠税追缴');
  // Decisions that are not the provider's own: the authority's coordination, and the system's rejection after a catalog change.
  const byAuthority = await ask(conditional, r2, '统计分析');
  expect((await t.call('sharing', authority(CITY), APPROVE, { id: byAuthority, reason: '经协调同意' })).errors).toBeUndefined();
  const bySystem = await ask(conditional, r1, '信用监管');
  await sql().execute(`update "sharing".share_request set status = 'REJECTED', decided_by = 'SYSTEM', decided_at = now(), decision_reason = '目录条目已停用' where id = ?`, [
    bySystem,
  ]);
  expect((await t.call('sharing', agency(provider), APPROVE, { id: approved, reason: '同意' })).errors).toBeUndefined();
  expect((await t.call('sharing', agency(provider), REJECT, { id: rejected, reason: '超出共享条件' })).errors).toBeUndefined();
  await sql().execute(`update "sharing".share_request set created_at = '2026-09-30T02:00:00Z', decided_at = '2026-10-09T02:00:00Z' where id = ?`, [approved]);
  await sql().execute(`update "sharing".share_request set created_at = '2026-11-20T02:00:00Z', decided_at = '2026-11-23T02:00:00Z' where id = ?`, [rejected]);
  const v = await t.call('sharing', agency(r1), REPORT, { input: { resourceId: open, requesterId: r1, itemNames: ['登记状态'], description: '状态有误' } });
  expect(v.errors).toBeUndefined();
  await sql().execute(`update "sharing".data_verification set due_date = current_date - 1 where id = ?`, [v.data!.reportWrongData.id]);
}, 300_000);
afterAll(async () => t?.stop());

async function evaluate(actor: Actor, ids: string[]) {
  const r = await t.call('sharing', actor, EVALUATION, { reps: ids.map((id) => ({ __typename: 'Organization', id })) });
  expect(r.errors).toBeUndefined();
  return r.data!._entities.map((e: any) => e.sharingEvaluation);
}

describe('sharing evaluation per agency', () => {
  test('requests made and received, approval rate, median response in working days, overdue verifications [SHR-11, L §28, B §48]', async () => {
    const [p, a, b] = await evaluate(authority(CITY), [provider, r1, r2]);
    // The provider decided 2 itself and granted 1: the automatic grant, the authority's coordination and the system's rejection
    // are not its decisions; the median of 2 and 1 working days is 1.5.
    expect(p).toEqual({ requestsMade: 0, requestsReceived: 6, approvalRate: 1 / 2, medianResponseWorkingDays: 1.5, overdueVerifications: 1, violations: 1 });
    expect(a).toMatchObject({ requestsMade: 3, requestsReceived: 0, approvalRate: null, medianResponseWorkingDays: null, overdueVerifications: 0 });
    expect(b).toMatchObject({ requestsMade: 3, requestsReceived: 0 });
  });

  test('visible to the agency itself, the authorities over its region and auditors; null for other agencies, other counties and the public [SHR-11, L §28, B §48]', async () => {
    for (const actor of [agency(provider), authority(CITY), auditor(CITY), authority('330000')]) {
      expect((await evaluate(actor, [provider]))[0]).not.toBeNull();
    }
    for (const actor of [agency(r1), authority('331121'), auditor('331121'), ANONYMOUS]) {
      expect((await evaluate(actor, [provider]))[0]).toBeNull();
    }
  });

  test('40 organizations cost the same SQL statements as 4 (no N+1) [SHR-11]', async () => {
    const run = async (n: number) => {
      const ids = [provider, r1, r2, ...Array.from({ length: n - 3 }, () => newId(CITY))];
      const before = statements;
      const evaluations = await evaluate(authority(CITY), ids);
      expect(evaluations).toHaveLength(n);
      expect(evaluations[0].requestsReceived).toBe(6);
      return statements - before;
    };
    const small = await run(4);
    const large = await run(40);
    expect(large).toBe(small);
    // Two grouped reads, plus one batched write of the reads of evaluations (begin, lock, last link, insert, commit) [D §24].
    expect(large).toBeLessThanOrEqual(7);
  });
});
