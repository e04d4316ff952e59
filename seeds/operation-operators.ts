import type { Actor } from '../schema/auth.js';
import { addDays, todayInChina } from '../subgraphs/kit/rules/calendar.js';
import { makeCreditCode } from '../subgraphs/kit/rules/credit-code.js';

// biome-ignore lint/suspicious/noExplicitAny: GraphQL response JSON, read by field name without a schema type
type Gql = (actor: Actor | null, query: string, variables?: Record<string, unknown>) => Promise<Record<string, any>>;

const authorityOf = (region: string): Actor => ({ sub: `seed-authority-${region}`, orgId: null, region, roles: ['AUTHORITY'] });

/**
 * Operators beside the demo's state-owned ones (DEMO_OPERATORS) [OPR-1, OPR-9, D §10, D §28, J §20]:
 * an enterprise that is not state-owned, licensed on the district's platform with the reason it was
 * chosen; and a state-owned one of the city suspended for a D §28 violation, its rectification
 * deadline ten days ahead (its tokens are refused meanwhile; not reinstated by then, it ends).
 */
const OPERATORS = [
  {
    region: '331102',
    name: '丽水莲都数智科技有限公司',
    creditCode: makeCreditCode('91331102MA2HT8L31'),
    agreementNo: 'LDSJ-SQYY-2026-001',
    kind: 'OTHER_ENTERPRISE',
    kindReason:
      '公开遴选中技术实力与数据安全能力评分第一，区内无符合条件的国有企业 / first in the open selection on technical and data-security capacity; no qualified state-owned enterprise in the district',
    selectionBasis: '莲都区数据局2026年授权运营主体遴选结果公告',
    sanction: null,
  },
  {
    region: '331100',
    name: '丽水文旅数据运营有限公司',
    creditCode: makeCreditCode('91331100MA2HT9W2X'),
    agreementNo: 'LSSJ-SQYY-2026-003',
    kind: 'STATE_OWNED_ENTERPRISE',
    kindReason: null,
    selectionBasis: null,
    sanction: {
      violations: ['SECURITY_MEASURES_MISSING'],
      rectification: '未按数据安全承诺书落实访问日志留存，限期补齐并提交整改报告 / access logs not kept as its data security pledge requires: restore them and report',
      days: 10,
    },
  },
] as const;

/** Registers its own organizations (not DEMO_ORGANIZATIONS, so `organizations` keeps the demo's list) and licenses them. */
export async function seedOperationOperators(gql: Gql, _organizations: Map<string, string>, _resources: Map<string, string>): Promise<string> {
  const today = todayInChina();
  let sanctioned = 0;
  for (const o of OPERATORS) {
    const org = (
      await gql(authorityOf(o.region), 'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }', {
        input: { regionCode: o.region, name: o.name, creditCode: o.creditCode, kind: 'ENTERPRISE' },
      })
    ).createOrganization.id as string;
    const op = (
      await gql(authorityOf(o.region), 'mutation($input: CreateOperatorInput!) { createOperator(input: $input) { id } }', {
        input: {
          organizationId: org,
          agreementNo: o.agreementNo,
          agreementSignedAt: addDays(today, -30),
          termStart: addDays(today, -30),
          scope: '文旅、交通领域公共数据的开发利用 / development of tourism and transport data',
          kind: o.kind,
          kindReason: o.kindReason,
          selectionBasis: o.selectionBasis,
        },
      })
    ).createOperator.id as string;
    if (o.sanction) {
      await gql(authorityOf(o.region), 'mutation($id: ID!, $input: SuspendOperatorInput!) { suspendOperator(id: $id, input: $input) { id } }', {
        id: op,
        input: { violations: o.sanction.violations, rectification: o.sanction.rectification, rectifyBy: addDays(today, o.sanction.days) },
      });
      sanctioned += 1;
    }
  }
  return `${OPERATORS.length} more operators (one not state-owned, ${sanctioned} suspended pending rectification)`;
}
