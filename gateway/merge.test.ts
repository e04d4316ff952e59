import { describe, expect, test } from '@jest/globals';
import { encodeCursor } from '../schema/cursor.js';
import { mergeConnections, mergePlain, ROUTER_EDGES, ROUTER_PAGE, ROUTER_TOTAL } from './merge.js';

const c = (seq: string) => encodeCursor({ values: [seq], directions: ['DESC'] });
const part = (seqs: string[], total: number, hasNextPage: boolean) => ({
  edges: seqs.map((s) => ({ node: { id: s } })),
  pageInfo: { hasNextPage, endCursor: seqs.length ? c(seqs.at(-1)!) : null },
  totalCount: total,
  [ROUTER_EDGES]: seqs.map((s) => ({ cursor: c(s) })),
  [ROUTER_PAGE]: { hasNextPage },
  [ROUTER_TOTAL]: total,
});
const shape = (first: number) => ({ edgesKeys: ['edges'], totalKeys: ['totalCount'], pageInfoKeys: ['pageInfo'], first });

describe('merging connection pages from several nodes', () => {
  test('takes the global first N by the cursor key, sums totals, and removes the router fields', () => {
    const merged = mergeConnections([part(['09', '05', '02'], 7, true), part(['08', '07', '01'], 3, false)], shape(4));
    expect(merged.edges.map((e: any) => e.node.id)).toEqual(['09', '08', '07', '05']);
    expect(merged.totalCount).toBe(10);
    expect(merged.pageInfo).toEqual({ hasNextPage: true, endCursor: c('05') });
    expect(Object.keys(merged).sort()).toEqual(['edges', 'pageInfo', 'totalCount']);
  });

  test('reports no next page only when every node is exhausted and nothing was left over', () => {
    const merged = mergeConnections([part(['03'], 1, false), part(['02', '01'], 2, false)], shape(3));
    expect(merged.pageInfo.hasNextPage).toBe(false);
    const cut = mergeConnections([part(['03'], 1, false), part(['02', '01'], 2, false)], shape(2));
    expect(cut.pageInfo.hasNextPage).toBe(true);
    expect(cut.pageInfo.endCursor).toBe(c('02'));
  });

  test('honours client aliases for edges, totals and page info', () => {
    const p = (seqs: string[]) => ({ items: seqs.map((s) => ({ n: s })), total: seqs.length, [ROUTER_EDGES]: seqs.map((s) => ({ cursor: c(s) })), [ROUTER_PAGE]: { hasNextPage: false }, [ROUTER_TOTAL]: seqs.length });
    const merged = mergeConnections([p(['2']), p(['3'])], { edgesKeys: ['items'], totalKeys: ['total'], pageInfoKeys: [], first: 5 });
    expect(merged).toEqual({ items: [{ n: '3' }, { n: '2' }], total: 2 });
  });
});

describe('merging plain root fields', () => {
  test('a single object is the non-null answer; lists concatenate in node order', () => {
    expect(mergePlain([null, { id: 1 }, null])).toEqual({ id: 1 });
    expect(mergePlain([null, null])).toBeNull();
    expect(mergePlain([[1, 2], [3], []])).toEqual([1, 2, 3]);
  });
});
