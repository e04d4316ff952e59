import type { Actor } from '../schema/auth.js';
import { mintToken } from '../gateway/auth.js';
import { DEMO_OPERATORS, DEMO_ORGANIZATIONS, DEMO_RESOURCES, type DemoResource } from './demo-data.js';

export interface SeedResult {
  organizations: Map<string, string>;
  resources: Map<string, string>;
  seeded: boolean;
}

type Gql = (actor: Actor, query: string, variables?: Record<string, unknown>) => Promise<Record<string, any>>;

export interface GatewayResponse {
  status: number;
  data?: Record<string, any> | null;
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
    if (r.errors?.length) throw new Error(`seed request failed: ${r.errors.map((e) => e.message).join('; ')}\n${query}`);
    return r.data!;
  };
}

const authorityOf = (region: string): Actor => ({ sub: `seed-authority-${region}`, orgId: null, region, roles: ['AUTHORITY'] });
const staffOf = (orgId: string, region: string): Actor => ({ sub: `seed-staff-${orgId}`, orgId, region, roles: ['AGENCY'] });

/** The authority that reviews an organization's entries: the one of the node hosting its region. */
function reviewerRegion(orgKey: string): string {
  const org = DEMO_ORGANIZATIONS.find((o) => o.key === orgKey)!;
  return DEMO_ORGANIZATIONS.find((o) => o.nodeId === org.nodeId && o.kind === 'AUTHORITY')!.regionCode;
}

function resourceInput(r: DemoResource, providerId: string) {
  return {
    providerId, code: r.code, name: r.name, summary: r.summary, categoryCode: r.categoryCode, library: r.library, format: r.format,
    updateFrequency: r.updateFrequency, securityGrade: r.securityGrade, shareAttribute: r.shareAttribute, shareCondition: r.shareCondition,
    shareReason: r.shareReason, legalBasis: r.legalBasis, openAttribute: r.openAttribute, openCondition: r.openCondition,
    desensitized: r.desensitized ?? false,
    items: r.items.map((i) => ({ name: i.name, dataType: i.dataType, description: i.description, personalInfo: i.personalInfo ?? false, identifier: i.identifier ?? false })),
  };
}

/**
 * Seeds the demo through the gateway's public API, as the real actors would: the authorities
 * register organizations, agencies compile and submit entries, the authorities publish them.
 * So the demo data passes every validation rule and leaves a real audit trail. Runs once: a
 * federation that already has organizations is left alone.
 */
export async function seedDemo(gatewayUrl: string, jwtSecret: string, log: (msg: string) => void = () => {}): Promise<SeedResult> {
  const gql = gatewayClient(gatewayUrl, jwtSecret);
  const organizations = new Map<string, string>();
  const resources = new Map<string, string>();
  const existing = await gql(authorityOf('331100'), '{ organizations(first: 0) { totalCount } }');
  if (existing.organizations.totalCount > 0) return { organizations, resources, seeded: false };

  for (const o of DEMO_ORGANIZATIONS) {
    const d = await gql(authorityOf(reviewerRegion(o.key)), 'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }', {
      input: { regionCode: o.regionCode, name: o.name, creditCode: o.creditCode, kind: o.kind },
    });
    organizations.set(o.key, d.createOrganization.id);
  }
  log(`seeded ${organizations.size} organizations`);

  for (const r of DEMO_RESOURCES) {
    const provider = DEMO_ORGANIZATIONS.find((o) => o.key === r.providerKey)!;
    const providerId = organizations.get(provider.key)!;
    const staff = staffOf(providerId, provider.regionCode);
    const created = await gql(staff, 'mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }', { input: resourceInput(r, providerId) });
    const id = created.createDataResource.id as string;
    resources.set(r.key, id);
    await gql(staff, 'mutation($id: ID!) { submitDataResource(id: $id) { id } }', { id });
    await gql(authorityOf(reviewerRegion(provider.key)), 'mutation($id: ID!) { publishDataResource(id: $id) { id } }', { id });
    if (r.openDataset) {
      await gql(staff, 'mutation($input: CreateOpenDatasetInput!) { createOpenDataset(input: $input) { id } }', {
        input: { resourceId: id, title: r.openDataset.title, accessMethods: r.openDataset.accessMethods },
      });
    }
  }
  log(`seeded ${resources.size} catalog entries`);

  for (const op of DEMO_OPERATORS) {
    const org = DEMO_ORGANIZATIONS.find((o) => o.key === op.organizationKey)!;
    await gql(authorityOf(reviewerRegion(org.key)), 'mutation($input: CreateOperatorInput!) { createOperator(input: $input) { id } }', {
      input: { organizationId: organizations.get(org.key), agreementNo: op.agreementNo, agreementSignedAt: op.termStart, termStart: op.termStart, scope: '公共数据授权运营：数据产品开发与服务 / authorized operation of public data products' },
    });
  }
  log(`seeded ${DEMO_OPERATORS.length} authorized operators`);

  // A few share requests, including one from a district agency for city data (cross-node).
  const requesters = DEMO_ORGANIZATIONS.filter((o) => o.kind === 'AGENCY');
  const shareable = DEMO_RESOURCES.filter((r) => r.shareAttribute !== 'NOT_SHARED');
  let requests = 0;
  for (const [i, r] of shareable.slice(0, 6).entries()) {
    const requester = requesters.find((o, j) => o.key !== r.providerKey && j % 3 === i % 3 && (i % 2 === 0 ? o.nodeId !== 'lishui' : true))!;
    const requesterId = organizations.get(requester.key)!;
    await gql(staffOf(requesterId, requester.regionCode), 'mutation($input: RequestShareInput!) { requestShare(input: $input) { id } }', {
      input: {
        resourceId: resources.get(r.key), requesterId, scenario: '一网通办：企业开办“一件事”联办', purpose: '核验申请人提交的信息，减少群众重复提交材料',
        itemNames: r.items.slice(0, 2).map((it) => it.name), endDate: `${new Date().getFullYear() + 1}-12-31`,
      },
    });
    requests += 1;
  }
  log(`seeded ${requests} share requests`);
  return { organizations, resources, seeded: true };
}
