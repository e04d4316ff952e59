import { describe, expect, test } from '@jest/globals';
import { cruise, type IForbiddenRuleType } from 'dependency-cruiser';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../platform/paths.js';

/**
 * The floors of the house (docs/architecture.md, Layout), from the bottom up, as dependency-cruiser
 * rules: a file may import its own floor and the floors below it, never one above. Tests may reach
 * across (a test of the schema starts a node), so the rules are about what runs.
 *
 *   schema/               the contract the gateway and every node agree on
 *   platform/             process plumbing: configuration, HTTP, logs, metrics, traces, paths
 *   subgraphs/kit/rules/  domain rules every subgraph shares (authority model, working days, policy)
 *   subgraphs/kit/server/ what makes a module a running subgraph (GraphQL, ORM, audit, events, …)
 *   subgraphs/<name>/     one subgraph each; they meet only through the schema
 *   gateway/              the gateway
 *   seeds/                the demo's data and the seeder (through the API)
 *   runtime/              starts nodes, subgraph processes and federations
 *   scripts/, bench/      command entries and benchmarks; nothing imports scripts/
 */
const OWN_CODE = '^(schema|platform|subgraphs|gateway|seeds|runtime|scripts|bench|test)/';
const notTest = '\\.test\\.ts$';
const rule = (name: string, comment: string, from: string, to: string, toNot?: string): IForbiddenRuleType => ({
  name,
  comment,
  severity: 'error',
  from: { path: from, pathNot: notTest },
  to: { path: to, ...(toNot ? { pathNot: toNot } : {}) },
});

const FLOORS: IForbiddenRuleType[] = [
  rule('schema-is-the-contract', 'schema/ depends on nothing of the application', '^schema/', OWN_CODE, '^schema/'),
  rule('platform-on-the-contract', 'platform/ depends only on the contract', '^platform/', OWN_CODE, '^(schema|platform)/'),
  rule('rules-are-pure', 'shared domain rules depend only on the contract', '^subgraphs/kit/rules/', OWN_CODE, '^(schema|subgraphs/kit/rules)/'),
  rule('kit-under-the-subgraphs', 'the kit imports no subgraph and nothing above', '^subgraphs/kit/', OWN_CODE, '^(schema|platform|subgraphs/kit)/'),
  rule('subgraphs-apart', 'a subgraph imports no other subgraph: they meet only through the schema', '^subgraphs/([^/]+)/', '^subgraphs/', '^subgraphs/($1|kit)/'),
  rule('subgraphs-below-the-runtime', 'subgraphs import the kit, platform and schema only', '^subgraphs/', OWN_CODE, '^(schema|platform|subgraphs)/'),
  rule('gateway-on-the-contract', 'the gateway imports only platform and schema', '^gateway/', OWN_CODE, '^(schema|platform|gateway)/'),
  rule('seeds-below-the-runtime', 'the seeder runs through the API: no runtime, scripts or tests', '^seeds/', '^(runtime|scripts|bench|test)/'),
  rule('runtime-below-commands', 'the runtime imports no command, benchmark or test', '^runtime/', '^(scripts|bench|test)/'),
  { name: 'scripts-are-entries', comment: 'nothing imports a command entry', severity: 'error', from: { pathNot: '^scripts/' }, to: { path: '^scripts/' } },
  { name: 'no-circular', comment: 'no module imports itself through others, type-only imports included', severity: 'error', from: {}, to: { circular: true } },
];

describe('the floors of the house', () => {
  test('no import runs up a floor, across subgraphs, or in a circle', async () => {
    const result = await cruise(
      ['schema', 'platform', 'gateway', 'subgraphs', 'runtime', 'seeds', 'scripts', 'bench', 'test'].map((f) => join(ROOT, f)),
      {
        validate: true,
        tsPreCompilationDeps: true,
        baseDir: ROOT,
        doNotFollow: { path: 'node_modules' },
        exclude: { path: 'node_modules|dist' },
        ruleSet: { forbidden: FLOORS },
      },
      { extensions: ['.ts', '.js'] },
      { tsConfig: { fileName: join(ROOT, 'tsconfig.json') } },
    );
    const output = result.output as { summary: { violations: { from: string; to: string; rule: { name: string } }[] }; modules: unknown[] };
    // A cruise that resolved nothing would find no violation either.
    expect(output.modules.length).toBeGreaterThan(200);
    expect(output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
  });
});

/**
 * Statements built with knex below the ORM: the catalog search (its engine), whose ranked pages,
 * samples, walks and GROUPING SETS the ORM's query builder cannot express. The kit reaches knex
 * only for its pool's state (orm.ts, metrics.ts), and migrations for their DDL.
 */
const KNEX_ALLOWED = /^subgraphs\/(catalog\/search\/|kit\/server\/(orm|metrics)\.ts|[^/]+\/migrations\/)/;

describe('knex beside the ORM', () => {
  test('only the catalog search builds statements with knex', () => {
    const sources = ['schema', 'platform', 'gateway', 'subgraphs', 'runtime', 'seeds', 'scripts', 'bench']
      .flatMap((dir) => readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).map((f) => `${dir}/${f}`))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const users = sources.filter((f) => /\bKnex\.|getKnex\(|from 'knex'/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(users).toContain('subgraphs/catalog/search/engine.ts');
    expect(users.filter((f) => !KNEX_ALLOWED.test(f))).toEqual([]);
  });
});
