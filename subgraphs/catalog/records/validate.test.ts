import { describe, expect, test } from '@jest/globals';
import { citizenIdCheckChar } from '../../kit/rules/citizen-id.js';
import { MAX_LOAD_ERRORS, RecordChecker, type LoadItem } from './validate.js';

const items: LoadItem[] = [
  { name: '公民身份号码', dataType: 'STRING', identifier: true, required: true },
  { name: '姓名', dataType: 'STRING', identifier: false, required: true },
  { name: '年龄', dataType: 'INTEGER', identifier: false, required: false },
  { name: '在册', dataType: 'BOOLEAN', identifier: false, required: false },
];
const first17 = '33110219900101123';
const id = first17 + citizenIdCheckChar(first17);

describe('each record of a load is checked against the entry’s items [B §17-18, L §8]', () => {
  test('a good record is stored in canonical form, empty values left out; the hash does not depend on spelling', () => {
    const a = new RecordChecker(items);
    expect(a.check(1, { 公民身份号码: id.toLowerCase(), 姓名: '张三', 年龄: '42', 在册: '是' })).toEqual({ 公民身份号码: id, 姓名: '张三', 年龄: 42, 在册: true });
    expect(a.check(2, { 公民身份号码: id, 姓名: '李四', 年龄: '' })).toEqual({ 公民身份号码: id, 姓名: '李四' });
    const b = new RecordChecker(items);
    b.check(1, { 姓名: '张三', 公民身份号码: id, 年龄: 42, 在册: true });
    b.check(2, { 公民身份号码: id, 姓名: '李四' });
    expect([a.rowCount, a.rejected]).toEqual([2, false]);
    expect(a.contentHash()).toBe(b.contentHash());
  });

  test('errors name the record (from 1) and the item: a wrong type, a bad check digit, an unknown key, a missing required item, a record that is no object', () => {
    const c = new RecordChecker(items);
    const wrongId = first17 + (citizenIdCheckChar(first17) === '1' ? '2' : '1');
    expect(c.check(1, { 公民身份号码: id, 姓名: '张三', 年龄: '四十' })).toBeNull();
    c.check(2, { 公民身份号码: wrongId, 姓名: '李四' });
    c.check(3, { 公民身份号码: id, 姓名: '王五', 电话: '1' });
    c.check(4, { 公民身份号码: id });
    c.check(5, ['张三']);
    expect(c.errors.map((e) => [e.line, e.item])).toEqual([
      [1, '年龄'],
      [2, '公民身份号码'],
      [3, '电话'],
      [4, '姓名'],
      [5, null],
    ]);
    expect(c.errors[1]!.message).toMatch(/citizen ID/);
    expect(c.errors[3]!.message).toMatch(/required item "姓名"/);
    expect([c.rejected, c.rowCount]).toEqual([true, 0]);
  });

  test('a header names items, each once (line 0); at most 100 errors are kept, all are counted', () => {
    const c = new RecordChecker(items);
    expect(c.checkColumns(['公民身份号码', '姓名', ' 姓名 ', '电话'])).toBe(false);
    expect(c.errors).toEqual([
      { line: 0, item: '姓名', message: expect.stringMatching(/twice/) },
      { line: 0, item: '电话', message: expect.stringMatching(/no item/) },
    ]);
    for (let n = 1; n <= 150; n++) c.check(n, { 公民身份号码: id, 姓名: 'x', 年龄: 'x' });
    expect(c.errors).toHaveLength(MAX_LOAD_ERRORS);
    expect(c.errorCount).toBe(152);
    expect(c.full).toBe(true);
  });
});
