import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import { validateCitizenId } from '../subgraphs/kit/rules/citizen-id.js';
import { validateCreditCode } from '../subgraphs/kit/rules/credit-code.js';
import { parseValue } from '../subgraphs/catalog/records/values.js';
import { DEMO_RECORD_ENTRIES, DEMO_RECORD_SETS, recordSetEntry } from './records-demo.js';
import { airQuality, ancientTrees, businessRegistrations, inBatches, LIANDU_BOUNDS, Prng, publicParking, busStops, type RawRecord } from './records-generators.js';
import { DEMO_ORGANIZATIONS, DEMO_RESOURCES } from './demo-data.js';

const digest = (rows: Iterable<RawRecord>) => {
  const h = createHash('sha256');
  for (const r of rows) h.update(`${JSON.stringify(r)}\n`);
  return h.digest('hex');
};

describe('demo records fit their catalog entries [issue 19 item 9, B §17-18]', () => {
  test('a handful of published entries on every node get records, a few thousand at most', () => {
    const nodeOf = (key: string) => DEMO_ORGANIZATIONS.find((o) => o.key === recordSetEntry({ resourceKey: key }).providerKey)!.nodeId;
    expect(new Set(DEMO_RECORD_SETS.map((s) => nodeOf(s.resourceKey)))).toEqual(new Set(['lishui', 'liandu', 'longquan']));
    for (const s of DEMO_RECORD_SETS) {
      expect([s.resourceKey, recordSetEntry(s).status]).toEqual([s.resourceKey, undefined]);
      // A load reports a data update (CAT-7): an entry the demo keeps overdue gets no records.
      expect([s.resourceKey, recordSetEntry(s).lastUpdateMonthsAgo]).toEqual([s.resourceKey, undefined]);
      expect(s.count).toBeLessThanOrEqual(5000);
    }
    // The added entries are new: no key or code of the demo catalog.
    for (const r of DEMO_RECORD_ENTRIES) {
      expect(DEMO_RESOURCES.some((d) => d.key === r.key || d.code === r.code)).toBe(false);
    }
  });

  test.each(DEMO_RECORD_SETS.map((s) => [s.resourceKey, s] as const))('%s: every value parses as its item, identifiers are present and unique', (_key, set) => {
    const entry = recordSetEntry(set);
    const items = new Map(entry.items.map((i) => [i.name, { name: i.name, dataType: i.dataType, identifier: i.identifier ?? false }]));
    const identifiers = entry.items.filter((i) => i.identifier).map((i) => i.name);
    const seen = new Set<string>();
    const problems: string[] = [];
    let n = 0;
    for (const row of set.generate(set.count)) {
      n += 1;
      for (const [name, raw] of Object.entries(row)) {
        const item = items.get(name);
        const v = item ? parseValue(item, raw) : { ok: false as const, reason: 'not an item of the entry' };
        if (!v.ok) problems.push(`row ${n} ${name}=${raw}: ${v.reason}`);
      }
      const key = identifiers.map((i) => row[i]).join('|');
      if (!identifiers.every((i) => row[i] !== null && row[i] !== undefined)) problems.push(`row ${n}: an identifier is empty`);
      // Air-quality readings are identified by station and time together.
      seen.add(set.resourceKey === 'lishui-sthj-air-quality' ? `${key}|${row.监测时间}` : key);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(n).toBe(set.count);
    expect(seen.size).toBe(set.count);
  });

  test('the same records on every run, and row i the same whatever the count', () => {
    for (const s of DEMO_RECORD_SETS) {
      expect(digest(s.generate(500))).toBe(digest(s.generate(500)));
      const small = [...s.generate(10)];
      const large = s.generate(1_000_000);
      for (const row of small) expect(large.next().value).toEqual(row);
    }
    expect(new Prng(42).next()).toBe(new Prng(42).next());
    expect(new Prng(42).next()).not.toBe(new Prng(43).next());
  });
});

describe('the generated values are realistic', () => {
  test('business registrations: valid credit codes by the kind of entity, valid citizen IDs of the representative, capital and dates', () => {
    for (const r of businessRegistrations(2000)) {
      expect(validateCreditCode(r.统一社会信用代码 as string)).toEqual({ ok: true });
      expect(validateCitizenId(r.法定代表人证件号码 as string)).toEqual({ ok: true });
      expect(r.注册资本).toMatch(/^\d+(\.\d{1,2})?$/);
      expect((r.成立日期 as string) >= '1998-01-01' && (r.成立日期 as string) <= '2025-12-31').toBe(true);
      expect(['存续', '在业', '注销', '吊销']).toContain(r.登记状态);
      const code = r.统一社会信用代码 as string;
      const name = r.企业名称 as string;
      if (name.endsWith('有限公司')) expect(code.slice(0, 2)).toBe('91');
      else if (name.endsWith('专业合作社')) expect(code.slice(0, 2)).toBe('93');
      else expect(code.slice(0, 2)).toBe('92');
    }
  });

  test('stops and car parks lie within the district; free spaces never exceed the total', () => {
    const within = (r: RawRecord) =>
      Number(r.经度) >= LIANDU_BOUNDS.lngMin && Number(r.经度) <= LIANDU_BOUNDS.lngMax && Number(r.纬度) >= LIANDU_BOUNDS.latMin && Number(r.纬度) <= LIANDU_BOUNDS.latMax;
    for (const r of busStops(720)) expect(within(r)).toBe(true);
    for (const r of publicParking(500)) {
      expect(within(r)).toBe(true);
      expect(r.空余泊位数 as number).toBeLessThanOrEqual(r.总泊位数 as number);
      expect(r.更新时间).toMatch(/\+08:00$/);
    }
  });

  test('air quality: hourly readings in China time, AQI from the concentrations (HJ 633), a primary pollutant only above 50', () => {
    const rows = [...airQuality(8 * 48)];
    expect(rows[0]!.监测时间).toBe('2026-11-30T23:00:00+08:00');
    expect(rows[8]!.监测时间).toBe('2026-11-30T22:00:00+08:00');
    for (const r of rows) {
      const aqi = r.空气质量指数 as number;
      expect(Number.isInteger(aqi) && aqi >= 0 && aqi <= 500).toBe(true);
      expect(r.首要污染物 === null).toBe(aqi <= 50);
      // PM2.5 of 35 μg/m³ is index 50 exactly: the AQI is never below the PM2.5 index.
      if (Number(r['PM2.5浓度']) > 35) expect(aqi).toBeGreaterThan(50);
    }
  });

  test('ancient trees: the grade follows the age', () => {
    for (const r of ancientTrees(900)) {
      const age = r.估测树龄 as number;
      const grade = r.保护等级;
      if (grade !== '名木') expect(grade).toBe(age >= 500 ? '一级' : age >= 300 ? '二级' : '三级');
    }
  });
});

describe('generation scales to a benchmark: streamed, a batch at a time [issue 19 item 10]', () => {
  test('a set of 1,000,000 yields batches of 1,000 lazily, identifiers unique over the first 100,000', () => {
    const batches = inBatches(businessRegistrations(1_000_000), 1000);
    const first = batches.next();
    expect(first.done).toBe(false);
    expect(first.value).toHaveLength(1000);
    const codes = new Set<string>();
    for (const r of businessRegistrations(100_000)) codes.add(r.统一社会信用代码 as string);
    expect(codes.size).toBe(100_000);
    expect([...inBatches([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
  });
});
