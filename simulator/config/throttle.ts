import { parseDuration } from '../admin/input.js';
import type { VendorId } from '../engine/types.js';
import type { AnyVendor } from '../engine/vendor.js';
import type { ThrottleRule, ThrottleRules } from '../engine/throttle.js';
import type { SettingsLayer } from './settings.js';

/**
 * `vendors.<id>.throttle: {requests, window, outcome}` (and `--set advance.throttle.requests=5`), a
 * setting every vendor has: read here, off each layer, before the vendor's own settings schema.
 *
 * Which answer: ADVANCE.AI documents its rate-limit codes, so its default is SERVICE_BUSY (with
 * `Retry-After: 10s`), or OVER_QUERY_LIMIT. FPT.AI and Verihubs document no rate-limit answer, so
 * the simulator invents none: their setting must name one of that vendor's own outcomes (e.g.
 * Verihubs `internal-server-error`, which clients retry), so a throttled call still gets a body
 * the vendor documents.
 */
const DEFAULT_OUTCOME: Partial<Record<VendorId, string>> = { advance: 'service-busy' };

export function peelThrottle(
  vendors: readonly AnyVendor[],
  layers: readonly SettingsLayer[],
  problems: string[],
): { layers: SettingsLayer[]; throttle: ThrottleRules } {
  const partial: Partial<Record<VendorId, Partial<{ requests: unknown; window: unknown; outcome: unknown }>>> = {};
  const sources: Partial<Record<VendorId, string>> = {};
  const rest = layers.map((layer) => {
    const values: Record<string, unknown> = { ...layer.values };
    for (const vendor of vendors) {
      const own = values[vendor.id];
      if (!own || typeof own !== 'object' || Array.isArray(own) || !('throttle' in own)) continue;
      const { throttle, ...others } = own as Record<string, unknown>;
      values[vendor.id] = others;
      sources[vendor.id] = layer.source;
      if (throttle === null || throttle === false) {
        delete partial[vendor.id];
        continue;
      }
      if (!throttle || typeof throttle !== 'object' || Array.isArray(throttle)) {
        problems.push(`${layer.source}: vendors.${vendor.id}.throttle: {requests, window, outcome}`);
        continue;
      }
      const unknown = Object.keys(throttle).find((k) => !['requests', 'window', 'outcome'].includes(k));
      if (unknown) problems.push(`${layer.source}: vendors.${vendor.id}.throttle.${unknown}: not a setting (known: requests, window, outcome)`);
      partial[vendor.id] = { ...partial[vendor.id], ...(throttle as Record<string, unknown>) };
    }
    return { source: layer.source, values };
  });
  const throttle: ThrottleRules = {};
  for (const vendor of vendors) {
    const given = partial[vendor.id];
    if (!given) continue;
    const rule = readRule(vendor, given, `${sources[vendor.id]}: vendors.${vendor.id}.throttle`, problems);
    if (rule) throttle[vendor.id] = rule;
  }
  return { layers: rest, throttle };
}

function readRule(
  vendor: AnyVendor,
  given: { requests?: unknown; window?: unknown; outcome?: unknown },
  at: string,
  problems: string[],
): ThrottleRule | undefined {
  const before = problems.length;
  const { requests, window = '1s', outcome = DEFAULT_OUTCOME[vendor.id] } = given;
  if (!Number.isInteger(requests) || (requests as number) < 0)
    problems.push(`${at}.requests: how many calls per window each credential may make, a whole number (0 or more)`);
  const windowMs = parseDuration(window);
  if (windowMs === undefined || windowMs < 1) problems.push(`${at}.window: milliseconds or a duration ("1s", "1m")`);
  const outcomes = Object.keys(vendor.outcomes);
  if (outcome === undefined) {
    problems.push(`${at}.outcome: ${vendor.title} documents no rate-limit answer; name the outcome a throttled call gets (one of ${outcomes.join(', ')})`);
  } else if (typeof outcome !== 'string' || !outcomes.includes(outcome)) {
    problems.push(`${at}.outcome: ${JSON.stringify(outcome)} is not a ${vendor.id} outcome (one of ${outcomes.join(', ')})`);
  }
  if (problems.length > before) return undefined;
  return { requests: requests as number, windowMs: windowMs!, outcome: outcome as string };
}
