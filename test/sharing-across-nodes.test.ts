import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { newId } from '../schema/ids.js';
import { addDays, todayInChina } from '../subgraphs/kit/rules/calendar.js';
import { publishResource, registerOrganization, uniqueCreditCode } from './support/catalog-fixtures.js';
import { eventually } from './support/eventually.js';
import { startTestFederation } from './support/federation.js';
import { agency, authority } from './support/node.js';

/**
 * Sharing rules that involve two platforms, tried through the gateway on the demo's three nodes:
 * the requester is checked where it is registered [B §26], and a sanction by the authority above
 * a district stops the sanctioned agency's grants on the district's data too [B §49].
 */

let f: Awaited<ReturnType<typeof startTestFederation>>;
const CITY = '331100';
const LIANDU = '331102';
const LONGQUAN = '331181';

beforeAll(async () => {
  f = await startTestFederation('share_nodes');
}, 300_000);
afterAll(async () => f?.federation.stop());

const REQUEST = `mutation($input: RequestShareInput!) { requestShare(input: $input) { id status crossNode } }`;
const CHECK = `query($id: ID!, $org: ID!) { shareGrantCheck(id: $id, organizationId: $org, itemNames: ["企业名称"], scenario: "跨区域企业监管") { allowed denial } }`;
const GRANT = `query($id: ID!) { shareRequest(id: $id) { id status grantState active } }`;
const IMPOSE = `mutation($input: ImposeShareSanctionInput!) { imposeShareSanction(input: $input) { id status } }`;
const LIFT = `mutation($id: ID!) { liftShareSanction(id: $id, reason: "已完成整改") { id status } }`;

const ask = (resourceId: string, requesterId: string) => ({
  input: {
    resourceId,
    requesterId,
    scenario: '跨区域企业监管',
    purpose: '核验异地企业登记状态',
    legalDuty: '《市场主体登记管理条例》规定的监管职责',
    itemNames: ['企业名称'],
    endDate: addDays(todayInChina(), 180),
  },
});

const sanction = (regionCode: string, userOrganizationId: string) => ({
  input: {
    regionCode,
    userOrganizationId,
    violation: 'BEYOND_SCOPE',
    description: '超出授权场景使用共享数据',
    rectificationDemand: '停止超范围使用并提交整改报告',
    deadline: addDays(todayInChina(), 30),
  },
});

async function sharingRows(node: string, sql: string, params: unknown[]) {
  return f.federation.nodes.get(node)!.subgraphs.sharing!.orm.em.fork().getConnection().execute(sql, params);
}

describe('the requester exists, wherever it lives [SHR-1, B §26]', () => {
  test('a token for an organization no platform registered gets nothing, on another node as on its own', async () => {
    const cityProvider = await registerOrganization(f.call, CITY, '丽水市市场监督管理局');
    const resourceId = await publishResource(f.call, cityProvider, CITY);
    const ghost = newId(LIANDU);
    const before = await sharingRows('lishui', 'select count(*)::int as n from "sharing".share_request where requester_id = ?', [ghost]);
    const r = await f.gql(agency(ghost, LIANDU), REQUEST, ask(resourceId, ghost));
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.requesterId' });
    expect(await sharingRows('lishui', 'select count(*)::int as n from "sharing".share_request where requester_id = ?', [ghost])).toEqual(before);

    // A registered 莲都区 agency asking for the same city entry is granted at once [B §27].
    const real = await registerOrganization(f.call, LIANDU, '丽水市莲都区综合行政执法局');
    expect((await f.must(agency(real, LIANDU), REQUEST, ask(resourceId, real))).requestShare).toMatchObject({ status: 'GRANTED', crossNode: true });
  });

  test('a sanction names a registered organization; one of no platform is refused [B §49]', async () => {
    const r = await f.gql(authority(CITY), IMPOSE, sanction(CITY, newId(LONGQUAN)));
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.userOrganizationId' });
    const real = await registerOrganization(f.call, LONGQUAN, '龙泉市农业农村局');
    expect((await f.must(authority(CITY), IMPOSE, sanction(CITY, real))).imposeShareSanction.status).toBe('IN_FORCE');
  });
});

