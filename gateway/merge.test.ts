import { describe, expect, test } from '@jest/globals';
import { encodeCursor } from '../schema/cursor.js';
import { mergeConnections, mergeFacets, mergePlain, ROUTER_EDGES, ROUTER_FACETS, ROUTER_PAGE, ROUTER_TOTAL } from './merge.js';

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
    const p = (seqs: string[]) => ({
      items: seqs.map((s) => ({ n: s })),
      total: seqs.length,
      [ROUTER_EDGES]: seqs.map((s) => ({ cursor: c(s) })),
      [ROUTER_PAGE]: { hasNextPage: false },
      [ROUTER_TOTAL]: seqs.length,
    });
    const merged = mergeConnections([p(['2']), p(['3'])], { edgesKeys: ['items'], totalKeys: ['total'], pageInfoKeys: [], first: 5 });
    expect(merged).toEqual({ items: [{ n: '3' }, { n: '2' }], total: 2 });
  });
});

describe('page info of a merged page (Relay connection spec)', () => {
  const withInfo = (seqs: string[], more: boolean, before: boolean) => ({
    ...part(seqs, seqs.length, more),
    pageInfo: { hasNextPage: more, hasPreviousPage: before, startCursor: seqs.length ? c(seqs[0]!) : null, endCursor: seqs.length ? c(seqs.at(-1)!) : null },
  });

  test('three nodes: start and end cursors are those of the merged first and last edges, and items precede the page if they precede it on any node', () => {
    const merged = mergeConnections([withInfo(['06', '03'], true, false), withInfo(['08', '02'], false, true), withInfo(['07', '05'], true, false)], shape(3));
    expect(merged.edges.map((e: any) => e.node.id)).toEqual(['08', '07', '06']);
    expect(merged.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true, startCursor: c('08'), endCursor: c('06') });
    const none = mergeConnections([withInfo(['02'], false, false), withInfo([], false, false), withInfo(['01'], false, false)], shape(5));
    expect(none.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: c('02'), endCursor: c('01') });
    const empty = mergeConnections([withInfo([], false, true), withInfo([], false, false)], shape(5));
    expect(empty.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
  });

  test("fields inside pageInfo keep the client's aliases, each computed for its own field", () => {
    const aliased = (seqs: string[], more: boolean, before: boolean) => ({
      ...part(seqs, seqs.length, more),
      pageInfo: { more, before, first: seqs.length ? c(seqs[0]!) : null, last: seqs.length ? c(seqs.at(-1)!) : null, __typename: 'PageInfo' },
    });
    const fields = [
      { key: 'more', name: 'hasNextPage' },
      { key: 'before', name: 'hasPreviousPage' },
      { key: 'first', name: 'startCursor' },
      { key: 'last', name: 'endCursor' },
      { key: '__typename', name: '__typename' },
    ];
    const merged = mergeConnections([aliased(['04', '01'], false, false), aliased(['03', '02'], false, true)], { ...shape(3), pageInfoFields: fields });
    expect(merged.pageInfo).toEqual({ more: true, before: true, first: c('04'), last: c('02'), __typename: 'PageInfo' });
  });
});

describe('merging bounded counts [CAT-8]', () => {
  const counted = (total: number, exact: boolean, facetsExact: boolean) => ({
    ...part([], total, false),
    exact,
    totalCountIsExact: exact,
    facets: { countsAreExact: facetsExact, exactToo: facetsExact, s: [{ value: 'A', count: total }] },
    [ROUTER_FACETS]: { s: [{ value: 'A', count: total }] },
  });
  const countedShape = {
    ...shape(5),
    totalExactKeys: ['totalCountIsExact', 'exact'],
    facets: [{ key: 'facets', lists: [{ key: 's', name: 's', countKeys: ['count'] }], exactKeys: ['countsAreExact', 'exactToo'] }],
  };

  test('the sum is exact only if every node counted exactly, under every alias; the facet flag likewise', () => {
    const allExact = mergeConnections([counted(3, true, true), counted(4, true, true)], countedShape);
    expect(allExact).toMatchObject({ totalCount: 7, totalCountIsExact: true, exact: true, facets: { countsAreExact: true, exactToo: true, s: [{ value: 'A', count: 7 }] } });
    const oneEstimated = mergeConnections([counted(3, true, true), counted(1500, false, false), counted(4, true, true)], countedShape);
    expect(oneEstimated).toMatchObject({ totalCount: 1507, totalCountIsExact: false, exact: false, facets: { countsAreExact: false, exactToo: false } });
    // Facets estimated on the node that is first in the list are not taken as exact because the others are.
    const firstEstimated = mergeConnections([counted(1500, true, false), counted(4, true, true)], countedShape);
    expect(firstEstimated).toMatchObject({ totalCountIsExact: true, facets: { countsAreExact: false } });
  });
});

