import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Actor } from '../schema/auth.js';
import { citizenIdCheckChar } from '../subgraphs/kit/rules/citizen-id.js';
import { todayInChina } from '../subgraphs/kit/rules/calendar.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { eventually } from './support/eventually.js';
import { startTestFederation } from './support/federation.js';
import { agency, authority } from './support/node.js';

/**
 * Opinions on open datasets [OPN-4, Z §21], demands for data not yet open [OPN-5, Z §22, B §34]
 * and catalog objections that an open entry infringes secrets or privacy [OPN-6, Z §35, B §11],
 * across the city node (丽水市 331100) and a district with its own node (莲都区 331102), whose data
 * the city authority supervises but does not act on.
 */

let f: Awaited<ReturnType<typeof startTestFederation>>;
const CITY = '331100';
const LIANDU = '331102';
const EVENT_BOUND_MS = 60_000;

beforeAll(async () => {
  f = await startTestFederation('opinions', undefined, { eventPollMs: 200 });
});
afterAll(async () => f?.federation.stop());

const PROPOSE = `mutation($input: ProposeOpenDatasetInput!) { proposeOpenDataset(input: $input) { id } }`;
const APPROVE = `mutation($id: ID!) { approveOpenDatasetProposal(id: $id) { id status } }`;
const DATASET = `query($id: ID!) { openDataset(id: $id) { id status suspensionReason } }`;

/** An OPEN dataset of a new UNCONDITIONAL entry of a new agency of `region`. */
async function openEntry(name: string, region: string) {
  const provider = await registerOrganization(f.call, region, `${name}局`);
  const resourceId = await publishResource(f.call, provider, region, { name: `${name}信息` });
  const staff: Actor = agency(provider, region);
  const datasetId = (await f.must(staff, PROPOSE, { input: { resourceId, accessMethods: ['API'] } })).proposeOpenDataset.id as string;
  await f.must(authority(region), APPROVE, { id: datasetId });
  return { provider, resourceId, datasetId, staff };
}

/** A newly registered public data user of `region`: the gateway admits a USER token only for a registered account in good standing. */
let users = 0;
async function publicUser(region: string): Promise<Actor> {
  const first17 = `${region}19900101${String(100 + ++users).padStart(3, '0')}`.slice(0, 17);
  const account = (
    await f.must(null, `mutation($input: RegisterOpenDataUserInput!) { registerOpenDataUser(input: $input) { id } }`, {
      input: { regionCode: region, name: `用户${users}`, kind: 'NATURAL_PERSON', idNumber: first17 + citizenIdCheckChar(first17), contact: '13905780000' },
    })
  ).registerOpenDataUser.id as string;
  return { sub: `user-${account}`, orgId: null, region, roles: ['USER'], account };
}

/** The opening ORM of a node, to put a due date in the past: a test does not wait ten working days. */
const openingSql = (node: string, sql: string, params: unknown[]) => f.federation.nodes.get(node)!.subgraphs.opening!.orm.em.fork().getConnection().execute(sql, params);
const LONG_AGO = '2020-01-02';