describe('a sanction reaches every node whose data it covers [SHR-10, B §49]', () => {
  test("the city authority's sanction of a city agency stops its grant on 莲都区's data, and lifting it restores the grant", async () => {
    const districtProvider = await registerOrganization(f.call, LIANDU, '丽水市莲都区市场监督管理局');
    const cityAgency = await registerOrganization(f.call, CITY, '丽水市商务局');
    const resourceId = await publishResource(f.call, districtProvider, LIANDU);
    const granted = (await f.must(agency(cityAgency, CITY), REQUEST, ask(resourceId, cityAgency))).requestShare;
    expect(granted.status).toBe('GRANTED');
    const check = () => f.must(agency(cityAgency, CITY), CHECK, { id: resourceId, org: cityAgency }).then((d) => d.shareGrantCheck);
    expect(await check()).toEqual({ allowed: true, denial: null });

    const imposed = (await f.must(authority(CITY), IMPOSE, sanction(CITY, cityAgency))).imposeShareSanction;
    expect(await eventually(check, (c) => !c.allowed)).toEqual({ allowed: false, denial: 'SANCTIONED' });
    expect((await f.must(authority(LIANDU), GRANT, { id: granted.id })).shareRequest).toMatchObject({ grantState: 'SANCTIONED', active: false });

    await f.must(authority(CITY), LIFT, { id: imposed.id });
    expect(await eventually(check, (c) => c.allowed)).toEqual({ allowed: true, denial: null });
  });

  test("a 莲都区 sanction covers 莲都区's data only: the agency's grant on city data stays in force", async () => {
    const cityProvider = await registerOrganization(f.call, CITY, '丽水市自然资源和规划局');
    const districtAgency = await registerOrganization(f.call, LIANDU, '丽水市莲都区住房和城乡建设局');
    const resourceId = await publishResource(f.call, cityProvider, CITY);
    expect((await f.must(agency(districtAgency, LIANDU), REQUEST, ask(resourceId, districtAgency))).requestShare.status).toBe('GRANTED');
    await f.must(authority(LIANDU), IMPOSE, sanction(LIANDU, districtAgency));
    // Nothing travels upwards: the city node keeps none of 莲都区's sanctions.
    expect(await sharingRows('lishui', 'select count(*)::int as n from "sharing".sanction_replica where organization_id = ?', [districtAgency])).toEqual([{ n: 0 }]);
    expect((await f.must(agency(districtAgency, LIANDU), CHECK, { id: resourceId, org: districtAgency })).shareGrantCheck).toEqual({ allowed: true, denial: null });
  });
});

describe('at most one sanction in force per organization and region, however many ask at once [SHR-10, B §49]', () => {
  test('ten concurrent sanctions of one organization for one region: one is imposed, nine are CONFLICT', async () => {
    const target = await registerOrganization(f.call, CITY, '丽水市文化广电旅游局');
    const results = await Promise.all(Array.from({ length: 10 }, () => f.gql(authority(CITY), IMPOSE, sanction(CITY, target))));
    const ok = results.filter((r) => !r.errors);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(9);
    expect(await sharingRows('lishui', 'select count(*)::int as n from "sharing".share_sanction where organization_id = ? and lifted_at is null', [target])).toEqual([{ n: 1 }]);
  });
});

