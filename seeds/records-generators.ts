import { citizenIdCheckChar } from '../subgraphs/kit/rules/citizen-id.js';
import { makeCreditCode, makeOrganizationCode } from '../subgraphs/kit/rules/credit-code.js';

/**
 * Realistic demo records, generated: deterministic (a seeded PRNG, never Math.random, so every
 * start and every test sees the same rows) and streamed (a generator yields one record at a time,
 * so a benchmark draws 1,000,000 in bounded memory). Values are in the raw form a client sends to
 * the load API (records/values.ts parses them): DECIMAL as decimal text, DATE `YYYY-MM-DD`,
 * DATETIME with its +08:00 offset, INTEGER as a number. Identifiers derive from the row number
 * through a bijection, so they are unique at any volume and look scattered.
 */

export type RawRecord = Record<string, string | number | boolean | null>;

/** mulberry32: a small, fast PRNG whose whole state is one 32-bit number. */
export class Prng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  /** One of `xs` by weight: `[[value, weight], …]`. */
  weighted<T>(xs: readonly (readonly [T, number])[]): T {
    const total = xs.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [x, w] of xs) {
      r -= w;
      if (r < 0) return x;
    }
    return xs[xs.length - 1]![0];
  }
  /** A decimal in [lo, hi] with `places` digits after the point, as text. */
  decimal(lo: number, hi: number, places: number): string {
    return (lo + this.next() * (hi - lo)).toFixed(places);
  }
}

/** A 32-bit seed from a text (FNV-1a), so each record set has its own stream. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return h;
}

/** Records `0 … count-1` of a set, each from its own PRNG (row-seeded), so row i is the same whatever the count. */
export function* records(count: number, seed: number, row: (rng: Prng, i: number) => RawRecord): Generator<RawRecord> {
  for (let i = 0; i < count; i++) yield row(new Prng(seed ^ Math.imul(i + 1, 0x9e3779b1)), i);
}

/** Cuts a stream into arrays of at most `size`, for a load API that takes batches. */
export function* inBatches<T>(source: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const x of source) {
    batch.push(x);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

// ---------------------------------------------------------------- building blocks

/** The characters of a unified social credit code (GB 32100: no I, O, S, V, Z). */
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const SPACE = 31 ** 6;
/** An odd multiplier coprime to 31: i ↦ i·M mod 31⁶ is a bijection, so distinct rows get distinct codes. */
const SCATTER = 387_420_489;

/** Record sets draw from disjoint ranges of row numbers, so two registries never give one code to two entities. */
const SET_STRIDE = 200_000_000;

function scattered(i: number): string {
  // (i·M) mod 31⁶ in two halves of M, each product within 2^53.
  const a = i % SPACE;
  let n = (((((a * Math.floor(SCATTER / 65536)) % SPACE) * 65536) % SPACE) + ((a * (SCATTER % 65536)) % SPACE)) % SPACE;
  let s = '';
  for (let k = 0; k < 6; k++) {
    s = CODE_CHARS[n % 31]! + s;
    n = Math.floor(n / 31);
  }
  return s;
}

/**
 * A valid unified social credit code of row `i`: registered by market regulation (9), of the
 * kind given (1 enterprise, 2 individual business, 3 farmers' cooperative), in `region`, with an
 * organization code `MA`+6 (the form codes issued since 2015 take) and both check characters.
 */
export function creditCodeOf(kind: '1' | '2' | '3', region: string, i: number, set = 0): string {
  return makeCreditCode(`9${kind}${region}${makeOrganizationCode(`MA${scattered(i + set * SET_STRIDE)}`)}`);
}

/** A valid citizen ID number (GB 11643) born in `region` between 1955 and 2000. */
export function citizenIdOf(rng: Prng, region: string): string {
  const y = rng.int(1955, 2000);
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  const first17 = `${region}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(rng.int(1, 999)).padStart(3, '0')}`;
  return first17 + citizenIdCheckChar(first17);
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '吴', '周', '徐', '叶', '朱', '潘', '何', '林', '蓝', '雷', '钟', '季', '金', '郑', '应', '项', '毛', '胡'];
const GIVEN = [
  '伟',
  '芳',
  '建',
  '华',
  '敏',
  '静',
  '丽',
  '强',
  '军',
  '杰',
  '勇',
  '艳',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '婷',
  '晓',
  '海',
  '峰',
  '磊',
  '俊',
  '文',
  '斌',
  '燕',
  '鑫',
  '浩',
];

export function personName(rng: Prng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.next() < 0.7 ? rng.pick(GIVEN) : '');
}

