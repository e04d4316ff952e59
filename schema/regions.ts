/** The slice of GB/T 2260 administrative divisions the demo serves: Zhejiang, its cities, and Lishui's counties. */

export type RegionLevel = 'PROVINCE' | 'CITY' | 'COUNTY';

export interface RegionInfo {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

const ZHEJIANG = '330000';
const LISHUI = '331100';

const CITIES: [string, string][] = [
  ['330100', '杭州市'], ['330200', '宁波市'], ['330300', '温州市'], ['330400', '嘉兴市'],
  ['330500', '湖州市'], ['330600', '绍兴市'], ['330700', '金华市'], ['330800', '衢州市'],
  ['330900', '舟山市'], ['331000', '台州市'], [LISHUI, '丽水市'],
];

const LISHUI_COUNTIES: [string, string][] = [
  ['331102', '莲都区'], ['331121', '青田县'], ['331122', '缙云县'], ['331123', '遂昌县'],
  ['331124', '松阳县'], ['331125', '云和县'], ['331126', '庆元县'], ['331127', '景宁畲族自治县'],
  ['331181', '龙泉市'],
];

export const REGIONS: readonly RegionInfo[] = Object.freeze([
  { code: ZHEJIANG, name: '浙江省', level: 'PROVINCE' as const, parentCode: null },
  ...CITIES.map(([code, name]) => ({ code, name, level: 'CITY' as const, parentCode: ZHEJIANG })),
  ...LISHUI_COUNTIES.map(([code, name]) => ({ code, name, level: 'COUNTY' as const, parentCode: LISHUI })),
].map((region): RegionInfo => Object.freeze(region)));

const BY_CODE = new Map(REGIONS.map((r) => [r.code, r]));

const CHILDREN = new Map<string, RegionInfo[]>();
for (const region of REGIONS) {
  if (region.parentCode === null) continue;
  const siblings = CHILDREN.get(region.parentCode) ?? [];
  siblings.push(region);
  CHILDREN.set(region.parentCode, siblings);
}

function parentOf(region: RegionInfo | undefined): RegionInfo | undefined {
  return region?.parentCode ? BY_CODE.get(region.parentCode) : undefined;
}

export function getRegion(code: string): RegionInfo | undefined {
  return BY_CODE.get(code);
}

export function isKnownRegion(code: string): boolean {
  return BY_CODE.has(code);
}

/** Unknown codes are never within anything, not even themselves: access checks built on this must fail closed. */
export function isWithin(code: string, ancestorCode: string): boolean {
  for (let r = BY_CODE.get(code); r; r = parentOf(r)) {
    if (r.code === ancestorCode) return true;
  }
  return false;
}

/** Returns a fresh array so callers cannot corrupt the shared index. */
export function childrenOf(code: string): RegionInfo[] {
  return [...(CHILDREN.get(code) ?? [])];
}

/** Breadth-first, so parents always precede their children. */
export function descendantsOf(code: string, includeSelf = true): RegionInfo[] {
  const self = BY_CODE.get(code);
  if (!self) return [];
  const out = [self];
  for (let i = 0; i < out.length; i++) out.push(...(CHILDREN.get(out[i]!.code) ?? []));
  return includeSelf ? out : out.slice(1);
}

export function ancestorsOf(code: string): RegionInfo[] {
  const out: RegionInfo[] = [];
  for (let r = parentOf(BY_CODE.get(code)); r; r = parentOf(r)) out.push(r);
  return out;
}
