import type { DataItemInput } from './resource.inputs.js';

/** The text keyword search matches: name, summary and item names [CAT-8]. */
export function searchColumns(s: { name: string; summary: string }, items: Pick<DataItemInput, 'name'>[]): { searchText: string } {
  return { searchText: [s.name, s.summary, ...items.map((i) => i.name)].join('\n') };
}
