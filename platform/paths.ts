import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root, whether this runs from sources (tests) or compiled from dist/. */
export const ROOT = basename(dirname(here)) === 'dist' ? resolve(here, '..', '..') : resolve(here, '..');
export const schemaFile = (name: string) => resolve(ROOT, 'schema', name);
export const SUPERGRAPH_FILE = schemaFile('supergraph.graphql');
