import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LOG_LEVELS, type LogLevel } from './log.js';
import { ROOT } from './paths.js';
import { parseTopology, type Topology } from './topology.js';

/**
 * The whole configuration, read once and validated at start-up: a process with a bad setting
 * stops with a message listing every problem instead of failing later on a request.
 */
export interface Env {
  /** Topology JSON (nodes, hosted regions, subgraph URLs). */
  topologyFile: string;
  /** Which node this process serves (subgraph processes). */
  nodeId: string | undefined;
  /** PostgreSQL URL of this node's database; absent means the embedded PGlite. */
  databaseUrl: string | undefined;
  /** Where embedded databases persist. */
  dataDir: string;
  host: string;
  port: number | undefined;
  /** Deployment secret that signs the gateway → subgraph header. */
  internalSecret: string;
  /** Secret that signs client JWTs (HS256). */
  jwtSecret: string;
  nodeTimeoutMs: number;
  /** Keys the audit chains and signs their checkpoints; never stored in a database. */
  auditSecret: string;
  /** Append-only JSON-lines file where the gateway keeps the audit checkpoints (absent: memory only). */
  auditAnchorFile: string | undefined;
  /** How often the gateway pulls every chain's head (events written outside gateway requests). */
  auditAnchorIntervalMs: number;
  /** A subgraph's database statements (and idle transactions) are cancelled past this; 0 disables. */
  dbStatementTimeoutMs: number;
  /** How long a subgraph request waits for a database connection. */
  dbAcquireTimeoutMs: number;
  /** Browser origins allowed to call the gateway (CORS); none by default. */
  corsOrigins: string[];
  /** Requests per client (token subject, else address) per window at the gateway; 0 disables the limit. */
  rateLimitMax: number;
  rateLimitWindowMs: number;
  logLevel: LogLevel;
  /** Human-readable log lines (the demo) instead of JSON lines. */
  logPretty: boolean;
}

export class EnvError extends Error {}

/** Used only by `npm start` (the demo) when no secret is configured; never in production mode. */
export const DEMO_SECRETS = { internalSecret: 'demo-internal-secret-change-me-0123456789', jwtSecret: 'demo-jwt-secret-change-me-0123456789abcdef', auditSecret: 'demo-audit-secret-change-me-0123456789ab' };

export function loadEnv(src: NodeJS.ProcessEnv = process.env, { demo = false } = {}): Env {
  const problems: string[] = [];
  const int = (name: string, fallback?: number) => {
    const raw = src[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) problems.push(`${name} must be a non-negative integer, got "${raw}"`);
    return n;
  };
  const secret = (name: string, demoValue: string) => {
    const v = src[name];
    if (v) {
      if (v.length < 32) problems.push(`${name} must be at least 32 characters`);
      return v;
    }
    if (demo) return demoValue;
    problems.push(`${name} is required (at least 32 random characters)`);
    return '';
  };
  const bool = (name: string, fallback: boolean) => {
    const raw = src[name];
    if (raw === undefined || raw === '') return fallback;
    if (/^(true|1)$/i.test(raw)) return true;
    if (/^(false|0)$/i.test(raw)) return false;
    problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  };
  const corsOrigins = (src.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const o of corsOrigins) if (!/^https?:\/\/[^/\s]+$/.test(o)) problems.push(`CORS_ORIGINS: "${o}" is not an origin such as https://portal.example.gov.cn (scheme, host, optional port; no path)`);
  const logLevel = (src.LOG_LEVEL || 'info') as LogLevel;
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  const env: Env = {
    topologyFile: resolve(ROOT, src.TOPOLOGY_FILE || 'seeds/topology.demo.json'),
    nodeId: src.NODE_ID || undefined,
    databaseUrl: src.DATABASE_URL || undefined,
    dataDir: resolve(ROOT, src.DATA_DIR || '.data'),
    host: src.HOST || '127.0.0.1',
    port: int('PORT'),
    internalSecret: secret('INTERNAL_SECRET', DEMO_SECRETS.internalSecret),
    jwtSecret: secret('JWT_SECRET', DEMO_SECRETS.jwtSecret),
    nodeTimeoutMs: int('NODE_TIMEOUT_MS', 5000)!,
    auditSecret: secret('AUDIT_SECRET', DEMO_SECRETS.auditSecret),
    auditAnchorFile: src.AUDIT_ANCHOR_FILE ? resolve(ROOT, src.AUDIT_ANCHOR_FILE) : undefined,
    auditAnchorIntervalMs: int('AUDIT_ANCHOR_INTERVAL_MS', 60_000)!,
    dbStatementTimeoutMs: int('DB_STATEMENT_TIMEOUT_MS', 10_000)!,
    dbAcquireTimeoutMs: int('DB_ACQUIRE_TIMEOUT_MS', 10_000)!,
    corsOrigins,
    rateLimitMax: int('RATE_LIMIT_MAX', 600)!,
    rateLimitWindowMs: int('RATE_LIMIT_WINDOW_MS', 60_000)!,
    logLevel,
    logPretty: bool('LOG_PRETTY', demo),
  };
  if (env.rateLimitWindowMs < 1000) problems.push('RATE_LIMIT_WINDOW_MS must be at least 1000');
  if (env.auditAnchorIntervalMs < 1000 || env.auditAnchorIntervalMs > 3_600_000) problems.push('AUDIT_ANCHOR_INTERVAL_MS must be between 1000 and 3600000');
  if (env.databaseUrl && !/^postgres(ql)?:\/\//.test(env.databaseUrl)) problems.push('DATABASE_URL must start with postgres://');
  if (problems.length) throw new EnvError(`invalid configuration:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  return env;
}

export function loadTopology(file: string): Topology {
  return parseTopology(JSON.parse(readFileSync(file, 'utf8')));
}
