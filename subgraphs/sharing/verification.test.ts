import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ANONYMOUS } from '../../schema/auth.js';
import { auditor } from '../../test/support/access.js';
import { publishResource, registerOrganization } from '../../test/support/catalog-fixtures.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { codeOf } from '../../test/support/subgraph-client.js';
import { addWorkingDays, todayInChina } from '../kit/rules/calendar.js';

let t: Awaited<ReturnType<typeof startTestNode>>;
const CITY = '331100';

beforeAll(async () => {
  t = await startTestNode('sharing_verify', nodeConfig('lishui', [CITY, '331121']));
}, 300_000);
afterAll(async () => t?.stop());

const VFIELDS = `id status itemNames description outcome note verifiedAt verifiedBy dueDate deadlineWorkingDays deadlineProfile deadlineBasis overdue
  resource { id } requester { id } provider { id } grant { id status active }`;
const REPORT = `mutation($input: ReportWrongDataInput!) { reportWrongData(input: $input) { ${VFIELDS} } }`;
const RECORD = `mutation($input: RecordVerificationInput!) { recordDataVerification(input: $input) { ${VFIELDS} } }`;
const VLIST = `query($filter: DataVerificationFilter) { dataVerifications(filter: $filter) { totalCount edges { node { id status overdue dueDate } } } }`;
const VGET = `query($id: ID!) { dataVerification(id: $id) { id } }`;
const REQUEST = `mutation($input: RequestShareInput!) { requestShare(input: $input) { id status } }`;
const GRANT = `query($id: ID!) { shareRequest(id: $id) { id status active feedback { id periodStartDate periodEndDate purposeFulfilled useCount frequency issues reportedBy } } }`;
const FEEDBACK = `mutation($id: ID!, $input: UsageFeedbackInput!) { reportUsageFeedback(id: $id, input: $input) { id periodStartDate periodEndDate purposeFulfilled useCount frequency issues } }`;

const sql = () => t.running.subgraphs.sharing!.orm.em.getConnection();
const count = async (table: string) => (await sql().execute<{ n: number }[]>(`select count(*)::int as n from "sharing".${table}`))[0]!.n;
const inAYear = () => new Date(Date.now() + 365 * 86400_000).toISOString().slice(0, 10);

/** A provider's published entry, granted (UNCONDITIONAL) to one agency for two of its items; a third agency holds nothing. */
async function granted(over: Record<string, unknown> = {}) {
  const provider = await registerOrganization(t.call, CITY, '丽水市市场监督管理局');
  const grantee = await registerOrganization(t.call, CITY, '丽水市人力资源和社会保障局');
  const stranger = await registerOrganization(t.call, CITY, '丽水市税务局');
  const resourceId = await publishResource(t.call, provider, CITY, over);
  const r = await t.call('sharing', agency(grantee), REQUEST, {
    input: {
      resourceId,
      requesterId: grantee,
      scenario: '就业补贴资格核验',
      purpose: '核验企业登记状态',
      legalDuty: '就业补贴审核',
      itemNames: ['统一社会信用代码', '登记状态'],
      itemJustifications: [{ itemName: '统一社会信用代码', justification: '按代码匹配申请企业' }],
      endDate: inAYear(),
    },
  });
  expect(r.errors).toBeUndefined();
  return { provider, grantee, stranger, resourceId, grantId: r.data!.requestShare.id as string, grantStatus: r.data!.requestShare.status as string };
}

const report = (s: { resourceId: string; grantee: string }, over: Record<string, unknown> = {}) => ({
  resourceId: s.resourceId,
  requesterId: s.grantee,
  itemNames: ['登记状态'],
  description: '企业已于上月注销，共享数据仍显示“存续”',
  ...over,
});

