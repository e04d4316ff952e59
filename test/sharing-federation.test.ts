import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { addDays, todayInChina } from '../subgraphs/kit/rules/calendar.js';
import { auditor } from './support/access.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { eventually } from './support/eventually.js';
import { startTestFederation } from './support/federation.js';
import { agency, authority } from './support/node.js';

/**
 * Cross-level and cross-region sharing through the gateway [SHR-7, B §29]: a request lives with
 * the data on the provider's node; the city authority 331100 coordinates requests from another
 * platform there, even on 莲都区's node where otherwise it only supervises; its queue and the
 * negative list are one list over every node.
 */

let f: Awaited<ReturnType<typeof startTestFederation>>;
const CITY = '331100';
const LIANDU = '331102';
const CONDITIONAL = { shareAttribute: 'CONDITIONAL', shareCondition: '仅限执法核验', shareReason: '含经营信息' };

beforeAll(async () => {
  f = await startTestFederation('share_fed');
}, 300_000);
afterAll(async () => f?.federation.stop());

const REQUEST = `mutation($input: RequestShareInput!) { requestShare(input: $input) { id status crossNode decisionRule } }`;
const APPROVE = `mutation($id: ID!, $reason: String) { approveShareRequest(id: $id, reason: $reason) { id status decisionRule decidedBy } }`;
const QUEUE = `query { shareCoordinationQueue(first: 100) { totalCount edges { node { id crossNode } } } }`;
const CHECK = `query($id: ID!, $org: ID!) { shareGrantCheck(id: $id, organizationId: $org, itemNames: ["企业名称"], scenario: "跨区域企业监管") { allowed denial } }`;

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

