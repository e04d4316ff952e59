/**
 * Catalog entry templates per line of government work (sector): the datasets an agency of that
 * sector really registers in a Zhejiang public-data catalog, with their items, library, format,
 * update frequency, grade and share/open attributes. The demo seeds instantiate them per region
 * (agency × template × region); the catalog search benchmark draws 100,000 entries per node from
 * them, so the words a user searches for occur as often as they would in a real catalog.
 *
 * Every template obeys the catalog rules (CAT-2 to CAT-4): CONDITIONAL sharing states a condition
 * and a reason, NOT_SHARED cites a legal basis, CORE and IMPORTANT data is never open, personal
 * data is open only desensitized, RESTRICTED opening states its condition. demo-data.test.ts runs
 * the catalog's own validation on every instance.
 */
import type { DataFormat, DataType, Library, SecurityGrade, UpdateFrequency } from '../schema/enums.js';
import type { RegionInfo } from '../schema/regions.js';

/** A data item as the seeds write it; absent flags are false. */
export interface DemoItem {
  name: string; dataType: DataType; description?: string; personalInfo?: boolean; identifier?: boolean;
  /** This entry is the item's authoritative source on its node (一数一源, CAT-6). */
  authoritative?: boolean;
  /** Why the entry collects an item an authoritative source already provides (instead of linking to it). */
  duplicationJustification?: string;
}

export type Sector =
  | 'gaj' | 'amr' | 'hrss' | 'wjw' | 'zrzy' | 'jtj' | 'mzj' | 'jyj' | 'zjj' | 'sthj' | 'swj' | 'ybj' | 'nyj' | 'tjj' | 'slj' | 'yjj' | 'sfj'
  | 'wglt' | 'gjj';

/** Where a template applies: some data exists only at city level (or only below it). */
export type Level = 'city' | 'county';

export type Share =
  | { attribute: 'UNCONDITIONAL' }
  | { attribute: 'CONDITIONAL'; condition: string; reason: string }
  | { attribute: 'NOT_SHARED'; legalBasis: string };

export type Open =
  | { attribute: 'PROHIBITED' }
  | { attribute: 'UNCONDITIONAL'; desensitized?: boolean }
  | { attribute: 'RESTRICTED'; condition: string; desensitized?: boolean };

export interface DatasetTemplate {
  /** Stable part of the entry key, unique within its sector. */
  slug: string;
  /** Name without region; entries below city level get the region's name in front (青田县 + 个体工商户登记信息). */
  name: string;
  /** `{area}` becomes 全市 for the city, the region's name below it. */
  summary: string;
  categoryCode: string;
  library: Library;
  format: DataFormat;
  updateFrequency: UpdateFrequency;
  securityGrade: SecurityGrade;
  share: Share;
  open: Open;
  items: DemoItem[];
  levels?: Level[];
  /**
   * Items this dataset is the authoritative source of (一数一源, CAT-6) when its provider sits at
   * the home region of its node; every other entry on that node links to it.
   */
  sourceOf?: string[];
  /** Items the dataset collects itself although another entry is their authoritative source, and why. */
  justifications?: Record<string, string>;
}

export interface SectorTemplates {
  /** The agency's name in a region, e.g. 青田县市场监督管理局 or 丽水市公安局莲都区分局. */
  agencyName(region: RegionInfo): string;
  datasets: DatasetTemplate[];
}

// ---------------------------------------------------------------------------------------------
// Items. The well-known ones carry the same flags wherever they occur.
// ---------------------------------------------------------------------------------------------

export const CITIZEN_ID: DemoItem = { name: '公民身份号码', dataType: 'STRING', personalInfo: true, identifier: true };
export const PERSON_NAME: DemoItem = { name: '姓名', dataType: 'STRING', personalInfo: true };
export const CREDIT_CODE: DemoItem = { name: '统一社会信用代码', dataType: 'STRING', identifier: true };
export const REAL_ESTATE_UNIT: DemoItem = { name: '不动产单元号', dataType: 'STRING', identifier: true };
/** Item names whose flags never depend on the dataset (checked by demo-data.test.ts). */
export const WELL_KNOWN_ITEMS: readonly DemoItem[] = [CITIZEN_ID, PERSON_NAME, CREDIT_CODE, REAL_ESTATE_UNIT];

const item = (name: string, dataType: DataType, description?: string): DemoItem => (description ? { name, dataType, description } : { name, dataType });
const text = (name: string, description?: string) => item(name, 'STRING', description);
const key = (name: string, description?: string): DemoItem => ({ ...text(name, description), identifier: true });
const personal = (name: string, dataType: DataType = 'STRING', description?: string): DemoItem => ({ ...item(name, dataType, description), personalInfo: true });
const date = (name: string) => item(name, 'DATE');
const time = (name: string) => item(name, 'DATETIME');
const count = (name: string, description?: string) => item(name, 'INTEGER', description);
const amount = (name: string, unit: string) => item(name, 'DECIMAL', `单位：${unit}`);
const flag = (name: string) => item(name, 'BOOLEAN');

const UNCONDITIONAL: Share = { attribute: 'UNCONDITIONAL' };
const CLOSED: Open = { attribute: 'PROHIBITED' };
const OPEN: Open = { attribute: 'UNCONDITIONAL' };
const conditional = (condition: string, reason: string): Share => ({ attribute: 'CONDITIONAL', condition, reason });
const notShared = (legalBasis: string): Share => ({ attribute: 'NOT_SHARED', legalBasis });
const restricted = (condition: string): Open => ({ attribute: 'RESTRICTED', condition });

/** 丽水市 → 丽水市; 莲都区 (a district of the city) → 丽水市莲都区; counties and county-level cities by their own name. */
const prefixed = (suffix: string) => (r: RegionInfo) => `${r.code === '331102' ? '丽水市莲都区' : r.name}${suffix}`;
/** Vertically managed bureaus: the city bureau's branch in a county (丽水市生态环境局青田分局). */
const branch = (cityBureau: string) => (r: RegionInfo) => (r.level === 'CITY' ? `${r.name}${cityBureau}` : `丽水市${cityBureau}${r.name.replace(/(区|县|市|畲族自治县)$/, '')}分局`);

// ---------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------

