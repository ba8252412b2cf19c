import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchImage } from '../../simulator/net/fetch-image.js';
import type { FetchImageOptions } from '../../simulator/net/types.js';
import { errorText, fixture, startVerihubs, type Sim } from './harness.js';
import { startImageServer, type ImageServer } from './image-server.js';

const FORMAT = errorText('image unable to be decoded/got from url OR invalid image extension', 'INVALID_PAYLOAD_IMAGE_FORMAT');
const TIMEOUT = errorText('timeout getting image from url in 15 seconds', 'INVALID_PAYLOAD_IMAGE_TIMEOUT');
const SIZE = errorText('invalid payload image size too large', 'INVALID_PAYLOAD_IMAGE_SIZE');

let images: ImageServer;
/** Loopback allowed (the image server is on 127.0.0.1), a short deadline for the slow cases. */
let sim: Sim;
beforeAll(async () => {
  images = await startImageServer();
  sim = await startVerihubs({ imageUrl: { allowPrivateAddresses: true, timeoutMs: 300 } });
});
afterAll(async () => {
  await sim.close();
  await images.close();
});

const withSim = async (settings: Record<string, unknown>, run: (s: Sim) => Promise<void>) => {
  const s = await startVerihubs(settings);
  try {
    await run(s);
  } finally {
    await s.close();
  }
};

describe('image given as a URL', () => {
  it('fetches a JPEG and answers as for the same bytes sent in base64', async () => {
    const byUrl = await sim.post({ image: `${images.origin}/face.jpg` });
    const byBase64 = await sim.post({ image: fixture('face-1024x768.jpg').toString('base64') });
    expect(byUrl.status).toBe(200);
    expect(byUrl.json.liveness).toEqual(byBase64.json.liveness);
    expect(byUrl.json.image_quality).toEqual(byBase64.json.image_quality);
  });

  it('judges by the bytes, not the Content-Type or the extension', async () => {
    expect((await sim.post({ image: `${images.origin}/face-chunked` })).status).toBe(200);
    expect((await sim.post({ image: `${images.origin}/face.png` })).status).toBe(200);
  });

  it.each(['/image.gif', '/page.html', '/missing.jpg'])('answers INVALID_PAYLOAD_IMAGE_FORMAT for %s', async (path) => {
    const res = await sim.post({ image: `${images.origin}${path}` });
    expect(res.status).toBe(400);
    expect(res.text).toBe(FORMAT);
  });

  it('answers INVALID_PAYLOAD_IMAGE_FORMAT when nothing listens', async () => {
    const closed = await startImageServer();
    await closed.close();
    expect((await sim.post({ image: `${closed.origin}/face.jpg` })).text).toBe(FORMAT);
  });

  it('answers INVALID_PAYLOAD_IMAGE_TIMEOUT when the image does not arrive within imageUrl.timeoutMs', async () => {
    const res = await sim.post({ image: `${images.origin}/slow.jpg` });
    expect(res.status).toBe(400);
    expect(res.text).toBe(TIMEOUT);
  });

  it('answers INVALID_PAYLOAD_IMAGE_SIZE for a stream past 5 MB, aborting it instead of waiting for its end', async () => {
    // A generous deadline: were the cap not applied while streaming, this endless body would time out.
    await withSim({ imageUrl: { allowPrivateAddresses: true, timeoutMs: 30_000 } }, async (s) => {
      expect((await s.post({ image: `${images.origin}/endless` })).text).toBe(SIZE);
    });
  });

  it('answers INVALID_PAYLOAD_IMAGE_SIZE at once for a Content-Length over the cap', async () => {
    await withSim({ imageUrl: { allowPrivateAddresses: true, timeoutMs: 30_000 } }, async (s) => {
      expect((await s.post({ image: `${images.origin}/declared-huge` })).text).toBe(SIZE);
    });
  });

  it('applies maxImageBytes to fetched images', async () => {
    await withSim({ maxImageBytes: 10_000, imageUrl: { allowPrivateAddresses: true } }, async (s) => {
      expect((await s.post({ image: `${images.origin}/face.jpg` })).text).toBe(SIZE);
    });
  });

  it('follows a redirect to an allowed image', async () => {
    expect((await sim.post({ image: `${images.origin}/to-face` })).status).toBe(200);
  });

  it('gives up on a redirect loop after imageUrl.maxRedirects hops', async () => {
    images.hits.delete('/loop');
    expect((await sim.post({ image: `${images.origin}/loop` })).text).toBe(FORMAT);
    expect(images.hits.get('/loop')).toBe(4); // the first request and 3 redirects
  });
});

