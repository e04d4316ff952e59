import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { agency, authority } from './support/node.js';
import { registerOrganization, resourceInput, withCountBound } from './support/catalog-fixtures.js';
import { startTestFederation } from './support/federation.js';

let f: Awaited<ReturnType<typeof startTestFederation>>;
const gql = (...args: Parameters<typeof f.gql>) => f.gql(...args);

/** Creates and submits an entry as the provider's staff; the authority of `reviewer` publishes it unless told not to. */
async function entry(providerId: string, region: string, name: string, { publish = true, reviewer = region, over = {} as Record<string, unknown> } = {}) {
  const staff = agency(providerId, region);
  const c = await gql(staff, `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }`, {
    input: resourceInput(providerId, region, { name, ...over }),
  });
  expect(c.errors).toBeUndefined();
  const id = c.data!.createDataResource.id as string;
  expect((await gql(staff, `mutation($id: ID!) { submitDataResource(id: $id) { id } }`, { id })).errors).toBeUndefined();
  if (publish) expect((await gql(authority(reviewer), `mutation($id: ID!) { publishDataResource(id: $id) { id } }`, { id })).errors).toBeUndefined();
  return id;
}

const LIST = `query($scope: RegionScopeInput, $f: DataResourceFilter) { dataResources(scope: $scope, filter: $f, first: 50) { totalCount edges { node { name region { code } } } } }`;

beforeAll(async () => {
  f = await startTestFederation('catfed');
}, 180_000);
afterAll(async () => f?.federation.stop());

