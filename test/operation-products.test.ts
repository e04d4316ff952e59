import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Actor } from '../schema/auth.js';
import { addDays, todayInChina } from '../subgraphs/kit/rules/calendar.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { eventually } from './support/eventually.js';
import { startTestFederation } from './support/federation.js';
import { agency, authority } from './support/node.js';

/**
 * Data products and their prices across the federation: an operator of the city node 331100
 * builds products on authorizations granting entries of the city and of 莲都区 331102 (its own
 * node); the city authority reviews them and sets the guided price ranges; retiring the district
 * entry suspends the city product through the catalog's events [OPR-5, OPR-6, D §3, D §21, B §35, J §23].
 */

let f: Awaited<ReturnType<typeof startTestFederation>>;
const CITY = '331100';
const LIANDU = '331102';
const EVENT_BOUND_MS = 60_000;

type Result = { errors?: { message: string; extensions?: Record<string, unknown> }[] };
const code = (r: Result) => r.errors?.[0]?.extensions?.code;
const field = (r: Result) => r.errors?.[0]?.extensions?.field;
const serviceCenter = (region: string): Actor => ({ sub: `service-center-${region}`, orgId: null, region, roles: ['SERVICE_CENTER'] });
const operatorToken = (orgId: string, operatorId: string): Actor => ({ sub: `operator-${operatorId}`, orgId, region: orgId.slice(0, 6), roles: ['OPERATOR'], account: operatorId });

const PRODUCT_FIELDS =
  'id status kind use useCondition priceFen guidedRange statusReason catalogEventId authorizationIds sources { authorizationId resourceId providerId items } operator { id }';
const PROPOSE = `mutation($id: ID!, $input: ProposeDataProductInput!) { proposeDataProduct(id: $id, input: $input) { ${PRODUCT_FIELDS} } }`;
const REVIEW = `mutation($id: ID!, $approve: Boolean!, $reason: String) { reviewDataProduct(id: $id, approve: $approve, reason: $reason) { ${PRODUCT_FIELDS} } }`;
const GET = `query($id: ID!) { dataProduct(id: $id) { ${PRODUCT_FIELDS} } }`;
const LIST = `query($filter: DataProductFilter) { dataProducts(filter: $filter, first: 100) { totalCount edges { node { id status } } } }`;
const RANGE = `mutation($input: SetGuidedPriceRangeInput!) { setGuidedPriceRange(input: $input) { id kind minFen maxFen basis } }`;

interface Operator {
  org: string;
  id: string;
  actor: Actor;
}

async function licensedOperator(region: string, name: string): Promise<Operator> {
  const org = await registerOrganization(f.call, region, name, 'ENTERPRISE');
  const op = (
    await f.must(authority(region), `mutation($input: CreateOperatorInput!) { createOperator(input: $input) { id } }`, {
      input: {
        organizationId: org,
        agreementNo: `SQYY-${region}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`,
        agreementSignedAt: todayInChina(),
        termStart: todayInChina(),
        scope: '文旅与交通数据产品',
      },
    })
  ).createOperator;
  return { org, id: op.id, actor: operatorToken(org, op.id) };
}

let operator: Operator;
let otherOperator: Operator;
let cityProvider: string;
let districtProvider: string;
let serial = 0;

