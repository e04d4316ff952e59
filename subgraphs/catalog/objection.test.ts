import { afterAll, afterEach, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { ANONYMOUS, type Actor } from '../../schema/auth.js';
import { citizenIdCheckChar } from '../kit/rules/citizen-id.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { resolvePolicy } from '../kit/rules/policy.js';
import { publishResource, registerOrganization, uniqueCreditCode } from '../../test/support/catalog-fixtures.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { codeOf, type GqlResult } from '../../test/support/subgraph-client.js';
import { maskCitizenId, maskContact, maskName, objectionDeadline } from './objection.rules.js';

let t: Awaited<ReturnType<typeof startTestNode>>;
/** A second platform under the Baotou profile only, which sets no number for objections. */
let baotou: Awaited<ReturnType<typeof startTestNode>>;
let statements = 0;

beforeAll(async () => {
  t = await startTestNode('objection', nodeConfig('lishui', ['331100', '331121']), (subgraph) => {
    if (subgraph === 'catalog') statements += 1;
  });
  baotou = await startTestNode('objection_b', { ...nodeConfig('baotou', ['331102']), profiles: ['B'] });
}, 300_000);
afterAll(async () => {
  await t?.stop();
  await baotou?.stop();
});
afterEach(() => {
  jest.useRealTimers();
});

const auditor: Actor = { sub: 'auditor-1', orgId: null, region: '331100', roles: ['AUDITOR'] };

const FIELDS = `id status kind infringes itemNames description dueDate deadlineWorkingDays deadlineProfile deadlineBasis overdue handledOnTime
  outcome response handledAt handledBy version createdAt region { code }
  provider { id name } resource { id name } subject { kind name idNumber contact masked }`;
const FILE = `mutation($input: FileDataObjectionInput!) { fileDataObjection(input: $input) { ${FIELDS} } }`;
const HANDLE = `mutation($input: HandleDataObjectionInput!) { handleDataObjection(input: $input) { ${FIELDS} } }`;
const GET = `query($id: ID!) { dataObjection(id: $id) { ${FIELDS} } }`;
const LIST = `query($scope: RegionScopeInput, $filter: DataObjectionFilter, $first: Int, $after: String) {
  dataObjections(scope: $scope, filter: $filter, first: $first, after: $after) { totalCount edges { cursor node { id status overdue dueDate provider { id } subject { idNumber masked } } } pageInfo { hasNextPage endCursor } }
}`;

const sql = <T = Record<string, unknown>>(node: typeof t, query: string, params: unknown[] = []) =>
  node.running.subgraphs.catalog!.orm.em.getConnection().execute<T[]>(query, params);
const objectionCount = async (node = t) => Number((await sql<{ n: string }>(node, 'select count(*) as n from "catalog".data_objection'))[0]!.n);
const auditCount = async (node = t) => Number((await sql<{ n: string }>(node, `select count(*) as n from "catalog".audit_event where kind = 'CHANGE'`))[0]!.n);

/** A valid citizen ID number (GB 11643) born on the given date in 莲都区. */
const citizenId = (birth = '19900307', serial = '123') => {
  const first17 = `331102${birth}${serial}`;
  return first17 + citizenIdCheckChar(first17);
};
const PERSON_ID = citizenId();

const person = (over: Record<string, unknown> = {}) => ({ kind: 'PERSON', name: '张三丰', idNumber: PERSON_ID, contact: '13905781234', ...over });

async function provider(name = '丽水市人力资源和社会保障局', region = '331100', node = t) {
  const org = await registerOrganization(node.call, region, name);
  return { org, staff: agency(org, region) };
}

const ITEMS = [
  { name: '姓名', dataType: 'STRING', personalInfo: true },
  { name: '公民身份号码', dataType: 'STRING', personalInfo: true, identifier: true },
  { name: '参保状态', dataType: 'STRING' },
];

/** An entry holding personal data: never open, so the public cannot see it in the catalog. */
const personalResource = (org: string, region = '331100', node = t) =>
  publishResource(node.call, org, region, { name: '社会保险参保信息', library: 'POPULATION', openAttribute: 'PROHIBITED', desensitized: false, items: ITEMS });

function file(actor: Actor, input: Record<string, unknown>, node = t) {
  return node.call('catalog', actor, FILE, { input: { kind: 'WRONG', description: '参保状态显示为停保，实际一直在缴费', subject: person(), ...input } });
}

async function fileOk(actor: Actor, input: Record<string, unknown>, node = t) {
  const r = await file(actor, input, node);
  expect(r.errors).toBeUndefined();
  return r.data!.fileDataObjection;
}

/** Runs `work` with the clock (Date only: timers and I/O stay real) set to `iso`, on every side of the call. */
async function at<T>(iso: string, work: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    now: new Date(iso),
    advanceTimers: true,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
  try {
    return await work();
  } finally {
    jest.useRealTimers();
  }
}

/** Nothing written: no objection row and no audit event [SEC-2]. */
async function expectNothingWritten(work: () => Promise<GqlResult>, code: string, field?: string) {
  const [rows, events] = [await objectionCount(), await auditCount()];
  const r = await work();
  expect(codeOf(r)).toBe(code);
  if (field) expect(r.errors![0].extensions!.field).toBe(field);
  expect(r.errors![0].message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
  expect(await objectionCount()).toBe(rows);
  expect(await auditCount()).toBe(events);
  return r;
}

/** How a due date is counted (working days, holidays, China's date) is kit/rules/deadlines.test.ts; here, which rule a node's profiles give. */
describe('the deadline rule per policy profile', () => {
  const filed = new Date('2026-11-23T02:00:00Z');

  test('a Lishui node follows L §13: 2 working days [L §13]', () => {
    const d = objectionDeadline(['L', 'Z', 'B', 'D', 'J'], filed);
    expect(d).toMatchObject({ deadlineWorkingDays: 2, deadlineProfile: 'L', dueDate: '2026-11-25' });
    expect(d.deadlineBasis).toContain('L §13');
  });

  test('a Zhejiang node follows Z §21: 10 working days [Z §21]', () => {
    expect(objectionDeadline(['Z'], filed)).toMatchObject({ deadlineWorkingDays: 10, deadlineProfile: 'Z', dueDate: '2026-12-07' });
    // The first profile that sets the parameter wins: a node listing Z before L follows Z.
    expect(objectionDeadline(['Z', 'L'], filed).deadlineWorkingDays).toBe(10);
  });

  test('B §11 says only 及时: Baotou, Jingzhou and Dali nodes get the documented default of 10 working days [B §11]', () => {
    for (const profiles of [['B'], ['J'], ['D'], ['B', 'D', 'J']] as const) {
      const d = objectionDeadline([...profiles], filed);
      expect(d).toMatchObject({ deadlineWorkingDays: 10, deadlineProfile: null });
      expect(d.deadlineBasis).toContain('B §11');
    }
    expect(resolvePolicy([]).objectionHandling.workingDays).toBe(10);
  });
});

describe('masking [SEC-3]', () => {
  test('a citizen ID number keeps its first 6 and last 4 characters; a name its surname; a contact its last 4', () => {
    expect(maskCitizenId('33110219900307123X')).toBe('331102********123X');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskContact('13905781234')).toBe('*******1234');
    expect(maskContact('123')).toBe('***');
  });
});

describe('filing an objection [CAT-10, B §11]', () => {
  test('a citizen files without signing in; the receipt shows the rule applied and masks personal data; staff see it whole', async () => {
    const { org, staff } = await provider();
    const resourceId = await personalResource(org);
    const events = await auditCount();
    const o = await fileOk(ANONYMOUS, { providerId: org, resourceId, itemNames: ['参保状态', ' 参保状态 '] });
    expect(o.id).toMatch(/^331100:[0-9A-Z]{26}$/);
    expect(o).toMatchObject({
      status: 'OPEN',
      kind: 'WRONG',
      infringes: [],
      itemNames: ['参保状态'],
      outcome: null,
      response: null,
      handledAt: null,
      handledBy: null,
      overdue: false,
      handledOnTime: null,
      deadlineWorkingDays: 2,
      deadlineProfile: 'L',
      region: { code: '331100' },
      provider: { id: org },
    });
    expect(o.deadlineBasis).toContain('L §13');
    // The entry holds personal data and is not open: the public's receipt does not show it.
    expect(o.resource).toBeNull();
    expect(o.subject).toEqual({ kind: 'PERSON', name: '张**', idNumber: maskCitizenId(PERSON_ID), contact: '*******1234', masked: true });

    const seen = await t.call('catalog', staff, GET, { id: o.id });
    expect(seen.data!.dataObjection.subject).toEqual({ ...person(), masked: false });
    expect(seen.data!.dataObjection.resource).toEqual({ id: resourceId, name: '社会保险参保信息' });

    // The anonymous filer cannot read it back, nor can anyone else outside the provider.
    expect((await t.call('catalog', ANONYMOUS, GET, { id: o.id })).data!.dataObjection).toBeNull();

    // One audit event, without the subject's identity: the log is append-only and kept for good.
    expect(await auditCount()).toBe(events + 1);
    const [event] = await sql<{ action: string; actor_sub: string; data: string }>(
      t,
      `select action, actor_sub, data from "catalog".audit_event where kind = 'CHANGE' and entity_id = ?`,
      [o.id],
    );
    expect(event).toMatchObject({ action: 'dataObjection.file', actor_sub: 'anonymous' });
    expect(event!.data).not.toContain(PERSON_ID);
    expect(event!.data).not.toContain('张三丰');
  });

  test('an organization objects with its credit code; an INFRINGING objection names what is infringed [B §11, Z §14]', async () => {
    const { org } = await provider('丽水市市场监督管理局');
    const code = uniqueCreditCode('331100', '91');
    const o = await fileOk(agency(org, '331100'), {
      providerId: org,
      kind: 'INFRINGING',
      infringes: ['TRADE_SECRET', 'TRADE_SECRET'],
      description: '公开的企业年报含有我公司的商业秘密',
      subject: { kind: 'ORGANIZATION', name: '丽水某某科技有限公司', idNumber: code, contact: 'legal@example.cn' },
    });
    expect(o).toMatchObject({ kind: 'INFRINGING', infringes: ['TRADE_SECRET'], resource: null, itemNames: [] });
  });

  test('a wrong check character of a citizen ID number is refused naming the right one; nothing is written [J §11, B §12]', async () => {
    const { org } = await provider();
    const bad = PERSON_ID.slice(0, 17) + (PERSON_ID[17] === '1' ? '2' : '1');
    const r = await expectNothingWritten(() => file(ANONYMOUS, { providerId: org, subject: person({ idNumber: bad }) }), 'BAD_USER_INPUT', 'input.subject.idNumber');
    expect(r.errors![0].message).toContain(`"${PERSON_ID[17]}"`);
  });

  test('a wrong check character of a credit code is refused; nothing is written [J §11, B §12]', async () => {
    const { org } = await provider();
    const good = uniqueCreditCode('331100', '91');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const r = await expectNothingWritten(
      () => file(ANONYMOUS, { providerId: org, subject: { kind: 'ORGANIZATION', name: '某公司', idNumber: bad, contact: '0578-1234567' } }),
      'BAD_USER_INPUT',
      'input.subject.idNumber',
    );
    expect(r.errors![0].message).toContain(good[17]);
    // A person's ID number is not a credit code: the kind decides which check applies.
    await expectNothingWritten(() => file(ANONYMOUS, { providerId: org, subject: person({ kind: 'ORGANIZATION' }) }), 'BAD_USER_INPUT', 'input.subject.idNumber');
  });

  test('an organization that is not registered on this platform is refused [B §11]', async () => {
    await expectNothingWritten(() => file(ANONYMOUS, { providerId: '331100:01ARZ3NDEKTSV4RRFFQ69G5FAV' }), 'BAD_USER_INPUT', 'input.providerId');
    await expectNothingWritten(() => file(ANONYMOUS, { providerId: 'not-an-id' }), 'BAD_USER_INPUT', 'input.providerId');
    // An organization of another platform exists there, not here.
    const elsewhere = await registerOrganization(baotou.call, '331102', '莲都区民政局');
    await expectNothingWritten(() => file(ANONYMOUS, { providerId: elsewhere }), 'BAD_USER_INPUT', 'input.providerId');
  });

  test('an item the entry does not have is refused, naming it [B §11]', async () => {
    const { org } = await provider();
    const resourceId = await personalResource(org);
    const r = await expectNothingWritten(() => file(ANONYMOUS, { providerId: org, resourceId, itemNames: ['参保状态', '工资'] }), 'BAD_USER_INPUT', 'input.itemNames');
    expect(r.errors![0].extensions!.unknownItems).toEqual(['工资']);
    await expectNothingWritten(() => file(ANONYMOUS, { providerId: org, itemNames: ['参保状态'] }), 'BAD_USER_INPUT', 'input.resourceId');
  });

  test('an entry of another organization is refused: the objection goes to the one holding the data [B §11]', async () => {
    const { org } = await provider();
    const other = await provider('丽水市卫生健康委员会');
    const theirs = await personalResource(other.org);
    await expectNothingWritten(() => file(ANONYMOUS, { providerId: org, resourceId: theirs }), 'BAD_USER_INPUT', 'input.resourceId');
    await expectNothingWritten(() => file(ANONYMOUS, { providerId: org, resourceId: '331100:01ARZ3NDEKTSV4RRFFQ69G5FAV' }), 'BAD_USER_INPUT', 'input.resourceId');
  });

  test('kind and infringes must agree, and description, name and contact are required', async () => {
    const { org } = await provider();
    await expectNothingWritten(() => file(ANONYMOUS, { providerId: org, kind: 'INFRINGING' }), 'BAD_USER_INPUT', 'input.infringes');
    await expectNothingWritten(() => file(ANONYMOUS, { providerId: org, kind: 'MISSING', infringes: ['PERSONAL_PRIVACY'] }), 'BAD_USER_INPUT', 'input.infringes');
    await expectNothingWritten(() => file(ANONYMOUS, { providerId: org, description: '  ' }), 'BAD_USER_INPUT', 'input.description');
    await expectNothingWritten(() => file(ANONYMOUS, { providerId: org, subject: person({ contact: '' }) }), 'BAD_USER_INPUT', 'input.subject.contact');
    await expectNothingWritten(() => file(ANONYMOUS, { providerId: org, subject: person({ name: ' ' }) }), 'BAD_USER_INPUT', 'input.subject.name');
  });
});

describe('due dates through the API [SEC-6]', () => {
  test('filed the day before National Day, a Lishui objection is due on 9 October; filed on the Friday after, on Monday 12 October over the 调休 Saturday [L §13]', async () => {
    const { org } = await provider();
    const before = await at('2026-09-30T02:00:00Z', () => fileOk(ANONYMOUS, { providerId: org }));
    expect(before.dueDate).toBe('2026-10-09');
    const after = await at('2026-10-09T02:00:00Z', () => fileOk(ANONYMOUS, { providerId: org }));
    expect(after.dueDate).toBe('2026-10-12');
  });

  test('the same filing on a Baotou-only node is due after the default 10 working days, citing B §11 [B §11]', async () => {
    const { org } = await provider('莲都区人力资源和社会保障局', '331102', baotou);
    const o = await at('2026-09-30T02:00:00Z', () => fileOk(ANONYMOUS, { providerId: org }, baotou));
    expect(o).toMatchObject({ dueDate: '2026-10-20', deadlineWorkingDays: 10, deadlineProfile: null });
    expect(o.deadlineBasis).toContain('B §11');
  });
});

describe('handling [CAT-10, B §11]', () => {
  test("the provider's staff handle it once: outcome, answer, who and when are recorded and audited", async () => {
    const { org, staff } = await provider();
    const o = await fileOk(ANONYMOUS, { providerId: org });
    const r = await t.call('catalog', staff, HANDLE, { input: { id: o.id, outcome: 'CORRECTED', response: '已核实并更正参保状态' } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.handleDataObjection).toMatchObject({
      status: 'RESOLVED',
      outcome: 'CORRECTED',
      response: '已核实并更正参保状态',
      handledBy: staff.sub,
      handledOnTime: true,
      overdue: false,
      version: o.version + 1,
    });
    const [event] = await sql<{ action: string; actor_org: string }>(
      t,
      `select action, actor_org from "catalog".audit_event where kind = 'CHANGE' and entity_id = ? and action = ?`,
      [o.id, 'dataObjection.handle'],
    );
    expect(event).toEqual({ action: 'dataObjection.handle', actor_org: org });

    const again = await t.call('catalog', staff, HANDLE, { input: { id: o.id, outcome: 'NO_ERROR', response: '再次处理' } });
    expect(codeOf(again)).toBe('CONFLICT');
    expect(again.errors![0].message).toContain('CORRECTED');
  });

  test("the data authority of its region may handle it; other agencies, a sibling county's authority, auditors and other platforms' authorities may not [B §11]", async () => {
    const { org } = await provider();
    const other = await provider('丽水市公安局');
    const o = await fileOk(ANONYMOUS, { providerId: org });
    const input = { id: o.id, outcome: 'NO_ERROR', response: '经核实数据无误' };
    const events = await auditCount();
    // Those who may not read it are told it does not exist; an auditor reads it but does not handle it.
    expect(codeOf(await t.call('catalog', other.staff, HANDLE, { input }))).toBe('NOT_FOUND');
    expect(codeOf(await t.call('catalog', authority('331121'), HANDLE, { input }))).toBe('NOT_FOUND');
    expect(codeOf(await t.call('catalog', auditor, HANDLE, { input }))).toBe('FORBIDDEN');
    expect(codeOf(await t.call('catalog', authority('331102'), HANDLE, { input }))).toBe('NOT_FOUND');
    expect(codeOf(await t.call('catalog', ANONYMOUS, HANDLE, { input }))).toBe('UNAUTHENTICATED');
    expect(await auditCount()).toBe(events);
    const r = await t.call('catalog', authority('331100'), HANDLE, { input });
    expect(r.errors).toBeUndefined();
    expect(r.data!.handleDataObjection).toMatchObject({ status: 'RESOLVED', outcome: 'NO_ERROR', handledBy: 'authority-331100' });
  });

  test('an answer is required; a refused handling changes nothing', async () => {
    const { org, staff } = await provider();
    const o = await fileOk(ANONYMOUS, { providerId: org });
    const events = await auditCount();
    const r = await t.call('catalog', staff, HANDLE, { input: { id: o.id, outcome: 'REJECTED', response: ' ' } });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe('input.response');
    expect(await auditCount()).toBe(events);
    const still = await t.call('catalog', staff, GET, { id: o.id });
    expect(still.data!.dataObjection).toMatchObject({ status: 'OPEN', outcome: null, version: o.version });
    expect(codeOf(await t.call('catalog', staff, HANDLE, { input: { id: '331100:01ARZ3NDEKTSV4RRFFQ69G5FAV', outcome: 'NO_ERROR', response: 'x' } }))).toBe('NOT_FOUND');
  });
});

describe('reading objections', () => {
  test('agency staff see those addressed to their organization; the authority and auditors those of their regions; others none, and the public must sign in [SEC-1]', async () => {
    const a = await provider('丽水市自然资源和规划局');
    const b = await provider('丽水市住房和城乡建设局');
    const oa = await fileOk(ANONYMOUS, { providerId: a.org });
    const ob = await fileOk(ANONYMOUS, { providerId: b.org });
    const ids = async (actor: Actor, filter: Record<string, unknown>) => {
      const r = await t.call('catalog', actor, LIST, { filter, first: 100 });
      expect(r.errors).toBeUndefined();
      return r.data!.dataObjections.edges.map((e: any) => e.node.id);
    };
    expect(await ids(a.staff, {})).toEqual([oa.id]);
    expect(await ids(a.staff, { providerId: b.org })).toEqual([]);
    expect(await ids(authority('331100'), { providerId: a.org })).toEqual([oa.id]);
    expect(await ids(auditor, { providerId: b.org })).toEqual([ob.id]);
    // The public is told to sign in rather than shown an empty list.
    expect(codeOf(await t.call('catalog', ANONYMOUS, LIST, { filter: {}, first: 100 }))).toBe('UNAUTHENTICATED');
    expect(await ids(authority('331102'), {})).toEqual([]);
    expect(await ids(authority('331121'), {})).toEqual([]);
    expect(await ids({ ...auditor, region: '331121' }, {})).toEqual([]);
    expect((await t.call('catalog', b.staff, GET, { id: oa.id })).data!.dataObjection).toBeNull();
    expect((await t.call('catalog', auditor, GET, { id: oa.id })).data!.dataObjection.id).toBe(oa.id);
  });

  test("auditors see the subject masked; the provider's staff and the authority see it whole [SEC-3]", async () => {
    const { org, staff } = await provider();
    const o = await fileOk(ANONYMOUS, { providerId: org });
    const subject = async (actor: Actor) => (await t.call('catalog', actor, GET, { id: o.id })).data!.dataObjection.subject;
    expect(await subject(auditor)).toMatchObject({ idNumber: maskCitizenId(PERSON_ID), name: '张**', masked: true });
    expect(await subject(staff)).toMatchObject({ idNumber: PERSON_ID, name: '张三丰', contact: '13905781234', masked: false });
    expect(await subject(authority('331100'))).toMatchObject({ idNumber: PERSON_ID, masked: false });
    // The province supervises the city's platform: it reads objections, masked like an auditor.
    expect(await subject(authority('330000'))).toMatchObject({ idNumber: maskCitizenId(PERSON_ID), masked: true });
    const listed = await t.call('catalog', auditor, LIST, { filter: { providerId: org } });
    expect(listed.data!.dataObjections.edges[0].node.subject).toEqual({ idNumber: maskCitizenId(PERSON_ID), masked: true });
  });

  test('an objection still open after its due date is overdue and listed as such for the authority; a handled one is not [CAT-10, L §13]', async () => {
    const { org, staff } = await provider();
    const late = await at('2026-09-30T02:00:00Z', () => fileOk(ANONYMOUS, { providerId: org }));
    const handled = await at('2026-09-30T02:00:00Z', () => fileOk(ANONYMOUS, { providerId: org }));
    const fresh = await fileOk(ANONYMOUS, { providerId: org });
    expect(fresh.overdue).toBe(false);
    expect(fresh.dueDate >= todayInChina()).toBe(true);
    const r = await t.call('catalog', staff, HANDLE, { input: { id: handled.id, outcome: 'SUPPLEMENTED', response: '已补录' } });
    expect(r.data!.handleDataObjection).toMatchObject({ overdue: false, handledOnTime: false });

    const list = async (filter: Record<string, unknown>) => {
      const res = await t.call('catalog', authority('331100'), LIST, { filter: { providerId: org, ...filter } });
      expect(res.errors).toBeUndefined();
      return res.data!.dataObjections;
    };
    const overdue = await list({ overdue: true });
    expect(overdue.totalCount).toBe(1);
    expect(overdue.edges[0].node).toMatchObject({ id: late.id, status: 'OPEN', overdue: true, dueDate: '2026-10-09' });
    expect((await list({ overdue: false })).edges.map((e: any) => e.node.id).sort()).toEqual([fresh.id, handled.id].sort());
    expect((await list({ status: 'OPEN' })).totalCount).toBe(2);
    expect((await list({ status: 'RESOLVED' })).edges.map((e: any) => e.node.id)).toEqual([handled.id]);
  });

  test('pages are keyset pages, newest first, under a region scope', async () => {
    const { org } = await provider();
    const filed = [];
    for (let i = 0; i < 3; i++) filed.push((await fileOk(ANONYMOUS, { providerId: org })).id);
    const page1 = await t.call('catalog', authority('331100'), LIST, { filter: { providerId: org }, scope: { regionCode: '331100', includeSubRegions: true }, first: 2 });
    const c1 = page1.data!.dataObjections;
    expect(c1.totalCount).toBe(3);
    expect(c1.edges.map((e: any) => e.node.id)).toEqual([filed[2], filed[1]]);
    const page2 = await t.call('catalog', authority('331100'), LIST, {
      filter: { providerId: org },
      scope: { regionCode: '331100', includeSubRegions: true },
      first: 2,
      after: c1.pageInfo.endCursor,
    });
    expect(page2.data!.dataObjections.edges.map((e: any) => e.node.id)).toEqual([filed[0]]);
    expect(page2.data!.dataObjections.pageInfo.hasNextPage).toBe(false);
    const county = await t.call('catalog', authority('331100'), LIST, { filter: { providerId: org }, scope: { regionCode: '331121', includeSubRegions: false } });
    expect(county.data!.dataObjections.totalCount).toBe(0);
  });

  test('a catalog entry shows its open objections to those who answer for it, and nothing to the public', async () => {
    const { org, staff } = await provider();
    const resourceId = await publishResource(t.call, org, '331100', { name: '公交线路' });
    await fileOk(ANONYMOUS, { providerId: org, resourceId });
    const handled = await fileOk(ANONYMOUS, { providerId: org, resourceId });
    await t.call('catalog', staff, HANDLE, { input: { id: handled.id, outcome: 'NO_ERROR', response: '数据无误' } });
    const q = `query($id: ID!) { dataResource(id: $id) { id openObjections } }`;
    expect((await t.call('catalog', staff, q, { id: resourceId })).data!.dataResource.openObjections).toBe(1);
    expect((await t.call('catalog', ANONYMOUS, q, { id: resourceId })).data!.dataResource.openObjections).toBeNull();
  });
});

describe('no N+1', () => {
  test('a 40-objection list with provider, entry and open counts costs the same SQL statements as a 4-objection list', async () => {
    const providers = await Promise.all(['发展和改革委员会', '教育局', '民政局', '司法局'].map((n) => provider(`丽水市${n}`)));
    const resources = await Promise.all(providers.map((p) => publishResource(t.call, p.org, '331100', { name: '公共服务事项' })));
    for (let i = 0; i < 40; i++) await fileOk(ANONYMOUS, { providerId: providers[i % 4]!.org, resourceId: resources[i % 4] });
    const query = `query($n: Int) { dataObjections(first: $n) { totalCount edges { node { id overdue provider { name region { name } } resource { name openObjections } subject { idNumber } } } } }`;
    const count = async (first: number) => {
      const before = statements;
      const r = await t.call('catalog', authority('331100'), query, { n: first });
      expect(r.errors).toBeUndefined();
      expect(r.data!.dataObjections.edges).toHaveLength(first);
      return statements - before;
    };
    const small = await count(4);
    const large = await count(40);
    expect(large).toBe(small);
    // page + count + providers + entries + open counts, and one batched write of the objections read (begin, lock, last link, insert, commit) [D §24]
    expect(large).toBeLessThanOrEqual(10);
  });
});
