// A closed-loop load generator over global fetch (undici): `concurrency` workers, each sending
// its next request when the previous answer is read. Stops by itself at the deadline or at
// maxRequests, whichever comes first.
import { percentile, round } from './stats.mjs';

/**
 * @param {{ url: string, headers: Record<string,string>, body: Uint8Array, concurrency: number,
 *   durationMs?: number, maxRequests?: number, expectStatus?: number }} options
 */
export async function runLoad({ url, headers, body, concurrency, durationMs = 3000, maxRequests = 1_000_000, expectStatus = 200 }) {
  const latencies = [];
  const statuses = {};
  let errors = 0;
  let firstError;
  let sampleBody;
  let started = 0;
  const begin = performance.now();
  const deadline = begin + durationMs;

  async function worker() {
    while (started < maxRequests && performance.now() < deadline) {
      started++;
      const t0 = performance.now();
      try {
        const response = await fetch(url, { method: 'POST', headers, body });
        const text = await response.text();
        latencies.push(performance.now() - t0);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (response.status !== expectStatus) errors++;
        sampleBody ??= text;
      } catch (error) {
        errors++;
        firstError ??= error;
        if (errors > 100) return; // the server is gone: give up rather than spin
      }
    }
  }

  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - begin;
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    requests: latencies.length,
    errors,
    statuses,
    firstError: firstError ? String(firstError.cause ?? firstError) : undefined,
    sampleBody: sampleBody?.slice(0, 300),
    seconds: round(elapsed / 1000, 2),
    rps: round(latencies.length / (elapsed / 1000), 1),
    latencyMs: {
      mean: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length), 2),
      p50: round(percentile(latencies, 50), 2),
      p95: round(percentile(latencies, 95), 2),
      p99: round(percentile(latencies, 99), 2),
      max: round(latencies.at(-1) ?? Number.NaN, 2),
    },
  };
}
