import { describe, test, expect } from '@jest/globals';
import { REGIONS, ancestorsOf, childrenOf, descendantsOf, getRegion, isKnownRegion, isWithin, type RegionInfo } from './regions.js';

const codes = (regions: { code: string }[]) => regions.map((r) => r.code);

describe('REGIONS', () => {
  test('holds every province, city and county of GB/T 2260 from the pinned package, each code once', () => {
    const provinces = REGIONS.filter((r) => r.level === 'PROVINCE');
    expect(provinces).toHaveLength(31);
    expect(REGIONS.filter((r) => r.level === 'CITY').length).toBeGreaterThan(330);
    expect(REGIONS.filter((r) => r.level === 'COUNTY').length).toBeGreaterThan(2800);
    expect(new Set(codes([...REGIONS])).size).toBe(REGIONS.length);
    // A city far from the demo validates as well as Lishui does.
    expect(getRegion('440305')).toEqual({ code: '440305', name: '南山区', level: 'COUNTY', parentCode: '440300' });
    expect(getRegion('440300')?.name).toBe('深圳市');
    // A city without counties is one region, a city, not its own parent.
    expect(getRegion('441900')).toEqual({ code: '441900', name: '东莞市', level: 'CITY', parentCode: '440000' });
  });

  test('every code is 6 digits and every parent exists', () => {
    for (const r of REGIONS) {
      expect(r.code).toMatch(/^\d{6}$/);
      if (r.parentCode !== null) expect(isKnownRegion(r.parentCode)).toBe(true);
    }
  });

  test('is frozen, down to each entry', () => {
    expect(Object.isFrozen(REGIONS)).toBe(true);
    expect(() => (REGIONS as RegionInfo[]).push({ ...REGIONS[0]!, code: '999999' })).toThrow();
    expect(() => {
      REGIONS[0]!.name = 'x';
    }).toThrow();
    expect(getRegion('330000')?.name).toBe('浙江省');
  });
});

describe('getRegion / isKnownRegion', () => {
  test('looks up regions by code', () => {
    expect(getRegion('331127')).toEqual({ code: '331127', name: '景宁畲族自治县', level: 'COUNTY', parentCode: '331100' });
    expect(getRegion('331100')).toEqual({ code: '331100', name: '丽水市', level: 'CITY', parentCode: '330000' });
    expect(getRegion('330000')?.parentCode).toBeNull();
    expect(isKnownRegion('331181')).toBe(true);
    expect(getRegion('110101')).toEqual({ code: '110101', name: '东城区', level: 'COUNTY', parentCode: '110100' });
  });

  test('knows no code that is not a division', () => {
    expect(getRegion('999999')).toBeUndefined();
    expect(getRegion('331199')).toBeUndefined();
    expect(getRegion('')).toBeUndefined();
    expect(isKnownRegion('33110')).toBe(false);
  });
});

describe('isWithin', () => {
  test('is true for the region itself and for descendants at any depth', () => {
    expect(isWithin('331102', '331102')).toBe(true);
    expect(isWithin('331102', '331100')).toBe(true);
    expect(isWithin('331102', '330000')).toBe(true);
    expect(isWithin('330100', '330000')).toBe(true);
  });

  test('is false upwards and sideways', () => {
    expect(isWithin('330000', '331100')).toBe(false);
    expect(isWithin('331102', '330100')).toBe(false);
    expect(isWithin('331102', '331121')).toBe(false);
  });

  test('fails closed for unknown codes, even when equal', () => {
    expect(isWithin('999999', '999999')).toBe(false);
    expect(isWithin('999999', '330000')).toBe(false);
    expect(isWithin('331102', '999999')).toBe(false);
  });
});

describe('childrenOf', () => {
  test('lists direct children only', () => {
    expect(codes(childrenOf('330000'))).toEqual(['330100', '330200', '330300', '330400', '330500', '330600', '330700', '330800', '330900', '331000', '331100']);
    expect(codes(childrenOf('331100'))).toEqual(['331102', '331121', '331122', '331123', '331124', '331125', '331126', '331127', '331181']);
  });

  test('is empty for leaves and unknown codes', () => {
    expect(childrenOf('331102')).toEqual([]);
    expect(childrenOf('330102')).toEqual([]);
    expect(childrenOf('999999')).toEqual([]);
  });

  test('returns a copy the caller may modify', () => {
    childrenOf('331100').length = 0;
    expect(childrenOf('331100')).toHaveLength(9);
  });
});

describe('descendantsOf', () => {
  test('covers every depth, self first unless excluded', () => {
    const all = descendantsOf('331100');
    expect(codes(all)).toEqual(['331100', '331102', '331121', '331122', '331123', '331124', '331125', '331126', '331127', '331181']);
    expect(codes(descendantsOf('330000'))).toContain('331127');
    expect(codes(descendantsOf('331100', false))).not.toContain('331100');
    expect(descendantsOf('331100', false)).toHaveLength(9);
  });

  test('lists parents before their children', () => {
    const order = codes(descendantsOf('330000'));
    expect(order.indexOf('331100')).toBeLessThan(order.indexOf('331102'));
  });

  test('handles leaves and unknown codes', () => {
    expect(codes(descendantsOf('331181'))).toEqual(['331181']);
    expect(descendantsOf('331181', false)).toEqual([]);
    expect(descendantsOf('999999')).toEqual([]);
  });
});

describe('ancestorsOf', () => {
  test('lists ancestors nearest first', () => {
    expect(codes(ancestorsOf('331127'))).toEqual(['331100', '330000']);
    expect(codes(ancestorsOf('330300'))).toEqual(['330000']);
  });

  test('is empty for the root and unknown codes', () => {
    expect(ancestorsOf('330000')).toEqual([]);
    expect(ancestorsOf('999999')).toEqual([]);
  });
});