/** A GRANTED authorization of `op` for the entries given, each confirmed by its provider. */
async function granted(op: Operator, entries: { resourceId: string; provider: string }[], region = CITY): Promise<string> {
  const input = {
    scenarioName: `客流分析 ${++serial}`,
    scenarioDescription: '分析客流，供调度',
    valueKind: 'SOCIAL',
    value: '缓解拥堵',
    priorityDomain: 'CULTURE_TOURISM',
    plan: '三个月建模',
    goals: [{ description: '模型上线', dueDate: addDays(todayInChina(), 90) }],
    entries: entries.map((e) => ({ resourceId: e.resourceId, items: [{ name: '企业名称', reason: '识别经营主体' }] })),
  };
  const a = (
    await f.must(op.actor, `mutation($id: ID!, $input: ApplyForOperationAuthorizationInput!) { applyForOperationAuthorization(id: $id, input: $input) { id } }`, {
      id: op.id,
      input,
    })
  ).applyForOperationAuthorization.id as string;
  await f.must(serviceCenter(region), `mutation($id: ID!, $input: FirstReviewOperationAuthorizationInput!) { firstReviewOperationAuthorization(id: $id, input: $input) { id } }`, {
    id: a,
    input: { decision: 'PASS' },
  });
  await f.must(authority(region), `mutation($id: ID!, $input: ReReviewOperationAuthorizationInput!) { reReviewOperationAuthorization(id: $id, input: $input) { id } }`, {
    id: a,
    input: { decision: 'APPROVE', complianceAssessment: '合规', riskAssessment: '可控', networkSecurityOpinion: '同意', expertCommitteeOpinion: '同意' },
  });
  for (const e of entries) {
    await f.must(
      agency(e.provider),
      `mutation($id: ID!, $input: AnswerOperationAuthorizationEntryInput!) { answerOperationAuthorizationEntry(id: $id, input: $input) { status } }`,
      {
        id: a,
        input: { resourceId: e.resourceId, decision: 'CONFIRM' },
      },
    );
  }
  return a;
}

const free = (authorizationIds: string[], over: Record<string, unknown> = {}) => ({
  name: `公交客流公益报告 ${++serial}`,
  kind: 'DATA_REPORT',
  description: '按月发布的公交客流分析报告',
  authorizationIds,
  use: 'PUBLIC_WELFARE',
  useCondition: '仅用于公益出行服务，不得转售',
  ...over,
});
const industry = (authorizationIds: string[], price: number | null, over: Record<string, unknown> = {}) =>
  free(authorizationIds, { name: `客流数据接口 ${++serial}`, kind: 'DATA_INTERFACE', use: 'INDUSTRY', useCondition: null, price, ...over });

const propose = (op: Operator, input: Record<string, unknown>) => f.gql(op.actor, PROPOSE, { id: op.id, input });
const proposed = async (op: Operator, input: Record<string, unknown>) => (await f.must(op.actor, PROPOSE, { id: op.id, input })).proposeDataProduct;
const count = async () => (await f.must(authority(CITY), LIST)).dataProducts.totalCount as number;

let cityEntry: string;
let districtEntry: string;
let auth: string;

beforeAll(async () => {
  f = await startTestFederation('operation_products', 10_000, { eventPollMs: 200 });
  operator = await licensedOperator(CITY, '丽水公共数据运营有限公司');
  otherOperator = await licensedOperator(CITY, '丽水交通数据运营有限公司');
  cityProvider = await registerOrganization(f.call, CITY, '丽水市交通运输局');
  districtProvider = await registerOrganization(f.call, LIANDU, '莲都区市场监督管理局');
  cityEntry = await publishResource(f.call, cityProvider, CITY);
  districtEntry = await publishResource(f.call, districtProvider, LIANDU);
  auth = await granted(operator, [
    { resourceId: cityEntry, provider: cityProvider },
    { resourceId: districtEntry, provider: districtProvider },
  ]);
}, 300_000);
afterAll(async () => f?.federation.stop());

