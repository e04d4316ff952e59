import type { Actor } from '../schema/auth.js';
import { regionOf } from '../schema/ids.js';
import { addDays, todayInChina } from '../subgraphs/kit/rules/calendar.js';

// biome-ignore lint/suspicious/noExplicitAny: GraphQL response JSON, read by field name without a schema type
type Gql = (actor: Actor | null, query: string, variables?: Record<string, unknown>) => Promise<Record<string, any>>;

/**
 * The demo's data-use authorizations, one per scenario [OPR-2, OPR-3, D §7, D §12-14, D §22]: the
 * two licensed operators of the city submit demand lists naming entries of the city and of 莲都区
 * (another node), and the service center, the authority and the providers take them to every
 * stage: SUBMITTED, RETURNED, FIRST_REVIEWED, REFUSED, RE_REVIEWED, GRANTED (a district provider
 * confirming fewer items than asked) and NOT_GRANTED. All through the API, as those actors would.
 *
 * Two demand lists were handed in on paper three weeks ago: the service center records them with
 * the day received and the reviews with the days they were concluded, so one waits past its
 * re-review deadline and one past its providers' confirmation deadline — each step's deadline
 * counts from when it truly happened (D §14), and `operationAuthorizations(filter: { overdue: true })`
 * lists both for the authority.
 */

const staffOf = (orgId: string): Actor => ({ sub: `seed-staff-${orgId}`, orgId, region: regionOf(orgId), roles: ['AGENCY'] });
const CITY = '331100';
const AUTHORITY: Actor = { sub: `seed-authority-${CITY}`, orgId: null, region: CITY, roles: ['AUTHORITY'] };
const SERVICE_CENTER: Actor = { sub: `seed-service-center-${CITY}`, orgId: null, region: CITY, roles: ['SERVICE_CENTER'] };

const BUS = 'lishui-jtj-bus-routes';
const AIR = 'lishui-sthj-air-quality';
const PARKING = 'liandu-zfj-public-parking';

type Stage = 'SUBMITTED' | 'RETURNED' | 'FIRST_REVIEWED' | 'REFUSED' | 'RE_REVIEWED' | 'GRANTED' | 'NOT_GRANTED';

interface DemoAuthorization {
  operatorKey: 'lishui-sjyy' | 'lishui-oujiang';
  scenarioName: string;
  scenarioDescription: string;
  valueKind: 'ECONOMIC' | 'SOCIAL' | 'ECONOMIC_AND_SOCIAL';
  value: string;
  priorityDomain: string;
  plan: string;
  goal: string;
  entries: { resourceKey: string; items: [string, string][] }[];
  stage: Stage;
  /** The returning opinion, the refusal's reason, or a provider's reason for declining. */
  reason?: string;
  /** Per entry, the items its provider confirms (GRANTED); an entry left out is declined with `reason`. */
  confirm?: Record<string, string[]>;
  /** Handed in on paper: days before today it was received, first reviewed and re-reviewed. */
  onPaper?: { received: number; firstReview: number; reReview?: number };
}

