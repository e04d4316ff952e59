import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { buildASTSchema, isObjectType, parse, type DocumentNode, type ObjectTypeDefinitionNode } from 'graphql';
import { schemaFile, SUPERGRAPH_FILE } from '../platform/paths.js';
import { NODE_TYPES } from './node.js';

const sdl = (file: string): DocumentNode => parse(readFileSync(file, 'utf8'));
const objectTypes = (doc: DocumentNode) => doc.definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === 'ObjectTypeDefinition');
const keyOf = (t: ObjectTypeDefinitionNode) => t.directives?.find((d) => d.name.value === 'key');

describe('the types node(id) answers', () => {
  test('are exactly the implementations of Node in the supergraph, each declared by key in the audit subgraph', () => {
    const supergraph = buildASTSchema(sdl(SUPERGRAPH_FILE), { assumeValidSDL: true });
    const implementations = Object.values(supergraph.getTypeMap())
      .filter((t) => isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Node'))
      .map((t) => t.name);
    expect(implementations.sort()).toEqual(Object.keys(NODE_TYPES).sort());
    const declared = objectTypes(sdl(schemaFile('audit.graphql'))).filter((t) => t.interfaces?.some((i) => i.name.value === 'Node'));
    expect(declared.map((t) => t.name.value).sort()).toEqual(Object.keys(NODE_TYPES).sort());
  });

  test('are each an entity implementing Node in the subgraph named as its owner', () => {
    for (const [type, subgraph] of Object.entries(NODE_TYPES)) {
      const def = objectTypes(sdl(schemaFile(`${subgraph}.graphql`))).find((t) => t.name.value === type);
      expect({ type, subgraph, implementsNode: def?.interfaces?.some((i) => i.name.value === 'Node'), key: keyOf(def!)?.arguments?.map((a) => a.name.value) }).toEqual({
        type,
        subgraph,
        implementsNode: true,
        key: ['fields'],
      });
    }
  });
});
