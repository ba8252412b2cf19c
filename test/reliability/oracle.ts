import type { WireAnswer } from './send.js';

/**
 * What counts as a documented answer, per kind of route. Each check returns undefined when the
 * answer is one the vendor documents (or the simulator's own problem+json), else why it is not.
 * Shapes: FPT fpt.md "Response" (three blocks, every leaf a string) and its auth failure; Verihubs
 * verihubs.md `{message, error_code}` or its result body; ADVANCE.AI advance.md "Conventions" (the
 * six-key envelope); the simulated CDN behind ADVANCE.AI media URLs; the admin API's JSON.
 */
export type RouteKind = 'fpt' | 'verihubs' | 'advance' | 'advance-media' | 'admin';

const FPT_TOP = ['code', 'message', 'liveness', 'face_match'];
const FPT_LIVENESS = ['code', 'message', 'is_live', 'spoof_prob', 'need_to_review', 'is_deepfake', 'deepfake_prob', 'warning'];
const FPT_FACE_MATCH = ['code', 'message', 'isMatch', 'similarity', 'warning'];
const VERIHUBS_RESULT = ['message', 'error_code', 'status_code', 'session_id', 'timestamp', 'nface', 'liveness', 'image_quality', 'attributes'];
const ADVANCE_ENVELOPE = ['code', 'message', 'data', 'extra', 'transactionId', 'pricingStrategy'];

const same = (a: string[], b: string[]) => a.length === b.length && a.every((k, i) => k === b[i]);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function checkAnswer(kind: RouteKind, answer: WireAnswer, method = 'POST'): string | undefined {
  const type = String(answer.headers['content-type'] ?? '');
  const text = answer.body.toString('utf8');
  const head = `HTTP ${answer.status} ${type}: ${text.slice(0, 300)}`;
  if (answer.status >= 500) return `an unrequested ${answer.status}: ${head}`;
  // A HEAD answer has the headers of the GET one and no body: only its type can be checked.
  if (method === 'HEAD')
    return /^application\/(problem\+)?json|^application\/xml|^text\/plain|^image\/|^video\//i.test(type) ? undefined : `a HEAD answer typed ${type}`;
  if (/^application\/problem\+json/i.test(type)) return checkProblem(answer, text) && `${checkProblem(answer, text)}: ${head}`;
  const why = kind === 'advance-media' ? checkMedia(answer, text, method) : checkJsonKind(kind, type, text);
  return why && `${why}: ${head}`;
}

function checkProblem(answer: WireAnswer, text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'problem+json that is not JSON';
  }
  if (!isObject(body)) return 'problem+json that is not an object';
  if (typeof body.type !== 'string' || !body.type.startsWith('urn:liveness-sim:problem:')) return "problem without the simulator's type";
  if (typeof body.title !== 'string' || typeof body.detail !== 'string') return 'problem without title or detail';
  if (body.status !== answer.status) return `problem status ${String(body.status)} on an HTTP ${answer.status}`;
  return undefined;
}

function checkJsonKind(kind: Exclude<RouteKind, 'advance-media'>, type: string, text: string): string | undefined {
  if (!/^application\/json/i.test(type)) return 'not JSON';
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'JSON content type, body not JSON';
  }
  if (kind === 'admin') return undefined;
  if (!isObject(body)) return 'a vendor body that is not an object';
  const keys = Object.keys(body);
  if (kind === 'fpt') return checkFpt(body, keys);
  if (kind === 'verihubs') return checkVerihubs(body, keys);
  return checkAdvance(body, keys);
}

function checkFpt(body: Record<string, unknown>, keys: string[]): string | undefined {
  // fpt.md "Authentication": the auth failure is {code, message}, both strings.
  if (same(keys, ['code', 'message'])) return typeof body.code === 'string' && typeof body.message === 'string' ? undefined : 'FPT auth body with a non-string';
  if (!same(keys, FPT_TOP)) return `FPT keys ${keys.join(',')}`;
  const { liveness, face_match: faceMatch } = body;
  if (!isObject(liveness) || !same(Object.keys(liveness), FPT_LIVENESS)) return 'FPT liveness block keys';
  if (!isObject(faceMatch) || !same(Object.keys(faceMatch), FPT_FACE_MATCH)) return 'FPT face_match block keys';
  const leaves = [body.code, body.message, ...Object.values(liveness), ...Object.values(faceMatch)];
  return leaves.every((leaf) => typeof leaf === 'string') ? undefined : 'an FPT leaf that is not a string';
}

function checkVerihubs(body: Record<string, unknown>, keys: string[]): string | undefined {
  if (same(keys, ['message', 'error_code'])) {
    if (typeof body.message !== 'string' || typeof body.error_code !== 'string') return 'Verihubs error with a non-string';
    // A 500 is answered above; here the code must not be the scenario-only INTERNAL_SERVER_ERROR.
    return body.error_code === 'INTERNAL_SERVER_ERROR' ? 'an unrequested INTERNAL_SERVER_ERROR' : undefined;
  }
  // The result body: the spec's keys, in its order, optional ones left out.
  const order = keys.map((k) => VERIHUBS_RESULT.indexOf(k));
  if (order.some((i) => i < 0) || order.some((i, n) => n > 0 && i <= order[n - 1]!)) return `Verihubs keys ${keys.join(',')}`;
  for (const required of ['message', 'status_code', 'session_id', 'timestamp', 'nface', 'liveness'])
    if (!(required in body)) return `Verihubs result without ${required}`;
  return undefined;
}

function checkAdvance(body: Record<string, unknown>, keys: string[]): string | undefined {
  if (!same(keys, ADVANCE_ENVELOPE)) return `ADVANCE.AI envelope keys ${keys.join(',')}`;
  if (typeof body.code !== 'string' || typeof body.message !== 'string') return 'ADVANCE.AI code or message not a string';
  if (typeof body.transactionId !== 'string' || !/^[0-9a-f]{16}$/.test(body.transactionId)) return 'ADVANCE.AI transactionId';
  if (body.pricingStrategy !== 'PAY' && body.pricingStrategy !== 'FREE') return 'ADVANCE.AI pricingStrategy';
  if (body.code !== 'SUCCESS' && (body.data !== null || body.extra !== null)) return 'ADVANCE.AI error with data';
  return undefined;
}

/** The simulated CDN: the medium, a 404 NoSuchKey XML, or its 405. */
function checkMedia(answer: WireAnswer, text: string, method: string): string | undefined {
  const type = String(answer.headers['content-type'] ?? '');
  if (answer.status === 200) return /^(image|video)\//.test(type) ? undefined : 'a 200 from the CDN that is not media';
  if (answer.status === 404)
    return /^application\/xml/.test(type) && (method === 'HEAD' || text.includes('<Code>NoSuchKey</Code>')) ? undefined : 'a CDN 404 that is not NoSuchKey';
  if (answer.status === 405) return answer.headers.allow === 'GET, HEAD' ? undefined : 'a CDN 405 without Allow';
  return `a CDN ${answer.status}`;
}
