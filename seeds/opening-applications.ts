import type { Actor } from '../schema/auth.js';
import { citizenIdCheckChar } from '../subgraphs/kit/rules/citizen-id.js';
import { makeCreditCode, makeOrganizationCode } from '../subgraphs/kit/rules/credit-code.js';

// biome-ignore lint/suspicious/noExplicitAny: GraphQL response JSON, read by field name without a schema type
type Gql = (actor: Actor | null, query: string, variables?: Record<string, unknown>) => Promise<Record<string, any>>;

/**
 * The demo's public data users and their applications for restricted open data [OPN-3, B §3,
 * Z §16-17]: a natural person, a company and an association registered on the city's platform and
 * one person on 莲都区's, applications in every state on the city's RESTRICTED 排污许可证信息 and
 * 莲都区's 农产品质量安全抽检结果 (a city user applying across platforms), so the public holder
 * list has entries. Everything goes through the API, as the users, the agencies and the authority would.
 */

const citizenId = (first17: string) => first17 + citizenIdCheckChar(first17);

interface DemoUser {
  key: string;
  regionCode: string;
  name: string;
  kind: 'NATURAL_PERSON' | 'LEGAL_PERSON' | 'OTHER_ORGANIZATION';
  idNumber: string;
  contact: string;
}

const USERS: DemoUser[] = [
  { key: 'zhang', regionCode: '331100', name: '张明', kind: 'NATURAL_PERSON', idNumber: citizenId('33110219850612341'), contact: '13905781001' },
  {
    key: 'lvgu',
    regionCode: '331100',
    name: '丽水绿谷环境科技有限公司',
    kind: 'LEGAL_PERSON',
    idNumber: makeCreditCode(`91331100${makeOrganizationCode('MA2HB7Q0')}`),
    contact: 'data@lvgu-env.example.cn',
  },
  {
    key: 'association',
    regionCode: '331100',
    name: '丽水市生态环境保护协会',
    kind: 'OTHER_ORGANIZATION',
    idNumber: makeCreditCode(`51331100${makeOrganizationCode('MJ9K4T2R')}`),
    contact: '0578-2101234',
  },
  { key: 'chen', regionCode: '331102', name: '陈丽华', kind: 'NATURAL_PERSON', idNumber: citizenId('33110219920304562'), contact: '13905782002' },
];

interface DemoApplication {
  userKey: string;
  resourceKey: string;
  scenario: string;
  creditLevel: 'A' | 'B' | 'C' | 'D';
  outcome: 'PENDING' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';
  termMonths?: number;
  /** Whether the authority has acknowledged the agreement's filing. */
  acknowledged?: boolean;
  reason?: string;
}

const PERMITS = 'lishui-sthj-discharge-permit';
const PRODUCE = 'liandu-nyj-produce-testing';

const APPLICATIONS: DemoApplication[] = [
  { userKey: 'lvgu', resourceKey: PERMITS, scenario: '排污单位环境信用评价模型研发', creditLevel: 'A', outcome: 'APPROVED', termMonths: 24, acknowledged: true },
  { userKey: 'zhang', resourceKey: PERMITS, scenario: '硕士学位论文：丽水市重点排污行业分布研究', creditLevel: 'B', outcome: 'APPROVED', termMonths: 12 },
  {
    userKey: 'association',
    resourceKey: PERMITS,
    scenario: '面向公众的排污许可信息科普地图',
    creditLevel: 'C',
    outcome: 'REJECTED',
    reason: '数据安全保护能力说明不足：未说明数据存放位置、访问控制和传输加密措施，请补充后重新申请',
  },
  { userKey: 'chen', resourceKey: PERMITS, scenario: '环保课程教学案例', creditLevel: 'B', outcome: 'WITHDRAWN' },
  { userKey: 'association', resourceKey: PRODUCE, scenario: '农产品质量安全社会监督年度报告', creditLevel: 'B', outcome: 'PENDING' },
  { userKey: 'chen', resourceKey: PRODUCE, scenario: '家庭农场农药使用自查', creditLevel: 'A', outcome: 'PENDING' },
];

