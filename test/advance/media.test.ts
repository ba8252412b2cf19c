import { describe, expect, it } from 'vitest';
import { DEMO, expectSuccess, PATHS, useAdvance } from './client.js';

const NO_SUCH_KEY =
  /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error>\n {2}<Code>NoSuchKey<\/Code>\n {2}<Message>The specified key does not exist.<\/Message>\n {2}<Key>standard-(images|videos)\/random_\d{17}_\d{10}<\/Key>\n<\/Error>\n$/;

describe('ADVANCE.AI media URLs: valid 24 h on the simulator clock (seed 002)', () => {
  const { sim, api } = useAdvance();

  it('serves the images for 24 h after issue, then answers 404 NoSuchKey in XML, as an object store would', async () => {
    const { livenessId } = await api.capture({ accessKey: DEMO.accessKey });
    const data = expectSuccess(await api.detect(await api.tokenOf(), { livenessId }), 'PAY');
    const video = expectSuccess(await api.call('GET', PATHS.getVideo, { token: await api.tokenOf(), query: { livenessId } }));
    await api.advanceClock('23h');
    for (const url of [data.detectionResult, data.imageFarUrl, data.imageNearUrl, video.videoUrl]) expect((await fetch(url)).status).toBe(200);
    await api.advanceClock('61m');
    for (const url of [data.detectionResult, data.imageFarUrl, data.imageNearUrl, video.videoUrl]) {
      const response = await fetch(url);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/xml');
      expect(await response.text()).toMatch(NO_SUCH_KEY);
    }
    // A new detection of the same capture hands out fresh URLs.
    const again = expectSuccess(await api.detect(await api.tokenOf(), { livenessId }), 'PAY');
    expect((await fetch(again.imageNearUrl)).status).toBe(200);
  });

  it('never lets a download use up an armed scenario: scenarios apply to the vendor API, not its CDN', async () => {
    const { livenessId } = await api.capture({ accessKey: DEMO.accessKey });
    const token = await api.tokenOf();
    const data = expectSuccess(await api.detect(token, { livenessId }), 'PAY');
    await api.call('POST', '/__sim/scenarios/armed', { body: { scenario: 'advance/service-busy', times: 1, credential: '*' } });
    expect((await fetch(data.imageNearUrl)).status).toBe(200);
    expect((await fetch(data.imageFarUrl, { headers: { 'X-Sim-Scenario': 'advance/nope' } })).status).toBe(200);
    const busy = await api.detect(token, { livenessId });
    expect(busy.json.code).toBe('SERVICE_BUSY');
    expect(busy.headers.get('retry-after')).toBe('10s');
  });

  it('answers a POST to a media URL with a plain 405, not an envelope', async () => {
    const response = await fetch(`${sim().url}/standard-images/random_20180929195400851_1478837456`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 404 NoSuchKey to a media name it never issued', async () => {
    const response = await fetch(`${sim().url}/standard-images/random_20180929195400851_1478837456`);
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(NO_SUCH_KEY);
  });

  it('serves distinct far, near and result images of the right type', async () => {
    const { livenessId } = await api.capture({ accessKey: DEMO.accessKey });
    const data = expectSuccess(await api.detect(await api.tokenOf(), { livenessId }), 'PAY');
    const bodies = await Promise.all(
      [data.detectionResult, data.imageFarUrl, data.imageNearUrl].map(async (url: string) => {
        const response = await fetch(url);
        expect(response.headers.get('content-type')).toBe('image/jpeg');
        const bytes = new Uint8Array(await response.arrayBuffer());
        expect([bytes[0], bytes[1], bytes[2]]).toEqual([0xff, 0xd8, 0xff]); // a JPEG
        return Buffer.from(bytes).toString('base64');
      }),
    );
    expect(new Set(bodies).size).toBe(3);
  });
});
