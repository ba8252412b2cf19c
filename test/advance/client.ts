import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import type { AdvanceSettings } from '../../simulator/vendors/advance/settings.js';

/** The vendor's documented demo pair (advance.md §1), configured by default. */
export const DEMO = { accessKey: 'sampleaccesskey', secretKey: 'samplesecretkey' } as const;
export const OTHER = { accessKey: 'otheraccesskey', secretKey: 'othersecretkey' } as const;
export const DISABLED = { accessKey: 'disabledaccesskey', secretKey: 'disabledsecretkey', disabled: true } as const;

export const PATHS = {
  token: '/openapi/auth/ticket/v1/generate-token',
  signatureId: '/liveness/ext/v1/generate-signature-id',
  license: '/openapi/liveness/v1/auth-license',
  detection: '/openapi/liveness/v3/detection-result',
  detectionIntl: '/intl/openapi/face-identity/v1/liveness-detection',
  getVideo: '/liveness/ext/v1/get-video',
  clearData: '/liveness/ext/v1/clear-data',
  captures: '/__sim/advance/captures',
} as const;

/**
 * A real simulator on loopback with only the ADVANCE.AI scenario catalogue (so other vendors'
 * files being edited meanwhile cannot break these tests).
 */
export function startAdvance(settings: Partial<AdvanceSettings> = {}): Promise<RunningSimulator> {
  return startSimulator({
    port: 0,
    noShippedScenarios: true,
    scenarioDirs: [fileURLToPath(new URL('../../scenarios/advance', import.meta.url))],
    settings: { advance: { accounts: [DEMO, OTHER, DISABLED], ...settings } },
  });
}

/** The signature as an integrator computes it: SHA-256 hex of accessKey + secretKey + timestamp. */
export const signatureOf = (accessKey: string, secretKey: string, timestamp: string | number) =>
  createHash('sha256').update(`${accessKey}${secretKey}${timestamp}`).digest('hex');

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, any>;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (for malformed bodies). */
  rawBody?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

/** A minimal ADVANCE.AI client over fetch, as integrators write it. */
/**
 * A simulator for the enclosing describe block: started before its tests, closed after.
 * `sim()` is the running simulator; `api` talks to it.
 */
export function useAdvance(settings: Partial<AdvanceSettings> = {}) {
  let running: RunningSimulator | undefined;
  const sim = () => running ?? expect.unreachable('the simulator starts in beforeAll');
  beforeAll(async () => {
    running = await startAdvance(settings);
  });
  afterAll(() => running?.close());
  return { sim, api: clientFor(sim) };
}

export function clientFor(simulator: RunningSimulator | (() => RunningSimulator)) {
  const current = typeof simulator === 'function' ? simulator : () => simulator;
  async function call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
    const url = new URL(path, current().url);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers['X-ACCESS-TOKEN'] = options.token;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['Content-Type'] ??= 'application/json';
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    let json: Record<string, any> = {};
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON (media, XML)
    }
    return { status: response.status, headers: response.headers, text, json };
  }
  const now = () => current().engine.clock.now();

  async function tokenOf(account: { accessKey: string; secretKey: string } = DEMO, extra: Record<string, unknown> = {}): Promise<string> {
    const timestamp = String(now());
    const reply = await call('POST', PATHS.token, {
      body: { accessKey: account.accessKey, timestamp, signature: signatureOf(account.accessKey, account.secretKey, timestamp), ...extra },
    });
    expect(reply.json.code, reply.text).toBe('SUCCESS');
    return reply.json.data.token as string;
  }

  async function signatureIdOf(token: string): Promise<string> {
    const reply = await call('GET', PATHS.signatureId, { token });
    expect(reply.json.code, reply.text).toBe('SUCCESS');
    return reply.json.data.signatureId as string;
  }

  async function capture(body: Record<string, unknown>): Promise<Record<string, any>> {
    const reply = await call('POST', PATHS.captures, { body });
    expect(reply.status, reply.text).toBe(201);
    return reply.json;
  }

  const detect = (token: string, body: Record<string, unknown>, path: string = PATHS.detection) => call('POST', path, { token, body });
  const advanceClock = (by: string) => call('POST', '/__sim/clock', { body: { advance: by, credential: '*' } });

  return { call, now, tokenOf, signatureIdOf, capture, detect, advanceClock };
}

/** advance.md "Conventions": the six keys, in order. */
export const ENVELOPE_KEYS = ['code', 'message', 'data', 'extra', 'transactionId', 'pricingStrategy'];

/** An error envelope, exactly: HTTP 200, data and extra null, FREE, a 16-hex transaction id. */
export function expectError(reply: Reply, code: string, message: string, status = 200): void {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.headers.get('content-type')).toBe('application/json;charset=UTF-8');
  expect(Object.keys(reply.json)).toEqual(ENVELOPE_KEYS);
  expect(reply.json).toEqual({ code, message, data: null, extra: null, transactionId: expect.stringMatching(/^[0-9a-f]{16}$/), pricingStrategy: 'FREE' });
}

/** A success envelope: HTTP 200, "OK", extra null; returns `data`. */
export function expectSuccess(reply: Reply, pricing: 'PAY' | 'FREE' = 'FREE'): Record<string, any> {
  expect(reply.status, reply.text).toBe(200);
  expect(Object.keys(reply.json)).toEqual(ENVELOPE_KEYS);
  expect(reply.json).toMatchObject({ code: 'SUCCESS', message: 'OK', extra: null, pricingStrategy: pricing });
  expect(reply.json.transactionId).toMatch(/^[0-9a-f]{16}$/);
  return reply.json.data;
}

/** The detection `data` keys, in the seed's order. */
export const RESULT_KEYS = [
  'detectionResult',
  'livenessScore',
  'auditImageUrl',
  'imageFarUrl',
  'farImageTime',
  'imageNearUrl',
  'nearImageTime',
  'attackType',
  'attackSubType',
];

/**
 * The simulator's clock is real time plus an offset (it cannot be frozen from startSimulator),
 * so a time it stamps is checked against the clock read just before and just after the call.
 */
export function expectStampedBetween(value: unknown, before: number, after: number, plusMs = 0): void {
  expect(typeof value).toBe('number');
  expect(value as number).toBeGreaterThanOrEqual(before + plusMs);
  expect(value as number).toBeLessThanOrEqual(after + plusMs);
}
