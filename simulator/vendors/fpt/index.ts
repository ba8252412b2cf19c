import { hashedLabel, isHashedLabel } from '../../engine/credential-label.js';
import { unitFromDigest, type Sha256 } from '../../engine/digest.js';
import type { Vendor, VendorCall, VendorResult } from '../../engine/vendor.js';
import { inspectVideo, type VideoInspector } from '../../media/index.js';
import { applyOverrides } from '../../scenarios/overrides.js';
import { decide } from './decide.js';
import { OUTCOMES, type FptOutcomeName, type OutcomeSpec } from './outcomes.js';
import { apiKeyOf, parseUpload, structuralProblem, type FptUpload } from './parse.js';
import { authFailure, renderBody, toResponse, type RenderFacts } from './render.js';
import { routes } from './routes.js';
import { defaults, schema, type FptSettings } from './settings.js';

/** FPT.AI Reader — Liveness Detection v3 (vendors/fpt/README.md; the seed: the vendor's page). */
export const fpt: Vendor<FptSettings> = {
  id: 'fpt',
  title: 'FPT.AI Liveness Detection v3',
  routes,
  outcomes: OUTCOMES,
  settings: { defaults, schema },
  factNames: ['filename'],
  facts(req) {
    const filenames = req.body.kind === 'multipart' ? req.body.files.map((f) => f.filename) : [];
    return { filename: filenames };
  },
  credentialLabel,
  exampleBody(outcome) {
    const spec = OUTCOMES[outcome as FptOutcomeName].spec;
    if ('auth' in spec) return authFailure(defaults).body;
    return renderBody(spec, { scores: { spoof: 0.5, deepfake: 0.5, similarity: 0.5 }, cmndSent: true, smallImage: false });
  },
  // fpt.md "Authentication": the api-key header; refused before the upload is looked at.
  authenticate: ({ req, ctx }) => {
    const key = apiKeyOf(req);
    return isAuthorized(key, ctx.settings) ? { ok: true, credential: key } : { ok: false, result: answerAuthFailure(ctx.settings, {}) };
  },
  // Before a scenario answers: it never hides a malformed upload (409, all three blocks, rule 1).
  checkRequest: ({ req, ctx }) => {
    const problem = structuralProblem(parseUpload(req));
    if (problem === undefined) return undefined;
    const body = renderBody({ input: problem }, NO_SCORES);
    return { response: toResponse(body, 200, ctx.settings), code: body.code };
  },
  handle: (call) => handle(call, inspectVideo),
};

/** An input error renders no score. */
const NO_SCORES: RenderFacts = { scores: { spoof: 0, deepfake: 0, similarity: 0 }, cmndSent: false, smallImage: false };

export interface FptDeps {
  /** Reads an uploaded video; default inline. The server injects its worker pool (simulator/workers). */
  inspectVideo?: VideoInspector;
}

/** FPT with its video inspector injected, the way Verihubs gets its image fetcher. */
export function createFpt(deps: FptDeps = {}): Vendor<FptSettings> {
  const inspect = deps.inspectVideo ?? inspectVideo;
  return { ...fpt, handle: (call) => handle(call, inspect) };
}

/** A call that passed `authenticate`. */
async function handle({ req, scenario, ctx }: VendorCall<FptSettings>, inspect: VideoInspector): Promise<VendorResult> {
  const settings = ctx.settings;
  const upload = parseUpload(req);
  // The video is read before it is hashed: on a server the inspector hashes it too, off the event loop.
  const { spec, smallImage }: { spec: OutcomeSpec; smallImage: boolean } = scenario
    ? { spec: OUTCOMES[scenario.outcome as FptOutcomeName].spec, smallImage: false }
    : await decide(upload, settings, inspect);
  const facts = await renderFacts(upload, ctx.sha256, smallImage);
  if ('auth' in spec) return answerAuthFailure(settings, scenario?.set ?? {});
  const body = applyOverrides(renderBody(spec, facts), scenario?.set ?? {});
  return { response: toResponse(body, 200, settings), code: body.code };
}

function isAuthorized(key: string | undefined, settings: FptSettings): boolean {
  if (key === undefined) return false;
  return settings.apiKeys.length === 0 || settings.apiKeys.some((entry) => (typeof entry === 'string' ? entry : entry.key) === key);
}

/** The api key is a secret: the journal shows its configured name, else `fpt-key:<12 hex of its SHA-256>`. */
function credentialLabel(key: string, settings: FptSettings): string {
  const named = settings.apiKeys.find((entry) => typeof entry !== 'string' && (entry.key === key || entry.name === key));
  if (named && typeof named !== 'string') return named.name;
  return isHashedLabel('fpt-key', key) ? key : hashedLabel('fpt-key', key);
}

function answerAuthFailure(settings: FptSettings, set: Record<string, unknown>): VendorResult {
  const { status, body } = authFailure(settings);
  const final = applyOverrides({ ...body }, set);
  return { response: toResponse(final, status, settings), code: final.code };
}

/** Scores are drawn from the hash of the bytes, so the same upload always gets the same answer. */
async function renderFacts(upload: FptUpload, sha256: Sha256, smallImage: boolean): Promise<RenderFacts> {
  const videoDigest = upload.video ? await sha256(upload.video.bytes) : '0'.repeat(64);
  const cmndDigest = upload.cmnd?.kind === 'file' ? await sha256(upload.cmnd.file.bytes) : '0'.repeat(64);
  return {
    // Similarity depends on the pair: the same face image against another video scores differently.
    scores: {
      spoof: unitFromDigest(videoDigest, 0),
      deepfake: unitFromDigest(videoDigest, 1),
      similarity: (unitFromDigest(videoDigest, 2) + unitFromDigest(cmndDigest, 2)) % 1,
    },
    cmndSent: upload.cmnd !== undefined,
    smallImage,
  };
}
