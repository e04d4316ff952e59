/**
 * Demo data for the 丽水市 (331100) public-data federation: organizations, catalogue resources
 * (数据资源目录) and authorized operators (授权运营单位).
 *
 * Plain typed data, no I/O — shared by the demo seeder and by tests (see demo-data.test.ts,
 * which runs the catalog's own validation on every entry, so edit with care).
 *
 * Two parts: hand-written organizations and entries (the ones the playground and the docs name),
 * and entries generated from the sector templates of catalog-templates.ts (agency × dataset
 * template × region), so the catalog has the size and variety of a real one (some 350 entries).
 * A few entries are deliberately left in review, as drafts, overdue or duplicating an
 * authoritative source, so every screen of the workflow has something to show.
 *
 * Topology:
 *   - lishui   (city node): 331100 丽水市 itself plus the counties without their own platform
 *                           (331121 青田县 … 331127 景宁畲族自治县);
 *   - liandu   (district node): 331102 莲都区;
 *   - longquan (district node): 331181 龙泉市.
 *
 * Unified social credit codes (GB 32100) are built from first-17 strings:
 *   registration-authority + kind ('11' 机关, '12' 事业单位, '91' 企业) + 6-digit region code
 *   + 9-char organization code (GB 11714: 8 body chars + its own check char).
 */
import { makeCreditCode, makeOrganizationCode } from '../subgraphs/kit/rules/credit-code.js';
import { getRegion, type RegionInfo } from '../schema/regions.js';
import type { DataFormat, Library, OpenAttribute, OrgKind, SecurityGrade, ShareAttribute, UpdateFrequency } from '../schema/enums.js';
import { appliesAt, entryName, entrySummary, SECTORS, templateFields, type DatasetTemplate, type DemoItem, type Sector } from './catalog-templates.js';

export type NodeId = 'lishui' | 'liandu' | 'longquan';

/** Where an entry ends up in the review workflow (CAT-5); absent means PUBLISHED. */
export type DemoStatus = 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'DEPRECATED';

export interface DemoResource {
  key: string;            // stable key unique across the file, e.g. 'lishui-amr-business-licence'
  providerKey: string;    // DemoOrganization.key
  code: string;           // resource code: region/department/sequence, e.g. '331100/00102/0001', unique
  name: string; summary: string;
  categoryCode: string;   // e.g. '01-02-03' (类-项-目)
  library: Library; format: DataFormat; updateFrequency: UpdateFrequency; securityGrade: SecurityGrade;
  shareAttribute: ShareAttribute; shareCondition?: string; shareReason?: string; legalBasis?: string;
  openAttribute: OpenAttribute; openCondition?: string;
  desensitized?: boolean;
  items: DemoItem[];
  openDataset?: { title: string; accessMethods: ('DOWNLOAD' | 'API')[] };
  status?: DemoStatus;
  /** The authority's comment (RETURNED) or reason (DEPRECATED). */
  reviewNote?: string;
  /**
   * Items an authoritative source on the node provides are left unlinked: the one-source check
   * flags them (CAT-6). Every other entry links such items to their source.
   */
  oneSourceDuplicate?: boolean;
  /** The provider last reported a data update this many months ago, so the entry is overdue (CAT-7). */
  lastUpdateMonthsAgo?: number;
}

export interface DemoOrganization {
  key: string; nodeId: NodeId; regionCode: string; name: string; creditCode: string; kind: OrgKind;
  /** The agency's line of work: which dataset templates of catalog-templates.ts it registers. */
  sector?: Sector;
}

export interface DemoOperator { organizationKey: string; agreementNo: string; termStart: string /* YYYY-MM-DD */ }

// ---------------------------------------------------------------------------------------------
// Organizations
// ---------------------------------------------------------------------------------------------

const LISTED_ORGANIZATIONS: DemoOrganization[] = [
  // ---- lishui (city node) -------------------------------------------------------------------
  { key: 'lishui-dsj', nodeId: 'lishui', regionCode: '331100', name: '丽水市大数据发展管理局', creditCode: makeCreditCode('11331100MB195720X'), kind: 'AUTHORITY' },
  { key: 'lishui-gaj', nodeId: 'lishui', regionCode: '331100', name: '丽水市公安局', creditCode: makeCreditCode('11331100002614356'), kind: 'AGENCY', sector: 'gaj' },
  { key: 'lishui-amr', nodeId: 'lishui', regionCode: '331100', name: '丽水市市场监督管理局', creditCode: makeCreditCode('1133110000261628X'), kind: 'AGENCY', sector: 'amr' },
  { key: 'lishui-hrss', nodeId: 'lishui', regionCode: '331100', name: '丽水市人力资源和社会保障局', creditCode: makeCreditCode('1133110000261740X'), kind: 'AGENCY', sector: 'hrss' },
  { key: 'lishui-wjw', nodeId: 'lishui', regionCode: '331100', name: '丽水市卫生健康委员会', creditCode: makeCreditCode('1133110000261863X'), kind: 'AGENCY', sector: 'wjw' },
  { key: 'lishui-zrzy', nodeId: 'lishui', regionCode: '331100', name: '丽水市自然资源和规划局', creditCode: makeCreditCode('11331100002620158'), kind: 'AGENCY', sector: 'zrzy' },
  { key: 'lishui-jtj', nodeId: 'lishui', regionCode: '331100', name: '丽水市交通运输局', creditCode: makeCreditCode('11331100002621804'), kind: 'AGENCY', sector: 'jtj' },
  { key: 'lishui-sthj', nodeId: 'lishui', regionCode: '331100', name: '丽水市生态环境局', creditCode: makeCreditCode('11331100002623471'), kind: 'AGENCY', sector: 'sthj' },
  { key: 'lishui-zjj', nodeId: 'lishui', regionCode: '331100', name: '丽水市住房和城乡建设局', creditCode: makeCreditCode('11331100002624191'), kind: 'AGENCY', sector: 'zjj' },
  { key: 'lishui-mzj', nodeId: 'lishui', regionCode: '331100', name: '丽水市民政局', creditCode: makeCreditCode('11331100002625864'), kind: 'AGENCY', sector: 'mzj' },
  { key: 'lishui-ybj', nodeId: 'lishui', regionCode: '331100', name: '丽水市医疗保障局', creditCode: makeCreditCode('11331100MB0H37263'), kind: 'AGENCY', sector: 'ybj' },
  { key: 'lishui-tjj', nodeId: 'lishui', regionCode: '331100', name: '丽水市统计局', creditCode: makeCreditCode('11331100002626939'), kind: 'AGENCY', sector: 'tjj' },
  // county agencies hosted on the city node (counties without their own platform)
  { key: 'qingtian-amr', nodeId: 'lishui', regionCode: '331121', name: '青田县市场监督管理局', creditCode: makeCreditCode('11331121002581144'), kind: 'AGENCY', sector: 'amr' },
  { key: 'jinyun-hrss', nodeId: 'lishui', regionCode: '331122', name: '缙云县人力资源和社会保障局', creditCode: makeCreditCode('11331122002583764'), kind: 'AGENCY', sector: 'hrss' },
  // public service providers
  { key: 'lishui-water', nodeId: 'lishui', regionCode: '331100', name: '丽水市水务集团有限公司', creditCode: makeCreditCode('91331100148261071'), kind: 'PUBLIC_SERVICE' },
  { key: 'lishui-power', nodeId: 'lishui', regionCode: '331100', name: '国网浙江省电力有限公司丽水供电公司', creditCode: makeCreditCode('91331100704438625'), kind: 'PUBLIC_SERVICE' },
  // enterprises that become authorized operators (授权运营单位)
  { key: 'lishui-sjyy', nodeId: 'lishui', regionCode: '331100', name: '丽水市公共数据运营有限公司', creditCode: makeCreditCode('91331100MA2E0L3BX'), kind: 'ENTERPRISE' },
  { key: 'lishui-oujiang', nodeId: 'lishui', regionCode: '331100', name: '丽水瓯江数智科技有限公司', creditCode: makeCreditCode('91331100MA2HQ7K55'), kind: 'ENTERPRISE' },

  // ---- liandu (district node, 莲都区) --------------------------------------------------------
  { key: 'liandu-dsj', nodeId: 'liandu', regionCode: '331102', name: '丽水市莲都区大数据发展中心', creditCode: makeCreditCode('12331102MB1D40727'), kind: 'AUTHORITY' },
  { key: 'liandu-amr', nodeId: 'liandu', regionCode: '331102', name: '丽水市莲都区市场监督管理局', creditCode: makeCreditCode('11331102002571835'), kind: 'AGENCY', sector: 'amr' },
  { key: 'liandu-hrss', nodeId: 'liandu', regionCode: '331102', name: '丽水市莲都区人力资源和社会保障局', creditCode: makeCreditCode('11331102002572416'), kind: 'AGENCY', sector: 'hrss' },
  { key: 'liandu-wjj', nodeId: 'liandu', regionCode: '331102', name: '丽水市莲都区卫生健康局', creditCode: makeCreditCode('11331102002573697'), kind: 'AGENCY', sector: 'wjw' },
  { key: 'liandu-nyj', nodeId: 'liandu', regionCode: '331102', name: '丽水市莲都区农业农村局', creditCode: makeCreditCode('11331102002574307'), kind: 'AGENCY', sector: 'nyj' },
  { key: 'liandu-zfj', nodeId: 'liandu', regionCode: '331102', name: '丽水市莲都区综合行政执法局', creditCode: makeCreditCode('11331102MB1C83590'), kind: 'AGENCY' },

  // ---- longquan (district node, 龙泉市) ------------------------------------------------------
  { key: 'longquan-dsj', nodeId: 'longquan', regionCode: '331181', name: '龙泉市大数据发展中心', creditCode: makeCreditCode('12331181MB1F29132'), kind: 'AUTHORITY' },
  { key: 'longquan-amr', nodeId: 'longquan', regionCode: '331181', name: '龙泉市市场监督管理局', creditCode: makeCreditCode('1133118100259018X'), kind: 'AGENCY', sector: 'amr' },
  { key: 'longquan-lyj', nodeId: 'longquan', regionCode: '331181', name: '龙泉市林业局', creditCode: makeCreditCode('11331181002591270'), kind: 'AGENCY' },
  { key: 'longquan-hrss', nodeId: 'longquan', regionCode: '331181', name: '龙泉市人力资源和社会保障局', creditCode: makeCreditCode('11331181002592644'), kind: 'AGENCY', sector: 'hrss' },
  { key: 'longquan-wglt', nodeId: 'longquan', regionCode: '331181', name: '龙泉市文化和广电旅游体育局', creditCode: makeCreditCode('11331181MB1E60470'), kind: 'AGENCY', sector: 'wglt' },
  { key: 'longquan-jsk', nodeId: 'longquan', regionCode: '331181', name: '龙泉市经济商务科技局', creditCode: makeCreditCode('11331181002593858'), kind: 'AGENCY' },
];