describe('outbound fetch guard', () => {
  it.each([
    ['a link-local address', 'http://169.254.1.1/face.jpg'],
    ['the metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['the IPv6 metadata address', 'http://[fd00:ec2::254]/latest/meta-data/'],
    ['an IPv6 link-local address', 'http://[fe80::1]/face.jpg'],
    ['the metadata address, IPv4-mapped', 'http://[::ffff:169.254.169.254]/'],
    ['the metadata address, written as a number', 'http://2852039166/'],
    ['the GCP metadata name', 'http://metadata.google.internal/computeMetadata/v1/'],
    ['0.0.0.0', 'http://0.0.0.0/face.jpg'],
  ])('refuses %s even with private addresses allowed', async (_name, url) => {
    expect((await sim.post({ image: url })).text).toBe(FORMAT);
  });

  it('refuses a redirect to the metadata address, and never requests it', async () => {
    expect((await sim.post({ image: `${images.origin}/to-metadata` })).text).toBe(FORMAT);
    expect((await sim.post({ image: `${images.origin}/to-metadata-name` })).text).toBe(FORMAT);
  });

  it('refuses loopback by address and by name while allowPrivateAddresses is off (the default)', async () => {
    await withSim({}, async (s) => {
      expect((await s.post({ image: `${images.origin}/face.jpg` })).text).toBe(FORMAT);
      expect((await s.post({ image: `http://localhost:${images.port}/face.jpg` })).text).toBe(FORMAT);
    });
  });

  it('restricts fetches to imageUrl.allowedHosts, on every redirect hop', async () => {
    await withSim({ imageUrl: { allowPrivateAddresses: true, allowedHosts: ['images.example.test'] } }, async (s) => {
      expect((await s.post({ image: `${images.origin}/face.jpg` })).text).toBe(FORMAT);
    });
    await withSim({ imageUrl: { allowPrivateAddresses: true, allowedHosts: ['127.0.0.1'] } }, async (s) => {
      expect((await s.post({ image: `${images.origin}/face.jpg` })).status).toBe(200);
      images.hits.delete('/face.jpg');
      expect((await s.post({ image: `${images.origin}/to-localhost` })).text).toBe(FORMAT);
      expect(images.hits.get('/face.jpg')).toBeUndefined();
    });
  });
});

describe('fetchImage (the Node fetcher) says why it gave up', () => {
  const options = (over: Partial<FetchImageOptions> = {}): FetchImageOptions => ({
    timeoutMs: 300,
    maxBytes: 5 * 1024 * 1024,
    maxRedirects: 3,
    policy: { allowPrivateAddresses: true, allowedHosts: [] },
    ...over,
  });

  it('returns the bytes of an image', async () => {
    const result = await fetchImage(`${images.origin}/face.jpg`, options());
    expect(result.kind).toBe('ok');
    if (result.kind === 'ok') expect(Buffer.from(result.bytes).equals(fixture('face-1024x768.jpg'))).toBe(true);
  });

  it.each([
    ['a metadata redirect', '/to-metadata', 'refused', /metadata/],
    ['a metadata-name redirect', '/to-metadata-name', 'refused', /metadata host/],
    ['a redirect loop', '/loop', 'failed', /redirects/],
    ['a 404', '/missing.jpg', 'failed', /HTTP 404/],
  ])('reports %s', async (_name, path, kind, reason) => {
    const result = await fetchImage(`${images.origin}${path}`, options());
    expect(result).toEqual({ kind, reason: expect.stringMatching(reason) });
  });

  it('refuses a name resolving to loopback at lookup time, before connecting', async () => {
    const result = await fetchImage(`http://localhost:${images.port}/face.jpg`, options({ policy: { allowPrivateAddresses: false, allowedHosts: [] } }));
    expect(result).toEqual({ kind: 'refused', reason: expect.stringMatching(/refused localhost: .*loopback/) });
  });

  it.each([
    ['timeout', '/slow.jpg'],
    ['too-large', '/endless'],
  ])('reports %s', async (kind, path) => {
    const result = await fetchImage(`${images.origin}${path}`, options({ timeoutMs: kind === 'timeout' ? 200 : 30_000 }));
    expect(result.kind).toBe(kind);
  });

  it.each(['http://169.254.169.254/', 'http://2852039166/', 'http://[fe80::1]/', 'http://[::ffff:a9fe:a9fe]/', 'https://metadata.google.internal/'])(
    'refuses %s before connecting, even with private addresses allowed',
    async (url) => {
      expect((await fetchImage(url, options())).kind).toBe('refused');
    },
  );

  it('does not fetch other schemes', async () => {
    expect(await fetchImage('file:///etc/passwd', options())).toEqual({ kind: 'failed', reason: 'file: URLs are not fetched' });
  });
});
