import { describe, expect, it } from 'vitest';
import { formatDouble, renderEnvelope, serialize } from '../../simulator/vendors/advance/envelope.js';

describe('ADVANCE.AI envelope serializer', () => {
  it.each([[100, '100.0'], [0, '0.0'], [87.5, '87.5'], [49.9, '49.9'], [50, '50.0']])('writes livenessScore %d as %s', (value, text) => {
    expect(formatDouble(value)).toBe(text);
    expect(serialize({ data: { livenessScore: value } })).toBe(`{"data":{"livenessScore":${text}}}`);
  });

  it('writes every other number as JSON does', () => {
    expect(serialize({ expiredTime: 1700000000000, attackType: 1, score: 100 })).toBe('{"expiredTime":1700000000000,"attackType":1,"score":100}');
  });

  it('keeps the attackType rule over scenario overrides: null at 50 or more, 3 under 50 when none is given', () => {
    const data = { livenessScore: 100, attackType: null };
    expect(renderEnvelope({ outcome: 'success', data, set: { 'data.attackType': 1 } }).data).toEqual({ livenessScore: 100, attackType: null });
    expect(renderEnvelope({ outcome: 'success', data, set: { 'data.livenessScore': 10 } }).data).toEqual({ livenessScore: 10, attackType: 3 });
    expect(data).toEqual({ livenessScore: 100, attackType: null });
  });

  it('renders errors with data and extra null whatever data is passed', () => {
    expect(renderEnvelope({ outcome: 'error', data: { x: 1 } })).toMatchObject({ code: 'ERROR', message: 'Server error', data: null, extra: null, pricingStrategy: 'FREE' });
  });
});
