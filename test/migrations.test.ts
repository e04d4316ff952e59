import { describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../platform/paths.js';

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
  'subgraphs/catalog/migrations/Migration20261128010000.ts': '1f17207871e66ca3a8f3fc5b0ca7a1bf98f9168c9b487641c7d9abf455a6fac2',
  'subgraphs/catalog/migrations/Migration20261128030000.ts': '42102c2549cffcdace8c824aa6b20f83981631b03b785d11ea402f5ae8f329e4',
  'subgraphs/catalog/migrations/Migration20261128040000.ts': '0b230162b1549e05086f54005005cd0aac9c584c26519a484e24568207372719',
  'subgraphs/catalog/migrations/Migration20261128050000.ts': 'ee8a1932ed930f90d4e8648d56dfbc86b243d7ea10b29a061b07e377e402b9d6',
  'subgraphs/catalog/migrations/Migration20261128060000.ts': 'b3339a9c78dcfa1ce27aa99310d786998b67080e195a636a835d37af97691eeb',
  'subgraphs/opening/migrations/Migration20261124000000.ts': 'b2c6253aa44bed0eae89c3cebcf673bc6fa366e78014ffe9ec03dca30e475a7c',
  'subgraphs/opening/migrations/Migration20261128010000.ts': '5f37468188225484091339d34233f96d266fc3ef6f21a37eb9327d194a56dbef',
  'subgraphs/opening/migrations/Migration20261128030000.ts': 'ffe7dda7b2ebde229e8156b3ad47f0d3376b7787c4c9ecdd47109a0c5c11843d',
  'subgraphs/opening/migrations/Migration20261128040000.ts': '7131db2d4997a49e4033c47f3d726837afabfcafd21a3bde25f29fe3ff7b2332',
  'subgraphs/operation/migrations/Migration20261123000000.ts': '8e990a276c8c56c81b11899ea7ce9255e7dad78f18d898512839249449d57c28',
  'subgraphs/operation/migrations/Migration20261128030000.ts': 'b567b660100ffbaee24f7b74946e316499ad387d058923443ddcee18de99c183',
  'subgraphs/operation/migrations/Migration20261128040000.ts': '47e63551d5b23aa84cb8fbf9391821c8c334281bc47199315300fbc1bbb7782e',
  'subgraphs/sharing/migrations/Migration20261124000000.ts': 'f99c578d9e785aa0f7eb04bab8cc4b637c91c2a36e1c5a7e221dc4acf1e61440',
  'subgraphs/sharing/migrations/Migration20261128010000.ts': 'f771c286617ab4433d9abf2db125b8b426a797e0bea3c9dc7a3e1bf89929fb92',
  'subgraphs/sharing/migrations/Migration20261128020000.ts': '4cd37484730bed6e635e92e717f062423c624c06787f72f1278524da8b5587b2',
  'subgraphs/sharing/migrations/Migration20261128030000.ts': '426d73f4e64b4d772b2eac537e0cbb8642c2f988f22fd21b65fe48d7bfdeba70',
  'subgraphs/sharing/migrations/Migration20261128040000.ts': '19df0787e2a4d626909a2d793d7b51eee0d8b62e839ca7d432cbb3166fda8bfa',
  'subgraphs/sharing/migrations/Migration20261128110000.ts': '7085cafdd006487054da5f5c1d1218122181966a8404e026c25bbf6b72c3a583',
  'subgraphs/sharing/migrations/Migration20261128200000.ts': '761bfac2bacb62624b676b8bea9819c52d1084b0f4dd5eebc44177021056470d',
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

const hashOf = (file: string) =>
  createHash('sha256')
    .update(readFileSync(join(ROOT, file)))
    .digest('hex');

describe('migrations are immutable once landed', () => {
  test('every landed migration is byte for byte what production databases ran', () => {
    const changed = Object.entries(LANDED)
      .filter(([file, hash]) => hashOf(file) !== hash)
      .map(([file]) => file);
    expect(changed).toEqual([]);
  });

  test('every migration file is listed (a new one is added when it lands)', () => {
    expect(migrationFiles().filter((f) => !(f in LANDED))).toEqual([]);
  });
});

/**
 * Landed migrations that import application code (SQL builders of the kit, the catalog's search
 * columns). They stay as they are; a later change of that code would change what a fresh database
 * runs, so no new migration may do the same.
 */
const IMPORTING_APPLICATION_CODE = new Set([
  'subgraphs/catalog/migrations/Migration20261123000000.ts',
  'subgraphs/catalog/migrations/Migration20261124000100.ts',
  'subgraphs/catalog/migrations/Migration20261128010000.ts',
  'subgraphs/catalog/migrations/Migration20261128030000.ts',
  'subgraphs/catalog/migrations/Migration20261128040000.ts',
  'subgraphs/opening/migrations/Migration20261124000000.ts',
  'subgraphs/opening/migrations/Migration20261128010000.ts',
  'subgraphs/opening/migrations/Migration20261128030000.ts',
  'subgraphs/opening/migrations/Migration20261128040000.ts',
  'subgraphs/operation/migrations/Migration20261123000000.ts',
  'subgraphs/operation/migrations/Migration20261128030000.ts',
  'subgraphs/operation/migrations/Migration20261128040000.ts',
  'subgraphs/sharing/migrations/Migration20261124000000.ts',
  'subgraphs/sharing/migrations/Migration20261128010000.ts',
  'subgraphs/sharing/migrations/Migration20261128030000.ts',
  'subgraphs/sharing/migrations/Migration20261128040000.ts',
]);

describe('migrations are self-contained', () => {
  test('a new migration imports nothing but the migrator: its SQL is written out in the file', () => {
    const offending = migrationFiles()
      .filter((f) => !IMPORTING_APPLICATION_CODE.has(f))
      .flatMap((f) =>
        [...readFileSync(join(ROOT, f), 'utf8').matchAll(/^\s*import\s[^;]*?from\s+['"]([^'"]+)['"]/gm)]
          .map((m) => m[1])
          .filter((target) => target !== '@mikro-orm/migrations')
          .map((target) => `${f} imports ${target}`),
      );
    expect(offending).toEqual([]);
  });
});
