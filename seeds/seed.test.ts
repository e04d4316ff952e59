import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { type OperationDefinitionNode, parse, print } from 'graphql';
import { EXAMPLE_OPERATIONS } from '../gateway/playground-examples.js';
import type { Actor } from '../schema/auth.js';
import { startTestFederation } from '../test/support/federation.js';
import { TEST_JWT_SECRET, TEST_SECRET } from '../test/support/env.js';
import { agency, authority } from '../test/support/node.js';
import { DEMO_NEGATIVE_LIST, DEMO_NOT_SHARED_ENTRIES, DEMO_ORGANIZATIONS, DEMO_RESOURCES, DEMO_SHARE_REQUESTS } from './demo-data.js';
import { DEMO_RECORD_SETS, recordSetEntry } from './records-demo.js';
import { seedDemo } from './seed.js';

/**
 * What `npm start` does on a first start: the whole demo seeded through the gateway, as the real
 * actors would, on the demo's three nodes. Each rule the seeder meets is the API's own, so a
 * change that breaks the demo fails here rather than on a newcomer's first start.
 */

let f: Awaited<ReturnType<typeof startTestFederation>>;
let seeded: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  f = await startTestFederation('demo_seed', 10_000);
  seeded = await seedDemo(f.federation.gateway.url, TEST_JWT_SECRET, undefined, { topology: f.federation.topology, internalSecret: TEST_SECRET });
}, 900_000);
afterAll(async () => f?.federation.stop());

describe('the demo seeds through the API [CAT-1, SHR-1, SHR-3]', () => {
  test('every organization and entry is created, and a second start leaves the seeded federation alone', async () => {
    expect(seeded.seeded).toBe(true);
    expect(seeded.organizations.size).toBe(DEMO_ORGANIZATIONS.length);
    expect(seeded.resources.size).toBe(DEMO_RESOURCES.length);
    expect((await seedDemo(f.federation.gateway.url, TEST_JWT_SECRET)).seeded).toBe(false);
  });

  test("the city authority sees the demo's share requests and negative lists on every node, catalog-kept lines included [B §24, B §29]", async () => {
    const r = await f.gql(authority('331100'), '{ shareRequests(first: 1) { totalCount } negativeList(first: 100) { totalCount edges { node { source } } } }');
    expect(r.errors).toBeUndefined();
    expect(r.data!.shareRequests.totalCount).toBe(DEMO_SHARE_REQUESTS.length);
    const sources = r.data!.negativeList.edges.map((e: { node: { source: string } }) => e.node.source);
    expect(sources.filter((s: string) => s === 'PROVIDER')).toHaveLength(DEMO_NEGATIVE_LIST.length);
    expect(sources.filter((s: string) => s === 'CATALOG')).toHaveLength(DEMO_NOT_SHARED_ENTRIES.length);
  });

  test('the demo has annual open plans on both nodes, delivered in part, a dispute with an expert opinion and an emergency opening [J §19, Z §8, Z §11-12]', async () => {
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    const r = await f.gql(
      authority('331100'),
      `query($year: Int!) {
        openDataPlans(year: $year, first: 100) { edges { node { id delivery { plannedCount deliveredCount } } } }
        openDataDisputes(first: 10) { edges { node { status opinions { opinion } } } }
        openDataEmergencies(first: 10) { edges { node { status datasets { emergencyData } } } }
      }`,
      { year },
    );
    expect(r.errors).toBeUndefined();
    const plans = r.data!.openDataPlans.edges.map((e: { node: { id: string; delivery: { plannedCount: number; deliveredCount: number } } }) => e.node);
    expect(new Set(plans.map((p: { id: string }) => p.id.slice(0, 6)))).toEqual(new Set(['331100', '331102']));
    expect(plans.some((p: { delivery: { plannedCount: number; deliveredCount: number } }) => p.delivery.deliveredCount > 0)).toBe(true);
    expect(plans.some((p: { delivery: { plannedCount: number; deliveredCount: number } }) => p.delivery.deliveredCount < p.delivery.plannedCount)).toBe(true);
    expect(r.data!.openDataDisputes.edges.map((e: { node: { opinions: unknown[] } }) => e.node.opinions.length)).toEqual([1]);
    expect(r.data!.openDataEmergencies.edges.map((e: { node: { status: string; datasets: unknown[] } }) => [e.node.status, e.node.datasets])).toEqual([
      ['ACTIVE', [{ emergencyData: true }]],
    ]);
  });
});