describe('cross-level and cross-region sharing [SHR-7, B §29]', () => {
  test("a city agency asks for 莲都区 data: the request lives on 莲都区's node, and the city authority coordinates it there [B §29]", async () => {
    const districtProvider = await registerOrganization(f.call, LIANDU, '丽水市莲都区市场监督管理局');
    const cityRequester = await registerOrganization(f.call, CITY, '丽水市综合行政执法局');
    const districtRequester = await registerOrganization(f.call, LIANDU, '丽水市莲都区人力资源和社会保障局');
    const resourceId = await publishResource(f.call, districtProvider, LIANDU, CONDITIONAL);

    const cross = (await f.must(agency(cityRequester, CITY), REQUEST, ask(resourceId, cityRequester))).requestShare;
    expect(cross.id.startsWith(`${LIANDU}:`)).toBe(true);
    expect(cross).toMatchObject({ status: 'PENDING', crossNode: true, decisionRule: 'CONDITIONAL_PROVIDER_DECISION' });
    const local = (await f.must(agency(districtRequester, LIANDU), REQUEST, ask(resourceId, districtRequester))).requestShare;
    expect(local.crossNode).toBe(false);

    // The queue is one list over all nodes: the city authority sees the cross-node request on 莲都区's node, not the local one.
    const queued = (await f.must(authority(CITY), QUEUE)).shareCoordinationQueue.edges.map((e: any) => e.node.id);
    expect(queued).toContain(cross.id);
    expect(queued).not.toContain(local.id);
    expect((await f.must(auditor(CITY), QUEUE)).shareCoordinationQueue.edges.map((e: any) => e.node.id)).toContain(cross.id);
    expect((await f.must(agency(districtProvider, LIANDU), QUEUE)).shareCoordinationQueue.totalCount).toBe(0);

    // Where it only supervises, the city authority does not decide 莲都区's own affairs; it coordinates the cross-node request.
    const notItsCall = await f.gql(authority(CITY), APPROVE, { id: local.id, reason: '同意' });
    expect(notItsCall.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const coordinated = (await f.must(authority(CITY), APPROVE, { id: cross.id, reason: '经市级协调同意' })).approveShareRequest;
    expect(coordinated).toMatchObject({ status: 'GRANTED', decisionRule: 'CROSS_REGION_COORDINATION', decidedBy: `authority-${CITY}` });

    // Recorded on the provider's node: 莲都区's sharing database holds the decision and its audit event.
    const sharing = f.federation.nodes.get('liandu')!.subgraphs.sharing!.orm.em.getConnection();
    const [row] = await sharing.execute(`select status, decision_rule from "sharing".share_request where id = ?`, [cross.id]);
    expect(row).toEqual({ status: 'GRANTED', decision_rule: 'CROSS_REGION_COORDINATION' });
    const audits = await sharing.execute(`select action from "sharing".audit_event where kind = 'CHANGE' and entity_id = ? order by id`, [cross.id]);
    expect(audits.map((a: any) => a.action)).toEqual(['shareRequest.create', 'shareRequest.approve']);
    expect((await f.must(authority(CITY), QUEUE)).shareCoordinationQueue.edges.map((e: any) => e.node.id)).not.toContain(cross.id);

    // The data plane's check, routed by the entry's ID to 莲都区's node.
    expect((await f.must(agency(cityRequester, CITY), CHECK, { id: resourceId, org: cityRequester })).shareGrantCheck).toEqual({ allowed: true, denial: null });
  });

  test('a 莲都区 agency asks for city data: the request lives on the city node, and the city authority decides it there [B §29]', async () => {
    const cityProvider = await registerOrganization(f.call, CITY, '丽水市市场监督管理局');
    const districtRequester = await registerOrganization(f.call, LIANDU, '丽水市莲都区民政局');
    const resourceId = await publishResource(f.call, cityProvider, CITY, CONDITIONAL);
    const r = (await f.must(agency(districtRequester, LIANDU), REQUEST, ask(resourceId, districtRequester))).requestShare;
    expect(r.id.startsWith(`${CITY}:`)).toBe(true);
    expect(r.crossNode).toBe(true);
    expect((await f.must(authority(LIANDU), QUEUE)).shareCoordinationQueue.edges.map((e: any) => e.node.id)).not.toContain(r.id);
    expect((await f.must(authority(CITY), QUEUE)).shareCoordinationQueue.edges.map((e: any) => e.node.id)).toContain(r.id);
    const d = (await f.must(agency(cityProvider, CITY), APPROVE, { id: r.id, reason: '符合条件' })).approveShareRequest;
    expect(d).toMatchObject({ status: 'GRANTED', decisionRule: 'CONDITIONAL_PROVIDER_DECISION' });
  });

  test('the city authority reads the negative lists of every node as one connection; a district authority only its own [B §24]', async () => {
    const LIST = `query { negativeList(first: 100) { totalCount edges { node { id dataName source legalBasis resource { id } provider { id } } } } }`;
    const ADD = `mutation($input: AddNegativeListEntryInput!) { addNegativeListEntry(input: $input) { id } }`;
    const ids: string[] = [];
    for (const region of [CITY, LIANDU, '331181']) {
      const provider = await registerOrganization(f.call, region, '统计局');
      const resourceId = await publishResource(f.call, provider, region);
      ids.push(
        (await f.must(agency(provider, region), ADD, { input: { providerId: provider, resourceId, itemNames: ['统一社会信用代码'], legalBasis: '《统计法》第九条' } }))
          .addNegativeListEntry.id,
      );
    }
    const city = (await f.must(authority(CITY), LIST)).negativeList;
    expect(city.edges.map((e: any) => e.node.id)).toEqual(expect.arrayContaining(ids));
    expect(city.totalCount).toBeGreaterThanOrEqual(3);
    const district = (await f.must(authority(LIANDU), LIST)).negativeList.edges.map((e: any) => e.node.id);
    expect(district).toEqual([ids[1]]);
  });

  test('under profile B a NOT_SHARED entry carries its list line and legal basis on its own node; shared again, the line leaves [SHR-3, B §24]', async () => {
    const LIST = `query($p: ID) { negativeList(providerId: $p, first: 10) { edges { node { id source legalBasis itemNames resource { id } } } } }`;
    const provider = await registerOrganization(f.call, LIANDU, '丽水市莲都区统计局');
    const resourceId = await publishResource(f.call, provider, LIANDU, { shareAttribute: 'NOT_SHARED', legalBasis: '《统计法》第九条', openAttribute: 'PROHIBITED' });
    const lines = async () => (await f.must(authority(CITY), LIST, { p: provider })).negativeList.edges.map((e: any) => e.node);
    const [line] = await eventually(lines, (l) => l.length === 1);
    expect(line).toMatchObject({ source: 'CATALOG', legalBasis: '《统计法》第九条', itemNames: ['统一社会信用代码', '企业名称', '登记状态'], resource: { id: resourceId } });
    // The line follows the catalog: the provider cannot take it off the list or change it here.
    const off = await f.gql(agency(provider, LIANDU), `mutation($id: ID!) { removeNegativeListEntry(id: $id, reason: "改为共享") { id } }`, { id: line.id });
    expect(off.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // A request cites the line's basis.
    const requester = await registerOrganization(f.call, CITY, '丽水市发展和改革委员会');
    const refused = await f.gql(agency(requester, CITY), REQUEST, ask(resourceId, requester));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', legalBasis: '《统计法》第九条', negativeListEntryId: line.id });

    // A revision that makes the entry CONDITIONAL takes its line off: data not on the list is shared.
    const staff = agency(provider, LIANDU);
    const REVISE = `mutation($id: ID!, $input: UpdateDataResourceInput!) { updateDataResource(id: $id, input: $input) { id } }`;
    expect(
      (await f.gql(staff, REVISE, { id: resourceId, input: { shareAttribute: 'CONDITIONAL', shareCondition: '仅限统计分析', shareReason: '含个体数据' } })).errors,
    ).toBeUndefined();
    expect((await f.gql(staff, `mutation($id: ID!) { submitDataResource(id: $id) { id } }`, { id: resourceId })).errors).toBeUndefined();
    expect((await f.gql(authority(LIANDU), `mutation($id: ID!) { publishDataResource(id: $id) { id } }`, { id: resourceId })).errors).toBeUndefined();
    expect(await eventually(lines, (l) => l.length === 0)).toEqual([]);
    expect((await f.must(agency(requester, CITY), REQUEST, ask(resourceId, requester))).requestShare.status).toBe('PENDING');
  });
});
