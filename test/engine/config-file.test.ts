import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEngine, startSimulator } from '../../simulator/server.js';
import { fixture } from '../support/fixtures.js';
import { postFpt } from '../support/fpt-client.js';

const write = (name: string, text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'sim-config-')), name);
  writeFileSync(path, text);
  return path;
};

describe('the config file (--config)', () => {
  it('sets vendor quirks, extra scenario folders and the admin token; --set wins over it', async () => {
    const scenarios = mkdtempSync(join(tmpdir(), 'sim-config-scenarios-'));
    writeFileSync(join(scenarios, 'mine.yaml'), 'version: 1\nid: fpt/from-config\ndescription: d\noutcome: face-too-small\n');
    const configFile = write(
      'sim.yaml',
      `adminToken: t0ken\nscenarios: [${JSON.stringify(scenarios)}]\nvendors:\n  fpt:\n    httpStatus: mirror\n    apiKeys: [cfg-key]\n`,
    );
    const sim = await startSimulator({ port: 0, configFile, set: ['fpt.apiKeys=[flag-key]'] });
    try {
      const video = { bytes: fixture('video-720p-25fps-5s.mp4') };
      expect((await postFpt(sim.url, {}, { 'api-key': 'flag-key' })).status).toBe(409);
      expect((await postFpt(sim.url, { video }, { 'api-key': 'cfg-key' })).status).toBe(401);
      expect((await postFpt(sim.url, { video }, { 'api-key': 'flag-key', 'x-sim-scenario': 'fpt/from-config' })).status).toBe(411);
      expect((await fetch(`${sim.url}/__sim/scenarios`)).status).toBe(401);
    } finally {
      await sim.close();
    }
  });

  it('accepts JSON too', async () => {
    const sim = await startSimulator({ port: 0, configFile: write('sim.json', '{"vendors":{"fpt":{"httpStatus":"mirror"}}}') });
    try {
      expect((await postFpt(sim.url, {})).status).toBe(409);
    } finally {
      await sim.close();
    }
  });

  it('applies maxRequestBytes: a body over it gets the vendor\'s "too large" answer', async () => {
    const sim = await startSimulator({ port: 0, configFile: write('limits.yaml', 'maxRequestBytes: 1024\n') });
    try {
      const { json } = await postFpt(sim.url, { video: { bytes: fixture('video-720p-25fps-5s.mp4') } });
      expect(json.message).toBe('Invalid upload video');
    } finally {
      await sim.close();
    }
  });

  it('takes maxRequestBytes from --set too', async () => {
    const sim = await startSimulator({ port: 0, set: ['maxRequestBytes=1024'] });
    try {
      const { json } = await postFpt(sim.url, { video: { bytes: fixture('video-720p-25fps-5s.mp4') } });
      expect(json.message).toBe('Invalid upload video');
    } finally {
      await sim.close();
    }
  });

  it.each([
    ['an unknown vendor', 'vendors:\n  acme: {}\n', /sim\.yaml: vendors\.acme: no such vendor/],
    ['a bad value', 'vendors:\n  fpt:\n    webm: sometimes\n', /sim\.yaml: vendors\.fpt\.webm: must be equal to one of the allowed values \(accept, refuse\)/],
    ['an unknown setting', 'vendors:\n  verihubs:\n    typng: {}\n', /sim\.yaml: vendors\.verihubs: must NOT have additional properties "typng"/],
    ['broken YAML', 'vendors: [\n', /sim\.yaml: /],
    ['scenarios that are not a list', 'scenarios: ./mine\n', /sim\.yaml: scenarios: a list of folders/],
    ['a journal capacity of zero', 'journalCapacity: 0\n', /sim\.yaml: journalCapacity: a whole number above 0/],
    ['a body limit that is not a whole number of bytes', 'maxRequestBytes: 1.5\n', /sim\.yaml: maxRequestBytes: a whole number of bytes above 0/],
    ['a budget of zero bytes', 'maxBodyBytesInFlight: 0\n', /sim\.yaml: maxBodyBytesInFlight: a whole number of bytes above 0/],
    ['an unknown top-level key', 'prot: 8080\n', /sim\.yaml: prot: not a setting \(known: vendors, scenarios, adminToken, journalCapacity, /],
    ['a hang cap of zero', 'maxHang: 0\n', /sim\.yaml: maxHang: milliseconds or a duration \("90s", "5m"\), at least 1 ms/],
    ['a negative seed', 'seed: -1\n', /sim\.yaml: seed: a whole number from 0 to 4294967295/],
  ])('refuses %s, naming the file and field, and starts nothing', async (_name, text, message) => {
    await expect(startSimulator({ port: 0, configFile: write('sim.yaml', text) })).rejects.toThrow(message);
  });

  it('reads its scenario folders relative to the config file, from any current directory', () => {
    const root = mkdtempSync(join(tmpdir(), 'sim-config-relative-'));
    mkdirSync(join(root, 'conf', 'mine'), { recursive: true });
    writeFileSync(join(root, 'conf', 'mine', 'x.yaml'), 'version: 1\nid: fpt/relative\ndescription: d\noutcome: no-face\n');
    writeFileSync(join(root, 'conf', 'sim.yaml'), 'scenarios: [./mine]\n');
    const engine = buildEngine({ configFile: join(root, 'conf', 'sim.yaml') });
    expect(process.cwd()).not.toBe(join(root, 'conf'));
    expect(engine.scenarios().has('fpt/relative')).toBe(true);
  });

  it('refuses a config file that does not exist', async () => {
    await expect(startSimulator({ port: 0, configFile: '/nonexistent/sim.yaml' })).rejects.toThrow(/\/nonexistent\/sim\.yaml: ENOENT/);
  });
});
