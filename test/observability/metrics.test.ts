import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { removeFolder, scenarioFolder, until, verihubsScenario, writeFile } from '../reload/support.js';
import { SECRETS, SETTINGS, sendTraffic, type Expected } from './traffic.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)$`);
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/y;

/**
 * Prometheus' text format (0.0.4), strictly: every line a HELP, a TYPE or a sample; every sample
 * of a family whose TYPE came before it (histograms' _bucket, _sum, _count included).
 */
function parseExposition(text: string): Sample[] {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const comment = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (comment) {
      if (comment[1] === 'TYPE') {
        expect(['counter', 'gauge', 'histogram', 'summary', 'untyped'], line).toContain(comment[3]);
        expect(types.has(comment[2]!), `${comment[2]} declared twice`).toBe(false);
        types.set(comment[2]!, comment[3]!);
      }
      continue;
    }
    const found = SAMPLE.exec(line);
    expect(found, `not a sample line: ${line}`).not.toBeNull();
    const [, name, labelText = '', value] = found!;
    const labels: Record<string, string> = {};
    LABEL.lastIndex = 0;
    while (LABEL.lastIndex < labelText.length) {
      const label = LABEL.exec(labelText);
      expect(label, `bad labels: ${line}`).not.toBeNull();
      labels[label![1]!] = label![2]!;
    }
    const family = types.has(name!) ? name! : name!.replace(/_(bucket|sum|count)$/, '');
    expect(types.has(family), `no TYPE before ${name}`).toBe(true);
    // Prometheus reads values with Go's ParseFloat: NaN and Inf in any case (prom-client writes "Nan").
    expect(Number.isNaN(Number(value)) && !/^(nan|[+-]?inf)$/i.test(value!), line).toBe(false);
    samples.push({ name: name!, labels, value: Number(value) });
  }
  return samples;
}