const AUTHORIZATIONS: DemoAuthorization[] = [
  {
    operatorKey: 'lishui-sjyy',
    scenarioName: '城区停车诱导与公交接驳',
    scenarioDescription: '结合莲都区公共停车场空余泊位和公交线路，为进城车辆推荐停车场及换乘线路。',
    valueKind: 'ECONOMIC_AND_SOCIAL',
    value: '缓解老城区停车难，减少绕行；停车诱导服务向停车场运营方收费。',
    priorityDomain: 'TRANSPORT',
    plan: '第一季度完成停车场与公交站点匹配模型，第二季度在两个商圈试运行，第三季度推广到全城区。',
    goal: '诱导服务覆盖莲都区全部公共停车场',
    entries: [
      {
        resourceKey: PARKING,
        items: [
          ['停车场名称', '向驾驶人展示推荐的停车场'],
          ['地址', '计算停车场到公交站点的步行距离'],
          ['总泊位数', '估算停车场饱和度'],
          ['空余泊位数', '实时推荐有空位的停车场'],
        ],
      },
      {
        resourceKey: BUS,
        items: [
          ['线路名称', '向驾驶人展示换乘线路'],
          ['起点站', '匹配停车场附近的站点'],
          ['首班时间', '判断换乘是否可行'],
        ],
      },
    ],
    stage: 'GRANTED',
    // 莲都区 confirms fewer items than asked: the real-time vacancies stay with its own platform.
    confirm: { [PARKING]: ['停车场名称', '地址', '总泊位数'], [BUS]: ['线路名称', '起点站', '首班时间'] },
  },
  {
    operatorKey: 'lishui-sjyy',
    scenarioName: '景区空气质量游览指数',
    scenarioDescription: '按景区发布空气质量游览指数，为游客安排行程提供参考。',
    valueKind: 'SOCIAL',
    value: '帮助游客避开污染时段，提升生态旅游体验。',
    priorityDomain: 'CULTURE_TOURISM',
    plan: '两个月完成指数模型，在“丽水山耕”文旅小程序上线。',
    goal: '游览指数在小程序上线',
    entries: [
      {
        resourceKey: AIR,
        items: [
          ['监测站点名称', '关联景区与监测站点'],
          ['监测时间', '按时段计算指数'],
          ['空气质量指数', '游览指数的主要输入'],
        ],
      },
    ],
    stage: 'RE_REVIEWED',
  },
  {
    operatorKey: 'lishui-oujiang',
    scenarioName: '公交出行碳减排测算',
    scenarioDescription: '按公交线路测算市民公交出行相对自驾的碳减排量，为碳普惠积分提供依据。',
    valueKind: 'ECONOMIC_AND_SOCIAL',
    value: '支撑碳普惠平台发放积分，带动绿色出行。',
    priorityDomain: 'ENVIRONMENT',
    plan: '三个月完成测算模型并通过第三方核证，之后接入碳普惠平台。',
    goal: '碳减排测算模型通过核证',
    entries: [
      {
        resourceKey: BUS,
        items: [
          ['线路名称', '按线路汇总减排量'],
          ['起点站', '估算线路里程'],
          ['终点站', '估算线路里程'],
        ],
      },
    ],
    stage: 'FIRST_REVIEWED',
  },
  {
    operatorKey: 'lishui-oujiang',
    scenarioName: '停车泊位需求预测',
    scenarioDescription: '预测节假日城区停车泊位需求，供交通管理部门提前调度。',
    valueKind: 'SOCIAL',
    value: '减少节假日城区拥堵。',
    priorityDomain: 'TRANSPORT',
    plan: '利用历史泊位数据建模，节假日前一周发布预测。',
    goal: '春节前发布第一次预测',
    entries: [
      {
        resourceKey: PARKING,
        items: [
          ['停车场名称', '按停车场预测'],
          ['总泊位数', '预测饱和度'],
        ],
      },
    ],
    stage: 'SUBMITTED',
  },
  {
    operatorKey: 'lishui-oujiang',
    scenarioName: '公交票价比价服务',
    scenarioDescription: '比较公交与网约车出行费用。',
    valueKind: 'ECONOMIC',
    value: '为出行平台提供比价接口。',
    priorityDomain: 'TRANSPORT',
    plan: '接入后上线。',
    goal: '上线比价接口',
    entries: [{ resourceKey: BUS, items: [['票价', '计算公交出行费用']] }],
    stage: 'RETURNED',
    reason: '实施计划过于简略，请补充数据处理方式、上线步骤和预期成效后重新申请。',
  },
  {
    operatorKey: 'lishui-sjyy',
    scenarioName: '空气质量与房产价格关联分析',
    scenarioDescription: '分析空气质量对住宅价格的影响，向房产中介出售分析报告。',
    valueKind: 'ECONOMIC',
    value: '为房产中介提供定价参考。',
    priorityDomain: 'OTHER',
    plan: '半年完成分析报告。',
    goal: '完成分析报告',
    entries: [
      {
        resourceKey: AIR,
        items: [
          ['监测站点名称', '关联小区与监测站点'],
          ['空气质量指数', '分析的主要变量'],
        ],
      },
    ],
    stage: 'REFUSED',
    reason: '场景的社会价值不明确，且分析结果可能被用于不当营销，合规性评估未通过。',
  },
  {
    operatorKey: 'lishui-oujiang',
    scenarioName: '夜间公交需求分析',
    scenarioDescription: '分析夜间出行需求，为开通夜班公交提供建议。',
    valueKind: 'SOCIAL',
    value: '方便夜间出行的市民。',
    priorityDomain: 'TRANSPORT',
    plan: '两个月完成分析并提交交通运输局。',
    goal: '提交夜班公交建议',
    entries: [
      {
        resourceKey: BUS,
        items: [
          ['线路名称', '按线路分析'],
          ['末班时间', '识别夜间服务空白'],
        ],
      },
    ],
    stage: 'NOT_GRANTED',
    reason: '夜班线路正在重新规划，现有线路数据不能反映规划后的情况，暂不授权。',
  },
  {
    operatorKey: 'lishui-oujiang',
    scenarioName: '公交站点适老化改造评估',
    scenarioDescription: '按线路评估公交站点的适老化改造需求，供交通运输局安排改造计划。',
    valueKind: 'SOCIAL',
    value: '方便老年人乘坐公交出行。',
    priorityDomain: 'TRANSPORT',
    plan: '一个月完成评估模型，两个月内提交改造建议清单。',
    goal: '提交站点改造建议清单',
    entries: [
      {
        resourceKey: BUS,
        items: [
          ['线路名称', '按线路汇总改造需求'],
          ['起点站', '定位需改造的站点'],
        ],
      },
    ],
    stage: 'FIRST_REVIEWED',
    onPaper: { received: 21, firstReview: 19 },
  },
  {
    operatorKey: 'lishui-sjyy',
    scenarioName: '重污染天气出行提醒',
    scenarioDescription: '在空气质量较差时段向订阅用户推送出行提醒和防护建议。',
    valueKind: 'SOCIAL',
    value: '帮助易感人群避开重污染时段。',
    priorityDomain: 'ENVIRONMENT',
    plan: '一个月接入空气质量数据，在文旅小程序上线提醒服务。',
    goal: '出行提醒服务上线',
    entries: [
      {
        resourceKey: AIR,
        items: [
          ['监测站点名称', '按站点推送提醒'],
          ['空气质量指数', '判断是否达到提醒条件'],
        ],
      },
    ],
    stage: 'RE_REVIEWED',
    onPaper: { received: 21, firstReview: 20, reReview: 14 },
  },
];

