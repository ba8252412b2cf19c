// Public surface of the media checks: pure functions over bytes, safe in Node and in browsers.
export { sniffImageFormat, inspectImage } from './image.js';
export type { ImageFormat, ImageInfo } from './image.js';
export { inspectVideo } from './video.js';
export type { VideoInfo, VideoInspection, VideoInspector } from './video.js';
