/**
 * Every Verihubs error code with its HTTP status and message (verihubs.md "Errors"; seed 001's
 * table). Messages are the seed's descriptions word for word, its typos included ("fail on fail
 * on", "reach it quota"), because clients log and sometimes match them. Rendering is render.ts.
 */
export interface CodeSpec {
  status: number;
  message: string;
}

/** The seven FAIL_ON codes the liveness endpoint can answer; the code itself is COMPUTED (bitmask.ts). */
export const FAIL_ON_CODES = {
  FAIL_ON_2: { status: 200, message: 'fail on attribute' },
  FAIL_ON_4: { status: 200, message: 'fail on quality' },
  FAIL_ON_6: { status: 200, message: 'fail on attribute and quality' },
  FAIL_ON_8: { status: 200, message: 'fail on fail on number of face (nface)' },
  FAIL_ON_10: { status: 200, message: 'fail on fail on number of face (nface) and attribute' },
  FAIL_ON_12: { status: 200, message: 'fail on fail on number of face (nface) and quality' },
  FAIL_ON_14: { status: 200, message: 'fail on fail on number of face (nface), quality, and attribute' },
} as const satisfies Record<string, CodeSpec>;

export type FailOnCode = keyof typeof FAIL_ON_CODES;

/** Codes answered with the bare `{"message","error_code"}` body. */
export const ERROR_CODES = {
  // Sic: a space, not an underscore (seed 001).
  'INVALID PAYLOAD': { status: 400, message: 'no value in payload or empty string more than 1' },
  INVALID_PAYLOAD_IMAGE_MISSING: { status: 400, message: 'invalid payload image not a standard b64/url or image empty string' },
  INVALID_PAYLOAD_IMAGE_SIZE: { status: 400, message: 'invalid payload image size too large' },
  MISSING_PAYLOAD_IMAGE: { status: 400, message: 'missing payload image' },
  INVALID_PAYLOAD_IMAGE_TIMEOUT: { status: 400, message: 'timeout getting image from url in 15 seconds' },
  INVALID_PAYLOAD_IMAGE_FORMAT: { status: 400, message: 'image unable to be decoded/got from url OR invalid image extension' },
  FACE_NOT_DETECTED: { status: 400, message: 'face not detected from image' },
  INVALID_PAYLOAD_QUALITY_VALIDATION_DEPENDENCY: { status: 400, message: 'is_quality must be true if validate_quality true' },
  INVALID_PAYLOAD_ATTRIBUTE_VALIDATION_DEPENDENCY: { status: 400, message: 'is_attribute must be true if validate_attribute true' },
  // The seed's "(only appears on testing mode)" is a note about when, not part of the message.
  INSUFFICIENT_QUOTA_LIVENESS: { status: 403, message: 'usage reach it quota limit for liveness' },
  INTERNAL_SERVER_ERROR: { status: 500, message: 'internal server error' },
  // Not in the seed: the spec's decision for a missing or unknown App-ID/API-Key pair.
  UNAUTHORIZED: { status: 401, message: 'Unauthorized' },
} as const satisfies Record<string, CodeSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The success message (verihubs.md "Success body"). */
export const SUCCESS = { status: 200, message: 'Request Success', statusCode: '200' } as const;
