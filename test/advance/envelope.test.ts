import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDouble, plainNumber, renderEnvelope, serialize } from '../../simulator/vendors/advance/envelope.js';

describe('ADVANCE.AI envelope serializer', () => {
  it.each([
    [100, '100.0'],
    [0, '0.0'],
    [87.5, '87.5'],
    [49.9, '49.9'],
    [50, '50.0'],
  ])('writes livenessScore %d as %s', (value, text) => {
    expect(formatDouble(value)).toBe(text);
    expect(serialize({ data: { livenessScore: value } })).toBe(`{"data":{"livenessScore":${text}}}`);
  });

  it('writes every other number as JSON does', () => {
    expect(serialize({ expiredTime: 1700000000000, attackType: 1, score: 100 })).toBe('{"expiredTime":1700000000000,"attackType":1,"score":100}');
  });

  it.each([
    [1e-7, '0.0000001', '0.0000001'],
    [1.5e-7, '0.00000015', '0.00000015'],
    [0.000001, '0.000001', '0.000001'],
    [-2.5e-8, '-0.000000025', '-0.000000025'],
    [1.23e-20, '0.0000000000000000000123', '0.0000000000000000000123'],
    [1e21, '1000000000000000000000', '1000000000000000000000.0'],
    [1.2345e21, '1234500000000000000000', '1234500000000000000000.0'],
    [99.99999999999999, '99.99999999999999', '99.99999999999999'],
  ])('never writes %d in exponent notation: %s (as livenessScore %s), and it reads back as the same number', (value, plain, score) => {
    expect(plainNumber(value)).toBe(plain);
    expect(formatDouble(value)).toBe(score);
    expect(Number(plain)).toBe(value);
    expect(serialize({ data: { livenessScore: value, farImageTime: value } })).toBe(`{"data":{"livenessScore":${score},"farImageTime":${plain}}}`);
  });

  it('writes any JSON value as JSON that reads back as the same value, members left undefined dropped as JSON.stringify drops them', () => {
    const member = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('livenessScore', 'data', 'code', 'x'), member), fc.jsonValue({ maxDepth: 4 }), (object, value) => {
        for (const input of [object, value, [value, object]]) expect(JSON.parse(serialize(input))).toEqual(JSON.parse(JSON.stringify(input)));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the attackType rule over scenario overrides: null at 50 or more, 3 under 50 when none is given', () => {
    const data = { livenessScore: 100, attackType: null };
    expect(renderEnvelope({ outcome: 'success', data, set: { 'data.attackType': 1 } }).data).toEqual({ livenessScore: 100, attackType: null });
    expect(renderEnvelope({ outcome: 'success', data, set: { 'data.livenessScore': 10 } }).data).toEqual({ livenessScore: 10, attackType: 3 });
    expect(data).toEqual({ livenessScore: 100, attackType: null });
  });

  it('renders errors with data and extra null whatever data is passed', () => {
    expect(renderEnvelope({ outcome: 'error', data: { x: 1 } })).toMatchObject({
      code: 'ERROR',
      message: 'Server error',
      data: null,
      extra: null,
      pricingStrategy: 'FREE',
    });
  });
});
