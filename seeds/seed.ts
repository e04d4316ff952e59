import type { Actor } from '../schema/auth.js';
import { mintToken } from '../gateway/auth.js';
import { seedOperationOperators } from './operation-operators.js';
import { seedOpeningPlans } from './opening-plans.js';
import { seedOperationReports } from './operation-reports.js';
import { seedOperationStaff } from './operation-staff.js';
import { seedOperationProducts } from './operation-products.js';
import { todayInChina } from '../subgraphs/kit/rules/calendar.js';
import { seedOpeningComplaints } from './opening-complaints.js';
import { seedOpeningOpinions } from './opening-opinions.js';
import {
  DEMO_DATA_DEMANDS,
  DEMO_NEGATIVE_LIST,
  DEMO_NOT_SHARED_ENTRIES,
  DEMO_OPERATORS,
  DEMO_ORGANIZATIONS,
  DEMO_RESOURCES,
  DEMO_SHARE_REQUESTS,
  DEMO_WRONG_DATA_REPORTS,
  type DemoOrganization,
  type DemoResource,
  type DemoShareRequest,
  type NodeId,
} from './demo-data.js';
import { seedOpeningApplications } from './opening-applications.js';
import { seedOpeningUses, type DataPlaneAccess } from './opening-uses.js';
import { seedOperationAuthorizations } from './operation-authorizations.js';
import { seedDemoRecords } from './records-demo.js';

