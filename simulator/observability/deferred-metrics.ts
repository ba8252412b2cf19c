import type { MetricsSources, RequestMetrics, SimulatorMetrics } from './metrics.js';

/** What the server holds: the metrics, counted from the first request, prom-client loaded later. */
export interface DeferredMetrics extends RequestMetrics {
  scenarioReload(trigger: 'files' | 'admin', result: 'ok' | 'failed'): void;
  /** The exposition text; loads prom-client first if it is not yet. */
  render(): Promise<string>;
  readonly contentType: string;
  /** Loads prom-client and hands it what was counted meanwhile (idempotent). */
  load(): Promise<SimulatorMetrics>;
}

/** Prometheus' text format, as prom-client's Registry names it. */
const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

type Counted = [vendor: string, operation: string, scenario: string, outcome: string, status: number, seconds: number];

/**
 * prom-client takes longer to load than pino, or Express (100-290 ms on a busy 2-core machine;
 * issue 13: start-up), and nothing needs it before the first scrape. So the server listens and
 * answers first; what is counted before prom-client is loaded waits in a list (a second's worth:
 * the server calls `load` a second after it listens, a scrape at once) and is replayed, so every
 * request is counted exactly once.
 */
export function deferMetrics(sources: MetricsSources): DeferredMetrics {
  let loaded: SimulatorMetrics | undefined;
  let loading: Promise<SimulatorMetrics> | undefined;
  let waiting: Counted[] = [];
  let reloads: [trigger: 'files' | 'admin', result: 'ok' | 'failed'][] = [];

  function load(): Promise<SimulatorMetrics> {
    loading ??= import('./metrics.js').then(({ createMetrics }) => {
      const metrics = createMetrics(sources);
      for (const counted of waiting) metrics.count(...counted);
      for (const [trigger, result] of reloads) metrics.scenarioReload(trigger, result);
      waiting = [];
      reloads = [];
      loaded = metrics;
      return metrics;
    });
    return loading;
  }

  return {
    contentType: PROMETHEUS_CONTENT_TYPE,
    load,
    count(vendor, operation, scenario, outcome, status, seconds) {
      if (loaded) loaded.count(vendor, operation, scenario, outcome, status, seconds);
      else waiting.push([vendor, operation, scenario, outcome, status, seconds]);
    },
    scenarioReload(trigger, result) {
      if (loaded) loaded.scenarioReload(trigger, result);
      else reloads.push([trigger, result]);
    },
    render: async () => (await load()).render(),
  };
}
