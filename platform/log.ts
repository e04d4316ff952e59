import { randomUUID } from 'node:crypto';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';

export type { Logger };

/**
 * One request id follows a request from the client through the gateway into every subgraph call
 * (and a subgraph's calls to its siblings), so the lines of one request can be found together.
 */
export const REQUEST_ID_HEADER = 'x-request-id';
/** A client's id is taken only when it is short and plain: it is written into every log line. */
export const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;

/** The client's well-formed `x-request-id`, else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = Level | 'silent';

export interface LoggerOptions {
  level?: LogLevel;
  /** Where the JSON lines go; stdout when absent (a test passes a stream to read them back). */
  destination?: DestinationStream;
}

/**
 * JSON lines, one object per event. Credentials never reach a line even if a caller logs a whole
 * header set: the paths below are censored.
 */
export function createLogger(o: LoggerOptions = {}): Logger {
  return pino(
    {
      level: o.level ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['authorization', 'headers.authorization', 'headers["x-internal-auth"]', 'req.headers.authorization', 'req.headers["x-internal-auth"]'],
        censor: '[redacted]',
      },
    },
    o.destination,
  );
}

let processLogger: Logger | undefined;

/**
 * The logger of this process, used by servers not handed one: an entry point sets it from the
 * configuration (`LOG_LEVEL`, `LOG_PRETTY`), a test may set one that writes to a stream it reads.
 * Unset, it writes JSON to stdout at `LOG_LEVEL` (info).
 */
export function getProcessLogger(): Logger {
  processLogger ??= createLogger({ level: (process.env.LOG_LEVEL as LogLevel | undefined) || 'info' });
  return processLogger;
}

export function setProcessLogger(logger: Logger): void {
  processLogger = logger;
}

/**
 * Sets the process logger from the configuration. Pretty output (pino-pretty, a development
 * dependency) is for a person watching a terminal, the demo; everywhere else one JSON object per line.
 */
export async function configureProcessLogger(o: { level: LogLevel; pretty: boolean }): Promise<Logger> {
  let destination: DestinationStream | undefined;
  if (o.pretty) {
    const { default: pretty } = await import('pino-pretty');
    destination = pretty({ colorize: true, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  }
  const logger = createLogger({ level: o.level, destination });
  setProcessLogger(logger);
  return logger;
}
