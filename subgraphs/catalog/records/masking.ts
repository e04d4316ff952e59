import { maskIdentifier } from '../../kit/rules/identifier.js';
import type { StoredValue } from './values.js';

/** What a masked value that is not an identifier reads as: always the same, so not even its length shows. */
export const FULL_MASK = '******';

/**
 * A personal-information value as a reader without a grant covering its item sees it [SEC-3, J §28,
 * Z §19]: an identifier keeps its first and last four characters (kit/rules/identifier.ts
 * `maskIdentifier`, enough to tell two people apart in a list, never to find one); anything else
 * is masked whole. An empty value stays empty: that it is missing tells nothing of it.
 */
export function maskValue(item: { identifier: boolean }, value: StoredValue): string | null {
  if (value === null) return null;
  return item.identifier ? maskIdentifier(String(value)) : FULL_MASK;
}

/** A stored value as the API returns it: text, numbers and booleans in their canonical written form. */
export function valueText(value: StoredValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}