describe('the demo has opinions and demands of the open portal [OPN-4, OPN-5, Z §21, Z §22]', () => {
  test('the city authority sees the opinions on every node, one answered and one received by the hotline already overdue, and the demands, one accepted and linked to its entry and open dataset', async () => {
    const r = await f.gql(
      authority('331100'),
      '{ openDataOpinions(first: 100) { edges { node { status channel overdue } } } openDataDemands(first: 100) { edges { node { status resource { id } dataset { id } } } } }',
    );
    expect(r.errors).toBeUndefined();
    const opinions = r.data!.openDataOpinions.edges.map((e: { node: { status: string; channel: string; overdue: boolean } }) => e.node);
    expect(opinions.map((o: { status: string }) => o.status).sort()).toEqual(['ANSWERED', 'OPEN', 'OPEN', 'OPEN']);
    expect(opinions.filter((o: { overdue: boolean }) => o.overdue)).toEqual([{ status: 'OPEN', channel: 'HOTLINE', overdue: true }]);
    const demands = r.data!.openDataDemands.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(demands.find((d: Record<string, unknown>) => d.status === 'ACCEPTED')).toMatchObject({ resource: { id: expect.any(String) }, dataset: { id: expect.any(String) } });
    expect(demands.map((d: Record<string, unknown>) => d.status).sort()).toEqual(['ACCEPTED', 'OPEN']);
  });
});

describe('the demo has restricted-open applications in every state and a public holder list [OPN-3, Z §16-17]', () => {
  test('the public reads who holds restricted data; the city authority sees every application state', async () => {
    const holders = await f.gql(null, '{ restrictedOpenDataHolders(first: 100) { totalCount edges { node { holderName holderKind dataset { title } } } } }');
    expect(holders.errors).toBeUndefined();
    expect(holders.data!.restrictedOpenDataHolders.totalCount).toBeGreaterThanOrEqual(2);
    expect(holders.data!.restrictedOpenDataHolders.edges.map((e: { node: { holderName: string } }) => e.node.holderName)).toContain('张*');
    const r = await f.gql(authority('331100'), '{ openDataApplications(first: 100) { edges { node { status } } } }');
    expect(r.errors).toBeUndefined();
    const statuses = new Set(r.data!.openDataApplications.edges.map((e: { node: { status: string } }) => e.node.status));
    expect([...statuses].sort()).toEqual(['APPROVED', 'PENDING', 'REJECTED', 'WITHDRAWN']);
  });

  test('the demo tracks the uses of restricted data and has an agreement suspended pending rectification [OPN-7, Z §28, Z §39]', async () => {
    const r = await f.gql(
      authority('331100'),
      '{ openDataUses(first: 10) { totalCount edges { node { rowsReturned } } } openDataAgreements(first: 100) { edges { node { status useCount suspension { rectifyBy } } } } }',
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.openDataUses.totalCount).toBe(3);
    const agreements = r.data!.openDataAgreements.edges.map((e: { node: unknown }) => e.node);
    expect(agreements).toContainEqual(expect.objectContaining({ status: 'SUSPENDED', suspension: { rectifyBy: expect.any(String) } }));
    expect(agreements).toContainEqual(expect.objectContaining({ status: 'ACTIVE', useCount: 3 }));
  });
});

describe('the demo has data-use authorizations in every stage [OPR-2, OPR-3, D §13-14]', () => {
  test('the city authority sees every stage; the granted one covers only what the providers confirmed, a district entry among them', async () => {
    const r = await f.gql(
      authority('331100'),
      '{ operationAuthorizations(first: 100) { edges { node { status overdue receivedOn reReviewDeadline { overdue } confirmationDeadline { overdue } grantedEntries { resourceId items } } } } }',
    );
    expect(r.errors).toBeUndefined();
    const nodes = r.data!.operationAuthorizations.edges.map((e: { node: any }) => e.node);
    expect(nodes.map((n: { status: string }) => n.status).sort()).toEqual([
      'FIRST_REVIEWED',
      'FIRST_REVIEWED',
      'GRANTED',
      'NOT_GRANTED',
      'REFUSED',
      'RETURNED',
      'RE_REVIEWED',
      'RE_REVIEWED',
      'SUBMITTED',
    ]);
    // One on time and one overdue at each step with a deadline: the two handed in on paper weeks ago [D §14, SEC-6].
    const late = nodes.filter((n: any) => n.overdue);
    expect(late.map((n: any) => [n.status, n.reReviewDeadline.overdue, n.confirmationDeadline?.overdue ?? null, n.receivedOn !== null]).sort()).toEqual([
      ['FIRST_REVIEWED', true, null, true],
      ['RE_REVIEWED', false, true, true],
    ]);
    expect(nodes.filter((n: any) => ['FIRST_REVIEWED', 'RE_REVIEWED'].includes(n.status) && !n.overdue)).toHaveLength(2);
    const granted = nodes.find((n: { status: string }) => n.status === 'GRANTED')!;
    expect(granted.grantedEntries.map((g: { resourceId: string }) => g.resourceId.slice(0, 6)).sort()).toEqual(['331100', '331102']);
    expect(granted.grantedEntries.find((g: { resourceId: string }) => g.resourceId.startsWith('331102'))!.items).not.toContain('空余泊位数');
  });
});

