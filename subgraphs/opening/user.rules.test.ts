import { describe, expect, test } from '@jest/globals';
import { refusal } from '../../test/support/refusal.js';
import { citizenIdCheckChar } from '../kit/rules/citizen-id.js';
import { makeCreditCode } from '../kit/rules/credit-code.js';
import { checkIdentifier, identifierHash, maskIdentifier, publicHolderName, requiredLine } from './user.rules.js';

const person = (first17 = '33110219900307123') => first17 + citizenIdCheckChar(first17);

describe('public data users [B §3, Z §16]', () => {
  test('a natural person registers with a GB 11643 citizen ID: 18 characters, MOD 11-2 check, a real birth date, a province prefix [B §3]', () => {
    expect(checkIdentifier('NATURAL_PERSON', ` ${person()} `)).toBe(person());
    const wrongCheck = person().slice(0, 17) + (person().endsWith('0') ? '1' : '0');
    expect(refusal(() => checkIdentifier('NATURAL_PERSON', wrongCheck))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idNumber' });
    expect(refusal(() => checkIdentifier('NATURAL_PERSON', person('33110219900230123'))).message).toContain('birth date');
    expect(refusal(() => checkIdentifier('NATURAL_PERSON', person('99110219900307123'))).message).toContain('province');
    expect(refusal(() => checkIdentifier('NATURAL_PERSON', '3311021990')).message).toContain('expected 18 characters');
  });

  test('legal persons and other organizations register with a GB 32100 credit code, checked by the catalog’s rule [B §3, Z §16]', () => {
    const code = makeCreditCode('91331100MA2A0B1C2');
    expect(checkIdentifier('LEGAL_PERSON', code)).toBe(code);
    expect(checkIdentifier('OTHER_ORGANIZATION', code)).toBe(code);
    expect(refusal(() => checkIdentifier('LEGAL_PERSON', person())).message).toContain('unified social credit code');
    expect(refusal(() => checkIdentifier('NATURAL_PERSON', code)).message).toContain('citizen ID number');
  });

  test('the identifier is kept as a hash and a masked form only, first 4 and last 4 characters', () => {
    const id = '33110219900307123X';
    expect(maskIdentifier(id)).toBe('3311**********123X');
    expect(identifierHash(id)).toMatch(/^[0-9a-f]{64}$/);
    expect(identifierHash(id)).not.toContain(id);
    expect(identifierHash(id)).toBe(identifierHash(id));
    expect(identifierHash(id)).not.toBe(identifierHash('331102199003071231'));
  });

  test('the public holder list names a natural person by surname only, an organization in full [Z §16]', () => {
    expect(publicHolderName('NATURAL_PERSON', '张三')).toBe('张*');
    expect(publicHolderName('NATURAL_PERSON', '欧阳修文')).toBe('欧***');
    expect(publicHolderName('LEGAL_PERSON', '丽水某某科技有限公司')).toBe('丽水某某科技有限公司');
  });

  test('name and contact are required lines', () => {
    expect(requiredLine(' 张三 ', 'input.name', '姓名', 'the name')).toBe('张三');
    expect(refusal(() => requiredLine('  ', 'input.contact', '联系方式', 'the contact'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.contact' });
  });
});
