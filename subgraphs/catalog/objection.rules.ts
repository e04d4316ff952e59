import type { Actor } from '../../schema/auth.js';
import type { NodeConfig, ProfileCode } from '../../schema/topology.js';
import { workingDayDeadline, type WorkingDayDeadline } from '../kit/rules/deadlines.js';
import { resolvePolicy } from '../kit/rules/policy.js';
import { canHandleObjection } from './access.js';
import type { DataObjection, DataSubject } from './objection.entity.js';

/** The deadline of an objection filed at `filedAt` under the node's profiles [CAT-10, SEC-6]. */
export function objectionDeadline(profiles: ProfileCode[], filedAt: Date): WorkingDayDeadline {
  return workingDayDeadline(resolvePolicy(profiles).objectionHandling, filedAt);
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
