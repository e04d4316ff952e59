import { describe, expect, test } from '@jest/globals';
import { cruise } from 'dependency-cruiser';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from '../schema/paths.js';

/** Every relative import of every TypeScript file under a folder, as repository paths. */
function importsUnder(folder: string): { file: string; target: string }[] {
  const out: { file: string; target: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
          out.push({ file: relative(ROOT, path), target: relative(ROOT, resolve(dirname(path), m[1])) });
        }
      }
    }
  };
  walk(join(ROOT, folder));
  return out;
}

describe('rules of the house (ARCHITECTURE.md, Layout)', () => {
  test.each(['catalog', 'sharing', 'opening', 'operation'])('the %s subgraph imports no other subgraph: they meet only through the schema', (name) => {
    const offending = importsUnder(`subgraphs/${name}`).filter(({ file, target }) => {
      if (target.startsWith('test/')) return false;
      // The process entry point is the one file that hands the subgraph to the runtime.
      if (file === `subgraphs/${name}/main.ts` && target === 'runtime/process.js') return false;
      const m = /^subgraphs\/([^/]+)/.exec(target);
      return m ? m[1] !== name && m[1] !== 'kit' : !target.startsWith('schema/');
    });
    expect(offending).toEqual([]);
  });

  test('the kit imports no subgraph', () => {
    expect(importsUnder('subgraphs/kit').filter(({ target }) => !target.startsWith('subgraphs/kit') && !target.startsWith('schema/') && !target.startsWith('test/'))).toEqual([]);
  });

  test('the runtime imports only the gateway, the subgraphs and schema/ (and itself)', () => {
    expect(importsUnder('runtime').filter(({ target }) => !['runtime/', 'gateway/', 'subgraphs/', 'schema/'].some((p) => target.startsWith(p)))).toEqual([]);
  });

  test('scripts/ holds only command entries: nothing but scripts imports them', () => {
    const importers = ['schema', 'gateway', 'subgraphs', 'runtime', 'seeds', 'bench', 'test']
      .flatMap((folder) => importsUnder(folder))
      .filter(({ target }) => target.startsWith('scripts/'));
    expect(importers).toEqual([]);
  });

  test('the gateway imports only schema/ (and itself)', () => {
    expect(
      importsUnder('gateway').filter(
        ({ target }) => !target.startsWith('gateway/') && !target.startsWith('schema/') && !target.startsWith('test/') && !target.startsWith('runtime/'),
      ),
    ).toEqual([]);
    expect(importsUnder('gateway').filter(({ file, target }) => !file.endsWith('.test.ts') && (target.startsWith('test/') || target.startsWith('runtime/')))).toEqual([]);
  });

  test('schema/ depends on nothing but itself', () => {
    expect(importsUnder('schema').filter(({ target }) => !target.startsWith('schema/'))).toEqual([]);
  });
});

describe('no import cycles', () => {
  test('no module imports itself through others, type-only imports included', async () => {
    const result = await cruise(
      ['schema', 'gateway', 'subgraphs', 'runtime', 'seeds', 'scripts', 'bench', 'test'].map((f) => join(ROOT, f)),
      {
        validate: true,
        tsPreCompilationDeps: true,
        doNotFollow: { path: 'node_modules' },
        exclude: { path: 'node_modules|dist' },
        ruleSet: { forbidden: [{ name: 'no-circular', severity: 'error', from: {}, to: { circular: true } }] },
      },
      { extensions: ['.ts', '.js'] },
      { tsConfig: { fileName: join(ROOT, 'tsconfig.json') } },
    );
    const output = result.output as { summary: { violations: { from: string; to: string }[] }; modules: unknown[] };
    // A cruise that resolved nothing would find no cycle either.
    expect(output.modules.length).toBeGreaterThan(100);
    expect(output.summary.violations.map((v) => `${v.from} -> ${v.to}`)).toEqual([]);
  });
});