describe('data products [OPR-5, D §3, D §21]', () => {
  test('a free product built on a granted authorization is reviewed before release; released, it lists its sources publicly [D §21, D §3, B §35]', async () => {
    const p = await proposed(operator, free([auth]));
    expect(p).toMatchObject({ status: 'UNDER_REVIEW', use: 'PUBLIC_WELFARE', priceFen: 0, guidedRange: null, authorizationIds: [auth], operator: { id: operator.id } });
    expect(p.sources).toEqual([
      { authorizationId: auth, resourceId: cityEntry, providerId: cityProvider, items: ['企业名称'] },
      { authorizationId: auth, resourceId: districtEntry, providerId: districtProvider, items: ['企业名称'] },
    ]);
    // Under review, the public and other operators do not see it.
    expect((await f.must(null, GET, { id: p.id })).dataProduct).toBeNull();
    expect((await f.must(otherOperator.actor, GET, { id: p.id })).dataProduct).toBeNull();
    expect((await f.must(operator.actor, GET, { id: p.id })).dataProduct.id).toBe(p.id);
    // Only the authority of the operator's region reviews.
    expect(code(await f.gql(operator.actor, REVIEW, { id: p.id, approve: true }))).toBe('FORBIDDEN');
    expect(code(await f.gql(authority(LIANDU), REVIEW, { id: p.id, approve: true }))).toBe('FORBIDDEN');
    const released = (await f.must(authority(CITY), REVIEW, { id: p.id, approve: true })).reviewDataProduct;
    expect(released.status).toBe('RELEASED');
    const pub = (await f.must(null, GET, { id: p.id })).dataProduct;
    expect(pub.sources.map((s: any) => s.resourceId)).toEqual([cityEntry, districtEntry]);
    const listed = (await f.must(null, LIST, { filter: { resourceId: districtEntry } })).dataProducts.edges.map((e: any) => e.node.id);
    expect(listed).toContain(p.id);
    expect(code(await f.gql(authority(CITY), REVIEW, { id: p.id, approve: true }))).toBe('CONFLICT');
  });

  test('refusing needs a reason, kept with the product [D §21]', async () => {
    const p = await proposed(operator, free([auth]));
    const noReason = await f.gql(authority(CITY), REVIEW, { id: p.id, approve: false });
    expect([code(noReason), field(noReason)]).toEqual(['BAD_USER_INPUT', 'reason']);
    const refused = (await f.must(authority(CITY), REVIEW, { id: p.id, approve: false, reason: '来源说明不足' })).reviewDataProduct;
    expect(refused).toMatchObject({ status: 'REFUSED', statusReason: '来源说明不足' });
  });

  test('a product is built on the operator’s own granted authorizations, by the operator itself; nothing is written otherwise [D §14-15, D §21]', async () => {
    const before = await count();
    const none = await propose(operator, free([]));
    expect([code(none), field(none)]).toEqual(['BAD_USER_INPUT', 'input.authorizationIds']);
    const notOurs = await propose(otherOperator, free([auth]));
    expect([code(notOurs), field(notOurs)]).toEqual(['BAD_USER_INPUT', 'input.authorizationIds']);
    expect(code(await f.gql(agency(cityProvider), PROPOSE, { id: operator.id, input: free([auth]) }))).toBe('FORBIDDEN');
    expect(code(await f.gql(otherOperator.actor, PROPOSE, { id: operator.id, input: free([auth]) }))).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
  });

  test('retiring a district entry suspends the city operator’s product built on it, with the reason and the event, across nodes [D §21, OPR-5]', async () => {
    const entry = await publishResource(f.call, districtProvider, LIANDU);
    const a = await granted(operator, [{ resourceId: entry, provider: districtProvider }]);
    const p = await proposed(operator, free([a]));
    await f.must(authority(CITY), REVIEW, { id: p.id, approve: true });
    const untouched = await proposed(operator, free([auth]));
    await f.must(authority(LIANDU), `mutation($id: ID!, $reason: String!) { retireDataResource(id: $id, reason: $reason) { id } }`, { id: entry, reason: '停止采集' });
    const after = await eventually(
      async () => (await f.must(authority(CITY), GET, { id: p.id })).dataProduct,
      (d) => d.status === 'SUSPENDED',
      EVENT_BOUND_MS,
    );
    expect(after.status).toBe('SUSPENDED');
    expect(after.statusReason).toContain('停止采集');
    expect(after.catalogEventId).toBeTruthy();
    expect((await f.must(authority(CITY), GET, { id: untouched.id })).dataProduct.status).toBe('UNDER_REVIEW');
    // Suspended, it is no longer public.
    expect((await f.must(null, GET, { id: p.id })).dataProduct).toBeNull();
  });

  test('retiring a city entry suspends a district operator’s product built on it: the district node follows the catalog above it too [D §21, OPR-5]', async () => {
    const districtOperator = await licensedOperator(LIANDU, '莲都文旅数据运营有限公司');
    const entry = await publishResource(f.call, cityProvider, CITY);
    const a = await granted(districtOperator, [{ resourceId: entry, provider: cityProvider }], LIANDU);
    const p = await proposed(districtOperator, free([a]));
    expect(p.id.startsWith(`${LIANDU}:`)).toBe(true);
    await f.must(authority(LIANDU), REVIEW, { id: p.id, approve: true });
    await f.must(authority(CITY), `mutation($id: ID!, $reason: String!) { retireDataResource(id: $id, reason: $reason) { id } }`, { id: entry, reason: '数据并入新条目' });
    const after = await eventually(
      async () => (await f.must(authority(LIANDU), GET, { id: p.id })).dataProduct,
      (d) => d.status === 'SUSPENDED',
      EVENT_BOUND_MS,
    );
    expect(after.statusReason).toContain('数据并入新条目');
  });
});

