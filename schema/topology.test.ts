import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { schemaFile } from '../platform/paths.js';
import { parseTopology, READY_PATH, serviceUrl, TopologyIndex, type NodeConfig } from './topology.js';

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

describe('one error lists every problem of the topology', () => {
  test('problems of several nodes and between nodes are listed together, each naming its node', () => {
    const d = demo();
    d.nodes[0].regions.push('123456');
    d.nodes[1].regions.push('331181');
    d.nodes[1].profiles = ['Q'];
    delete d.nodes[2].subgraphs.sharing;
    d.nodes[2].parent = 'nowhere';
    d.nodes[2].name = '';
    let message = '';
    try {
      parseTopology(d);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'invalid topology:',
      '- node "lishui" (regions.8): hosts unknown region "123456" (GB/T 2260)',
      '- node "liandu" (profiles.0): has unknown policy profiles "Q" (allowed: J, B, D, L, Z)',
      '- node "longquan" (name): needs a name',
      '- node "longquan" (subgraphs.sharing): needs an http(s) URL for subgraph "sharing"',
      '- node "longquan" (regions): region 331181 is hosted by both "liandu" and "longquan"',
      '- node "longquan" (parent): has unknown parent "nowhere"',
    ]);
  });

  test('a topology for any city of the country validates, not only the demo one', () => {
    const node = (id: string, regions: string[], parent: string | null, port: number) => ({
      id,
      name: id,
      regions,
      parent,
      profiles: ['B'],
      subgraphs: { catalog: `https://${id}.example/c`, sharing: `https://${id}.example/s`, opening: `https://${id}.example/o`, operation: `http://${id}.internal:${port}/graphql` },
    });
    // 广州市 with 天河区 on its own node.
    const t = parseTopology({ nodes: [node('guangzhou', ['440100', '440103'], null, 4100), node('tianhe', ['440106'], 'guangzhou', 4200)] });
    expect(new TopologyIndex(t).nodeForRegion('440106')!.id).toBe('tianhe');
  });

  test('a topology that is not an object with nodes says so', () => {
    expect(() => parseTopology([])).toThrow(/expected \{ "nodes": \[\.\.\.\] \}/);
    expect(() => parseTopology({ nodes: [] })).toThrow(/no nodes/);
  });
});

describe("a service's endpoints", () => {
  const node = (graphql: string) => ({ subgraphs: { catalog: graphql } }) as unknown as NodeConfig;

  test('the topology URL is the GraphQL endpoint; readiness and the internal routes live beside it on the same base', () => {
    const n = node('http://127.0.0.1:4101/graphql');
    expect(serviceUrl(n, 'catalog')).toBe('http://127.0.0.1:4101/graphql');
    expect(serviceUrl(n, 'catalog', READY_PATH)).toBe('http://127.0.0.1:4101/ready');
    expect(serviceUrl(n, 'catalog', '/internal/events')).toBe('http://127.0.0.1:4101/internal/events');
  });

  test('a service behind a path prefix keeps it for every endpoint', () => {
    expect(serviceUrl(node('https://gw.example/lishui/catalog/graphql'), 'catalog', READY_PATH)).toBe('https://gw.example/lishui/catalog/ready');
    expect(serviceUrl(node('https://lishui.example/c'), 'catalog', '/internal/audit/head')).toBe('https://lishui.example/c/internal/audit/head');
    expect(serviceUrl(node('https://lishui.example/'), 'catalog', READY_PATH)).toBe('https://lishui.example/ready');
  });
});
