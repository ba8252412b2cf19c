import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatErrors, OPERATIONS, validateAgainst, type ContractError, type OperationName } from '../contracts/index.js';
import { operationOf, readsQuery } from '../contracts/match.js';
import { readPactFile, type PactInteraction } from '../pact/pact-files.js';

/**
 * `liveness-sim contracts check-pact PACT_FILE...` (README "Pact"): each interaction of a
 * consumer's pact held to the vendor contracts, offline. The operation is found by method and path
 * and validated with the same schemas as `contracts check`; the statuses an operation answers are
 * the ones its OpenAPI document lists (default settings).
 */
export interface PactMismatch {
  file: string;
  interaction: string;
  operation: OperationName;
  part: 'request' | 'response';
  at: string;
  message: string;
}

export interface PactCheckReport {
  checked: number;
  /** Interactions that are no vendor operation, by file and description. */
  skipped: { file: string; interaction: string }[];
  mismatches: PactMismatch[];
}

export function checkPactFiles(files: readonly string[]): PactCheckReport {
  const statuses = documentedStatuses();
  const report: PactCheckReport = { checked: 0, skipped: [], mismatches: [] };
  for (const file of files) {
    for (const interaction of readPactFile(file).interactions) {
      const method = interaction.request?.method ?? 'GET';
      const operation = operationOf(method, interaction.request?.path ?? '');
      if (!operation) {
        report.skipped.push({ file, interaction: interaction.description });
        continue;
      }
      report.checked += 1;
      const push = (part: 'request' | 'response', errors: readonly ContractError[]) => {
        for (const e of errors) report.mismatches.push({ file, interaction: interaction.description, operation, part, at: e.path, message: e.message });
      };
      const request = requestOf(interaction, method);
      push('request', 'errors' in request ? request.errors : validateAgainst(OPERATIONS[operation].request, request.value).errors);
      const status = interaction.response?.status ?? 200;
      const known = statuses.get(operation) ?? [];
      if (!known.includes(status))
        push('response', [{ path: '', message: `HTTP ${status} is a status the vendor never answers here (it answers ${known.join(', ')})` }]);
      const response = bodyOf(interaction.response?.body);
      if (response !== undefined) push('response', validateAgainst(OPERATIONS[operation].response, response).errors);
    }
  }
  return report;
}

/** One line per mismatch, naming the pact, the interaction, the part and the JSON path; then a summary. */
export function formatPactReport(report: PactCheckReport): string {
  const lines = report.mismatches.map((m) => `${m.file} "${m.interaction}" (${m.operation}) ${m.part}: ${formatErrors([{ path: m.at, message: m.message }])}`);
  const skipped = report.skipped.length ? `, ${report.skipped.length} other interaction(s) skipped (no vendor operation)` : '';
  lines.push(
    report.mismatches.length
      ? `${report.mismatches.length} mismatch(es) in ${report.checked} interaction(s)${skipped}`
      : `${report.checked} interaction(s) keep the vendors' contracts${skipped}`,
  );
  return lines.join('\n');
}

/** The statuses each operation's OpenAPI document lists (contracts/openapi/). */
function documentedStatuses(): Map<OperationName, number[]> {
  const map = new Map<OperationName, number[]>();
  for (const vendor of ['fpt', 'verihubs', 'advance']) {
    const url = new URL(`../../../contracts/openapi/${vendor}.openapi.json`, import.meta.url);
    const doc = JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(methods)) {
        const operation = operationOf(method, path.replace('{region}', 'intl'));
        if (!operation || !op.responses) continue;
        const list = map.get(operation) ?? [];
        for (const code of Object.keys(op.responses)) if (!list.includes(Number(code))) list.push(Number(code));
        map.set(operation, list.sort());
      }
  }
  return map;
}

type Read = { value: unknown } | { errors: ContractError[] };

/** A pact body: V4 `{content, contentType, encoded}`, or V2/V3's body as is. */
function bodyOf(body: unknown): unknown {
  if (body !== null && typeof body === 'object' && 'content' in body && ('contentType' in body || 'encoded' in body)) {
    const { content, encoded } = body as { content: unknown; encoded?: unknown };
    if (typeof content === 'string' && encoded !== false && encoded !== undefined) return Buffer.from(content, 'base64').toString('latin1');
    if (typeof content === 'string') {
      try {
        return JSON.parse(content) as unknown;
      } catch {
        return content;
      }
    }
    return content;
  }
  return body;
}

function requestOf(interaction: PactInteraction, method: string): Read {
  const request = interaction.request ?? {};
  if (readsQuery(method)) {
    const query = request.query as Record<string, string | string[]> | undefined;
    return { value: Object.fromEntries(Object.entries(query ?? {}).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value])) };
  }
  const body = bodyOf(request.body);
  if (body === undefined) return { value: {} };
  if (typeof body === 'string') {
    const boundary = /^--([^\r\n]+)\r?\n/.exec(body)?.[1];
    if (boundary) return { value: multipartParts(body, boundary) };
    return { errors: [{ path: '', message: `is not JSON or a multipart form: ${body.slice(0, 60)}` }] };
  }
  return { value: body };
}

/** A form's parts by name: a file part is its file name (as `contracts check` reads a HAR's). */
function multipartParts(body: string, boundary: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const chunk of body.split(`--${boundary}`)) {
    const head = /^\r?\n([\s\S]*?)\r?\n\r?\n([\s\S]*)$/.exec(chunk);
    const name = head && /name="([^"]*)"/.exec(head[1]!)?.[1];
    if (!head || name == null) continue;
    const filename = /filename="([^"]*)"/.exec(head[1]!)?.[1];
    parts[name] = filename ?? head[2]!.replace(/\r?\n$/, '');
  }
  return parts;
}