describe('the master catalog across the federation [L §9, B §17, B §19-20]', () => {
  test("the city sees its own and every district's published entries as one catalog; a district sees its own", async () => {
    const tag = `总目录${Math.random().toString(36).slice(2, 6)}`;
    const city = await registerOrganization(f.call, '331100', '丽水市大数据发展管理局');
    const county = await registerOrganization(f.call, '331121', '青田县市场监督管理局');
    const liandu = await registerOrganization(f.call, '331102', '丽水市莲都区民政局');
    const longquan = await registerOrganization(f.call, '331181', '龙泉市林业局');
    await entry(city, '331100', `${tag}市级`);
    await entry(county, '331121', `${tag}青田`, { reviewer: '331100' });
    await entry(liandu, '331102', `${tag}莲都`);
    await entry(longquan, '331181', `${tag}龙泉`);
    await entry(liandu, '331102', `${tag}莲都待审`, { publish: false });

    const reader = agency(city, '331100');
    const names = async (scope: unknown) => {
      const r = await gql(reader, LIST, { scope, f: { keyword: tag, status: 'PUBLISHED' } });
      expect(r.errors).toBeUndefined();
      return r.data!.dataResources.edges.map((e: any) => e.node.name).sort();
    };
    expect(await names({ regionCode: '331100', includeSubRegions: true })).toEqual([`${tag}市级`, `${tag}莲都`, `${tag}青田`, `${tag}龙泉`].sort());
    expect(await names({ regionCode: '331100', includeSubRegions: false })).toEqual([`${tag}市级`]);
    expect(await names({ regionCode: '331102', includeSubRegions: true })).toEqual([`${tag}莲都`]);

    // Another agency never sees a district's entry under review, whatever the scope.
    const all = await gql(reader, LIST, { scope: null, f: { keyword: tag } });
    expect(all.data!.dataResources.edges.map((e: any) => e.node.name)).not.toContain(`${tag}莲都待审`);
  });

  test('each authority reviews its own region; the city supervises the district: it reads its review queue and overdue lists but does not publish there [J §9, B §17, L §8]', async () => {
    const tag = `审核${Math.random().toString(36).slice(2, 6)}`;
    const city = await registerOrganization(f.call, '331100', '丽水市体育局');
    const liandu = await registerOrganization(f.call, '331102', '丽水市莲都区体育局');
    const cityDraft = await entry(city, '331100', `${tag}市级`, { publish: false });
    const districtDraft = await entry(liandu, '331102', `${tag}莲都`, { publish: false });
    const QUEUE = `query($scope: RegionScopeInput) { catalogReviewQueue(scope: $scope, first: 100) { edges { node { id } } } }`;
    const queueOf = async (region: string) => {
      const r = await gql(authority(region), QUEUE, { scope: { regionCode: '331100', includeSubRegions: true } });
      expect(r.errors).toBeUndefined();
      return r.data!.catalogReviewQueue.edges.map((e: any) => e.node.id);
    };
    const cityQueue = await queueOf('331100');
    expect(cityQueue).toContain(cityDraft);
    expect(cityQueue).toContain(districtDraft);
    const districtQueue = await queueOf('331102');
    expect(districtQueue).toContain(districtDraft);
    expect(districtQueue).not.toContain(cityDraft);
    // On the district's platform the decision is the district's: the city reads the draft but cannot publish it.
    const wrong = await gql(authority('331100'), `mutation($id: ID!) { publishDataResource(id: $id) { id } }`, { id: districtDraft });
    expect(wrong.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(await queueOf('331102')).toContain(districtDraft);

    const overdue = await entry(liandu, '331102', `${tag}逾期`, { over: { updateFrequency: 'WEEKLY' } });
    const old = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const rec = await gql(agency(liandu, '331102'), `mutation($input: RecordDataUpdateInput!) { recordDataUpdate(input: $input) { overdue } }`, {
      input: { resourceId: overdue, updatedOn: old },
    });
    expect(rec.data!.recordDataUpdate.overdue).toBe(true);
    const BY_AGENCY = `query($scope: RegionScopeInput) { overdueCatalogByAgency(scope: $scope) { provider { id name region { code } } overdueCount } }`;
    const district = await gql(authority('331102'), BY_AGENCY, { scope: { regionCode: '331100', includeSubRegions: true } });
    expect(district.errors).toBeUndefined();
    expect(district.data!.overdueCatalogByAgency).toContainEqual({ provider: { id: liandu, name: '丽水市莲都区体育局', region: { code: '331102' } }, overdueCount: 1 });
    const cityView = await gql(authority('331100'), BY_AGENCY, { scope: { regionCode: '331100', includeSubRegions: true } });
    expect(cityView.data!.overdueCatalogByAgency.map((s: any) => s.provider.id)).toContain(liandu);
    const county = await gql(authority('331121'), BY_AGENCY, { scope: { regionCode: '331100', includeSubRegions: true } });
    expect(county.data!.overdueCatalogByAgency.map((s: any) => s.provider.id)).not.toContain(liandu);
  });
});

describe('bounded counts across the federation [CAT-8]', () => {
  test('the total is exact only if every node counted exactly; exactCount makes every node count everything; facets follow', async () => {
    const tag = `计数${Math.random().toString(36).slice(2, 6)}`;
    const city = await registerOrganization(f.call, '331100', '丽水市统计局');
    const liandu = await registerOrganization(f.call, '331102', '丽水市莲都区统计局');
    for (let i = 0; i < 3; i++) await entry(city, '331100', `${tag}市级${i}`);
    await entry(liandu, '331102', `${tag}莲都`);
    const Q = `query($f: DataResourceFilter, $exact: Boolean!) { dataResources(filter: $f, first: 1, exactCount: $exact) {
      totalCount exact: totalCountIsExact facets { countsAreExact status { value count } }
    } }`;
    const count = async (exact: boolean) => {
      const r = await gql(authority('331100'), Q, { f: { keyword: tag }, exact });
      expect(r.errors).toBeUndefined();
      return r.data!.dataResources as { totalCount: number; exact: boolean; facets: { countsAreExact: boolean; status: { value: string; count: number }[] } };
    };
    // The city's node has 3 matches, past a bound of 2; the district's node has 1, within it.
    await withCountBound(2, async () => {
      // The city's part is an estimate, from a sample that on a table this small is all of it.
      expect(await count(false)).toEqual({ totalCount: 4, exact: false, facets: { countsAreExact: false, status: [{ value: 'PUBLISHED', count: 4 }] } });
      expect(await count(true)).toEqual({ totalCount: 4, exact: true, facets: { countsAreExact: true, status: [{ value: 'PUBLISHED', count: 4 }] } });
    });
    await withCountBound(3, async () => {
      expect(await count(false)).toEqual({ totalCount: 4, exact: true, facets: { countsAreExact: true, status: [{ value: 'PUBLISHED', count: 4 }] } });
    });
  });
});

describe('unknown regions through the gateway', () => {
  test('a mutation whose ID or region code names an unknown region is refused naming the field; a query scope too', async () => {
    const org = await registerOrganization(f.call, '331100', '丽水市档案馆');
    const staff = agency(org, '331100');
    const unknownId = `999999:${'0'.repeat(26)}`;
    const create = await gql(staff, `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }`, { input: resourceInput(unknownId, '331100') });
    const update = await gql(staff, `mutation($id: ID!) { submitDataResource(id: $id) { id } }`, { id: unknownId });
    const register = await gql(authority('331100'), `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`, {
      input: { regionCode: '999999', name: '不存在的机构', creditCode: '91331100MA2A0000X0', kind: 'AGENCY' },
    });
    const scope = await gql(staff, LIST, { scope: { regionCode: '999999', includeSubRegions: true } });
    for (const [r, field] of [
      [create, 'input.providerId'],
      [update, 'id'],
      [register, 'input.regionCode'],
      [scope, 'scope.regionCode'],
    ] as const) {
      expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});
