import type { Actor } from '../schema/auth.js';
import { regionOf } from '../schema/ids.js';
import { addDays, todayInChina } from '../subgraphs/kit/rules/calendar.js';

/**
 * The demo's opinions on open datasets [OPN-4, Z §21] and demands for data not yet open [OPN-5,
 * Z §22, B §34], filed by the anonymous public through the gateway as a visitor of the open portal
 * would, and answered by the agencies' staff:
 * - opinions: one on a district dataset left unanswered, one on a city dataset answered, and
 *   one on a city dataset left unanswered;
 * - a demand to 莲都区综合行政执法局 for parking data, ACCEPTED and linked to its catalog entry and
 *   open dataset; and a demand addressed to 丽水市 as a region, pending until its authority names
 *   the agency.
 *
 * - an opinion received by the 12345 hotline four weeks before the demo is seeded, recorded by
 *   莲都区农业农村局 only now: its 10 working days counted from the day received, so it is overdue
 *   from the start and `openDataOpinions(filter: { overdue: true })` lists it for the authority.
 * The opinions filed online get their deadline from the day they are filed; the unanswered ones
 * become overdue by themselves ten working days after the demo was seeded.
 */

// biome-ignore lint/suspicious/noExplicitAny: GraphQL response JSON, read by field name without a schema type
type Gql = (actor: Actor | null, query: string, variables?: Record<string, unknown>) => Promise<Record<string, any>>;

const staffOf = (orgId: string): Actor => ({ sub: `seed-staff-${orgId}`, orgId, region: regionOf(orgId), roles: ['AGENCY'] });

interface DemoOpinion {
  resourceKey: string;
  kind: 'WRONG_OPEN_ATTRIBUTE' | 'POOR_QUALITY' | 'ERRORS_OR_OMISSIONS' | 'UNLAWFUL_OPENING';
  content: string;
  /** The agency's answer; none: left open. */
  answer?: string;
}

const DEMO_OPINIONS: DemoOpinion[] = [
  {
    resourceKey: 'liandu-nyj-produce-testing',
    kind: 'ERRORS_OR_OMISSIONS',
    content: '2024年第四季度的抽检结果缺少雅溪镇的记录，请补充。',
  },
  {
    resourceKey: 'lishui-jtj-bus-routes',
    kind: 'POOR_QUALITY',
    content: '部分线路的站点坐标偏差较大（如3路公交“丽水学院”站），不符合数据质量要求。',
    answer: '经核实，3路、12路共7个站点坐标有误，已于本周更正并重新发布。',
  },
  {
    resourceKey: 'lishui-tjj-economic-indicators',
    kind: 'WRONG_OPEN_ATTRIBUTE',
    content: '月度分县市区指标已在统计公报中公开，建议一并无条件开放，而不是只开放全市合计。',
  },
];

/** The open dataset of a demo entry, as the public sees it. */
async function datasetOf(gql: Gql, resourceId: string): Promise<string> {
  const r = await gql(null, 'query($id: ID!) { dataResource(id: $id) { openDataset { id } } }', { id: resourceId });
  const id = r.dataResource?.openDataset?.id as string | undefined;
  if (!id) throw new Error(`seed: catalog entry ${resourceId} has no open dataset`);
  return id;
}

export async function seedOpeningOpinions(gql: Gql, organizations: Map<string, string>, resources: Map<string, string>): Promise<string> {
  for (const o of DEMO_OPINIONS) {
    const resourceId = resources.get(o.resourceKey)!;
    const datasetId = await datasetOf(gql, resourceId);
    const filed = await gql(null, 'mutation($id: ID!, $input: FileOpenDataOpinionInput!) { fileOpenDataOpinion(id: $id, input: $input) { id } }', {
      id: datasetId,
      input: { kind: o.kind, content: o.content },
    });
    if (!o.answer) continue;
    const provider = (await gql(null, 'query($id: ID!) { openDataset(id: $id) { provider { id } } }', { id: datasetId })).openDataset.provider.id as string;
    await gql(staffOf(provider), 'mutation($id: ID!, $a: String!) { answerOpenDataOpinion(id: $id, answer: $a) { id } }', { id: filed.fileOpenDataOpinion.id, a: o.answer });
  }

  const produce = resources.get('liandu-nyj-produce-testing')!;
  const today = todayInChina();
  await gql(staffOf(organizations.get('liandu-nyj')!), 'mutation($id: ID!, $input: RecordOpenDataOpinionInput!) { recordOpenDataOpinion(id: $id, input: $input) { id } }', {
    id: await datasetOf(gql, produce),
    input: {
      kind: 'POOR_QUALITY',
      content: '市民来电反映：农产品抽检数据的检测项目名称不统一（如“农残”“农药残留”混用），难以按项目汇总。',
      channel: 'HOTLINE',
      receivedOn: addDays(today, -28),
    },
  });

  const parkingAgency = organizations.get('liandu-zfj')!;
  const parkingEntry = resources.get('liandu-zfj-public-parking')!;
  const accepted = await gql(null, 'mutation($input: FileOpenDataDemandInput!) { fileOpenDataDemand(input: $input) { id } }', {
    input: {
      providerId: parkingAgency,
      description: '莲都区公共停车场的实时空余泊位、收费标准和开放时间，按停车场逐一列出，每5分钟更新。',
      purpose: '开发面向市民的停车导航小程序，减少城区绕行找车位。',
    },
  });
  await gql(
    staffOf(parkingAgency),
    'mutation($id: ID!, $reply: String, $r: ID, $ds: ID) { answerOpenDataDemand(id: $id, decision: ACCEPTED, reply: $reply, resourceId: $r, datasetId: $ds) { id } }',
    {
      id: accepted.fileOpenDataDemand.id,
      reply: '经评估同意开放：已编入目录“公共停车场实时泊位”，并通过接口和下载方式开放。',
      r: parkingEntry,
      ds: await datasetOf(gql, parkingEntry),
    },
  );
  await gql(null, 'mutation($input: FileOpenDataDemandInput!) { fileOpenDataDemand(input: $input) { id } }', {
    input: {
      regionCode: '331100',
      description: '丽水市各乡镇（街道）的公共充电桩位置、功率和实时占用情况。',
      purpose: '为新能源汽车车主提供充电桩查询，并研究充电设施布局。',
    },
  });
  return `${DEMO_OPINIONS.length} opinions on open datasets (${DEMO_OPINIONS.filter((o) => o.answer).length} answered) and 2 demands for data not yet open (1 accepted and linked, 1 awaiting its agency)`;
}
