import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixture } from '../support/fixtures.js';
import { serveCli } from './spawn.js';

const README = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

describe('the README, followed as written', () => {
  it('the custom-scenario example in -s my-scenarios answers a *spoof* upload, before the shipped fpt/by-filename', async () => {
    const scenarios = README.slice(README.indexOf('\n## Scenarios'));
    const example = /```yaml\n([\s\S]*?)```/.exec(scenarios)![1]!;
    expect(example).toContain('filename: "*spoof*"');
    const id = /^id: (\S+)/m.exec(example)![1]!;
    const cwd = mkdtempSync(join(tmpdir(), 'sim-first-hour-'));
    mkdirSync(join(cwd, 'my-scenarios'));
    writeFileSync(join(cwd, 'my-scenarios', 'spoof.yaml'), example);

    const sim = await serveCli(['-s', 'my-scenarios'], { cwd });
    try {
      expect(sim.stderr()).toContain(`note: ${id} (my-scenarios/spoof.yaml) and fpt/by-filename`);
      const form = new FormData();
      form.append('video', new Blob([fixture('video-720p-25fps-5s.mp4') as Uint8Array<ArrayBuffer>], { type: 'video/mp4' }), 'my-spoof-attempt.mp4');
      // The example may act out a network fault: the journal says which scenario answered.
      await fetch(`${sim.url}/dmp/liveness/v3`, { method: 'POST', headers: { 'api-key': 'k' }, body: form })
        .then((r) => r.text())
        .catch(() => undefined);
      const journal = (await (await fetch(`${sim.url}/__sim/requests?limit=1`)).json()) as { requests: Array<{ scenario: string }> };
      expect(journal.requests[0]!.scenario).toBe(id);
    } finally {
      sim.child.kill('SIGKILL');
    }
  });
});
