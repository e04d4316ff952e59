import { expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { schemaFile, SUPERGRAPH_FILE } from '../platform/paths.js';
import { composeSupergraph } from '../runtime/compose.js';

test('the committed supergraph and subgraph SDL match the code (run `npm run compose` when this fails)', async () => {
  const { subgraphs, supergraph } = await composeSupergraph();
  for (const [name, sdl] of Object.entries(subgraphs)) expect(readFileSync(schemaFile(`${name}.graphql`), 'utf8')).toBe(sdl);
  expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(supergraph);
});