async function scrape(sim: RunningSimulator): Promise<Sample[]> {
  const response = await fetch(`${sim.url}/__sim/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parseExposition(await response.text());
}

const valueOf = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);

/** The label set a request is counted under, from what it was logged as. */
const labelsOf = (e: Expected) => ({
  vendor: e.vendor ?? 'none',
  operation: e.operation ?? 'none',
  scenario: e.scenario ?? 'none',
  outcome: e.code ?? 'none',
  status: String(e.status),
});

describe('metrics at GET /__sim/metrics', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    // Reloads are counted here; their log lines (stderr without a logger) would only clutter the test output.
    sim = await startSimulator({ port: 0, settings: SETTINGS, adminToken: SECRETS.adminToken, onScenarioReload: () => {} });
  });
  afterAll(() => sim.close());

  it('are open without the admin token, which the rest of the admin API needs', async () => {
    expect((await fetch(`${sim.url}/__sim/metrics`)).status).toBe(200);
    expect((await fetch(`${sim.url}/__sim/requests`)).status).toBe(401);
  });

  it('count each request once under its vendor, operation, scenario, outcome and status, and time it', async () => {
    const before = await scrape(sim);
    const { expected } = await sendTraffic(sim.url);
    const after = await scrape(sim);

    const sent = new Map<string, { labels: ReturnType<typeof labelsOf>; count: number }>();
    for (const e of expected) {
      const labels = labelsOf(e);
      const key = JSON.stringify(labels);
      sent.set(key, { labels, count: (sent.get(key)?.count ?? 0) + 1 });
    }
    for (const { labels, count } of sent.values()) {
      const moved = valueOf(after, 'liveness_sim_requests_total', labels) - valueOf(before, 'liveness_sim_requests_total', labels);
      expect(moved, JSON.stringify(labels)).toBe(count);
    }
    // Nothing else moved: the vendor requests and the 404 are all that was sent (the scrapes are not counted).
    expect(valueOf(after, 'liveness_sim_requests_total') - valueOf(before, 'liveness_sim_requests_total')).toBe(expected.length);

    for (const vendor of ['fpt', 'verihubs', 'advance', 'none']) {
      const forVendor = expected.filter((e) => (e.vendor ?? 'none') === vendor);
      for (const operation of new Set(forVendor.map((e) => e.operation ?? 'none'))) {
        const labels = { vendor, operation };
        const count = forVendor.filter((e) => (e.operation ?? 'none') === operation).length;
        const timed =
          valueOf(after, 'liveness_sim_request_duration_seconds_count', labels) - valueOf(before, 'liveness_sim_request_duration_seconds_count', labels);
        expect(timed, JSON.stringify(labels)).toBe(count);
        const inf = { ...labels, le: '+Inf' };
        expect(valueOf(after, 'liveness_sim_request_duration_seconds_bucket', inf) - valueOf(before, 'liveness_sim_request_duration_seconds_bucket', inf)).toBe(
          count,
        );
        expect(valueOf(after, 'liveness_sim_request_duration_seconds_sum', labels)).toBeGreaterThan(
          valueOf(before, 'liveness_sim_request_duration_seconds_sum', labels),
        );
      }
    }
    // No label carries a credential, an id or a path.
    const labelValues = after.flatMap((s) => Object.values(s.labels));
    for (const leak of [SECRETS.fptKey, 'team-a', 'team-a-app', 'team-a-access', '/dmp/liveness/v3', '/no/such/route'])
      expect(labelValues, leak).not.toContain(leak);
  });

  it('gauge the journal, the scenarios and the requests in flight; reloads start at zero; the process metrics are there', async () => {
    const admin = { headers: { 'X-Sim-Admin-Token': SECRETS.adminToken } };
    const { count } = (await (await fetch(`${sim.url}/__sim/requests/count`, admin)).json()) as { count: number };
    const samples = await scrape(sim);
    expect(valueOf(samples, 'liveness_sim_journal_entries')).toBe(count);
    expect(valueOf(samples, 'liveness_sim_journal_capacity')).toBe(1000);
    expect(valueOf(samples, 'liveness_sim_scenarios_loaded')).toBe(sim.engine.scenarios().size);
    expect(valueOf(samples, 'liveness_sim_requests_in_flight')).toBe(0);
    expect(samples.filter((s) => s.name === 'liveness_sim_scenario_reloads_total')).toEqual(
      ['files', 'admin'].flatMap((trigger) =>
        ['ok', 'failed'].map((result) => ({ name: 'liveness_sim_scenario_reloads_total', labels: { trigger, result }, value: 0 })),
      ),
    );
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds'])
      expect(
        samples.some((s) => s.name === name),
        name,
      ).toBe(true);
  });

  it('counts scenario reloads of a watched folder: a good file ok, a broken one failed', async () => {
    const dir = scenarioFolder({ 'a.yaml': verihubsScenario('team-a', 'not-live') });
    const watching = await startSimulator({ port: 0, scenarioDirs: [dir], onScenarioReload: () => {} });
    const reloads = async (result: string) => valueOf(await scrape(watching), 'liveness_sim_scenario_reloads_total', { trigger: 'files', result });
    try {
      writeFile(dir, 'b.yaml', verihubsScenario('team-b', 'not-live'));
      await until(async () => (await reloads('ok')) === 1, 'the good reload counted');
      writeFile(dir, 'c.yaml', 'version: 1\nid: verihubs/broken\noutcome: no-such-outcome\n');
      await until(async () => (await reloads('failed')) === 1, 'the refused reload counted');
      expect(await reloads('ok')).toBe(1);
      expect(valueOf(await scrape(watching), 'liveness_sim_scenarios_loaded')).toBe(watching.engine.scenarios().size);
    } finally {
      await watching.close();
      removeFolder(dir);
    }
  });

  it('counts runtime scenario changes through the admin API: one added ok, one refused failed', async () => {
    const reloads = async (result: string) => valueOf(await scrape(sim), 'liveness_sim_scenario_reloads_total', { trigger: 'admin', result });
    const [okBefore, failedBefore] = [await reloads('ok'), await reloads('failed')];
    const post = (body: unknown) =>
      fetch(`${sim.url}/__sim/scenarios`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Sim-Admin-Token': SECRETS.adminToken },
        body: JSON.stringify(body),
      });
    expect((await post({ version: 1, id: 'verihubs/metrics-runtime', outcome: 'not-live' })).status).toBe(201);
    expect((await post({ version: 1, id: 'verihubs/metrics-broken', outcome: 'no-such-outcome' })).status).toBe(400);
    expect(await reloads('ok')).toBe(okBefore + 1);
    expect(await reloads('failed')).toBe(failedBefore + 1);
  });

  it('a request naming an unknown scenario is counted under scenario "none", never under the name it sent', async () => {
    const before = await scrape(sim);
    const response = await fetch(`${sim.url}/v1/face/liveness`, {
      method: 'POST',
      headers: { 'App-ID': 'team-a-app', 'API-Key': SECRETS.verihubsApiKey, 'Content-Type': 'application/json', 'X-Sim-Scenario': 'verihubs/made-up' },
      body: '{"image":"LIVE_PERSON_A_1"}',
    });
    expect(response.status).toBe(400);
    const after = await scrape(sim);
    const labels = { vendor: 'none', operation: 'none', scenario: 'none', outcome: 'none', status: '400' };
    expect(valueOf(after, 'liveness_sim_requests_total', labels) - valueOf(before, 'liveness_sim_requests_total', labels)).toBe(1);
    expect(after.some((s) => Object.values(s.labels).includes('verihubs/made-up'))).toBe(false);
  });

  it('each simulator counts its own requests, even two in one process', async () => {
    const other = await startSimulator({ port: 0 });
    try {
      const before = valueOf(await scrape(sim), 'liveness_sim_requests_total');
      await fetch(`${other.url}/no/such/route`);
      expect(valueOf(await scrape(other), 'liveness_sim_requests_total')).toBe(1);
      expect(valueOf(await scrape(sim), 'liveness_sim_requests_total')).toBe(before);
    } finally {
      await other.close();
    }
  });
});