const ASSESSMENT = {
  complianceAssessment: '场景在授权运营协议范围内，数据用途合法，申请的数据项符合最小必要原则。',
  riskAssessment: '仅在运营服务平台内使用抽样、脱敏数据，不涉及个人信息，安全风险可控。',
  networkSecurityOpinion: '丽水市委网信办：同意，运营主体须落实操作日志留存。',
  expertCommitteeOpinion: '公共数据专家委员会：场景可行，同意授权。',
};

const at = (stage: Stage, ...after: Stage[]) => [stage, ...after];
const PAST_FIRST_REVIEW = at('FIRST_REVIEWED', 'REFUSED', 'RE_REVIEWED', 'GRANTED', 'NOT_GRANTED');
const PAST_RE_REVIEW = at('RE_REVIEWED', 'GRANTED', 'NOT_GRANTED');

export async function seedOperationAuthorizations(gql: Gql, organizations: Map<string, string>, resources: Map<string, string>): Promise<string> {
  const operators = new Map<string, Actor & { id: string }>();
  for (const key of new Set(AUTHORIZATIONS.map((a) => a.operatorKey))) {
    const org = organizations.get(key)!;
    const r = await gql(AUTHORITY, 'query($org: ID) { operators(organizationId: $org, status: ACTIVE, first: 1) { edges { node { id } } } }', { org });
    const id = r.operators.edges[0]?.node.id as string | undefined;
    if (!id) throw new Error(`seed: operator ${key} has no authorization in force`);
    operators.set(key, { id, sub: `seed-operator-${id}`, orgId: org, region: regionOf(org), roles: ['OPERATOR'], account: id });
  }
  const providers = new Map<string, string>();
  for (const key of [BUS, AIR, PARKING]) {
    const r = await gql(AUTHORITY, 'query($id: ID!) { dataResource(id: $id) { provider { id } } }', { id: resources.get(key) });
    providers.set(key, r.dataResource.provider.id);
  }
  const goalDate = addDays(todayInChina(), 120);
  for (const a of AUTHORIZATIONS) {
    const operator = operators.get(a.operatorKey)!;
    const day = (daysAgo: number | undefined) => (daysAgo === undefined ? undefined : addDays(todayInChina(), -daysAgo));
    // A list handed in on paper is recorded by the service center, with the day it was received [D §12].
    const applied = await gql(
      a.onPaper ? SERVICE_CENTER : operator,
      'mutation($id: ID!, $input: ApplyForOperationAuthorizationInput!) { applyForOperationAuthorization(id: $id, input: $input) { id } }',
      {
        id: operator.id,
        input: {
          scenarioName: a.scenarioName,
          scenarioDescription: a.scenarioDescription,
          valueKind: a.valueKind,
          value: a.value,
          priorityDomain: a.priorityDomain,
          plan: a.plan,
          goals: [{ description: a.goal, dueDate: goalDate }],
          entries: a.entries.map((e) => ({ resourceId: resources.get(e.resourceKey), items: e.items.map(([name, reason]) => ({ name, reason })) })),
          receivedOn: day(a.onPaper?.received),
        },
      },
    );
    const id = applied.applyForOperationAuthorization.id as string;
    if (a.stage === 'RETURNED') {
      await gql(SERVICE_CENTER, 'mutation($id: ID!, $input: FirstReviewOperationAuthorizationInput!) { firstReviewOperationAuthorization(id: $id, input: $input) { id } }', {
        id,
        input: { decision: 'RETURN', opinion: a.reason },
      });
    }
    if (PAST_FIRST_REVIEW.includes(a.stage)) {
      await gql(SERVICE_CENTER, 'mutation($id: ID!, $input: FirstReviewOperationAuthorizationInput!) { firstReviewOperationAuthorization(id: $id, input: $input) { id } }', {
        id,
        input: { decision: 'PASS', opinion: '需求清单要素齐全，报送复审。', reviewedOn: day(a.onPaper?.firstReview) },
      });
    }
    if (a.stage === 'REFUSED') {
      await gql(AUTHORITY, 'mutation($id: ID!, $input: ReReviewOperationAuthorizationInput!) { reReviewOperationAuthorization(id: $id, input: $input) { id } }', {
        id,
        input: { decision: 'REFUSE', reason: a.reason, riskAssessment: '分析报告对外出售，存在数据被不当使用的风险。' },
      });
    }
    if (PAST_RE_REVIEW.includes(a.stage)) {
      await gql(AUTHORITY, 'mutation($id: ID!, $input: ReReviewOperationAuthorizationInput!) { reReviewOperationAuthorization(id: $id, input: $input) { id } }', {
        id,
        input: { decision: 'APPROVE', ...ASSESSMENT, reviewedOn: day(a.onPaper?.reReview) },
      });
    }
    if (a.stage === 'GRANTED' || a.stage === 'NOT_GRANTED') {
      for (const e of a.entries) {
        const confirmed = a.confirm?.[e.resourceKey];
        await gql(
          staffOf(providers.get(e.resourceKey)!),
          'mutation($id: ID!, $input: AnswerOperationAuthorizationEntryInput!) { answerOperationAuthorizationEntry(id: $id, input: $input) { id } }',
          {
            id,
            input: confirmed
              ? {
                  resourceId: resources.get(e.resourceKey),
                  decision: 'CONFIRM',
                  itemNames: confirmed,
                  ...(confirmed.length < e.items.length && { reason: '实时空余泊位数据由本区平台直接提供服务，不纳入授权。' }),
                }
              : { resourceId: resources.get(e.resourceKey), decision: 'DECLINE', reason: a.reason },
          },
        );
      }
    }
  }
  return `${AUTHORIZATIONS.length} data-use authorizations (${[...new Set(AUTHORIZATIONS.map((a) => a.stage))].join(', ')})`;
}