describe('wrong-data verification (疑义数据校核)', () => {
  test('a grantee reports doubtful items; the due date is 2 working days from filing under the Lishui profile; the grant stays usable [SHR-8, L §13, B §15]', async () => {
    const s = await granted();
    const r = await t.call('sharing', agency(s.grantee), REPORT, { input: report(s) });
    expect(r.errors).toBeUndefined();
    const v = r.data!.reportWrongData;
    const due = addWorkingDays(new Date(`${todayInChina()}T00:00:00.000Z`), 2)
      .toISOString()
      .slice(0, 10);
    expect(v).toMatchObject({
      status: 'OPEN',
      itemNames: ['登记状态'],
      outcome: null,
      dueDate: due,
      deadlineWorkingDays: 2,
      deadlineProfile: 'L',
      overdue: false,
      resource: { id: s.resourceId },
      requester: { id: s.grantee },
      provider: { id: s.provider },
      grant: { id: s.grantId, status: 'GRANTED', active: true },
    });
    expect(v.deadlineBasis).toContain('L §13');
    expect(v.id.startsWith(`${CITY}:`)).toBe(true);
    // The grant is untouched while the provider verifies: business goes on [L §13].
    const grant = await t.call('sharing', agency(s.grantee), GRANT, { id: s.grantId });
    expect(grant.data!.shareRequest).toMatchObject({ status: 'GRANTED', active: true });
  });

  test('only a grantee reports, only on items it was granted, with a description; nothing is written otherwise [SHR-8, L §13, B §26]', async () => {
    const s = await granted();
    const before = await count('data_verification');
    const cases: [Record<string, unknown>, Parameters<typeof agency>[0] | null, string, string | undefined][] = [
      [{ itemNames: ['企业名称'] }, s.grantee, 'BAD_USER_INPUT', 'input.itemNames'],
      [{ itemNames: ['  '] }, s.grantee, 'BAD_USER_INPUT', 'input.itemNames'],
      [{ description: ' ' }, s.grantee, 'BAD_USER_INPUT', 'input.description'],
      [{ requesterId: s.stranger }, s.stranger, 'FORBIDDEN', undefined],
      [{}, s.stranger, 'FORBIDDEN', undefined],
      [{}, s.provider, 'FORBIDDEN', undefined],
    ];
    for (const [over, org, code, field] of cases) {
      const r = await t.call('sharing', agency(org!), REPORT, { input: report(s, over) });
      expect(codeOf(r)).toBe(code);
      if (field) expect(r.errors![0].extensions!.field).toBe(field);
    }
    expect(codeOf(await t.call('sharing', authority(CITY), REPORT, { input: report(s) }))).toBe('FORBIDDEN');
    expect(codeOf(await t.call('sharing', ANONYMOUS, REPORT, { input: report(s) }))).toBe('UNAUTHENTICATED');
    // A request still pending is no grant.
    const pending = await granted({ shareAttribute: 'CONDITIONAL', shareCondition: '仅限执法', shareReason: '含经营信息' });
    expect(pending.grantStatus).toBe('PENDING');
    expect(codeOf(await t.call('sharing', agency(pending.grantee), REPORT, { input: report(pending) }))).toBe('FORBIDDEN');
    expect(await count('data_verification')).toBe(before);
  });

  test('the provider records the outcome with a note, once; the grantee, the authority and an auditor may not [L §13, B §15]', async () => {
    const s = await granted();
    const id = (await t.call('sharing', agency(s.grantee), REPORT, { input: report(s) })).data!.reportWrongData.id;
    for (const actor of [agency(s.grantee), authority(CITY), auditor(CITY)]) {
      expect(codeOf(await t.call('sharing', actor, RECORD, { input: { id, outcome: 'CORRECTED', note: '已更正' } }))).toBe('FORBIDDEN');
    }
    expect(codeOf(await t.call('sharing', agency(s.stranger), RECORD, { input: { id, outcome: 'CORRECTED', note: '已更正' } }))).toBe('NOT_FOUND');
    const blank = await t.call('sharing', agency(s.provider), RECORD, { input: { id, outcome: 'NO_ERROR', note: '  ' } });
    expect(codeOf(blank)).toBe('BAD_USER_INPUT');
    expect(blank.errors![0].extensions!.field).toBe('input.note');
    const done = await t.call('sharing', agency(s.provider), RECORD, { input: { id, outcome: 'CORRECTED', note: '已按注销登记更正为“注销”' } });
    expect(done.data!.recordDataVerification).toMatchObject({
      status: 'VERIFIED',
      outcome: 'CORRECTED',
      note: '已按注销登记更正为“注销”',
      verifiedBy: `staff-${s.provider}`,
      overdue: false,
    });
    expect(codeOf(await t.call('sharing', agency(s.provider), RECORD, { input: { id, outcome: 'NO_ERROR', note: '无误' } }))).toBe('CONFLICT');
    const actions = await sql().execute<{ action: string }[]>(`select action from "sharing".audit_event where kind = 'CHANGE' and entity_id = ? order by id`, [id]);
    expect(actions.map((a) => a.action)).toEqual(['dataVerification.report', 'dataVerification.verify']);
  });

  test('verifications still open past their due date are listed as overdue for the authority; verified ones are not [SHR-8, L §13]', async () => {
    const s = await granted();
    const late = (await t.call('sharing', agency(s.grantee), REPORT, { input: report(s) })).data!.reportWrongData.id;
    const lateButDone = (await t.call('sharing', agency(s.grantee), REPORT, { input: report(s, { itemNames: ['统一社会信用代码'] }) })).data!.reportWrongData.id;
    const onTime = (await t.call('sharing', agency(s.grantee), REPORT, { input: report(s) })).data!.reportWrongData.id;
    // Time passes: the first two were due three days ago.
    await sql().execute(`update "sharing".data_verification set due_date = (current_date - 3) where id in (?, ?)`, [late, lateButDone]);
    await t.call('sharing', agency(s.provider), RECORD, { input: { id: lateButDone, outcome: 'NO_ERROR', note: '经核实无误' } });

    const overdue = await t.call('sharing', authority(CITY), VLIST, { filter: { overdue: true, providerId: s.provider } });
    expect(overdue.data!.dataVerifications.edges.map((e: any) => e.node)).toEqual([expect.objectContaining({ id: late, status: 'OPEN', overdue: true })]);
    const notOverdue = await t.call('sharing', authority(CITY), VLIST, { filter: { overdue: false, providerId: s.provider } });
    expect(notOverdue.data!.dataVerifications.edges.map((e: any) => e.node.id).sort()).toEqual([lateButDone, onTime].sort());
    // The provider sees its own backlog; another agency and the public see nothing.
    expect((await t.call('sharing', agency(s.provider), VLIST, { filter: { overdue: true } })).data!.dataVerifications.totalCount).toBe(1);
    expect((await t.call('sharing', agency(s.stranger), VLIST, { filter: { overdue: true } })).data!.dataVerifications.totalCount).toBe(0);
    expect(codeOf(await t.call('sharing', ANONYMOUS, VLIST, {}))).toBe('UNAUTHENTICATED');
    expect((await t.call('sharing', agency(s.stranger), VGET, { id: late })).data!.dataVerification).toBeNull();
    expect((await t.call('sharing', auditor(CITY), VGET, { id: late })).data!.dataVerification.id).toBe(late);
  });
});