const CAPABILITIES = {
  storageCapability: '数据存放于本单位自有服务器，位于境内机房，每日增量备份',
  processingCapability: '由两名专职数据分析人员使用统计分析软件处理，不接入互联网分析平台',
  securityCapability: '账号分级授权、访问日志留存六个月、传输与存储加密，签署保密承诺',
};

const userActor = (account: string): Actor => ({ sub: `seed-user-${account}`, orgId: null, region: account.slice(0, 6), roles: ['USER'], account });
const staffOf = (orgId: string): Actor => ({ sub: `seed-staff-${orgId}`, orgId, region: orgId.slice(0, 6), roles: ['AGENCY'] });
const authorityOf = (region: string): Actor => ({ sub: `seed-authority-${region}`, orgId: null, region, roles: ['AUTHORITY'] });

export async function seedOpeningApplications(gql: Gql, _organizations: Map<string, string>, resources: Map<string, string>): Promise<string> {
  const accounts = new Map<string, string>();
  for (const u of USERS) {
    const r = await gql(null, 'mutation($input: RegisterOpenDataUserInput!) { registerOpenDataUser(input: $input) { id } }', {
      input: { regionCode: u.regionCode, name: u.name, kind: u.kind, idNumber: u.idNumber, contact: u.contact },
    });
    accounts.set(u.key, r.registerOpenDataUser.id);
  }
  const datasets = new Map<string, { id: string; providerId: string }>();
  for (const key of [PERMITS, PRODUCE]) {
    const r = await gql(null, 'query($id: ID!) { dataResource(id: $id) { openDataset { id provider { id } } } }', { id: resources.get(key) });
    const d = r.dataResource?.openDataset;
    if (!d) throw new Error(`the demo's RESTRICTED entry ${key} has no open dataset`);
    datasets.set(key, { id: d.id, providerId: d.provider.id });
  }
  for (const a of APPLICATIONS) {
    const applicant = userActor(accounts.get(a.userKey)!);
    const dataset = datasets.get(a.resourceKey)!;
    const staff = staffOf(dataset.providerId);
    const applied = await gql(applicant, 'mutation($id: ID!, $input: ApplyForOpenDataInput!) { applyForOpenData(id: $id, input: $input) { id } }', {
      id: dataset.id,
      input: { scenario: a.scenario, creditLevel: a.creditLevel, ...CAPABILITIES },
    });
    const id = applied.applyForOpenData.id as string;
    if (a.outcome === 'APPROVED') {
      const approved = await gql(staff, 'mutation($id: ID!, $months: Int!) { approveOpenDataApplication(id: $id, input: { termMonths: $months }) { agreement { id } } }', {
        id,
        months: a.termMonths,
      });
      if (a.acknowledged) {
        await gql(authorityOf(dataset.id.slice(0, 6)), 'mutation($id: ID!) { acknowledgeOpenDataAgreementFiling(id: $id) { id } }', {
          id: approved.approveOpenDataApplication.agreement.id,
        });
      }
    }
    if (a.outcome === 'REJECTED') await gql(staff, 'mutation($id: ID!, $reason: String!) { rejectOpenDataApplication(id: $id, reason: $reason) { id } }', { id, reason: a.reason });
    if (a.outcome === 'WITHDRAWN') await gql(applicant, 'mutation($id: ID!) { withdrawOpenDataApplication(id: $id) { id } }', { id });
  }
  const count = (o: DemoApplication['outcome']) => `${APPLICATIONS.filter((a) => a.outcome === o).length} ${o.toLowerCase()}`;
  return `${USERS.length} public data users, ${APPLICATIONS.length} restricted-open applications (${(['PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const).map(count).join(', ')})`;
}
