import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import { checkDestructionAsk, DestroyedContent } from './destruction.rules.js';

const field = (f: string) => expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: f }) });
const ask = { reason: '数据已失去利用价值', legalBasis: 'J §30' };

describe('a destruction request says what and why, checked before any SQL [SEC-4, J §30, Z §32]', () => {
  test('exactly one of a whole version or a filter', () => {
    expect(checkDestructionAsk({ ...ask, version: 3 })).toMatchObject({ target: 'VERSION', version: 3, filter: null });
    expect(checkDestructionAsk({ ...ask, filter: [{ item: ' 状态 ', eq: '注销', in: null }] })).toMatchObject({
      target: 'FILTER',
      version: null,
      filter: [{ item: '状态', eq: '注销' }],
    });
    expect(() => checkDestructionAsk({ ...ask, version: 1, filter: [{ item: '状态', eq: 'x' }] })).toThrow(field('input.version'));
    expect(() => checkDestructionAsk({ ...ask })).toThrow(field('input.version'));
    expect(() => checkDestructionAsk({ ...ask, version: 0 })).toThrow(field('input.version'));
    expect(() => checkDestructionAsk({ ...ask, filter: [] })).toThrow(field('input.filter'));
  });

  test('a reason why the data lost its value and the article relied on are required', () => {
    expect(() => checkDestructionAsk({ ...ask, version: 1, reason: ' ' })).toThrow(field('input.reason'));
    expect(() => checkDestructionAsk({ ...ask, version: 1, legalBasis: '' })).toThrow(field('input.legalBasis'));
    expect(() => checkDestructionAsk({ ...ask, version: 1, reason: 'x'.repeat(2001) })).toThrow(/at most 2000/);
    expect(checkDestructionAsk({ ...ask, version: 1, reason: '  过期数据  ' }).reason).toBe('过期数据');
  });
});

describe('the hash of destroyed content is reproducible from the rows [SEC-4]', () => {
  test('SHA-256 over "version\\trow\\tdata\\n" in (version, row) order, with the count and versions', () => {
    const c = new DestroyedContent();
    c.add(1, 1, '{"a": 1}');
    c.add(1, 2, '{"a": 2}');
    c.add(3, 1, '{"a": 3}');
    const expected = createHash('sha256').update('1\t1\t{"a": 1}\n1\t2\t{"a": 2}\n3\t1\t{"a": 3}\n').digest('hex');
    expect(c.digest()).toEqual({ rowCount: 3, contentHash: expected, versions: [1, 3] });
  });

  test('rows out of order are refused: the same content always hashes the same', () => {
    const c = new DestroyedContent();
    c.add(2, 5, '{}');
    expect(() => c.add(2, 5, '{}')).toThrow(/out of order/);
    expect(() => c.add(1, 9, '{}')).toThrow(/out of order/);
  });

  test('nothing destroyed hashes as the empty content', () => {
    expect(new DestroyedContent().digest()).toEqual({ rowCount: 0, contentHash: createHash('sha256').digest('hex'), versions: [] });
  });
});
