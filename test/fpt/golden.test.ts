import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { fixture } from '../support/fixtures.js';
import { postFpt } from '../support/fpt-client.js';

/** The seed's own example bodies (contracts/examples/fpt/README.md) against what the simulator answers. */
const golden = (name: string) => JSON.parse(readFileSync(new URL(`../../contracts/examples/fpt/${name}.json`, import.meta.url), 'utf8'));

/** Same keys in the same order and the same JSON type at every leaf. */
function shapeOf(value: unknown): unknown {
  if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => [k, shapeOf(v)]);
  return typeof value;
}

describe("FPT.AI bodies match the seed's examples", () => {
  let sim: RunningSimulator;
  const video = { bytes: fixture('video-720p-25fps-5s.mp4') };
  const cmnd = { bytes: fixture('face-1024x768.jpg') };
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterAll(() => sim.close());

  it.each([
    ['response-low-resolution', 'fpt/seed-response', true],
    ['sample-success', 'fpt/seed-success', true],
    ['sample-error-407', 'fpt/no-face-in-image', false],
    ['sample-error-413', 'fpt/still-image', false],
    ['sample-error-409', 'fpt/invalid-image', false],
  ])('%s: %s answers the same shape, types and codes', async (name, scenario, valueForValue) => {
    const expected = golden(name);
    const { text, json } = await postFpt(sim.url, { video, cmnd }, { 'api-key': 'k', 'x-sim-scenario': scenario });
    expect(shapeOf(json)).toEqual(shapeOf(expected));
    expect([json.code, json.message, json.liveness.code, json.face_match.code, json.face_match.message]).toEqual([
      expected.code,
      expected.message,
      expected.liveness.code,
      expected.face_match.code,
      expected.face_match.message,
    ]);
    expect(json.liveness.is_live).toBe(expected.liveness.is_live);
    if (valueForValue) expect(text).toBe(JSON.stringify(expected));
  });
});
