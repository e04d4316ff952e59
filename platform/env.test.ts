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

describe('table statistics in the configuration', () => {
  test('each subgraph checks its statistics every minute unless configured; 0 checks only at start-up; a bad value names the variable', () => {
    expect(loadEnv({}, { demo: true }).statisticsIntervalMs).toBe(60_000);
    expect(loadEnv({ STATISTICS_INTERVAL_MS: '0' }, { demo: true }).statisticsIntervalMs).toBe(0);
    expect(() => loadEnv({ STATISTICS_INTERVAL_MS: '1m' }, { demo: true })).toThrow(/STATISTICS_INTERVAL_MS must be a non-negative integer/);
  });
});

describe('retention and dead letters in the configuration', () => {
  test('pruning every 10 minutes, events kept 168 h, idempotency records 24 h, 5 failures before a dead letter unless configured; 0 hours or attempts stops the process with the variable named', () => {
    const env = loadEnv({}, { demo: true });
    expect([env.retentionIntervalMs, env.eventRetentionHours, env.idempotencyRetentionHours, env.eventMaxAttempts]).toEqual([600_000, 168, 24, 5]);
    const configured = loadEnv({ RETENTION_INTERVAL_MS: '0', EVENT_RETENTION_HOURS: '720', IDEMPOTENCY_RETENTION_HOURS: '48', EVENT_MAX_ATTEMPTS: '10' }, { demo: true });
    expect([configured.retentionIntervalMs, configured.eventRetentionHours, configured.idempotencyRetentionHours, configured.eventMaxAttempts]).toEqual([0, 720, 48, 10]);
    for (const name of ['EVENT_RETENTION_HOURS', 'IDEMPOTENCY_RETENTION_HOURS', 'EVENT_MAX_ATTEMPTS']) {
      expect(() => loadEnv({ [name]: '0' }, { demo: true })).toThrow(new RegExp(`${name} must be at least 1`));
      expect(() => loadEnv({ [name]: '1d' }, { demo: true })).toThrow(new RegExp(`${name} must be a non-negative integer`));
    }
  });
});

describe('the catalog search count bound', () => {
  test('1,000 matches per node unless configured; 0 or a non-number stops the process with the variable named', () => {
    expect(loadEnv({}, { demo: true }).catalogCountBound).toBe(1000);
    expect(loadEnv({ CATALOG_COUNT_BOUND: '50' }, { demo: true }).catalogCountBound).toBe(50);
    for (const bad of ['0', 'many', '-5']) {
      expect(() => loadEnv({ CATALOG_COUNT_BOUND: bad }, { demo: true })).toThrow(/CATALOG_COUNT_BOUND/);
    }
  });
});

describe('HTTP limits and logs in the configuration', () => {
  test('no CORS origin, 600 requests a minute per client, info JSON logs unless configured; the demo logs pretty', () => {
    const env = loadEnv({}, { demo: true });
    expect({ cors: env.corsOrigins, max: env.rateLimitMax, window: env.rateLimitWindowMs, level: env.logLevel, pretty: env.logPretty }).toEqual({
      cors: [],
      max: 600,
      window: 60_000,
      level: 'info',
      pretty: true,
    });
    const configured = loadEnv(
      { CORS_ORIGINS: 'https://portal.lishui.gov.cn, http://localhost:5173', RATE_LIMIT_MAX: '50', RATE_LIMIT_WINDOW_MS: '10000', LOG_LEVEL: 'debug', LOG_PRETTY: 'false' },
      { demo: true },
    );
    expect({ cors: configured.corsOrigins, max: configured.rateLimitMax, window: configured.rateLimitWindowMs, level: configured.logLevel, pretty: configured.logPretty }).toEqual({
      cors: ['https://portal.lishui.gov.cn', 'http://localhost:5173'],
      max: 50,
      window: 10_000,
      level: 'debug',
      pretty: false,
    });
  });

  test('bad values are all named at once', () => {
    let message = '';
    try {
      loadEnv({ CORS_ORIGINS: 'portal.lishui.gov.cn', RATE_LIMIT_WINDOW_MS: '10', LOG_LEVEL: 'loud', LOG_PRETTY: 'yes' }, { demo: true });
    } catch (err) {
      message = (err as Error).message;
    }
    for (const name of ['CORS_ORIGINS', 'RATE_LIMIT_WINDOW_MS', 'LOG_LEVEL', 'LOG_PRETTY']) expect(message).toContain(name);
  });
});

