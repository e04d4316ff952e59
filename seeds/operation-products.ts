import type { Actor } from '../schema/auth.js';
import { regionOf } from '../schema/ids.js';

// biome-ignore lint/suspicious/noExplicitAny: GraphQL response JSON, read by field name without a schema type
type Gql = (actor: Actor | null, query: string, variables?: Record<string, unknown>) => Promise<Record<string, any>>;

/**
 * The demo's data products [OPR-5, OPR-6, D §3, D §21, B §35, J §23]: the city authority sets the
 * guided price range of data interfaces, and the operator 丽水市数据运营 builds two products on its
 * GRANTED parking-and-bus authorization (seeds/operation-authorizations.ts), whose sources are an
 * entry of the city and one of 莲都区: a free public-welfare report and a priced industry interface,
 * both reviewed and released by the authority. All through the API, as those actors would.
 */

const CITY = '331100';
const AUTHORITY: Actor = { sub: `seed-authority-${CITY}`, orgId: null, region: CITY, roles: ['AUTHORITY'] };

const PRODUCTS = [
  {
    name: '城区停车与公交接驳月度报告',
    kind: 'DATA_REPORT',
    description: '按月汇总莲都区公共停车场与公交线路的接驳情况，向社会公开发布。',
    use: 'PUBLIC_WELFARE',
    useCondition: '仅用于公益出行服务和交通规划研究，不得转售或用于营销。',
  },
  {
    name: '停车诱导接驳推荐接口',
    kind: 'DATA_INTERFACE',
    description: '按车辆目的地返回推荐的公共停车场及换乘公交线路，供导航和停车场运营方调用。',
    use: 'INDUSTRY',
    price: 20_000,
  },
];

export async function seedOperationProducts(gql: Gql, organizations: Map<string, string>, _resources: Map<string, string>): Promise<string> {
  const org = organizations.get('lishui-sjyy')!;
  const found = await gql(AUTHORITY, 'query($org: ID) { operators(organizationId: $org, status: ACTIVE, first: 1) { edges { node { id } } } }', { org });
  const id = found.operators.edges[0]?.node.id as string | undefined;
  if (!id) throw new Error('seed: operator lishui-sjyy has no authorization in force');
  const operator: Actor = { sub: `seed-operator-${id}`, orgId: org, region: regionOf(org), roles: ['OPERATOR'], account: id };
  const granted = await gql(AUTHORITY, 'query($op: ID) { operationAuthorizations(filter: { operatorId: $op, status: GRANTED }, first: 1) { edges { node { id } } } }', { op: id });
  const authorizationId = granted.operationAuthorizations.edges[0]?.node.id as string | undefined;
  if (!authorizationId) throw new Error('seed: operator lishui-sjyy has no GRANTED authorization');
  await gql(AUTHORITY, 'mutation($input: SetGuidedPriceRangeInput!) { setGuidedPriceRange(input: $input) { id } }', {
    input: { regionCode: CITY, kind: 'DATA_INTERFACE', min: 5_000, max: 50_000, basis: '丽水市发展改革委关于公共数据产品政府指导价的通知（示例）' },
  });
  for (const p of PRODUCTS) {
    const proposed = await gql(operator, 'mutation($id: ID!, $input: ProposeDataProductInput!) { proposeDataProduct(id: $id, input: $input) { id } }', {
      id,
      input: { ...p, authorizationIds: [authorizationId] },
    });
    await gql(AUTHORITY, 'mutation($id: ID!) { reviewDataProduct(id: $id, approve: true, reason: "来源清楚，用途和价格符合规定。") { id } }', {
      id: proposed.proposeDataProduct.id,
    });
  }
  return `${PRODUCTS.length} released data products (PUBLIC_WELFARE, INDUSTRY) and a guided price range`;
}
