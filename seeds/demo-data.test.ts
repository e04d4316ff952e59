import { describe, test, expect } from '@jest/globals';
import { validateCreditCode } from '../schema/credit-code.js';
import {
  DEMO_ORGANIZATIONS, DEMO_RESOURCES, DEMO_OPERATORS,
  type DemoOrganization, type DemoResource,
} from './demo-data.js';

const NODE_REGIONS: Record<DemoOrganization['nodeId'], readonly string[]> = {
  lishui: ['331100', '331121', '331122', '331123', '331124', '331125', '331126', '331127'],
  liandu: ['331102'],
  longquan: ['331181'],
};

const orgByKey = new Map(DEMO_ORGANIZATIONS.map((o) => [o.key, o]));

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

/** Offending resource keys for a predicate; asserting on this names the broken resources. */
function violations(pred: (r: DemoResource) => boolean): string[] {
  return DEMO_RESOURCES.filter(pred).map((r) => r.key);
}

const hasPersonalInfo = (r: DemoResource): boolean => r.items.some((i) => i.personalInfo === true);
const isOpen = (r: DemoResource): boolean => r.openAttribute !== 'PROHIBITED';

describe('demo organizations', () => {
  test('each node has exactly one AUTHORITY', () => {
    for (const nodeId of Object.keys(NODE_REGIONS)) {
      const authorities = DEMO_ORGANIZATIONS.filter((o) => o.nodeId === nodeId && o.kind === 'AUTHORITY');
      expect({ nodeId, count: authorities.length }).toEqual({ nodeId, count: 1 });
    }
  });

  test('city node has at least 8 agencies, county agencies, 2 public-service orgs and 2 enterprises', () => {
    const city = DEMO_ORGANIZATIONS.filter((o) => o.nodeId === 'lishui');
    expect(city.filter((o) => o.kind === 'AGENCY' && o.regionCode === '331100').length).toBeGreaterThanOrEqual(8);
    expect(city.filter((o) => o.kind === 'AGENCY' && o.regionCode !== '331100').length).toBeGreaterThanOrEqual(1);
    expect(city.filter((o) => o.kind === 'PUBLIC_SERVICE').length).toBe(2);
    expect(city.filter((o) => o.kind === 'ENTERPRISE').length).toBe(2);
  });

  test('each district node has 4-5 agencies', () => {
    for (const nodeId of ['liandu', 'longquan'] as const) {
      const n = DEMO_ORGANIZATIONS.filter((o) => o.nodeId === nodeId && o.kind === 'AGENCY').length;
      expect(n).toBeGreaterThanOrEqual(4);
      expect(n).toBeLessThanOrEqual(5);
    }
  });

  test('organization regionCode belongs to its node', () => {
    const bad = DEMO_ORGANIZATIONS.filter((o) => !NODE_REGIONS[o.nodeId].includes(o.regionCode)).map((o) => o.key);
    expect(bad).toEqual([]);
  });

  test('organization keys are unique', () => {
    expect(duplicates(DEMO_ORGANIZATIONS.map((o) => o.key))).toEqual([]);
  });

  test('credit codes are unique', () => {
    expect(duplicates(DEMO_ORGANIZATIONS.map((o) => o.creditCode))).toEqual([]);
  });

  test('every credit code is valid per GB 32100', () => {
    const bad = DEMO_ORGANIZATIONS
      .map((o) => ({ key: o.key, code: o.creditCode, result: validateCreditCode(o.creditCode) }))
      .filter((x) => !x.result.ok);
    expect(bad).toEqual([]);
  });

  test('credit code embeds the organization regionCode (characters 3-8)', () => {
    const bad = DEMO_ORGANIZATIONS.filter((o) => o.creditCode.slice(2, 8) !== o.regionCode).map((o) => o.key);
    expect(bad).toEqual([]);
  });

  test('credit code registration prefix matches the kind (11/12 government, 91 enterprise)', () => {
    const allowed: Record<DemoOrganization['kind'], readonly string[]> = {
      AUTHORITY: ['11', '12'],
      AGENCY: ['11'],
      PUBLIC_SERVICE: ['91'],
      ENTERPRISE: ['91'],
    };
    const bad = DEMO_ORGANIZATIONS.filter((o) => !allowed[o.kind].includes(o.creditCode.slice(0, 2))).map((o) => o.key);
    expect(bad).toEqual([]);
  });

  test('organization code part (characters 9-17) is unique', () => {
    expect(duplicates(DEMO_ORGANIZATIONS.map((o) => o.creditCode.slice(8, 17)))).toEqual([]);
  });
});

