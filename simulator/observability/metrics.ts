import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of one simulator (README "Logs and metrics"), in a registry of its own, so
 * two simulators in one process (a test suite) never mix their counts. Labels come from small
 * fixed sets (STYLE "Metrics in base units, low-cardinality labels"): vendors, route names,
 * loaded scenario ids, the vendors' codes, statuses; never a credential, an id or a path.
 */
export interface RequestMetrics {
  /** One answered request; `none` where a label does not apply (the admin API, an unknown path). */
  count(vendor: string, operation: string, scenario: string, outcome: string, status: number, seconds: number): void;
}

/** What the gauges read when scraped (nothing is counted for them on the request path). */
export interface MetricsSources {
  journalSize(): number;
  journalCapacity: number;
  scenarioCount(): number;
  inFlight(): number;
}

export interface SimulatorMetrics extends RequestMetrics {
  /** A scenario reload (a file change, an admin call) went through, or was refused. */
  scenarioReload(trigger: 'files' | 'admin', result: 'ok' | 'failed'): void;
  /** The exposition text: this simulator's metrics, then the process's (prom-client's defaults). */
  render(): Promise<string>;
  readonly contentType: string;
  readonly registry: Registry;
}

/** Seconds: a simulator answers in milliseconds, scenarios add latency up to minutes. */
const DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export function createMetrics(sources: MetricsSources): SimulatorMetrics {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Counter({
    name: 'liveness_sim_requests_total',
    help: 'Requests answered, by vendor, operation (route name), scenario (a loaded id, or none), outcome (the vendor code, or none) and HTTP status.',
    labelNames: ['vendor', 'operation', 'scenario', 'outcome', 'status'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'liveness_sim_request_duration_seconds',
    help: 'Time from a request arriving to its answer written (scenario latency included), by vendor and operation.',
    labelNames: ['vendor', 'operation'] as const,
    buckets: DURATION_BUCKETS,
    registers,
  });
  const reloads = new Counter({
    name: 'liveness_sim_scenario_reloads_total',
    help: 'Scenario set changes, by trigger (files: a scenario folder changed; admin: runtime scenarios) and result (ok, or failed: the last good set kept serving).',
    labelNames: ['trigger', 'result'] as const,
    registers,
  });
  // Every series exists from the start, so a rate() or an alert on "failed" has something to read.
  for (const trigger of ['files', 'admin']) for (const result of ['ok', 'failed']) reloads.inc({ trigger, result }, 0);
  new Gauge({
    name: 'liveness_sim_requests_in_flight',
    help: 'Requests arrived and not yet answered.',
    registers,
    collect() {
      this.set(sources.inFlight());
    },
  });
  new Gauge({
    name: 'liveness_sim_journal_entries',
    help: 'Requests kept in the journal (GET /__sim/requests).',
    registers,
    collect() {
      this.set(sources.journalSize());
    },
  });
  new Gauge({ name: 'liveness_sim_journal_capacity', help: 'The most requests the journal keeps (journalCapacity).', registers }).set(sources.journalCapacity);
  new Gauge({
    name: 'liveness_sim_scenarios_loaded',
    help: 'Scenarios loaded (shipped, folders, runtime).',
    registers,
    collect() {
      this.set(sources.scenarioCount());
    },
  });
  const processMetrics = processRegistry();

  return {
    registry,
    contentType: registry.contentType,
    count(vendor, operation, scenario, outcome, status, seconds) {
      requests.inc({ vendor, operation, scenario, outcome, status });
      duration.observe({ vendor, operation }, seconds);
    },
    scenarioReload(trigger, result) {
      reloads.inc({ trigger, result });
    },
    async render() {
      const [own, process] = await Promise.all([registry.metrics(), processMetrics.metrics()]);
      return `${own.trimEnd()}\n\n${process}`;
    },
  };
}

let processDefaults: Registry | undefined;

/**
 * prom-client's process metrics (CPU, memory, event loop lag, GC, handles) describe the process,
 * not a simulator: collected once per process, in their own registry, and shown by every
 * simulator's endpoint (collecting them per simulator would start a monitor each time).
 */
function processRegistry(): Registry {
  if (processDefaults === undefined) {
    processDefaults = new Registry();
    collectDefaultMetrics({ register: processDefaults });
  }
  return processDefaults;
}
