import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { composeSupergraph } from '../runtime/compose.js';
import { schemaFile } from '../platform/paths.js';

const { subgraphs, supergraph } = await composeSupergraph();
for (const [name, sdl] of Object.entries(subgraphs)) writeFileSync(schemaFile(`${name}.graphql`), sdl);
writeFileSync(schemaFile('supergraph.graphql'), supergraph);
console.log(`composed ${Object.keys(subgraphs).length} subgraphs into schema/supergraph.graphql`);
