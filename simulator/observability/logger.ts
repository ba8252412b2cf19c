import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogFormat, LogLevel } from './log-options.js';
import { formatPretty, PRETTY_SHOWN_FIELDS } from './pretty.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level?: LogLevel;
  /** Default: `pretty` when stdout is a terminal, else `json`. */
  format?: LogFormat;
  /** Where lines go; default stdout. Tests pass a stream of their own. */
  destination?: DestinationStream & NodeJS.WritableStream;
}

/**
 * The process's logger (README "Logs and metrics"). JSON lines go to stdout synchronously: a
 * write per line, no buffer that a crash or an exit could lose, no worker thread. The pretty
 * format (pino-pretty, loaded only when chosen) formats in-process, synchronously too: it is for
 * a person at a terminal, not for throughput.
 */
export async function createLogger(options: LoggerOptions = {}): Promise<Logger> {
  const settings = { name: 'liveness-sim', level: options.level ?? 'info' };
  const format = options.format ?? (process.stdout.isTTY ? 'pretty' : 'json');
  if (format === 'json') return pino(settings, options.destination ?? pino.destination({ dest: 1, sync: true }));
  const { default: pretty } = await import('pino-pretty');
  const stream = pretty({
    sync: true,
    destination: options.destination ?? 1,
    colorize: options.destination === undefined && process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: ['pid', 'hostname', 'name', ...PRETTY_SHOWN_FIELDS].join(','),
    messageFormat: formatPretty,
  });
  return pino(settings, stream);
}
