import { decodedLength, decodeStandardBase64, isStandardBase64 } from './base64.js';
import type { ErrorCode } from './codes.js';
import { parseKeyword, type SandboxKeyword } from './keywords.js';
import type { VerihubsSettings } from './settings.js';

/**
 * What the `image` string is (seed 001: "A base64 or URL image file"), in this order:
 * empty → INVALID_PAYLOAD_IMAGE_MISSING; a sandbox keyword; an http(s) URL; standard base64
 * (after stripping a data-URL prefix) → the decoded bytes, or INVALID_PAYLOAD_IMAGE_SIZE past the
 * cap; anything else → INVALID_PAYLOAD_IMAGE_MISSING ("not a standard b64/url").
 */
export type ImageSource =
  { kind: 'keyword'; keyword: SandboxKeyword } | { kind: 'url'; url: string } | { kind: 'bytes'; bytes: Uint8Array } | { kind: 'error'; code: ErrorCode };

/** verihubs.md "Request body": integrators send `data:image/jpeg;base64,...`. */
const DATA_URL_PREFIX = /^data:image\/[a-z0-9.+-]+;base64,/i;
const HTTP_URL = /^https?:\/\//i;

export function classifyImage(image: string, settings: Pick<VerihubsSettings, 'sandboxKeywords' | 'dataUrlPrefix' | 'maxImageBytes'>): ImageSource {
  const missing: ImageSource = { kind: 'error', code: 'INVALID_PAYLOAD_IMAGE_MISSING' };
  if (image === '') return missing;
  const keyword = settings.sandboxKeywords ? parseKeyword(image) : null;
  if (keyword) return { kind: 'keyword', keyword };
  if (HTTP_URL.test(image)) return URL.canParse(image) ? { kind: 'url', url: image } : missing;

  let base64 = image;
  if (DATA_URL_PREFIX.test(image)) {
    if (settings.dataUrlPrefix === 'refuse') return missing;
    base64 = image.replace(DATA_URL_PREFIX, '');
  }
  // Past the cap, refused before decoding (SIZE only for what is base64 at all).
  if (decodedLength(base64) > settings.maxImageBytes) return isStandardBase64(base64) ? { kind: 'error', code: 'INVALID_PAYLOAD_IMAGE_SIZE' } : missing;
  const bytes = decodeStandardBase64(base64);
  return bytes ? { kind: 'bytes', bytes } : missing;
}

/** The image string as a scenario `when` fact: keywords and URLs, never a photo's base64. */
export function imageFact(image: string): string[] {
  if (HTTP_URL.test(image) && image.length <= 2048) return [image];
  if (image.length <= 64 && /^[A-Za-z0-9_]+$/.test(image) && image.includes('_')) return [image];
  return [];
}
