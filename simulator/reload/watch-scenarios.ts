import { statSync, watch, type FSWatcher } from 'node:fs';
import type { ScenarioReload, ScenarioSet } from '../scenarios/scenario-set.js';
import type { Scenario } from '../scenarios/types.js';

/**
 * Hot reload of the user's scenario folders (README "Scenarios"), the Node-only edge of the
 * scenario set: each folder is watched recursively; a burst of events (an editor's save is
 * several: a temporary file, a rename, a change) becomes one reload after `debounceMs` of
 * quiet; the reload loads and validates the whole set exactly as at start (`load`) and swaps
 * it in whole, or refuses it and the last good set keeps serving. A folder that disappears
 * (deleted, or replaced by a rename) is looked for again every `retryMs` and watched anew.
 * The shipped catalogue is never watched: it does not change under a running simulator.
 */
export interface ScenarioWatchOptions {
  /** The user's folders (not the shipped one). */
  folders: readonly string[];
  /** Loads and validates the whole set, as at start. */
  load: () => { scenarios: Scenario[]; errors: string[] };
  set: ScenarioSet;
  /** Quiet time after the last event before reloading (default 150 ms). */
  debounceMs?: number;
  /** A stream of events reloads at least this often (default 1000 ms). */
  maxDelayMs?: number;
  /** How often a missing folder is looked for (default 500 ms). */
  retryMs?: number;
}

export interface ScenarioWatcher {
  /** Reloads now, as an event would. */
  reload(): ScenarioReload | undefined;
  close(): void;
}

interface Watched {
  folder: string;
  watcher?: FSWatcher;
  /** dev:ino of the folder watched: a folder replaced under its name is a new one. */
  identity?: string;
  retry?: NodeJS.Timeout;
}

export function watchScenarioFolders(options: ScenarioWatchOptions): ScenarioWatcher {
  const { set, load } = options;
  const debounceMs = options.debounceMs ?? 150;
  const maxDelayMs = options.maxDelayMs ?? 1000;
  const retryMs = options.retryMs ?? 500;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let firstEventAt: number | undefined;
  /** The problems of the last refused reload: the same ones again are not logged twice. */
  let refused: string | undefined;

  const watched: Watched[] = options.folders.map((folder) => ({ folder }));
  for (const entry of watched) attach(entry);

  function identityOf(folder: string): string | undefined {
    try {
      const stat = statSync(folder);
      return stat.isDirectory() ? `${stat.dev}:${stat.ino}` : undefined;
    } catch {
      return undefined;
    }
  }

  function attach(entry: Watched): void {
    const identity = identityOf(entry.folder);
    if (identity === undefined) return lookAgain(entry);
    try {
      entry.watcher = watch(entry.folder, { recursive: true, persistent: false }, schedule);
      entry.watcher.on('error', () => {
        detach(entry);
        lookAgain(entry);
        schedule();
      });
      entry.identity = identity;
    } catch {
      lookAgain(entry);
    }
  }

  function detach(entry: Watched): void {
    entry.watcher?.close();
    entry.watcher = undefined;
    entry.identity = undefined;
  }

  function lookAgain(entry: Watched): void {
    if (closed || entry.retry) return;
    entry.retry = setInterval(() => {
      if (identityOf(entry.folder) === undefined) return;
      clearInterval(entry.retry);
      entry.retry = undefined;
      attach(entry);
      schedule();
    }, retryMs);
    entry.retry.unref();
  }

  function schedule(): void {
    if (closed) return;
    const now = Date.now();
    firstEventAt ??= now;
    clearTimeout(timer);
    timer = setTimeout(reload, Math.max(0, Math.min(debounceMs, firstEventAt + maxDelayMs - now)));
    timer.unref();
  }

  function reload(): ScenarioReload | undefined {
    clearTimeout(timer);
    firstEventAt = undefined;
    if (closed) return undefined;
    for (const entry of watched) {
      if (entry.watcher && identityOf(entry.folder) !== entry.identity) {
        detach(entry);
        attach(entry);
      }
    }
    let loaded: { scenarios: Scenario[]; errors: string[] };
    try {
      loaded = load();
    } catch (error) {
      loaded = { scenarios: [], errors: [`cannot load the scenario folders: ${(error as Error).message}`] };
    }
    if (loaded.errors.length > 0) {
      const key = loaded.errors.join('\n');
      if (key === refused) return undefined;
      refused = key;
      return set.refuse('files', loaded.errors);
    }
    const wasRefused = refused !== undefined;
    refused = undefined;
    return set.replaceFiles(loaded.scenarios, { always: wasRefused });
  }

  return {
    reload,
    close() {
      closed = true;
      clearTimeout(timer);
      for (const entry of watched) {
        detach(entry);
        clearInterval(entry.retry);
      }
    },
  };
}
