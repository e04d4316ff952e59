import { expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { buildASTSchema, parse, validate } from 'graphql';
import { SUPERGRAPH_FILE } from '../platform/paths.js';
import { EXAMPLE_OPERATIONS } from './playground-examples.js';

test('every example operation in the playground is valid against the composed schema', () => {
  const schema = buildASTSchema(parse(readFileSync(SUPERGRAPH_FILE, 'utf8')), { assumeValidSDL: true });
  for (const example of EXAMPLE_OPERATIONS) {
    expect({ title: example.title, errors: validate(schema, parse(example.query)).map((e) => e.message) }).toEqual({ title: example.title, errors: [] });
  }
});
