import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './spawn.js';

/** README "Contracts": `liveness-sim contracts check` holds recorded traffic to the vendor contracts. */
const dir = mkdtempSync(join(tmpdir(), 'contracts-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const example = (path: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../contracts/examples/${path}`, import.meta.url)), 'utf8'));

/** A HAR entry as a browser or a proxy exports it. */
function entry(
  method: string,
  url: string,
  response: unknown,
  request?: { mimeType: string; text?: string; params?: { name: string; value?: string; fileName?: string }[] },
) {
  return {
    request: {
      method,
      url,
      headers: [],
      queryString: [...new URL(url).searchParams].map(([name, value]) => ({ name, value })),
      ...(request ? { postData: request } : {}),
    },
    response: { status: 200, headers: [], content: { mimeType: 'application/json', text: JSON.stringify(response) } },
  };
}
const har = (name: string, entries: unknown[]) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } }));
  return file;
};
const fptUpload = {
  mimeType: 'multipart/form-data; boundary=x',
  params: [
    { name: 'video', fileName: 'video.mp4' },
    { name: 'cmnd', fileName: 'face.jpg' },
  ],
};
const json = (body: unknown) => ({ mimeType: 'application/json', text: JSON.stringify(body) });

describe('liveness-sim contracts check', () => {
  it("passes recorded traffic that keeps its contracts, on the vendors' hosts, regional ones included, and skips other traffic", () => {
    const file = har('good.har', [
      entry('POST', 'https://api.fpt.ai/dmp/liveness/v3', example('fpt/sample-success.json'), fptUpload),
      entry(
        'POST',
        'https://api.verihubs.com/v1/face/liveness',
        example('verihubs/error-invalid-payload.json'),
        json({ image: 'aGVsbG8=', validate_nface: true }),
      ),
      entry(
        'POST',
        'https://my-api.advance.ai/my/openapi/face-identity/v1/liveness-detection',
        example('advance/detection-result-pass.json'),
        json({ livenessId: 'abc', resultType: 'IMAGE_URL' }),
      ),
      entry('GET', 'https://api.advance.ai/liveness/ext/v1/clear-data?livenessId=abc', {
        code: 'SUCCESS',
        message: 'OK',
        data: null,
        extra: null,
        transactionId: '196eb0c777789e58',
        pricingStrategy: 'FREE',
      }),
      entry('GET', 'https://cdn.example.com/app.js', 'not ours'),
    ]);
    const result = runCli(['contracts', 'check', file]);
    expect(result.stdout.trim()).toBe('4 exchange(s) keep their contracts, 1 other exchange(s) skipped (no vendor operation)');
    expect(result.status).toBe(0);
  });

  it('catches each mutation of a golden example, naming the exchange and the JSON path, and exits 1', () => {
    const isLiveBoolean = example('fpt/sample-success.json');
    isLiveBoolean.liveness.is_live = true;
    const extraKey = example('fpt/sample-error-407.json');
    extraKey.liveness.score = '1';
    const missingKey = example('fpt/sample-error-413.json');
    delete missingKey.face_match.isMatch;
    const attackTypeString = example('advance/detection-result-silent-attack.json');
    attackTypeString.data.attackType = '3';
    const pricing = example('advance/detection-result-pass.json');
    pricing.pricingStrategy = 'PAID';
    const noSpace = example('verihubs/error-invalid-payload.json');
    noSpace.error_code = 'INVALID_PAYLOAD';
    const file = har('bad.har', [
      entry('POST', 'https://api.fpt.ai/dmp/liveness/v3', isLiveBoolean, fptUpload),
      entry('POST', 'https://api.fpt.ai/vision/ekyc/liveness', extraKey, fptUpload),
      entry('POST', 'https://api.fpt.ai/dmp/liveness/v3', missingKey, fptUpload),
      entry('POST', 'https://api.advance.ai/openapi/liveness/v3/detection-result', attackTypeString, json({ livenessId: 'abc' })),
      entry('POST', 'https://sg-api.advance.ai/intl/openapi/face-identity/v1/liveness-detection', pricing, json({ signatureId: 'abc', region: 'SGP' })),
      entry('POST', 'https://api.verihubs.com/v1/face/liveness', noSpace, json({})),
    ]);
    const result = runCli(['contracts', 'check', file]);
    expect(result.status).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        `${file} #1 POST /dmp/liveness/v3 (fpt.liveness) response: /liveness/is_live: must be one of "true", "false", "N/A"; saw true`,
        `${file} #2 POST /vision/ekyc/liveness (fpt.liveness) response: /liveness/score: is not in the contract: strict clients (Jackson, Go, C# records) fail on an unknown key`,
        `${file} #3 POST /dmp/liveness/v3 (fpt.liveness) response: /face_match/isMatch: is missing (the contract requires it)`,
        `${file} #4 POST /openapi/liveness/v3/detection-result (advance.detection-result) response: /data/attackType: must be one of null, 1, 2, 3; saw "3"`,
        `${file} #5 POST /intl/openapi/face-identity/v1/liveness-detection (advance.detection-result) response: /pricingStrategy: must be "PAY"; saw "PAID"`,
        expect.stringMatching(
          /^\S+ #6 POST \/v1\/face\/liveness \(verihubs\.liveness\) response: \/error_code: must be one of "FAIL_ON_2".*saw "INVALID_PAYLOAD"$/,
        ),
        `${file} #6 POST /v1/face/liveness (verihubs.liveness) request: /image: is missing (the contract requires it)`,
      ]),
    );
    expect(lines.at(-1)).toMatch(/^\d+ mismatch\(es\) in 6 exchange\(s\)$/);
  });

  it('checks a plain JSON body with --operation, and reports as JSON with --json', () => {
    const body = example('advance/detection-result-pass.json');
    body.data.livenessScore = '100.0';
    const file = join(dir, 'body.json');
    writeFileSync(file, JSON.stringify(body));
    const result = runCli(['contracts', 'check', file, '--operation', 'advance.detection-result', '--json']);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      checked: 1,
      skipped: [],
      mismatches: [
        {
          file,
          exchange: null,
          method: null,
          path: null,
          operation: 'advance.detection-result',
          part: 'response',
          at: '/data/livenessScore',
          message: 'must be number; saw "100.0" (string)',
        },
      ],
    });
  });

  it('holds Verihubs success bodies of an account with switched typing to the any-typing schema with --verihubs-typing any', () => {
    const body = example('verihubs/success.json');
    body.liveness.status = 'true';
    body.liveness.probability = 99.87;
    const file = har('typing.har', [entry('POST', 'https://api.verihubs.com/v1/face/liveness', body, json({ image: 'aGVsbG8=' }))]);
    const strict = runCli(['contracts', 'check', file]);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('(verihubs.liveness) response: /liveness/status: must be boolean; saw "true" (string)');
    const switched = runCli(['contracts', 'check', file, '--verihubs-typing', 'any']);
    expect(switched.stdout.trim()).toBe('1 exchange(s) keep their contracts');
    expect(switched.status).toBe(0);
    body.liveness.status = 'yes';
    const plain = join(dir, 'typing.json');
    writeFileSync(plain, JSON.stringify(body));
    const broken = runCli(['contracts', 'check', plain, '--operation', 'verihubs.liveness', '--verihubs-typing', 'any']);
    expect(broken.stdout).toContain('response: /liveness/status:');
    expect(broken.status).toBe(1);
  });

  it('checks a plain JSON body as the request with --as request', () => {
    const file = join(dir, 'request.json');
    writeFileSync(file, JSON.stringify({ image: 'aGVsbG8=', validate_nface: 'yes' }));
    const result = runCli(['contracts', 'check', file, '--operation', 'verihubs.liveness', '--as', 'request']);
    expect(result.stdout.startsWith(`${file} (verihubs.liveness) request: /validate_nface: `), result.stdout).toBe(true);
    expect(result.status).toBe(1);
    writeFileSync(file, JSON.stringify({ image: 'aGVsbG8=', validate_nface: true }));
    expect(runCli(['contracts', 'check', file, '--operation', 'verihubs.liveness', '--as', 'request']).status).toBe(0);
  });

  it('refuses a plain body without --operation, an unknown operation, --as or --verihubs-typing value, a missing file and a missing subcommand, with exit status 2', () => {
    const file = join(dir, 'plain.json');
    writeFileSync(file, '{}');
    for (const [args, said] of [
      [['contracts', 'check', file], /needs --operation/],
      [['contracts', 'check', file, '--operation', 'fpt.live'], /--operation "fpt.live": one of fpt.liveness/],
      [['contracts', 'check', join(dir, 'nothing.har')], /nothing\.har: ENOENT/],
      [['contracts'], /subcommand check/],
      [['contracts', 'check'], /which files/],
      [['contracts', 'check', file, '--operation', 'fpt.liveness', '--as', 'reply'], /--as "reply": request or response/],
      [['contracts', 'check', file, '--verihubs-typing', 'loose'], /--verihubs-typing "loose": default or any/],
    ] as const) {
      const result = runCli([...args]);
      expect(result.stderr, args.join(' ')).toMatch(said);
      expect(result.status, args.join(' ')).toBe(2);
    }
  });
});
