import type { Actor } from '../schema/auth.js';
import { regionOf } from '../schema/ids.js';

/**
 * The demo's operation reports [OPR-7, D §20] and governance feedback [OPR-8, D §16], through the
 * gateway as the operators, the authorities and the agencies would file them:
 * - each demo operator files every report its agreement already owes (the periods past their due
 *   date that `missingOperatorReports` lists), except 丽水瓯江数智科技有限公司's latest quarterly
 *   report, which stays missing on the authority's list;
 * - 丽水市公共数据运营有限公司 reports two quality problems: one in the city's bus routes, which the
 *   city authority gives a date and 丽水市交通运输局 answers; one in 莲都区's produce testing results
 *   (on the district's platform), which the district authority gives 5 working days, still open.
 */

// biome-ignore lint/suspicious/noExplicitAny: GraphQL response JSON, read by field name without a schema type
type Gql = (actor: Actor | null, query: string, variables?: Record<string, unknown>) => Promise<Record<string, any>>;

const authorityOf = (region: string): Actor => ({ sub: `seed-authority-${region}`, orgId: null, region, roles: ['AUTHORITY'] });
const staffOf = (orgId: string): Actor => ({ sub: `seed-staff-${orgId}`, orgId, region: regionOf(orgId), roles: ['AGENCY'] });
/** An operator's token names its operator record (`acct`) and its organization. */
const operatorOf = (orgId: string, operatorId: string): Actor => ({ sub: `seed-operator-${orgId}`, orgId, region: regionOf(orgId), roles: ['OPERATOR'], account: operatorId });

const SECTIONS = {
  storage: '授权数据存储于丽水市政务云公共数据运营域，按网络安全等级保护三级要求管理，未出域。',
  processing: '在运营平台内完成抽样脱敏加工，加工人员均已实名登记并签订保密协议。',
  analysis: '建立客流与出行需求分析模型，模型在平台内运行，仅结果经审核后导出。',
  fusion: '与气象、交通数据融合形成出行服务数据产品。',
  marketOperation: '本期新签数据服务合同2份，按政府指导价收费，无违规情况。',
};

export async function seedOperationReports(gql: Gql, organizations: Map<string, string>, resources: Map<string, string>): Promise<string> {
  const operatorIdOf = async (orgKey: string) => {
    const org = organizations.get(orgKey)!;
    const r = await gql(authorityOf(regionOf(org)!), 'query($org: ID) { operators(organizationId: $org, first: 1) { edges { node { id } } } }', { org });
    return { org, id: r.operators.edges[0].node.id as string };
  };
  let filed = 0;
  let missing = 0;
  for (const key of ['lishui-sjyy', 'lishui-oujiang']) {
    const op = await operatorIdOf(key);
    const actor = operatorOf(op.org, op.id);
    const owed = (await gql(actor, 'query($op: ID) { missingOperatorReports(operatorId: $op) { kind period } }', { op: op.id })).missingOperatorReports as {
      kind: string;
      period: number;
    }[];
    const periodic = owed.filter((p) => p.kind === 'PERIODIC');
    const leftOut = key === 'lishui-oujiang' ? periodic.at(-1) : undefined;
    for (const p of owed) {
      if (p === leftOut) continue;
      await gql(actor, 'mutation($id: ID!, $input: FileOperatorReportInput!) { fileOperatorReport(id: $id, input: $input) { id } }', {
        id: op.id,
        input: { kind: p.kind, period: p.period, ...SECTIONS },
      });
      filed += 1;
    }
    if (leftOut) missing += 1;
  }

  const sjyy = await operatorIdOf('lishui-sjyy');
  const operator = operatorOf(sjyy.org, sjyy.id);
  const file = async (resourceKey: string, itemNames: string[], description: string) =>
    (
      await gql(operator, 'mutation($input: FileGovernanceFeedbackInput!) { fileGovernanceFeedback(input: $input) { id } }', {
        input: { resourceId: resources.get(resourceKey), itemNames, description },
      })
    ).fileGovernanceFeedback.id as string;
  const bus = await file('lishui-jtj-bus-routes', ['途经站点', '票价'], '加工公交出行数据时发现12条线路的途经站点与实际运营不符，3条线路票价仍为调价前标准。');
  const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await gql(authorityOf('331100'), 'mutation($id: ID!, $d: LocalDate) { setGovernanceFeedbackDeadline(id: $id, dueDate: $d) { id } }', { id: bus, d: deadline });
  await gql(staffOf(organizations.get('lishui-jtj')!), 'mutation($id: ID!, $a: String!) { answerGovernanceFeedback(id: $id, answer: $a) { id } }', {
    id: bus,
    a: '已会同公交公司核对全部线路，更正12条线路途经站点和3条线路票价，并重新发布。',
  });
  const produce = await file('liandu-nyj-produce-testing', ['检测值', '判定结果'], '部分抽检记录的检测值为空但判定结果为“合格”，无法用于质量分析。');
  await gql(authorityOf('331102'), 'mutation($id: ID!, $n: Int) { setGovernanceFeedbackDeadline(id: $id, workingDays: $n) { id } }', { id: produce, n: 5 });
  return `${filed} operation reports (${missing} missing), 2 governance feedback items (1 answered, 1 open)`;
}
