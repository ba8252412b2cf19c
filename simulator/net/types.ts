import type { FetchPolicy } from './policy.js';

/**
 * The contract between a vendor that takes image URLs and the code that fetches them. Types only:
 * vendor code imports this, never the Node implementation (it must stay importable in a browser).
 */
export interface FetchImageOptions {
  /** The whole fetch, redirects and body included, must finish within this. */
  timeoutMs: number;
  /** Abort as soon as more than this many bytes have arrived (or are announced). */
  maxBytes: number;
  /** Redirect hops followed; each hop is checked against the policy again. */
  maxRedirects: number;
  policy: FetchPolicy;
}

export type FetchImageResult =
  | { kind: 'ok'; bytes: Uint8Array }
  | { kind: 'timeout' }
  | { kind: 'too-large' }
  /** The guard refused the target (before connecting, or on the connected address). */
  | { kind: 'refused'; reason: string }
  /** Anything else: DNS failure, connection refused, non-2xx, too many redirects, bad URL. */
  | { kind: 'failed'; reason: string };

export type FetchImage = (url: string, options: FetchImageOptions) => Promise<FetchImageResult>;
