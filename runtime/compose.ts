import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { schemaFile } from '../platform/paths.js';
import { SUBGRAPH_NAMES, type SubgraphName } from '../schema/topology.js';
import { buildModuleSchema } from '../subgraphs/kit/server/subgraph.js';
import { MODULES } from './modules.js';

/**
 * The URL in the supergraph is a placeholder: the gateway never uses it, it routes every fetch
 * to a node from the topology.
 */
export const placeholderUrl = (name: SubgraphName) => `http://${name}.subgraph.invalid/graphql`;

export async function composeSupergraph(): Promise<{ subgraphs: Record<SubgraphName, string>; supergraph: string }> {
  const subgraphs = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPH_NAMES) subgraphs[name] = printSubgraphSchema(await buildModuleSchema(MODULES[name]));
  // The gateway serves the audit subgraph itself (gateway/audit.ts); its SDL is written by hand.
  const audit = { name: 'audit', url: 'http://audit.gateway.invalid/graphql', typeDefs: parse(readFileSync(schemaFile('audit.graphql'), 'utf8')) };
  const result = composeServices([...SUBGRAPH_NAMES.map((name) => ({ name, url: placeholderUrl(name), typeDefs: parse(subgraphs[name]) })), audit]);
  if (result.errors?.length) throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  return { subgraphs, supergraph: result.supergraphSdl! };
}
