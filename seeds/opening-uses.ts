import { internalPost } from '../platform/internal.js';
import type { Actor } from '../schema/auth.js';
import { regionOf } from '../schema/ids.js';
import type { Topology } from '../schema/topology.js';
import { addDays, todayInChina } from '../subgraphs/kit/rules/calendar.js';
import { citizenIdCheckChar } from '../subgraphs/kit/rules/citizen-id.js';
import { SYSTEM_ACTOR } from '../subgraphs/kit/server/events.js';
import { INTERNAL_PREFIX } from '../subgraphs/kit/server/peers.js';
import { DEMO_ORGANIZATIONS, DEMO_RESOURCES } from './demo-data.js';

// biome-ignore lint/suspicious/noExplicitAny: GraphQL response JSON, read by field name without a schema type
type Gql = (actor: Actor, query: string, variables?: Record<string, unknown>) => Promise<Record<string, any>>;

/** How the seed reaches the data plane's route: the federation's nodes and the secret they sign with. */
export interface DataPlaneAccess {
  topology: Topology;
  internalSecret: string;
}

/**
 * The demo's use tracking and sanctions [OPN-7, Z §28, Z §39]: a city user holds an agreement on
 * the district's produce-testing data and has used it (recorded through the data plane's signed
 * route on the district node, as the data plane would); a district user's agreement on the city's
 * discharge permits is suspended with a rectification deadline. Without `dataPlane` (a caller that
 * holds no internal secret) the use records are left out.
 */
export async function seedOpeningUses(gql: Gql, organizations: Map<string, string>, resources: Map<string, string>, dataPlane?: DataPlaneAccess): Promise<string> {
  const held = await agreementOn(gql, organizations, resources, 'liandu-nyj-produce-testing', { name: '周明', region: '331100', serial: '0711' });
  const suspended = await agreementOn(gql, organizations, resources, 'lishui-sthj-discharge-permit', { name: '李华', region: '331102', serial: '0712' });

  let uses = 0;
  if (dataPlane) {
    // The agreement was concluded today: its uses come after, within today (Chinese time).
    const startOfDay = new Date(`${todayInChina()}T00:00:00+08:00`).getTime();
    const at = (minutesAgo: number) => new Date(Math.max(Date.now() - minutesAgo * 60_000, startOfDay)).toISOString();
    const records = [
      { method: 'API', operation: 'GET /produce-tests?town=碧湖镇&year=2025', rowsReturned: 128, usedAt: at(3) },
      { method: 'API', operation: 'GET /produce-tests?category=蔬菜&result=不合格', rowsReturned: 9, usedAt: at(2) },
      { method: 'API', operation: 'GET /produce-tests?town=老竹畲族镇', rowsReturned: 0, usedAt: at(1) },
    ].map((r) => ({ agreementId: held.agreementId, datasetId: held.datasetId, ...r }));
    const node = dataPlane.topology.nodes.find((n) => n.regions.includes(regionOf(held.datasetId)!))!;
    const res = await internalPost<{ recorded: number; problems: unknown[] }>({
      node,
      subgraph: 'opening',
      path: `${INTERNAL_PREFIX}open-data-uses`,
      actor: SYSTEM_ACTOR,
      body: JSON.stringify({ uses: records }),
      secret: dataPlane.internalSecret,
      timeoutMs: 30_000,
    });
    if (res.body.recorded !== records.length) throw new Error(`the data plane's use records were refused: ${JSON.stringify(res.body.problems)}`);
    uses = res.body.recorded;
  }

  await gql(suspended.staff, 'mutation($id: ID!, $input: SuspendOpenDataAgreementInput!) { suspendOpenDataAgreement(id: $id, input: $input) { id } }', {
    id: suspended.agreementId,
    input: {
      violations: ['SAFEGUARDS_NOT_IMPLEMENTED'],
      rectification:
        '未按协议落实访问控制和操作日志留存措施：请在期限内完成整改并提交整改报告 / access control and log retention were not put in place as agreed: rectify and report by the deadline',
      rectifyBy: addDays(todayInChina(), 30),
    },
  });
  return `${uses} use records on an agreement, 1 agreement suspended pending rectification`;
}

/** A natural person registered in `user.region` applies for the open dataset of `resourceKey`; its agency approves for a year. */
async function agreementOn(
  gql: Gql,
  organizations: Map<string, string>,
  resources: Map<string, string>,
  resourceKey: string,
  user: { name: string; region: string; serial: string },
) {
  const resource = DEMO_RESOURCES.find((r) => r.key === resourceKey)!;
  const provider = DEMO_ORGANIZATIONS.find((o) => o.key === resource.providerKey)!;
  const staff: Actor = { sub: `seed-staff-${organizations.get(provider.key)}`, orgId: organizations.get(provider.key)!, region: provider.regionCode, roles: ['AGENCY'] };
  const datasetId = (await gql(staff, 'query($id: ID!) { dataResource(id: $id) { openDataset { id } } }', { id: resources.get(resourceKey) })).dataResource.openDataset
    .id as string;
  const first17 = `${user.region}1987${user.serial}0${user.serial.slice(-2)}`.slice(0, 17);
  const account =
    // Anyone registers, signed in or not [Z §16]: the seed's client always signs, so as the platform's authority.
    (
      await gql(
        { sub: 'seed-registration', orgId: null, region: user.region, roles: ['AUTHORITY'] },
        'mutation($input: RegisterOpenDataUserInput!) { registerOpenDataUser(input: $input) { id } }',
        {
          input: { regionCode: user.region, name: user.name, kind: 'NATURAL_PERSON', idNumber: first17 + citizenIdCheckChar(first17), contact: '0578-2000000' },
        },
      )
    ).registerOpenDataUser.id as string;
  const actor: Actor = { sub: `seed-user-${account}`, orgId: null, region: user.region, roles: ['USER'], account };
  const applied = await gql(actor, 'mutation($id: ID!, $input: ApplyForOpenDataInput!) { applyForOpenData(id: $id, input: $input) { id } }', {
    id: datasetId,
    input: {
      scenario: `${resource.name}的统计分析，用于行业研究报告 / statistical analysis of ${resourceKey} for a sector research report`,
      storageCapability: '数据存放于本单位自有服务器，异地备份 / kept on the applicant’s own servers, backed up off-site',
      processingCapability: '两名专职数据分析人员，使用统计软件 / two full-time analysts with statistical software',
      securityCapability: '访问控制、传输加密、操作日志留存六个月 / access control, encrypted transfer, operation logs kept six months',
      creditLevel: 'A',
    },
  });
  const approved = await gql(staff, 'mutation($id: ID!) { approveOpenDataApplication(id: $id, input: { termMonths: 12 }) { agreement { id } } }', {
    id: applied.applyForOpenData.id,
  });
  return { datasetId, staff, agreementId: approved.approveOpenDataApplication.agreement.id as string };
}
