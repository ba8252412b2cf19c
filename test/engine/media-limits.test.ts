import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.js';
import { fixture } from '../support/fixtures.js';
import { postFpt } from '../support/fpt-client.js';
import { endlessWebm } from '../support/media-bombs.js';

describe('the video inspection settings (README "Limits")', () => {
  it.each([
    [['mediaWorkers=0'], /--set: mediaWorkers: a whole number from 1 to 64/],
    [['mediaDeadline=soon'], /--set: mediaDeadline: milliseconds or a duration/],
    [['mediaDeadline=1h'], /--set: mediaDeadline: .* to 10m/],
    [['mediaQueueCapacity=-1'], /--set: mediaQueueCapacity: a whole number from 0 to 10000/],
  ])('refuses --set %s, naming the key and what it takes', async (set, message) => {
    await expect(startSimulator({ port: 0, set })).rejects.toThrow(message);
  });

  it('refuses a bad value in a config file, naming the file and the key', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sim-media-')), 'sim.yaml');
    writeFileSync(file, 'mediaWorkers: many\n');
    await expect(startSimulator({ port: 0, configFile: file })).rejects.toThrow(/sim\.yaml: mediaWorkers: a whole number/);
  });

  it('takes them from a config file: a video still spinning at mediaDeadline answers 409, then a valid one is live', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sim-media-')), 'sim.yaml');
    writeFileSync(file, 'mediaWorkers: 1\nmediaDeadline: 1s\nmediaQueueCapacity: 4\n');
    const sim = await startSimulator({ port: 0, configFile: file });
    try {
      const stuck = await postFpt(sim.url, { video: { bytes: endlessWebm(), type: 'video/webm' } });
      expect(stuck.json).toMatchObject({ code: '409', message: 'Invalid upload video' });
      const valid = await postFpt(sim.url, { video: { bytes: fixture('video-720p-25fps-5s.mp4') } });
      expect(valid.json).toMatchObject({ code: '200', liveness: { is_live: 'true' } });
    } finally {
      await sim.close();
    }
  });
});
