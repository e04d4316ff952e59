// The directory in which one test run keeps the images its embedded databases start from
// (test/support/images.ts): made before the first test file runs, removed after the last
// (test/support/global-teardown.js).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function globalSetup() {
  process.env.PDF_TEST_IMAGES_DIR = mkdtempSync(join(tmpdir(), 'pdf-test-images-'));
}
