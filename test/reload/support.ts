import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../simulator/server.js';
import type { ScenarioReload } from '../../simulator/scenarios/scenario-set.js';

/** A temporary scenario folder with these files (path → text). */
export function scenarioFolder(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'sim-reload-'));
  for (const [name, text] of Object.entries(files)) writeFile(dir, name, text);
  return dir;
}

export function writeFile(dir: string, name: string, text: string): void {
  mkdirSync(dirname(join(dir, name)), { recursive: true });
  writeFileSync(join(dir, name), text);
}

export const removeFolder = (dir: string) => rmSync(dir, { recursive: true, force: true });

/** A Verihubs scenario file's text. */
export const verihubsScenario = (name: string, outcome: string, extra = '') => `version: 1\nid: verihubs/${name}\noutcome: ${outcome}\n${extra}`;

export interface ReloadingSimulator extends RunningSimulator {
  reloads: ScenarioReload[];
}

/** The real server on a free loopback port, the reloads it reports collected. */
export async function startWatching(dirs: string[], options: SimulatorOptions = {}): Promise<ReloadingSimulator> {
  const reloads: ScenarioReload[] = [];
  const sim = await startSimulator({ port: 0, scenarioDirs: dirs, onScenarioReload: (reload) => reloads.push(reload), ...options });
  return Object.assign(sim, { reloads });
}

/** Polls until `check` returns a value other than undefined/false, within a generous bound. */
export async function until<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A Verihubs liveness call answered by the scenario `id` (X-Sim-Scenario). */
export async function askVerihubs(url: string, id: string): Promise<{ status: number; body: any; contentType: string }> {
  const response = await fetch(`${url}/v1/face/liveness`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'app-id': 'team-app', 'api-key': 'team-key', 'x-sim-scenario': id },
    body: JSON.stringify({ image: 'LIVE_PERSON_A_1' }),
  });
  return { status: response.status, body: await response.json(), contentType: response.headers.get('content-type') ?? '' };
}

/** GET /__sim/scenarios as a map by id. */
export async function listed(url: string): Promise<Map<string, { id: string; description: string; outcomes: string[]; source: string }>> {
  const response = await fetch(`${url}/__sim/scenarios`);
  const { scenarios } = (await response.json()) as { scenarios: { id: string; description: string; outcomes: string[]; source: string }[] };
  return new Map(scenarios.map((s) => [s.id, s]));
}
