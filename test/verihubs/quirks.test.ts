import { afterEach, describe, expect, it } from 'vitest';
import { resolveSettings, settingsFromFlags } from '../../simulator/config/settings.js';
import { verihubs } from '../../simulator/vendors/verihubs/index.js';
import { base64Of, errorText, startVerihubs, tinyPng, type Sim } from './harness.js';

let sim: Sim;
afterEach(() => sim?.close());

const MISSING = errorText('invalid payload image not a standard b64/url or image empty string', 'INVALID_PAYLOAD_IMAGE_MISSING');

describe('quirk settings', () => {
  it('types every field as the spec does by default', async () => {
    sim = await startVerihubs();
    const res = await sim.post({ image: 'LIVE_PERSON_A_1' });
    const { liveness, image_quality: quality } = res.json as { liveness: Record<string, unknown>; image_quality: Record<string, unknown> };
    expect([typeof res.json.status_code, typeof res.json.timestamp, typeof res.json.nface]).toEqual(['string', 'number', 'number']);
    expect([typeof liveness.status, typeof liveness.probability]).toEqual(['boolean', 'string']);
    expect([typeof quality.blur_score, typeof quality.dark_score, typeof quality.blur]).toEqual(['string', 'string', 'boolean']);
  });

  it("switches every typing decision when asked (the Go client's string status among them)", async () => {
    sim = await startVerihubs({
      typing: { livenessStatus: 'string', probability: 'number', scores: 'number', statusCode: 'number', nface: 'string', timestamp: 'string' },
    });
    const plain = await startVerihubs();
    const typed = await sim.post({ image: 'LIVE_PERSON_A_1' });
    const spec = await plain.post({ image: 'LIVE_PERSON_A_1' });
    await plain.close();
    const s = spec.json as { liveness: { probability: string }; image_quality: { blur_score: string; dark_score: string } };
    expect(typed.json).toEqual({
      ...spec.json,
      status_code: 200,
      timestamp: String(spec.json.timestamp),
      nface: '1',
      liveness: { status: 'true', probability: Number(s.liveness.probability) },
      image_quality: { ...s.image_quality, blur_score: Number(s.image_quality.blur_score), dark_score: Number(s.image_quality.dark_score) },
    });
  });

  it('leaves error bodies alone whatever the typing', async () => {
    sim = await startVerihubs({ typing: { statusCode: 'number' } });
    expect((await sim.post({ image: 'NO_FACE_PHOTO' })).text).toBe(errorText('face not detected from image', 'FACE_NOT_DETECTED'));
  });

  it('refuses a data-URL prefix as not standard base64 with dataUrlPrefix "refuse"', async () => {
    sim = await startVerihubs({ dataUrlPrefix: 'refuse' });
    expect((await sim.post({ image: `data:image/jpeg;base64,${base64Of('face-1024x768.jpg')}` })).text).toBe(MISSING);
    expect((await sim.post({ image: base64Of('face-1024x768.jpg') })).status).toBe(200);
  });

  it.each(['is_quality', 'is_attribute', 'validate_quality', 'validate_attribute', 'validate_nface'])(
    'refuses %s: null with INVALID PAYLOAD when nullFlags is "refuse"',
    async (flag) => {
      sim = await startVerihubs({ nullFlags: 'refuse' });
      const res = await sim.post({ image: 'LIVE_PERSON_A_1', [flag]: null });
      expect(res.status).toBe(400);
      expect(res.text).toBe(errorText('no value in payload or empty string more than 1', 'INVALID PAYLOAD'));
    },
  );

  it('treats keywords as ordinary strings when sandboxKeywords is off', async () => {
    sim = await startVerihubs({ sandboxKeywords: false });
    expect((await sim.post({ image: 'LIVE_PERSON_A_1' })).text).toBe(MISSING);
    expect((await sim.post({ image: 'NO_FACE_PHOTO' })).text).toBe(MISSING);
  });

  it('applies a smaller maxImageBytes to decoded images', async () => {
    sim = await startVerihubs({ maxImageBytes: 10_000 });
    expect((await sim.post({ image: base64Of('face-1024x768.jpg') })).json.error_code).toBe('INVALID_PAYLOAD_IMAGE_SIZE');
    expect((await sim.post({ image: base64Of('face-small-320x240.jpg') })).status).toBe(200);
  });

  it('finds a face in any image when minFaceImageSide is 0', async () => {
    sim = await startVerihubs({ minFaceImageSide: 0 });
    expect((await sim.post({ image: tinyPng(1, 1).toString('base64') })).status).toBe(200);
  });
});

describe('settings schema', () => {
  const check = (values: Record<string, unknown>) => resolveSettings([verihubs], [{ source: 'test', values: { verihubs: values } }]);

  it('accepts --set flags for nested keys', () => {
    const flags = settingsFromFlags(['verihubs.typing.livenessStatus=string', 'verihubs.imageUrl.timeoutMs=200', 'verihubs.testingMode=true']);
    if (!flags.ok) throw new Error(flags.errors.join());
    const resolved = resolveSettings([verihubs], [flags.layer]);
    expect(resolved.ok && resolved.settings.verihubs).toMatchObject({
      typing: { livenessStatus: 'string', probability: 'string' },
      imageUrl: { timeoutMs: 200, maxRedirects: 3 },
      testingMode: true,
    });
  });

  it.each([
    [{ typing: { livenessStatus: 'int' } }, /livenessStatus/],
    [{ dataUrlPrefix: 'keep' }, /dataUrlPrefix/],
    [{ credentials: [{ appId: 'a' }] }, /apiKey/],
    [{ imageUrl: { timeoutMs: 0 } }, /timeoutMs/],
    [{ unknownKey: true }, /unknownKey/],
  ])('refuses %j with an error naming the field', (values, field) => {
    const resolved = check(values);
    expect(resolved.ok).toBe(false);
    if (!resolved.ok) expect(resolved.errors.join('\n')).toMatch(field);
  });
});
