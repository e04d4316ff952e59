import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Actor } from '../../schema/auth.js';
import type { NodeConfig, ProfileCode } from '../../schema/topology.js';
import { addWorkingDays, todayInChina } from '../kit/rules/calendar.js';
import { resolvePolicy } from '../kit/rules/policy.js';
import { canHandleObjection } from './access.js';
import type { DataObjection, DataSubject } from './objection.entity.js';

export interface ObjectionDeadline {
  dueDate: string;
  deadlineWorkingDays: number;
  deadlineProfile: ProfileCode | null;
  deadlineBasis: string;
}

/**
 * The due date of an objection filed at `filedAt` under the node's profiles [CAT-10, SEC-6]. The
 * count starts from the filing date in China (an objection filed at 01:00 Beijing time on 1 October
 * is a 1 October filing, even though it is still 30 September in UTC), and a filing on a holiday
 * counts from the next working day.
 */
export function objectionDeadline(profiles: ProfileCode[], filedAt: Date): ObjectionDeadline {
  const rule = resolvePolicy(profiles).objectionHandling;
  const filed = new Date(`${todayInChina(filedAt)}T00:00:00.000Z`);
  return {
    dueDate: addWorkingDays(filed, rule.workingDays).toISOString().slice(0, 10),
    deadlineWorkingDays: rule.workingDays,
    deadlineProfile: rule.profile,
    deadlineBasis: rule.basis,
  };
}

/** Still open after its due date (a due date is met on the day itself), in China time. */
export function isOverdue(o: Pick<DataObjection, 'status' | 'dueDate'>, today = todayInChina()): boolean {
  return o.status === 'OPEN' && o.dueDate < today;
}

/** Overdue as a query condition, the same rule as `isOverdue`. */
export function overdueFilter(overdue: boolean, today = todayInChina()): FilterQuery<DataObjection> {
  return overdue ? { status: 'OPEN', dueDate: { $lt: today } } : { $or: [{ status: { $ne: 'OPEN' } }, { dueDate: { $gte: today } }] };
}

const stars = (n: number) => '*'.repeat(Math.max(n, 1));

/** A citizen ID number keeps its first 6 (region) and last 4 characters: 331102********123X. */
export function maskCitizenId(id: string): string {
  const chars = Array.from(id);
  if (chars.length <= 10) return stars(chars.length);
  return chars.slice(0, 6).join('') + stars(chars.length - 10) + chars.slice(-4).join('');
}

/** A person's name keeps its first character (the surname in most Chinese names): 张**. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  return chars[0] + stars(chars.length - 1);
}

/** A contact keeps its last 4 characters, enough to recognize one's own phone number. */
export function maskContact(contact: string): string {
  const chars = Array.from(contact);
  if (chars.length <= 4) return stars(chars.length);
  return stars(chars.length - 4) + chars.slice(-4).join('');
}

/**
 * The subject as this caller may see it [SEC-3]: those who handle the objection need the person's
 * identity and contact to find the data and answer; anyone else (an auditor, the filer reading
 * the receipt) gets a person's name, ID number and contact masked. An organization's name and
 * credit code are public registration data; only its contact is masked.
 */
export function subjectFor(actor: Actor, node: NodeConfig, o: DataObjection): DataSubject {
  const full = { kind: o.subjectKind, name: o.subjectName, idNumber: o.subjectIdNumber, contact: o.subjectContact };
  if (canHandleObjection(actor, node, o)) return { ...full, masked: false };
  const person = o.subjectKind === 'PERSON';
  return {
    kind: o.subjectKind,
    name: person ? maskName(o.subjectName) : o.subjectName,
    idNumber: person ? maskCitizenId(o.subjectIdNumber) : o.subjectIdNumber,
    contact: maskContact(o.subjectContact),
    masked: true,
  };
}