describe('inside the platform the demo operator works by real name [OPR-4, D §17, D §21]', () => {
  test('two staff registered with their citizen IDs masked; an import approved and an export waiting on the review desk', async () => {
    const r = await f.gql(
      authority('331100'),
      '{ operatorStaff(first: 10) { edges { node { name citizenIdMasked status } } } operationDataTransfers(first: 10) { edges { node { direction status } } } }',
    );
    expect(r.errors).toBeUndefined();
    const staff = r.data!.operatorStaff.edges.map((e: { node: { name: string; citizenIdMasked: string; status: string } }) => e.node);
    expect(staff).toHaveLength(2);
    expect(staff.every((s: { citizenIdMasked: string; status: string }) => /^\d{4}\*+\w{4}$/.test(s.citizenIdMasked) && s.status === 'ACTIVE')).toBe(true);
    const transfers = r.data!.operationDataTransfers.edges.map((e: { node: { direction: string; status: string } }) => `${e.node.direction} ${e.node.status}`).sort();
    expect(transfers).toEqual(['EXPORT PENDING', 'IMPORT APPROVED']);
  });
});

describe('the demo operators report and feed back quality problems [OPR-7, OPR-8, D §16, D §20]', () => {
  test("one report is missing on the authority's list; two feedback items, one answered and one open, on both nodes", async () => {
    const r = await f.gql(
      authority('331100'),
      '{ missingOperatorReports { kind operator { agreementNo } } operatorReports(first: 1) { totalCount } governanceFeedbackItems(first: 10) { edges { node { id status } } } }',
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.missingOperatorReports).toEqual([{ kind: 'PERIODIC', operator: { agreementNo: 'LSSJ-SQYY-2025-002' } }]);
    expect(r.data!.operatorReports.totalCount).toBeGreaterThan(5);
    const items = r.data!.governanceFeedbackItems.edges.map((e: { node: { id: string; status: string } }) => [e.node.id.slice(0, 6), e.node.status]);
    expect(items.sort()).toEqual([
      ['331100', 'ANSWERED'],
      ['331102', 'OPEN'],
    ]);
  });
});

describe('the demo has a complaint that suspended an open dataset [OPN-6, Z §35]', () => {
  test('the city authority sees the verified complaint, and its dataset suspended and out of the public catalog', async () => {
    const r = await f.gql(authority('331100'), '{ openDataComplaints(first: 10) { edges { node { status infringes steps { kind } dataset { id status } } } } }');
    expect(r.errors).toBeUndefined();
    const [c] = r.data!.openDataComplaints.edges.map((e: { node: Record<string, any> }) => e.node);
    expect(c).toMatchObject({ status: 'VERIFIED', infringes: ['TRADE_SECRET'], dataset: { status: 'SUSPENDED' } });
    expect(c.steps.map((s: { kind: string }) => s.kind)).toEqual(['FILED', 'SUSPENDED', 'VERIFIED']);
    expect((await f.gql(null, 'query($id: ID!) { openDataset(id: $id) { id } }', { id: c.dataset.id })).data!.openDataset).toBeNull();
  });
});

describe('the demo has realistic records behind a handful of entries on every node [issue 19 item 9, B §17-18]', () => {
  test('each record set is loaded, in full, into its entry on the entry’s own node, through the batched load API', async () => {
    for (const set of DEMO_RECORD_SETS) {
      const entry = recordSetEntry(set);
      const node = DEMO_ORGANIZATIONS.find((o) => o.key === entry.providerKey)!.nodeId;
      const [row] = await f.federation.nodes
        .get(node)!
        .subgraphs.catalog!.orm.em.fork()
        .getConnection()
        .execute<{ n: string; loads: string }[]>(
          `select (select count(*) from "catalog".data_record r where r.resource_id = d.id) as n,
                  (select count(*) from "catalog".data_load l where l.resource_id = d.id and l.status = 'LOADED' and l.source = 'API') as loads
             from "catalog".data_resource d where d.code = ?`,
          [entry.code],
        );
      expect([set.resourceKey, Number(row!.n), Number(row!.loads)]).toEqual([set.resourceKey, set.count, Math.ceil(set.count / 1000)]);
    }
  });
});

