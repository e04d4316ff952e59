import { describe, expect, test } from '@jest/globals';
import { judgeAccess, offersOf } from './access-method.rules.js';

const open = (openAttribute: 'UNCONDITIONAL' | 'RESTRICTED', accessMethods: ('DOWNLOAD' | 'API' | 'MODEL')[]) => ({ status: 'OPEN' as const, openAttribute, accessMethods });

describe('offers and access checks [OPN-2]', () => {
  test('UNCONDITIONAL data is free for everyone; MODEL results are reviewed before release [Z §20, Z §27 (一)]', () => {
    expect(offersOf(open('UNCONDITIONAL', ['DOWNLOAD', 'MODEL']))).toEqual([
      { method: 'DOWNLOAD', free: true, freeFor: ['UNCONDITIONAL_DATA'], agreementRequired: false, resultReview: false },
      { method: 'MODEL', free: true, freeFor: ['UNCONDITIONAL_DATA'], agreementRequired: false, resultReview: true },
    ]);
  });

  test('RESTRICTED data is free only for own data, with the subject’s authorization, or by statute, and needs an agreement [Z §27 (二)-(四), Z §15-17]', () => {
    expect(offersOf(open('RESTRICTED', ['API']))).toEqual([
      { method: 'API', free: false, freeFor: ['OWN_DATA', 'AUTHORIZED_BY_SUBJECT', 'STATUTORY'], agreementRequired: true, resultReview: false },
    ]);
  });

  test('checks: allowed on UNCONDITIONAL data by an offered method; refused naming why otherwise [Z §20, Z §35]', () => {
    expect(judgeAccess(open('UNCONDITIONAL', ['API']), 'API')).toMatchObject({ allowed: true, decision: 'ALLOWED' });
    expect(judgeAccess(open('UNCONDITIONAL', ['API']), 'DOWNLOAD')).toMatchObject({ allowed: false, decision: 'METHOD_NOT_OFFERED' });
    expect(judgeAccess(open('RESTRICTED', ['API']), 'DOWNLOAD')).toMatchObject({ allowed: false, decision: 'DOWNLOAD_OF_RESTRICTED' });
    expect(judgeAccess({ ...open('UNCONDITIONAL', ['API']), status: 'SUSPENDED' }, 'API')).toMatchObject({ allowed: false, decision: 'NOT_OPEN' });
    expect(judgeAccess(null, 'API')).toMatchObject({ allowed: false, decision: 'NOT_OPEN' });
  });

  test('RESTRICTED data answers NO_AGREEMENT to a user without an agreement in force [Z §15-17]', () => {
    const j = judgeAccess(open('RESTRICTED', ['API', 'MODEL']), 'MODEL');
    expect(j).toMatchObject({ allowed: false, decision: 'NO_AGREEMENT', agreementId: null, offer: { method: 'MODEL', resultReview: true, agreementRequired: true } });
    expect(j.message).toContain('[Z §15-17]');
  });

  test('RESTRICTED data is allowed under an agreement in force, naming it; never by download, and not while the dataset is not open [Z §17, Z §20, Z §35]', () => {
    const g = { id: '331102:01J0000000000000000000000A' };
    expect(judgeAccess(open('RESTRICTED', ['API']), 'API', g)).toMatchObject({ allowed: true, decision: 'ALLOWED', agreementId: g.id, offer: { method: 'API' } });
    expect(judgeAccess(open('RESTRICTED', ['API']), 'DOWNLOAD', g)).toMatchObject({ allowed: false, decision: 'DOWNLOAD_OF_RESTRICTED', agreementId: null });
    expect(judgeAccess({ ...open('RESTRICTED', ['API']), status: 'SUSPENDED' }, 'API', g)).toMatchObject({ allowed: false, decision: 'NOT_OPEN', agreementId: null });
    expect(judgeAccess(open('UNCONDITIONAL', ['API']), 'API', g)).toMatchObject({ allowed: true, agreementId: null });
  });
});
