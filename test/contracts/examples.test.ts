import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatErrors, schemas, validateAgainst, validateResponse, type OperationName, type SchemaName } from '../../simulator/contracts/index.js';

/** contracts/examples/<vendor>/: the vendors' documented bodies, each held to its schema. */
const examplesDir = (vendor: string) => fileURLToPath(new URL(`../../contracts/examples/${vendor}/`, import.meta.url));
const examples = (vendor: string) =>
  readdirSync(examplesDir(vendor))
    .filter((name) => name.endsWith('.json'))
    .map((name) => [name, JSON.parse(readFileSync(examplesDir(vendor) + name, 'utf8'))] as const);
const clone = <T>(value: T): T => structuredClone(value);
const example = (vendor: string, name: string) => clone(examples(vendor).find(([n]) => n === name)![1]);

describe('the documented examples keep their schemas', () => {
  it.each([
    ['fpt', 'fpt.liveness', 5],
    ['verihubs', 'verihubs.liveness', 13],
    ['advance', 'advance.detection-result', 8],
  ] as const)('every %s example is valid against %s', (vendor, operation: OperationName, count) => {
    const found = examples(vendor);
    expect(found).toHaveLength(count);
    for (const [name, body] of found) expect(formatErrors(validateResponse(operation, body).errors), name).toBe('');
  });

  it('the Verihubs examples are valid in the any-typing variant too, and a switched typing only there', () => {
    const switched = example('verihubs', 'success.json');
    Object.assign(switched, { status_code: 200, nface: '1', timestamp: '1717000000000' });
    Object.assign(switched.liveness, { status: 'true', probability: 99.87 });
    Object.assign(switched.image_quality, { blur_score: 0.12, dark_score: 0.05 });
    expect(validateAgainst('verihubs/liveness.response.any-typing', switched).errors).toEqual([]);
    expect(validateAgainst('verihubs/liveness.response.any-typing', example('verihubs', 'success.json')).errors).toEqual([]);
    expect(validateResponse('verihubs.liveness', switched).errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['/status_code', '/nface', '/timestamp', '/liveness/status', '/liveness/probability', '/image_quality/blur_score']),
    );
  });

  it('every schema has an $id under the one base and its file name', () => {
    for (const [name, schema] of Object.entries(schemas)) expect(schema.$id).toBe(`https://liveness-sim.dev/contracts/${name}.schema.json`);
  });
});

describe('a broken body names the JSON path that broke', () => {
  const firstError = (operation: OperationName, body: unknown) => formatErrors(validateResponse(operation, body).errors).split('\n');

  it('FPT is_live as a real boolean', () => {
    const body = example('fpt', 'sample-success.json');
    body.liveness.is_live = true;
    expect(firstError('fpt.liveness', body)).toEqual(['/liveness/is_live: must be one of "true", "false", "N/A"; saw true']);
  });

  it('an extra key in FPT liveness, and a missing one', () => {
    const body = example('fpt', 'sample-success.json');
    body.liveness.score = '0.1';
    delete body.face_match.similarity;
    expect(firstError('fpt.liveness', body)).toEqual([
      '/liveness/score: is not in the contract: strict clients (Jackson, Go, C# records) fail on an unknown key',
      '/face_match/similarity: is missing (the contract requires it)',
    ]);
  });

  it('ADVANCE.AI attackType as a string, and pricingStrategy outside its enum', () => {
    const body = example('advance', 'detection-result-silent-attack.json');
    body.data.attackType = '3';
    expect(firstError('advance.detection-result', body)).toContain('/data/attackType: must be one of null, 1, 2, 3; saw "3"');
    const error = example('advance', 'error-result-not-found.json');
    error.pricingStrategy = 'CHARGE';
    expect(firstError('advance.detection-result', error)).toEqual(['/pricingStrategy: must be "FREE"; saw "CHARGE"']);
  });

  it('ADVANCE.AI attackType set while the score passes', () => {
    const body = example('advance', 'detection-result-pass.json');
    body.data.attackType = 1;
    expect(firstError('advance.detection-result', body)).toEqual(['/data/attackType: must be null; saw 1']);
  });

  it('Verihubs INVALID PAYLOAD spelled without its space', () => {
    const body = example('verihubs', 'error-invalid-payload.json');
    body.error_code = 'INVALID_PAYLOAD';
    expect(firstError('verihubs.liveness', body)).toContain(
      '/error_code: must be one of "FAIL_ON_2", "FAIL_ON_4", "FAIL_ON_6", "FAIL_ON_8", "FAIL_ON_10", "FAIL_ON_12", "FAIL_ON_14"; saw "INVALID_PAYLOAD"',
    );
  });

  it('a schema name that does not exist is a programming error, not a pass', () => {
    expect(() => validateAgainst('fpt/nothing' as SchemaName, {})).toThrow(/no contract schema/);
  });
});
