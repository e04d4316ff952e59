import { describe, test, expect } from '@jest/globals';
import { isGlobalId, newId, parseId, regionOf } from './ids.js';

const SAMPLE_ULID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

describe('newId', () => {
  test('prefixes a fresh ULID with the region', () => {
    const id = newId('331102');
    expect(id).toMatch(/^331102:[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(parseId(id)).toEqual({ region: '331102', ulid: id.slice(7) });
  });

  test('mints unique IDs that sort in creation order', () => {
    const ids = Array.from({ length: 1000 }, () => newId('330000'));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  test('throws unless the region is exactly 6 ASCII digits', () => {
    for (const bad of ['', '33110', '3311020', '33110a', ' 331102', '３３１１０２', '331102\n']) {
      expect(() => newId(bad)).toThrow(/6 digits/);
    }
    expect(() => newId(331102 as unknown as string)).toThrow(/6 digits/);
  });
});

describe('parseId', () => {
  test('splits a well-formed ID', () => {
    expect(parseId(`331181:${SAMPLE_ULID}`)).toEqual({ region: '331181', ulid: SAMPLE_ULID });
  });

  test('returns null for malformed IDs', () => {
    const bad = [
      '',
      SAMPLE_ULID,
      '331181',
      `331181${SAMPLE_ULID}`,
      `331181:${SAMPLE_ULID}:x`,
      `33118:${SAMPLE_ULID}`,
      `3311810:${SAMPLE_ULID}`,
      `33118a:${SAMPLE_ULID}`,
      `331181:${SAMPLE_ULID.slice(1)}`,
      `331181:${SAMPLE_ULID}0`,
      `331181:${SAMPLE_ULID.toLowerCase()}`,
      `331181:01ARZ3NDEKTSV4RRFFQ69G5FAI`,
      `331181:01ARZ3NDEKTSV4RRFFQ69G5FAL`,
      `331181:01ARZ3NDEKTSV4RRFFQ69G5FAO`,
      `331181:01ARZ3NDEKTSV4RRFFQ69G5FAU`,
      `331181:8ZZZZZZZZZZZZZZZZZZZZZZZZZ`,
      `331181:${SAMPLE_ULID}\n`,
      ` 331181:${SAMPLE_ULID}`,
    ];
    for (const id of bad) expect(parseId(id)).toBeNull();
    expect(parseId(undefined as unknown as string)).toBeNull();
  });

  test('accepts the largest ULID', () => {
    expect(parseId('331181:7ZZZZZZZZZZZZZZZZZZZZZZZZZ')).not.toBeNull();
  });
});

describe('regionOf / isGlobalId', () => {
  test('read the owner region without any lookup', () => {
    expect(regionOf(newId('331127'))).toBe('331127');
    expect(isGlobalId(newId('331127'))).toBe(true);
  });

  test('reject malformed IDs', () => {
    expect(regionOf('331127:nope')).toBeNull();
    expect(isGlobalId('331127:nope')).toBe(false);
    expect(isGlobalId(SAMPLE_ULID)).toBe(false);
  });
});
