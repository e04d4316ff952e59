import { describe, test, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { organizationCodeCheckChar, validateCreditCode } from '../subgraphs/kit/rules/credit-code.js';
import { ROOT } from '../platform/paths.js';
import { parseTopology } from '../schema/topology.js';
import { validateResource, type ResourceState } from '../subgraphs/catalog/resource.rules.js';
import { updateDueAfter } from '../subgraphs/catalog/workflow.js';
import { WELL_KNOWN_ITEMS } from './catalog-templates.js';
import { itemsNeedingJustification } from '../subgraphs/sharing/share-request.rules.js';
import { verificationDeadline } from '../subgraphs/sharing/verification.rules.js';
import { isOverdue } from '../subgraphs/kit/rules/deadlines.js';
import {
  DEMO_DATA_DEMANDS,
  DEMO_NEGATIVE_LIST,
  DEMO_ORGANIZATIONS,
  DEMO_RESOURCES,
  DEMO_OPERATORS,
  DEMO_SHARE_REQUESTS,
  DEMO_WRONG_DATA_REPORTS,
  type DemoOrganization,
  type DemoResource,
} from './demo-data.js';

const topology = parseTopology(JSON.parse(readFileSync(resolve(ROOT, 'seeds/topology.demo.json'), 'utf8')));
const NODE_REGIONS: Record<string, readonly string[]> = Object.fromEntries(topology.nodes.map((n) => [n.id, n.regions]));

const orgByKey = new Map(DEMO_ORGANIZATIONS.map((o) => [o.key, o]));
const nodeOf = (r: DemoResource) => orgByKey.get(r.providerKey)!.nodeId;
const published = DEMO_RESOURCES.filter((r) => r.status === undefined);

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

/** Offending resource keys for a predicate; asserting on this names the broken resources. */
function violations(pred: (r: DemoResource) => boolean, resources: readonly DemoResource[] = DEMO_RESOURCES): string[] {
  return resources.filter(pred).map((r) => r.key);
}

const isOpen = (r: DemoResource): boolean => r.openAttribute !== 'PROHIBITED';

/** The entry as the catalog's createDataResource would validate it (its defaults for the fields the demo leaves out). */
function stateOf(r: DemoResource): ResourceState {
  return {
    code: r.code,
    name: r.name,
    summary: r.summary,
    library: r.library,
    format: r.format,
    updateFrequency: r.updateFrequency,
    securityGrade: r.securityGrade,
    shareAttribute: r.shareAttribute,
    shareCondition: r.shareCondition ?? null,
    shareReason: r.shareReason ?? null,
    shareMode: 'API',
    legalBasis: r.legalBasis ?? null,
    openAttribute: r.openAttribute,
    openCondition: r.openCondition ?? null,
    sensitivities: [],
    desensitized: r.desensitized ?? false,
    consentObtained: false,
  };
}

/** Item name → key of the entry that is its authoritative source, per node. */
function authoritativeSources(): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const r of DEMO_RESOURCES) {
    for (const i of r.items.filter((it) => it.authoritative)) {
      const node = out.get(nodeOf(r)) ?? new Map<string, string[]>();
      node.set(i.name, [...(node.get(i.name) ?? []), r.key]);
      out.set(nodeOf(r), node);
    }
  }
  return out;
}
const sources = authoritativeSources();
/** Items of an entry that an authoritative source on its node provides (other than the entry itself). */
const sourcedItems = (r: DemoResource) => r.items.filter((i) => !i.authoritative && (sources.get(nodeOf(r))?.has(i.name) ?? false));

