import { rmSync } from 'node:fs';

/** Removes the run's image directory (test/support/global-setup.js). */
export default function globalTeardown() {
  if (process.env.PDF_TEST_IMAGES_DIR) rmSync(process.env.PDF_TEST_IMAGES_DIR, { recursive: true, force: true });
}
