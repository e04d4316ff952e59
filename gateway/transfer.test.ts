import { describe, expect, test } from '@jest/globals';
import { loadTopology } from '../platform/env.js';
import { schemaFile } from '../platform/paths.js';
import { TopologyIndex } from '../schema/topology.js';
import { transferTarget } from './transfer.js';

const topology = new TopologyIndex(loadTopology(schemaFile('../seeds/topology.demo.json')));

describe('a transfer goes to the subgraph its kind names, on the node of the global ID in its path', () => {
  test('the region in the ID picks the node, encoded or not; a path without an ID goes to the root node', () => {
    expect(transferTarget(topology, '/data/loads/331102:01ARZ3NDEKTSV4RRFFQ69G5FAV')).toMatchObject({ node: { id: 'liandu' }, subgraph: 'catalog' });
    expect(transferTarget(topology, '/data/loads/331102%3A01ARZ3NDEKTSV4RRFFQ69G5FAV?x=1')).toMatchObject({ node: { id: 'liandu' } });
    expect(transferTarget(topology, '/data/loads/331122:01ARZ3NDEKTSV4RRFFQ69G5FAV')).toMatchObject({ node: { id: 'lishui' } });
    expect(transferTarget(topology, '/data/loads')).toMatchObject({ node: { id: 'lishui' }, subgraph: 'catalog' });
  });

  test('a kind no subgraph serves, or an inherited property name, is no transfer', () => {
    expect(transferTarget(topology, '/data/records/331102:01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBeNull();
    expect(transferTarget(topology, '/data/constructor/x')).toBeNull();
    expect(transferTarget(topology, '/data/')).toBeNull();
  });
});