export interface SeedResult {
  organizations: Map<string, string>;
  resources: Map<string, string>;
  seeded: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: GraphQL response JSON, read by field name without a schema type
type Gql = (actor: Actor | null, query: string, variables?: Record<string, unknown>) => Promise<Record<string, any>>;

export interface GatewayResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: GraphQL response JSON, read by field name without a schema type
  data?: Record<string, any> | null;
  // biome-ignore lint/suspicious/noExplicitAny: GraphQL response JSON, read by field name without a schema type
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** One request to the gateway, as `actor` (a short-lived token is minted) or as the public (null). */
export async function gatewayRequest(gatewayUrl: string, jwtSecret: string, actor: Actor | null, query: string, variables: Record<string, unknown> = {}): Promise<GatewayResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (actor) headers.authorization = `Bearer ${await mintToken(actor, jwtSecret, '10m')}`;
  const res = await fetch(`${gatewayUrl}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { ...((await res.json()) as Omit<GatewayResponse, 'status'>), status: res.status };
}

/** A client for seeding: any GraphQL error stops the seed. */
export function gatewayClient(gatewayUrl: string, jwtSecret: string): Gql {
  return async (actor, query, variables = {}) => {
    const r = await gatewayRequest(gatewayUrl, jwtSecret, actor, query, variables);
    if (r.errors?.length) throw new Error(`seed request failed: ${r.errors.map((e) => e.message).join('; ')}\n${query}\n${JSON.stringify(variables).slice(0, 500)}`);
    return r.data!;
  };
}

const authorityOf = (region: string): Actor => ({ sub: `seed-authority-${region}`, orgId: null, region, roles: ['AUTHORITY'] });
const staffOf = (orgId: string, region: string): Actor => ({ sub: `seed-staff-${orgId}`, orgId, region, roles: ['AGENCY'] });

const orgByKey = new Map(DEMO_ORGANIZATIONS.map((o) => [o.key, o]));
const NODE_IDS = [...new Set(DEMO_ORGANIZATIONS.map((o) => o.nodeId))];

/** The authority that reviews an organization's entries: the one of the node hosting its region. */
function reviewerRegion(orgKey: string): string {
  const org = orgByKey.get(orgKey)!;
  return DEMO_ORGANIZATIONS.find((o) => o.nodeId === org.nodeId && o.kind === 'AUTHORITY')!.regionCode;
}

/** The date `months` months before today (China time), as a YYYY-MM-DD the API accepts. */
function monthsAgo(months: number): string {
  const [y, m, d] = todayInChina().split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 - months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** Item name → ID of the item that is its authoritative source, per node, filled as the sources are created. */
type Sources = Map<NodeId, Map<string, string>>;

/**
 * The one-source fields of an entry's items (CAT-6): its own authoritative claims, a link to the
 * node's authoritative source for every item that has one, a filed justification where the
 * entry collects the item itself, and nothing for the deliberate duplicates, which get flagged.
 */
function oneSourceFields(r: DemoResource, item: DemoResource['items'][number], sources: Map<string, string>) {
  if (item.authoritative) return { authoritative: true };
  if (item.duplicationJustification) return { duplicationJustification: item.duplicationJustification };
  const source = sources.get(item.name);
  return source && !r.oneSourceDuplicate ? { sourceItemId: source } : {};
}

function resourceInput(r: DemoResource, providerId: string, sources: Map<string, string>) {
  return {
    providerId,
    code: r.code,
    name: r.name,
    summary: r.summary,
    categoryCode: r.categoryCode,
    library: r.library,
    format: r.format,
    updateFrequency: r.updateFrequency,
    securityGrade: r.securityGrade,
    shareAttribute: r.shareAttribute,
    shareCondition: r.shareCondition,
    shareReason: r.shareReason,
    legalBasis: r.legalBasis,
    openAttribute: r.openAttribute,
    openCondition: r.openCondition,
    desensitized: r.desensitized ?? false,
    items: r.items.map((i) => ({
      name: i.name,
      dataType: i.dataType,
      description: i.description,
      personalInfo: i.personalInfo ?? false,
      identifier: i.identifier ?? false,
      ...oneSourceFields(r, i, sources),
    })),
  };
}

/**
 * One entry through the workflow as the real actors would take it: the agency drafts and
 * submits; the authority publishes, returns or later retires it; the agency opens it and reports
 * data updates. It stops at the entry's demo status.
 */
async function seedEntry(gql: Gql, r: DemoResource, organizations: Map<string, string>, sources: Sources): Promise<string> {
  const provider = orgByKey.get(r.providerKey)!;
  const providerId = organizations.get(provider.key)!;
  const staff = staffOf(providerId, provider.regionCode);
  const authority = authorityOf(reviewerRegion(provider.key));
  const nodeSources = sources.get(provider.nodeId)!;
  const created = await gql(staff, 'mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id items { id name authoritative } } }', {
    input: resourceInput(r, providerId, nodeSources),
  });
  const { id, items } = created.createDataResource as { id: string; items: { id: string; name: string; authoritative: boolean }[] };
  if (r.status === 'DRAFT') return id;
  await gql(staff, 'mutation($id: ID!) { submitDataResource(id: $id) { id } }', { id });
  if (r.status === 'SUBMITTED') return id;
  if (r.status === 'RETURNED') {
    await gql(authority, 'mutation($id: ID!, $comment: String!) { returnDataResource(id: $id, comment: $comment) { id } }', { id, comment: r.reviewNote });
    return id;
  }
  await gql(authority, 'mutation($id: ID!) { publishDataResource(id: $id) { id } }', { id });
  for (const item of items) if (item.authoritative) nodeSources.set(item.name, item.id);
  if (r.status === 'DEPRECATED') {
    await gql(authority, 'mutation($id: ID!, $reason: String!) { retireDataResource(id: $id, reason: $reason) { id } }', { id, reason: r.reviewNote });
    return id;
  }
  if (r.openDataset) {
    // The agency proposes, the authority of the region approves: only then is it in the open catalog [B §31].
    const proposed = await gql(staff, 'mutation($input: ProposeOpenDatasetInput!) { proposeOpenDataset(input: $input) { id } }', {
      input: { resourceId: id, title: r.openDataset.title, accessMethods: r.openDataset.accessMethods },
    });
    await gql(authority, 'mutation($id: ID!) { approveOpenDatasetProposal(id: $id) { id } }', { id: proposed.proposeOpenDataset.id });
  }
  if (r.lastUpdateMonthsAgo) {
    await gql(staff, 'mutation($input: RecordDataUpdateInput!) { recordDataUpdate(input: $input) { id } }', {
      input: { resourceId: id, updatedOn: monthsAgo(r.lastUpdateMonthsAgo), note: '按更新周期报送的数据更新' },
    });
  }
  return id;
}

/**
 * A node's entries, the authoritative sources first so that every other entry can link to them
 * when it is created. One entry at a time: the nodes seed in parallel, but within a node more
 * requests in flight only queue for its database (measured slower on embedded PGlite).
 */
async function seedNodeCatalog(gql: Gql, nodeId: NodeId, organizations: Map<string, string>, resources: Map<string, string>, sources: Sources): Promise<void> {
  const entries = DEMO_RESOURCES.filter((r) => orgByKey.get(r.providerKey)!.nodeId === nodeId);
  const isSource = (r: DemoResource) => r.items.some((i) => i.authoritative);
  for (const r of [...entries.filter(isSource), ...entries.filter((e) => !isSource(e))]) {
    resources.set(r.key, await seedEntry(gql, r, organizations, sources));
  }
}

async function seedOrganizations(gql: Gql, orgs: readonly DemoOrganization[], organizations: Map<string, string>): Promise<void> {
  for (const o of orgs) {
    const d = await gql(authorityOf(reviewerRegion(o.key)), 'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }', {
      input: { regionCode: o.regionCode, name: o.name, creditCode: o.creditCode, kind: o.kind },
    });
    organizations.set(o.key, d.createOrganization.id);
  }
}

function describeCatalog(): string {
  const count = (pred: (r: DemoResource) => boolean) => DEMO_RESOURCES.filter(pred).length;
  const perNode = NODE_IDS.map((n) => `${n} ${count((r) => orgByKey.get(r.providerKey)!.nodeId === n)}`).join(', ');
  const statuses = [
    ['published', undefined],
    ['submitted', 'SUBMITTED'],
    ['drafts', 'DRAFT'],
    ['returned', 'RETURNED'],
    ['retired', 'DEPRECATED'],
  ] as const;
  return (
    `${DEMO_RESOURCES.length} catalog entries (${perNode}; ${statuses.map(([label, s]) => `${count((r) => r.status === s)} ${label}`).join(', ')}; ` +
    `${count((r) => !!r.lastUpdateMonthsAgo)} overdue, ${count((r) => !!r.oneSourceDuplicate)} one-source duplicates)`
  );
}

// ---------------------------------------------------------------------------------------------
// Sharing
// ---------------------------------------------------------------------------------------------

const resourceByKey = new Map(DEMO_RESOURCES.map((r) => [r.key, r]));

/** A date `days` days after today (China time), as YYYY-MM-DD. */
function daysAhead(days: number): string {
  const [y, m, d] = todayInChina().split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * One share request taken to its demo state by the actors the API lets decide: the provider for
 * CONDITIONAL data of its own, the authority of the data's node for the rules only it decides.
 */
async function seedShareRequest(gql: Gql, s: DemoShareRequest, organizations: Map<string, string>, resources: Map<string, string>): Promise<string> {
  const requester = orgByKey.get(s.requesterKey)!;
  const resource = resourceByKey.get(s.resourceKey)!;
  const provider = orgByKey.get(resource.providerKey)!;
  const providerStaff = staffOf(organizations.get(provider.key)!, provider.regionCode);
  const input = {
    resourceId: resources.get(s.resourceKey),
    requesterId: organizations.get(requester.key),
    scenario: s.scenario,
    purpose: s.purpose,
    legalDuty: s.legalDuty,
    itemNames: s.itemNames,
    itemJustifications: Object.entries(s.justifications).map(([itemName, justification]) => ({ itemName, justification })),
    endDate: daysAhead(365),
  };
  const requesterStaff = staffOf(input.requesterId!, requester.regionCode);
  const created =
    s.outcome === 'ESCALATED'
      ? (
          await gql(requesterStaff, 'mutation($input: RequestShareInput!, $reason: String!) { escalateShareRequest(input: $input, reason: $reason) { id status } }', {
            input,
            reason: s.reason,
          })
        ).escalateShareRequest
      : (await gql(requesterStaff, 'mutation($input: RequestShareInput!) { requestShare(input: $input) { id status } }', { input })).requestShare;
  const id = created.id as string;
  if (s.outcome === 'PENDING' || s.outcome === 'ESCALATED') return id;
  if (created.status === 'PENDING') {
    if (s.outcome === 'REJECTED') {
      await gql(providerStaff, 'mutation($id: ID!, $reason: String!) { rejectShareRequest(id: $id, reason: $reason) { id } }', { id, reason: s.reason });
    } else {
      await gql(providerStaff, 'mutation($id: ID!, $reason: String, $itemNames: [String!]) { approveShareRequest(id: $id, reason: $reason, itemNames: $itemNames) { id } }', {
        id,
        reason: '符合申请场景，同意共享',
        itemNames: s.approvedItems ?? null,
      });
    }
  }
  if (s.outcome === 'SUSPENDED') {
    await gql(
      providerStaff,
      'mutation($id: ID!, $reason: String!, $demand: String!, $deadline: LocalDate!) { suspendShareGrant(id: $id, reason: $reason, rectificationDemand: $demand, rectificationDeadline: $deadline) { id } }',
      {
        id,
        reason: s.reason,
        demand: s.rectificationDemand,
        deadline: daysAhead(30),
      },
    );
  }
  if (s.outcome === 'REVOKED') await gql(providerStaff, 'mutation($id: ID!, $reason: String!) { revokeShareGrant(id: $id, reason: $reason) { id } }', { id, reason: s.reason });
  return id;
}

/**
 * The sharing side of the demo (SHR-1 … SHR-8): the negative lists first (so the rejection of
 * data not on them is recorded as a violation), then the requests in every state, the demands,
 * and the doubtful-data reports on the grants.
 */
async function seedSharing(gql: Gql, organizations: Map<string, string>, resources: Map<string, string>): Promise<string> {
  for (const n of DEMO_NEGATIVE_LIST) {
    const provider = orgByKey.get(resourceByKey.get(n.resourceKey)!.providerKey)!;
    const providerId = organizations.get(provider.key)!;
    await gql(staffOf(providerId, provider.regionCode), 'mutation($input: AddNegativeListEntryInput!) { addNegativeListEntry(input: $input) { id } }', {
      input: { providerId, resourceId: resources.get(n.resourceKey), itemNames: n.itemNames, legalBasis: n.legalBasis },
    });
  }
  // The catalog's NOT_SHARED entries reach the negative lists by events: wait for them, so the demo
  // starts with every line in place [B §24].
  const lines = DEMO_NEGATIVE_LIST.length + DEMO_NOT_SHARED_ENTRIES.length;
  for (let waited = 0; ; waited += 200) {
    const listed = await gql(authorityOf('331100'), '{ negativeList(first: 1) { totalCount } }');
    if (listed.negativeList.totalCount >= lines) break;
    if (waited > 30_000) throw new Error(`the negative lists hold ${listed.negativeList.totalCount} lines after 30 s, not the ${lines} expected`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const requests = new Map<string, string>();
  for (const s of DEMO_SHARE_REQUESTS) requests.set(s.key, await seedShareRequest(gql, s, organizations, resources));
  for (const d of DEMO_DATA_DEMANDS) {
    const requester = orgByKey.get(d.requesterKey)!;
    const organizationId = organizations.get(requester.key)!;
    const filed = await gql(staffOf(organizationId, requester.regionCode), 'mutation($input: FileDataDemandInput!) { fileDataDemand(input: $input) { id } }', {
      input: { organizationId, dataName: d.dataName, description: d.description, itemNames: d.itemNames, scenario: d.scenario, legalDuty: d.legalDuty },
    });
    if (!d.assignTo) continue;
    await gql(
      authorityOf(reviewerRegion(requester.key)),
      'mutation($id: ID!, $providerId: ID!, $note: String) { assignDataDemand(id: $id, providerId: $providerId, note: $note) { id } }',
      {
        id: filed.fileDataDemand.id,
        providerId: organizations.get(d.assignTo),
        note: d.assignmentNote,
      },
    );
  }
  for (const w of DEMO_WRONG_DATA_REPORTS) {
    const grant = DEMO_SHARE_REQUESTS.find((s) => s.key === w.shareRequestKey)!;
    const requester = orgByKey.get(grant.requesterKey)!;
    const requesterId = organizations.get(requester.key)!;
    await gql(staffOf(requesterId, requester.regionCode), 'mutation($input: ReportWrongDataInput!) { reportWrongData(input: $input) { id } }', {
      input: { resourceId: resources.get(grant.resourceKey), requesterId, itemNames: w.itemNames, description: w.description },
    });
  }
  const count = (o: DemoShareRequest['outcome']) => `${DEMO_SHARE_REQUESTS.filter((s) => s.outcome === o).length} ${o.toLowerCase()}`;
  return (
    `${DEMO_SHARE_REQUESTS.length} share requests (${(['PENDING', 'ESCALATED', 'GRANTED', 'REJECTED', 'SUSPENDED', 'REVOKED'] as const).map(count).join(', ')}), ` +
    `${DEMO_NEGATIVE_LIST.length + DEMO_NOT_SHARED_ENTRIES.length} negative-list lines (${DEMO_NOT_SHARED_ENTRIES.length} kept by the catalog), ${DEMO_DATA_DEMANDS.length} data demands (${DEMO_DATA_DEMANDS.filter((d) => d.assignTo).length} assigned), ` +
    `${DEMO_WRONG_DATA_REPORTS.length} doubtful-data report (due in 2 working days, then overdue)`
  );
}

/**
 * Seeds the demo through the gateway's public API, as the real actors would: the authorities
 * register organizations, agencies compile and submit entries, the authorities publish them.
 * So the demo data passes every validation rule and leaves a real audit trail. The nodes are
 * seeded in parallel. Runs once: a federation that already has organizations is left alone.
 */
export async function seedDemo(gatewayUrl: string, jwtSecret: string, log: (msg: string) => void = () => {}, dataPlane?: DataPlaneAccess): Promise<SeedResult> {
  const gql = gatewayClient(gatewayUrl, jwtSecret);
  const organizations = new Map<string, string>();
  const resources = new Map<string, string>();
  const existing = await gql(authorityOf('331100'), '{ organizations(first: 1) { totalCount } }');
  if (existing.organizations.totalCount > 0) return { organizations, resources, seeded: false };

  const t0 = performance.now();
  const seconds = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  await Promise.all(
    NODE_IDS.map((n) =>
      seedOrganizations(
        gql,
        DEMO_ORGANIZATIONS.filter((o) => o.nodeId === n),
        organizations,
      ),
    ),
  );
  log(`seeded ${organizations.size} organizations (${seconds()})`);

  const sources: Sources = new Map(NODE_IDS.map((n) => [n, new Map()]));
  await Promise.all(NODE_IDS.map((n) => seedNodeCatalog(gql, n, organizations, resources, sources)));
  log(`seeded ${describeCatalog()} (${seconds()})`);

  for (const op of DEMO_OPERATORS) {
    const org = orgByKey.get(op.organizationKey)!;
    await gql(authorityOf(reviewerRegion(org.key)), 'mutation($input: CreateOperatorInput!) { createOperator(input: $input) { id } }', {
      input: {
        organizationId: organizations.get(org.key),
        agreementNo: op.agreementNo,
        agreementSignedAt: op.termStart,
        termStart: op.termStart,
        scope: '公共数据授权运营：数据产品开发与服务 / authorized operation of public data products',
      },
    });
  }
  log(`seeded ${DEMO_OPERATORS.length} authorized operators`);

  log(`seeded ${await seedSharing(gql, organizations, resources)} (${seconds()})`);
  log(`seeded ${await seedOperationOperators(gql, organizations, resources)} (${seconds()})`);
  log(`seeded ${await seedOperationAuthorizations(gql, organizations, resources)} (${seconds()})`);
  log(`seeded ${await seedOperationReports(gql, organizations, resources)} (${seconds()})`);
  log(`seeded ${await seedOperationStaff(gql, organizations, resources)} (${seconds()})`);
  log(`seeded ${await seedOperationProducts(gql, organizations, resources)} (${seconds()})`);
  log(`seeded ${await seedOpeningOpinions(gql, organizations, resources)} (${seconds()})`);
  log(`seeded ${await seedOpeningComplaints(gql, organizations, resources)} (${seconds()})`);
  log(`seeded ${await seedOpeningApplications(gql, organizations, resources)} (${seconds()})`);
  log(`seeded ${await seedOpeningUses(gql, organizations, resources, dataPlane)} (${seconds()})`);
  log(`seeded ${await seedOpeningPlans(gql, organizations, resources)} (${seconds()})`);
  log(`seeded ${await seedDemoRecords(gql, organizations, resources)} (${seconds()})`);
  return { organizations, resources, seeded: true };
}
