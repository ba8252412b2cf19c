/**
 * The `pretty` log format's line (pino-pretty's messageFormat): a request on one line, the
 * start-up record with its routes under it, anything else as its message. Only used when a
 * person reads the log at a terminal.
 */

/** Fields the pretty line shows itself, so pino-pretty does not print them again below it. */
export const PRETTY_SHOWN_FIELDS = [
  'method',
  'path',
  'vendor',
  'operation',
  'credential',
  'scenario',
  'code',
  'status',
  'durationMs',
  'latencyMs',
  'fault',
  'throttled',
  'requestId',
  'journalId',
  'url',
  'address',
  'version',
  'vendors',
  'scenarios',
  'config',
  'cors',
  'validateResponses',
  'routes',
  'scenarioFolders',
  'watchScenarios',
  'signal',
  'inFlight',
  'drainTimeoutS',
  'finished',
  'hungCut',
  'timedOut',
  'exitCode',
] as const;

/** The fields a pretty line reads (pino's record holds what the observer and the CLI logged). */
interface Shown {
  msg?: string;
  method?: string;
  path?: string;
  status?: number;
  vendor?: string | null;
  operation?: string | null;
  code?: string | null;
  scenario?: string | null;
  credential?: string | null;
  throttled?: boolean;
  fault?: string;
  requestId?: string;
  durationMs?: number;
  latencyMs?: number;
  routes?: string[];
}

export function formatPretty(record: Record<string, unknown>, messageKey: string): string {
  const log = record as Shown;
  const message = (record[messageKey] as string | undefined) ?? '';
  if (message === 'request' || message === 'admin') return requestLine(log);
  if (Array.isArray(log.routes)) return [message, ...log.routes.map((route) => `  ${route}`)].join('\n');
  return message;
}

function requestLine(log: Shown): string {
  const parts = [`${log.method} ${log.path} → ${log.status}`];
  if (log.vendor) parts.push(`${log.vendor} ${log.operation}`);
  if (log.code) parts.push(`code ${log.code}`);
  if (log.scenario) parts.push(`scenario ${log.scenario}`);
  if (log.throttled) parts.push('throttled');
  if (log.fault) parts.push(`fault ${log.fault}`);
  if (log.credential) parts.push(log.credential);
  if (log.requestId) parts.push(`id ${log.requestId}`);
  parts.push(`${log.durationMs} ms${log.latencyMs ? ` (latency ${log.latencyMs} ms)` : ''}`);
  return parts.join(' · ');
}
