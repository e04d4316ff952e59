import type { Actor } from '../schema/auth.js';
import { DEMO_ORGANIZATIONS, DEMO_RESOURCES, type DemoResource } from './demo-data.js';
import { airQuality, ancientTrees, busStops, businessRegistrations, inBatches, marketEntities, publicParking, type RawRecord } from './records-generators.js';

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

/** The most records one call of the batched load API takes (catalog records/load.types.ts). */
export const LOAD_BATCH = 1000;

/**
 * Loads a record set into its entry through the batched load API, as the providing agency would:
 * a batch of 1,000 per call, the first replacing what the entry held, the rest appended (each call
 * is a version of its own). Returns how many records were loaded.
 */
export async function loadRecordSet(gql: Gql, staff: Actor, resourceId: string, rows: Iterable<RawRecord>): Promise<number> {
  let loaded = 0;
  for (const records of inBatches(rows, LOAD_BATCH)) {
    const d = await gql(staff, 'mutation($input: LoadEntryRecordsInput!) { loadEntryRecords(input: $input) { status rowCount errors { line item message } } }', {
      input: { resourceId, mode: loaded === 0 ? 'REPLACE' : 'APPEND', records },
    });
    const load = d.loadEntryRecords as { status: string; rowCount: number | null; errors: { line: number; item: string | null; message: string }[] };
    if (load.status !== 'LOADED') throw new Error(`demo records of ${resourceId} rejected: ${JSON.stringify(load.errors.slice(0, 3))}`);
    loaded += load.rowCount ?? 0;
  }
  return loaded;
}

/**
 * The demo's records: the entries added for them, created after the demo catalog (the demo's own
 * `resources` map keeps exactly DEMO_RESOURCES, so their IDs stay here), then every record set
 * loaded into its entry, the nodes in parallel.
 */
export async function seedDemoRecords(gql: Gql, organizations: Map<string, string>, resources: Map<string, string>): Promise<string> {
  const entries = new Map(resources);
  for (const r of DEMO_RECORD_ENTRIES) entries.set(r.key, await seedRecordEntry(gql, r, organizations));
  const nodes = [...new Set(DEMO_RECORD_SETS.map((set) => orgByKey.get(recordSetEntry(set).providerKey)!.nodeId))];
  let total = 0;
  await Promise.all(
    nodes.map(async (nodeId) => {
      for (const set of DEMO_RECORD_SETS) {
        const provider = orgByKey.get(recordSetEntry(set).providerKey)!;
        if (provider.nodeId !== nodeId) continue;
        const loaded = await loadRecordSet(gql, staffOf(organizations.get(provider.key)!, provider.regionCode), entries.get(set.resourceKey)!, set.generate(set.count));
        total += loaded;
      }
    }),
  );
  return `${total} records in ${DEMO_RECORD_SETS.length} entries (${DEMO_RECORD_ENTRIES.length} added for them: ${DEMO_RECORD_ENTRIES.map((r) => r.name).join(', ')})`;
}