export const SECTORS: Readonly<Record<Sector, SectorTemplates>> = {
  gaj: {
    agencyName: (r) => (r.code === '331102' ? '丽水市公安局莲都区分局' : `${r.name}公安局`),
    datasets: [
      {
        slug: 'household-population', name: '户籍人口基本信息', summary: '{area}户籍人口的身份、户籍登记及户主关系等基本信息，人口综合库的权威来源。',
        categoryCode: '01-01-01', library: 'POPULATION', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'CORE',
        share: conditional('仅限通过核验接口逐条比对，不得批量导出或留存', '涉及公民身份信息，仅为办理政务服务事项核验办事人身份提供'), open: CLOSED,
        items: [CITIZEN_ID, PERSON_NAME, text('性别'), text('民族'), personal('出生日期', 'DATE'), personal('户籍地址'), text('与户主关系'), date('户籍登记日期')],
        sourceOf: ['公民身份号码'],
      },
      {
        slug: 'household-change', name: '户籍信息变更登记', summary: '{area}出生登记、迁入迁出、死亡注销等户籍信息变更记录，支撑“出生一件事”“身后一件事”联办。',
        categoryCode: '01-01-02', library: 'POPULATION', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于“出生一件事”“身后一件事”联办及社保、医保待遇停发核查', '含公民身份及户籍迁移信息'), open: CLOSED,
        items: [key('变更登记编号'), CITIZEN_ID, PERSON_NAME, text('变更类型', '出生/迁入/迁出/死亡'), date('变更日期'), personal('原户籍地址'), personal('现户籍地址')],
      },
      {
        slug: 'residence-permit', name: '居住证办理信息', summary: '{area}流动人口居住登记及居住证申领、签注信息。',
        categoryCode: '01-01-03', library: 'POPULATION', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于随迁子女入学、积分落户和公共服务资格核验', '含流动人口身份和居住地址'), open: CLOSED,
        items: [key('居住证编号'), CITIZEN_ID, PERSON_NAME, personal('居住地址'), text('居住事由'), date('签发日期'), date('有效期至')],
      },
      {
        slug: 'driving-licence', name: '机动车驾驶证信息', summary: '{area}机动车驾驶人的驾驶证核发、换证、记分及状态信息（电子证照）。',
        categoryCode: '04-01-02', library: 'E_LICENSE', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于驾驶人身份核验、网约车驾驶员资格审核和交通执法', '含驾驶人身份信息'), open: CLOSED,
        items: [key('驾驶证档案编号'), CITIZEN_ID, PERSON_NAME, text('准驾车型'), date('初次领证日期'), date('有效期至'), text('驾驶证状态'), count('累积记分')],
      },
      {
        slug: 'traffic-violations', name: '道路交通违法信息', summary: '{area}现场执法和电子监控记录的道路交通违法行为及处理情况。',
        categoryCode: '08-03-01', library: 'DEPARTMENT', format: 'API', updateFrequency: 'REAL_TIME', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于营运车辆安全监管、驾驶人信用评价和执法协作', '违法记录关联车辆所有人和驾驶人个人信息'), open: CLOSED,
        items: [key('违法记录编号'), text('号牌号码'), text('违法行为'), time('违法时间'), text('违法地点'), amount('罚款金额', '元'), text('处理状态')],
      },
      {
        slug: 'hotel-licences', name: '旅馆业特种行业许可信息', summary: '{area}旅馆业特种行业许可证核发及变更信息。',
        categoryCode: '04-02-06', library: 'E_LICENSE', format: 'DATABASE', updateFrequency: 'WEEKLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: CLOSED,
        items: [key('特种行业许可证号'), text('旅馆名称'), CREDIT_CODE, text('经营地址'), count('客房数'), date('发证日期')],
      },
      {
        slug: 'security-companies', name: '保安服务公司名录', summary: '{area}取得保安服务许可的保安服务公司及其服务范围。',
        categoryCode: '02-02-05', library: 'LEGAL_PERSON', format: 'SPREADSHEET', updateFrequency: 'QUARTERLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [CREDIT_CODE, text('公司名称'), key('保安服务许可证号'), text('服务范围'), text('住所'), text('联系电话')],
      },
      {
        slug: 'no-criminal-record', name: '无犯罪记录证明开具信息', summary: '{area}公安机关为个人开具无犯罪记录证明的记录，用于入职、出国等场景免于重复开具。',
        categoryCode: '04-01-05', library: 'E_LICENSE', format: 'API', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
        share: conditional('仅限经本人授权后用于教师、网约车驾驶员等从业资格审查', '涉及个人违法犯罪记录查询结果'), open: CLOSED,
        items: [key('证明编号'), CITIZEN_ID, PERSON_NAME, text('查询用途'), date('开具日期'), text('开具单位')],
      },
    ],
  },

  amr: {
    agencyName: prefixed('市场监督管理局'),
    datasets: [
      {
        slug: 'market-entities', name: '市场主体登记信息', summary: '{area}企业、农民专业合作社及个体工商户的设立、变更、注销登记信息，法人综合库的权威来源。',
        categoryCode: '02-01-01', library: 'LEGAL_PERSON', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: CLOSED, levels: ['county'],
        items: [CREDIT_CODE, text('主体名称'), text('主体类型'), personal('法定代表人（负责人、经营者）'), amount('注册资本（出资额）', '万元'), date('成立日期'), text('登记状态')],
        sourceOf: ['统一社会信用代码'],
      },
      {
        slug: 'individual-businesses', name: '个体工商户登记信息', summary: '{area}个体工商户设立、变更、注销登记信息。',
        categoryCode: '02-01-03', library: 'LEGAL_PERSON', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: CLOSED,
        items: [CREDIT_CODE, text('个体工商户名称'), personal('经营者姓名'), personal('经营者身份证件号码'), text('组成形式', '个人经营/家庭经营'), text('经营场所'), text('登记状态')],
      },
      {
        slug: 'food-sampling', name: '食品安全监督抽检信息', summary: '{area}食品安全监督抽检的样品、被抽样单位和检验结论，按规定向社会公布。',
        categoryCode: '05-06-01', library: 'THEMATIC', format: 'API', updateFrequency: 'WEEKLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('抽样单编号'), text('食品名称'), text('被抽样单位名称'), text('标称生产企业名称'), date('抽样日期'), text('检验结论', '合格/不合格'), text('不合格项目')],
      },
      {
        slug: 'abnormal-operations', name: '经营异常名录信息', summary: '{area}被列入、移出经营异常名录的企业及原因，纳入公共信用信息。',
        categoryCode: '03-01-02', library: 'CREDIT', format: 'API', updateFrequency: 'DAILY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [CREDIT_CODE, text('企业名称'), text('列入经营异常名录原因'), date('列入日期'), text('作出决定机关'), date('移出日期')],
      },
      {
        slug: 'penalties', name: '市场监管行政处罚信息', summary: '{area}市场监管领域对法人和其他组织作出的行政处罚决定，纳入公共信用信息。',
        categoryCode: '03-02-01', library: 'CREDIT', format: 'API', updateFrequency: 'DAILY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: restricted('仅开放处罚决定公示期内的记录，经实名注册并签署数据使用协议后通过接口调用'),
        items: [key('行政处罚决定书文号'), text('当事人名称'), CREDIT_CODE, text('违法行为类型'), text('处罚内容'), amount('罚没款金额', '万元'), date('处罚决定日期')],
      },
      {
        slug: 'food-licences', name: '食品经营许可证信息', summary: '{area}食品经营许可证的核发、延续、变更及注销信息（电子证照）。',
        categoryCode: '04-02-01', library: 'E_LICENSE', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: CLOSED,
        items: [key('许可证编号'), text('经营者名称'), CREDIT_CODE, text('经营场所'), text('主体业态'), date('发证日期'), date('有效期至')],
      },
      {
        slug: 'special-equipment', name: '特种设备使用登记信息', summary: '{area}电梯、锅炉、压力容器等特种设备使用登记及定期检验信息。',
        categoryCode: '02-04-01', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'WEEKLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: CLOSED,
        items: [key('使用登记证编号'), text('设备种类'), text('使用单位名称'), text('设备使用地点'), date('下次检验日期'), text('设备状态')],
      },
      {
        slug: 'measuring-instruments', name: '强制检定计量器具信息', summary: '{area}用于贸易结算、安全防护、医疗卫生、环境监测的强制检定计量器具及检定结果。',
        categoryCode: '02-04-02', library: 'DEPARTMENT', format: 'SPREADSHEET', updateFrequency: 'QUARTERLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: CLOSED,
        items: [key('器具出厂编号'), text('器具名称'), text('使用单位名称'), text('检定结论'), date('检定日期'), date('有效期至')],
      },
      {
        slug: 'complaints-12315', name: '12315投诉举报处理信息', summary: '{area}消费者通过12315平台提出的投诉、举报及处理结果。',
        categoryCode: '05-06-02', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'GENERAL',
        share: conditional('仅限用于消费维权联动处置和企业信用评价，不得提供投诉人信息', '含投诉人姓名和联系方式'), open: CLOSED,
        items: [key('投诉举报编号'), personal('投诉人姓名'), personal('投诉人联系电话'), text('被投诉主体名称'), text('投诉问题类别'), date('登记日期'), text('办理结果')],
      },
    ],
  },

  hrss: {
    agencyName: prefixed('人力资源和社会保障局'),
    datasets: [
      {
        slug: 'social-insurance', name: '社会保险参保信息', summary: '{area}企业职工基本养老、失业、工伤保险的参保登记与缴费状态。',
        categoryCode: '01-03-01', library: 'POPULATION', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于社会保障待遇资格认证和就业创业补贴审核', '含参保人身份及缴费信息，须限定使用场景'), open: CLOSED,
        items: [CITIZEN_ID, PERSON_NAME, text('险种类型'), text('参保单位名称'), text('参保状态'), date('首次参保日期'), personal('缴费基数', 'DECIMAL', '单位：元')],
      },
      {
        slug: 'employment-registration', name: '就业失业登记信息', summary: '{area}城乡劳动者就业登记、失业登记及就业困难人员认定信息。',
        categoryCode: '01-04-02', library: 'POPULATION', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'GENERAL',
        share: conditional('仅限用于失业保险金申领和就业援助对象认定', '含劳动者身份及就业状态信息'), open: CLOSED,
        items: [CITIZEN_ID, PERSON_NAME, text('登记类型', '就业登记/失业登记'), text('就业单位名称'), date('登记日期'), personal('是否就业困难人员', 'BOOLEAN')],
      },
      {
        slug: 'job-vacancies', name: '招聘岗位信息', summary: '{area}经人力资源市场发布的用人单位招聘岗位信息。',
        categoryCode: '05-05-01', library: 'THEMATIC', format: 'API', updateFrequency: 'DAILY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('岗位编号'), text('招聘单位'), text('岗位名称'), count('招聘人数'), text('薪资范围'), text('学历要求'), text('工作地点'), date('发布日期')],
      },
      {
        slug: 'employment-subsidies', name: '就业创业补贴发放信息', summary: '{area}社会保险补贴、一次性创业补贴、职业培训补贴等就业创业补贴的发放记录。',
        categoryCode: '01-04-03', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
        share: conditional('仅限用于补贴重复领取比对和财政资金审计', '含补贴对象身份和金额'), open: CLOSED,
        items: [key('发放记录编号'), CITIZEN_ID, PERSON_NAME, text('补贴类型'), personal('发放金额', 'DECIMAL', '单位：元'), date('发放日期')],
      },
      {
        slug: 'wage-arrears-blacklist', name: '拖欠农民工工资失信联合惩戒对象名单', summary: '{area}列入拖欠农民工工资失信联合惩戒对象名单的用人单位。',
        categoryCode: '03-03-01', library: 'CREDIT', format: 'SPREADSHEET', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [CREDIT_CODE, text('用人单位名称'), text('列入事由'), date('列入日期'), text('作出决定部门'), date('移出日期')],
      },
      {
        slug: 'labour-filings', name: '劳动用工备案信息', summary: '{area}用人单位招用、解除劳动合同的用工备案信息。',
        categoryCode: '01-04-04', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'GENERAL',
        share: conditional('仅限用于劳动保障监察和社保参保扩面核查', '含劳动者身份和劳动合同信息'), open: CLOSED,
        items: [key('备案编号'), CREDIT_CODE, text('用人单位名称'), CITIZEN_ID, PERSON_NAME, date('劳动合同起始日期'), text('用工形式')],
      },
      {
        slug: 'skill-certificates', name: '职业技能等级证书信息', summary: '{area}经备案的评价机构颁发的职业技能等级证书电子证照信息。',
        categoryCode: '04-03-01', library: 'E_LICENSE', format: 'DATABASE', updateFrequency: 'WEEKLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: CLOSED,
        items: [key('证书编号'), personal('持证人姓名'), personal('持证人身份证件号码'), text('职业（工种）名称'), text('技能等级'), date('发证日期')],
      },
    ],
  },

  wjw: {
    agencyName: (r) => (r.level === 'CITY' ? `${r.name}卫生健康委员会` : prefixed('卫生健康局')(r)),
    datasets: [
      {
        slug: 'medical-institutions', name: '医疗机构名录', summary: '{area}取得《医疗机构执业许可证》的医院、卫生院、社区卫生服务中心等机构名录。',
        categoryCode: '05-01-01', library: 'THEMATIC', format: 'SPREADSHEET', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('医疗机构登记号'), text('机构名称'), text('机构类别'), text('医院等级'), text('经营性质', '非营利性/营利性'), text('地址'), text('联系电话')],
      },
      {
        slug: 'physicians', name: '医师执业注册信息', summary: '{area}医师执业注册、变更及多机构备案信息（电子证照）。',
        categoryCode: '04-05-02', library: 'E_LICENSE', format: 'DATABASE', updateFrequency: 'WEEKLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: CLOSED,
        items: [key('医师执业证书编码'), PERSON_NAME, text('执业类别'), text('执业范围'), text('主要执业机构'), date('注册日期')],
      },
      {
        slug: 'birth-certificates', name: '出生医学证明信息', summary: '{area}助产机构签发的出生医学证明电子证照，用于新生儿落户、医保参保等“出生一件事”联办。',
        categoryCode: '04-05-01', library: 'E_LICENSE', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于“出生一件事”联办中的户口登记、医保参保和社保卡申领', '含新生儿及父母身份信息'), open: CLOSED,
        items: [key('出生医学证明编号'), personal('新生儿姓名'), text('性别'), personal('出生时间', 'DATETIME'), personal('母亲姓名'), personal('母亲有效身份证件号码'), text('签发机构')],
      },
      {
        slug: 'vaccinations', name: '儿童预防接种信息', summary: '{area}儿童免疫规划疫苗接种记录。',
        categoryCode: '05-02-02', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于入托、入学预防接种证查验', '含儿童健康信息，须限定用途'), open: CLOSED,
        items: [key('受种者编码'), personal('儿童姓名'), personal('出生日期', 'DATE'), text('疫苗名称'), count('剂次'), date('接种日期'), text('接种单位')],
      },
      {
        slug: 'death-certificates', name: '居民死亡医学证明信息', summary: '{area}医疗卫生机构出具的居民死亡医学证明（推断）书信息，支撑“身后一件事”联办。',
        categoryCode: '01-01-04', library: 'POPULATION', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于户籍注销、养老金停发和殡葬服务联办', '含死者身份及死亡原因'), open: CLOSED,
        items: [key('证明书编号'), CITIZEN_ID, PERSON_NAME, personal('死亡日期', 'DATE'), personal('根本死亡原因'), text('出具机构')],
      },
      {
        slug: 'public-place-hygiene', name: '公共场所卫生许可信息', summary: '{area}住宿、沐浴、美容美发等公共场所卫生许可证发放信息。',
        categoryCode: '04-05-03', library: 'E_LICENSE', format: 'SPREADSHEET', updateFrequency: 'WEEKLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('卫生许可证号'), text('单位名称'), CREDIT_CODE, text('经营项目'), text('经营地址'), date('有效期至')],
      },
      {
        slug: 'health-records', name: '居民电子健康档案信息', summary: '{area}基层医疗卫生机构建立的居民电子健康档案，含慢病随访和健康体检记录。',
        categoryCode: '05-02-04', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'CORE',
        share: notShared('《中华人民共和国基本医疗卫生与健康促进法》第九十二条'), open: CLOSED,
        items: [key('健康档案编号'), CITIZEN_ID, PERSON_NAME, personal('慢性病类型'), personal('最近随访日期', 'DATE'), text('管理机构')],
      },
    ],
  },

  zrzy: {
    agencyName: (r) => (r.code === '331102' ? '丽水市自然资源和规划局莲都分局' : prefixed('自然资源和规划局')(r)),
    datasets: [
      {
        slug: 'real-estate', name: '不动产登记信息', summary: '{area}国有建设用地使用权及房屋所有权首次、转移、抵押登记结果。',
        categoryCode: '06-02-01', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于住房保障资格审核、司法查控及“房产交易一件事”', '涉及权利人财产信息，依《不动产登记暂行条例》限定查询用途'), open: CLOSED,
        items: [REAL_ESTATE_UNIT, text('不动产权证书号'), personal('权利人名称'), personal('权利人证件号码'), text('坐落'), text('用途'), amount('建筑面积', '平方米'), time('登记时间')],
        sourceOf: ['不动产单元号'],
      },
      {
        slug: 'mortgages', name: '不动产抵押登记信息', summary: '{area}不动产抵押权设立、变更、注销登记信息，支撑“带押过户”和金融机构贷后管理。',
        categoryCode: '06-02-02', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于“带押过户”联办和金融机构经授权的贷后核验', '涉及抵押人财产和债权信息'), open: CLOSED,
        items: [key('不动产登记证明号'), REAL_ESTATE_UNIT, text('抵押权人'), personal('抵押人'), amount('被担保主债权数额', '万元'), date('债务履行期限（起）'), date('债务履行期限（止）')],
      },
      {
        slug: 'land-supply', name: '国有建设用地供应信息', summary: '{area}国有建设用地出让、划拨的供地结果公示。',
        categoryCode: '06-01-01', library: 'THEMATIC', format: 'SPREADSHEET', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('电子监管号'), text('项目名称'), text('土地坐落'), amount('供地面积', '公顷'), text('土地用途'), text('供地方式'), amount('成交价格', '万元'), date('合同签订日期')],
      },
      {
        slug: 'planning-permits', name: '建设工程规划许可证信息', summary: '{area}核发的建设工程规划许可证及批后公示信息。',
        categoryCode: '04-06-01', library: 'E_LICENSE', format: 'DATABASE', updateFrequency: 'WEEKLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('许可证编号'), text('建设单位'), text('项目名称'), text('建设位置'), amount('建设规模', '平方米'), date('发证日期')],
      },
      {
        slug: 'land-survey', name: '国土变更调查成果', summary: '{area}年度国土变更调查的地类图斑矢量成果。',
        categoryCode: '07-03-01', library: 'SPATIAL_GEOGRAPHY', format: 'DATABASE', updateFrequency: 'YEARLY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于国土空间规划编制、耕地保护监管和自然资源执法', '含涉密测绘成果衍生的高精度矢量图斑'), open: CLOSED,
        items: [key('图斑编号'), text('地类编码'), text('地类名称'), text('权属性质'), amount('图斑面积', '平方米'), item('图斑几何', 'BINARY', 'WKB 几何')],
      },
      {
        slug: 'geological-hazards', name: '地质灾害隐患点信息', summary: '{area}在册地质灾害隐患点的位置、类型、威胁对象和防治责任人。',
        categoryCode: '07-03-02', library: 'SPATIAL_GEOGRAPHY', format: 'API', updateFrequency: 'QUARTERLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: restricted('面向防灾科研机构和基层防汛防台组织，经申请后通过接口开放，坐标精度至百米'),
        items: [key('隐患点编号'), text('灾害类型'), text('所在乡镇（街道）'), count('威胁人数'), amount('威胁财产', '万元'), text('稳定性评价')],
      },
    ],
  },

  jtj: {
    agencyName: prefixed('交通运输局'),
    datasets: [
      {
        slug: 'bus-routes', name: '公交线路信息', summary: '{area}城乡公交线路的走向、站点、首末班时间及票价。',
        categoryCode: '08-01-01', library: 'THEMATIC', format: 'SPREADSHEET', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN, levels: ['county'],
        items: [key('线路编号'), text('线路名称'), text('起点站'), text('终点站'), text('首班时间', 'HH:mm'), text('末班时间', 'HH:mm'), amount('票价', '元')],
      },
      {
        slug: 'road-transport-licences', name: '道路运输经营许可信息', summary: '{area}道路客货运输、机动车维修、驾驶员培训经营许可信息。',
        categoryCode: '04-04-01', library: 'E_LICENSE', format: 'DATABASE', updateFrequency: 'WEEKLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: CLOSED,
        items: [key('道路运输经营许可证号'), text('业户名称'), CREDIT_CODE, text('经营范围'), date('发证日期'), date('有效期至')],
      },
      {
        slug: 'operating-vehicles', name: '道路运输车辆营运证信息', summary: '{area}营运客车、货车的道路运输证核发、审验信息。',
        categoryCode: '04-04-02', library: 'E_LICENSE', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: CLOSED,
        items: [key('道路运输证号'), text('车牌号码'), text('业户名称'), text('车辆类型'), amount('核定载质量', '吨'), date('审验有效期至')],
      },
      {
        slug: 'taxi-drivers', name: '出租汽车驾驶员从业资格信息', summary: '{area}巡游出租汽车和网络预约出租汽车驾驶员从业资格证信息。',
        categoryCode: '04-04-03', library: 'E_LICENSE', format: 'DATABASE', updateFrequency: 'WEEKLY', securityGrade: 'GENERAL',
        share: conditional('仅限用于网约车平台驾驶员资格核验和行业监管', '含驾驶员身份信息'), open: CLOSED,
        items: [key('从业资格证号'), PERSON_NAME, CITIZEN_ID, text('从业资格类别'), text('服务单位'), date('有效期至')],
      },
      {
        slug: 'road-conditions', name: '公路路况及施工信息', summary: '{area}国省道、农村公路的通行状况、施工占道和交通管制信息。',
        categoryCode: '08-02-02', library: 'THEMATIC', format: 'API', updateFrequency: 'REAL_TIME', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('事件编号'), text('路线编号'), text('路段桩号'), text('事件类型'), time('开始时间'), time('预计结束时间'), text('通行情况')],
      },
    ],
  },

  mzj: {
    agencyName: prefixed('民政局'),
    datasets: [
      {
        slug: 'marriages', name: '婚姻登记信息', summary: '{area}结婚、离婚及补领婚姻登记证的登记记录。',
        categoryCode: '01-02-01', library: 'POPULATION', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于婚姻状况核验，不返回对方当事人信息', '婚姻状况属个人敏感信息'), open: CLOSED,
        items: [key('婚姻登记证字号'), text('登记类型', '结婚/离婚/补领'), personal('男方姓名'), personal('女方姓名'), date('登记日期'), text('登记机关')],
      },
      {
        slug: 'subsistence-allowance', name: '最低生活保障对象信息', summary: '{area}城乡最低生活保障对象认定及保障金发放信息。',
        categoryCode: '01-05-01', library: 'THEMATIC', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于社会救助对象认定、医疗救助和教育资助等帮扶政策落实', '含困难群众身份及家庭经济状况'), open: CLOSED,
        items: [CITIZEN_ID, PERSON_NAME, count('保障人数'), personal('月保障金额', 'DECIMAL', '单位：元'), date('认定日期'), text('所属乡镇（街道）')],
      },
      {
        slug: 'social-organizations', name: '社会组织登记信息', summary: '{area}社会团体、民办非企业单位和基金会的登记、年检及评估等级。',
        categoryCode: '02-03-01', library: 'LEGAL_PERSON', format: 'DATABASE', updateFrequency: 'WEEKLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [CREDIT_CODE, text('社会组织名称'), text('组织类型'), text('业务主管单位'), date('成立登记日期'), text('评估等级')],
        justifications: { 统一社会信用代码: '社会组织的统一社会信用代码由民政部门在成立登记时赋码，本条目即其源头数据，市场监管部门的登记信息不含社会组织' },
      },
      {
        slug: 'elderly-care-institutions', name: '养老机构名录', summary: '{area}已备案的养老机构及其床位、服务类型信息。',
        categoryCode: '05-03-01', library: 'THEMATIC', format: 'SPREADSHEET', updateFrequency: 'QUARTERLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [text('机构名称'), CREDIT_CODE, text('机构性质', '公办/民办/公建民营'), text('地址'), count('床位数'), count('护理型床位数')],
      },
      {
        slug: 'place-names', name: '地名信息', summary: '{area}行政区划、居民点、道路街巷等标准地名及其含义、沿革。',
        categoryCode: '07-01-02', library: 'SPATIAL_GEOGRAPHY', format: 'DATABASE', updateFrequency: 'QUARTERLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('地名代码'), text('标准名称'), text('地名类别'), text('罗马字母拼写'), text('地名含义'), text('所在政区')],
      },
      {
        slug: 'disability-allowances', name: '残疾人两项补贴发放信息', summary: '{area}困难残疾人生活补贴和重度残疾人护理补贴的发放记录。',
        categoryCode: '01-05-02', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于补贴资格复核和残疾人帮扶政策落实', '含残疾人身份和残疾等级'), open: CLOSED,
        items: [CITIZEN_ID, PERSON_NAME, personal('残疾类别'), personal('残疾等级'), text('补贴类型'), amount('发放金额', '元'), text('发放年月')],
      },
    ],
  },

  jyj: {
    agencyName: prefixed('教育局'),
    datasets: [
      {
        slug: 'schools', name: '中小学校基本信息', summary: '{area}中小学校、幼儿园的办学性质、学段、地址和学位数。',
        categoryCode: '14-01-01', library: 'THEMATIC', format: 'SPREADSHEET', updateFrequency: 'YEARLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('学校标识码'), text('学校名称'), text('办学类型'), text('办学性质', '公办/民办'), text('地址'), count('在校生数')],
      },
      {
        slug: 'student-status', name: '学生学籍信息', summary: '{area}中小学生学籍注册、转学、休学、毕业信息。',
        categoryCode: '14-02-01', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'WEEKLY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于教育资助、随迁子女入学和“入学一件事”核验', '含未成年人身份和就读信息'), open: CLOSED,
        items: [key('全国学籍号'), CITIZEN_ID, PERSON_NAME, text('就读学校'), text('年级'), text('学籍状态')],
      },
      {
        slug: 'training-institutions', name: '校外培训机构信息', summary: '{area}经审批登记的校外培训机构及其办学许可、资金监管情况。',
        categoryCode: '14-01-02', library: 'LEGAL_PERSON', format: 'SPREADSHEET', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [CREDIT_CODE, text('机构名称'), key('办学许可证编号'), text('培训类别', '学科类/非学科类'), text('办学地址'), flag('是否纳入资金监管')],
      },
      {
        slug: 'teacher-certificates', name: '教师资格证书信息', summary: '{area}认定的教师资格证书信息（电子证照）。',
        categoryCode: '04-03-02', library: 'E_LICENSE', format: 'DATABASE', updateFrequency: 'QUARTERLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: CLOSED,
        items: [key('资格证书号码'), PERSON_NAME, text('资格种类'), text('任教学科'), date('认定日期'), text('认定机构')],
      },
      {
        slug: 'enrolment', name: '义务教育招生入学信息', summary: '{area}义务教育阶段新生报名、审核与录取结果。',
        categoryCode: '14-02-02', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'YEARLY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于学区房产核验、随迁子女资格审核', '含适龄儿童及监护人身份信息'), open: CLOSED,
        items: [key('报名编号'), personal('儿童姓名'), personal('儿童身份证件号码'), personal('监护人姓名'), text('录取学校'), text('录取类别')],
      },
      {
        slug: 'student-aid', name: '家庭经济困难学生资助信息', summary: '{area}各学段家庭经济困难学生的认定和资助发放记录。',
        categoryCode: '14-02-03', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'HALF_YEARLY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于资助对象精准认定和重复资助比对', '含学生家庭经济状况'), open: CLOSED,
        items: [key('资助记录编号'), personal('学生姓名'), personal('学生身份证件号码'), text('资助项目'), amount('资助金额', '元'), text('学年')],
      },
    ],
  },

  zjj: {
    agencyName: prefixed('住房和城乡建设局'),
    datasets: [
      {
        slug: 'presale-permits', name: '商品房预售许可信息', summary: '{area}商品房项目预售许可证核发信息。',
        categoryCode: '04-02-04', library: 'E_LICENSE', format: 'SPREADSHEET', updateFrequency: 'WEEKLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('预售许可证号'), text('项目名称'), text('开发企业'), text('项目坐落'), amount('预售面积', '平方米'), count('预售套数'), date('发证日期')],
      },
      {
        slug: 'sales-contracts', name: '商品房买卖合同网签备案信息', summary: '{area}新建商品房和存量房买卖合同网上签约及备案信息。',
        categoryCode: '15-01-01', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于“房产交易一件事”、购房资格审核和契税征收', '含买受人身份和成交价格'), open: CLOSED,
        items: [key('合同备案号'), REAL_ESTATE_UNIT, personal('买受人姓名'), personal('买受人证件号码'), amount('合同总价', '万元'), date('备案日期')],
      },
      {
        slug: 'construction-permits', name: '建筑工程施工许可信息', summary: '{area}房屋建筑和市政基础设施工程施工许可证核发信息。',
        categoryCode: '04-06-02', library: 'E_LICENSE', format: 'DATABASE', updateFrequency: 'WEEKLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('施工许可证编号'), text('工程名称'), text('建设单位'), text('施工单位'), amount('合同价格', '万元'), date('发证日期')],
      },
      {
        slug: 'contractor-qualifications', name: '建筑业企业资质信息', summary: '{area}建筑业企业资质证书核发、延续及变更信息。',
        categoryCode: '04-06-03', library: 'E_LICENSE', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('资质证书编号'), text('企业名称'), CREDIT_CODE, text('资质类别及等级'), date('有效期至')],
      },
      {
        slug: 'housing-security', name: '保障性住房资格审核信息', summary: '{area}公共租赁住房、保障性租赁住房申请家庭的资格审核及配租结果。',
        categoryCode: '15-02-01', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于住房保障资格复核和动态退出管理', '含申请家庭收入、住房和身份信息'), open: CLOSED,
        items: [key('申请编号'), CITIZEN_ID, PERSON_NAME, count('家庭人口数'), personal('家庭人均月收入', 'DECIMAL', '单位：元'), text('审核结果'), text('配租房源')],
      },
      {
        slug: 'property-management', name: '物业服务企业及项目信息', summary: '{area}物业服务企业备案及其服务的住宅小区项目。',
        categoryCode: '15-03-01', library: 'LEGAL_PERSON', format: 'SPREADSHEET', updateFrequency: 'QUARTERLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [CREDIT_CODE, text('企业名称'), text('服务项目名称'), text('项目地址'), amount('服务面积', '平方米'), text('收费标准')],
      },
    ],
  },

  sthj: {
    agencyName: branch('生态环境局'),
    datasets: [
      {
        slug: 'air-quality', name: '环境空气质量监测数据', summary: '{area}国控、省控空气自动监测站逐小时监测数据及空气质量指数。',
        categoryCode: '09-01-01', library: 'THEMATIC', format: 'API', updateFrequency: 'REAL_TIME', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('监测站点编码'), text('监测站点名称'), time('监测时间'), amount('PM2.5浓度', 'μg/m³'), amount('PM10浓度', 'μg/m³'), count('空气质量指数'), text('首要污染物')],
      },
      {
        slug: 'surface-water', name: '地表水水质监测数据', summary: '{area}瓯江、小溪等主要河流和饮用水水源地断面的月度水质监测结果。',
        categoryCode: '09-01-02', library: 'THEMATIC', format: 'API', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('断面编码'), text('断面名称'), text('所在水体'), text('监测年月'), text('水质类别'), amount('高锰酸盐指数', 'mg/L'), amount('氨氮', 'mg/L')],
      },
      {
        slug: 'discharge-permits', name: '排污许可证信息', summary: '{area}实行排污许可重点管理和简化管理的排污单位许可信息。',
        categoryCode: '04-02-03', library: 'E_LICENSE', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: restricted('面向科研机构和环保社会组织，经申请审核后通过接口开放'),
        items: [key('许可证编号'), text('排污单位名称'), CREDIT_CODE, text('行业类别'), text('管理类别', '重点管理/简化管理'), date('有效期至')],
      },
      {
        slug: 'eia-approvals', name: '建设项目环境影响评价审批信息', summary: '{area}建设项目环境影响报告书（表）的受理、审批结果公示。',
        categoryCode: '09-02-01', library: 'THEMATIC', format: 'DATABASE', updateFrequency: 'WEEKLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('审批文号'), text('项目名称'), text('建设单位'), text('建设地点'), text('环评类别'), date('审批日期')],
      },
      {
        slug: 'penalties', name: '生态环境行政处罚信息', summary: '{area}生态环境部门作出的行政处罚决定，纳入公共信用信息。',
        categoryCode: '03-02-02', library: 'CREDIT', format: 'API', updateFrequency: 'DAILY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: restricted('仅开放处罚决定公示期内的记录，经实名注册后通过接口调用'),
        items: [key('处罚决定书文号'), text('当事人名称'), CREDIT_CODE, text('违法事实'), amount('罚款金额', '万元'), date('处罚日期')],
      },
      {
        slug: 'online-monitoring', name: '重点排污单位自动监控数据', summary: '{area}重点排污单位废水、废气排放口在线监测的实时数据。',
        categoryCode: '09-03-01', library: 'DEPARTMENT', format: 'STREAMING', updateFrequency: 'REAL_TIME', securityGrade: 'GENERAL',
        share: conditional('仅限用于环境执法、排污权交易核算和绿色金融评价', '反映企业生产工况，属商业秘密'), open: CLOSED,
        items: [key('排放口编码'), CREDIT_CODE, text('监测因子'), time('监测时间'), amount('排放浓度', 'mg/m³'), flag('是否超标')],
      },
    ],
  },

  swj: {
    agencyName: (r) => `国家税务总局${r.code === '331102' ? '丽水市莲都区' : r.name}税务局`,
    datasets: [
      {
        slug: 'a-grade-taxpayers', name: '纳税信用A级纳税人名单', summary: '{area}年度纳税信用评价为A级的纳税人名单。',
        categoryCode: '03-04-01', library: 'CREDIT', format: 'SPREADSHEET', updateFrequency: 'YEARLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [CREDIT_CODE, text('纳税人名称'), text('评价年度'), text('信用级别')],
      },
      {
        slug: 'tax-registration', name: '税务登记信息', summary: '{area}纳税人税务登记、变更、注销及非正常户认定信息。',
        categoryCode: '11-01-01', library: 'LEGAL_PERSON', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'GENERAL',
        share: conditional('仅限用于企业开办、注销“一件事”和市场主体活跃度分析', '含纳税人状态和主管税务机关信息'), open: CLOSED,
        items: [CREDIT_CODE, text('纳税人名称'), text('纳税人状态'), text('主管税务机关'), text('登记注册类型'), flag('是否一般纳税人')],
      },
      {
        slug: 'tax-returns', name: '纳税申报及缴税明细', summary: '{area}纳税人分税种申报、缴纳、减免税明细。',
        categoryCode: '11-01-02', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'IMPORTANT',
        share: notShared('《中华人民共和国税收征收管理法》第八条；《纳税人涉税保密信息管理暂行办法》'), open: CLOSED,
        items: [CREDIT_CODE, text('税种'), text('所属期'), amount('应纳税额', '元'), amount('减免税额', '元'), date('入库日期')],
      },
      {
        slug: 'tax-arrears', name: '欠税公告信息', summary: '{area}依《欠税公告办法》公告的欠税纳税人及欠缴税款，法定代表人证件号码已脱敏。',
        categoryCode: '03-04-02', library: 'CREDIT', format: 'SPREADSHEET', updateFrequency: 'QUARTERLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: { attribute: 'UNCONDITIONAL', desensitized: true },
        items: [CREDIT_CODE, text('纳税人名称'), personal('法定代表人姓名'), personal('法定代表人身份证件号码', 'STRING', '脱敏，仅保留前六位和后四位'), text('欠税税种'), amount('欠税余额', '元')],
      },
      {
        slug: 'major-violations', name: '重大税收违法失信主体信息', summary: '{area}公布的重大税收违法失信主体及主要违法事实。',
        categoryCode: '03-04-03', library: 'CREDIT', format: 'API', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: { attribute: 'UNCONDITIONAL', desensitized: true },
        items: [CREDIT_CODE, text('纳税人名称'), personal('法定代表人姓名', 'STRING', '脱敏'), text('案件性质'), text('主要违法事实'), date('公布日期')],
      },
    ],
  },

  ybj: {
    agencyName: prefixed('医疗保障局'),
    datasets: [
      {
        slug: 'designated-institutions', name: '医保定点医药机构信息', summary: '{area}基本医疗保险定点医疗机构和定点零售药店名单。',
        categoryCode: '05-04-01', library: 'THEMATIC', format: 'SPREADSHEET', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('定点机构编码'), text('机构名称'), text('机构类型', '定点医疗机构/定点零售药店'), text('地址'), flag('是否开通跨省直接结算')],
      },
      {
        slug: 'medical-insurance', name: '基本医疗保险参保缴费信息', summary: '{area}职工医保和城乡居民医保参保登记及缴费记录。',
        categoryCode: '01-03-02', library: 'POPULATION', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于医疗救助对象认定和参保扩面核查', '含参保人身份和缴费信息'), open: CLOSED,
        items: [CITIZEN_ID, PERSON_NAME, text('险种', '职工医保/城乡居民医保'), text('参保状态'), count('缴费年度'), amount('缴费金额', '元')],
      },
      {
        slug: 'settlements', name: '医疗费用结算信息', summary: '{area}参保人员门诊、住院医疗费用的医保结算明细。',
        categoryCode: '05-04-02', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'CORE',
        share: conditional('仅限用于医疗救助“一站式”结算和经本人授权的商业补充保险理赔', '含就诊、诊断和费用等个人健康信息'), open: CLOSED,
        items: [key('结算流水号'), CITIZEN_ID, text('定点机构名称'), personal('诊断名称'), amount('医疗总费用', '元'), amount('统筹基金支付', '元'), time('结算时间')],
      },
      {
        slug: 'medical-assistance', name: '医疗救助对象信息', summary: '{area}特困、低保、低边等医疗救助对象的认定和救助情况。',
        categoryCode: '01-05-03', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于医疗救助资格核验和因病致贫返贫监测', '含困难群众身份和健康状况'), open: CLOSED,
        items: [CITIZEN_ID, PERSON_NAME, text('救助对象类别'), amount('年度救助金额', '元'), date('认定日期')],
      },
      {
        slug: 'drug-catalogue', name: '医保药品目录及支付标准', summary: '{area}执行的基本医疗保险药品目录、集采中选药品及医保支付标准。',
        categoryCode: '05-04-03', library: 'THEMATIC', format: 'SPREADSHEET', updateFrequency: 'QUARTERLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('医保药品代码'), text('药品名称'), text('剂型'), text('医保类别', '甲类/乙类'), amount('支付标准', '元'), flag('是否集采中选')],
      },
    ],
  },

  nyj: {
    agencyName: prefixed('农业农村局'),
    datasets: [
      {
        slug: 'produce-testing', name: '农产品质量安全抽检结果', summary: '{area}蔬菜、水果、茶叶等食用农产品农药残留定量检测结果。',
        categoryCode: '12-01-01', library: 'THEMATIC', format: 'API', updateFrequency: 'WEEKLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: restricted('限农产品生产经营主体、检测机构实名申请后通过接口查询'),
        items: [key('样品编号'), text('样品名称'), text('受检单位'), date('抽样日期'), text('检测项目'), amount('检测值', 'mg/kg'), text('判定结果', '合格/不合格')],
      },
      {
        slug: 'family-farms', name: '家庭农场名录', summary: '{area}纳入名录管理的家庭农场基本情况及经营规模。',
        categoryCode: '12-02-01', library: 'LEGAL_PERSON', format: 'SPREADSHEET', updateFrequency: 'QUARTERLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: CLOSED,
        items: [text('家庭农场名称'), CREDIT_CODE, personal('农场主姓名'), text('所在乡镇（街道）'), text('主营产业'), amount('经营面积', '亩')],
      },
      {
        slug: 'land-contracts', name: '农村土地承包经营权信息', summary: '{area}农村土地承包经营权确权登记颁证的承包方、地块和面积信息。',
        categoryCode: '12-03-01', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于耕地地力保护补贴发放、土地流转和农业保险核验', '含承包农户身份和地块信息'), open: CLOSED,
        items: [key('承包合同编号'), personal('承包方代表姓名'), CITIZEN_ID, text('地块编码'), amount('承包地块面积', '亩'), text('所在村组')],
      },
      {
        slug: 'cooperatives', name: '农民专业合作社名录', summary: '{area}农民专业合作社及其示范社等级、主营产业。',
        categoryCode: '12-02-02', library: 'LEGAL_PERSON', format: 'SPREADSHEET', updateFrequency: 'QUARTERLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [CREDIT_CODE, text('合作社名称'), text('主营产业'), count('成员数'), text('示范社等级'), text('所在乡镇（街道）')],
      },
      {
        slug: 'farmland-subsidies', name: '耕地地力保护补贴发放信息', summary: '{area}耕地地力保护补贴的补贴对象、面积和发放金额。',
        categoryCode: '12-03-02', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'YEARLY', securityGrade: 'GENERAL',
        share: conditional('仅限用于惠农补贴“一卡通”核对和财政资金审计', '含补贴对象身份和银行账户'), open: CLOSED,
        items: [CITIZEN_ID, PERSON_NAME, amount('补贴面积', '亩'), amount('补贴金额', '元'), personal('社会保障卡银行账号'), text('补贴年度')],
      },
      {
        slug: 'livestock-farms', name: '畜禽养殖场备案信息', summary: '{area}规模畜禽养殖场的备案、存栏量和粪污处理设施信息。',
        categoryCode: '12-04-01', library: 'DEPARTMENT', format: 'SPREADSHEET', updateFrequency: 'QUARTERLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: CLOSED,
        items: [key('备案编号'), text('养殖场名称'), text('畜禽种类'), count('设计存栏量', '头（只）'), text('粪污处理方式'), text('所在乡镇（街道）')],
      },
      {
        slug: 'machinery-subsidies', name: '农机购置与应用补贴信息', summary: '{area}农机购置与应用补贴的机具、经销商和补贴额公示，购机者姓名已脱敏。',
        categoryCode: '12-04-02', library: 'THEMATIC', format: 'SPREADSHEET', updateFrequency: 'QUARTERLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: { attribute: 'UNCONDITIONAL', desensitized: true },
        items: [key('补贴申请编号'), personal('购机者姓名', 'STRING', '脱敏，仅保留姓氏'), text('机具品目'), text('生产企业'), text('经销商'), amount('补贴额', '元')],
      },
    ],
  },

  tjj: {
    agencyName: prefixed('统计局'),
    datasets: [
      {
        slug: 'economic-indicators', name: '主要经济指标', summary: '{area}地区生产总值、规上工业增加值、社会消费品零售总额等主要经济指标。',
        categoryCode: '10-01-01', library: 'MACRO_ECONOMY', format: 'SPREADSHEET', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN, levels: ['county'],
        items: [key('指标名称'), text('统计期'), amount('本期值', '亿元'), amount('同比增长', '%'), amount('累计值', '亿元')],
      },
      {
        slug: 'statistical-communique', name: '国民经济和社会发展统计公报', summary: '{area}年度国民经济和社会发展统计公报及其数据表。',
        categoryCode: '10-01-02', library: 'MACRO_ECONOMY', format: 'DOCUMENT', updateFrequency: 'YEARLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('公报年度'), text('指标类别'), text('指标名称'), amount('指标值', '按指标计量单位'), amount('比上年增长', '%')],
      },
      {
        slug: 'census', name: '人口普查主要数据', summary: '{area}第七次全国人口普查分乡镇（街道）常住人口、年龄构成和受教育程度。',
        categoryCode: '10-03-01', library: 'MACRO_ECONOMY', format: 'SPREADSHEET', updateFrequency: 'ON_DEMAND', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('乡镇（街道）代码'), text('乡镇（街道）名称'), count('常住人口'), amount('65岁及以上人口占比', '%'), count('大学文化程度人口')],
      },
      {
        slug: 'consumer-prices', name: '居民消费价格指数', summary: '{area}居民消费价格分类指数月度数据。',
        categoryCode: '10-02-02', library: 'MACRO_ECONOMY', format: 'SPREADSHEET', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('统计月份'), text('商品和服务类别'), amount('同比指数', '上年同月=100'), amount('环比指数', '上月=100')],
      },
      {
        slug: 'household-income', name: '城乡居民人均可支配收入', summary: '{area}城镇和农村常住居民人均可支配收入及消费支出季度数据。',
        categoryCode: '10-03-02', library: 'MACRO_ECONOMY', format: 'SPREADSHEET', updateFrequency: 'QUARTERLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('统计季度'), text('居民类别', '城镇/农村'), amount('人均可支配收入', '元'), amount('人均消费支出', '元'), amount('名义增长', '%')],
      },
      {
        slug: 'enterprise-survey-raw', name: '规模以上工业企业统计调查原始资料', summary: '{area}规上工业企业联网直报的财务状况、产销总值等统计调查原始数据。',
        categoryCode: '10-02-01', library: 'MACRO_ECONOMY', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'IMPORTANT',
        share: notShared('《中华人民共和国统计法》第二十五条'), open: CLOSED,
        items: [CREDIT_CODE, text('企业名称'), text('报告期'), amount('工业总产值', '千元'), amount('营业收入', '千元'), count('从业人员期末人数')],
      },
    ],
  },

  slj: {
    agencyName: prefixed('水利局'),
    datasets: [
      {
        slug: 'rain-and-water', name: '实时水雨情监测数据', summary: '{area}雨量站、水位站的实时降雨量和河道、水库水位。',
        categoryCode: '18-01-01', library: 'THEMATIC', format: 'API', updateFrequency: 'REAL_TIME', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('测站编码'), text('测站名称'), time('观测时间'), amount('时段降雨量', '毫米'), amount('水位', '米'), amount('警戒水位', '米')],
      },
      {
        slug: 'reservoirs', name: '水库基本信息及安全鉴定', summary: '{area}大中小型水库的工程特性、安全鉴定结论和防汛责任人。',
        categoryCode: '18-02-01', library: 'SPATIAL_GEOGRAPHY', format: 'DATABASE', updateFrequency: 'YEARLY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于防汛防台调度、水库安全监管和应急抢险', '含大坝工程结构等重要设施信息'), open: CLOSED,
        items: [key('水库代码'), text('水库名称'), text('工程规模'), amount('总库容', '万立方米'), text('安全鉴定结论'), text('防汛行政责任人')],
      },
      {
        slug: 'water-permits', name: '取水许可信息', summary: '{area}取水许可证的核发、延续和取水量核定信息。',
        categoryCode: '04-07-01', library: 'E_LICENSE', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('取水许可证编号'), text('取水权人名称'), CREDIT_CODE, text('取水地点'), amount('年许可取水量', '万立方米'), date('有效期至')],
      },
      {
        slug: 'flash-flood-zones', name: '山洪灾害危险区信息', summary: '{area}山洪灾害危险区的范围、转移路线和避险点。',
        categoryCode: '18-02-02', library: 'SPATIAL_GEOGRAPHY', format: 'API', updateFrequency: 'YEARLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: restricted('面向基层防汛组织和应急救援力量，经申请后通过接口开放'),
        items: [key('危险区编码'), text('所在村'), count('影响人口'), text('危险等级'), text('转移路线'), text('避险安置点')],
      },
    ],
  },

  yjj: {
    agencyName: prefixed('应急管理局'),
    datasets: [
      {
        slug: 'hazardous-chemicals', name: '危险化学品经营许可信息', summary: '{area}危险化学品经营许可证核发及变更信息。',
        categoryCode: '04-08-01', library: 'E_LICENSE', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('许可证编号'), text('企业名称'), CREDIT_CODE, text('许可范围'), text('经营方式'), date('有效期至')],
      },
      {
        slug: 'hidden-hazards', name: '安全生产风险隐患排查治理信息', summary: '{area}工贸、危化等重点行业企业的隐患排查、整改和复查记录。',
        categoryCode: '16-01-01', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于安全生产执法、行业主管部门联合监管', '含企业重大危险源和隐患细节'), open: CLOSED,
        items: [key('隐患编号'), CREDIT_CODE, text('企业名称'), text('隐患等级'), text('隐患描述'), date('整改期限'), text('整改状态')],
      },
      {
        slug: 'shelters', name: '应急避难场所信息', summary: '{area}应急避难场所的位置、类型、容纳人数和设施。',
        categoryCode: '16-02-01', library: 'SPATIAL_GEOGRAPHY', format: 'SPREADSHEET', updateFrequency: 'YEARLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('避难场所编号'), text('场所名称'), text('场所类型'), text('地址'), count('可容纳人数'), item('经度', 'DECIMAL'), item('纬度', 'DECIMAL')],
      },
      {
        slug: 'relief-supplies', name: '应急物资储备信息', summary: '{area}防汛、救灾物资仓库及储备品种数量。',
        categoryCode: '16-02-02', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于灾害应急调度和救灾物资统筹', '储备布局属防灾减灾重要信息'), open: CLOSED,
        items: [key('仓库编码'), text('仓库名称'), text('物资品种'), count('储备数量'), text('计量单位'), text('管理单位')],
      },
    ],
  },

  sfj: {
    agencyName: prefixed('司法局'),
    datasets: [
      {
        slug: 'community-correction', name: '社区矫正对象信息', summary: '{area}社区矫正对象的接收、监管、解除矫正信息。',
        categoryCode: '17-01-01', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'CORE',
        share: notShared('《中华人民共和国社区矫正法》关于社区矫正对象身份信息和个人隐私保密的规定'), open: CLOSED,
        items: [key('矫正对象编号'), CITIZEN_ID, PERSON_NAME, personal('矫正类别'), personal('矫正期限'), text('执行地司法所')],
      },
      {
        slug: 'law-firms', name: '律师事务所名录', summary: '{area}律师事务所的执业许可、执业律师人数和年度考核结果。',
        categoryCode: '17-02-01', library: 'LEGAL_PERSON', format: 'SPREADSHEET', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [CREDIT_CODE, text('律师事务所名称'), key('执业许可证号'), count('执业律师人数'), text('年度考核结果'), text('地址')],
      },
      {
        slug: 'notarizations', name: '公证书出具信息', summary: '{area}公证机构出具的公证书及其核验信息。',
        categoryCode: '17-02-02', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于公证书真伪核验和“继承一件事”联办', '含当事人身份及财产信息'), open: CLOSED,
        items: [key('公证书编号'), text('公证事项'), personal('当事人姓名'), personal('当事人证件号码'), date('出证日期'), text('公证机构')],
      },
      {
        slug: 'legal-aid', name: '法律援助案件信息', summary: '{area}法律援助申请、指派和结案信息。',
        categoryCode: '17-02-03', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'WEEKLY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于法律援助经济困难条件核查和案件质量评估', '含受援人身份及案情'), open: CLOSED,
        items: [key('案件编号'), personal('受援人姓名'), personal('受援人证件号码'), text('案件类别'), text('承办机构'), date('结案日期')],
      },
      {
        slug: 'mediation-committees', name: '人民调解组织信息', summary: '{area}乡镇（街道）、村（社区）和行业性专业性人民调解委员会名录。',
        categoryCode: '17-03-01', library: 'THEMATIC', format: 'SPREADSHEET', updateFrequency: 'QUARTERLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('调委会编号'), text('调委会名称'), text('类型'), count('调解员人数'), text('地址'), text('联系电话')],
      },
    ],
  },

  wglt: {
    agencyName: prefixed('文化和广电旅游体育局'),
    datasets: [
      {
        slug: 'scenic-spots', name: 'A级旅游景区信息', summary: '{area}A级旅游景区名录及开放时间、门票价格。',
        categoryCode: '13-01-01', library: 'THEMATIC', format: 'SPREADSHEET', updateFrequency: 'QUARTERLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('景区编号'), text('景区名称'), text('景区等级'), text('地址'), text('开放时间'), amount('门票价格', '元')],
      },
      {
        slug: 'travel-agencies', name: '旅行社名录', summary: '{area}取得旅行社业务经营许可的旅行社及其分社、服务网点。',
        categoryCode: '13-01-02', library: 'LEGAL_PERSON', format: 'SPREADSHEET', updateFrequency: 'QUARTERLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [CREDIT_CODE, text('旅行社名称'), key('旅行社业务经营许可证编号'), text('经营范围'), text('地址'), text('联系电话')],
      },
      {
        slug: 'intangible-heritage', name: '非物质文化遗产代表性项目名录', summary: '{area}国家级、省级、市级和县级非物质文化遗产代表性项目。',
        categoryCode: '13-02-02', library: 'THEMATIC', format: 'SPREADSHEET', updateFrequency: 'YEARLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('项目编号'), text('项目名称'), text('类别'), text('级别'), text('保护单位'), count('公布年份')],
      },
      {
        slug: 'homestays', name: '“丽水山居”民宿信息', summary: '{area}登记的民宿及“丽水山居”区域公用品牌授权、等级评定信息。',
        categoryCode: '13-01-03', library: 'THEMATIC', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('民宿编号'), text('民宿名称'), text('所在乡镇（街道）'), count('客房数'), text('等级'), flag('是否获“丽水山居”授权')],
      },
      {
        slug: 'entertainment-permits', name: '娱乐场所经营许可信息', summary: '{area}歌舞、游艺娱乐场所经营许可证核发信息。',
        categoryCode: '04-09-01', library: 'E_LICENSE', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: CLOSED,
        items: [key('许可证编号'), text('场所名称'), CREDIT_CODE, text('经营范围'), text('经营地址'), date('有效期至')],
      },
      {
        slug: 'visitor-flows', name: '重点景区客流统计', summary: '{area}重点景区实时在园人数和日接待游客量。',
        categoryCode: '13-03-01', library: 'THEMATIC', format: 'API', updateFrequency: 'REAL_TIME', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: OPEN,
        items: [key('景区编号'), text('景区名称'), time('统计时间'), count('在园人数'), count('当日累计接待人次'), count('最大承载量')],
      },
    ],
  },

  gjj: {
    agencyName: (r) => `${r.name}住房公积金中心`,
    datasets: [
      {
        slug: 'deposits', name: '住房公积金缴存信息', summary: '{area}住房公积金个人账户的缴存基数、比例和缴存状态。',
        categoryCode: '15-04-01', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'IMPORTANT',
        share: conditional('仅限经本人授权后用于贷款审批、人才政策兑现和收入核验', '含缴存职工身份和收入信息'), open: CLOSED,
        items: [key('个人公积金账号'), CITIZEN_ID, PERSON_NAME, text('缴存单位'), personal('缴存基数', 'DECIMAL', '单位：元'), text('缴存状态')],
      },
      {
        slug: 'loans', name: '住房公积金贷款信息', summary: '{area}住房公积金个人住房贷款的发放、还款和结清信息。',
        categoryCode: '15-04-02', library: 'DEPARTMENT', format: 'DATABASE', updateFrequency: 'DAILY', securityGrade: 'IMPORTANT',
        share: conditional('仅限用于不动产抵押登记联办和经本人授权的征信核验', '含借款人身份、财产和负债信息'), open: CLOSED,
        items: [key('借款合同编号'), CITIZEN_ID, REAL_ESTATE_UNIT, amount('贷款金额', '万元'), count('贷款期限', '月'), text('贷款状态')],
      },
      {
        slug: 'employers', name: '住房公积金缴存单位信息', summary: '{area}建立住房公积金制度的单位及其缴存人数。',
        categoryCode: '15-04-03', library: 'LEGAL_PERSON', format: 'DATABASE', updateFrequency: 'MONTHLY', securityGrade: 'GENERAL',
        share: UNCONDITIONAL, open: CLOSED,
        items: [CREDIT_CODE, text('单位名称'), key('单位公积金账号'), count('缴存人数'), text('缴存状态')],
      },
    ],
  },
};

