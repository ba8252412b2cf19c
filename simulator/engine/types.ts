import type { JournalEntry } from './journal.js';

/**
 * The transport-neutral request and response that every transport (Express, msw, direct tests)
 * translates to and from. Nothing here knows an HTTP library.
 */

/** One uploaded file of a multipart body. */
export interface SimFile {
  field: string;
  filename: string;
  /** The type the client declared for the part; never trusted for decisions (clients lie). */
  contentType: string;
  bytes: Uint8Array;
}

/** One text field of a multipart body. */
export interface SimField {
  name: string;
  value: string;
}

export type SimBody =
  | { kind: 'empty' }
  /** Raw bytes (JSON, form-urlencoded, anything that is not multipart); the vendor parses them. */
  | { kind: 'bytes'; bytes: Uint8Array; contentType: string }
  | { kind: 'multipart'; fields: SimField[]; files: SimFile[] }
  /**
   * The transport did not read the body: over its size cap (`too-large`), a Content-Encoding other
   * than identity (`encoded`), the shared memory budget for bodies in flight is full (`busy`), or
   * multipart it cannot parse (`malformed`). Each vendor answers these with its own error.
   */
  | { kind: 'unreadable'; reason: UnreadableReason; contentType: string };

export type UnreadableReason = 'too-large' | 'encoded' | 'busy' | 'malformed';

export interface SimRequest {
  method: string;
  /** Path without the query string, as sent (no decoding beyond what the URL parser does). */
  path: string;
  query: Record<string, string>;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: SimBody;
}

/**
 * A network fault the transport acts out instead of (or in the middle of) a response: data, so
 * each transport maps it to its nearest equivalent (a socket action in Node, an error in msw).
 */
export type SimFault =
  /** The TCP connection is reset before any byte (RST where the platform allows, else a close). */
  | { type: 'reset' }
  /** Nothing is sent; the connection is held (up to the transport's hang cap), then closed. */
  | { type: 'hang' }
  /** A response whose HTTP framing is broken (a chunk size that is not hex). */
  | { type: 'malformed' }
  /** The connection is closed cleanly without a byte of response. */
  | { type: 'empty' }
  /** The status line and headers promise the whole body (Content-Length), half of it comes, then a close. */
  | { type: 'truncate' }
  /** The whole response, its body in small pieces spread over `durationMs`. */
  | { type: 'drip'; durationMs: number };
export type SimFaultType = SimFault['type'];

export interface SimResponse {
  status: number;
  /** Header names as the vendor writes them. */
  headers: Record<string, string>;
  /** The exact body: vendor serializers own number and string formatting. */
  body: string | Uint8Array;
  /** Wait this long before answering (scenario latency). */
  latencyMs?: number;
  fault?: SimFault;
  /**
   * What the engine journaled of this request, never sent: the transport's log line and metrics
   * are read from it, so they show exactly what the journal keeps (masked credential, no bytes).
   */
  journaled?: JournalEntry;
}

/** Every vendor this simulator knows. */
export type VendorId = 'fpt' | 'verihubs' | 'advance';
export const VENDOR_IDS: readonly VendorId[] = ['fpt', 'verihubs', 'advance'];

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };
export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
