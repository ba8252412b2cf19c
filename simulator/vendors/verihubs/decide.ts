import type { FetchImage, FetchImageResult } from '../../net/types.js';
import type { Sha256 } from '../../engine/digest.js';
import type { SimRequest } from '../../engine/types.js';
import { analyzeImageBytes, analyzeLivePerson, type Analysis, type Judged } from './analyze.js';
import { failedValidations, failOnCode } from './bitmask.js';
import type { ErrorCode, FailOnCode } from './codes.js';
import { classifyImage } from './image-source.js';
import { checkLivenessRequest, type Flags } from './parse.js';
import type { VerihubsSettings } from './settings.js';

/**
 * The realistic answer to a request (no scenario): parse → flag dependencies → the image →
 * findings → the requested validations → FAIL_ON bits. Each step's first failure answers.
 */
export type Decision = { kind: 'error'; code: ErrorCode } | { kind: 'result'; analysis: Analysis; flags: Flags; failure: FailOnCode | null };

/** What deciding needs from outside: the image fetcher (Node only) and the engine's SHA-256. */
export interface DecideTools {
  fetchImage: FetchImage | undefined;
  sha256: Sha256;
}

export async function decide(req: SimRequest, settings: VerihubsSettings, tools: DecideTools): Promise<Decision> {
  // The structure first, flag dependencies included: refused before any image fetch.
  const parsed = checkLivenessRequest(req.body, settings);
  if (!parsed.ok) return { kind: 'error', code: parsed.code };
  const { image, flags } = parsed.request;

  const judged = await judgeImage(image, settings, tools);
  if (!judged.ok) return { kind: 'error', code: judged.code };
  const { analysis } = judged;
  const findings = { nface: analysis.nface, ...analysis.quality, ...analysis.attributes };
  return { kind: 'result', analysis, flags, failure: failOnCode(failedValidations(findings, flags)) };
}

async function judgeImage(image: string, settings: VerihubsSettings, { fetchImage, sha256 }: DecideTools): Promise<Judged> {
  const source = classifyImage(image, settings);
  switch (source.kind) {
    case 'error':
      return { ok: false, code: source.code };
    case 'bytes':
      return analyzeImageBytes(source.bytes, settings, sha256);
    case 'keyword': {
      const { keyword } = source;
      if (keyword.kind === 'exceed-limit') return { ok: false, code: 'INVALID_PAYLOAD_IMAGE_SIZE' };
      if (keyword.kind === 'no-face') return { ok: false, code: 'FACE_NOT_DETECTED' };
      return { ok: true, analysis: await analyzeLivePerson(keyword, sha256) };
    }
    case 'url': {
      const fetched = await fetchSafely(fetchImage, source.url, settings);
      if (fetched.kind === 'ok') return analyzeImageBytes(fetched.bytes, settings, sha256);
      return { ok: false, code: FETCH_FAILURES[fetched.kind] };
    }
  }
}

/**
 * Seed 001: a URL that takes over 15 s is TIMEOUT, too large is SIZE, and an image "unable to be
 * got from url" is FORMAT: so are targets the outbound guard refuses (nothing tells the client why,
 * as nothing would at the vendor; the README says so).
 */
const FETCH_FAILURES: Record<Exclude<FetchImageResult['kind'], 'ok'>, ErrorCode> = {
  timeout: 'INVALID_PAYLOAD_IMAGE_TIMEOUT',
  'too-large': 'INVALID_PAYLOAD_IMAGE_SIZE',
  refused: 'INVALID_PAYLOAD_IMAGE_FORMAT',
  failed: 'INVALID_PAYLOAD_IMAGE_FORMAT',
};

async function fetchSafely(fetchImage: FetchImage | undefined, url: string, settings: VerihubsSettings): Promise<FetchImageResult> {
  if (!fetchImage) return { kind: 'failed', reason: 'no image fetcher in this environment' };
  const { timeoutMs, maxRedirects, allowPrivateAddresses, allowedHosts } = settings.imageUrl;
  try {
    return await fetchImage(url, { timeoutMs, maxRedirects, maxBytes: settings.maxImageBytes, policy: { allowPrivateAddresses, allowedHosts } });
  } catch (error) {
    return { kind: 'failed', reason: (error as Error).message };
  }
}