/** A date in [from, to] (years), as YYYY-MM-DD. */
function dateBetween(rng: Prng, fromYear: number, toYear: number): string {
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear, 11, 31);
  return new Date(start + Math.floor(rng.next() * ((end - start) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- market entities

const BRAND_TAILS = ['信', '达', '源', '泰', '盛', '禾', '博', '润', '丰', '华', '恒', '鼎', '安', '嘉', '誉', '顺', '瑞', '和', '越', '通'];
const BRANDS = [
  '瓯江',
  '丽水',
  '处州',
  '括苍',
  '白云',
  '南明',
  '好川',
  '紫金',
  '万象',
  '城南',
  '碧湖',
  '大港头',
  '老竹',
  '仙渡',
  '雅溪',
  '太平',
  '联城',
  '岩泉',
  '水阁',
  '富岭',
  '青瓷',
  '剑川',
  '凤阳',
  '九龙',
  '山哈',
  '畲乡',
  '秀山',
  '云和',
  '松阳',
  '古堰',
];
const INDUSTRIES = [
  ['科技', '软件开发；信息技术咨询服务'],
  ['贸易', '日用百货、五金交电销售'],
  ['建设工程', '房屋建筑工程、市政工程施工'],
  ['食品', '食品生产；食品销售'],
  ['农业开发', '农产品种植、初级加工及销售'],
  ['文化传媒', '广告设计、制作、发布；文化活动策划'],
  ['物流', '普通货物道路运输；仓储服务'],
  ['汽车服务', '机动车维修；汽车零配件销售'],
  ['餐饮管理', '餐饮服务；餐饮管理'],
  ['旅游开发', '旅游项目开发；民宿服务'],
  ['机械制造', '通用设备制造；机械零部件加工'],
  ['青瓷', '日用陶瓷制品制造；工艺美术品销售'],
] as const;
const SHOPS = ['便利店', '小吃店', '五金店', '理发店', '服装店', '水果店', '茶叶店', '农资店', '快餐店', '烟酒店'];
const PRODUCE = ['茶叶', '食用菌', '香榧', '高山蔬菜', '水果', '中药材', '稻米', '油茶'];
const STREETS = ['解放街', '中山街', '丽阳街', '大众街', '人民街', '紫金路', '括苍路', '花园路', '城北街', '继光街', '北环路', '绿谷大道', '水阁工业区', '万象街道', '南明山街道'];

export interface MarketEntity {
  creditCode: string;
  name: string;
  kind: '有限责任公司' | '个体工商户' | '农民专业合作社';
  representative: string;
  representativeId: string;
  capital: string;
  established: string;
  scope: string;
  address: string;
  status: '存续' | '在业' | '注销' | '吊销';
}

/** Where the entity is registered: a row of a city entry lies in one of its districts and counties. */
export function marketEntity(rng: Prng, i: number, region: string, placeName: string, set: number): MarketEntity {
  const kind = rng.weighted([
    ['有限责任公司', 55],
    ['个体工商户', 38],
    ['农民专业合作社', 7],
  ] as const);
  const brand = rng.pick(BRANDS) + rng.pick(BRAND_TAILS);
  const [industry, scope] = rng.pick(INDUSTRIES);
  const name =
    kind === '有限责任公司'
      ? `${placeName}${brand}${industry}有限公司`
      : kind === '个体工商户'
        ? `${placeName}${brand}${rng.pick(SHOPS)}`
        : `${placeName}${brand}${rng.pick(PRODUCE)}专业合作社`;
  const capital =
    kind === '个体工商户' ? rng.decimal(1, 50, 2) : kind === '农民专业合作社' ? rng.decimal(10, 300, 2) : String(rng.pick([10, 50, 100, 200, 300, 500, 1000, 2000, 5000]));
  return {
    creditCode: creditCodeOf(kind === '有限责任公司' ? '1' : kind === '个体工商户' ? '2' : '3', region, i, set),
    name,
    kind,
    representative: personName(rng),
    representativeId: citizenIdOf(rng, region),
    capital,
    established: dateBetween(rng, 1998, 2025),
    scope: kind === '个体工商户' ? `${scope.split('；')[0]}（个体经营）` : scope,
    address: `浙江省丽水市${placeName}${rng.pick(STREETS)}${rng.int(1, 399)}号`,
    status: rng.weighted([
      ['存续', 78],
      ['在业', 8],
      ['注销', 11],
      ['吊销', 3],
    ] as const),
  };
}

const LISHUI_PLACES = [
  ['331102', '莲都区'],
  ['331121', '青田县'],
  ['331122', '缙云县'],
  ['331123', '遂昌县'],
  ['331124', '松阳县'],
  ['331125', '云和县'],
  ['331126', '庆元县'],
  ['331127', '景宁畲族自治县'],
  ['331181', '龙泉市'],
] as const;

/** 丽水市市场监督管理局 · 企业登记信息: enterprises of the whole city. */
export const businessRegistrations = (count: number, seed = seedOf('lishui-amr-business-registration')) =>
  records(count, seed, (rng, i) => {
    const [region, place] = rng.pick(LISHUI_PLACES);
    const e = marketEntity(rng, i, region, place, 1);
    return {
      统一社会信用代码: e.creditCode,
      企业名称: e.name,
      法定代表人: e.representative,
      法定代表人证件号码: e.representativeId,
      注册资本: e.capital,
      成立日期: e.established,
      经营范围: e.scope,
      住所: e.address,
      登记状态: e.status,
    };
  });

/** A district's or county's market entities (莲都区, 龙泉市), in the item names of its own entry. */
export const marketEntities =
  (region: '331102' | '331181', withCapital: boolean) =>
  (count: number, seed = seedOf(`${region}-amr-market-entities`)) =>
    records(count, seed, (rng, i) => {
      const e = marketEntity(rng, i, region, region === '331102' ? '莲都区' : '龙泉市', 2);
      const row: RawRecord = {
        统一社会信用代码: e.creditCode,
        主体名称: e.name,
        主体类型: e.kind,
        '法定代表人（负责人、经营者）': e.representative,
        成立日期: e.established,
        登记状态: e.status,
      };
      if (withCapital) row['注册资本（出资额）'] = e.capital;
      else row['住所（经营场所）'] = e.address;
      return row;
    });

// ---------------------------------------------------------------- places

/** The urban area of 莲都区 (the city seat), where its stops and car parks lie. */
export const LIANDU_BOUNDS = { lngMin: 119.86, lngMax: 119.96, latMin: 28.42, latMax: 28.49 } as const;

const STOP_LANDMARKS = [
  '人民医院',
  '市政府',
  '火车站',
  '汽车南站',
  '中山街口',
  '丽阳门',
  '万象山公园',
  '学院路',
  '丽水学院',
  '白云山',
  '城北小学',
  '紫金大桥',
  '南明湖',
  '水阁工业区',
  '体育中心',
  '市中心医院',
  '联城',
  '花园新村',
  '碧湖',
  '九龙湿地',
];
const ROUTES = ['1路', '2路', '3路', '5路', '6路', '7路', '8路', '10路', '11路', '12路', '15路', '17路', '20路', '21路', 'K1路', 'K2路', 'K3路', '夜1路'];

/** 丽水市交通运输局 · 公交站点信息 (a demo entry of its own, seeds/records-demo.ts): stops of the urban routes. */
export const busStops = (count: number, seed = seedOf('lishui-jtj-bus-stops')) =>
  records(count, seed, (rng, i) => ({
    站点编号: `LSBUS${String(i + 1).padStart(7, '0')}`,
    站点名称: `${rng.pick(STOP_LANDMARKS)}${rng.next() < 0.3 ? rng.pick(['东', '西', '南', '北']) : ''}站`,
    线路名称: ROUTES[i % ROUTES.length]!,
    行驶方向: rng.next() < 0.5 ? '上行' : '下行',
    站序: 1 + (Math.floor(i / ROUTES.length) % 40),
    经度: rng.decimal(LIANDU_BOUNDS.lngMin, LIANDU_BOUNDS.lngMax, 6),
    纬度: rng.decimal(LIANDU_BOUNDS.latMin, LIANDU_BOUNDS.latMax, 6),
  }));

/** 莲都区综合行政执法局 · 公共停车场信息: car parks with their last reported free spaces. */
export const publicParking = (count: number, seed = seedOf('liandu-zfj-public-parking')) =>
  records(count, seed, (rng, i) => {
    const total = rng.int(20, 800);
    const hour = rng.int(0, 23);
    return {
      停车场编号: `LDP${String(i + 1).padStart(7, '0')}`,
      停车场名称: `${rng.pick(STOP_LANDMARKS)}${rng.pick(['公共停车场', '地下停车库', '临时停车场', '立体停车库'])}`,
      地址: `丽水市莲都区${rng.pick(STREETS)}${rng.int(1, 399)}号`,
      经度: rng.decimal(LIANDU_BOUNDS.lngMin, LIANDU_BOUNDS.lngMax, 6),
      纬度: rng.decimal(LIANDU_BOUNDS.latMin, LIANDU_BOUNDS.latMax, 6),
      总泊位数: total,
      空余泊位数: rng.int(0, total),
      收费标准: rng.pick(['首小时5元，此后每小时2元', '首小时3元，此后每小时1元', '30分钟内免费，此后每小时2元', '免费']),
      更新时间: `2026-11-30T${String(hour).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00+08:00`,
    };
  });

const LONGQUAN_TOWNS = [
  '龙渊街道',
  '剑池街道',
  '西街街道',
  '塔石街道',
  '八都镇',
  '上垟镇',
  '小梅镇',
  '查田镇',
  '屏南镇',
  '安仁镇',
  '锦溪镇',
  '住龙镇',
  '兰巨乡',
  '宝溪乡',
  '竹垟畲族乡',
  '道太乡',
  '岩樟乡',
  '城北乡',
  '龙南乡',
];
const TREES = ['香樟', '银杏', '柳杉', '南方红豆杉', '枫香', '苦槠', '马尾松', '甜槠', '罗汉松', '榧树', '黄连木', '朴树'];

/** 龙泉市林业局 · 古树名木信息: the grade follows the age (GB/T 51168: 500 years and more first grade). */
export const ancientTrees = (count: number, seed = seedOf('longquan-lyj-ancient-trees')) =>
  records(count, seed, (rng, i) => {
    const age = Math.round(100 + rng.next() ** 2.5 * 1400);
    const famous = rng.next() < 0.02;
    return {
      古树编号: `331181-${String(i + 1).padStart(7, '0')}`,
      树种: rng.pick(TREES),
      估测树龄: age,
      保护等级: famous ? '名木' : age >= 500 ? '一级' : age >= 300 ? '二级' : '三级',
      '所在乡镇（街道）': rng.pick(LONGQUAN_TOWNS),
      生长状况: rng.weighted([
        ['正常', 85],
        ['衰弱', 12],
        ['濒危', 3],
      ] as const),
    };
  });

// ---------------------------------------------------------------- air quality

const STATIONS = [
  ['331100051', '丽水市监测站'],
  ['331100052', '莲都区政府'],
  ['331100053', '丽水学院'],
  ['331100054', '水阁工业区'],
  ['331121051', '青田县监测站'],
  ['331122051', '缙云县监测站'],
  ['331123051', '遂昌县监测站'],
  ['331181051', '龙泉市监测站'],
] as const;

/** HJ 633-2012: the individual index of a concentration between breakpoints. */
function iaqi(c: number, breaks: readonly number[]): number {
  const indices = [0, 50, 100, 150, 200, 300, 400, 500];
  for (let k = 1; k < breaks.length; k++) {
    if (c <= breaks[k]!) return Math.ceil(((indices[k]! - indices[k - 1]!) / (breaks[k]! - breaks[k - 1]!)) * (c - breaks[k - 1]!) + indices[k - 1]!);
  }
  return 500;
}
const PM25_BREAKS = [0, 35, 75, 115, 150, 250, 350, 500];
const PM10_BREAKS = [0, 50, 150, 250, 350, 420, 500, 600];
const O3_1H_BREAKS = [0, 160, 200, 300, 400, 800, 1000, 1200];

/** Readings hour by hour back from this instant: fixed, so the data are the same on every start. */
export const AIR_QUALITY_LAST_HOUR = Date.parse('2026-11-30T23:00:00+08:00');

/** An instant as the platform's local time with its offset, e.g. 2026-11-30T23:00:00+08:00. */
export function chinaTime(ms: number): string {
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

/**
 * 丽水市生态环境局 · 环境空气质量监测数据: each station's hourly readings, newest first; the AQI
 * is computed from the concentrations (HJ 633), and the primary pollutant named only above 50.
 */
export const airQuality = (count: number, seed = seedOf('lishui-sthj-air-quality')) =>
  records(count, seed, (rng, i) => {
    const [code, name] = STATIONS[i % STATIONS.length]!;
    const at = AIR_QUALITY_LAST_HOUR - Math.floor(i / STATIONS.length) * 3_600_000;
    const hour = new Date(at + 8 * 3_600_000).getUTCHours();
    // Clean mountain air most hours; morning and evening peaks; ozone peaks in the afternoon.
    const rush = hour >= 7 && hour <= 9 ? 1.5 : hour >= 17 && hour <= 20 ? 1.35 : 1;
    const pm25 = Math.max(3, Math.round((8 + rng.next() ** 2 * 70) * rush));
    const pm10 = Math.round(pm25 * (1.3 + rng.next() * 0.6));
    const o3 = Math.round(20 + (hour >= 12 && hour <= 17 ? 80 : 20) * rng.next() + (hour >= 12 && hour <= 17 ? 40 : 0));
    const parts = [
      ['PM2.5', iaqi(pm25, PM25_BREAKS)],
      ['PM10', iaqi(pm10, PM10_BREAKS)],
      ['O3', iaqi(o3, O3_1H_BREAKS)],
    ] as const;
    const [primary, aqi] = parts.reduce((a, b) => (b[1] > a[1] ? b : a));
    return {
      监测站点编码: code,
      监测站点名称: name,
      监测时间: chinaTime(at),
      'PM2.5浓度': String(pm25),
      PM10浓度: String(pm10),
      臭氧浓度: String(o3),
      空气质量指数: aqi,
      首要污染物: aqi > 50 ? primary : null,
    };
  });