describe('opinions on open datasets [OPN-4, Z §21]', () => {
  const FILE = `mutation($id: ID!, $input: FileOpenDataOpinionInput!) { fileOpenDataOpinion(id: $id, input: $input) { id kind status receiptToken dueDate deadlineWorkingDays deadlineProfile deadlineBasis overdue } }`;
  const RECEIPT = `query($id: ID!, $t: String) { openDataOpinion(id: $id, receiptToken: $t) { id status answer answeredOnTime receiptToken dataset { id } } }`;
  const ANSWER = `mutation($id: ID!, $a: String!) { answerOpenDataOpinion(id: $id, answer: $a) { id status answer answeredOnTime } }`;
  const LIST = `query($filter: OpenDataOpinionFilter) { openDataOpinions(first: 100, filter: $filter) { totalCount edges { node { id overdue status } } } }`;
  const input = { kind: 'ERRORS_OR_OMISSIONS', content: '2024年第三季度的数据缺少龙泉市的记录' };
  const listed = async (actor: Actor, filter: Record<string, unknown> | null = null) =>
    (await f.must(actor, LIST, { filter })).openDataOpinions.edges.map((e: any) => e.node.id as string);

  test('an opinion is answered within 10 working days: anyone files, the filer follows it by its receipt, the district agency answers [OPN-4, Z §21]', async () => {
    const s = await openEntry('莲都区统计', LIANDU);
    const filed = (await f.must(null, FILE, { id: s.datasetId, input })).fileOpenDataOpinion;
    expect(filed).toMatchObject({ kind: 'ERRORS_OR_OMISSIONS', status: 'OPEN', deadlineWorkingDays: 10, deadlineProfile: 'Z', overdue: false });
    expect(filed.deadlineBasis).toContain('Z §21');
    expect(filed.dueDate > todayInChina()).toBe(true);
    expect(typeof filed.receiptToken).toBe('string');

    // The token is shown once; without it (or with another) the public sees nothing.
    const receipt = async () => (await f.must(null, RECEIPT, { id: filed.id, t: filed.receiptToken })).openDataOpinion;
    expect(await receipt()).toMatchObject({ status: 'OPEN', answer: null, receiptToken: null, dataset: { id: s.datasetId } });
    expect((await f.must(null, RECEIPT, { id: filed.id, t: 'x'.repeat(32) })).openDataOpinion).toBeNull();
    expect((await f.must(null, RECEIPT, { id: filed.id })).openDataOpinion).toBeNull();
    expect((await f.gql(null, `{ openDataOpinions(first: 5) { totalCount } }`)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');

    // Another agency and the supervising city authority do not answer; the opening agency does, once.
    const other = await registerOrganization(f.call, LIANDU, '莲都区水利局');
    expect((await f.gql(agency(other, LIANDU), ANSWER, { id: filed.id, a: '已补充' })).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect((await f.gql(authority(CITY), ANSWER, { id: filed.id, a: '已补充' })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await f.gql(s.staff, ANSWER, { id: filed.id, a: '  ' })).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'answer' });
    expect((await f.must(s.staff, ANSWER, { id: filed.id, a: '已补充龙泉市的记录并更新数据集' })).answerOpenDataOpinion).toMatchObject({
      status: 'ANSWERED',
      answeredOnTime: true,
    });
    expect((await f.gql(s.staff, ANSWER, { id: filed.id, a: '再次答复' })).errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(await receipt()).toMatchObject({ status: 'ANSWERED', answer: '已补充龙泉市的记录并更新数据集', answeredOnTime: true });
  });

  test('a registered user follows its own opinions, signed in, and no one else sees them; bad input is refused and writes nothing [OPN-4, Z §21, B §3]', async () => {
    const s = await openEntry('丽水市交通运输', CITY);
    const user = await publicUser(CITY);
    const mine = (await f.must(user, FILE, { id: s.datasetId, input: { kind: 'WRONG_OPEN_ATTRIBUTE', content: '公交线路数据应为无条件开放' } })).fileOpenDataOpinion;
    expect((await f.must(user, RECEIPT, { id: mine.id })).openDataOpinion).toMatchObject({ id: mine.id });
    expect(await listed(user)).toEqual([mine.id]);
    expect(await listed(await publicUser(CITY))).toEqual([]);
    expect((await f.must(await publicUser(CITY), RECEIPT, { id: mine.id })).openDataOpinion).toBeNull();
    expect(await listed(s.staff)).toEqual([mine.id]);

    const blank = await f.gql(null, FILE, { id: s.datasetId, input: { ...input, content: ' ' } });
    expect(blank.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.content' });
    expect((await f.gql(null, FILE, { id: s.datasetId, input: { ...input, kind: 'RUDE' } })).errors).toBeDefined();
    expect(await listed(s.staff)).toEqual([mine.id]);
    // A suspended dataset is out of the public's reach; its agency learns it is not open.
    await f.must(null, `mutation($id: ID!) { fileOpenDataComplaint(id: $id, input: { infringes: [PERSONAL_PRIVACY], description: "含住址" }) { id } }`, { id: s.datasetId });
    expect((await f.gql(null, FILE, { id: s.datasetId, input })).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect((await f.gql(s.staff, FILE, { id: s.datasetId, input })).errors![0]!.extensions!.code).toBe('CONFLICT');
  });

  test('overdue opinions are listed for the authority, merged across nodes: a district opinion reaches the city authority [OPN-4, Z §21, SEC-6]', async () => {
    const district = await openEntry('莲都区市场监管', LIANDU);
    const city = await openEntry('丽水市气象', CITY);
    const late = (await f.must(null, FILE, { id: district.datasetId, input })).fileOpenDataOpinion.id as string;
    const onTime = (await f.must(null, FILE, { id: district.datasetId, input: { kind: 'POOR_QUALITY', content: '字段缺失严重' } })).fileOpenDataOpinion.id as string;
    const cityLate = (await f.must(null, FILE, { id: city.datasetId, input: { kind: 'UNLAWFUL_OPENING', content: '违反协议约定开放' } })).fileOpenDataOpinion.id as string;
    await openingSql('liandu', 'update "opening".open_data_opinion set due_date = ? where id = ?', [LONG_AGO, late]);
    await openingSql('lishui', 'update "opening".open_data_opinion set due_date = ? where id = ?', [LONG_AGO, cityLate]);

    const overdue = await listed(authority(CITY), { overdue: true });
    expect(overdue).toEqual(expect.arrayContaining([late, cityLate]));
    expect(overdue).not.toContain(onTime);
    expect(await listed(authority(CITY), { overdue: false })).toContain(onTime);
    // The district's authority sees its own, not the city's.
    const districtOverdue = await listed(authority(LIANDU), { overdue: true });
    expect(districtOverdue).toContain(late);
    expect(districtOverdue).not.toContain(cityLate);

    // A late answer is still taken, and shows it was late.
    expect((await f.must(district.staff, ANSWER, { id: late, a: '已核实并更正' })).answerOpenDataOpinion).toMatchObject({ status: 'ANSWERED', answeredOnTime: false });
    expect(await listed(authority(CITY), { overdue: true })).not.toContain(late);
  });

  test('an opinion received by the hotline is recorded by the district agency; its deadline counts from the day received, so one received weeks ago is overdue at once for the city authority [OPN-4, Z §21]', async () => {
    const s = await openEntry('莲都区交通运输', LIANDU);
    const RECORD = `mutation($id: ID!, $input: RecordOpenDataOpinionInput!) { recordOpenDataOpinion(id: $id, input: $input) { id channel receivedOn dueDate overdue receiptToken } }`;
    const today = todayInChina();
    const weeksAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 28 * 86_400_000).toISOString().slice(0, 10);
    const recorded = (await f.must(s.staff, RECORD, { id: s.datasetId, input: { ...input, channel: 'HOTLINE', receivedOn: weeksAgo } })).recordOpenDataOpinion;
    expect(recorded).toMatchObject({ channel: 'HOTLINE', receivedOn: weeksAgo, overdue: true });
    expect(recorded.dueDate < today).toBe(true);
    // The filer follows it with the receipt the agency passes on.
    expect((await f.must(null, RECEIPT, { id: recorded.id, t: recorded.receiptToken })).openDataOpinion).toMatchObject({ id: recorded.id, status: 'OPEN' });
    expect(await listed(authority(CITY), { overdue: true })).toContain(recorded.id);

    // Refused before anything is written: a future day, ONLINE (the filer files those), another agency, the public.
    const before = await listed(authority(LIANDU));
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const future = await f.gql(s.staff, RECORD, { id: s.datasetId, input: { ...input, channel: 'LETTER', receivedOn: tomorrow } });
    expect(future.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.receivedOn' });
    const online = await f.gql(s.staff, RECORD, { id: s.datasetId, input: { ...input, channel: 'ONLINE', receivedOn: today } });
    expect(online.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.channel' });
    const other = await registerOrganization(f.call, LIANDU, '莲都区文化局');
    expect((await f.gql(agency(other, LIANDU), RECORD, { id: s.datasetId, input: { ...input, channel: 'LETTER', receivedOn: today } })).errors![0]!.extensions!.code).toBe(
      'FORBIDDEN',
    );
    expect((await f.gql(null, RECORD, { id: s.datasetId, input: { ...input, channel: 'LETTER', receivedOn: today } })).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(await listed(authority(LIANDU))).toEqual(before);
  });
});

describe('demands for data not yet open [OPN-5, Z §22, B §34]', () => {
  const FILE = `mutation($input: FileOpenDataDemandInput!) { fileOpenDataDemand(input: $input) { id status regionCode receiptToken dueDate deadlineWorkingDays deadlineProfile deadlineBasis provider { id } } }`;
  const RECEIPT = `query($id: ID!, $t: String) { openDataDemand(id: $id, receiptToken: $t) { id status reply resource { id } dataset { id status } } }`;
  const ANSWER = `mutation($id: ID!, $d: OpenDemandDecision!, $reply: String, $r: ID, $ds: ID) { answerOpenDataDemand(id: $id, decision: $d, reply: $reply, resourceId: $r, datasetId: $ds) { id status reply resource { id } dataset { id } answeredOnTime } }`;
  const ROUTE = `mutation($id: ID!, $p: ID!) { routeOpenDataDemand(id: $id, providerId: $p) { id provider { id } routedAt } }`;
  const LIST = `query($filter: OpenDataDemandFilter) { openDataDemands(first: 100, filter: $filter) { edges { node { id } } } }`;
  const ask = { description: '莲都区各街道的公共停车场泊位及收费标准', purpose: '开发停车导航小程序' };
  const listed = async (actor: Actor, filter: Record<string, unknown> | null = null) =>
    (await f.must(actor, LIST, { filter })).openDataDemands.edges.map((e: any) => e.node.id as string);

  test('anyone asks a district agency; a decline needs a reason; an accepted demand links the entry and the dataset that answer it [OPN-5, Z §22, Z §13, B §34]', async () => {
    const provider = await registerOrganization(f.call, LIANDU, '莲都区住房和城乡建设局');
    const staff = agency(provider, LIANDU);
    const filed = (await f.must(null, FILE, { input: { providerId: provider, ...ask } })).fileOpenDataDemand;
    expect(filed).toMatchObject({ status: 'OPEN', regionCode: LIANDU, deadlineWorkingDays: 10, deadlineProfile: null, provider: { id: provider } });
    expect(filed.deadlineBasis).toContain('Z §22');
    expect(await listed(staff)).toEqual([filed.id]);
    expect(await listed(authority(CITY))).toContain(filed.id);

    // What an answer must carry, checked before anything is read or written.
    expect((await f.gql(staff, ANSWER, { id: filed.id, d: 'DECLINED' })).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reply' });
    expect((await f.gql(staff, ANSWER, { id: filed.id, d: 'ACCEPTED', reply: '同意' })).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'resourceId' });
    const stranger = await registerOrganization(f.call, LIANDU, '莲都区林业局');
    const strangerEntry = await publishResource(f.call, stranger, LIANDU);
    expect((await f.gql(staff, ANSWER, { id: filed.id, d: 'ACCEPTED', r: strangerEntry })).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'resourceId' });
    expect((await f.gql(agency(stranger, LIANDU), ANSWER, { id: filed.id, d: 'DECLINED', reply: '无此数据' })).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect((await f.gql(authority(CITY), ANSWER, { id: filed.id, d: 'DECLINED', reply: '无此数据' })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await f.must(null, RECEIPT, { id: filed.id, t: filed.receiptToken })).openDataDemand).toMatchObject({ status: 'OPEN', reply: null });

    // The agency catalogues the data and accepts; once its dataset is opened, the demand shows it.
    const entry = await publishResource(f.call, provider, LIANDU, { name: '公共停车场泊位信息' });
    const accepted = (await f.must(staff, ANSWER, { id: filed.id, d: 'ACCEPTED', reply: '已编目，将开放', r: entry })).answerOpenDataDemand;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', resource: { id: entry }, dataset: null, answeredOnTime: true });
    const datasetId = (await f.must(staff, PROPOSE, { input: { resourceId: entry, accessMethods: ['API'] } })).proposeOpenDataset.id as string;
    await f.must(authority(LIANDU), APPROVE, { id: datasetId });
    expect((await f.must(null, RECEIPT, { id: filed.id, t: filed.receiptToken })).openDataDemand).toMatchObject({
      status: 'ACCEPTED',
      reply: '已编目，将开放',
      resource: { id: entry },
      dataset: { id: datasetId, status: 'OPEN' },
    });
    expect((await f.gql(staff, ANSWER, { id: filed.id, d: 'DECLINED', reply: '改变主意' })).errors![0]!.extensions!.code).toBe('CONFLICT');

    // Another demand names the open dataset in its answer; a dataset of another entry is refused.
    const second = (await f.must(await publicUser(LIANDU), FILE, { input: { providerId: provider, ...ask } })).fileOpenDataDemand.id as string;
    const otherDataset = (await openEntry('莲都区文旅', LIANDU)).datasetId;
    expect((await f.gql(staff, ANSWER, { id: second, d: 'ACCEPTED', r: entry, ds: otherDataset })).errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'datasetId',
    });
    expect((await f.must(staff, ANSWER, { id: second, d: 'ACCEPTED', r: entry, ds: datasetId })).answerOpenDataDemand.dataset).toEqual({ id: datasetId });
  });

  test('a demand addressed to a region waits for its authority to name the agency; a decline gives the reason [OPN-5, Z §22, B §6]', async () => {
    const county = await registerOrganization(f.call, '331122', '缙云县交通运输局');
    const user = await publicUser(CITY);
    const filed = (await f.must(user, FILE, { input: { regionCode: CITY, ...ask } })).fileOpenDataDemand;
    expect(filed).toMatchObject({ regionCode: CITY, provider: null });
    expect(await listed(authority(CITY), { unrouted: true })).toContain(filed.id);
    expect(await listed(agency(county, '331122'))).not.toContain(filed.id);
    expect(await listed(user)).toEqual([filed.id]);

    const district = await registerOrganization(f.call, LIANDU, '莲都区交通运输局');
    expect((await f.gql(authority(CITY), ROUTE, { id: filed.id, p: district })).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'providerId' });
    expect((await f.gql(agency(county, '331122'), ROUTE, { id: filed.id, p: county })).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect((await f.must(authority(CITY), ROUTE, { id: filed.id, p: county })).routeOpenDataDemand).toMatchObject({ provider: { id: county } });
    expect(await listed(authority(CITY), { unrouted: true })).not.toContain(filed.id);
    expect(await listed(agency(county, '331122'))).toEqual([filed.id]);
    expect((await f.must(agency(county, '331122'), ANSWER, { id: filed.id, d: 'DECLINED', reply: '该数据涉及个人隐私，不予开放 [Z §14]' })).answerOpenDataDemand).toMatchObject({
      status: 'DECLINED',
      resource: null,
    });
    expect((await f.must(user, RECEIPT, { id: filed.id })).openDataDemand).toMatchObject({ status: 'DECLINED', reply: '该数据涉及个人隐私，不予开放 [Z §14]' });
  });

  test('bad input is refused with its field and writes nothing: an agency and a region at once, an enterprise, no purpose, no address [Z §22]', async () => {
    const provider = await registerOrganization(f.call, CITY, '丽水市自然资源和规划局');
    const firm = await registerOrganization(f.call, CITY, '丽水某科技有限公司', 'ENTERPRISE');
    const refused = async (input: Record<string, unknown>) => (await f.gql(null, FILE, { input: { ...ask, ...input } })).errors![0]!.extensions;
    expect(await refused({ providerId: provider, regionCode: CITY })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.providerId' });
    expect(await refused({ providerId: firm })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.providerId' });
    expect(await refused({ providerId: provider, purpose: ' ' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.purpose' });
    // With no address the gateway cannot tell which platform holds the demand.
    expect((await f.gql(null, FILE, { input: { ...ask } })).errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(await listed(agency(provider, CITY))).toEqual([]);
  });
});

describe('a catalog objection of kind INFRINGING on an open entry is a complaint [OPN-6, Z §35, B §11]', () => {
  const first17 = '331102199001011234'.slice(0, 17);
  const PERSON_ID = first17 + citizenIdCheckChar(first17);
  const OBJECT = `mutation($input: FileDataObjectionInput!) { fileDataObjection(input: $input) { id } }`;
  const COMPLAINTS = `{ openDataComplaints(first: 100) { edges { node { id source objectionId status steps { kind } dataset { id } } } } }`;
  const objection = (providerId: string, resourceId: string, kind: string, infringes: string[]) => ({
    input: {
      providerId,
      resourceId,
      kind,
      infringes,
      description: '数据集公开了本人的住址',
      subject: { kind: 'PERSON', name: '张三', idNumber: PERSON_ID, contact: '13905780000' },
    },
  });
  const complaintsOf = async (actor: Actor, datasetId: string) =>
    (await f.must(actor, COMPLAINTS)).openDataComplaints.edges.map((e: any) => e.node).filter((c: any) => c.dataset?.id === datasetId);

  test('an INFRINGING objection on a district entry suspends its open dataset at once; the agency and the authority see the complaint; RESTORED reopens [OPN-6, Z §35, B §11]', async () => {
    const s = await openEntry('莲都区民政', LIANDU);
    const objectionId = (await f.must(null, OBJECT, objection(s.provider, s.resourceId, 'INFRINGING', ['PERSONAL_PRIVACY']))).fileDataObjection.id as string;
    const read = async () => (await f.must(authority(LIANDU), DATASET, { id: s.datasetId })).openDataset;
    const d = await eventually(read, (v) => v.status === 'SUSPENDED', EVENT_BOUND_MS);
    expect(d.status).toBe('SUSPENDED');
    expect(d.suspensionReason).toContain('[Z §35, B §11]');
    expect((await f.gql(null, `query($id: ID!) { openDataset(id: $id) { id } }`, { id: s.datasetId })).data!.openDataset).toBeNull();

    const [complaint] = await complaintsOf(s.staff, s.datasetId);
    expect(complaint).toMatchObject({ source: 'CATALOG_OBJECTION', objectionId, status: 'FILED', steps: [{ kind: 'FILED' }, { kind: 'SUSPENDED' }] });
    expect((await complaintsOf(authority(LIANDU), s.datasetId)).map((c: any) => c.id)).toEqual([complaint.id]);
    expect((await complaintsOf(authority(CITY), s.datasetId)).map((c: any) => c.id)).toEqual([complaint.id]);
    // The objector follows its objection in the catalog: no receipt opens the complaint.
    expect((await f.must(null, `query($id: ID!) { openDataComplaint(id: $id, receiptToken: "${'x'.repeat(32)}") { id } }`, { id: complaint.id })).openDataComplaint).toBeNull();

    await f.must(s.staff, `mutation($id: ID!) { verifyOpenDataComplaint(id: $id, findings: "住址字段已脱敏，异议不成立") { id } }`, { id: complaint.id });
    const decided = await f.must(s.staff, `mutation($id: ID!) { decideOpenDataComplaint(id: $id, outcome: RESTORED, note: "经核实不含个人住址，恢复开放") { status outcome } }`, {
      id: complaint.id,
    });
    expect(decided.decideOpenDataComplaint).toMatchObject({ status: 'RESOLVED', outcome: 'RESTORED' });
    expect(await read()).toMatchObject({ status: 'OPEN', suspensionReason: null });
  });

  test('a WRONG objection is no complaint: the dataset stays open [Z §35, B §11]', async () => {
    const s = await openEntry('莲都区人社', LIANDU);
    await f.must(null, OBJECT, objection(s.provider, s.resourceId, 'WRONG', []));
    // Only an INFRINGING objection publishes an event; once one filed after the WRONG one has reached opening, the WRONG one would have too.
    const marker = await openEntry('莲都区医保', LIANDU);
    await f.must(null, OBJECT, objection(marker.provider, marker.resourceId, 'INFRINGING', ['TRADE_SECRET']));
    await eventually(
      async () => (await f.must(authority(LIANDU), DATASET, { id: marker.datasetId })).openDataset,
      (v) => v.status === 'SUSPENDED',
      EVENT_BOUND_MS,
    );
    expect((await f.must(authority(LIANDU), DATASET, { id: s.datasetId })).openDataset.status).toBe('OPEN');
    expect(await complaintsOf(s.staff, s.datasetId)).toEqual([]);
  });
});
