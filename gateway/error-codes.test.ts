import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { ROOT, SUPERGRAPH_FILE } from '../platform/paths.js';

/**
 * Issue 15 item 11: every error code the API can answer is listed for its clients, in the API
 * document (docs/api.md, "Errors") and in the schema (the `Query` type's description, what
 * GraphiQL and codegen show), and the two lists are the same.
 */
const apiDoc = readFileSync(join(ROOT, 'docs', 'api.md'), 'utf8');
/** The codes of the API document's error table: its rows start with a code in backticks. */
const documentedCodes = () => {
  const section = apiDoc.slice(apiDoc.indexOf('## Errors'));
  return [...section.matchAll(/^\| `([A-Z][A-Z_]+)`/gm)].map((m) => m[1]);
};
/** The codes of the `Query` description's list: each line starts with a code in backticks. */
const schemaCodes = () => {
  const query = parse(readFileSync(SUPERGRAPH_FILE, 'utf8')).definitions.find(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Query',
  )!;
  return [...(query.description?.value ?? '').matchAll(/^- `([A-Z][A-Z_]+)`/gm)].map((m) => m[1]);
};

/** Codes the code base writes into errors itself: `code: 'X'` (or a choice of two), `code = 'X'`, `AppError('X'`, `fail('X'`, `errorBody(…, 'X')`. */
function codesInSource(): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) {
        const text = readFileSync(path, 'utf8');
        const patterns = [
          /\bcode\s*[:=]\s*'([A-Z][A-Z_]+)'/g,
          /\bcode:\s*[\w.]+\s*\?\s*'([A-Z][A-Z_]+)'\s*:\s*'([A-Z][A-Z_]+)'/g,
          /\b(?:AppError|fail)\(\s*'([A-Z][A-Z_]+)'/g,
          /\berrorBody\(\s*(?:`[^`]*`|'[^']*'|[\w.]+(?:\([^)]*\))?)\s*,\s*'([A-Z][A-Z_]+)'/g,
        ];
        for (const re of patterns) for (const m of text.matchAll(re)) for (const code of m.slice(1)) if (code) found.set(code, relative(ROOT, path));
      }
    }
  };
  for (const folder of ['gateway', 'schema', 'platform', 'subgraphs']) walk(join(ROOT, folder));
  return found;
}

describe('the error codes clients can rely on', () => {
  test('the table of docs/api.md and the schema description list the same codes, each once', () => {
    const documented = documentedCodes();
    expect(documented.length).toBeGreaterThan(10);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...schemaCodes()].sort()).toEqual([...documented].sort());
  });

  test('the codes that Apollo and the limits answer (issue 15 item 11) are listed', () => {
    expect(documentedCodes()).toEqual(
      expect.arrayContaining(['RATE_LIMITED', 'PAYLOAD_TOO_LARGE', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND']),
    );
  });

  test('every code the code base writes into an error is listed (internal ones the gateway renames excepted)', () => {
    const listed = new Set(documentedCodes());
    const source = codesInSource();
    // The scan sees each way the code base names a code (a plain one, a choice, AppError, errorBody).
    expect([...source.keys()]).toEqual(expect.arrayContaining(['NODE_UNAVAILABLE', 'UNRESOLVED_REFERENCE', 'AUDIT_UNAVAILABLE', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED']));
    // INVALID_GRAPHQL is the query planner's, renamed BAD_REQUEST before it leaves the gateway (gateway/server.ts).
    const unlisted = [...source].filter(([code]) => !listed.has(code) && code !== 'INVALID_GRAPHQL');
    expect(unlisted).toEqual([]);
  });
});
