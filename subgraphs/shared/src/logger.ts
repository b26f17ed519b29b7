/** Structured logging (pino). One logger per process; child loggers carry the request. */
import pino, { Logger } from 'pino';

export type { Logger };

export function createLogger(name: string, level: string): Logger {
  return pino({
    name,
    level,
    // Tokens never reach the logs, whatever a caller puts into a log object.
    redact: { paths: ['req.headers.authorization', 'authorization', 'token', '*.token'], remove: true },
    base: { service: name },
  });
}
