import { utf8, webSha256, type Sha256 } from '../../engine/digest.js';
import { LruMap } from '../../engine/lru.js';
import type { Result, SimRequest } from '../../engine/types.js';
import type { Partition } from '../../engine/store.js';
import type { AuthContext, VendorContext } from '../../engine/vendor.js';
import type { ErrorOutcomeName } from './codes.js';
import { randomHex } from './ids.js';
import { findAccount, type AdvanceAccount, type AdvanceSettings } from './settings.js';

/**
 * ADVANCE.AI access tokens (advance.md §1): real HS512 JWTs that carry the access key and expire
 * on the simulator's clock. Each issued token is also recorded in the account's state, so a reset
 * forgets it ("Token not found or expired") and a token from another simulator run is refused.
 */
export const TOKEN_HEADER = 'x-access-token';

/** advance.md §1: lowercase hex SHA-256 of `accessKey + secretKey + timestamp`, no HMAC. */
export function tokenSignature(accessKey: string, secretKey: string, timestamp: string, sha256: Sha256 = webSha256): Promise<string> {
  return sha256(utf8(accessKey + secretKey + timestamp));
}

interface TokenRecord {
  expiredTime: number;
}
const tokenKey = (jti: string) => `token:${jti}`;

/**
 * The HS512 key of an account: SHA-512 of its secret (64 bytes, the size HS512 wants, however
 * short the secret). WebCrypto, so it runs in browsers too.
 */
async function signingKey(secretKey: string): Promise<Uint8Array> {
  const digest = await globalThis.crypto.subtle.digest('SHA-512', new TextEncoder().encode(`liveness-sim/advance/token\u0000${secretKey}`));
  return new Uint8Array(digest);
}

/** A new token of the account, recorded until its `expiredTime`, when the store forgets it (no scan of the other tokens). */
export async function issueToken(
  ctx: VendorContext<AdvanceSettings>,
  account: AdvanceAccount,
  periodSecond: number,
): Promise<{ token: string; expiredTime: number }> {
  const nowMs = ctx.now();
  const expiredTime = nowMs + periodSecond * 1000;
  const jti = randomHex(32);
  const { SignJWT } = await jose();
  const token = await new SignJWT({ accessKey: account.accessKey })
    .setProtectedHeader({ alg: 'HS512', typ: 'JWT' })
    .setJti(jti)
    .setIssuedAt(Math.floor(nowMs / 1000))
    .setExpirationTime(Math.ceil(expiredTime / 1000))
    .sign(await signingKey(account.secretKey));
  ctx.stateOf(account.accessKey).set(tokenKey(jti), { expiredTime } satisfies TokenRecord, { expiresAt: expiredTime });
  return { token, expiredTime };
}

/** The JWT library, loaded with the first ADVANCE.AI token call: start-up does not pay for it. */
const jose = () => import('jose');

/** The access key a token claims, unverified: only which account's key to verify it with. Never throws. */
async function claimedAccessKey(token: string): Promise<string | undefined> {
  const { decodeJwt } = await jose();
  try {
    const claim = decodeJwt(token).accessKey;
    return typeof claim === 'string' && claim !== '' ? claim : undefined;
  } catch {
    return undefined;
  }
}

export interface Authenticated {
  accessKey: string;
  state: Partition;
}

type Verdict = Result<Authenticated, ErrorOutcomeName>;

/**
 * One verification per request: the engine's gate (auth.ts) and the handler that then reads the
 * account see the same request object, so the second look costs nothing.
 */
const verdicts = new WeakMap<SimRequest, Promise<Verdict>>();

/**
 * advance.md "Conventions": X-ACCESS-TOKEN missing → "not authorized"; unknown or expired → "Token
 * not found or expired". The token names an account only once its HS512 signature verifies with
 * that account's key and the simulator's record of it still stands: a forged (`alg: none`) or
 * foreign token names nobody.
 */
export function authenticate(req: SimRequest, ctx: AuthContext<AdvanceSettings>): Promise<Verdict> {
  let verdict = verdicts.get(req);
  if (!verdict) {
    verdict = verify(req, ctx);
    verdicts.set(req, verdict);
  }
  return verdict;
}

async function verify(req: SimRequest, ctx: AuthContext<AdvanceSettings>): Promise<Verdict> {
  const token = req.headers[TOKEN_HEADER]?.trim();
  if (!token) return { ok: false, error: 'iam-no-token' };
  const refused = { ok: false as const, error: 'iam-bad-token' as const };
  const signed = await verifySignature(token, ctx);
  if (!signed) return refused;
  const { accessKey, jti } = signed;
  const account = findAccount(ctx.settings, accessKey);
  if (!account) return refused;
  const state = ctx.stateOf(accessKey);
  const record = jti === undefined ? undefined : state.get<TokenRecord>(tokenKey(jti));
  if (!record || record.expiredTime <= ctx.now()) return refused;
  if (account.disabled) return { ok: false, error: 'iam-account-disabled' };
  return { ok: true, value: { accessKey, state } };
}

interface SignedClaims {
  accessKey: string;
  /** The secret the signature was verified with: a token stays good only while its account keeps that secret. */
  secretKey: string;
  jti: string | undefined;
  /** Seconds since the epoch. */
  exp: number | undefined;
}

/**
 * Tokens whose HS512 signature verified, by token text. A client sends the same token for an hour,
 * and a signature never changes: verifying it once (a SHA-512 and an HMAC through WebCrypto, ~70 %
 * of a detection-result's CPU) is enough. Only verified tokens are kept, so hostile input cannot
 * fill it; bounded all the same. Expiry and the simulator's record of the token are still checked
 * on every request (verify above).
 */
const verifiedTokens = new LruMap<string, SignedClaims>(1024);

/** The token's claims once its signature verifies with its account's key at the simulator's time, else undefined. */
async function verifySignature(token: string, ctx: AuthContext<AdvanceSettings>): Promise<SignedClaims | undefined> {
  const nowSeconds = Math.floor(ctx.now() / 1000);
  const known = verifiedTokens.get(token);
  if (known) {
    const stillSigned = findAccount(ctx.settings, known.accessKey)?.secretKey === known.secretKey;
    // As jwtVerify's own check: expired when `exp` is not after now.
    return stillSigned && (known.exp === undefined || known.exp > nowSeconds) ? known : undefined;
  }
  const accessKey = await claimedAccessKey(token);
  const account = accessKey === undefined ? undefined : findAccount(ctx.settings, accessKey);
  if (!accessKey || !account) return undefined;
  const { jwtVerify } = await jose();
  try {
    const { payload } = await jwtVerify(token, await signingKey(account.secretKey), { algorithms: ['HS512'], currentDate: new Date(ctx.now()) });
    const claims: SignedClaims = { accessKey, secretKey: account.secretKey, jti: payload.jti, exp: payload.exp };
    verifiedTokens.set(token, claims);
    return claims;
  } catch {
    return undefined;
  }
}
