import type { Actor } from '../schema/auth.js';
import { DEMO_ORGANIZATIONS, DEMO_RESOURCES, type DemoResource } from './demo-data.js';
import { airQuality, ancientTrees, busStops, businessRegistrations, marketEntities, publicParking, type RawRecord } from './records-generators.js';

/**
 * The demo's records (issue 19, item 9): a handful of entries per node get realistic generated
 * rows. Most are entries the demo already has, whose items fit what the generators produce; the
 * bus stops are an entry of their own, added here.
 */

/** Entries added for their records, seeded after the catalog (their keys are not in DEMO_RESOURCES). */
export const DEMO_RECORD_ENTRIES: readonly DemoResource[] = Object.freeze([
  {
    key: 'lishui-jtj-bus-stops',
    providerKey: 'lishui-jtj',
    // A sequence of its own, clear of those the generated entries of the agency take.
    code: '331100/00106/0901',
    name: '城市公交站点信息',
    summary: '丽水市区公交线路各站点的编号、名称、所属线路、方向、站序及经纬度。',
    categoryCode: '08-01-01',
    library: 'SPATIAL_GEOGRAPHY',
    format: 'SPREADSHEET',
    updateFrequency: 'MONTHLY',
    securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'UNCONDITIONAL',
    items: [
      { name: '站点编号', dataType: 'STRING', identifier: true },
      { name: '站点名称', dataType: 'STRING' },
      { name: '线路名称', dataType: 'STRING' },
      { name: '行驶方向', dataType: 'STRING', description: '上行/下行' },
      { name: '站序', dataType: 'INTEGER' },
      { name: '经度', dataType: 'DECIMAL', description: 'WGS 84' },
      { name: '纬度', dataType: 'DECIMAL', description: 'WGS 84' },
    ],
    openDataset: { title: '丽水市城市公交站点', accessMethods: ['DOWNLOAD', 'API'] },
  },
] satisfies DemoResource[]);

export interface DemoRecordSet {
  resourceKey: string;
  /** How many records the demo loads: a few thousand at most, so `npm start` stays quick. */
  count: number;
  /** The stream of records; the benchmark asks for 1,000,000. */
  generate: (count: number) => Generator<RawRecord>;
}

/** Per node: lishui the city's registrations, air quality and bus stops; liandu and longquan their market entities and one more. */
export const DEMO_RECORD_SETS: readonly DemoRecordSet[] = Object.freeze([
  { resourceKey: 'lishui-amr-business-registration', count: 3000, generate: businessRegistrations },
  // Eight stations, hourly, the last fourteen days.
  { resourceKey: 'lishui-sthj-air-quality', count: 8 * 24 * 14, generate: airQuality },
  { resourceKey: 'lishui-jtj-bus-stops', count: 720, generate: busStops },
  { resourceKey: 'liandu-amr-market-entities', count: 2000, generate: marketEntities('331102', false) },
  { resourceKey: 'liandu-zfj-public-parking', count: 150, generate: publicParking },
  { resourceKey: 'longquan-amr-market-entities', count: 1500, generate: marketEntities('331181', true) },
  { resourceKey: 'longquan-lyj-ancient-trees', count: 900, generate: ancientTrees },
]);

/** The entry a record set fills, among the demo's entries and those added here. */
export function recordSetEntry(set: Pick<DemoRecordSet, 'resourceKey'>): DemoResource {
  const r = [...DEMO_RESOURCES, ...DEMO_RECORD_ENTRIES].find((e) => e.key === set.resourceKey);
  if (!r) throw new Error(`records-demo: no demo entry ${set.resourceKey}`);
  return r;
}

// biome-ignore lint/suspicious/noExplicitAny: GraphQL response JSON, read by field name without a schema type
type Gql = (actor: Actor | null, query: string, variables?: Record<string, unknown>) => Promise<Record<string, any>>;

const orgByKey = new Map(DEMO_ORGANIZATIONS.map((o) => [o.key, o]));
const staffOf = (orgId: string, region: string): Actor => ({ sub: `seed-staff-${orgId}`, orgId, region, roles: ['AGENCY'] });
/** The authority of the node hosting the provider reviews its entries, as for the rest of the demo catalog. */
function reviewerOf(providerKey: string): Actor {
  const nodeId = orgByKey.get(providerKey)!.nodeId;
  const region = DEMO_ORGANIZATIONS.find((o) => o.nodeId === nodeId && o.kind === 'AUTHORITY')!.regionCode;
  return { sub: `seed-authority-${region}`, orgId: null, region, roles: ['AUTHORITY'] };
}

/** Drafts, submits, publishes and opens an entry added for its records, as its agency and authority would. */
async function seedRecordEntry(gql: Gql, r: DemoResource, organizations: Map<string, string>): Promise<string> {
  const provider = orgByKey.get(r.providerKey)!;
  const providerId = organizations.get(provider.key)!;
  const staff = staffOf(providerId, provider.regionCode);
  const authority = reviewerOf(r.providerKey);
  const { key: _key, providerKey: _provider, openDataset, status: _status, reviewNote: _note, oneSourceDuplicate: _dup, lastUpdateMonthsAgo: _late, items, ...fields } = r;
  const created = await gql(staff, 'mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }', {
    input: {
      providerId,
      ...fields,
      desensitized: r.desensitized ?? false,
      items: items.map((i) => ({ name: i.name, dataType: i.dataType, description: i.description, personalInfo: i.personalInfo ?? false, identifier: i.identifier ?? false })),
    },
  });
  const id = created.createDataResource.id as string;
  await gql(staff, 'mutation($id: ID!) { submitDataResource(id: $id) { id } }', { id });
  await gql(authority, 'mutation($id: ID!) { publishDataResource(id: $id) { id } }', { id });
  if (openDataset) {
    const proposed = await gql(staff, 'mutation($input: ProposeOpenDatasetInput!) { proposeOpenDataset(input: $input) { id } }', {
      input: { resourceId: id, title: openDataset.title, accessMethods: openDataset.accessMethods },
    });
    await gql(authority, 'mutation($id: ID!) { approveOpenDatasetProposal(id: $id) { id } }', { id: proposed.proposeOpenDataset.id });
  }
  return id;
}

/**
 * The demo's records: the entries added for them, created after the demo catalog (the demo's own
 * `resources` map keeps exactly DEMO_RESOURCES, so their IDs stay here).
 */
export async function seedDemoRecords(gql: Gql, organizations: Map<string, string>, _resources: Map<string, string>): Promise<string> {
  const entries = new Map<string, string>();
  for (const r of DEMO_RECORD_ENTRIES) entries.set(r.key, await seedRecordEntry(gql, r, organizations));
  return `${DEMO_RECORD_ENTRIES.length} entries for demo records (${DEMO_RECORD_ENTRIES.map((r) => r.name).join(', ')})`;
}
