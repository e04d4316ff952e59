import { describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../schema/paths.js';

/**
 * Landed migrations, by hash. A production database has already run each of these, so a change to
 * one never reaches it: the change must be a new migration. A new migration is added here in the
 * commit that adds it (sha256sum of the file).
 */
const LANDED: Record<string, string> = {
  'subgraphs/catalog/migrations/Migration20261123000000.ts': 'eea0a6c2a50f9a104b38f15d29f4d100ffa15b11cb082a431ba1e7249da471b4',
  'subgraphs/catalog/migrations/Migration20261124000000.ts': '3081a05573899d857e3fa0d9a012506a966a141fbc30ae5a83c7d30e1a44c926',
  'subgraphs/catalog/migrations/Migration20261124000100.ts': '30e586ef77418273c525dec9578b74e4f8bbcd8dd39fe38ddf3066c940e1edb4',
  'subgraphs/catalog/migrations/Migration20261124000200.ts': '677425cd31a52a632d97bd91988c83576639a78aec4c5145f31c155973370276',
  'subgraphs/opening/migrations/Migration20261124000000.ts': 'b2c6253aa44bed0eae89c3cebcf673bc6fa366e78014ffe9ec03dca30e475a7c',
  'subgraphs/operation/migrations/Migration20261123000000.ts': '8e990a276c8c56c81b11899ea7ce9255e7dad78f18d898512839249449d57c28',
  'subgraphs/sharing/migrations/Migration20261124000000.ts': 'f99c578d9e785aa0f7eb04bab8cc4b637c91c2a36e1c5a7e221dc4acf1e61440',
};

function migrationFiles(): string[] {
  const out: string[] = [];
  for (const subgraph of readdirSync(join(ROOT, 'subgraphs'))) {
    let names: string[];
    try {
      names = readdirSync(join(ROOT, 'subgraphs', subgraph, 'migrations'));
    } catch {
      continue;
    }
    for (const name of names) if (/^Migration\d{14}\.ts$/.test(name)) out.push(`subgraphs/${subgraph}/migrations/${name}`);
  }
  return out.sort();
}

const hashOf = (file: string) => createHash('sha256').update(readFileSync(join(ROOT, file))).digest('hex');

describe('migrations are immutable once landed', () => {
  test('every landed migration is byte for byte what production databases ran', () => {
    const changed = Object.entries(LANDED).filter(([file, hash]) => hashOf(file) !== hash).map(([file]) => file);
    expect(changed).toEqual([]);
  });

  test('every migration file is listed (a new one is added when it lands)', () => {
    expect(migrationFiles().filter((f) => !(f in LANDED))).toEqual([]);
  });
});
