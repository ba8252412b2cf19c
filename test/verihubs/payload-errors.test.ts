import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../simulator/vendors/verihubs/codes.js';
import { AUTH, base64Of, errorText, startVerihubs, type Sim } from './harness.js';

let sim: Sim;
beforeAll(async () => {
  sim = await startVerihubs();
});
afterAll(() => sim.close());

const exact = (code: keyof typeof ERROR_CODES) => errorText(ERROR_CODES[code].message, code);
const jpeg = () => base64Of('face-1024x768.jpg');

describe('malformed requests get the vendor payload errors, never a 500', () => {
  it.each([
    ['an empty body', '', { 'Content-Type': 'application/json' }],
    ['unparseable JSON', '{"image": ', { 'Content-Type': 'application/json' }],
    ['a JSON array', '[{"image":"LIVE_PERSON_A_1"}]', { 'Content-Type': 'application/json' }],
    ['a JSON string', '"LIVE_PERSON_A_1"', { 'Content-Type': 'application/json' }],
    ['JSON null', 'null', { 'Content-Type': 'application/json' }],
    ['invalid UTF-8', '\uFFFD', { 'Content-Type': 'application/json' }],
    ['a form-encoded body', 'image=LIVE_PERSON_A_1', { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ['JSON sent as text/plain', '{"image":"LIVE_PERSON_A_1"}', { 'Content-Type': 'text/plain' }],
  ])('answers INVALID PAYLOAD (400, with its space) for %s', async (_name, body, headers) => {
    const res = await sim.post(body, { raw: true, headers: { ...AUTH, ...headers } });
    expect(res.status).toBe(400);
    expect(res.text).toBe(exact('INVALID PAYLOAD'));
  });

  it('answers INVALID PAYLOAD for JSON whose bytes are not UTF-8, and then a valid body as usual', async () => {
    const json = new TextEncoder().encode('{"image":"LIVE_PERSON_A_1"}');
    const notUtf8 = new Uint8Array([...json.slice(0, -2), 0xff, ...json.slice(-2)]);
    const headers = { ...AUTH, 'Content-Type': 'application/json' };
    const bad = await sim.post(notUtf8, { raw: true, headers });
    expect(bad.status).toBe(400);
    expect(bad.text).toBe(exact('INVALID PAYLOAD'));
    // one decoder serves every body: a refusal leaves nothing behind for the next
    const good = await sim.post(json, { raw: true, headers });
    expect(good.status).toBe(200);
    expect(good.json.liveness).toMatchObject({ status: true });
  });

  it('answers INVALID PAYLOAD for a multipart upload (the API takes JSON)', async () => {
    const form = new FormData();
    form.append('image', 'LIVE_PERSON_A_1');
    const res = await fetch(`${sim.url}/v1/face/liveness`, { method: 'POST', headers: AUTH, body: form });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(exact('INVALID PAYLOAD'));
  });

  it('reads JSON sent with no Content-Type at all', async () => {
    // Bytes, not a string: fetch would add "text/plain" to a string body.
    const res = await sim.post(new TextEncoder().encode('{"image":"LIVE_PERSON_A_1"}'), { raw: true, headers: AUTH });
    expect(res.status).toBe(200);
  });

  it.each([
    ['{}', {}, 'INVALID PAYLOAD'],
    ['only nulls', { image: null, is_quality: null }, 'INVALID PAYLOAD'],
    ['two empty strings', { image: '', is_quality: '' }, 'INVALID PAYLOAD'],
    ['no image key', { is_quality: true }, 'MISSING_PAYLOAD_IMAGE'],
    ['an unknown key only', { photo: jpeg() }, 'MISSING_PAYLOAD_IMAGE'],
    ['image null beside a flag', { image: null, validate_nface: true }, 'MISSING_PAYLOAD_IMAGE'],
    ['an empty image', { image: '' }, 'INVALID_PAYLOAD_IMAGE_MISSING'],
    ['an image that is a number', { image: 12345 }, 'INVALID PAYLOAD'],
    ['an image that is an object', { image: { data: 'x' } }, 'INVALID PAYLOAD'],
    ['an image that is a list', { image: ['LIVE_PERSON_A_1'] }, 'INVALID PAYLOAD'],
    ['a flag as the string "true"', { image: 'LIVE_PERSON_A_1', is_quality: 'true' }, 'INVALID PAYLOAD'],
    ['a flag as 1', { image: 'LIVE_PERSON_A_1', validate_nface: 1 }, 'INVALID PAYLOAD'],
    ['a flag as an empty string', { image: 'LIVE_PERSON_A_1', is_attribute: '' }, 'INVALID PAYLOAD'],
    ['plain text', { image: 'not an image at all' }, 'INVALID_PAYLOAD_IMAGE_MISSING'],
    ['URL-safe base64 (-_)', { image: 'ab-_' }, 'INVALID_PAYLOAD_IMAGE_MISSING'],
    ['base64 without its padding ("QUJDRA" for "QUJDRA==")', { image: 'QUJDRA' }, 'INVALID_PAYLOAD_IMAGE_MISSING'],
    ['base64 with line breaks', { image: jpeg().replace(/(.{76})/g, '$1\n') }, 'INVALID_PAYLOAD_IMAGE_MISSING'],
    ['an ftp URL', { image: 'ftp://example.com/face.jpg' }, 'INVALID_PAYLOAD_IMAGE_MISSING'],
    ['an http URL that does not parse', { image: 'http://exa mple.com/face.jpg' }, 'INVALID_PAYLOAD_IMAGE_MISSING'],
    ['a data URL of another type', { image: `data:application/octet-stream;base64,${jpeg()}` }, 'INVALID_PAYLOAD_IMAGE_MISSING'],
    ['valid base64 of a few bytes', { image: 'AAAA' }, 'INVALID_PAYLOAD_IMAGE_FORMAT'],
    ['validate_quality without is_quality', { image: jpeg(), is_quality: false, validate_quality: true }, 'INVALID_PAYLOAD_QUALITY_VALIDATION_DEPENDENCY'],
    [
      'validate_attribute without is_attribute',
      { image: jpeg(), is_attribute: false, validate_attribute: true },
      'INVALID_PAYLOAD_ATTRIBUTE_VALIDATION_DEPENDENCY',
    ],
    [
      'both dependencies broken (quality is checked first)',
      { image: jpeg(), is_quality: false, validate_quality: true, is_attribute: false, validate_attribute: true },
      'INVALID_PAYLOAD_QUALITY_VALIDATION_DEPENDENCY',
    ],
    [
      'a dependency broken and no usable image (flags are checked first)',
      { image: 'junk!', is_quality: false, validate_quality: true },
      'INVALID_PAYLOAD_QUALITY_VALIDATION_DEPENDENCY',
    ],
  ] as const)('answers %s with %s', async (_name, body, code) => {
    const res = await sim.post(body);
    expect(res.status).toBe(ERROR_CODES[code].status);
    expect(res.text).toBe(exact(code));
  });

  it('takes null flags as their defaults (the PHP library sends them)', async () => {
    const res = await sim.post({
      image: 'LIVE_PERSON_BLUR_A_2',
      is_quality: null,
      is_attribute: null,
      validate_quality: null,
      validate_attribute: null,
      validate_nface: null,
    });
    expect(res.status).toBe(200);
    expect(res.json.message).toBe('Request Success');
    expect(Object.keys(res.json)).toContain('image_quality');
    expect(Object.keys(res.json)).toContain('attributes');
  });

  it('ignores keys it does not know', async () => {
    const res = await sim.post({ image: 'LIVE_PERSON_A_1', reference_id: 'abc', extra: { nested: true } });
    expect(res.status).toBe(200);
  });

  it('answers INVALID_PAYLOAD_IMAGE_SIZE when the body is over the transport cap', async () => {
    // The HTTP host refuses bodies over maxRequestBytes (16 MiB) before the vendor sees them; the
    // only field that can be that large is the image.
    const big = `{"image":"${'A'.repeat(16 * 1024 * 1024 + 16)}"}`;
    const res = await sim.post(big, { raw: true, headers: { ...AUTH, 'Content-Type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.text).toBe(exact('INVALID_PAYLOAD_IMAGE_SIZE'));
  });
});