// ---------------------------------------------------------------------------------------------
// Resources (数据资源目录)
// Department segment of the code: 5 digits per provider, unique within its region.
// ---------------------------------------------------------------------------------------------

const LISTED_RESOURCES: DemoResource[] = [
  // ==== lishui: 丽水市公安局 (00101) ===========================================================
  {
    key: 'lishui-gaj-household-population', providerKey: 'lishui-gaj', code: '331100/00101/0001',
    name: '户籍人口基本信息', summary: '全市常住户籍人口的身份、户籍登记及户主关系等基本信息，是人口综合库的权威来源。',
    categoryCode: '01-01-01', library: 'POPULATION', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'CORE',
    shareAttribute: 'CONDITIONAL', shareCondition: '仅限通过核验接口逐条比对，不得批量导出或留存', shareReason: '涉及公民身份信息，仅为办理政务服务事项核验办事人身份提供',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '公民身份号码', dataType: 'STRING', personalInfo: true, identifier: true, authoritative: true },
      { name: '姓名', dataType: 'STRING', personalInfo: true },
      { name: '性别', dataType: 'STRING' },
      { name: '民族', dataType: 'STRING' },
      { name: '出生日期', dataType: 'DATE', personalInfo: true },
      { name: '户籍地址', dataType: 'STRING', personalInfo: true },
      { name: '与户主关系', dataType: 'STRING' },
      { name: '户籍登记日期', dataType: 'DATE' },
    ],
  },
  {
    key: 'lishui-gaj-motor-vehicle', providerKey: 'lishui-gaj', code: '331100/00101/0002',
    name: '机动车登记信息', summary: '本市登记的机动车号牌、车辆类型、所有人及登记状态信息。',
    categoryCode: '02-03-01', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
    shareAttribute: 'CONDITIONAL', shareCondition: '仅限用于车辆相关行政审批、税费征收和执法办案', shareReason: '含车辆所有人个人信息，须按具体业务场景申请使用',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '号牌号码', dataType: 'STRING', identifier: true },
      { name: '号牌种类', dataType: 'STRING' },
      { name: '车辆类型', dataType: 'STRING' },
      { name: '所有人姓名', dataType: 'STRING', personalInfo: true },
      { name: '所有人身份证明号码', dataType: 'STRING', personalInfo: true },
      { name: '初次登记日期', dataType: 'DATE' },
      { name: '机动车状态', dataType: 'STRING' },
    ],
  },

  // ==== lishui: 丽水市市场监督管理局 (00102) ====================================================
  {
    key: 'lishui-amr-business-registration', providerKey: 'lishui-amr', code: '331100/00102/0001',
    name: '企业登记信息', summary: '全市各类企业的设立、变更、注销登记信息，法人综合库的基础数据。',
    categoryCode: '02-01-01', library: 'LEGAL_PERSON', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '统一社会信用代码', dataType: 'STRING', identifier: true, authoritative: true },
      { name: '企业名称', dataType: 'STRING' },
      { name: '法定代表人', dataType: 'STRING', personalInfo: true },
      { name: '法定代表人证件号码', dataType: 'STRING', personalInfo: true },
      { name: '注册资本', dataType: 'DECIMAL', description: '单位：万元' },
      { name: '成立日期', dataType: 'DATE' },
      { name: '经营范围', dataType: 'STRING' },
      { name: '住所', dataType: 'STRING' },
      { name: '登记状态', dataType: 'STRING' },
    ],
  },
  {
    key: 'lishui-amr-business-disclosure', providerKey: 'lishui-amr', code: '331100/00102/0002',
    name: '企业登记公示信息', summary: '依据《企业信息公示暂行条例》公示的企业登记事项，法定代表人姓名已脱敏。',
    categoryCode: '02-01-02', library: 'LEGAL_PERSON', format: 'API', updateFrequency: 'DAILY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'UNCONDITIONAL', desensitized: true,
    items: [
      { name: '统一社会信用代码', dataType: 'STRING', identifier: true },
      { name: '企业名称', dataType: 'STRING' },
      { name: '企业类型', dataType: 'STRING' },
      { name: '法定代表人', dataType: 'STRING', personalInfo: true, description: '脱敏，仅保留姓氏' },
      { name: '注册资本', dataType: 'DECIMAL', description: '单位：万元' },
      { name: '成立日期', dataType: 'DATE' },
      { name: '登记机关', dataType: 'STRING' },
      { name: '登记状态', dataType: 'STRING' },
    ],
    openDataset: { title: '丽水市企业登记公示信息', accessMethods: ['DOWNLOAD', 'API'] },
  },
  {
    key: 'lishui-amr-food-licence', providerKey: 'lishui-amr', code: '331100/00102/0003',
    name: '食品经营许可证信息', summary: '食品经营许可证的核发、延续、变更及注销信息（电子证照）。',
    categoryCode: '04-02-01', library: 'E_LICENSE', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '许可证编号', dataType: 'STRING', identifier: true },
      { name: '经营者名称', dataType: 'STRING' },
      { name: '统一社会信用代码', dataType: 'STRING', identifier: true },
      { name: '经营场所', dataType: 'STRING' },
      { name: '主体业态', dataType: 'STRING' },
      { name: '发证日期', dataType: 'DATE' },
      { name: '有效期至', dataType: 'DATE' },
    ],
  },
  {
    key: 'lishui-amr-penalty', providerKey: 'lishui-amr', code: '331100/00102/0004',
    name: '市场监管行政处罚信息', summary: '市场监管领域对法人和其他组织作出的行政处罚决定，纳入公共信用信息。',
    categoryCode: '03-02-01', library: 'CREDIT', format: 'API', updateFrequency: 'DAILY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'RESTRICTED', openCondition: '仅开放处罚决定公示期内的记录，经实名注册并签署数据使用协议后通过接口调用',
    items: [
      { name: '行政处罚决定书文号', dataType: 'STRING', identifier: true },
      { name: '当事人名称', dataType: 'STRING' },
      { name: '统一社会信用代码', dataType: 'STRING', identifier: true },
      { name: '违法行为类型', dataType: 'STRING' },
      { name: '处罚内容', dataType: 'STRING' },
      { name: '罚没款金额', dataType: 'DECIMAL', description: '单位：万元' },
      { name: '处罚决定日期', dataType: 'DATE' },
      { name: '公示截止日期', dataType: 'DATE' },
    ],
    openDataset: { title: '丽水市市场监管行政处罚信息（公示期内）', accessMethods: ['API'] },
  },

  // ==== lishui: 丽水市人力资源和社会保障局 (00103) ==============================================
  {
    key: 'lishui-hrss-social-insurance', providerKey: 'lishui-hrss', code: '331100/00103/0001',
    name: '社会保险参保信息', summary: '企业职工基本养老、失业、工伤保险的参保登记与缴费状态。',
    categoryCode: '01-03-01', library: 'POPULATION', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
    shareAttribute: 'CONDITIONAL', shareCondition: '仅限用于社会保障待遇资格认证', shareReason: '含参保人身份及缴费信息，须限定使用场景',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '公民身份号码', dataType: 'STRING', personalInfo: true, identifier: true },
      { name: '姓名', dataType: 'STRING', personalInfo: true },
      { name: '险种类型', dataType: 'STRING' },
      { name: '参保单位名称', dataType: 'STRING' },
      { name: '参保状态', dataType: 'STRING' },
      { name: '首次参保日期', dataType: 'DATE' },
      { name: '缴费基数', dataType: 'DECIMAL', personalInfo: true, description: '单位：元' },
      { name: '最近缴费年月', dataType: 'STRING' },
    ],
  },
  {
    key: 'lishui-hrss-skill-certificate', providerKey: 'lishui-hrss', code: '331100/00103/0002',
    name: '职业技能等级证书信息', summary: '经备案的评价机构颁发的职业技能等级证书电子证照信息。',
    categoryCode: '04-03-01', library: 'E_LICENSE', format: 'DATABASE', updateFrequency: 'WEEKLY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '证书编号', dataType: 'STRING', identifier: true },
      { name: '持证人姓名', dataType: 'STRING', personalInfo: true },
      { name: '持证人身份证件号码', dataType: 'STRING', personalInfo: true },
      { name: '职业（工种）名称', dataType: 'STRING' },
      { name: '技能等级', dataType: 'STRING' },
      { name: '评价机构名称', dataType: 'STRING' },
      { name: '发证日期', dataType: 'DATE' },
    ],
  },

  // ==== lishui: 丽水市卫生健康委员会 (00104) ====================================================
  {
    key: 'lishui-wjw-medical-institutions', providerKey: 'lishui-wjw', code: '331100/00104/0001',
    name: '医疗机构名录', summary: '全市取得《医疗机构执业许可证》的医院、卫生院、社区卫生服务中心等机构名录。',
    categoryCode: '05-01-01', library: 'THEMATIC', format: 'SPREADSHEET', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'UNCONDITIONAL',
    items: [
      { name: '医疗机构登记号', dataType: 'STRING', identifier: true },
      { name: '机构名称', dataType: 'STRING' },
      { name: '机构类别', dataType: 'STRING' },
      { name: '医院等级', dataType: 'STRING' },
      { name: '经营性质', dataType: 'STRING', description: '非营利性/营利性' },
      { name: '地址', dataType: 'STRING' },
      { name: '联系电话', dataType: 'STRING' },
      { name: '诊疗科目', dataType: 'STRING' },
    ],
    openDataset: { title: '丽水市医疗机构名录', accessMethods: ['DOWNLOAD', 'API'] },
  },
  {
    key: 'lishui-wjw-electronic-medical-record', providerKey: 'lishui-wjw', code: '331100/00104/0002',
    name: '居民电子病历信息', summary: '全市公立医疗机构门诊、住院电子病历摘要，汇聚于全民健康信息平台。',
    categoryCode: '05-02-01', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'REAL_TIME', securityGrade: 'CORE',
    shareAttribute: 'NOT_SHARED', legalBasis: '《中华人民共和国基本医疗卫生与健康促进法》第九十二条',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '病历号', dataType: 'STRING', identifier: true },
      { name: '患者公民身份号码', dataType: 'STRING', personalInfo: true },
      { name: '患者姓名', dataType: 'STRING', personalInfo: true },
      { name: '就诊机构', dataType: 'STRING' },
      { name: '就诊时间', dataType: 'DATETIME' },
      { name: '诊断编码', dataType: 'STRING', personalInfo: true, description: 'ICD-10' },
      { name: '诊断名称', dataType: 'STRING', personalInfo: true },
    ],
  },
  {
    key: 'lishui-wjw-birth-certificate', providerKey: 'lishui-wjw', code: '331100/00104/0003',
    name: '出生医学证明信息', summary: '助产机构签发的出生医学证明电子证照，用于新生儿落户、医保参保等“出生一件事”联办。',
    categoryCode: '04-05-01', library: 'E_LICENSE', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
    shareAttribute: 'CONDITIONAL', shareCondition: '仅限用于“出生一件事”联办中的户口登记、医保参保和社保卡申领', shareReason: '含新生儿及父母身份信息',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '出生医学证明编号', dataType: 'STRING', identifier: true },
      { name: '新生儿姓名', dataType: 'STRING', personalInfo: true },
      { name: '性别', dataType: 'STRING' },
      { name: '出生时间', dataType: 'DATETIME', personalInfo: true },
      { name: '出生地点', dataType: 'STRING' },
      { name: '母亲姓名', dataType: 'STRING', personalInfo: true },
      { name: '母亲有效身份证件号码', dataType: 'STRING', personalInfo: true },
      { name: '父亲姓名', dataType: 'STRING', personalInfo: true },
      { name: '签发机构', dataType: 'STRING' },
    ],
  },

  // ==== lishui: 丽水市自然资源和规划局 (00105) ==================================================
  {
    key: 'lishui-zrzy-real-estate', providerKey: 'lishui-zrzy', code: '331100/00105/0001',
    name: '不动产登记信息', summary: '国有建设用地使用权及房屋所有权首次、转移、抵押登记结果。',
    categoryCode: '06-02-01', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
    shareAttribute: 'CONDITIONAL', shareCondition: '仅限用于住房保障资格审核、司法查控及“房产交易一件事”', shareReason: '涉及权利人财产信息，依《不动产登记暂行条例》限定查询用途',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '不动产单元号', dataType: 'STRING', identifier: true, authoritative: true },
      { name: '不动产权证书号', dataType: 'STRING' },
      { name: '权利人名称', dataType: 'STRING', personalInfo: true },
      { name: '权利人证件号码', dataType: 'STRING', personalInfo: true },
      { name: '坐落', dataType: 'STRING' },
      { name: '用途', dataType: 'STRING' },
      { name: '建筑面积', dataType: 'DECIMAL', description: '单位：平方米' },
      { name: '登记时间', dataType: 'DATETIME' },
      { name: '抵押状态', dataType: 'BOOLEAN' },
    ],
  },
  {
    key: 'lishui-zrzy-standard-address', providerKey: 'lishui-zrzy', code: '331100/00105/0002',
    name: '标准地名地址信息', summary: '全市标准地名、门（楼）牌地址及其空间坐标，时空地理库的基础图层。',
    categoryCode: '07-01-01', library: 'SPATIAL_GEOGRAPHY', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '地址编码', dataType: 'STRING', identifier: true },
      { name: '标准地址', dataType: 'STRING' },
      { name: '所属乡镇（街道）', dataType: 'STRING' },
      { name: '所属村（社区）', dataType: 'STRING' },
      { name: '经度', dataType: 'DECIMAL', description: 'CGCS2000' },
      { name: '纬度', dataType: 'DECIMAL', description: 'CGCS2000' },
    ],
  },

  // ==== lishui: 丽水市交通运输局 (00106) ========================================================
  {
    key: 'lishui-jtj-bus-routes', providerKey: 'lishui-jtj', code: '331100/00106/0001',
    name: '城市公交线路信息', summary: '丽水市区公交线路的走向、站点、首末班时间及票价。',
    categoryCode: '08-01-01', library: 'THEMATIC', format: 'SPREADSHEET', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'UNCONDITIONAL',
    items: [
      { name: '线路编号', dataType: 'STRING', identifier: true },
      { name: '线路名称', dataType: 'STRING' },
      { name: '起点站', dataType: 'STRING' },
      { name: '终点站', dataType: 'STRING' },
      { name: '首班时间', dataType: 'STRING', description: 'HH:mm' },
      { name: '末班时间', dataType: 'STRING', description: 'HH:mm' },
      { name: '票价', dataType: 'DECIMAL', description: '单位：元' },
      { name: '途经站点', dataType: 'STRING' },
    ],
    openDataset: { title: '丽水市城市公交线路', accessMethods: ['DOWNLOAD', 'API'] },
  },

  // ==== lishui: 丽水市生态环境局 (00107) ========================================================
  {
    key: 'lishui-sthj-air-quality', providerKey: 'lishui-sthj', code: '331100/00107/0001',
    name: '环境空气质量监测数据', summary: '全市国控、省控空气自动监测站逐小时监测数据及空气质量指数。',
    categoryCode: '09-01-01', library: 'THEMATIC', format: 'API', updateFrequency: 'REAL_TIME', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'UNCONDITIONAL',
    items: [
      { name: '监测站点编码', dataType: 'STRING', identifier: true },
      { name: '监测站点名称', dataType: 'STRING' },
      { name: '监测时间', dataType: 'DATETIME' },
      { name: 'PM2.5浓度', dataType: 'DECIMAL', description: '单位：μg/m³' },
      { name: 'PM10浓度', dataType: 'DECIMAL', description: '单位：μg/m³' },
      { name: '臭氧浓度', dataType: 'DECIMAL', description: '单位：μg/m³' },
      { name: '空气质量指数', dataType: 'INTEGER' },
      { name: '首要污染物', dataType: 'STRING' },
    ],
    openDataset: { title: '丽水市环境空气质量实时监测', accessMethods: ['DOWNLOAD', 'API'] },
  },
  {
    key: 'lishui-sthj-discharge-permit', providerKey: 'lishui-sthj', code: '331100/00107/0002',
    name: '排污许可证信息', summary: '实行排污许可重点管理和简化管理的排污单位许可信息。',
    categoryCode: '04-02-03', library: 'E_LICENSE', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'RESTRICTED', openCondition: '面向科研机构和环保社会组织，经申请审核后通过接口开放',
    items: [
      { name: '许可证编号', dataType: 'STRING', identifier: true },
      { name: '排污单位名称', dataType: 'STRING' },
      { name: '统一社会信用代码', dataType: 'STRING', identifier: true },
      { name: '行业类别', dataType: 'STRING' },
      { name: '管理类别', dataType: 'STRING', description: '重点管理/简化管理' },
      { name: '主要污染物种类', dataType: 'STRING' },
      { name: '有效期至', dataType: 'DATE' },
    ],
    openDataset: { title: '丽水市排污许可证信息', accessMethods: ['API'] },
  },

  // ==== lishui: 丽水市住房和城乡建设局 (00108) ==================================================
  {
    key: 'lishui-zjj-presale-permit', providerKey: 'lishui-zjj', code: '331100/00108/0001',
    name: '商品房预售许可信息', summary: '市区商品房项目预售许可证核发信息。',
    categoryCode: '04-02-04', library: 'E_LICENSE', format: 'SPREADSHEET', updateFrequency: 'WEEKLY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'UNCONDITIONAL',
    items: [
      { name: '预售许可证号', dataType: 'STRING', identifier: true },
      { name: '项目名称', dataType: 'STRING' },
      { name: '开发企业', dataType: 'STRING' },
      { name: '项目坐落', dataType: 'STRING' },
      { name: '预售幢号', dataType: 'STRING' },
      { name: '预售面积', dataType: 'DECIMAL', description: '单位：平方米' },
      { name: '预售套数', dataType: 'INTEGER' },
      { name: '发证日期', dataType: 'DATE' },
    ],
    openDataset: { title: '丽水市商品房预售许可', accessMethods: ['DOWNLOAD', 'API'] },
  },

  // ==== lishui: 丽水市民政局 (00109) ============================================================
  {
    key: 'lishui-mzj-marriage', providerKey: 'lishui-mzj', code: '331100/00109/0001',
    name: '婚姻登记信息', summary: '结婚、离婚及补领婚姻登记证的登记记录。',
    categoryCode: '01-02-01', library: 'POPULATION', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
    shareAttribute: 'CONDITIONAL', shareCondition: '仅限用于婚姻状况核验，不返回对方当事人信息', shareReason: '婚姻状况属个人敏感信息',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '婚姻登记证字号', dataType: 'STRING', identifier: true },
      { name: '登记类型', dataType: 'STRING', description: '结婚/离婚/补领' },
      { name: '男方姓名', dataType: 'STRING', personalInfo: true },
      { name: '男方公民身份号码', dataType: 'STRING', personalInfo: true },
      { name: '女方姓名', dataType: 'STRING', personalInfo: true },
      { name: '女方公民身份号码', dataType: 'STRING', personalInfo: true },
      { name: '登记日期', dataType: 'DATE' },
      { name: '登记机关', dataType: 'STRING' },
    ],
  },
  {
    key: 'lishui-mzj-adoption', providerKey: 'lishui-mzj', code: '331100/00109/0002',
    name: '收养登记信息', summary: '收养关系成立、解除登记记录。',
    categoryCode: '01-02-02', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'ON_DEMAND', securityGrade: 'IMPORTANT',
    shareAttribute: 'NOT_SHARED', legalBasis: '《中华人民共和国民法典》第一千一百一十条',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '收养登记证号', dataType: 'STRING', identifier: true },
      { name: '收养人姓名', dataType: 'STRING', personalInfo: true },
      { name: '被收养人姓名', dataType: 'STRING', personalInfo: true },
      { name: '送养人姓名', dataType: 'STRING', personalInfo: true },
      { name: '登记类型', dataType: 'STRING' },
      { name: '登记日期', dataType: 'DATE' },
    ],
  },
  {
    key: 'lishui-mzj-elderly-care-institutions', providerKey: 'lishui-mzj', code: '331100/00109/0003',
    name: '养老机构名录', summary: '全市已备案的养老机构及其床位、服务类型信息。',
    categoryCode: '05-03-01', library: 'THEMATIC', format: 'SPREADSHEET', updateFrequency: 'QUARTERLY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'UNCONDITIONAL',
    items: [
      { name: '机构名称', dataType: 'STRING', identifier: true },
      { name: '统一社会信用代码', dataType: 'STRING', identifier: true },
      { name: '机构性质', dataType: 'STRING', description: '公办/民办/公建民营' },
      { name: '地址', dataType: 'STRING' },
      { name: '床位数', dataType: 'INTEGER' },
      { name: '护理型床位数', dataType: 'INTEGER' },
      { name: '联系电话', dataType: 'STRING' },
    ],
    openDataset: { title: '丽水市养老机构名录', accessMethods: ['DOWNLOAD', 'API'] },
  },

  // ==== lishui: 丽水市医疗保障局 (00110) ========================================================
  {
    key: 'lishui-ybj-designated-institutions', providerKey: 'lishui-ybj', code: '331100/00110/0001',
    name: '医保定点医药机构信息', summary: '全市基本医疗保险定点医疗机构和定点零售药店名单。',
    categoryCode: '05-04-01', library: 'THEMATIC', format: 'SPREADSHEET', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'UNCONDITIONAL',
    items: [
      { name: '定点机构编码', dataType: 'STRING', identifier: true },
      { name: '机构名称', dataType: 'STRING' },
      { name: '机构类型', dataType: 'STRING', description: '定点医疗机构/定点零售药店' },
      { name: '所属区县', dataType: 'STRING' },
      { name: '地址', dataType: 'STRING' },
      { name: '是否开通跨省直接结算', dataType: 'BOOLEAN' },
    ],
    openDataset: { title: '丽水市医保定点医药机构', accessMethods: ['DOWNLOAD', 'API'] },
  },
  {
    key: 'lishui-ybj-medical-insurance', providerKey: 'lishui-ybj', code: '331100/00110/0002',
    name: '基本医疗保险参保缴费信息', summary: '职工医保和城乡居民医保参保登记及缴费记录。',
    categoryCode: '01-03-02', library: 'POPULATION', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
    shareAttribute: 'CONDITIONAL', shareCondition: '仅限用于医疗救助对象认定和参保扩面核查', shareReason: '含参保人身份和缴费信息',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '公民身份号码', dataType: 'STRING', personalInfo: true, identifier: true },
      { name: '姓名', dataType: 'STRING', personalInfo: true },
      { name: '险种', dataType: 'STRING', description: '职工医保/城乡居民医保' },
      { name: '参保状态', dataType: 'STRING' },
      { name: '缴费年度', dataType: 'INTEGER' },
      { name: '缴费金额', dataType: 'DECIMAL', description: '单位：元' },
    ],
  },

  // ==== lishui: 丽水市统计局 (00111) ============================================================
  {
    key: 'lishui-tjj-economic-indicators', providerKey: 'lishui-tjj', code: '331100/00111/0001',
    name: '全市主要经济指标', summary: '地区生产总值、规上工业增加值、社会消费品零售总额等月度/季度主要经济指标。',
    categoryCode: '10-01-01', library: 'MACRO_ECONOMY', format: 'SPREADSHEET', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'UNCONDITIONAL',
    items: [
      { name: '统计期', dataType: 'STRING', identifier: true, description: 'YYYY-MM' },
      { name: '指标名称', dataType: 'STRING', identifier: true },
      { name: '计量单位', dataType: 'STRING' },
      { name: '本期值', dataType: 'DECIMAL' },
      { name: '累计值', dataType: 'DECIMAL' },
      { name: '累计同比增长', dataType: 'DECIMAL', description: '单位：%' },
    ],
    openDataset: { title: '丽水市主要经济指标', accessMethods: ['DOWNLOAD', 'API'] },
  },
  {
    key: 'lishui-tjj-enterprise-survey-raw', providerKey: 'lishui-tjj', code: '331100/00111/0002',
    name: '规模以上工业企业统计调查原始资料', summary: '规上工业企业联网直报的财务状况、产销总值等统计调查原始数据。',
    categoryCode: '10-02-01', library: 'MACRO_ECONOMY', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'IMPORTANT',
    shareAttribute: 'NOT_SHARED', legalBasis: '《中华人民共和国统计法》第二十五条',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '统一社会信用代码', dataType: 'STRING', identifier: true },
      { name: '企业名称', dataType: 'STRING' },
      { name: '报告期', dataType: 'STRING' },
      { name: '工业总产值', dataType: 'DECIMAL', description: '单位：千元' },
      { name: '营业收入', dataType: 'DECIMAL', description: '单位：千元' },
      { name: '利润总额', dataType: 'DECIMAL', description: '单位：千元' },
      { name: '从业人员期末人数', dataType: 'INTEGER' },
    ],
  },

  // ==== lishui node, county agencies ============================================================
  {
    key: 'qingtian-amr-individual-business', providerKey: 'qingtian-amr', code: '331121/00102/0001',
    name: '青田县个体工商户登记信息', summary: '青田县个体工商户设立、变更、注销登记信息。',
    categoryCode: '02-01-03', library: 'LEGAL_PERSON', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '统一社会信用代码', dataType: 'STRING', identifier: true },
      { name: '个体工商户名称', dataType: 'STRING' },
      { name: '经营者姓名', dataType: 'STRING', personalInfo: true },
      { name: '经营者身份证件号码', dataType: 'STRING', personalInfo: true },
      { name: '组成形式', dataType: 'STRING', description: '个人经营/家庭经营' },
      { name: '经营场所', dataType: 'STRING' },
      { name: '登记状态', dataType: 'STRING' },
    ],
  },
  {
    key: 'jinyun-hrss-flexible-employment', providerKey: 'jinyun-hrss', code: '331122/00103/0001',
    name: '缙云县灵活就业人员登记信息', summary: '以个人身份参保的灵活就业人员登记及就业形态信息。',
    categoryCode: '01-04-01', library: 'POPULATION', format: 'DATABASE', updateFrequency: 'WEEKLY', securityGrade: 'GENERAL',
    shareAttribute: 'CONDITIONAL', shareCondition: '仅限用于就业补贴发放和社保补贴资格审核', shareReason: '含个人就业及身份信息',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '公民身份号码', dataType: 'STRING', personalInfo: true, identifier: true },
      { name: '姓名', dataType: 'STRING', personalInfo: true },
      { name: '就业形态', dataType: 'STRING' },
      { name: '登记日期', dataType: 'DATE' },
      { name: '户籍所在地', dataType: 'STRING', personalInfo: true },
    ],
  },

  // ==== lishui node, public service providers ===================================================
  {
    key: 'lishui-water-consumption', providerKey: 'lishui-water', code: '331100/00301/0001',
    name: '居民用水户用水量信息', summary: '市区居民用水户月度抄表用水量，用于困难群众和独居老人异常用水关怀。',
    categoryCode: '11-01-01', library: 'THEMATIC', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'IMPORTANT',
    shareAttribute: 'CONDITIONAL', shareCondition: '仅限用于独居老人异常用水预警和困难群众救助核查', shareReason: '用水记录可反映居民居住状况，须限定用途',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '用水户号', dataType: 'STRING', identifier: true },
      { name: '户名', dataType: 'STRING', personalInfo: true },
      { name: '用水地址', dataType: 'STRING', personalInfo: true },
      { name: '抄表年月', dataType: 'STRING' },
      { name: '本期用水量', dataType: 'DECIMAL', description: '单位：立方米' },
      { name: '用水性质', dataType: 'STRING' },
    ],
  },
  {
    key: 'lishui-power-industry-consumption', providerKey: 'lishui-power', code: '331100/00302/0001',
    name: '全社会分行业用电量', summary: '按国民经济行业分类汇总的全市及各区县月度用电量。',
    categoryCode: '10-03-01', library: 'MACRO_ECONOMY', format: 'SPREADSHEET', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'RESTRICTED', openCondition: '经申请审核后通过接口开放，仅提供区县级行业汇总数据',
    items: [
      { name: '统计年月', dataType: 'STRING', identifier: true },
      { name: '区县', dataType: 'STRING', identifier: true },
      { name: '行业分类', dataType: 'STRING', identifier: true },
      { name: '用电量', dataType: 'DECIMAL', description: '单位：万千瓦时' },
      { name: '同比增长', dataType: 'DECIMAL', description: '单位：%' },
    ],
    openDataset: { title: '丽水市全社会分行业用电量', accessMethods: ['API'] },
  },

  // ==== liandu: 丽水市莲都区市场监督管理局 (00101) ==============================================
  {
    key: 'liandu-amr-market-entities', providerKey: 'liandu-amr', code: '331102/00101/0001',
    name: '莲都区市场主体登记信息', summary: '莲都区企业、农民专业合作社及个体工商户登记信息。',
    categoryCode: '02-01-01', library: 'LEGAL_PERSON', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '统一社会信用代码', dataType: 'STRING', identifier: true, authoritative: true },
      { name: '主体名称', dataType: 'STRING' },
      { name: '主体类型', dataType: 'STRING' },
      { name: '法定代表人（负责人、经营者）', dataType: 'STRING', personalInfo: true },
      { name: '成立日期', dataType: 'DATE' },
      { name: '住所（经营场所）', dataType: 'STRING' },
      { name: '登记状态', dataType: 'STRING' },
    ],
  },
  {
    key: 'liandu-amr-special-equipment', providerKey: 'liandu-amr', code: '331102/00101/0002',
    name: '特种设备使用登记信息', summary: '电梯、锅炉、压力容器等特种设备使用登记及定期检验信息。',
    categoryCode: '02-04-01', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'WEEKLY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '使用登记证编号', dataType: 'STRING', identifier: true },
      { name: '设备种类', dataType: 'STRING' },
      { name: '使用单位名称', dataType: 'STRING' },
      { name: '设备使用地点', dataType: 'STRING' },
      { name: '下次检验日期', dataType: 'DATE' },
      { name: '设备状态', dataType: 'STRING' },
    ],
  },

  // ==== liandu: 丽水市莲都区人力资源和社会保障局 (00102) ========================================
  {
    key: 'liandu-hrss-employment-registration', providerKey: 'liandu-hrss', code: '331102/00102/0001',
    name: '莲都区就业失业登记信息', summary: '城乡劳动者就业登记、失业登记及就业困难人员认定信息。',
    categoryCode: '01-04-02', library: 'POPULATION', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'GENERAL',
    shareAttribute: 'CONDITIONAL', shareCondition: '仅限用于失业保险金申领和就业援助对象认定', shareReason: '含劳动者身份及就业状态信息',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '公民身份号码', dataType: 'STRING', personalInfo: true, identifier: true },
      { name: '姓名', dataType: 'STRING', personalInfo: true },
      { name: '登记类型', dataType: 'STRING', description: '就业登记/失业登记' },
      { name: '就业单位名称', dataType: 'STRING' },
      { name: '登记日期', dataType: 'DATE' },
      { name: '是否就业困难人员', dataType: 'BOOLEAN', personalInfo: true },
    ],
  },
  {
    key: 'liandu-hrss-job-vacancies', providerKey: 'liandu-hrss', code: '331102/00102/0002',
    name: '莲都区招聘岗位信息', summary: '经人力资源市场发布的用人单位招聘岗位信息。',
    categoryCode: '05-05-01', library: 'THEMATIC', format: 'API', updateFrequency: 'DAILY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'UNCONDITIONAL',
    items: [
      { name: '岗位编号', dataType: 'STRING', identifier: true },
      { name: '招聘单位', dataType: 'STRING' },
      { name: '岗位名称', dataType: 'STRING' },
      { name: '招聘人数', dataType: 'INTEGER' },
      { name: '薪资范围', dataType: 'STRING' },
      { name: '学历要求', dataType: 'STRING' },
      { name: '工作地点', dataType: 'STRING' },
      { name: '发布日期', dataType: 'DATE' },
    ],
    openDataset: { title: '莲都区招聘岗位信息', accessMethods: ['DOWNLOAD', 'API'] },
  },

  // ==== liandu: 丽水市莲都区卫生健康局 (00103) ==================================================
  {
    key: 'liandu-wjj-vaccination', providerKey: 'liandu-wjj', code: '331102/00103/0001',
    name: '儿童预防接种信息', summary: '辖区儿童免疫规划疫苗接种记录。',
    categoryCode: '05-02-02', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
    shareAttribute: 'CONDITIONAL', shareCondition: '仅限用于入托、入学预防接种证查验', shareReason: '含儿童健康信息，须限定用途',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '受种者编码', dataType: 'STRING', identifier: true },
      { name: '儿童姓名', dataType: 'STRING', personalInfo: true },
      { name: '出生日期', dataType: 'DATE', personalInfo: true },
      { name: '疫苗名称', dataType: 'STRING' },
      { name: '剂次', dataType: 'INTEGER' },
      { name: '接种日期', dataType: 'DATE' },
      { name: '接种单位', dataType: 'STRING' },
    ],
  },
  {
    key: 'liandu-wjj-severe-mental-disorder', providerKey: 'liandu-wjj', code: '331102/00103/0002',
    name: '严重精神障碍患者管理信息', summary: '在册严重精神障碍患者的随访管理记录。',
    categoryCode: '05-02-03', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'CORE',
    shareAttribute: 'NOT_SHARED', legalBasis: '《中华人民共和国精神卫生法》第四条',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '患者编号', dataType: 'STRING', identifier: true },
      { name: '姓名', dataType: 'STRING', personalInfo: true },
      { name: '公民身份号码', dataType: 'STRING', personalInfo: true, identifier: true },
      { name: '诊断', dataType: 'STRING', personalInfo: true },
      { name: '危险性评估等级', dataType: 'INTEGER', personalInfo: true },
      { name: '最近随访日期', dataType: 'DATE' },
    ],
  },

  // ==== liandu: 丽水市莲都区农业农村局 (00104) ==================================================
  {
    key: 'liandu-nyj-produce-testing', providerKey: 'liandu-nyj', code: '331102/00104/0001',
    name: '农产品质量安全抽检结果', summary: '辖区蔬菜、水果、茶叶等食用农产品农药残留定量检测结果。',
    categoryCode: '12-01-01', library: 'THEMATIC', format: 'API', updateFrequency: 'WEEKLY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'RESTRICTED', openCondition: '限农产品生产经营主体、检测机构实名申请后通过接口查询',
    items: [
      { name: '样品编号', dataType: 'STRING', identifier: true },
      { name: '样品名称', dataType: 'STRING' },
      { name: '受检单位', dataType: 'STRING' },
      { name: '抽样日期', dataType: 'DATE' },
      { name: '检测项目', dataType: 'STRING' },
      { name: '检测值', dataType: 'DECIMAL', description: '单位：mg/kg' },
      { name: '判定结果', dataType: 'STRING', description: '合格/不合格' },
    ],
    openDataset: { title: '莲都区农产品质量安全抽检结果', accessMethods: ['API'] },
  },
  {
    key: 'liandu-nyj-family-farms', providerKey: 'liandu-nyj', code: '331102/00104/0002',
    name: '家庭农场名录', summary: '纳入名录管理的家庭农场基本情况及经营规模。',
    categoryCode: '12-02-01', library: 'LEGAL_PERSON', format: 'SPREADSHEET', updateFrequency: 'QUARTERLY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '家庭农场名称', dataType: 'STRING', identifier: true },
      { name: '统一社会信用代码', dataType: 'STRING', identifier: true },
      { name: '农场主姓名', dataType: 'STRING', personalInfo: true },
      { name: '所在乡镇（街道）', dataType: 'STRING' },
      { name: '主营产业', dataType: 'STRING' },
      { name: '经营面积', dataType: 'DECIMAL', description: '单位：亩' },
      { name: '是否示范性家庭农场', dataType: 'BOOLEAN' },
    ],
  },

  // ==== liandu: 丽水市莲都区综合行政执法局 (00105) ==============================================
  {
    key: 'liandu-zfj-public-parking', providerKey: 'liandu-zfj', code: '331102/00105/0001',
    name: '公共停车场信息', summary: '莲都区城区公共停车场位置、泊位数、收费标准及实时空余泊位。',
    categoryCode: '08-02-01', library: 'THEMATIC', format: 'API', updateFrequency: 'REAL_TIME', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'UNCONDITIONAL',
    items: [
      { name: '停车场编号', dataType: 'STRING', identifier: true },
      { name: '停车场名称', dataType: 'STRING' },
      { name: '地址', dataType: 'STRING' },
      { name: '经度', dataType: 'DECIMAL' },
      { name: '纬度', dataType: 'DECIMAL' },
      { name: '总泊位数', dataType: 'INTEGER' },
      { name: '空余泊位数', dataType: 'INTEGER' },
      { name: '收费标准', dataType: 'STRING' },
      { name: '更新时间', dataType: 'DATETIME' },
    ],
    openDataset: { title: '莲都区公共停车场实时泊位', accessMethods: ['DOWNLOAD', 'API'] },
  },

  // ==== longquan: 龙泉市林业局 (00102) ==========================================================
  {
    key: 'longquan-lyj-forest-rights', providerKey: 'longquan-lyj', code: '331181/00102/0001',
    name: '林权登记信息', summary: '集体林地承包经营权、林木所有权登记信息，支撑林权抵押贷款（“林权贷”）。',
    categoryCode: '06-03-01', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'WEEKLY', securityGrade: 'IMPORTANT',
    shareAttribute: 'CONDITIONAL', shareCondition: '仅限用于林权抵押贷款审批和公益林补偿资金发放', shareReason: '涉及权利人财产和身份信息',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '林权证号', dataType: 'STRING', identifier: true },
      { name: '权利人名称', dataType: 'STRING', personalInfo: true },
      { name: '权利人证件号码', dataType: 'STRING', personalInfo: true },
      { name: '林地坐落', dataType: 'STRING' },
      { name: '林地面积', dataType: 'DECIMAL', description: '单位：亩' },
      { name: '林种', dataType: 'STRING' },
      { name: '主要树种', dataType: 'STRING' },
      { name: '林地使用期限', dataType: 'STRING' },
    ],
  },
  {
    key: 'longquan-lyj-ancient-trees', providerKey: 'longquan-lyj', code: '331181/00102/0002',
    name: '古树名木信息', summary: '龙泉市域内经认定的古树名木档案，含树种、树龄和保护等级。',
    categoryCode: '07-02-01', library: 'SPATIAL_GEOGRAPHY', format: 'API', updateFrequency: 'YEARLY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'RESTRICTED', openCondition: '开放接口仅返回至乡镇（街道）级位置，精确坐标仅向保护和科研单位提供',
    items: [
      { name: '古树编号', dataType: 'STRING', identifier: true },
      { name: '树种', dataType: 'STRING' },
      { name: '估测树龄', dataType: 'INTEGER', description: '单位：年' },
      { name: '保护等级', dataType: 'STRING', description: '一级/二级/三级/名木' },
      { name: '所在乡镇（街道）', dataType: 'STRING' },
      { name: '生长状况', dataType: 'STRING' },
    ],
    openDataset: { title: '龙泉市古树名木', accessMethods: ['API'] },
  },
  {
    key: 'longquan-lyj-forest-inventory', providerKey: 'longquan-lyj', code: '331181/00102/0003',
    name: '森林资源管理“一张图”小班数据', summary: '森林资源年度更新的小班界线、地类、蓄积量等矢量数据。',
    categoryCode: '07-02-02', library: 'SPATIAL_GEOGRAPHY', format: 'DATABASE', updateFrequency: 'YEARLY', securityGrade: 'IMPORTANT',
    shareAttribute: 'CONDITIONAL', shareCondition: '仅限用于国土空间规划、生态保护红线监管和林业执法', shareReason: '含涉密测绘成果衍生的矢量边界',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '小班号', dataType: 'STRING', identifier: true },
      { name: '所在乡镇', dataType: 'STRING' },
      { name: '地类', dataType: 'STRING' },
      { name: '起源', dataType: 'STRING' },
      { name: '优势树种', dataType: 'STRING' },
      { name: '面积', dataType: 'DECIMAL', description: '单位：公顷' },
      { name: '活立木蓄积量', dataType: 'DECIMAL', description: '单位：立方米' },
      { name: '小班界线', dataType: 'BINARY', description: 'WKB 几何' },
    ],
  },

  // ==== longquan: 龙泉市市场监督管理局 (00101) ==================================================
  {
    key: 'longquan-amr-market-entities', providerKey: 'longquan-amr', code: '331181/00101/0001',
    name: '龙泉市市场主体登记信息', summary: '龙泉市企业、农民专业合作社及个体工商户登记信息。',
    categoryCode: '02-01-01', library: 'LEGAL_PERSON', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '统一社会信用代码', dataType: 'STRING', identifier: true, authoritative: true },
      { name: '主体名称', dataType: 'STRING' },
      { name: '主体类型', dataType: 'STRING' },
      { name: '法定代表人（负责人、经营者）', dataType: 'STRING', personalInfo: true },
      { name: '注册资本（出资额）', dataType: 'DECIMAL', description: '单位：万元' },
      { name: '成立日期', dataType: 'DATE' },
      { name: '登记状态', dataType: 'STRING' },
    ],
  },
  {
    key: 'longquan-amr-celadon-origin-mark', providerKey: 'longquan-amr', code: '331181/00101/0002',
    name: '龙泉青瓷、龙泉宝剑地理标志专用标志使用信息', summary: '经核准使用“龙泉青瓷”“龙泉宝剑”地理标志专用标志的市场主体名单。',
    categoryCode: '02-02-02', library: 'LEGAL_PERSON', format: 'SPREADSHEET', updateFrequency: 'QUARTERLY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'UNCONDITIONAL',
    items: [
      { name: '统一社会信用代码', dataType: 'STRING', identifier: true },
      { name: '使用人名称', dataType: 'STRING' },
      { name: '地理标志产品', dataType: 'STRING', description: '龙泉青瓷/龙泉宝剑' },
      { name: '核准日期', dataType: 'DATE' },
      { name: '生产地址', dataType: 'STRING' },
    ],
    openDataset: { title: '龙泉青瓷、龙泉宝剑地理标志专用标志使用名单', accessMethods: ['DOWNLOAD', 'API'] },
  },

  // ==== longquan: 龙泉市人力资源和社会保障局 (00103) ============================================
  {
    key: 'longquan-hrss-pension-payment', providerKey: 'longquan-hrss', code: '331181/00103/0001',
    name: '城乡居民基本养老保险待遇发放信息', summary: '城乡居民基本养老保险待遇领取人员及月度发放记录。',
    categoryCode: '01-03-03', library: 'POPULATION', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'IMPORTANT',
    shareAttribute: 'CONDITIONAL', shareCondition: '仅限用于社会保障待遇资格认证', shareReason: '含待遇领取人身份及收入信息',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '公民身份号码', dataType: 'STRING', personalInfo: true, identifier: true },
      { name: '姓名', dataType: 'STRING', personalInfo: true },
      { name: '待遇类别', dataType: 'STRING' },
      { name: '发放年月', dataType: 'STRING' },
      { name: '发放金额', dataType: 'DECIMAL', personalInfo: true, description: '单位：元' },
      { name: '待遇状态', dataType: 'STRING' },
    ],
  },

  // ==== longquan: 龙泉市文化和广电旅游体育局 (00104) ============================================
  {
    key: 'longquan-wglt-scenic-spots', providerKey: 'longquan-wglt', code: '331181/00104/0001',
    name: 'A级旅游景区信息', summary: '龙泉市A级旅游景区名录，含凤阳山、龙泉青瓷小镇、宝剑小镇等。',
    categoryCode: '13-01-01', library: 'THEMATIC', format: 'SPREADSHEET', updateFrequency: 'QUARTERLY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'UNCONDITIONAL',
    items: [
      { name: '景区编号', dataType: 'STRING', identifier: true },
      { name: '景区名称', dataType: 'STRING' },
      { name: '景区等级', dataType: 'STRING' },
      { name: '地址', dataType: 'STRING' },
      { name: '开放时间', dataType: 'STRING' },
      { name: '门票价格', dataType: 'DECIMAL', description: '单位：元' },
      { name: '咨询电话', dataType: 'STRING' },
    ],
    openDataset: { title: '龙泉市A级旅游景区', accessMethods: ['DOWNLOAD', 'API'] },
  },
  {
    key: 'longquan-wglt-intangible-heritage-inheritors', providerKey: 'longquan-wglt', code: '331181/00104/0002',
    name: '非物质文化遗产代表性传承人信息', summary: '龙泉青瓷烧制技艺、龙泉宝剑锻制技艺等非遗项目代表性传承人。',
    categoryCode: '13-02-01', library: 'DEPARTMENT', format: 'SPREADSHEET', updateFrequency: 'YEARLY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '传承人编号', dataType: 'STRING', identifier: true },
      { name: '姓名', dataType: 'STRING', personalInfo: true },
      { name: '出生年份', dataType: 'INTEGER', personalInfo: true },
      { name: '非遗项目名称', dataType: 'STRING' },
      { name: '级别', dataType: 'STRING', description: '国家级/省级/市级/县级' },
      { name: '认定年份', dataType: 'INTEGER' },
    ],
  },

  // ==== longquan: 龙泉市经济商务科技局 (00105) ==================================================
  {
    key: 'longquan-jsk-celadon-sword-output', providerKey: 'longquan-jsk', code: '331181/00105/0001',
    name: '青瓷宝剑产业运行监测数据', summary: '青瓷、宝剑规上企业产值、销售及电商交易额月度监测汇总。',
    categoryCode: '10-04-01', library: 'MACRO_ECONOMY', format: 'SPREADSHEET', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
    shareAttribute: 'UNCONDITIONAL',
    openAttribute: 'PROHIBITED',
    items: [
      { name: '统计年月', dataType: 'STRING', identifier: true },
      { name: '产业类别', dataType: 'STRING', identifier: true, description: '青瓷/宝剑' },
      { name: '规上企业数', dataType: 'INTEGER' },
      { name: '工业总产值', dataType: 'DECIMAL', description: '单位：万元' },
      { name: '电商交易额', dataType: 'DECIMAL', description: '单位：万元' },
      { name: '同比增长', dataType: 'DECIMAL', description: '单位：%' },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Generated from the sector templates: agency × dataset template × region
// ---------------------------------------------------------------------------------------------

const NODE_OF_REGION: Readonly<Record<string, NodeId>> = { '331102': 'liandu', '331181': 'longquan' };
const nodeOf = (regionCode: string): NodeId => NODE_OF_REGION[regionCode] ?? 'lishui';
/** The region of a node's own agencies: only their entries are authoritative sources for the whole node. */
const HOME_REGION: Readonly<Record<NodeId, string>> = { lishui: '331100', liandu: '331102', longquan: '331181' };
const REGION_SLUG: Readonly<Record<string, string>> = {
  '331100': 'lishui', '331102': 'liandu', '331121': 'qingtian', '331122': 'jinyun', '331123': 'suichang', '331124': 'songyang',
  '331125': 'yunhe', '331126': 'qingyuan', '331127': 'jingning', '331181': 'longquan',
};

/** Agencies beyond the listed ones: the city's other bureaus, a handful per county, and more on each district node. */
const GENERATED_AGENCIES: readonly (readonly [regionCode: string, sectors: readonly Sector[]])[] = [
  ['331100', ['jyj', 'swj', 'nyj', 'slj', 'yjj', 'sfj', 'wglt', 'gjj']],
  ['331121', ['gaj', 'hrss', 'nyj', 'swj']],
  ['331122', ['amr', 'wjw', 'zjj', 'jyj']],
  ['331123', ['amr', 'mzj', 'zrzy', 'nyj', 'wglt']],
  ['331124', ['amr', 'gaj', 'nyj', 'sthj', 'ybj']],
  ['331125', ['amr', 'hrss', 'jyj', 'jtj', 'slj']],
  ['331126', ['amr', 'wjw', 'swj', 'zrzy', 'yjj']],
  ['331127', ['amr', 'mzj', 'nyj', 'wglt', 'sfj']],
  ['331102', ['gaj', 'zrzy', 'jyj', 'swj', 'mzj', 'zjj']],
  ['331181', ['gaj', 'wjw', 'zrzy', 'nyj', 'swj', 'jyj']],
];

/** How many dataset templates an agency below city level catalogs: county catalogs are smaller. */
const TEMPLATES_BELOW_CITY: Readonly<Record<NodeId, number>> = { lishui: 4, liandu: 5, longquan: 5 };

const generatedOrganizations: DemoOrganization[] = GENERATED_AGENCIES
  .flatMap(([regionCode, sectors]) => sectors.map((sector) => ({ regionCode, sector })))
  .map(({ regionCode, sector }, n) => ({
    key: `${REGION_SLUG[regionCode]}-${sector}`, nodeId: nodeOf(regionCode), regionCode, name: SECTORS[sector].agencyName(getRegion(regionCode)!),
    // 住房公积金中心 is a public institution (事业单位, 12); the bureaus are government organs (机关, 11).
    creditCode: makeCreditCode(`${sector === 'gjj' ? '12' : '11'}${regionCode}${makeOrganizationCode(`0027${String(1000 + n * 37).padStart(4, '0')}`)}`),
    kind: 'AGENCY', sector,
  }));

export const DEMO_ORGANIZATIONS: readonly DemoOrganization[] = Object.freeze([...LISTED_ORGANIZATIONS, ...generatedOrganizations]);

const orgByKey = new Map(DEMO_ORGANIZATIONS.map((o) => [o.key, o]));

/** The department segment of each provider's resource codes (unique within its region) and its last sequence number. */
function codeAllocator() {
  const dept = new Map<string, string>();
  const last = new Map<string, number>();
  for (const r of LISTED_RESOURCES) {
    const [, d, seq] = r.code.split('/');
    dept.set(r.providerKey, d!);
    last.set(r.providerKey, Math.max(last.get(r.providerKey) ?? 0, Number(seq)));
  }
  return (org: DemoOrganization): string => {
    if (!dept.has(org.key)) {
      // Agencies number 001xx within their region; public-service operators 003xx.
      const taken = [...dept].filter(([k]) => orgByKey.get(k)!.regionCode === org.regionCode).map(([, d]) => Number(d)).filter((d) => d < 200);
      dept.set(org.key, String(Math.max(100, ...taken) + 1).padStart(5, '0'));
    }
    const seq = (last.get(org.key) ?? 0) + 1;
    last.set(org.key, seq);
    return `${org.regionCode}/${dept.get(org.key)}/${String(seq).padStart(4, '0')}`;
  };
}

/** The dataset templates an agency catalogs: all of them in the city; below it the first and a slice that differs by region. */
function templatesOf(org: DemoOrganization & { sector: Sector }, region: RegionInfo): DatasetTemplate[] {
  const all = SECTORS[org.sector].datasets.filter((t) => appliesAt(t, region));
  if (region.level === 'CITY') return all;
  const [first, ...rest] = all;
  const start = rest.length ? Number(org.regionCode) % rest.length : 0;
  return [first!, ...rest.slice(start), ...rest.slice(0, start)].slice(0, TEMPLATES_BELOW_CITY[org.nodeId]);
}

function generateResources(): DemoResource[] {
  const nextCode = codeAllocator();
  const claimed = new Set(LISTED_RESOURCES.flatMap((r) => r.items.filter((i) => i.authoritative).map((i) => `${orgByKey.get(r.providerKey)!.nodeId}/${i.name}`)));
  const out: DemoResource[] = [];
  for (const org of DEMO_ORGANIZATIONS) {
    if (!org.sector) continue;
    const region = getRegion(org.regionCode)!;
    const listed = new Set(LISTED_RESOURCES.filter((r) => r.providerKey === org.key).map((r) => r.name));
    for (const t of templatesOf(org as DemoOrganization & { sector: Sector }, region)) {
      const name = entryName(t, region);
      if (listed.has(name) || listed.has(t.name)) continue;
      const home = org.regionCode === HOME_REGION[org.nodeId];
      const items = t.items.map((i): DemoItem => {
        const claim = `${org.nodeId}/${i.name}`;
        if (home && t.sourceOf?.includes(i.name) && !claimed.has(claim)) {
          claimed.add(claim);
          return { ...i, authoritative: true };
        }
        const why = t.justifications?.[i.name];
        return why ? { ...i, duplicationJustification: why } : i;
      });
      const fields = Object.fromEntries(Object.entries(templateFields(t)).filter(([, v]) => v !== undefined)) as ReturnType<typeof templateFields>;
      out.push({
        key: `${org.key}-${t.slug}`, providerKey: org.key, code: nextCode(org), name, summary: entrySummary(t, region), ...fields, items,
        openDataset: t.open.attribute === 'PROHIBITED' ? undefined : {
          title: region.level === 'CITY' ? `丽水市${t.name}` : name,
          accessMethods: t.open.attribute === 'RESTRICTED' ? ['API'] : ['DOWNLOAD', 'API'],
        },
      });
    }
  }
  return out;
}

/**
 * Entries that do not end up plainly published, so the review queue, the drafts, the overdue list
 * and the one-source flags all have something to show.
 */
const NOT_PLAIN: Readonly<Record<string, Pick<DemoResource, 'status' | 'reviewNote' | 'oneSourceDuplicate' | 'lastUpdateMonthsAgo'>>> = {
  // Submitted, awaiting the authority's review.
  'lishui-jyj-enrolment': { status: 'SUBMITTED' },
  'lishui-slj-flash-flood-zones': { status: 'SUBMITTED' },
  'lishui-wglt-visitor-flows': { status: 'SUBMITTED' },
  'lishui-gjj-employers': { status: 'SUBMITTED' },
  'qingtian-swj-major-violations': { status: 'SUBMITTED' },
  'yunhe-jtj-road-conditions': { status: 'SUBMITTED' },
  'jingning-sfj-notarizations': { status: 'SUBMITTED' },
  'liandu-zjj-sales-contracts': { status: 'SUBMITTED' },
  'liandu-swj-tax-returns': { status: 'SUBMITTED' },
  'longquan-jyj-student-aid': { status: 'SUBMITTED' },
  'longquan-nyj-cooperatives': { status: 'SUBMITTED' },
  // Still being compiled by the agency.
  'lishui-yjj-relief-supplies': { status: 'DRAFT' },
  'lishui-sfj-legal-aid': { status: 'DRAFT' },
  'songyang-ybj-medical-assistance': { status: 'DRAFT' },
  'qingyuan-yjj-hidden-hazards': { status: 'DRAFT' },
  'liandu-mzj-subsistence-allowance': { status: 'DRAFT' },
  'longquan-swj-tax-registration': { status: 'DRAFT' },
  'longquan-wjw-vaccinations': { status: 'DRAFT' },
  // Returned with the authority's comments.
  'jinyun-zjj-housing-security': {
    status: 'RETURNED', reviewNote: '共享条件过宽：请写明可使用本资源的具体审批事项（如公租房资格复核、动态退出核查），并说明“家庭人均月收入”的统计口径后重新提交。',
  },
  'longquan-gaj-no-criminal-record': {
    status: 'RETURNED', reviewNote: '请在共享条件中写明“经本人授权”的授权留痕方式，并补充证明有效期信息项后重新提交。',
  },
  // Published once, then retired: kept with their history, never deleted (CAT-5).
  'lishui-tjj-census': { status: 'DEPRECATED', reviewNote: '普查主要数据已并入《国民经济和社会发展统计公报》数据表，不再单独维护。' },
  'qingtian-hrss-job-vacancies': { status: 'DEPRECATED', reviewNote: '已由省级“浙江省人力资源市场招聘岗位信息”统一提供，本县条目停止维护。' },
  // Collect items an authoritative source provides, without linking to it: flagged (CAT-6).
  'lishui-jyj-student-status': { oneSourceDuplicate: true },
  'yunhe-jyj-student-status': { oneSourceDuplicate: true },
  'liandu-nyj-land-contracts': { oneSourceDuplicate: true },
  'longquan-nyj-land-contracts': { oneSourceDuplicate: true },
  'longquan-swj-a-grade-taxpayers': { oneSourceDuplicate: true },
  // Data updates reported long ago: overdue for their update frequency (CAT-7).
  'lishui-hrss-employment-subsidies': { lastUpdateMonthsAgo: 3 },
  'lishui-zrzy-land-supply': { lastUpdateMonthsAgo: 2 },
  'lishui-nyj-cooperatives': { lastUpdateMonthsAgo: 5 },
  'lishui-tjj-household-income': { lastUpdateMonthsAgo: 4 },
  'lishui-jyj-schools': { lastUpdateMonthsAgo: 14 },
  'suichang-mzj-subsistence-allowance': { lastUpdateMonthsAgo: 3 },
  'jingning-wglt-homestays': { lastUpdateMonthsAgo: 2 },
  'qingyuan-zrzy-land-supply': { lastUpdateMonthsAgo: 6 },
  'liandu-mzj-disability-allowances': { lastUpdateMonthsAgo: 3 },
  'liandu-zjj-property-management': { lastUpdateMonthsAgo: 7 },
  'longquan-wglt-homestays': { lastUpdateMonthsAgo: 4 },
  'longquan-zrzy-land-supply': { lastUpdateMonthsAgo: 2 },
};

function withStates(resources: DemoResource[]): DemoResource[] {
  const byKey = new Map(resources.map((r) => [r.key, r]));
  for (const [key, state] of Object.entries(NOT_PLAIN)) {
    const r = byKey.get(key);
    if (!r) throw new Error(`demo-data: NOT_PLAIN names ${key}, which is not an entry`);
    Object.assign(r, state);
    // Only a published entry can be opened (OPN-1).
    if (state.status) delete r.openDataset;
  }
  return resources;
}

export const DEMO_RESOURCES: readonly DemoResource[] = Object.freeze(withStates([...LISTED_RESOURCES, ...generateResources()]));

// ---------------------------------------------------------------------------------------------
// Authorized operators (授权运营单位)
// ---------------------------------------------------------------------------------------------

export const DEMO_OPERATORS: readonly DemoOperator[] = Object.freeze([
  { organizationKey: 'lishui-sjyy', agreementNo: 'LSSJ-SQYY-2025-001', termStart: '2025-03-01' },
  { organizationKey: 'lishui-oujiang', agreementNo: 'LSSJ-SQYY-2025-002', termStart: '2025-07-15' },
] satisfies DemoOperator[]);

// ---------------------------------------------------------------------------------------------
// Sharing (SHR-1 … SHR-8): requests in every state, negative lists, demands, a verification
// ---------------------------------------------------------------------------------------------

/**
 * Where a demo share request ends up, and by which path:
 *   PENDING    requested and left for its decider (the provider, or the authority for CORE/IMPORTANT
 *              data and for requests from another platform: the coordination queue);
 *   ESCALATED  NOT_SHARED data the requester asks the authority to coordinate (escalateShareRequest),
 *              pending in the coordination queue;
 *   GRANTED    granted at once (UNCONDITIONAL GENERAL data) or approved by its decider;
 *   REJECTED   rejected by the provider with a reason;
 *   SUSPENDED  granted, then suspended by the provider with a rectification demand;
 *   REVOKED    granted, then revoked by the provider.
 */
export type DemoShareOutcome = 'PENDING' | 'ESCALATED' | 'GRANTED' | 'REJECTED' | 'SUSPENDED' | 'REVOKED';

export interface DemoShareRequest {
  key: string;
  resourceKey: string;      // DemoResource.key (a published entry)
  requesterKey: string;     // DemoOrganization.key (an AGENCY)
  scenario: string; purpose: string; legalDuty: string;
  itemNames: string[];
  /** Why each personal-information or identifier item is needed (最小必要, B §26). */
  justifications: Record<string, string>;
  outcome: DemoShareOutcome;
  /** The items the decider approves when it narrows the request (B §28). */
  approvedItems?: string[];
  /** The decider's reason (REJECTED), the requester's (ESCALATED), or the provider's (SUSPENDED, REVOKED). */
  reason?: string;
  rectificationDemand?: string;
}

const ONE_STOP = { scenario: '一网通办：企业开办“一件事”联办', purpose: '核验申请人提交的信息，减少群众重复提交材料', legalDuty: '《优化营商环境条例》规定的企业开办服务职责' };

export const DEMO_SHARE_REQUESTS: readonly DemoShareRequest[] = Object.freeze<DemoShareRequest[]>([
  // Granted at once; the grant the benchmark's grant check and the doubtful-data report use.
  {
    key: 'hrss-business-registration', resourceKey: 'lishui-amr-business-registration', requesterKey: 'lishui-hrss', ...ONE_STOP,
    itemNames: ['统一社会信用代码', '企业名称', '登记状态'], justifications: { 统一社会信用代码: '按信用代码匹配参保登记单位' }, outcome: 'GRANTED',
  },
  // Approved by the provider, narrowed to the items the scenario really needs.
  {
    key: 'mzj-employment-registration', resourceKey: 'lishui-hrss-employment-registration', requesterKey: 'lishui-mzj',
    scenario: '最低生活保障家庭经济状况核对', purpose: '核对低保申请家庭成员的就业状况', legalDuty: '《社会救助暂行办法》规定的最低生活保障审核确认职责',
    itemNames: ['公民身份号码', '姓名', '登记类型', '就业单位名称'],
    justifications: { 公民身份号码: '按身份号码匹配申请家庭成员', 姓名: '与身份号码共同核对申请人' },
    outcome: 'GRANTED', approvedItems: ['公民身份号码', '姓名', '登记类型'],
  },
  // On the provider's desk (lishui-amr).
  {
    key: 'gaj-complaints', resourceKey: 'lishui-amr-complaints-12315', requesterKey: 'lishui-gaj',
    scenario: '涉企投诉线索研判', purpose: '研判涉嫌合同诈骗的投诉线索', legalDuty: '《中华人民共和国人民警察法》规定的预防、制止和侦查违法犯罪职责',
    itemNames: ['投诉举报编号', '被投诉主体名称', '投诉问题类别', '登记日期'], justifications: { 投诉举报编号: '按编号调阅具体投诉记录' }, outcome: 'PENDING',
  },
  // CORE/IMPORTANT data: only the authority decides (the coordination queue).
  {
    key: 'ybj-social-insurance', resourceKey: 'lishui-hrss-social-insurance', requesterKey: 'lishui-ybj',
    scenario: '医保参保状态比对', purpose: '比对职工医保与养老保险参保状态，清理重复参保', legalDuty: '《医疗保障基金使用监督管理条例》规定的医保基金监管职责',
    itemNames: ['公民身份号码', '险种类型', '参保状态'], justifications: { 公民身份号码: '按身份号码比对参保人员' }, outcome: 'PENDING',
  },
  // From another platform (莲都区 asking for 缙云县 data on the city node): the city authority coordinates [B §29].
  {
    key: 'liandu-hrss-flexible-employment', resourceKey: 'jinyun-hrss-flexible-employment', requesterKey: 'liandu-hrss',
    scenario: '灵活就业人员社保补贴审核', purpose: '核对申请人在外县的灵活就业登记', legalDuty: '《浙江省就业促进条例》规定的就业补贴审核职责',
    itemNames: ['公民身份号码', '就业形态', '登记日期'], justifications: { 公民身份号码: '按身份号码匹配补贴申请人' }, outcome: 'PENDING',
  },
  // NOT_SHARED data escalated to the authority.
  {
    key: 'hrss-enterprise-survey', resourceKey: 'lishui-tjj-enterprise-survey-raw', requesterKey: 'lishui-hrss',
    scenario: '重点企业用工监测', purpose: '按企业从业人员数变化预警规模性裁员', legalDuty: '《中华人民共和国就业促进法》规定的失业预防和调控职责',
    itemNames: ['统一社会信用代码', '企业名称', '从业人员期末人数'], justifications: { 统一社会信用代码: '按信用代码匹配重点监测企业' }, outcome: 'ESCALATED',
    reason: '用工监测需要规上企业从业人员数，人社部门无其他来源；仅用于失业预警，不用于统计以外的执法',
  },
  // Rejected by the provider: the data is not on its negative list, so the rejection is recorded for review [B §24, L §34].
  {
    key: 'zjj-employment-registration', resourceKey: 'lishui-hrss-employment-registration', requesterKey: 'lishui-zjj',
    scenario: '建筑工人实名制管理', purpose: '核对建筑工人的就业登记', legalDuty: '《保障农民工工资支付条例》规定的工程建设领域实名制管理职责',
    itemNames: ['公民身份号码', '姓名', '就业单位名称'], justifications: { 公民身份号码: '按身份号码匹配实名制登记人员', 姓名: '与身份号码共同核对工人身份' }, outcome: 'REJECTED',
    reason: '建筑工人实名制信息应由住建部门自行采集，就业登记不能代替实名制登记',
  },
  // Granted, then suspended by the provider.
  {
    key: 'tjj-penalty', resourceKey: 'lishui-amr-penalty', requesterKey: 'lishui-tjj',
    scenario: '企业信用状况统计分析', purpose: '统计各行业行政处罚分布', legalDuty: '《中华人民共和国统计法》规定的统计调查职责',
    itemNames: ['行政处罚决定书文号', '违法行为类型', '处罚决定日期'], justifications: { 行政处罚决定书文号: '去重统计处罚决定' }, outcome: 'SUSPENDED',
    reason: '监测发现调用量远超统计分析所需，疑似批量留存', rectificationDemand: '说明调用量异常的原因，删除超出统计用途留存的数据并提交整改报告',
  },
  // Granted, then revoked by the provider.
  {
    key: 'jtj-food-licence', resourceKey: 'lishui-amr-food-licence', requesterKey: 'lishui-jtj',
    scenario: '客运站点餐饮经营核查', purpose: '核查客运站内餐饮经营者的许可', legalDuty: '《浙江省道路运输条例》规定的客运站经营管理职责',
    itemNames: ['许可证编号', '经营者名称', '有效期至'], justifications: { 许可证编号: '按许可证编号核查经营者' }, outcome: 'REVOKED',
    reason: '客运站餐饮经营核查已移交市场监管部门，申请部门不再承担该职责',
  },
]);

/**
 * Lines the agencies wrote on their negative lists (不予共享的数据及法律依据, B §24), on all three
 * nodes: items of entries they otherwise share. Under profile B every NOT_SHARED entry has a line
 * of its own, which the catalog keeps (from its events, with the entry's legal basis): the seeder
 * writes none of those.
 */
export interface DemoNegativeListEntry { resourceKey: string; itemNames: string[]; legalBasis: string }

/** Published NOT_SHARED entries: each gets its negative-list line from the catalog (profile B on every demo node). */
export const DEMO_NOT_SHARED_ENTRIES: readonly DemoResource[] = Object.freeze(DEMO_RESOURCES.filter((r) => r.shareAttribute === 'NOT_SHARED' && r.status === undefined));

export const DEMO_NEGATIVE_LIST: readonly DemoNegativeListEntry[] = Object.freeze<DemoNegativeListEntry[]>([
  { resourceKey: 'lishui-hrss-social-insurance', itemNames: ['缴费基数'], legalBasis: '《中华人民共和国个人信息保护法》第二十八条（个人收入等敏感个人信息）' },
  { resourceKey: 'liandu-hrss-employment-registration', itemNames: ['是否就业困难人员'], legalBasis: '《就业服务与就业管理规定》第六十二条（个人信息保密）' },
  { resourceKey: 'longquan-hrss-pension-payment', itemNames: ['发放金额'], legalBasis: '《中华人民共和国个人信息保护法》第二十八条（个人金融账户等敏感个人信息）' },
]);

/** Data demands (共享需求清单, SHR-4): one still open, one the authority has assigned to a provider. */
export interface DemoDataDemand {
  key: string; requesterKey: string; dataName: string; description: string; itemNames: string[]; scenario: string; legalDuty: string;
  /** The provider the authority assigns; absent, the demand stays OPEN. */
  assignTo?: string; assignmentNote?: string;
}

export const DEMO_DATA_DEMANDS: readonly DemoDataDemand[] = Object.freeze<DemoDataDemand[]>([
  {
    key: 'liandu-zfj-outdoor-ads', requesterKey: 'liandu-zfj', dataName: '户外广告设施设置许可信息',
    description: '莲都区范围内户外广告设施的设置许可、设置地点和有效期，按日更新', itemNames: ['许可编号', '设置单位', '设置地点', '有效期至'],
    scenario: '城市管理：户外广告设施巡查执法', legalDuty: '《城市市容和环境卫生管理条例》规定的市容管理职责',
  },
  {
    key: 'mzj-low-income-employment', requesterKey: 'lishui-mzj', dataName: '低收入人口就业帮扶信息',
    description: '全市低收入人口的就业帮扶记录：帮扶措施、就业状态和帮扶日期，按月更新', itemNames: ['公民身份号码', '帮扶措施', '就业状态', '帮扶日期'],
    scenario: '低收入人口动态监测', legalDuty: '《社会救助暂行办法》规定的社会救助职责',
    assignTo: 'lishui-hrss', assignmentNote: '就业帮扶记录由人社部门掌握，请编目后提供',
  },
]);

/**
 * Doubtful data a grantee reports (SHR-8, L §13). The provider must verify within the profile's
 * working days (Lishui: 2), counted from the day the seed runs: the API stamps the report with the
 * real date and cannot backdate it, and the seeder only talks to the gateway, so the report shows
 * as overdue from the third working day after seeding on (`dataVerifications(filter: {overdue: true})`).
 */
export interface DemoWrongDataReport { shareRequestKey: string; itemNames: string[]; description: string }

export const DEMO_WRONG_DATA_REPORTS: readonly DemoWrongDataReport[] = Object.freeze<DemoWrongDataReport[]>([
  { shareRequestKey: 'hrss-business-registration', itemNames: ['登记状态'], description: '丽水某建材有限公司已于上月注销，共享数据仍显示为“存续”，导致参保单位状态比对错误' },
]);