describe('pricing [OPR-6, B §35, J §23, D §18]', () => {
  test('a free product has a condition and no price [B §35]', async () => {
    const noCondition = await propose(operator, free([auth], { useCondition: null }));
    expect([code(noCondition), field(noCondition)]).toEqual(['BAD_USER_INPUT', 'input.useCondition']);
    const priced = await propose(operator, free([auth], { price: 100 }));
    expect([code(priced), field(priced)]).toEqual(['BAD_USER_INPUT', 'input.price']);
  });

  test('an industry product is priced within the guided range the authority set for its kind; with none set the authority must set one [J §23, D §18]', async () => {
    const before = await count();
    const unset = await propose(operator, industry([auth], 20_000, { kind: 'BUSINESS_SERVICE' }));
    expect(code(unset)).toBe('CONFLICT');
    expect(unset.errors![0]!.message).toContain('setGuidedPriceRange');
    expect(await count()).toBe(before);

    const vars = { regionCode: CITY, kind: 'DATA_INTERFACE', min: 10_000, max: 50_000, basis: '丽水市发改委数据产品指导价文件' };
    expect(code(await f.gql(operator.actor, RANGE, { input: vars }))).toBe('FORBIDDEN');
    expect(code(await f.gql(authority(LIANDU), RANGE, { input: vars }))).toBe('FORBIDDEN');
    const inverted = await f.gql(authority(CITY), RANGE, { input: { ...vars, min: 60_000 } });
    expect([code(inverted), field(inverted)]).toEqual(['BAD_USER_INPUT', 'input.min']);
    expect((await f.must(authority(CITY), RANGE, { input: vars })).setGuidedPriceRange).toMatchObject({ kind: 'DATA_INTERFACE', minFen: 10_000, maxFen: 50_000 });

    const ranges = (await f.must(null, `{ guidedPriceRanges(regionCode: "${CITY}") { kind minFen maxFen basis } }`)).guidedPriceRanges;
    expect(ranges).toEqual([{ kind: 'DATA_INTERFACE', minFen: 10_000, maxFen: 50_000, basis: vars.basis }]);
    const outside = await propose(operator, industry([auth], 60_000));
    expect([code(outside), field(outside)]).toEqual(['BAD_USER_INPUT', 'input.price']);
    expect(outside.errors![0]!.message).toContain('100.00–500.00');
    const p = await proposed(operator, industry([auth], 20_000));
    expect(p).toMatchObject({ status: 'UNDER_REVIEW', use: 'INDUSTRY', priceFen: 20_000, useCondition: null });
    expect(p.guidedRange).toContain('100.00–500.00');
    expect(await count()).toBe(before + 1);
  });
});
