import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Actor } from '../schema/auth.js';
import { citizenIdCheckChar } from '../subgraphs/kit/rules/citizen-id.js';
import { yearInChina } from '../subgraphs/opening/plan.rules.js';
import { auditor } from './support/access.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { startTestFederation } from './support/federation.js';
import { agency, authority } from './support/node.js';

/**
 * The open catalog's data type, disputes, annual plans and emergencies across the federation: the
 * city node 丽水市 (331100, with its counties) and the district node 莲都区 (331102), where the city
 * authority supervises and does not act [OPN-1, OPN-8, Z §8, Z §10-12, Z §32, J §19].
 */

let f: Awaited<ReturnType<typeof startTestFederation>>;
const CITY = '331100';
const DISTRICT = '331102';
const YEAR = yearInChina(new Date());
const expert = (region: string): Actor => ({ sub: `expert-${region}`, orgId: null, region, roles: ['EXPERT'] });

const PROPOSE = `mutation($input: ProposeOpenDatasetInput!) { proposeOpenDataset(input: $input) { id status dataType } }`;
const APPROVE = `mutation($id: ID!) { approveOpenDatasetProposal(id: $id) { id status dataType } }`;

beforeAll(async () => {
  f = await startTestFederation('opening_plans');
}, 600_000);
afterAll(async () => f?.federation.stop());

/** An error's code and field, or null when the request succeeded. */
async function refused(actor: Actor | null, query: string, variables: Record<string, unknown>) {
  const r = await f.gql(actor, query, variables);
  const e = r.errors?.[0];
  return e ? { code: e.extensions?.code, field: e.extensions?.field, message: e.message } : null;
}

async function openEntry(provider: string, region: string, resourceId: string, accessMethods = ['API']) {
  const id = (await f.must(agency(provider, region), PROPOSE, { input: { resourceId, accessMethods } })).proposeOpenDataset.id as string;
  await f.must(authority(region), APPROVE, { id });
  return id;
}

describe('the data type of the open catalog [OPN-1, Z §10]', () => {
  test('a dataset carries its data type: by default from the catalog format, or as proposed; an interface is offered by API [Z §10, Z §20]', async () => {
    const provider = await registerOrganization(f.call, CITY, '丽水市水利局');
    const staff = agency(provider, CITY);
    const table = await publishResource(f.call, provider, CITY, { name: '水库水位' });
    const api = await publishResource(f.call, provider, CITY, { name: '河道水情', format: 'API' });
    const bad = await refused(staff, PROPOSE, { input: { resourceId: table, accessMethods: ['DOWNLOAD'], dataType: 'INTERFACE' } });
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dataType' });
    expect(await refused(staff, PROPOSE, { input: { resourceId: api, accessMethods: ['DOWNLOAD'] } })).toMatchObject({ field: 'input.accessMethods' });
    const d = (await f.must(staff, PROPOSE, { input: { resourceId: table, accessMethods: ['DOWNLOAD'] } })).proposeOpenDataset;
    expect(d).toMatchObject({ status: 'PROPOSED', dataType: 'DATASET' });
    const i = (await f.must(staff, PROPOSE, { input: { resourceId: api, accessMethods: ['API'] } })).proposeOpenDataset;
    expect((await f.must(authority(CITY), APPROVE, { id: i.id })).approveOpenDatasetProposal).toMatchObject({ status: 'OPEN', dataType: 'INTERFACE' });
  });
});