describe('a unified social credit code names one organization in the whole federation [J §11, B §12]', () => {
  const CREATE = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`;
  const create = (region: string, creditCode: string, name: string) => f.gql(authority(region), CREATE, { input: { regionCode: region, name, creditCode, kind: 'AGENCY' } });

  test('a code registered on the city node is refused on a district node, naming its holder', async () => {
    const code = uniqueCreditCode(CITY);
    const first = await create(CITY, code, '丽水市数据局');
    expect(first.errors).toBeUndefined();
    const second = await create(LIANDU, code, '莲都区数据局');
    expect(second.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(second.errors?.[0]?.message).toContain(first.data!.createOrganization.id);
    const found = (await f.must(authority(CITY), 'query($c: String!) { organizations(creditCode: $c) { totalCount edges { node { id } } } }', { c: code })).organizations;
    expect(found).toEqual({ totalCount: 1, edges: [{ node: { id: first.data!.createOrganization.id } }] });
  });

  test('the same code registered on two district nodes at the same moment: one registration wins', async () => {
    for (let round = 0; round < 3; round++) {
      const code = uniqueCreditCode(CITY);
      const results = await Promise.all([create(LIANDU, code, '莲都区某局'), create(LONGQUAN, code, '龙泉市某局')]);
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.find((r) => r.errors)?.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      const found = (await f.must(authority(CITY), 'query($c: String!) { organizations(creditCode: $c) { totalCount } }', { c: code })).organizations;
      expect(found.totalCount).toBe(1);
    }
  });
});

describe('cross-level coordination reaches every node [SHR-4, SHR-7, B §27, B §29]', () => {
  const FILE = `mutation($input: FileDataDemandInput!) { fileDataDemand(input: $input) { id status } }`;
  const ASSIGN = `mutation($id: ID!, $providerId: ID!) { assignDataDemand(id: $id, providerId: $providerId, note: "请市级部门提供") { id status } }`;
  const ACCEPT = `mutation($id: ID!) { acceptDataDemand(id: $id) { id status } }`;
  const LINK = `mutation($id: ID!, $resourceId: ID!) { linkDataDemandResource(id: $id, resourceId: $resourceId) { id status resource { id } } }`;
  const demand = (organizationId: string) => ({
    input: {
      organizationId,
      dataName: '全市不动产登记信息',
      description: '核验辖区居民住房情况',
      itemNames: ['不动产单元号'],
      scenario: '住房保障资格审核',
      legalDuty: '《城镇住房保障条例》规定的审核职责',
    },
  });

  test("the city authority assigns a city bureau to a 莲都区 agency's demand, and the bureau answers it with a city entry", async () => {
    const districtAgency = await registerOrganization(f.call, LIANDU, '丽水市莲都区住房保障中心');
    const cityBureau = await registerOrganization(f.call, CITY, '丽水市不动产登记中心');
    const d = (await f.must(agency(districtAgency, LIANDU), FILE, demand(districtAgency))).fileDataDemand;
    expect(d.id.startsWith(`${LIANDU}:`)).toBe(true);

    // 莲都区's own authority cannot commit a city bureau; a bureau no platform registered is refused.
    expect((await f.gql(authority(LIANDU), ASSIGN, { id: d.id, providerId: cityBureau })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await f.gql(authority(CITY), ASSIGN, { id: d.id, providerId: newId(CITY) })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'providerId' });

    expect((await f.must(authority(CITY), ASSIGN, { id: d.id, providerId: cityBureau })).assignDataDemand.status).toBe('ASSIGNED');
    expect((await f.must(agency(cityBureau, CITY), ACCEPT, { id: d.id })).acceptDataDemand.status).toBe('ACCEPTED');
    const entry = await publishResource(f.call, cityBureau, CITY, { name: '不动产登记信息', items: [{ name: '不动产单元号', dataType: 'STRING', identifier: true }] });
    expect((await f.must(agency(cityBureau, CITY), LINK, { id: d.id, resourceId: entry })).linkDataDemandResource).toEqual({
      id: d.id,
      status: 'FULFILLED',
      resource: { id: entry },
    });
  });

  test("a district authority sees its own agencies' requests for the city's data, not other districts' [B §29]", async () => {
    const cityProvider = await registerOrganization(f.call, CITY, '丽水市公安局');
    const resourceId = await publishResource(f.call, cityProvider, CITY, { shareAttribute: 'CONDITIONAL', shareCondition: '仅限核验', shareReason: '含个人信息' });
    const mine = await registerOrganization(f.call, LIANDU, '丽水市莲都区民政局');
    const theirs = await registerOrganization(f.call, LONGQUAN, '龙泉市民政局');
    const a = (await f.must(agency(mine, LIANDU), REQUEST, ask(resourceId, mine))).requestShare;
    const b = (await f.must(agency(theirs, LONGQUAN), REQUEST, ask(resourceId, theirs))).requestShare;
    const LIST = `query { shareRequests(first: 100) { edges { node { id requester { id } } } } }`;
    const seen = (await f.must(authority(LIANDU), LIST)).shareRequests.edges.map((e: any) => e.node.id);
    expect(seen).toContain(a.id);
    expect(seen).not.toContain(b.id);
    expect((await f.must(authority(LIANDU), GRANT, { id: a.id })).shareRequest.id).toBe(a.id);
    expect((await f.must(authority(LIANDU), GRANT, { id: b.id })).shareRequest).toBeNull();
  });
});

describe('evaluations are true across nodes [SHR-11, L §28, B §48]', () => {
  test("an agency's requests made count its requests for data on every node", async () => {
    const districtAgency = await registerOrganization(f.call, LIANDU, '丽水市莲都区卫生健康局');
    const cityProvider = await registerOrganization(f.call, CITY, '丽水市卫生健康委员会');
    const longquanProvider = await registerOrganization(f.call, LONGQUAN, '龙泉市卫生健康局');
    const districtProvider = await registerOrganization(f.call, LIANDU, '丽水市莲都区医疗保障局');
    for (const [provider, region] of [
      [cityProvider, CITY],
      [longquanProvider, LONGQUAN],
      [districtProvider, LIANDU],
    ] as const) {
      const resourceId = await publishResource(f.call, provider, region);
      await f.must(agency(districtAgency, LIANDU), REQUEST, ask(resourceId, districtAgency));
    }
    const EVALUATION = `query($id: ID!) { organization(id: $id) { sharingEvaluation { requestsMade requestsReceived } } }`;
    for (const viewer of [agency(districtAgency, LIANDU), authority(LIANDU), authority(CITY)]) {
      expect((await f.must(viewer, EVALUATION, { id: districtAgency })).organization.sharingEvaluation).toEqual({ requestsMade: 3, requestsReceived: 0 });
    }
  });
});

// Last in this file: it stops 莲都区's node.
describe('no blank pages: a reference to a node that cannot answer is null, with an error naming it [SEC-1, B §29]', () => {
  test("the city authority's share requests still answer when a requester's node is down", async () => {
    const cityProvider = await registerOrganization(f.call, CITY, '丽水市司法局');
    const resourceId = await publishResource(f.call, cityProvider, CITY);
    const districtAgency = await registerOrganization(f.call, LIANDU, '丽水市莲都区司法局');
    const cityAgency = await registerOrganization(f.call, CITY, '丽水市信访局');
    const fromDistrict = (await f.must(agency(districtAgency, LIANDU), REQUEST, ask(resourceId, districtAgency))).requestShare.id;
    const fromCity = (await f.must(agency(cityAgency, CITY), REQUEST, ask(resourceId, cityAgency))).requestShare.id;
    await f.federation.stopNode('liandu');

    const LIST = `query($r: ID) { shareRequests(resourceId: $r, scope: { regionCode: "331100", includeSubRegions: false }, first: 10) {
      edges { node { id requester { id name } provider { id name } } } } }`;
    const r = await f.gql(authority(CITY), LIST, { r: resourceId });
    const rows = r.data!.shareRequests.edges.map((e: any) => e.node);
    expect(rows.find((n: any) => n.id === fromCity)).toEqual({
      id: fromCity,
      requester: { id: cityAgency, name: '丽水市信访局' },
      provider: { id: cityProvider, name: '丽水市司法局' },
    });
    expect(rows.find((n: any) => n.id === fromDistrict)).toMatchObject({ id: fromDistrict, requester: null, provider: { name: '丽水市司法局' } });
    expect(r.errors?.length).toBeGreaterThan(0);
    expect(r.errors!.some((e: any) => e.extensions?.code === 'NODE_UNAVAILABLE')).toBe(true);
  });
});
