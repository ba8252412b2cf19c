import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSimulator, SimulatorConfigError, type RunningSimulator } from '../../simulator/server.js';
import { serveCli } from '../cli/spawn.js';
import { fixture } from '../support/fixtures.js';

/** README "Contracts": --validate-responses holds every vendor answer to its schema before sending it. */
const dir = mkdtempSync(join(tmpdir(), 'validate-responses-'));
writeFileSync(join(dir, 'odd.yaml'), 'version: 1\nid: fpt/odd-score\noutcome: live\nset:\n  liveness.spoof_prob: "low"\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const upload = (url: string, scenario?: string) => {
  const form = new FormData();
  form.append('video', new Blob([fixture('video-720p-25fps-5s.mp4') as Uint8Array<ArrayBuffer>], { type: 'video/mp4' }), 'video.mp4');
  return fetch(`${url}/dmp/liveness/v3`, { method: 'POST', headers: { 'api-key': 'k', ...(scenario ? { 'x-sim-scenario': scenario } : {}) }, body: form });
};
const verihubs = (url: string) =>
  fetch(`${url}/v1/face/liveness`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'app-id': 'a', 'api-key': 'k' },
    body: JSON.stringify({ image: Buffer.from(fixture('face-1024x768.jpg')).toString('base64') }),
  });

describe('--validate-responses', () => {
  let checked: RunningSimulator;
  let unchecked: RunningSimulator;
  beforeAll(async () => {
    checked = await startSimulator({ port: 0, scenarioDirs: [dir], validateResponses: true, settings: { verihubs: { typing: { probability: 'number' } } } });
    unchecked = await startSimulator({ port: 0, scenarioDirs: [dir] });
  });
  afterAll(async () => {
    await checked.close();
    await unchecked.close();
  });

  it("answers a scenario that breaks the contract with the simulator's 500 naming the JSON path, and logs it loudly", async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const response = await upload(checked.url, 'fpt/odd-score');
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await response.json()) as Record<string, unknown>;
      expect(problem).toMatchObject({
        type: 'urn:liveness-sim:problem:contract-broken',
        status: 500,
        schema: 'contracts/fpt/liveness.response.schema.json',
        errors: [{ path: '/liveness/spoof_prob', message: expect.stringContaining('saw "low"') }],
      });
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/CONTRACT BROKEN: the fpt liveness-v3 answer[\s\S]*\/liveness\/spoof_prob/));
    } finally {
      log.mockRestore();
    }
  });

  it('is off by default: the same scenario answers its body as it is', async () => {
    const response = await upload(unchecked.url, 'fpt/odd-score');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { liveness: { spoof_prob: string } }).liveness.spoof_prob).toBe('low');
  });

  it('lets answers that keep their contract through unchanged, a switched Verihubs typing included', async () => {
    const fpt = await upload(checked.url);
    expect(fpt.status).toBe(200);
    expect(((await fpt.json()) as { code: string }).code).toBe('200');
    const switched = await verihubs(checked.url);
    expect(switched.status).toBe(200);
    expect(typeof ((await switched.json()) as { liveness: { probability: unknown } }).liveness.probability).toBe('number');
  });

  it('is read from the config file, and a value that is not a boolean is refused', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'validate-responses-config-'));
    const config = join(configDir, 'config.yaml');
    writeFileSync(config, `validateResponses: true\nscenarios: [${JSON.stringify(dir)}]\n`);
    const fromFile = await startSimulator({ port: 0, configFile: config });
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect((await upload(fromFile.url, 'fpt/odd-score')).status).toBe(500);
    } finally {
      log.mockRestore();
      await fromFile.close();
    }
    writeFileSync(config, 'validateResponses: "yes"\n');
    await expect(startSimulator({ port: 0, configFile: config })).rejects.toThrow(SimulatorConfigError);
    await expect(startSimulator({ port: 0, configFile: config })).rejects.toThrow(/validateResponses: true or false/);
    rmSync(configDir, { recursive: true, force: true });
  });

  it('is switched on by SIM_VALIDATE_RESPONSES=1 for the CLI, and the banner says so', async () => {
    const cli = await serveCli(['--scenarios', dir], { env: { SIM_VALIDATE_RESPONSES: '1' } });
    try {
      expect(cli.stdout()).toContain('answers validated against contracts/');
      expect((await upload(cli.url, 'fpt/odd-score')).status).toBe(500);
      await vi.waitFor(() => expect(cli.stderr()).toContain('CONTRACT BROKEN'));
    } finally {
      cli.child.kill('SIGKILL');
      await cli.exited;
    }
  });
});