describe('usage feedback', () => {
  const today = () => todayInChina();
  const feedback = (over: Record<string, unknown> = {}) => ({
    periodStartDate: today(),
    periodEndDate: today(),
    purposeFulfilled: true,
    useCount: 128,
    frequency: '每个工作日',
    issues: '个别记录更新滞后一天',
    ...over,
  });

  test('the grantee reports its use of a grant; the provider and the authority read it on the grant [SHR-9, B §45]', async () => {
    const s = await granted();
    const r = await t.call('sharing', agency(s.grantee), FEEDBACK, { id: s.grantId, input: feedback() });
    expect(r.errors).toBeUndefined();
    expect(r.data!.reportUsageFeedback).toMatchObject({
      periodStartDate: today(),
      periodEndDate: today(),
      purposeFulfilled: true,
      useCount: 128,
      frequency: '每个工作日',
      issues: '个别记录更新滞后一天',
    });
    for (const actor of [agency(s.provider), authority(CITY), auditor(CITY), agency(s.grantee)]) {
      const g = await t.call('sharing', actor, GRANT, { id: s.grantId });
      expect(g.data!.shareRequest.feedback).toEqual([expect.objectContaining({ id: r.data!.reportUsageFeedback.id, useCount: 128, reportedBy: `staff-${s.grantee}` })]);
    }
    expect((await t.call('sharing', agency(s.stranger), GRANT, { id: s.grantId })).data!.shareRequest).toBeNull();
  });

  test('only the grantee reports, on a granted request, for a period within the grant and up to today; nothing is written otherwise [SHR-9, B §45]', async () => {
    const s = await granted();
    const before = await count('usage_feedback');
    const tomorrow = new Date(Date.now() + 86400_000 * 2).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86400_000 * 2).toISOString().slice(0, 10);
    for (const [over, field] of [
      [{ periodEndDate: tomorrow }, 'input.periodEndDate'],
      [{ periodStartDate: yesterday }, 'input.periodStartDate'],
      [{ periodStartDate: '2026-02-30' }, 'input.periodStartDate'],
      [{ periodStartDate: today(), periodEndDate: yesterday }, 'input.periodStartDate'],
      [{ useCount: -1 }, 'input.useCount'],
      [{ frequency: ' ' }, 'input.frequency'],
    ] as const) {
      const r = await t.call('sharing', agency(s.grantee), FEEDBACK, { id: s.grantId, input: feedback(over) });
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field).toBe(field);
    }
    expect(codeOf(await t.call('sharing', agency(s.provider), FEEDBACK, { id: s.grantId, input: feedback() }))).toBe('FORBIDDEN');
    expect(codeOf(await t.call('sharing', authority(CITY), FEEDBACK, { id: s.grantId, input: feedback() }))).toBe('FORBIDDEN');
    expect(codeOf(await t.call('sharing', agency(s.stranger), FEEDBACK, { id: s.grantId, input: feedback() }))).toBe('NOT_FOUND');
    const pending = await granted({ shareAttribute: 'CONDITIONAL', shareCondition: '仅限执法', shareReason: '含经营信息' });
    expect(codeOf(await t.call('sharing', agency(pending.grantee), FEEDBACK, { id: pending.grantId, input: feedback() }))).toBe('CONFLICT');
    expect(await count('usage_feedback')).toBe(before);
  });
});
