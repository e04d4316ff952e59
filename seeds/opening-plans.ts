import type { Actor } from '../schema/auth.js';
import { todayInChina } from '../subgraphs/kit/rules/calendar.js';

// biome-ignore lint/suspicious/noExplicitAny: GraphQL response JSON, read by field name without a schema type
type Gql = (actor: Actor, query: string, variables?: Record<string, unknown>) => Promise<Record<string, any>>;

interface Entry {
  id: string;
  provider: { id: string };
  status: string;
  openAttribute: string;
  securityGrade: string;
  openDataset: { id: string } | null;
}

const authorityOf = (region: string): Actor => ({ sub: `seed-authority-${region}`, orgId: null, region, roles: ['AUTHORITY'] });
const staffOf = (orgId: string, region: string): Actor => ({ sub: `seed-staff-${orgId}`, orgId, region, roles: ['AGENCY'] });
const EXPERT: Actor = { sub: 'seed-expert-330000', orgId: null, region: '330000', roles: ['EXPERT'] };

/** The regions whose agencies file plans in the demo: the city node's own and the district node's. */
const PLANNING_REGIONS = ['331100', '331102'] as const;

/** Agencies per region that file a plan: those with the most openable entries, some opened, some not. */
const PLANNERS_PER_REGION = 3;

const openable = (e: Entry) => e.openAttribute !== 'PROHIBITED' && e.securityGrade === 'GENERAL';

async function publishedEntries(gql: Gql, actor: Actor, filter: Record<string, unknown>, region: string): Promise<Entry[]> {
  const r = await gql(
    actor,
    `query($filter: DataResourceFilter, $scope: RegionScopeInput) { dataResources(filter: $filter, scope: $scope, first: 100) { edges { node { id provider { id } status openAttribute securityGrade openDataset { id } } } } }`,
    { filter: { statuses: ['PUBLISHED'], ...filter }, scope: { regionCode: region, includeSubRegions: false } },
  );
  return r.dataResources.edges.map((e: { node: Entry }) => e.node);
}

/**
 * The open catalog's plans, disputes and emergencies in the demo [J §19, Z §8, Z §11-12, Z §32]:
 * this year's annual open plans of agencies on both nodes (each delivered in part: what the agency
 * already opened, plus up to two entries still to open), a dispute over an open attribute with an
 * expert opinion awaiting the district authority's decision, and an emergency opening under way on
 * the city node.
 */
export async function seedOpeningPlans(gql: Gql, organizations: Map<string, string>, resources: Map<string, string>): Promise<string> {
  const year = Number(todayInChina().slice(0, 4));

  // An emergency first, so the plans below see its dataset as what it is: opened outside any plan.
  // Every published openable entry of the demo is already open, so the authority publishes one
  // awaiting its review (an emergency does not wait for the routine review) and opens it at once.
  const candidates = await publishedEntries(
    gql,
    authorityOf('331100'),
    { openAttribute: 'UNCONDITIONAL', securityGrade: 'GENERAL', statuses: ['PUBLISHED', 'SUBMITTED'] },
    '331100',
  );
  const emergencyEntry = candidates.find((e) => e.openDataset === null && e.status === 'PUBLISHED') ?? candidates.find((e) => e.openDataset === null);
  let emergencies = 0;
  if (emergencyEntry) {
    if (emergencyEntry.status === 'SUBMITTED') await gql(authorityOf('331100'), 'mutation($id: ID!) { publishDataResource(id: $id) { id } }', { id: emergencyEntry.id });
    await gql(authorityOf('331100'), 'mutation($input: OpenEmergencyDataInput!) { openEmergencyData(input: $input) { id } }', {
      input: { resourceId: emergencyEntry.id, event: '丽水市梅汛期强降雨', kind: 'NATURAL_DISASTER', openForHours: 168, accessMethods: ['DOWNLOAD', 'API'] },
    });
    emergencies += 1;
  }

  let plans = 0;
  for (const region of PLANNING_REGIONS) {
    const entries = [
      // Entries still under review count too: an agency plans what it is entering in the catalog [Z §11].
      ...(await publishedEntries(gql, authorityOf(region), { openAttribute: 'UNCONDITIONAL', securityGrade: 'GENERAL', statuses: ['PUBLISHED', 'SUBMITTED'] }, region)),
      ...(await publishedEntries(gql, authorityOf(region), { openAttribute: 'RESTRICTED', securityGrade: 'GENERAL', statuses: ['PUBLISHED', 'SUBMITTED'] }, region)),
    ].filter((e) => openable(e) && e.id !== emergencyEntry?.id);
    const byProvider = new Map<string, Entry[]>();
    for (const e of entries) byProvider.set(e.provider.id, [...(byProvider.get(e.provider.id) ?? []), e]);
    // Agencies with something opened and something not first, so the demo shows both.
    const mixed = (list: Entry[]) => Number(list.some((e) => e.openDataset)) + Number(list.some((e) => !e.openDataset));
    const planners = [...byProvider].sort(([, a], [, b]) => mixed(b) - mixed(a) || b.length - a.length).slice(0, PLANNERS_PER_REGION);
    for (const [orgId, list] of planners) {
      const delivered = list.filter((e) => e.openDataset !== null).slice(0, 6);
      const pending = list.filter((e) => e.openDataset === null).slice(0, 2);
      const items = [
        ...delivered.map((e, i) => ({ resourceId: e.id, quarter: (i % 3) + 1 })),
        ...pending.map((e) => ({ resourceId: e.id, quarter: 4, note: '待完成数据治理后开放' })),
      ];
      await gql(staffOf(orgId, region), 'mutation($input: FileOpenDataPlanInput!) { fileOpenDataPlan(input: $input) { id } }', {
        input: { organizationId: orgId, year, items },
      });
      plans += 1;
    }
  }

  let disputes = 0;
  const farms = resources.get('liandu-nyj-family-farms');
  const nyj = organizations.get('liandu-nyj');
  if (farms && nyj) {
    const raised = await gql(staffOf(nyj, '331102'), 'mutation($input: RaiseOpenDataDisputeInput!) { raiseOpenDataDispute(input: $input) { id } }', {
      input: {
        resourceId: farms,
        kind: 'OPEN_ATTRIBUTE',
        claim: '家庭农场名录为经营主体公示信息，不含个人隐私，应调整为无条件开放；区大数据发展中心维持禁止开放，协商未达成一致',
        claimedAttribute: 'UNCONDITIONAL',
      },
    });
    await gql(EXPERT, 'mutation($id: ID!, $opinion: String!) { recordExpertOpinion(id: $id, opinion: $opinion) { id } }', {
      id: raised.raiseOpenDataDispute.id,
      opinion: '名录中的经营者姓名和联系方式属个人信息，建议去除后按受限开放处理',
    });
    disputes += 1;
  }
  return `${plans} annual open plans, ${disputes} open-data dispute, ${emergencies} emergency opening`;
}
