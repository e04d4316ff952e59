import { createHash } from 'node:crypto';

/**
 * Personal identifiers (citizen ID numbers) are never stored in clear: a keyed hash finds a
 * duplicate, a masked form shows whose it is. `domain` keeps the hashes of different registers
 * apart, so one register's hashes say nothing about another's [B §35].
 */
export const identifierHash = (domain: string, id: string): string => createHash('sha256').update(`${domain}:${id}`, 'utf8').digest('hex');

/** The first four and last four characters, the rest masked (3311**********123X). */
export function maskIdentifier(id: string): string {
  const chars = Array.from(id);
  if (chars.length <= 8) return '*'.repeat(chars.length);
  return chars.slice(0, 4).join('') + '*'.repeat(chars.length - 8) + chars.slice(-4).join('');
}
