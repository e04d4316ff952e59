import { describe, expect, test } from '@jest/globals';
import { EnvError, loadEnv } from './env.js';

describe('database limits in the configuration', () => {
  test('a subgraph statement is bounded by 10 s and a connection wait by 5 s unless configured', () => {
    const env = loadEnv({}, { demo: true });
    expect({ statement: env.dbStatementTimeoutMs, acquire: env.dbAcquireTimeoutMs }).toEqual({ statement: 10_000, acquire: 10_000 });
    const configured = loadEnv({ DB_STATEMENT_TIMEOUT_MS: '2500', DB_ACQUIRE_TIMEOUT_MS: '800' }, { demo: true });
    expect({ statement: configured.dbStatementTimeoutMs, acquire: configured.dbAcquireTimeoutMs }).toEqual({ statement: 2500, acquire: 800 });
  });

  test('a bad value stops the process with the variable named', () => {
    expect(() => loadEnv({ DB_STATEMENT_TIMEOUT_MS: '10s' }, { demo: true })).toThrow(EnvError);
    expect(() => loadEnv({ DB_STATEMENT_TIMEOUT_MS: '10s' }, { demo: true })).toThrow(/DB_STATEMENT_TIMEOUT_MS must be a non-negative integer/);
  });
});