describe('demo organizations', () => {
  test('each node has exactly one AUTHORITY', () => {
    for (const nodeId of Object.keys(NODE_REGIONS)) {
      const authorities = DEMO_ORGANIZATIONS.filter((o) => o.nodeId === nodeId && o.kind === 'AUTHORITY');
      expect({ nodeId, count: authorities.length }).toEqual({ nodeId, count: 1 });
    }
  });

  test('city node has the city bureaus, agencies in every county, 2 public-service orgs and 2 enterprises', () => {
    const city = DEMO_ORGANIZATIONS.filter((o) => o.nodeId === 'lishui');
    expect(city.filter((o) => o.kind === 'AGENCY' && o.regionCode === '331100').length).toBeGreaterThanOrEqual(15);
    const counties = NODE_REGIONS.lishui.filter((code) => code !== '331100');
    expect(counties.filter((code) => !city.some((o) => o.kind === 'AGENCY' && o.regionCode === code))).toEqual([]);
    expect(city.filter((o) => o.kind === 'PUBLIC_SERVICE').length).toBe(2);
    expect(city.filter((o) => o.kind === 'ENTERPRISE').length).toBe(2);
  });

  test('each district node has several agencies', () => {
    for (const nodeId of ['liandu', 'longquan'] as const) {
      expect({ nodeId, agencies: DEMO_ORGANIZATIONS.filter((o) => o.nodeId === nodeId && o.kind === 'AGENCY').length >= 8 }).toEqual({ nodeId, agencies: true });
    }
  });

  test('organization regionCode belongs to its node', () => {
    expect(DEMO_ORGANIZATIONS.filter((o) => !NODE_REGIONS[o.nodeId].includes(o.regionCode)).map((o) => o.key)).toEqual([]);
  });

  test('organization keys and names are unique', () => {
    expect(duplicates(DEMO_ORGANIZATIONS.map((o) => o.key))).toEqual([]);
    expect(duplicates(DEMO_ORGANIZATIONS.map((o) => o.name))).toEqual([]);
  });

  test('credit codes are unique', () => {
    expect(duplicates(DEMO_ORGANIZATIONS.map((o) => o.creditCode))).toEqual([]);
  });

  test('every credit code is valid per GB 32100', () => {
    const bad = DEMO_ORGANIZATIONS.map((o) => ({ key: o.key, code: o.creditCode, result: validateCreditCode(o.creditCode) })).filter((x) => !x.result.ok);
    expect(bad).toEqual([]);
  });

  test('the organization code inside each credit code (characters 9-17) has a valid GB 11714 check character', () => {
    const bad = DEMO_ORGANIZATIONS.filter((o) => o.creditCode[16] !== organizationCodeCheckChar(o.creditCode.slice(8, 16))).map((o) => o.key);
    expect(bad).toEqual([]);
  });

  test('credit code embeds the organization regionCode (characters 3-8)', () => {
    expect(DEMO_ORGANIZATIONS.filter((o) => o.creditCode.slice(2, 8) !== o.regionCode).map((o) => o.key)).toEqual([]);
  });

  test('credit code registration prefix matches the kind (11/12 government, 91 enterprise)', () => {
    const allowed: Record<DemoOrganization['kind'], readonly string[]> = {
      AUTHORITY: ['11', '12'],
      AGENCY: ['11', '12'],
      PUBLIC_SERVICE: ['91'],
      ENTERPRISE: ['91'],
    };
    expect(DEMO_ORGANIZATIONS.filter((o) => !allowed[o.kind].includes(o.creditCode.slice(0, 2))).map((o) => o.key)).toEqual([]);
  });

  test('organization code part (characters 9-17) is unique', () => {
    expect(duplicates(DEMO_ORGANIZATIONS.map((o) => o.creditCode.slice(8, 17)))).toEqual([]);
  });
});

