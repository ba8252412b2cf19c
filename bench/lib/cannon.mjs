// Load from autocannon (a devDependency; in this process): `connections` keep-alive connections,
// each sending its next request when the previous answer is in, for `seconds`.
import autocannon from 'autocannon';
import { round } from './stats.mjs';

/**
 * @param {{ url: string, requests: { method: string, path: string, headers: object, body: Buffer }[],
 *   connections?: number, seconds?: number, amount?: number }} options
 */
export async function fire({ url, requests, connections = 50, seconds = 5, amount }) {
  const result = await autocannon({
    url,
    connections,
    ...(amount ? { amount } : { duration: seconds }),
    requests: requests.map(({ method, path, headers, body }) => ({ method, path, headers, body })),
    // A request that gets no answer in 30 s is an error, not a hang of the bench.
    timeout: 30,
  });
  const answered = result['2xx'] + result.non2xx;
  return {
    requests: answered,
    seconds: round(result.duration, 2),
    rps: round(answered / result.duration, 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
