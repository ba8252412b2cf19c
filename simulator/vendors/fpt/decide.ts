import { inspectImage, inspectVideo, type VideoInspector } from '../../media/index.js';
import { MESSAGES } from './codes.js';
import type { OutcomeSpec } from './outcomes.js';
import { videoPartProblem, type FptUpload } from './parse.js';
import type { FptSettings } from './settings.js';

/** The documented accuracy floors (seed: "at least 25fps and the minimum resolution of 720p"). */
const HD_SHORT_SIDE = 720;
const MIN_FPS = 25;
/** The documented minimum of the comparison image (seed: "minimum resolution of 800x600"). */
const MIN_IMAGE = { long: 800, short: 600 };
/** Containers report 4.96 s for a 5 s recording; a frame's worth of slack. */
const DURATION_SLACK_SECONDS = 0.05;

export interface Decision {
  spec: Exclude<OutcomeSpec, { auth: true }>;
  smallImage: boolean;
}

/**
 * Realistic behaviour (fpt.md "Input checks the simulator can really make"): what FPT.AI would
 * answer for these bytes. Faces, blur and spoofs cannot be judged from bytes: a valid input is live.
 */
export async function decide(upload: FptUpload, settings: FptSettings, inspect: VideoInspector = inspectVideo): Promise<Decision> {
  const fail = (input: string): Decision => ({ spec: { input }, smallImage: false });
  const { video } = upload;
  if (videoPartProblem(upload) || !video || video.bytes.byteLength > settings.maxVideoBytes) return fail(MESSAGES.invalidVideo);

  // Whatever the inspector could not read in time or at all (its deadline, a full queue) is an
  // unreadable video: FPT's 409, like any corrupt upload.
  const inspection = await inspect(video.bytes);
  if (!inspection.ok) {
    // An image posted as the video is FPT's "Video is still image" (413), not an upload error.
    if (inspection.reason === 'image') return { spec: { video: { code: '413', message: MESSAGES.stillImage } }, smallImage: false };
    return fail(MESSAGES.invalidVideo);
  }
  const { info } = inspection;
  if (settings.webm === 'refuse' && info.container === 'webm') return fail(MESSAGES.wrongExtension);
  if (info.frameCount === 1) return { spec: { video: { code: '413', message: MESSAGES.stillImage } }, smallImage: false };
  if (info.durationSeconds + DURATION_SLACK_SECONDS < settings.minVideoSeconds) return fail(MESSAGES.videoTooShort);

  let smallImage = false;
  if (upload.cmnd) {
    if (upload.cmnd.kind === 'text') return fail(MESSAGES.invalidImage);
    const { bytes } = upload.cmnd.file;
    const image = bytes.byteLength <= settings.maxImageBytes ? inspectImage(bytes) : null;
    if (!image) return fail(MESSAGES.invalidImage);
    smallImage = Math.max(image.width, image.height) < MIN_IMAGE.long || Math.min(image.width, image.height) < MIN_IMAGE.short;
  }
  const lowResolution = Math.min(info.width, info.height) < HD_SHORT_SIDE || info.frameRate < MIN_FPS;
  return { spec: { liveness: 'live', lowResolution }, smallImage };
}