describe('demo resources', () => {
  test('at least 300 published entries, on every node and in several counties of the city node', () => {
    expect(published.length).toBeGreaterThanOrEqual(300);
    const perNode = (nodeId: string) => published.filter((r) => nodeOf(r) === nodeId).length;
    expect(perNode('lishui')).toBeGreaterThanOrEqual(150);
    expect(perNode('liandu')).toBeGreaterThanOrEqual(40);
    expect(perNode('longquan')).toBeGreaterThanOrEqual(40);
    const counties = new Set(published.map((r) => orgByKey.get(r.providerKey)!.regionCode).filter((c) => NODE_REGIONS.lishui.includes(c) && c !== '331100'));
    expect(counties.size).toBeGreaterThanOrEqual(5);
  });

  test('every entry passes the catalog validation (validateResource, CAT-1 to CAT-4)', () => {
    const rejected = DEMO_RESOURCES.flatMap((r) => {
      try {
        validateResource(
          stateOf(r),
          r.items.map((i) => ({ name: i.name, personalInfo: i.personalInfo ?? false })),
        );
        return [];
      } catch (err) {
        return [`${r.key}: ${(err as Error).message}`];
      }
    });
    expect(rejected).toEqual([]);
  });

  test('every providerKey exists', () => {
    expect(violations((r) => !orgByKey.has(r.providerKey))).toEqual([]);
  });

  test('resources are provided by agencies and public-service operators, not by authorities or enterprises', () => {
    expect(violations((r) => !['AGENCY', 'PUBLIC_SERVICE'].includes(orgByKey.get(r.providerKey)!.kind))).toEqual([]);
  });

  test('many agencies provide entries, from many lines of work', () => {
    expect(new Set(DEMO_RESOURCES.map((r) => r.providerKey)).size).toBeGreaterThanOrEqual(60);
    expect(new Set(DEMO_ORGANIZATIONS.filter((o) => o.sector).map((o) => o.sector)).size).toBeGreaterThanOrEqual(15);
  });

  test("resource code has the form region/department/sequence and starts with its provider's region", () => {
    expect(violations((r) => !/^\d{6}\/\d{5}\/\d{4}$/.test(r.code))).toEqual([]);
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

  test('resource names are unique within a region', () => {
    expect(duplicates(DEMO_RESOURCES.map((r) => `${orgByKey.get(r.providerKey)!.regionCode} ${r.name}`))).toEqual([]);
  });

  test('categoryCode has the form 类-项-目 (NN-NN-NN)', () => {
    expect(violations((r) => !/^\d{2}-\d{2}-\d{2}$/.test(r.categoryCode))).toEqual([]);
  });

  test('each resource has 3-10 data items, at least one of them an identifier', () => {
    expect(violations((r) => r.items.length < 3 || r.items.length > 10)).toEqual([]);
    expect(violations((r) => !r.items.some((i) => i.identifier))).toEqual([]);
  });

  test('well-known items (公民身份号码, 姓名, 统一社会信用代码, 不动产单元号) carry the same flags everywhere', () => {
    const bad = DEMO_RESOURCES.flatMap((r) =>
      r.items.flatMap((i) => {
        const known = WELL_KNOWN_ITEMS.find((k) => k.name === i.name);
        return known && (!!known.personalInfo !== !!i.personalInfo || !!known.identifier !== !!i.identifier || known.dataType !== i.dataType) ? [`${r.key}/${i.name}`] : [];
      }),
    );
    expect(bad).toEqual([]);
  });

  test('identity numbers of persons are personal information', () => {
    const bad = DEMO_RESOURCES.flatMap((r) => r.items.filter((i) => /身份号码|身份证件号码|身份证明号码/.test(i.name) && !i.personalInfo).map((i) => `${r.key}/${i.name}`));
    expect(bad).toEqual([]);
  });

  test('openDataset exactly for the published open entries; RESTRICTED ones without DOWNLOAD', () => {
    expect(violations((r) => r.openDataset !== undefined && (!isOpen(r) || r.status !== undefined))).toEqual([]);
    expect(violations((r) => isOpen(r) && (r.openDataset === undefined || r.openDataset.title.trim() === '' || r.openDataset.accessMethods.length === 0), published)).toEqual([]);
    expect(violations((r) => r.openAttribute === 'RESTRICTED' && (r.openDataset?.accessMethods.includes('DOWNLOAD') ?? false))).toEqual([]);
  });

  test('mix of attributes, libraries, formats and frequencies', () => {
    const count = (pred: (r: DemoResource) => boolean) => published.filter(pred).length;
    expect(count((r) => r.shareAttribute === 'CONDITIONAL')).toBeGreaterThanOrEqual(50);
    expect(count((r) => r.shareAttribute === 'NOT_SHARED')).toBeGreaterThanOrEqual(5);
    expect(count((r) => r.shareAttribute === 'UNCONDITIONAL')).toBeGreaterThan(published.length / 3);
    expect(count((r) => r.openAttribute === 'UNCONDITIONAL')).toBeGreaterThanOrEqual(60);
    expect(count((r) => r.openAttribute === 'RESTRICTED')).toBeGreaterThanOrEqual(10);
    expect(count((r) => r.securityGrade === 'CORE')).toBeGreaterThanOrEqual(5);
    for (const [field, values] of [
      ['library', ['POPULATION', 'LEGAL_PERSON', 'CREDIT', 'E_LICENSE', 'MACRO_ECONOMY', 'SPATIAL_GEOGRAPHY', 'THEMATIC', 'DEPARTMENT']],
      ['format', ['SPREADSHEET', 'DATABASE', 'API', 'DOCUMENT', 'STREAMING']],
      ['updateFrequency', ['REAL_TIME', 'DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY', 'ON_DEMAND']],
    ] as const) {
      for (const v of values) expect({ field, v, used: count((r) => r[field] === v) > 0 }).toEqual({ field, v, used: true });
    }
  });

  test('at least one resource per agency on the city node', () => {
    const providers = new Set(DEMO_RESOURCES.map((r) => r.providerKey));
    expect(DEMO_ORGANIZATIONS.filter((o) => o.nodeId === 'lishui' && o.kind === 'AGENCY' && !providers.has(o.key)).map((o) => o.key)).toEqual([]);
  });
});

describe('demo workflow states', () => {
  test('entries under review, drafts, returned and retired ones exist on more than one node', () => {
    const withStatus = (s: DemoResource['status']) => DEMO_RESOURCES.filter((r) => r.status === s);
    expect(withStatus('SUBMITTED').length).toBeGreaterThanOrEqual(5);
    expect(withStatus('DRAFT').length).toBeGreaterThanOrEqual(5);
    expect(withStatus('RETURNED').length).toBeGreaterThanOrEqual(1);
    expect(withStatus('DEPRECATED').length).toBeGreaterThanOrEqual(1);
    expect(new Set([...withStatus('SUBMITTED'), ...withStatus('DRAFT')].map(nodeOf)).size).toBe(3);
  });

  test("returned and retired entries carry the authority's comment or reason", () => {
    expect(violations((r) => (r.status === 'RETURNED' || r.status === 'DEPRECATED') && !r.reviewNote?.trim())).toEqual([]);
  });

  test('overdue entries: published, with a periodic frequency whose due date after the reported update has passed', () => {
    const overdue = DEMO_RESOURCES.filter((r) => r.lastUpdateMonthsAgo !== undefined);
    expect(overdue.length).toBeGreaterThanOrEqual(5);
    expect(new Set(overdue.map(nodeOf)).size).toBe(3);
    const now = new Date();
    const stale = (r: DemoResource) => {
      const last = new Date(now);
      last.setUTCMonth(last.getUTCMonth() - r.lastUpdateMonthsAgo!);
      last.setUTCDate(last.getUTCDate() - 1); // the seed clamps to the month's end; a day of slack
      const due = updateDueAfter(last, r.updateFrequency);
      return due !== null && due < now;
    };
    expect(violations((r) => r.status !== undefined || !stale(r), overdue)).toEqual([]);
  });
});

describe('one data, one source (CAT-6)', () => {
  test('an item name has exactly one authoritative source per node, and it is published', () => {
    const contested = [...sources].flatMap(([node, names]) => [...names].filter(([, keys]) => keys.length > 1).map(([name, keys]) => `${node}/${name}: ${keys.join(', ')}`));
    expect(contested).toEqual([]);
    const unpublished = [...sources.values()].flatMap((names) => [...names.values()].flat()).filter((key) => DEMO_RESOURCES.find((r) => r.key === key)!.status !== undefined);
    expect(unpublished).toEqual([]);
    for (const node of Object.keys(NODE_REGIONS)) expect({ node, sources: sources.get(node)?.size ?? 0 }).toEqual({ node, sources: 3 });
  });

  test('authoritative sources need no link themselves, so the seed can create them first', () => {
    expect(violations((r) => r.items.some((i) => i.authoritative) && sourcedItems(r).length > 0)).toEqual([]);
  });

  test('deliberate duplicates really repeat a sourced item, on every node; some items file a justification instead', () => {
    const dupes = DEMO_RESOURCES.filter((r) => r.oneSourceDuplicate);
    expect(violations((r) => sourcedItems(r).length === 0, dupes)).toEqual([]);
    expect(new Set(dupes.map(nodeOf)).size).toBe(3);
    const justified = DEMO_RESOURCES.filter((r) => sourcedItems(r).some((i) => i.duplicationJustification?.trim()));
    expect(justified.length).toBeGreaterThanOrEqual(1);
  });

  test('most entries take their identifiers from the source: linked items far outnumber the flagged ones', () => {
    const linked = DEMO_RESOURCES.filter((r) => !r.oneSourceDuplicate && sourcedItems(r).some((i) => !i.duplicationJustification)).length;
    expect(linked).toBeGreaterThanOrEqual(100);
  });
});

describe('demo operators', () => {
  test('operators are exactly the ENTERPRISE organizations on the city node', () => {
    const enterprises = DEMO_ORGANIZATIONS.filter((o) => o.nodeId === 'lishui' && o.kind === 'ENTERPRISE')
      .map((o) => o.key)
      .sort();
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

describe('demo sharing', () => {
  const resourceByKey = new Map(DEMO_RESOURCES.map((r) => [r.key, r]));
  const entryOf = (key: string) => resourceByKey.get(key)!;

  test('share requests end in every state, each a published entry asked for by another agency', () => {
    expect(new Set(DEMO_SHARE_REQUESTS.map((s) => s.outcome))).toEqual(new Set(['PENDING', 'ESCALATED', 'GRANTED', 'REJECTED', 'SUSPENDED', 'REVOKED']));
    expect(duplicates(DEMO_SHARE_REQUESTS.map((s) => s.key))).toEqual([]);
    for (const s of DEMO_SHARE_REQUESTS) {
      const r = entryOf(s.resourceKey);
      expect({ key: s.key, status: r?.status, requester: orgByKey.get(s.requesterKey)?.kind, own: r?.providerKey === s.requesterKey }).toEqual({
        key: s.key,
        status: undefined,
        requester: 'AGENCY',
        own: false,
      });
    }
  });

  test('requested items exist in the entry, and every personal or identifier item says why it is needed [B §26, B §28]', () => {
    for (const s of DEMO_SHARE_REQUESTS) {
      const r = entryOf(s.resourceKey);
      const names = new Set(r.items.map((i) => i.name));
      expect({ key: s.key, unknown: s.itemNames.filter((n) => !names.has(n)) }).toEqual({ key: s.key, unknown: [] });
      const unjustified = itemsNeedingJustification(s.itemNames, {
        items: r.items.map((i) => ({ name: i.name, personalInfo: !!i.personalInfo, identifier: !!i.identifier })),
      }).filter((n) => !s.justifications[n]?.trim());
      expect({ key: s.key, unjustified }).toEqual({ key: s.key, unjustified: [] });
      for (const n of Object.keys(s.justifications)) expect(s.itemNames).toContain(n);
      for (const n of s.approvedItems ?? []) expect(s.itemNames).toContain(n);
    }
  });

  test('only NOT_SHARED data is escalated [B §27, J §17]; rejections, escalations, suspensions and revocations carry a reason', () => {
    for (const s of DEMO_SHARE_REQUESTS) {
      expect({ key: s.key, notShared: entryOf(s.resourceKey).shareAttribute === 'NOT_SHARED' }).toEqual({ key: s.key, notShared: s.outcome === 'ESCALATED' });
      if (['REJECTED', 'ESCALATED', 'SUSPENDED', 'REVOKED'].includes(s.outcome)) expect(s.reason?.trim()).toBeTruthy();
      if (s.outcome === 'SUSPENDED') expect(s.rectificationDemand?.trim()).toBeTruthy();
    }
  });

  test('suspended and revoked grants are decided by the provider alone: GENERAL data it may grant [J §7]', () => {
    for (const s of DEMO_SHARE_REQUESTS.filter((x) => ['GRANTED', 'REJECTED', 'SUSPENDED', 'REVOKED'].includes(x.outcome))) {
      expect({ key: s.key, grade: entryOf(s.resourceKey).securityGrade }).toEqual({ key: s.key, grade: 'GENERAL' });
    }
  });

  test("the coordination queue has a cross-node and a CORE/IMPORTANT request, the provider's desk a CONDITIONAL one [B §29, J §7]", () => {
    const pending = DEMO_SHARE_REQUESTS.filter((s) => s.outcome === 'PENDING');
    const nodeOfOrg = (key: string) => orgByKey.get(key)!.nodeId;
    expect(pending.some((s) => nodeOfOrg(s.requesterKey) !== nodeOf(entryOf(s.resourceKey)))).toBe(true);
    expect(pending.some((s) => entryOf(s.resourceKey).securityGrade !== 'GENERAL')).toBe(true);
    expect(pending.some((s) => entryOf(s.resourceKey).shareAttribute === 'CONDITIONAL' && entryOf(s.resourceKey).securityGrade === 'GENERAL')).toBe(true);
  });

  test('the negative list has lines on all three nodes, each with its legal basis and items of the entry [B §24]', () => {
    expect(new Set(DEMO_NEGATIVE_LIST.map((n) => nodeOf(entryOf(n.resourceKey))))).toEqual(new Set(Object.keys(NODE_REGIONS)));
    expect(duplicates(DEMO_NEGATIVE_LIST.map((n) => n.resourceKey))).toEqual([]);
    for (const n of DEMO_NEGATIVE_LIST) {
      expect(n.legalBasis).toMatch(/^《.+》/);
      const names = new Set(entryOf(n.resourceKey).items.map((i) => i.name));
      expect({ entry: n.resourceKey, unknown: n.itemNames.filter((i) => !names.has(i)) }).toEqual({ entry: n.resourceKey, unknown: [] });
    }
    const rejected = DEMO_SHARE_REQUESTS.filter((s) => s.outcome === 'REJECTED');
    expect(rejected.some((s) => !DEMO_NEGATIVE_LIST.some((n) => n.resourceKey === s.resourceKey))).toBe(true);
  });

  test('one demand stays open and one is assigned to another agency of the same node [B §27]', () => {
    expect(DEMO_DATA_DEMANDS.filter((d) => !d.assignTo)).toHaveLength(1);
    for (const d of DEMO_DATA_DEMANDS.filter((x) => x.assignTo)) {
      const provider = orgByKey.get(d.assignTo!)!;
      expect({ kind: provider.kind, node: provider.nodeId, self: d.assignTo === d.requesterKey }).toEqual({
        kind: 'AGENCY',
        node: orgByKey.get(d.requesterKey)!.nodeId,
        self: false,
      });
    }
  });

  test('doubtful data is reported on a grant that stays usable, on granted items, and is overdue after the 2 working days of the Lishui profile [L §13]', () => {
    for (const w of DEMO_WRONG_DATA_REPORTS) {
      const grant = DEMO_SHARE_REQUESTS.find((s) => s.key === w.shareRequestKey)!;
      expect(grant.outcome).toBe('GRANTED');
      for (const n of w.itemNames) expect(grant.approvedItems ?? grant.itemNames).toContain(n);
    }
    const lishui = topology.nodes.find((n) => n.id === 'lishui')!;
    const filed = new Date('2026-11-23T02:00:00Z'); // a Monday
    const { dueDate, deadlineWorkingDays } = verificationDeadline(lishui, filed);
    expect({ dueDate, deadlineWorkingDays }).toEqual({ dueDate: '2026-11-25', deadlineWorkingDays: 2 });
    expect(isOverdue({ status: 'OPEN', dueDate }, '2026-11-25')).toBe(false);
    expect(isOverdue({ status: 'OPEN', dueDate }, '2026-11-26')).toBe(true);
  });
});
