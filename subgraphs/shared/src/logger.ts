/** Structured logging (pino). One logger per process; child loggers carry the request. */
import pino, { Logger, type DestinationStream } from 'pino';

export type { Logger };

export function createLogger(name: string, level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name,
    level,
    // Tokens never reach the logs, whatever a caller puts into a log object.
    redact: { paths: ['req.headers.authorization', 'authorization', 'token', '*.token'], remove: true },
    base: { service: name },
  };
  return destination ? pino(options, destination) : pino(options);
}