/** 全市 for the city itself, the region's own name below it. */
export const areaOf = (r: RegionInfo) => (r.level === 'CITY' ? '全市' : r.name);

/** An entry's name in a region: the template's name, with the region's name in front below city level. */
export const entryName = (t: DatasetTemplate, r: RegionInfo) => (r.level === 'CITY' ? t.name : `${r.name}${t.name}`);

export const entrySummary = (t: DatasetTemplate, r: RegionInfo) => t.summary.replaceAll('{area}', areaOf(r));

export const appliesAt = (t: DatasetTemplate, r: RegionInfo) => !t.levels || t.levels.includes(r.level === 'CITY' ? 'city' : 'county');

/** The catalog fields of a template, as a create input spells them. */
export function templateFields(t: DatasetTemplate) {
  return {
    categoryCode: t.categoryCode, library: t.library, format: t.format, updateFrequency: t.updateFrequency, securityGrade: t.securityGrade,
    shareAttribute: t.share.attribute,
    shareCondition: t.share.attribute === 'CONDITIONAL' ? t.share.condition : undefined,
    shareReason: t.share.attribute === 'CONDITIONAL' ? t.share.reason : undefined,
    legalBasis: t.share.attribute === 'NOT_SHARED' ? t.share.legalBasis : undefined,
    openAttribute: t.open.attribute,
    openCondition: t.open.attribute === 'RESTRICTED' ? t.open.condition : undefined,
    desensitized: t.open.attribute !== 'PROHIBITED' && t.open.desensitized ? true : undefined,
  };
}
