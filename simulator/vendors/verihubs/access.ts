import type { SimRequest } from '../../engine/types.js';
import type { Partition } from '../../engine/store.js';
import type { VerihubsSettings } from './settings.js';

/**
 * Who may call, and how often. verihubs.md "Route and headers": App-ID and API-Key are both
 * required (header names are case-insensitive: SimRequest lower-cases them); a missing or unknown
 * pair is 401; with no credentials configured any non-empty pair is accepted.
 */
export function appIdOf(req: SimRequest): string | undefined {
  return req.headers['app-id']?.trim() || undefined;
}

export function isAuthorized(req: SimRequest, settings: Pick<VerihubsSettings, 'credentials'>): boolean {
  const appId = appIdOf(req);
  const apiKey = req.headers['api-key']?.trim() || undefined;
  if (appId === undefined || apiKey === undefined) return false;
  return settings.credentials.length === 0 || settings.credentials.some((c) => c.appId === appId && c.apiKey === apiKey);
}

/**
 * Testing mode's quota (seed 001: INSUFFICIENT_QUOTA_LIVENESS "only appears on testing mode").
 * Decision: a call is used up when it is answered HTTP 200 (a result, FAIL_ON included: the
 * billable answers); the counter lives in the credential's state, so the admin reset refills it.
 */
const USED = 'quota.liveness.used';

export function quotaExhausted(state: Partition, settings: Pick<VerihubsSettings, 'testingMode' | 'testingQuota'>): boolean {
  return settings.testingMode && (state.get<number>(USED) ?? 0) >= settings.testingQuota;
}

export function useQuota(state: Partition, settings: Pick<VerihubsSettings, 'testingMode'>): void {
  if (settings.testingMode) state.set(USED, (state.get<number>(USED) ?? 0) + 1);
}
