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
 * The process's logger (README "Logs and metrics"). JSON lines go to stdout synchronously, no
 * worker thread: the lines of one turn of the event loop in one write (batchedStdout). The pretty
 * format (pino-pretty, loaded only when chosen) formats in-process, synchronously too: it is for
 * a person at a terminal, not for throughput.
 */
export async function createLogger(options: LoggerOptions = {}): Promise<Logger> {
  const settings = { name: 'liveness-sim', level: options.level ?? 'info' };
  const format = options.format ?? (process.stdout.isTTY ? 'pretty' : 'json');
  if (format === 'json') return pino(settings, options.destination ?? batchedStdout());
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

/** Past this many characters waiting, they are written at once. */
const BATCH_LIMIT = 64 * 1024;

/**
 * Stdout for JSON lines, one write per turn of the event loop instead of one per line: under load
 * a turn answers several requests, and the write system call was most of a log line's cost
 * (issue 13's profile: 3.5 % of the CPU for a write per line). Lines wait at most until the end of
 * the turn (setImmediate); what waits is written synchronously at exit, an uncaught exception's
 * included, and by `flush()` (pino's `logger.flush()`).
 */
function batchedStdout(): DestinationStream & { flush(done?: () => void): void } {
  const stdout = pino.destination({ dest: 1, sync: true });
  let waiting = '';
  let scheduled = false;
  const flush = (done?: () => void) => {
    scheduled = false;
    if (waiting !== '') {
      const lines = waiting;
      waiting = '';
      stdout.write(lines);
    }
    done?.();
  };
  process.on('exit', () => flush());
  return {
    write(line: string) {
      waiting += line;
      if (waiting.length >= BATCH_LIMIT) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(() => flush());
      }
    },
    flush,
  };
}