describe('disputes over the opening agency and the open attribute [Z §11-12]', () => {
  const RAISE = `mutation($input: RaiseOpenDataDisputeInput!) { raiseOpenDataDispute(input: $input) { id status kind parties { id } dataset { id } } }`;
  const OPINION = `mutation($id: ID!, $opinion: String!) { recordExpertOpinion(id: $id, opinion: $opinion) { id opinions { expert region opinion } } }`;
  const DECIDE = `mutation($id: ID!, $outcome: String!, $a: OpenDisputeAttribute, $g: ID) { decideOpenDataDispute(id: $id, outcome: $outcome, decidedAttribute: $a, decidedAgencyId: $g) { id status outcome decidedAttribute decidedAgencyId } }`;
  const ONE = `query($id: ID!) { openDataDispute(id: $id) { id status } }`;

  test('a district dispute over the open attribute: experts give opinions, the district authority decides after one, the city authority only reads, the public never [Z §12, Z §5]', async () => {
    const provider = await registerOrganization(f.call, DISTRICT, '莲都区卫生健康局');
    const other = await registerOrganization(f.call, DISTRICT, '莲都区民政局');
    const resourceId = await publishResource(f.call, provider, DISTRICT, { name: '莲都区医疗机构名录' });
    const datasetId = await openEntry(provider, DISTRICT, resourceId);
    const staff = agency(provider, DISTRICT);
    const input = { resourceId, kind: 'OPEN_ATTRIBUTE', claim: '名录含执业医师个人信息，应受限开放', claimedAttribute: 'RESTRICTED' };
    expect(await refused(staff, RAISE, { input: { ...input, claimedAttribute: null } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.claimedAttribute' });
    expect(await refused(agency(other, DISTRICT), RAISE, { input })).toMatchObject({ code: 'FORBIDDEN' });
    const d = (await f.must(staff, RAISE, { input })).raiseOpenDataDispute;
    expect(d).toMatchObject({ status: 'RAISED', kind: 'OPEN_ATTRIBUTE', parties: [{ id: provider }], dataset: { id: datasetId } });
    expect(d.id.startsWith(`${DISTRICT}:`)).toBe(true);
    expect(await refused(staff, RAISE, { input })).toMatchObject({ code: 'CONFLICT' });

    // No expert opinion yet: the authority cannot decide.
    const decide = { id: d.id, outcome: '经报区人民政府确定，改为受限开放', a: 'RESTRICTED' };
    expect(await refused(authority(DISTRICT), DECIDE, decide)).toMatchObject({ code: 'CONFLICT' });
    // Only an expert serving the region records an opinion; an authority or another county's expert does not.
    expect(await refused(authority(DISTRICT), OPINION, { id: d.id, opinion: '同意' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(expert('331121'), OPINION, { id: d.id, opinion: '同意' })).toMatchObject({ code: 'NOT_FOUND' });
    const opinions = (await f.must(expert(CITY), OPINION, { id: d.id, opinion: '含个人信息，建议受限开放' })).recordExpertOpinion.opinions;
    expect(opinions).toEqual([{ expert: `expert-${CITY}`, region: CITY, opinion: '含个人信息，建议受限开放' }]);

    // The city authority supervises the district node: it reads, it does not decide.
    expect(await refused(authority(CITY), DECIDE, decide)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(authority(DISTRICT), DECIDE, { ...decide, a: null })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decidedAttribute' });
    const decided = (await f.must(authority(DISTRICT), DECIDE, decide)).decideOpenDataDispute;
    expect(decided).toMatchObject({ status: 'DECIDED', decidedAttribute: 'RESTRICTED', decidedAgencyId: null });
    expect(await refused(authority(DISTRICT), DECIDE, decide)).toMatchObject({ code: 'CONFLICT' });

    for (const reader of [staff, authority(CITY), auditor(CITY), expert(CITY)]) expect((await f.must(reader, ONE, { id: d.id })).openDataDispute).toMatchObject({ id: d.id });
    for (const stranger of [null, agency(other, DISTRICT), authority('331181'), expert('331121')]) expect((await f.must(stranger, ONE, { id: d.id })).openDataDispute).toBeNull();
    const list = await f.must(authority(CITY), `query { openDataDisputes(first: 100) { edges { node { id } } } }`);
    expect(list.openDataDisputes.edges.map((e: any) => e.node.id)).toContain(d.id);
    expect((await f.gql(null, `query { openDataDisputes(first: 5) { totalCount } }`)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('a dispute over the opening agency: the agency claimed raises it and is a party; the decision names the agency [Z §11]', async () => {
    const provider = await registerOrganization(f.call, CITY, '丽水市交通运输局');
    const claimed = await registerOrganization(f.call, CITY, '丽水市公安局交警支队');
    const resourceId = await publishResource(f.call, provider, CITY, { name: '道路交通事故统计' });
    const staff = agency(claimed, CITY);
    const input = { resourceId, kind: 'OPENING_AGENCY', claim: '事故数据由交警支队采集，应由其开放', claimedAgencyId: claimed };
    expect(await refused(staff, RAISE, { input: { ...input, claimedAgencyId: provider } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.claimedAgencyId' });
    const d = (await f.must(staff, RAISE, { input })).raiseOpenDataDispute;
    expect(d.parties.map((p: any) => p.id).sort()).toEqual([provider, claimed].sort());
    expect(d.dataset).toBeNull();
    await f.must(expert('330000'), OPINION, { id: d.id, opinion: '按采集职责由交警支队开放' });
    const decided = (await f.must(authority(CITY), DECIDE, { id: d.id, outcome: '报市人民政府确定：由交警支队开放', g: claimed })).decideOpenDataDispute;
    expect(decided).toMatchObject({ status: 'DECIDED', decidedAgencyId: claimed, decidedAttribute: null });
    expect((await f.must(agency(provider, CITY), ONE, { id: d.id })).openDataDispute).toMatchObject({ status: 'DECIDED' });
  });
});

describe('annual open plans against delivery [J §19, Z §10]', () => {
  const FILE = `mutation($input: FileOpenDataPlanInput!) { fileOpenDataPlan(input: $input) { id year revision history { revision plannedCount } } }`;
  const PLANS = `query($year: Int!) { openDataPlans(year: $year, first: 100) { totalCount edges { node { id year agency { id } delivery { plannedCount deliveredCount undelivered { resourceId quarter } } } } } }`;

  test("each agency files its plan; the city authority sees plan against delivery of its agencies and its district's; a plan is revised by filing again [J §19]", async () => {
    const city = await registerOrganization(f.call, CITY, '丽水市气象局');
    const district = await registerOrganization(f.call, DISTRICT, '莲都区自然资源局');
    const [c1, c2] = [await publishResource(f.call, city, CITY, { name: '逐日气温' }), await publishResource(f.call, city, CITY, { name: '降水量' })];
    const [d1, d2, d3] = [
      await publishResource(f.call, district, DISTRICT, { name: '土地利用现状' }),
      await publishResource(f.call, district, DISTRICT, { name: '地质灾害隐患点' }),
      await publishResource(f.call, district, DISTRICT, { name: '矿产资源' }),
    ];
    const cityStaff = agency(city, CITY);
    const districtStaff = agency(district, DISTRICT);

    // Validation before anything is written: the year, the items, whose entries.
    const plan = (organizationId: string, items: { resourceId: string; quarter: number }[], year = YEAR) => ({ input: { organizationId, year, items } });
    expect(await refused(cityStaff, FILE, plan(city, [{ resourceId: c1, quarter: 1 }], YEAR - 1))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.year' });
    expect(await refused(cityStaff, FILE, plan(city, [{ resourceId: c1, quarter: 7 }]))).toMatchObject({ field: 'input.items.0.quarter' });
    expect(await refused(cityStaff, FILE, plan(city, [{ resourceId: d1, quarter: 1 }]))).toMatchObject({ field: 'input.items.0.resourceId' });
    expect(await refused(agency(district, DISTRICT), FILE, plan(city, [{ resourceId: c1, quarter: 1 }]))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(authority(CITY), FILE, plan(city, [{ resourceId: c1, quarter: 1 }]))).toMatchObject({ code: 'FORBIDDEN' });

    const first = (await f.must(cityStaff, FILE, plan(city, [{ resourceId: c1, quarter: 2 }]))).fileOpenDataPlan;
    expect(first).toMatchObject({ year: YEAR, revision: 1, history: [] });
    const revised = (
      await f.must(
        cityStaff,
        FILE,
        plan(city, [
          { resourceId: c1, quarter: 2 },
          { resourceId: c2, quarter: 4 },
        ]),
      )
    ).fileOpenDataPlan;
    expect(revised).toMatchObject({ id: first.id, revision: 2, history: [{ revision: 1, plannedCount: 1 }] });
    const districtPlan = (
      await f.must(
        districtStaff,
        FILE,
        plan(
          district,
          [1, 2, 3].map((q, i) => ({ resourceId: [d1, d2, d3][i]!, quarter: q })),
        ),
      )
    ).fileOpenDataPlan;
    expect(districtPlan.id.startsWith(`${DISTRICT}:`)).toBe(true);

    await openEntry(city, CITY, c1);
    await openEntry(district, DISTRICT, d1);
    await openEntry(district, DISTRICT, d3);

    const rows = (await f.must(authority(CITY), PLANS, { year: YEAR })).openDataPlans.edges.map((e: any) => e.node);
    const byAgency = new Map(rows.map((r: any) => [r.agency.id, r.delivery]));
    expect(byAgency.get(city)).toEqual({ plannedCount: 2, deliveredCount: 1, undelivered: [{ resourceId: c2, quarter: 4 }] });
    expect(byAgency.get(district)).toEqual({ plannedCount: 3, deliveredCount: 2, undelivered: [{ resourceId: d2, quarter: 2 }] });

    // The district authority sees its own agencies only; an agency its own plan; the public nothing.
    const districtRows = (await f.must(authority(DISTRICT), PLANS, { year: YEAR })).openDataPlans.edges.map((e: any) => e.node.agency.id);
    expect(districtRows).toContain(district);
    expect(districtRows).not.toContain(city);
    expect((await f.must(districtStaff, PLANS, { year: YEAR })).openDataPlans.edges.map((e: any) => e.node.agency.id)).toEqual([district]);
    expect((await f.gql(null, PLANS, { year: YEAR })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('emergencies [OPN-8, Z §8, Z §32]', () => {
  const OPEN = `mutation($input: OpenEmergencyDataInput!) { openEmergencyData(input: $input) { id status event openForHours due datasetIds datasets { id status emergencyData } } }`;
  const END = `mutation($id: ID!, $summary: String!, $measures: [OpenDataEmergencyMeasureInput!]!) { endOpenDataEmergency(id: $id, summary: $summary, measures: $measures) { id status endSummary applicationsShutDown measures { datasetId measure } datasets { id status emergencyMeasure applicationsShutDownAt } } }`;
  const PUBLIC = `query($id: ID!) { openDataset(id: $id) { id status emergencyData emergency { id } } }`;

  test('the district authority opens district data at once, one approval and no proposal; the city authority may not, it only supervises that node [Z §8, B §31]', async () => {
    const provider = await registerOrganization(f.call, DISTRICT, '莲都区应急管理局');
    const resourceId = await publishResource(f.call, provider, DISTRICT, { name: '避灾安置点' });
    const input = { resourceId, event: '莲都区 2026 年第 5 号台风', kind: 'NATURAL_DISASTER', openForHours: 72, accessMethods: ['DOWNLOAD', 'API'] };
    expect(await refused(authority(CITY), OPEN, { input })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(agency(provider, DISTRICT), OPEN, { input })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(authority(DISTRICT), OPEN, { input: { ...input, openForHours: 0 } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.openForHours' });
    expect(await refused(authority(DISTRICT), OPEN, { input: { ...input, event: ' ' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.event' });

    const e = (await f.must(authority(DISTRICT), OPEN, { input })).openEmergencyData;
    expect(e).toMatchObject({ status: 'ACTIVE', openForHours: 72, due: false });
    const datasetId = e.datasetIds[0] as string;
    expect(e.datasets).toEqual([{ id: datasetId, status: 'OPEN', emergencyData: true }]);
    // The public reaches the data at once; the emergency record is not public.
    expect((await f.must(null, PUBLIC, { id: datasetId })).openDataset).toEqual({ id: datasetId, status: 'OPEN', emergencyData: true, emergency: null });
    expect((await f.must(agency(provider, DISTRICT), PUBLIC, { id: datasetId })).openDataset.emergency).toEqual({ id: e.id });
    expect(await refused(authority(DISTRICT), OPEN, { input })).toMatchObject({ code: 'CONFLICT' });

    // A second entry joins the same event.
    const second = await publishResource(f.call, provider, DISTRICT, { name: '转移安置人员统计' });
    const joined = (await f.must(authority(DISTRICT), OPEN, { input: { ...input, resourceId: second, accessMethods: ['API'], emergencyId: e.id } })).openEmergencyData;
    expect(joined.id).toBe(e.id);
    expect(joined.datasetIds).toHaveLength(2);

    // The end: every dataset gets its measure; the datasets are withdrawn and their applications shut down.
    const end = { id: e.id, summary: '台风应对结束，已分类评估：个人信息封存，其余安排销毁', measures: [{ datasetId, measure: 'SEALED' }] };
    expect(await refused(authority(DISTRICT), END, end)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'measures' });
    expect(await refused(authority(CITY), END, { ...end, measures: [...end.measures, { datasetId: joined.datasetIds[1], measure: 'DESTRUCTION_SCHEDULED' }] })).toMatchObject({
      code: 'FORBIDDEN',
    });
    const ended = (await f.must(authority(DISTRICT), END, { ...end, measures: [...end.measures, { datasetId: joined.datasetIds[1], measure: 'DESTRUCTION_SCHEDULED' }] }))
      .endOpenDataEmergency;
    expect(ended).toMatchObject({ status: 'ENDED', applicationsShutDown: 0, endSummary: end.summary });
    expect(ended.measures).toEqual([
      { datasetId, measure: 'SEALED' },
      { datasetId: joined.datasetIds[1], measure: 'DESTRUCTION_SCHEDULED' },
    ]);
    for (const d of ended.datasets) {
      expect(d.status).toBe('WITHDRAWN');
      expect(d.applicationsShutDownAt).not.toBeNull();
    }
    expect(ended.datasets.map((d: any) => d.emergencyMeasure).sort()).toEqual(['DESTRUCTION_SCHEDULED', 'SEALED']);
    expect((await f.must(null, PUBLIC, { id: datasetId })).openDataset).toBeNull();
    expect(await refused(authority(DISTRICT), END, end)).toMatchObject({ code: 'CONFLICT' });

    // The city authority follows it from its own node: the list is merged across nodes.
    const list = await f.must(authority(CITY), `query { openDataEmergencies(first: 100, status: ENDED) { edges { node { id event } } } }`);
    expect(list.openDataEmergencies.edges.map((x: any) => x.node.id)).toContain(e.id);
  });

  test('when the event is over, the applications built on restricted emergency data are shut down: its agreements CLOSED without sanction, pending applications refused [Z §32, Z §16-17]', async () => {
    const provider = await registerOrganization(f.call, DISTRICT, '莲都区疾病预防控制中心');
    const resourceId = await publishResource(f.call, provider, DISTRICT, { name: '密接人员流调', openAttribute: 'RESTRICTED', openCondition: '仅限疫情防控科研' });
    const e = (await f.must(authority(DISTRICT), OPEN, { input: { resourceId, event: '莲都区聚集性疫情', kind: 'PUBLIC_HEALTH', openForHours: 24, accessMethods: ['API'] } }))
      .openEmergencyData;
    const datasetId = e.datasetIds[0] as string;
    let serial = 500;
    const user = async (name: string): Promise<Actor> => {
      const first17 = `${CITY}19880808${++serial}`;
      const id = (
        await f.must(null, `mutation($input: RegisterOpenDataUserInput!) { registerOpenDataUser(input: $input) { id } }`, {
          input: { regionCode: CITY, name, kind: 'NATURAL_PERSON', idNumber: first17 + citizenIdCheckChar(first17), contact: '13905780000' },
        })
      ).registerOpenDataUser.id as string;
      return { sub: `user-${id}`, orgId: null, region: CITY, roles: ['USER'], account: id };
    };
    const apply = async (u: Actor) =>
      (
        await f.must(u, `mutation($id: ID!, $input: ApplyForOpenDataInput!) { applyForOpenData(id: $id, input: $input) { id } }`, {
          id: datasetId,
          input: { scenario: '疫情传播链研究', storageCapability: '隔离机房', processingCapability: '流行病学团队', securityCapability: '脱敏与审计', creditLevel: 'A' },
        })
      ).applyForOpenData.id as string;
    const approved = await apply(await user('王五'));
    const agreementId = (
      await f.must(agency(provider, DISTRICT), `mutation($id: ID!) { approveOpenDataApplication(id: $id, input: { termMonths: 6 }) { agreement { id } } }`, { id: approved })
    ).approveOpenDataApplication.agreement.id as string;
    const pending = await apply(await user('赵六'));

    const ended = (await f.must(authority(DISTRICT), END, { id: e.id, summary: '疫情结束，流调数据封存', measures: [{ datasetId, measure: 'SEALED' }] })).endOpenDataEmergency;
    expect(ended.applicationsShutDown).toBe(2);
    const AGREEMENT = `query($id: ID!) { openDataAgreement(id: $id) { status closedAt } }`;
    expect((await f.must(authority(DISTRICT), AGREEMENT, { id: agreementId })).openDataAgreement).toMatchObject({ status: 'CLOSED', closedAt: expect.any(String) });
    const APPLICATION = `query($id: ID!) { openDataApplication(id: $id) { status rejectionReason } }`;
    expect((await f.must(authority(DISTRICT), APPLICATION, { id: pending })).openDataApplication).toMatchObject({
      status: 'REJECTED',
      rejectionReason: expect.stringContaining('Z §32'),
    });
    // No sanction: nothing enters the holder's credit file, and the public holder list no longer names it.
    expect((await f.must(authority(CITY), `{ openDataCreditRecords(first: 100) { edges { node { agreementId } } } }`)).openDataCreditRecords.edges).not.toContainEqual({
      node: { agreementId },
    });
    const holders = (await f.must(null, `{ restrictedOpenDataHolders(first: 100) { edges { node { id } } } }`)).restrictedOpenDataHolders.edges.map((x: any) => x.node.id);
    expect(holders).not.toContain(agreementId);
  });

  test('the city authority opens emergency data of a county it acts on, on its own node [Z §8, B §17]', async () => {
    const provider = await registerOrganization(f.call, '331122', '缙云县卫生健康局');
    const resourceId = await publishResource(f.call, provider, '331122', { name: '发热门诊分布' });
    const e = (await f.must(authority(CITY), OPEN, { input: { resourceId, event: '缙云县流感疫情', kind: 'PUBLIC_HEALTH', openForHours: 24, accessMethods: ['API'] } }))
      .openEmergencyData;
    expect(e.datasets[0]).toMatchObject({ status: 'OPEN', emergencyData: true });
    expect(await refused(authority('331121'), END, { id: e.id, summary: '结束', measures: [{ datasetId: e.datasetIds[0], measure: 'SEALED' }] })).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
