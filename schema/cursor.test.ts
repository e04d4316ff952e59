import { describe, test, expect } from '@jest/globals';
import { compareSortKeys, cursorMismatch, decodeCursor, encodeCursor, fieldOfList, listCursor, listOf, resumeKey, type SortKey } from './cursor.js';

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

describe('cursors name their list', () => {
  const key = (list?: string): SortKey => ({ ...(list ? { list } : {}), values: ['01ARZ3NDEKTSV4RRFFQ69G5FAV'], directions: ['DESC'] });

  test('the list round-trips, and a cursor without one is still decoded (the caller refuses it)', () => {
    const list = listOf('shareRequests', { status: 'PENDING' });
    expect(decodeCursor(encodeCursor(key(list)))).toEqual(key(list));
    expect(decodeCursor(encodeCursor(key()))).toEqual(key());
    expect(decodeCursor(encodeRaw('{"l":"","k":["a"],"d":["a"]}'))).toBeNull();
    expect(decodeCursor(encodeRaw(`{"l":"${'x'.repeat(101)}","k":["a"],"d":["a"]}`))).toBeNull();
    expect(decodeCursor(encodeRaw('{"l":1,"k":["a"],"d":["a"]}'))).toBeNull();
  });

  test('a list is its field and every argument but first and after, however they are spelled', () => {
    const a = listOf('dataResources', { first: 5, after: 'x', filter: { keyword: '局', status: null }, scope: { regionCode: '331100', includeSubRegions: true } });
    const b = listOf('dataResources', { scope: { includeSubRegions: true, regionCode: '331100' }, filter: { keyword: '局' } });
    expect(a).toBe(b);
    expect(listOf('dataResources', { filter: { keyword: '企业' } })).not.toBe(listOf('dataResources', { filter: { keyword: '局' } }));
    expect(listOf('negativeList', {})).not.toBe(listOf('shareRequests', {}));
    expect(listOf('auditEvents', { filter: { from: new Date('2025-01-01T00:00:00Z') } })).toBe(listOf('auditEvents', { filter: { from: '2025-01-01T00:00:00.000Z' } }));
    expect(fieldOfList(a)).toBe('dataResources');
  });

  test('a cursor of another list, of other arguments, of the earlier format or of nothing is refused, saying what to do', () => {
    const list = listOf('negativeList', {});
    expect(cursorMismatch(key(list), list)).toBeNull();
    expect(cursorMismatch(key(listOf('shareRequests', {})), list)).toMatch(/cursor of shareRequests, not of negativeList/);
    expect(cursorMismatch(key(listOf('negativeList', { scope: { regionCode: '331102' } })), list)).toMatch(/with other arguments/);
    expect(cursorMismatch(key(), list)).toMatch(/start again from the first page/);
    expect(cursorMismatch(null, list)).toMatch(/not a cursor returned by this API/);
  });

  test("a cursor made for a list resumes that list at its key; any other is refused with the caller's error", () => {
    const list = listOf('auditEvents', { scope: { regionCode: '331100' } });
    const cursor = listCursor(list, { values: ['2026-11-23T01:00:00.000Z', 'lishui/catalog', '42'], directions: ['DESC', 'DESC', 'DESC'] });
    const refuse = (why: string) => new RangeError(why);
    expect(resumeKey(cursor, list, refuse)).toEqual({ list, values: ['2026-11-23T01:00:00.000Z', 'lishui/catalog', '42'], directions: ['DESC', 'DESC', 'DESC'] });
    expect(() => resumeKey(cursor, listOf('auditEvents', { scope: { regionCode: '331102' } }), refuse)).toThrow(RangeError);
    expect(() => resumeKey('not-a-cursor!', list, refuse)).toThrow(/not a cursor returned by this API/);
  });
});
