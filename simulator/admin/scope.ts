import type { CredentialScope, Engine } from '../engine/engine.js';
import type { CredentialMatch } from '../engine/journal.js';
import { problemResponse } from '../engine/problem.js';
import { VENDOR_IDS, type Result, type SimResponse, type VendorId } from '../engine/types.js';
import { badRequest } from './input.js';

/**
 * Whom an admin call concerns. The HTTP admin API is a shared sidecar (README "Sharing one
 * simulator between teams"): a call that changes something names its scope, a credential (the key
 * or its label) or "*" for everyone, and an absent one is refused, never read as "everyone". A read
 * takes the credential as an optional filter.
 */
export const EVERYONE = '*';

/** Where the scope was looked for: a POST's JSON body, or a DELETE's query string. */
type Source = 'body' | 'query';

const CREDENTIAL_KINDS = 'an FPT api key or its label, a Verihubs App-ID, an ADVANCE.AI access key';

/** The scope of a state-changing call: `credential` (required) and `vendor` (optional, only with a credential). */
export function scopeFrom(values: Record<string, unknown>, source: Source): Result<CredentialScope, SimResponse> {
  const credential = credentialFrom(values, source);
  if (!credential.ok) return credential;
  const vendor = vendorFrom(values.vendor);
  if (!vendor.ok) return vendor;
  if (credential.value === EVERYONE) {
    if (vendor.value !== undefined) return { ok: false, error: badRequest('vendor', `only with one credential; "${EVERYONE}" already means every vendor's`) };
    return { ok: true, value: EVERYONE };
  }
  return { ok: true, value: vendor.value === undefined ? { credential: credential.value } : { credential: credential.value, vendor: vendor.value } };
}

/** `credential`, which must be named: a non-empty string, "*" for everyone. */
export function credentialFrom(values: Record<string, unknown>, source: Source): Result<string, SimResponse> {
  const credential = values.credential;
  if (credential === undefined || credential === null) return { ok: false, error: scopeRequired(source) };
  if (typeof credential !== 'string' || credential === '')
    return { ok: false, error: badRequest('credential', `a non-empty string (${CREDENTIAL_KINDS}), or "${EVERYONE}" for everyone`) };
  return { ok: true, value: credential };
}

/** The answer to a state-changing call that names no scope: how to name one. */
export function scopeRequired(source: Source): SimResponse {
  const how = source === 'body' ? '"credential" in the JSON body' : '?credential= in the query';
  return problemResponse({
    type: 'scope-required',
    title: 'Name whom this concerns',
    status: 400,
    detail:
      `[liveness-sim] field "credential": this call changes the simulator, which teams may share: name whom it concerns with ${how}, ` +
      `your credential (${CREDENTIAL_KINDS}) or "${EVERYONE}" for everyone. Nothing was changed.`,
    field: 'credential',
  });
}

/** An optional vendor id. */
export function vendorFrom(value: unknown): Result<VendorId | undefined, SimResponse> {
  if (value === undefined) return { ok: true, value: undefined };
  if (!(VENDOR_IDS as readonly unknown[]).includes(value)) return { ok: false, error: badRequest('vendor', `one of ${VENDOR_IDS.join(', ')}`) };
  return { ok: true, value: value as VendorId };
}

/**
 * A read's filter from `?credential=` (absent or "*": everyone's) and `?vendor=`: a test of a
 * vendor's credential label, or undefined for no filter by credential.
 */
export function filterFrom(engine: Engine, query: Record<string, string>): Result<{ owned?: CredentialMatch; vendor?: VendorId }, SimResponse> {
  const vendor = vendorFrom(query.vendor);
  if (!vendor.ok) return vendor;
  const credential = query.credential;
  const owned = credential === undefined || credential === EVERYONE ? undefined : engine.credentialMatch(credential, vendor.value);
  return { ok: true, value: { ...(owned && { owned }), ...(vendor.value && { vendor: vendor.value }) } };
}