/** One named operation of a playground tab, alone, as GraphiQL sends the one picked with its run button. */
function tabOperation(name: string): string {
  for (const e of EXAMPLE_OPERATIONS) {
    const op = parse(e.query).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition' && d.name?.value === name);
    if (op) return print(op);
  }
  throw new Error(`no playground operation ${name}`);
}

describe("the playground's data-plane tabs work on the demo as their comments say [issue 19 item 9, SHR-5, SEC-3, OPN-2, OPR-4]", () => {
  test('a grantee finds its grant and reads the entry through it, the personal item it was not granted masked', async () => {
    const grants = await f.gql(authority('331100'), tabOperation('Grants'));
    expect(grants.errors).toBeUndefined();
    const grant = grants.data!.shareRequests.edges.map((e: { node: any }) => e.node).find((g: any) => g.resource.name === '企业登记信息');
    expect(grant).toMatchObject({ grantState: 'ACTIVE', requester: { name: '丽水市人力资源和社会保障局' } });
    const read = await f.gql(agency(grant.requester.id), tabOperation('ReadThroughGrant'), { id: grant.resource.id, organizationId: grant.requester.id, scenario: grant.scenario });
    expect(read.errors).toBeUndefined();
    const page = read.data!.entryRecords;
    expect(page.grantId).toBe(grant.id);
    expect(page.columns.map((c: { name: string; masked: boolean }) => [c.name, c.masked])).toEqual([
      ['统一社会信用代码', false],
      ['企业名称', false],
      ['登记状态', false],
      ['法定代表人', true],
    ]);
    expect(page.edges).toHaveLength(20);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  test('the public finds the downloadable datasets, downloads one with the URL the tab gives, and reads it by API', async () => {
    const listed = await f.gql(null, tabOperation('Downloadable'));
    expect(listed.errors).toBeUndefined();
    const stops = listed.data!.openDatasets.edges.map((e: { node: any }) => e.node).find((d: any) => d.title === '丽水市城市公交站点');
    expect(stops).toMatchObject({ openAttribute: 'UNCONDITIONAL', offers: expect.arrayContaining([{ method: 'DOWNLOAD' }]) });
    const file = await fetch(`${f.federation.gateway.url}/data/open/${stops.id}.csv`);
    expect(file.status).toBe(200);
    // fetch inflates the gzip and drops the BOM; rows end in CRLF (RFC 4180).
    const lines = (await file.text()).trim().split(/\r?\n/);
    expect(lines[0]!.replace(/^\uFEFF/, '')).toBe('站点编号,站点名称,线路名称,行驶方向,站序,经度,纬度');
    expect(lines).toHaveLength(721);
    const api = await f.gql(null, tabOperation('OpenRecords'), { id: stops.id });
    expect(api.errors).toBeUndefined();
    expect(api.data!.openDatasetRecords.edges).toHaveLength(20);
  });

  test('the operator submits the city-wide run under its authorization, the city authority approves it, and the operator reads the merged count', async () => {
    const basis = await f.gql(authority('331100'), tabOperation('Basis'));
    expect(basis.errors).toBeUndefined();
    const [authorization] = basis.data!.operationAuthorizations.edges.map((e: { node: any }) => e.node);
    const [staff] = basis.data!.operatorStaff.edges.map((e: { node: any }) => e.node);
    const operator: Actor = { sub: 'demo-operator', orgId: authorization.operator.organization.id, region: '331100', roles: ['OPERATOR'], account: authorization.operator.id };
    const submitted = await f.gql(operator, tabOperation('Submit'), {
      resourceIds: authorization.grantedEntries.map((g: { resourceId: string }) => g.resourceId),
      operatorId: authorization.operator.id,
      staffId: staff.id,
      authorizationId: authorization.id,
    });
    expect(submitted.errors).toBeUndefined();
    const run = submitted.data!.submitAggregateRun;
    expect(run).toMatchObject({ status: 'PENDING_REVIEW', scopeRegion: '331100' });
    const held = await f.gql(operator, tabOperation('Result'), { id: run.id });
    expect(held.data!.aggregateRun).toMatchObject({ status: 'PENDING_REVIEW', result: null });
    const reviewed = await f.gql(authority('331100'), tabOperation('Review'), { id: run.id });
    expect(reviewed.errors).toBeUndefined();
    expect(reviewed.data!.reviewAggregateRun.status).toBe('APPROVED');
    const released = await f.gql(operator, tabOperation('Result'), { id: run.id });
    expect(released.errors).toBeUndefined();
    expect(released.data!.aggregateRun).toMatchObject({ status: 'APPROVED', result: { suppressedGroups: 0, groups: [{ key: [], count: 150 }] } });
  });
});
