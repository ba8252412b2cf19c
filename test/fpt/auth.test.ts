import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { fixture } from '../support/fixtures.js';
import { postFpt } from '../support/fpt-client.js';

const video = { bytes: fixture('video-720p-25fps-5s.mp4') };

describe('FPT.AI authentication', () => {
  describe('with no keys configured (local development)', () => {
    let sim: RunningSimulator;
    beforeAll(async () => {
      sim = await startSimulator({ port: 0 });
    });
    afterAll(() => sim.close());

    it.each([['api-key'], ['api_key'], ['API-KEY'], ['Api_Key']])('accepts any non-empty key in header %s', async (header) => {
      const { status, json } = await postFpt(sim.url, { video }, { [header]: 'whatever' });
      expect(status).toBe(200);
      expect(json.code).toBe('200');
    });

    it.each([
      ['no key', {}],
      ['an empty key', { 'api-key': '' }],
      ['a blank key', { api_key: '   ' }],
    ])('answers HTTP 401 {"code":"401","message":"Invalid API key"} to %s', async (_name, headers) => {
      const { status, text } = await postFpt(sim.url, { video }, headers);
      expect(status).toBe(401);
      expect(text).toBe('{"code":"401","message":"Invalid API key"}');
    });
  });

  describe('with keys configured', () => {
    let sim: RunningSimulator;
    beforeAll(async () => {
      sim = await startSimulator({ port: 0, settings: { fpt: { apiKeys: ['good-key'] } } });
    });
    afterAll(() => sim.close());

    it('accepts a configured key and refuses another', async () => {
      expect((await postFpt(sim.url, { video }, { 'api-key': 'good-key' })).json.code).toBe('200');
      const refused = await postFpt(sim.url, { video }, { 'api-key': 'other-key' });
      expect(refused.status).toBe(401);
      expect(refused.json).toEqual({ code: '401', message: 'Invalid API key' });
    });
  });

  it('answers in the eKYC style (HTTP 200, code "400") when authFailure is "ekyc", and 400 under mirror', async () => {
    const sim = await startSimulator({ port: 0, set: ['fpt.authFailure=ekyc'] });
    try {
      const { status, text } = await postFpt(sim.url, { video }, {});
      expect(status).toBe(200);
      expect(text).toBe('{"code":"400","message":"api-key must be provided"}');
    } finally {
      await sim.close();
    }
    const mirrored = await startSimulator({ port: 0, set: ['fpt.authFailure=ekyc', 'fpt.httpStatus=mirror'] });
    try {
      expect((await postFpt(mirrored.url, { video }, {})).status).toBe(400);
    } finally {
      await mirrored.close();
    }
  });
});
