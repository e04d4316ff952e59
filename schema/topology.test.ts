import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { schemaFile } from './paths.js';
import { parseTopology, TopologyIndex } from './topology.js';

const demo = () => JSON.parse(readFileSync(schemaFile('../seeds/topology.demo.json'), 'utf8'));

describe('topology', () => {
  test('the demo topology is valid and routes regions, IDs and scopes to nodes', () => {
    const t = new TopologyIndex(parseTopology(demo()));
    expect(t.nodeForRegion('331102')!.id).toBe('liandu');
    expect(t.nodeForRegion('331123')!.id).toBe('lishui');
    expect(t.nodeForRegion('330000')!.id).toBe('lishui');
    expect(t.nodeForRegion('999999')).toBeUndefined();
    expect(t.nodeForId('331181:01ARZ3NDEKTSV4RRFFQ69G5FAV')!.id).toBe('longquan');
    expect(t.nodeForId('garbage')).toBeUndefined();
    expect(t.nodesForScope('331100', true).map((n) => n.id)).toEqual(['lishui', 'liandu', 'longquan']);
    expect(t.nodesForScope('331100', false).map((n) => n.id)).toEqual(['lishui']);
    expect(t.nodesForScope('331102', true).map((n) => n.id)).toEqual(['liandu']);
  });

  test.each([
    ['a region hosted twice', (d: any) => d.nodes[1].regions.push('331100'), /hosted by both/],
    ['an unknown region', (d: any) => (d.nodes[0].regions = ['123456']), /unknown region/],
    ['a missing subgraph URL', (d: any) => delete d.nodes[2].subgraphs.opening, /subgraph "opening"/],
    ['an unknown parent', (d: any) => (d.nodes[1].parent = 'nowhere'), /unknown parent/],
    ['two roots', (d: any) => (d.nodes[1].parent = null), /exactly one node/],
    ['an unknown policy profile', (d: any) => (d.nodes[0].profiles = ['X']), /policy profiles/],
  ])('rejects %s at start-up', (_label, mutate, message) => {
    const d = demo();
    mutate(d);
    expect(() => parseTopology(d)).toThrow(message);
  });
});
