import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A pact file as far as liveness-sim reads it (Pact specification V2 to V4). */
export interface PactFile {
  path: string;
  consumer: string;
  provider: string;
  interactions: PactInteraction[];
}

export interface PactInteraction {
  description: string;
  type?: string;
  providerStates: { name: string; params?: Record<string, unknown> }[];
  request?: { method?: string; path?: string; query?: unknown; headers?: Record<string, unknown>; body?: unknown; matchingRules?: unknown };
  response?: { status?: number; headers?: Record<string, unknown>; body?: unknown; matchingRules?: unknown };
}

/** A pact path that cannot be read as a pact (missing, not JSON, no interactions): a usage mistake. */
export class PactFileError extends Error {}

/** The pact files named: each file as is, each folder's `*.json` files (sorted, not recursive). */
export function pactFilePaths(paths: readonly string[]): string[] {
  if (paths.length === 0) throw new PactFileError('which pacts? Name pact files or folders of them');
  return paths.flatMap((path) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new PactFileError(`${path}: no such file or folder`);
    }
    if (!stat.isDirectory()) return [path];
    const files = readdirSync(path)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(path, name));
    if (files.length === 0) throw new PactFileError(`${path}: no pact files (*.json) in this folder`);
    return files;
  });
}

/** Reads one pact file; V2's `providerState` (one string) is read as one state. */
export function readPactFile(path: string): PactFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PactFileError(`${path}: not a JSON pact file (${(error as Error).message})`);
  }
  const pact = json as { consumer?: { name?: string }; provider?: { name?: string }; interactions?: unknown };
  if (typeof pact !== 'object' || pact === null || !Array.isArray(pact.interactions))
    throw new PactFileError(`${path}: not a pact file (no "interactions" list)`);
  const interactions = (pact.interactions as Record<string, unknown>[]).map((raw): PactInteraction => {
    const states = Array.isArray(raw.providerStates)
      ? (raw.providerStates as { name: string; params?: Record<string, unknown> }[])
      : typeof raw.providerState === 'string'
        ? [{ name: raw.providerState }]
        : [];
    return { ...raw, description: typeof raw.description === 'string' ? raw.description : '', providerStates: states };
  });
  return { path, consumer: pact.consumer?.name ?? '', provider: pact.provider?.name ?? '', interactions };
}
