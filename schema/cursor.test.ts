import { describe, test, expect } from '@jest/globals';
import { compareSortKeys, decodeCursor, encodeCursor, type SortKey } from './cursor.js';

const asc = (...values: (string | number)[]): SortKey => ({ values, directions: values.map(() => 'ASC' as const) });
const encodeRaw = (json: string) => Buffer.from(json, 'utf8').toString('base64url');

describe('encodeCursor / decodeCursor', () => {
  test('round-trip mixed values and directions', () => {
    const key: SortKey = { values: ['丽水市', 42, -1.5, '𠀀'], directions: ['ASC', 'DESC', 'ASC', 'DESC'] };
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(key);
  });

  test('use the documented wire format', () => {
    const cursor = encodeCursor({ values: ['a', 1], directions: ['ASC', 'DESC'] });
    expect(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).toEqual({ k: ['a', 1], d: ['a', 'd'] });
    expect(decodeCursor(encodeRaw('{"k":["x",2],"d":["d","a"]}'))).toEqual({ values: ['x', 2], directions: ['DESC', 'ASC'] });
  });

  test('encode refuses keys that could not be decoded', () => {
    expect(() => encodeCursor({ values: [], directions: [] })).toThrow(/invalid sort key/);
    expect(() => encodeCursor({ values: [1, 2], directions: ['ASC'] })).toThrow(/invalid sort key/);
    expect(() => encodeCursor(asc(Number.NaN))).toThrow(/invalid sort key/);
    expect(() => encodeCursor(asc(Number.POSITIVE_INFINITY))).toThrow(/invalid sort key/);
    expect(() => encodeCursor({ values: [null as unknown as string], directions: ['ASC'] })).toThrow(/invalid sort key/);
    expect(() => encodeCursor({ values: [1], directions: ['asc' as 'ASC'] })).toThrow(/invalid sort key/);
  });

  test('decode returns null for garbage', () => {
    const good = encodeCursor(asc('a', 1));
    for (const bad of ['', '!!!', `${good}=`, `${good}!`, `${good} `, encodeRaw('not json'), 'AA', encodeRaw('\u0000')]) {
      expect(decodeCursor(bad)).toBeNull();
    }
    expect(decodeCursor(Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url'))).toBeNull();
    expect(decodeCursor(undefined as unknown as string)).toBeNull();
  });

  test('decode returns null for wrong shapes', () => {
    const shapes = [
      'null',
      '[]',
      '1',
      '"k"',
      '{}',
      '{"k":["a"]}',
      '{"d":["a"]}',
      '{"k":"a","d":"a"}',
      '{"k":[],"d":[]}',
      '{"k":[null],"d":["a"]}',
      '{"k":[true],"d":["a"]}',
      '{"k":[["a"]],"d":["a"]}',
      '{"k":[{"a":1}],"d":["a"]}',
      '{"k":["a"],"d":["ASC"]}',
      '{"k":["a"],"d":["x"]}',
      '{"k":["a"],"d":["a"],"n":1}',
    ];
    for (const json of shapes) expect(decodeCursor(encodeRaw(json))).toBeNull();
  });

  test('decode returns null on length mismatch', () => {
    expect(decodeCursor(encodeRaw('{"k":["a",1],"d":["a"]}'))).toBeNull();
    expect(decodeCursor(encodeRaw('{"k":["a"],"d":["a","d"]}'))).toBeNull();
  });
});

describe('compareSortKeys', () => {
  test('orders numbers numerically, not as text', () => {
    expect(compareSortKeys(asc(9), asc(10))).toBeLessThan(0);
    expect(compareSortKeys(asc(-2), asc(-10))).toBeGreaterThan(0);
    expect(compareSortKeys(asc(1.5), asc(1.5))).toBe(0);
  });

  test('orders strings by Unicode code point', () => {
    expect(compareSortKeys(asc('B'), asc('a'))).toBeLessThan(0);
    expect(compareSortKeys(asc('ab'), asc('abc'))).toBeLessThan(0);
    expect(compareSortKeys(asc('é'), asc('f'))).toBeGreaterThan(0);
    expect(compareSortKeys(asc('丽水'), asc('丽水'))).toBe(0);
  });

  test('puts supplementary-plane characters after U+FFFF, as UTF-8 byte order does', () => {
    // UTF-16 unit order (plain `<`) gets this backwards: '\uD840' < '\uFFFF'.
    expect('𠀀' < '\uFFFF').toBe(true);
    expect(compareSortKeys(asc('𠀀'), asc('\uFFFF'))).toBeGreaterThan(0);
    expect(compareSortKeys(asc('\uFFFF'), asc('𠀀'))).toBeLessThan(0);
    expect(compareSortKeys(asc('a𠀀'), asc('a\uE000z'))).toBeGreaterThan(0);
    const sorted = ['𠀀', '\uFFFF', 'z', '\uE000', '丽'].map((s) => asc(s)).sort(compareSortKeys);
    const bytes = (s: string) => Buffer.from(s, 'utf8');
    expect(sorted.map((k) => k.values[0])).toEqual(['𠀀', '\uFFFF', 'z', '\uE000', '丽'].sort((x, y) => Buffer.compare(bytes(x), bytes(y))));
  });

  test("honours each position's direction", () => {
    const key = (name: string, n: number): SortKey => ({ values: [name, n], directions: ['ASC', 'DESC'] });
    expect(compareSortKeys(key('a', 1), key('b', 9))).toBeLessThan(0);
    expect(compareSortKeys(key('a', 9), key('a', 1))).toBeLessThan(0);
    expect(compareSortKeys(key('a', 1), key('a', 9))).toBeGreaterThan(0);
    expect(compareSortKeys(key('a', 1), key('a', 1))).toBe(0);
    const desc = (s: string): SortKey => ({ values: [s], directions: ['DESC'] });
    expect(compareSortKeys(desc('𠀀'), desc('\uFFFF'))).toBeLessThan(0);
  });

  test('agrees with keys that went through a cursor', () => {
    const a: SortKey = { values: ['𠀀', 3], directions: ['DESC', 'ASC'] };
    const b: SortKey = { values: ['\uFFFF', 3], directions: ['DESC', 'ASC'] };
    expect(compareSortKeys(decodeCursor(encodeCursor(a))!, decodeCursor(encodeCursor(b))!)).toBe(compareSortKeys(a, b));
  });

  test('throws on keys from different orderings', () => {
    expect(() => compareSortKeys(asc('a', 1), asc('a'))).toThrow(/different lengths or directions/);
    expect(() => compareSortKeys(asc('a'), { values: ['a'], directions: ['DESC'] })).toThrow(/different lengths or directions/);
    expect(() => compareSortKeys(asc('1'), asc(1))).toThrow(/different types/);
  });
});
