import { availableParallelism } from 'node:os';

/** Tests run as native ES modules (the project is ESM); swc strips types and emits the decorator
 * metadata that type-graphql and MikroORM read, which esbuild-based transforms cannot. */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/schema', '<rootDir>/platform', '<rootDir>/gateway', '<rootDir>/subgraphs', '<rootDir>/runtime', '<rootDir>/seeds', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Servers log a line per request: tests show warnings and errors only, unless LOG_LEVEL says otherwise.
  setupFiles: ['<rootDir>/test/support/log-level.js'],
  // The images embedded test databases start from live for one run (test/support/images.ts).
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        },
        module: { type: 'es6' },
      },
    ],
  },
  testTimeout: 120000,
  // A worker per core: a test file's embedded databases run on its worker's thread, and jest's
  // default (one core left to itself) would run them all on one core of two.
  maxWorkers: availableParallelism(),
  // A worker that holds more than this after a test file is replaced: each file's databases and
  // modules are not all given back, and a worker that grows for the whole run slows down in GC.
  workerIdleMemoryLimit: '1GB',
};
