import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { fixture } from '../support/fixtures.js';
import { postFpt } from '../support/fpt-client.js';

/**
 * Scenarios never hide a malformed request (DESIGN.md "Outcomes, scenarios and realism"): after
 * authentication, the vendor's structural checks answer first; only a well-formed upload reaches
 * the scenario, which still renders by the composition rules. `skipRequestChecks: true` in a
 * scenario file restores the old behaviour.
 */
const video = { bytes: fixture('video-720p-25fps-5s.mp4') };
const cmnd = { bytes: fixture('face-1024x768.jpg') };
const NA_FACE_MATCH = { code: 'N/A', message: 'N/A', isMatch: 'N/A', similarity: 'N/A', warning: 'N/A' };
const invalid = (message: string) => ({
  code: '409',
  message,
  liveness: expect.objectContaining({ code: '409', message }),
  face_match: expect.objectContaining({ code: '409', message }),
});

describe('FPT.AI: structural checks come before any scenario', () => {
  let sim: RunningSimulator;
  let dir: string;
  const as = (scenario: string, parts: Parameters<typeof postFpt>[1]) => postFpt(sim.url, parts, { 'api-key': 'k', 'X-Sim-Scenario': scenario });
  const admin = async (method: string, path: string, body?: unknown) =>
    (await (
      await fetch(`${sim.url}/__sim${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    ).json()) as { armed: unknown[] };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fpt-checks-'));
    writeFileSync(join(dir, 'lenient.yaml'), 'version: 1\nid: fpt/lenient-live\noutcome: live\nskipRequestChecks: true\n');
    sim = await startSimulator({ port: 0, scenarioDirs: [dir] });
  });
  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await admin('POST', '/reset', { credential: '*' });
  });

  it('answers fpt/live without a video part with 409 "Invalid upload video" in all three blocks', async () => {
    const { status, json } = await as('fpt/live', { cmnd });
    expect(status).toBe(200);
    expect(json).toEqual(invalid('Invalid upload video'));
  });

  it('answers fpt/live with an empty video part with 409 "Invalid upload video"', async () => {
    expect((await as('fpt/live', { video: { bytes: new Uint8Array(0) } })).json).toEqual(invalid('Invalid upload video'));
  });

  it('answers fpt/face-match with cmnd sent as text with 409 "Invalid upload image"', async () => {
    expect((await as('fpt/face-match', { video, cmnd: 'https://example.com/face.jpg' })).json).toEqual(invalid('Invalid upload image'));
  });

  it('renders fpt/face-match without cmnd by the composition rule: face_match all "N/A"', async () => {
    const { json } = await as('fpt/face-match', { video });
    expect(json).toMatchObject({ code: '200', liveness: { code: '200', is_live: 'true' } });
    expect(json.face_match).toEqual(NA_FACE_MATCH);
  });

  it('still renders fpt/face-match with a cmnd file as a match', async () => {
    expect((await as('fpt/face-match', { video, cmnd })).json.face_match).toMatchObject({ code: '200', isMatch: 'true' });
  });

  it('leaves an armed scenario armed when the upload is malformed', async () => {
    await admin('POST', '/scenarios/armed', { scenario: 'fpt/no-face', times: 1, credential: '*' });
    expect((await postFpt(sim.url, {}, { 'api-key': 'k' })).json.code).toBe('409');
    expect((await admin('GET', '/scenarios/armed')).armed).toEqual([expect.objectContaining({ scenarioId: 'fpt/no-face', remaining: 1 })]);
    expect((await postFpt(sim.url, { video }, { 'api-key': 'k' })).json.code).toBe('410');
  });

  it('lets a scenario with skipRequestChecks: true answer even without a video part', async () => {
    const { json } = await as('fpt/lenient-live', {});
    expect(json).toMatchObject({ code: '200', liveness: { is_live: 'true' } });
    expect(json.face_match).toEqual(NA_FACE_MATCH);
  });

  it('still authenticates first, even for a scenario with skipRequestChecks', async () => {
    const refused = await postFpt(sim.url, {}, { 'X-Sim-Scenario': 'fpt/lenient-live' });
    expect(refused.status).toBe(401);
  });
});
