import type { FetchImage } from '../../net/types.js';
import { createVerihubs } from './vendor.js';

export { createVerihubs } from './vendor.js';

/**
 * The Node fetcher, loaded on the first image URL (the server's start-up does not pay for it).
 * Node-only: a bundler follows this dynamic import too, so nothing a browser loads may import this
 * module; browsers get their vendors from ../registry.ts (test/architecture.test.ts).
 */
export const nodeFetchImage: FetchImage = async (url, options) => (await import('../../net/fetch-image.js')).fetchImage(url, options);

/** The vendor as Node serves it, with the Node fetcher (what ../index.ts registers). */
export const verihubs = createVerihubs({ fetchImage: nodeFetchImage });
