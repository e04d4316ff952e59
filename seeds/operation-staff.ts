import type { Actor } from '../schema/auth.js';
import { regionOf } from '../schema/ids.js';
import { citizenIdCheckChar } from '../subgraphs/kit/rules/citizen-id.js';
import { addDays, todayInChina } from '../subgraphs/kit/rules/calendar.js';

/**
 * Inside the platform [OPR-4, D §17, D §21], through the gateway as the operator and the authority
 * would act: 丽水市公共数据运营有限公司 registers two processing staff by real name under
 * confidentiality agreements, asks to import weather data for its granted parking scenario (the
 * city authority approves it) and to export the aggregated parking guidance (still pending).
 */

// biome-ignore lint/suspicious/noExplicitAny: GraphQL response JSON, read by field name without a schema type
type Gql = (actor: Actor | null, query: string, variables?: Record<string, unknown>) => Promise<Record<string, any>>;

const CITY = '331100';
const AUTHORITY: Actor = { sub: `seed-authority-${CITY}`, orgId: null, region: CITY, roles: ['AUTHORITY'] };
const operatorOf = (orgId: string, operatorId: string): Actor => ({ sub: `seed-operator-${orgId}`, orgId, region: regionOf(orgId), roles: ['OPERATOR'], account: operatorId });
const citizenId = (first17: string) => first17 + citizenIdCheckChar(first17);

const STAFF = [
  { name: '陈思远', citizenId: citizenId('33110219880412031'), role: '数据开发工程师', confidentialityAgreementNo: 'LSSJ-BM-2026-001' },
  { name: '周雅琴', citizenId: citizenId('33112219910923042'), role: '数据安全管理员', confidentialityAgreementNo: 'LSSJ-BM-2026-002' },
];

export async function seedOperationStaff(gql: Gql, organizations: Map<string, string>, _resources: Map<string, string>): Promise<string> {
  const org = organizations.get('lishui-sjyy')!;
  const id = (await gql(AUTHORITY, 'query($org: ID) { operators(organizationId: $org, first: 1) { edges { node { id } } } }', { org })).operators.edges[0].node.id as string;
  const operator = operatorOf(org, id);
  for (const s of STAFF) {
    await gql(operator, 'mutation($id: ID!, $input: RegisterOperatorStaffInput!) { registerOperatorStaff(id: $id, input: $input) { id } }', {
      id,
      input: { ...s, confidentialitySignedOn: addDays(todayInChina(), -30) },
    });
  }
  const granted = (await gql(operator, 'query($op: ID) { operationAuthorizations(filter: { operatorId: $op, status: GRANTED }, first: 1) { edges { node { id } } } }', { op: id }))
    .operationAuthorizations.edges[0].node.id as string;
  const imported = (
    await gql(operator, 'mutation($id: ID!, $input: DataTransferInput!) { requestDataImport(id: $id, input: $input) { id } }', {
      id,
      input: { authorizationId: granted, description: '丽水市逐小时降水预报', source: '丽水市气象台（数据服务合同采购）', purpose: '雨天停车需求修正，融合停车诱导模型' },
    })
  ).requestDataImport.id as string;
  await gql(AUTHORITY, 'mutation($id: ID!, $r: String) { decideDataImport(id: $id, approve: true, reason: $r) { id } }', { id: imported, r: '来源合规，仅用于本场景' });
  await gql(operator, 'mutation($id: ID!, $input: DataTransferInput!) { requestDataExport(id: $id, input: $input) { id } }', {
    id,
    input: { authorizationId: granted, description: '按商圈汇总的停车诱导建议（不含原始记录）', purpose: '向导航服务商提供停车诱导服务' },
  });
  return `${STAFF.length} operator staff, 1 import approved, 1 export pending`;
}
