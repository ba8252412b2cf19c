/* Browser-safe: the msw transport applies the same limits (src/msw). */

/** The transport's limits on request bodies (README "Limits"). */
export interface BodyLimits {
  /** The most bytes one request's body may carry, all parts together, counted as they arrive. */
  maxRequestBytes: number;
  /** The most body bytes held at once by all requests in flight. */
  maxBodyBytesInFlight: number;
}

const MiB = 1024 * 1024;

/**
 * 16 MiB holds the largest request a vendor documents, with room for multipart framing: FPT's
 * 10 MB `video` plus 5 MB `cmnd` (fpt.md "Request"); Verihubs' 5 MB image is 6.7 MB as base64.
 * The vendors apply their own documented limits below it. 256 MiB in flight is 16 such requests.
 */
export const DEFAULT_BODY_LIMITS: BodyLimits = { maxRequestBytes: 16 * MiB, maxBodyBytesInFlight: 256 * MiB };
