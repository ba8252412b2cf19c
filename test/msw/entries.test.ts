import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as browserEntry from '../../src/msw/index.js';
import * as nodeEntry from '../../src/msw/node.js';
import { fixture } from '../support/fixtures.js';

/**
 * `liveness-sim/msw` has two builds of one API (package.json `exports`): Node gets node.ts, whose
 * Verihubs fetches an image URL as the server does; every other environment (a browser bundle)
 * gets index.ts, which never loads the Node fetcher and answers a URL INVALID_PAYLOAD_IMAGE_FORMAT.
 */
let images: Server;
let imageUrl = '';
let served = 0;
beforeAll(async () => {
  images = createServer((_req, res) => {
    served++;
    res.writeHead(200, { 'content-type': 'image/jpeg' }).end(fixture('face-1024x768.jpg'));
  });
  await new Promise<void>((done) => images.listen(0, '127.0.0.1', done));
  imageUrl = `http://127.0.0.1:${(images.address() as AddressInfo).port}/face.jpg`;
});
afterAll(() => new Promise((done) => images.close(done)));

async function livenessOfUrl(entry: typeof browserEntry): Promise<Record<string, unknown>> {
  const handlers = entry.createLivenessHandlers({ settings: { verihubs: { imageUrl: { allowPrivateAddresses: true } } } });
  // `bypass`: the Node fetcher's own request to the loopback image server is not a vendor call.
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'bypass' });
  try {
    const response = await fetch('https://api.verihubs.com/v1/face/liveness', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'app-id': 'a', 'api-key': 'k' },
      body: JSON.stringify({ image: imageUrl }),
    });
    return (await response.json()) as Record<string, unknown>;
  } finally {
    server.close();
  }
}

describe('liveness-sim/msw: the Node and the browser build', () => {
  it('under Node, the package name resolves to the Node build', () => {
    expect(createRequire(import.meta.url).resolve('liveness-sim/msw')).toMatch(/dist\/src\/msw\/node\.js$/);
  });

  it('the Node build fetches a Verihubs image URL as the server does', async () => {
    const before = served;
    const body = await livenessOfUrl(nodeEntry);
    expect(body.message).toBe('Request Success');
    expect(served).toBe(before + 1);
  });

  it('the browser build answers an image URL INVALID_PAYLOAD_IMAGE_FORMAT without fetching it', async () => {
    const before = served;
    const body = await livenessOfUrl(browserEntry);
    expect(body.error_code).toBe('INVALID_PAYLOAD_IMAGE_FORMAT');
    expect(served).toBe(before);
  });

  it('both builds export the same names', () => {
    expect(Object.keys(nodeEntry).sort()).toEqual(Object.keys(browserEntry).sort());
  });
});
