// Where the time goes, without HTTP: the pieces of the FPT path called directly in this process
// (media inspection, the upload digest, the whole engine for a realistic and a scenario answer).
// The difference between these and the HTTP numbers is the transport (Express, busboy, sockets).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { round } from './stats.mjs';

const dist = (path) => new URL(`../../dist/${path}`, import.meta.url).href;
const fixture = (name) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url))));

/** Mean wall and CPU ms per call after a warm-up; bounded by count and by time. */
async function time(name, fn, { count = 300, maxMs = 1500 } = {}) {
  for (let i = 0; i < 20; i++) await fn();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let n = 0;
  while (n < count && performance.now() - t0 < maxMs) {
    await fn();
    n++;
  }
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { name, calls: n, wallMs: round(wall / n, 3), cpuMs: round((cpu.user + cpu.system) / 1000 / n, 3) };
}

export async function measureStages({ videoFixture, imageFixture, fptPath, verihubsPath }) {
  let media, server, digest;
  try {
    [media, server, digest] = await Promise.all([
      import(dist('simulator/media/index.js')),
      import(dist('simulator/server.js')),
      import(dist('simulator/engine/digest.js')),
    ]);
  } catch (error) {
    return { skipped: `dist modules not found (${error.message.split('\n')[0]})`, rows: [] };
  }
  const video = fixture(videoFixture);
  const image = fixture(imageFixture);
  const engine = server.buildEngine({});
  // A fresh copy per call: the digest memo is per buffer, as a new upload's is.
  const fptRequest = (extra = {}, bytes = video.slice()) => ({
    method: 'POST',
    path: fptPath,
    query: {},
    headers: { 'api-key': 'bench', 'content-type': 'multipart/form-data; boundary=bench', ...extra },
    body: { kind: 'multipart', fields: [], files: [{ field: 'video', filename: videoFixture, contentType: 'video/mp4', bytes }] },
  });
  const json = new TextEncoder().encode(JSON.stringify({ image: Buffer.from(image).toString('base64') }));
  const verihubsRequest = () => ({
    method: 'POST',
    path: verihubsPath,
    query: {},
    headers: { 'app-id': 'bench', 'api-key': 'bench', 'content-type': 'application/json' },
    body: { kind: 'bytes', bytes: json.slice(), contentType: 'application/json' },
  });

  const rows = [];
  rows.push(await time(`inspectVideo (${videoFixture})`, () => media.inspectVideo(video)));
  if (typeof media.inspectImage === 'function') rows.push(await time(`inspectImage (${imageFixture})`, () => media.inspectImage(image)));
  rows.push(await time('sha256 of the video (fresh buffer)', () => digest.sha256Hex(video.slice())));
  rows.push(await time('engine.handle FPT realistic', () => engine.handle(fptRequest())));
  rows.push(await time('engine.handle FPT scenario fpt/no-face', () => engine.handle(fptRequest({ 'x-sim-scenario': 'fpt/no-face' }))));
  // The same buffer every time: its digest is memoized, so these rows are the engine without hashing.
  rows.push(await time('  same, digest memoized (no hashing)', () => engine.handle(fptRequest({ 'x-sim-scenario': 'fpt/no-face' }, video))));
  rows.push(await time('engine.handle FPT realistic, digest memoized', () => engine.handle(fptRequest({}, video))));
  const probe = await engine.handle(verihubsRequest());
  if (probe.status !== 404) rows.push(await time('engine.handle Verihubs realistic', () => engine.handle(verihubsRequest())));
  return { rows };
}
