/** Tests run as native ES modules (the project is ESM); swc strips types and emits the decorator
 * metadata that type-graphql and MikroORM read, which esbuild-based transforms cannot. */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/schema', '<rootDir>/platform', '<rootDir>/gateway', '<rootDir>/subgraphs', '<rootDir>/runtime', '<rootDir>/seeds', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Servers log a line per request: tests show warnings and errors only, unless LOG_LEVEL says otherwise.
  setupFiles: ['<rootDir>/test/support/log-level.js'],
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
};
