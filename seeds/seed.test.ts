import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startTestFederation } from '../test/support/federation.js';
import { TEST_JWT_SECRET, TEST_SECRET } from '../test/support/env.js';
import { authority } from '../test/support/node.js';
import { DEMO_NEGATIVE_LIST, DEMO_NOT_SHARED_ENTRIES, DEMO_ORGANIZATIONS, DEMO_RESOURCES, DEMO_SHARE_REQUESTS } from './demo-data.js';
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
