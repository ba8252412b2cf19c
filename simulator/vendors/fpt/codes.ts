/**
 * FPT.AI body codes and their messages (fpt.md "Codes"; seed 000). Messages the seed prints are
 * quoted from it; the others are the spec's decisions.
 */
export const MESSAGES = {
  requestOk: 'request successful',
  // The seed spells it two ways; the spec picks the first.
  livenessOk: 'liveness check successful',
  faceMatchOk: 'face matching successful',
  invalidImage: 'Invalid upload image',
  invalidVideo: 'Invalid upload video',
  videoTooShort: 'Video is too short',
  wrongExtension: 'Wrong extension of video',
  faceQuality: 'Face quality is not good enough',
  noFaceInDocument: 'No faces detected in document',
  multipleFaces: 'More than 1 face in the video',
  noFace: 'No face detected in the video',
  faceTooSmall: 'The face is too small',
  faceTooBlurry: 'The face is too blurry',
  stillImage: 'Video may seem like image',
  noFrontalFace: 'No frontal face in the video',
  faceOutOfFrame: 'Face is out of frame during the video',
} as const;

/** The warnings FPT writes when input quality may harm accuracy. */
export const WARNINGS = {
  // Quoted from the seed.
  lowResolutionVideo: 'Resolution of video is too low. Please upload video with at least HD resolution to ensure accuracy',
  // Decision: the same sentence for the comparison image's documented minimum (800x600).
  lowResolutionImage: 'Resolution of image is too low. Please upload image with at least 800x600 resolution to ensure accuracy',
} as const;

/** Auth failure bodies (fpt.md "Authentication"). */
export const AUTH_FAILURES = {
  http401: { status: 401, body: { code: '401', message: 'Invalid API key' } },
  ekyc: { status: 200, body: { code: '400', message: 'api-key must be provided' } },
} as const;