describe('demo resources', () => {
  test('at least 40 resources in total, with a reasonable spread over the nodes', () => {
    expect(DEMO_RESOURCES.length).toBeGreaterThanOrEqual(40);
    const perNode = (nodeId: string) => DEMO_RESOURCES.filter((r) => orgByKey.get(r.providerKey)?.nodeId === nodeId).length;
    expect(perNode('lishui')).toBeGreaterThanOrEqual(20);
    expect(perNode('liandu')).toBeGreaterThanOrEqual(6);
    expect(perNode('longquan')).toBeGreaterThanOrEqual(6);
  });

  test('every providerKey exists', () => {
    expect(violations((r) => !orgByKey.has(r.providerKey))).toEqual([]);
  });

  test('resources are not provided by enterprises (authorized operators)', () => {
    expect(violations((r) => orgByKey.get(r.providerKey)?.kind === 'ENTERPRISE')).toEqual([]);
  });

  test('resource code has the form region/department/sequence', () => {
    expect(violations((r) => !/^\d{6}\/\d{5}\/\d{4}$/.test(r.code))).toEqual([]);
  });

  test("resource code starts with its provider's regionCode", () => {
    expect(violations((r) => !r.code.startsWith(`${orgByKey.get(r.providerKey)?.regionCode}/`))).toEqual([]);
  });

  test('resource department segment identifies one provider within a region', () => {
    const owner = new Map<string, string>();
    const bad: string[] = [];
    for (const r of DEMO_RESOURCES) {
      const dept = r.code.split('/').slice(0, 2).join('/');
      const prev = owner.get(dept);
      if (prev !== undefined && prev !== r.providerKey) bad.push(r.key);
      owner.set(dept, r.providerKey);
    }
    expect(bad).toEqual([]);
  });

  test('resource keys are unique, and distinct from organization keys', () => {
    expect(duplicates(DEMO_RESOURCES.map((r) => r.key))).toEqual([]);
    expect(duplicates([...DEMO_RESOURCES.map((r) => r.key), ...DEMO_ORGANIZATIONS.map((o) => o.key)])).toEqual([]);
  });

  test('resource codes are unique', () => {
    expect(duplicates(DEMO_RESOURCES.map((r) => r.code))).toEqual([]);
  });

  test('categoryCode has the form 类-项-目 (NN-NN-NN)', () => {
    expect(violations((r) => !/^\d{2}-\d{2}-\d{2}$/.test(r.categoryCode))).toEqual([]);
  });

  test('name and summary are non-empty', () => {
    expect(violations((r) => r.name.trim() === '' || r.summary.trim() === '')).toEqual([]);
  });

  test('each resource has 3-10 data items', () => {
    expect(violations((r) => r.items.length < 3 || r.items.length > 10)).toEqual([]);
  });

  test('item names are unique within a resource', () => {
    expect(violations((r) => duplicates(r.items.map((i) => i.name)).length > 0)).toEqual([]);
  });

  test('CONDITIONAL share ⇒ shareCondition and shareReason non-empty', () => {
    expect(violations((r) => r.shareAttribute === 'CONDITIONAL'
      && (!r.shareCondition?.trim() || !r.shareReason?.trim()))).toEqual([]);
  });

  test('NOT_SHARED ⇒ legalBasis non-empty', () => {
    expect(violations((r) => r.shareAttribute === 'NOT_SHARED' && !r.legalBasis?.trim())).toEqual([]);
  });

  test('securityGrade CORE/IMPORTANT ⇒ openAttribute PROHIBITED', () => {
    expect(violations((r) => r.securityGrade !== 'GENERAL' && r.openAttribute !== 'PROHIBITED')).toEqual([]);
  });

  test('personalInfo item and not desensitized ⇒ openAttribute PROHIBITED', () => {
    expect(violations((r) => hasPersonalInfo(r) && r.desensitized !== true && r.openAttribute !== 'PROHIBITED')).toEqual([]);
  });

  test('RESTRICTED open ⇒ openCondition non-empty', () => {
    expect(violations((r) => r.openAttribute === 'RESTRICTED' && !r.openCondition?.trim())).toEqual([]);
  });

  test('openDataset only when openAttribute ≠ PROHIBITED', () => {
    expect(violations((r) => r.openDataset !== undefined && !isOpen(r))).toEqual([]);
  });

  test('open (UNCONDITIONAL or RESTRICTED) resources have an openDataset with at least one access method', () => {
    expect(violations((r) => isOpen(r) && (r.openDataset === undefined
      || r.openDataset.title.trim() === '' || r.openDataset.accessMethods.length === 0))).toEqual([]);
  });

  test('RESTRICTED openDataset has no DOWNLOAD', () => {
    expect(violations((r) => r.openAttribute === 'RESTRICTED'
      && (r.openDataset?.accessMethods.includes('DOWNLOAD') ?? false))).toEqual([]);
  });

  test('mix of attributes: several CONDITIONAL, some NOT_SHARED, ~12 openly published, some RESTRICTED', () => {
    const count = (pred: (r: DemoResource) => boolean) => DEMO_RESOURCES.filter(pred).length;
    expect(count((r) => r.shareAttribute === 'CONDITIONAL')).toBeGreaterThanOrEqual(3);
    expect(count((r) => r.shareAttribute === 'NOT_SHARED')).toBeGreaterThanOrEqual(2);
    expect(count((r) => r.shareAttribute === 'UNCONDITIONAL')).toBeGreaterThan(DEMO_RESOURCES.length / 2);
    expect(count((r) => r.openAttribute === 'UNCONDITIONAL')).toBeGreaterThanOrEqual(10);
    expect(count((r) => r.openAttribute === 'RESTRICTED')).toBeGreaterThanOrEqual(2);
  });

  test('at least one resource per agency on the city node', () => {
    const providers = new Set(DEMO_RESOURCES.map((r) => r.providerKey));
    const idle = DEMO_ORGANIZATIONS
      .filter((o) => o.nodeId === 'lishui' && o.kind === 'AGENCY' && !providers.has(o.key))
      .map((o) => o.key);
    expect(idle).toEqual([]);
  });
});

describe('demo operators', () => {
  test('operators are exactly the ENTERPRISE organizations on the city node', () => {
    const enterprises = DEMO_ORGANIZATIONS.filter((o) => o.nodeId === 'lishui' && o.kind === 'ENTERPRISE').map((o) => o.key).sort();
    expect(DEMO_OPERATORS.map((op) => op.organizationKey).sort()).toEqual(enterprises);
    expect(DEMO_OPERATORS.length).toBe(2);
  });

  test('agreement numbers are unique and look like LSSJ-SQYY-2025-NNN', () => {
    expect(duplicates(DEMO_OPERATORS.map((op) => op.agreementNo))).toEqual([]);
    for (const op of DEMO_OPERATORS) expect(op.agreementNo).toMatch(/^LSSJ-SQYY-\d{4}-\d{3}$/);
  });

  test('termStart is a real YYYY-MM-DD date in 2025', () => {
    for (const op of DEMO_OPERATORS) {
      expect(op.termStart).toMatch(/^2025-\d{2}-\d{2}$/);
      const d = new Date(`${op.termStart}T00:00:00Z`);
      expect(Number.isNaN(d.getTime())).toBe(false);
      expect(d.toISOString().slice(0, 10)).toBe(op.termStart);
    }
  });
});