describe('one error lists every problem of the configuration', () => {
  test('every bad or missing variable is named at once, one line each', () => {
    let message = '';
    try {
      loadEnv({
        PORT: 'eighty',
        NODE_TIMEOUT_MS: '-1',
        AUDIT_ANCHOR_INTERVAL_MS: '10',
        DATABASE_URL: 'mysql://db/x',
        INTERNAL_SECRET: 'short',
        JWT_SECRET: '',
      });
    } catch (err) {
      expect(err).toBeInstanceOf(EnvError);
      message = (err as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'invalid configuration:',
      '- DATABASE_URL must start with postgres://',
      '- PORT must be a non-negative integer, got "eighty"',
      '- INTERNAL_SECRET must be at least 32 characters',
      '- JWT_SECRET is required (at least 32 random characters)',
      '- NODE_TIMEOUT_MS must be a non-negative integer, got "-1"',
      '- AUDIT_SECRET is required (at least 32 random characters)',
      '- AUDIT_ANCHOR_INTERVAL_MS must be between 1000 and 3600000',
    ]);
  });

  test('outside the demo the secrets are required; in the demo they default, and an empty value counts as unset', () => {
    expect(() => loadEnv({})).toThrow(/INTERNAL_SECRET is required[\s\S]*JWT_SECRET is required[\s\S]*AUDIT_SECRET is required/);
    const env = loadEnv({ HOST: '', PORT: '' }, { demo: true });
    expect({ host: env.host, port: env.port, nodeTimeoutMs: env.nodeTimeoutMs }).toEqual({ host: '127.0.0.1', port: undefined, nodeTimeoutMs: 5000 });
  });
});

describe('observability in the configuration', () => {
  test('tracing is off and metrics are served unless configured', () => {
    const env = loadEnv({}, { demo: true });
    expect({ otlp: env.otlpEndpoint, name: env.otelServiceName, metrics: env.metricsEnabled }).toEqual({ otlp: undefined, name: undefined, metrics: true });
    const configured = loadEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SERVICE_NAME: 'pdf-lishui', METRICS_ENABLED: 'false' }, { demo: true });
    expect({ otlp: configured.otlpEndpoint, name: configured.otelServiceName, metrics: configured.metricsEnabled }).toEqual({
      otlp: 'http://collector:4318',
      name: 'pdf-lishui',
      metrics: false,
    });
  });

  test('a bad endpoint or switch stops the process with every problem named', () => {
    expect(() => loadEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, { demo: true })).toThrow(EnvError);
    let message = '';
    try {
      loadEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318', METRICS_ENABLED: 'yes' }, { demo: true });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/OTEL_EXPORTER_OTLP_ENDPOINT must be an http/);
    expect(message).toMatch(/METRICS_ENABLED must be true or false/);
  });
});

describe('node probing and token lifetime in the configuration [issue 15 items 7, 8]', () => {
  test('probes twice a second with a one-second bound, tokens of at most 24 hours, unless configured', () => {
    const env = loadEnv({}, { demo: true });
    expect({ interval: env.nodeProbeIntervalMs, timeout: env.nodeProbeTimeoutMs, lifetime: env.jwtMaxLifetimeMs }).toEqual({ interval: 500, timeout: 1000, lifetime: 86_400_000 });
    const configured = loadEnv({ NODE_PROBE_INTERVAL_MS: '250', NODE_PROBE_TIMEOUT_MS: '2000', JWT_MAX_LIFETIME_MS: '3600000' }, { demo: true });
    expect({ interval: configured.nodeProbeIntervalMs, timeout: configured.nodeProbeTimeoutMs, lifetime: configured.jwtMaxLifetimeMs }).toEqual({
      interval: 250,
      timeout: 2000,
      lifetime: 3_600_000,
    });
  });

  test('a value out of its range stops the process with the variable named', () => {
    expect(() => loadEnv({ NODE_PROBE_INTERVAL_MS: '10' }, { demo: true })).toThrow(/NODE_PROBE_INTERVAL_MS must be between 100 and 60000/);
    expect(() => loadEnv({ NODE_PROBE_TIMEOUT_MS: '1s' }, { demo: true })).toThrow(/NODE_PROBE_TIMEOUT_MS must be a non-negative integer/);
    expect(() => loadEnv({ JWT_MAX_LIFETIME_MS: String(30 * 86_400_000) }, { demo: true })).toThrow(
      /JWT_MAX_LIFETIME_MS must be between 60000 \(a minute\) and 604800000 \(a week\)/,
    );
  });
});

describe('the open catalog export in the configuration [OPN-10]', () => {
  test('PUBLIC_BASE_URL is unset unless configured, loses its trailing slash, and must be an http(s) URL without query or fragment', () => {
    expect(loadEnv({}, { demo: true }).publicBaseUrl).toBeUndefined();
    expect(loadEnv({ PUBLIC_BASE_URL: 'https://data.lishui.gov.cn/open/' }, { demo: true }).publicBaseUrl).toBe('https://data.lishui.gov.cn/open');
    for (const bad of ['data.lishui.gov.cn', 'https://data.lishui.gov.cn/?x=1', 'https://data.lishui.gov.cn/#top', 'ftp://data.lishui.gov.cn']) {
      expect(() => loadEnv({ PUBLIC_BASE_URL: bad }, { demo: true })).toThrow(/PUBLIC_BASE_URL must be an http:\/\/ or https:\/\/ URL/);
    }
  });
});