describe('merging keyword search pages and facets [CAT-8]', () => {
  const r = (rank: number, seq: string) => encodeCursor({ values: [rank, seq], directions: ['ASC', 'DESC'] });
  const ranked = (keys: [number, string][], total: number, hasNextPage: boolean) => ({
    edges: keys.map(([, s]) => ({ node: { id: s } })),
    totalCount: total,
    pageInfo: { hasNextPage, endCursor: null },
    [ROUTER_EDGES]: keys.map(([k, s]) => ({ cursor: r(k, s) })),
    [ROUTER_PAGE]: { hasNextPage },
    [ROUTER_TOTAL]: total,
  });

  test('ranked pages merge by rank first, then newest: an older exact name on one node precedes newer partial matches on another', () => {
    const city = ranked(
      [
        [0, '01'],
        [2, '07'],
      ],
      2,
      false,
    );
    const district = ranked(
      [
        [1, '09'],
        [1, '03'],
        [2, '08'],
      ],
      5,
      true,
    );
    const merged = mergeConnections([city, district], { ...shape(4), edgesKeys: ['edges'] });
    expect(merged.edges.map((e: any) => e.node.id)).toEqual(['01', '09', '03', '08']);
    expect(merged.totalCount).toBe(7);
    expect(merged.pageInfo).toEqual({ hasNextPage: true, endCursor: r(2, '08') });
  });

  const facetShape = {
    key: 'facets',
    lists: [
      { key: 'share', name: 'shareAttribute', countKeys: ['n'] },
      { key: 'provider', name: 'provider', countKeys: ['count'] },
    ],
  };
  const node = (share: [string, number][], providers: [string, number][]) => ({
    facets: { __typename: 'DataResourceFacets', share: share.map(([, n]) => ({ n })), provider: providers.map(([id, count]) => ({ count, provider: { name: `org ${id}` } })) },
    [ROUTER_FACETS]: { shareAttribute: share.map(([value, count]) => ({ value, count })), provider: providers.map(([value, count]) => ({ value, count })) },
  });

  test("facet counts are summed per value across nodes, largest first, under the client's aliases", () => {
    const merged = mergeFacets(
      [
        node(
          [
            ['UNCONDITIONAL', 5],
            ['CONDITIONAL', 1],
          ],
          [['331100:A', 6]],
        ),
        node(
          [
            ['CONDITIONAL', 3],
            ['NOT_SHARED', 3],
            ['UNCONDITIONAL', 1],
          ],
          [['331102:B', 7]],
        ),
      ],
      facetShape,
    );
    expect(merged).toEqual({
      __typename: 'DataResourceFacets',
      // UNCONDITIONAL 6, CONDITIONAL 4, NOT_SHARED 3: each total equals the sum of the nodes' counts.
      share: [{ n: 6 }, { n: 4 }, { n: 3 }],
      provider: [
        { count: 7, provider: { name: 'org 331102:B' } },
        { count: 6, provider: { name: 'org 331100:A' } },
      ],
    });
  });

  test('equal counts order by value; a node without facets (an error there) is left out, and none at all gives null', () => {
    const merged = mergeFacets([node([['B', 2]], []), { facets: null }, node([['A', 2]], [])], {
      key: 'facets',
      lists: [{ key: 'shareAttribute', name: 'shareAttribute', countKeys: ['count'] }],
    });
    expect(merged!.shareAttribute).toHaveLength(2);
    const withValues = mergeFacets(
      [
        { facets: { s: [{ value: 'B', count: 2 }] }, [ROUTER_FACETS]: { s: [{ value: 'B', count: 2 }] } },
        { facets: { s: [{ value: 'A', count: 2 }] }, [ROUTER_FACETS]: { s: [{ value: 'A', count: 2 }] } },
      ],
      { key: 'facets', lists: [{ key: 's', name: 's', countKeys: ['count'] }] },
    );
    expect(withValues!.s).toEqual([
      { value: 'A', count: 2 },
      { value: 'B', count: 2 },
    ]);
    expect(mergeFacets([{ facets: null }], facetShape)).toBeNull();
    // No list selected (say, only __typename): nothing to sum, the object is still there.
    expect(mergeFacets([{ facets: { __typename: 'DataResourceFacets' } }, { facets: { __typename: 'DataResourceFacets' } }], { key: 'facets', lists: [] })).toEqual({
      __typename: 'DataResourceFacets',
    });
  });

  test('a connection merge carries the facets and drops the private alias', () => {
    const part = (seq: string, share: [string, number][]) => ({ ...ranked([[2, seq]], 1, false), ...node(share, []) });
    const merged = mergeConnections([part('02', [['UNCONDITIONAL', 1]]), part('03', [['UNCONDITIONAL', 1]])], { ...shape(5), facets: [facetShape] });
    expect(merged.facets.share).toEqual([{ n: 2 }]);
    expect(Object.keys(merged).sort()).toEqual(['edges', 'facets', 'pageInfo', 'totalCount']);
  });
});

describe('merging plain root fields', () => {
  test('a single object is the non-null answer; lists concatenate in node order', () => {
    expect(mergePlain([null, { id: 1 }, null])).toEqual({ id: 1 });
    expect(mergePlain([null, null])).toBeNull();
    expect(mergePlain([[1, 2], [3], []])).toEqual([1, 2, 3]);
  });
});
