import type { Actor } from '../schema/auth.js';
import { regionOf } from '../schema/ids.js';

/**
 * The demo's complaint about opened data [OPN-6, Z §35]: an enterprise's representative, not
 * signed in, complains that the city's open list of administrative penalties shows the production
 * process named in a penalty decision, a trade secret. The dataset is suspended at filing; the
 * market-regulation bureau has verified it and not yet decided, so the demo shows a dataset
 * suspended by a complaint, with the steps on the complaint's receipt.
 */

// biome-ignore lint/suspicious/noExplicitAny: GraphQL response JSON, read by field name without a schema type
type Gql = (actor: Actor | null, query: string, variables?: Record<string, unknown>) => Promise<Record<string, any>>;

const staffOf = (orgId: string): Actor => ({ sub: `seed-staff-${orgId}`, orgId, region: regionOf(orgId), roles: ['AGENCY'] });

export async function seedOpeningComplaints(gql: Gql, organizations: Map<string, string>, resources: Map<string, string>): Promise<string> {
  const resourceId = resources.get('lishui-amr-penalty')!;
  const datasetId = (await gql(null, 'query($id: ID!) { dataResource(id: $id) { openDataset { id } } }', { id: resourceId })).dataResource?.openDataset?.id as string | undefined;
  if (!datasetId) throw new Error('seed: the penalty list has no open dataset');
  const filed = await gql(null, 'mutation($id: ID!, $input: FileOpenDataComplaintInput!) { fileOpenDataComplaint(id: $id, input: $input) { id } }', {
    id: datasetId,
    input: {
      infringes: ['TRADE_SECRET'],
      description: '贵局公示的行政处罚决定（丽市监处罚〔2026〕31号）载明了我公司的核心生产工艺参数，属于商业秘密，请中止公开并删除该部分内容。',
    },
  });
  await gql(staffOf(organizations.get('lishui-amr')!), 'mutation($id: ID!, $findings: String!) { verifyOpenDataComplaint(id: $id, findings: $findings) { id } }', {
    id: filed.fileOpenDataComplaint.id,
    findings: '经核实，处罚决定书第三项载明了工艺温度和配比参数，拟删除后重新公示。',
  });
  return '1 complaint that suspended an open dataset, verified';
}
