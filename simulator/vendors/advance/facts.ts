import type { SimRequest } from '../../engine/types.js';
import { MEDIA_FOLDERS } from './media.js';
import { peekJsonObject } from './parse.js';
import { accessKeyOfToken, TOKEN_HEADER } from './token.js';

/**
 * What the engine reads from a request before the vendor runs: the credential (which state
 * partition, which armed scenarios) and the facts a scenario's `when` can match. Never throws.
 */
const TOKEN_PATH = '/openapi/auth/ticket/v1/generate-token';
const MEDIA_PREFIXES = Object.values(MEDIA_FOLDERS).map((folder) => `/${folder}/`);

/**
 * The account: the body's `accessKey` on the token request (and on the admin capture call), the
 * access key inside the X-ACCESS-TOKEN JWT (decoded, not verified) elsewhere; media URLs carry no
 * credential (their records live in the vendor-wide state).
 */
export function credentialOf(req: SimRequest): string | undefined {
  if (MEDIA_PREFIXES.some((prefix) => req.path.startsWith(prefix))) return undefined;
  const named = stringOf(peekJsonObject(req)?.accessKey) ?? (req.path.startsWith('/__sim/') ? stringOf(req.query.accessKey) : undefined);
  if (req.path.replace(/\/$/, '') === TOKEN_PATH || req.path.startsWith('/__sim/')) return named ?? accessKeyOfToken(req.headers[TOKEN_HEADER]);
  return accessKeyOfToken(req.headers[TOKEN_HEADER]);
}

/**
 * `when` facts: the ids a request names where the vendor reads them (parse.ts): the query of a GET,
 * the JSON body otherwise. E.g. `when: { livenessId: sim-live-pass }`.
 */
export const factNames = ['livenessId', 'signatureId'] as const;

export function facts(req: SimRequest): Record<string, string[]> {
  const params: Record<string, unknown> = req.method === 'GET' ? req.query : (peekJsonObject(req) ?? {});
  const pick = (name: string) => [stringOf(params[name])].filter((v): v is string => v !== undefined);
  return Object.fromEntries(factNames.map((name) => [name, pick(name)]));
}

const stringOf = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
