import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { newId } from '../../schema/ids.js';
import { accessActors, accessNodes, auditor, expectFilterAgreesWithPredicate, operatorActor } from '../../test/support/access.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { addDays, todayInChina } from '../kit/rules/calendar.js';
import { newOwned } from '../kit/server/owned.js';
import { canLicense, canSeeOperator, operatorFilter } from './access.js';
import { Operator } from './operator.entity.js';

const LISHUI = nodeConfig('lishui', ['331100', '331121', '331122']);
let t: Awaited<ReturnType<typeof startTestNode>>;
const em = () => t.running.subgraphs.operation!.orm.em.fork();
const owners = { 'city enterprise 331100': newId('331100'), 'county enterprise 331121': newId('331121'), 'county enterprise 331122': newId('331122') };
let n = 0;

/** Authorizations of each organization in force, suspended, revoked, not yet started and expired. */
beforeAll(async () => {
  t = await startTestNode('access_operation', LISHUI);
  const fork = em();
  const today = todayInChina();
  for (const org of Object.values(owners)) {
    for (const [status, start, end] of [
      ['ACTIVE', addDays(today, -10), addDays(today, 100)],
      ['SUSPENDED', addDays(today, -10), addDays(today, 100)],
      ['REVOKED', addDays(today, -10), addDays(today, 100)],
      ['ACTIVE', addDays(today, 10), addDays(today, 100)],
      ['ACTIVE', addDays(today, -100), addDays(today, -10)],
    ] as const) {
      const owned = newOwned(org.slice(0, 6));
      // biome-ignore lint/complexity/useMathMinMax: ISO date strings, which Math.min would turn into NaN
      const signed = start < today ? start : today;
      fork.create(Operator, {
        ...owned,
        organizationId: org,
        agreementNo: `A-${++n}`,
        agreementSignedAt: signed,
        termStart: start,
        termEnd: end,
        scope: 's',
        licensedBy: 'x',
        status,
        statusReason: null,
        updatedAt: owned.createdAt,
      } as Operator);
    }
  }
  await fork.flush();
}, 300_000);
afterAll(async () => t?.stop());

describe('operation access', () => {
  test('Operator: the list filter admits exactly the authorizations operator(id), Organization.operator and _entities show [D §9, D §28]', async () => {
    const today = todayInChina();
    await expectFilterAgreesWithPredicate(
      em(),
      Operator,
      accessActors(owners, owners['city enterprise 331100']),
      accessNodes(LISHUI),
      (actor) => operatorFilter(actor, today),
      (actor, _node, op) => canSeeOperator(actor, op, today),
    );
  });

  test("[D §9, J §20] only the authority acting on the organization's region licenses; a sibling county, a supervisor, an auditor, agencies and operators do not", () => {
    const [, liandu] = accessNodes(LISHUI);
    expect(canLicense(authority('331100'), LISHUI, '331100')).toBe(true);
    expect(canLicense(authority('331100'), LISHUI, '331122')).toBe(true);
    expect(canLicense(authority('331122'), LISHUI, '331122')).toBe(true);
    expect(canLicense(authority('331121'), LISHUI, '331100')).toBe(false);
    expect(canLicense(authority('331121'), LISHUI, '331122')).toBe(false);
    expect(canLicense(authority('331100'), liandu!, '331102')).toBe(false);
    expect(canLicense(authority('330000'), LISHUI, '331100')).toBe(false);
    expect(canLicense(auditor('331100'), LISHUI, '331100')).toBe(false);
    expect(canLicense(agency(owners['city enterprise 331100'], '331100'), LISHUI, '331100')).toBe(false);
    expect(canLicense(operatorActor(owners['city enterprise 331100']), LISHUI, '331100')).toBe(false);
  });
});
