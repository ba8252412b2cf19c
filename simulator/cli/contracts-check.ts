import { readFileSync } from 'node:fs';
import { formatErrors, isOperationName, OPERATIONS, validateAgainst, type ContractError, type OperationName } from '../contracts/index.js';
import { operationOf, readsQuery } from '../contracts/match.js';
import type { SchemaName } from '../contracts/schemas.js';

/**
 * `liveness-sim contracts check FILE...`: recorded real traffic (a HAR file, or one JSON body with
 * --operation) held to the vendor contracts in contracts/. Node-only (reads files); the matching
 * and validation are the browser-safe simulator/contracts.
 */
export interface Mismatch {
  file: string;
  /** 1-based entry of a HAR file; null for a plain body. */
  exchange: number | null;
  method: string | null;
  path: string | null;
  operation: OperationName;
  part: 'request' | 'response';
  at: string;
  message: string;
}

export interface CheckReport {
  checked: number;
  /** Exchanges that are no vendor operation (other traffic in the HAR), by file and entry. */
  skipped: { file: string; exchange: number; method: string; url: string }[];
  mismatches: Mismatch[];
}

export class CheckUsageError extends Error {}

interface HarEntry {
  request?: {
    method?: string;
    url?: string;
    queryString?: { name: string; value: string }[];
    postData?: { mimeType?: string; text?: string; params?: { name: string; value?: string; fileName?: string }[] };
  };
  response?: { content?: { text?: string; encoding?: string; mimeType?: string } };
}

export interface CheckOptions {
  /** What a plain JSON body is (`--operation`); a HAR's exchanges are found by method and path. */
  operation?: string;
  /** Whether a plain JSON body is the operation's request or its response (`--as`; default response). */
  as?: string;
  /**
   * `--verihubs-typing any`: an account with a switched `typing.*` setting (Verihubs README,
   * Settings) answers other JSON types; hold its success bodies to the any-typing schema instead.
   */
  verihubsTyping?: string;
}

const PARTS = ['request', 'response'] as const;
const VERIHUBS_TYPINGS = ['default', 'any'] as const;

export function checkFiles(files: readonly string[], options: CheckOptions = {}): CheckReport {
  const { operation, as = 'response', verihubsTyping = 'default' } = options;
  if (operation !== undefined && !isOperationName(operation))
    throw new CheckUsageError(`--operation "${operation}": one of ${Object.keys(OPERATIONS).join(', ')}`);
  if (!(PARTS as readonly string[]).includes(as)) throw new CheckUsageError(`--as "${as}": request or response`);
  if (!(VERIHUBS_TYPINGS as readonly string[]).includes(verihubsTyping))
    throw new CheckUsageError(`--verihubs-typing "${verihubsTyping}": default or any (any: an account with a switched typing.* setting)`);
  const schemaOf = (op: OperationName, part: 'request' | 'response'): SchemaName =>
    op === 'verihubs.liveness' && part === 'response' && verihubsTyping === 'any' ? 'verihubs/liveness.response.any-typing' : OPERATIONS[op][part];
  const report: CheckReport = { checked: 0, skipped: [], mismatches: [] };
  for (const file of files) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new CheckUsageError(`${file}: ${(error as Error).message.split('\n')[0]} (a HAR file or a JSON body)`);
    }
    const entries = (parsed as { log?: { entries?: unknown } } | null)?.log?.entries;
    if (Array.isArray(entries)) checkHar(file, entries as HarEntry[], report, schemaOf);
    else if (operation === undefined)
      throw new CheckUsageError(`${file}: not a HAR file; a plain JSON body needs --operation (${Object.keys(OPERATIONS).join(', ')})`);
    else {
      report.checked += 1;
      const part = as as 'request' | 'response';
      push(report, { file, exchange: null, method: null, path: null, operation }, part, validateAgainst(schemaOf(operation, part), parsed).errors);
    }
  }
  return report;
}

function checkHar(file: string, entries: HarEntry[], report: CheckReport, schemaOf: (op: OperationName, part: 'request' | 'response') => SchemaName): void {
  entries.forEach((entry, index) => {
    const method = entry.request?.method ?? 'GET';
    const url = entry.request?.url ?? '';
    let path: string;
    try {
      path = new URL(url).pathname;
    } catch {
      path = url.split('?')[0] ?? '';
    }
    const operation = operationOf(method, path);
    if (!operation) {
      report.skipped.push({ file, exchange: index + 1, method, url });
      return;
    }
    report.checked += 1;
    const where = { file, exchange: index + 1, method, path, operation };
    const request = requestOf(entry, method, url);
    if ('errors' in request) push(report, where, 'request', request.errors);
    else push(report, where, 'request', validateAgainst(schemaOf(operation, 'request'), request.value).errors);
    const response = responseOf(entry);
    if ('errors' in response) push(report, where, 'response', response.errors);
    else push(report, where, 'response', validateAgainst(schemaOf(operation, 'response'), response.value).errors);
  });
}

type Read = { value: unknown } | { errors: ContractError[] };

function requestOf(entry: HarEntry, method: string, url: string): Read {
  if (readsQuery(method)) {
    const query = entry.request?.queryString ?? [...safeUrl(url).searchParams].map(([name, value]) => ({ name, value }));
    return { value: Object.fromEntries(query.map((q) => [q.name, q.value])) };
  }
  const post = entry.request?.postData;
  if (post?.params && /multipart\/form-data/i.test(post.mimeType ?? '')) {
    // A form's parts by name: a file part is its file name (a HAR keeps no file bytes).
    return { value: Object.fromEntries(post.params.map((p) => [p.name, p.fileName ?? p.value ?? ''])) };
  }
  if (!post?.text) return { value: {} };
  try {
    return { value: JSON.parse(post.text) };
  } catch {
    return { errors: [{ path: '', message: `is not JSON (${post.mimeType ?? 'no type'}): ${post.text.slice(0, 60)}` }] };
  }
}

function responseOf(entry: HarEntry): Read {
  const content = entry.response?.content;
  if (content?.text === undefined) return { errors: [{ path: '', message: 'no response body was recorded (export the HAR "with content")' }] };
  const text = content.encoding === 'base64' ? Buffer.from(content.text, 'base64').toString('utf8') : content.text;
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { errors: [{ path: '', message: `is not JSON (${content.mimeType ?? 'no type'}): ${text.slice(0, 60)}` }] };
  }
}

function safeUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    return new URL(url, 'http://unknown');
  }
}

function push(report: CheckReport, where: Omit<Mismatch, 'part' | 'at' | 'message'>, part: 'request' | 'response', errors: readonly ContractError[]): void {
  for (const e of errors) report.mismatches.push({ ...where, part, at: e.path, message: e.message });
}

/** One line per mismatch, each naming the exchange, the part and the JSON path; then a summary. */
export function formatReport(report: CheckReport): string {
  const lines = report.mismatches.map((m) => {
    const exchange = m.exchange === null ? m.file : `${m.file} #${m.exchange} ${m.method} ${m.path}`;
    return `${exchange} (${m.operation}) ${m.part}: ${formatErrors([{ path: m.at, message: m.message }])}`;
  });
  const skipped = report.skipped.length ? `, ${report.skipped.length} other exchange(s) skipped (no vendor operation)` : '';
  lines.push(
    report.mismatches.length
      ? `${report.mismatches.length} mismatch(es) in ${report.checked} exchange(s)${skipped}`
      : `${report.checked} exchange(s) keep their contracts${skipped}`,
  );
  return lines.join('\n');
}
