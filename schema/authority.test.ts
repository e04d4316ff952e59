import { describe, expect, test } from '@jest/globals';
import type { Actor, Role } from './auth.js';
import { readsAuditLog } from './authority.js';

const actor = (roles: Role[], region: string | null, orgId: string | null = null): Actor => ({ sub: 'u', orgId, region, roles });

describe('who reads the audit log of a region [D §5, J §28]', () => {
  test('auditors and data authorities, each within its own region subtree', () => {
    for (const role of ['AUDITOR', 'AUTHORITY'] as const) {
      expect(readsAuditLog(actor([role], '331100'), '331100')).toBe(true);
      expect(readsAuditLog(actor([role], '331100'), '331102')).toBe(true);
      expect(readsAuditLog(actor([role], '331102'), '331102')).toBe(true);
      expect(readsAuditLog(actor([role], '331102'), '331100')).toBe(false);
      expect(readsAuditLog(actor([role], '331102'), '331181')).toBe(false);
      expect(readsAuditLog(actor([role], null), '331100')).toBe(false);
    }
  });

  test('agency staff, operators, the public and the federation itself do not', () => {
    expect(readsAuditLog(actor(['AGENCY'], '331100', '331100:01ARZ3NDEKTSV4RRFFQ69G5FAV'), '331100')).toBe(false);
    expect(readsAuditLog(actor(['OPERATOR'], '331100'), '331100')).toBe(false);
    expect(readsAuditLog(actor([], null), '331100')).toBe(false);
    expect(readsAuditLog(actor(['SYSTEM'], null), '331100')).toBe(false);
  });
});
