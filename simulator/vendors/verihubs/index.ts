import type { FetchImage } from '../../net/types.js';
import { createVerihubs } from './vendor.js';

export { createVerihubs } from './vendor.js';

/**
 * The Node fetcher, loaded on the first image URL: a dynamic import keeps node:http out of the
 * static import graph, so this module (and the engine through it) still loads in a browser (msw),
 * where a URL image answers INVALID_PAYLOAD_IMAGE_FORMAT unless the kit injects its own fetcher.
 */
const nodeFetchImage: FetchImage = async (url, options) => (await import('../../net/fetch-image.js')).fetchImage(url, options);

/** The vendor as the simulator serves it (registered in ../index.ts). */
export const verihubs = createVerihubs({ fetchImage: nodeFetchImage });
