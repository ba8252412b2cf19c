import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { choseHeapGrowth } from '../../simulator/node/heap-growth.js';
import { runCli, serveCli } from './spawn.js';

const setting = (stdout: string) =>
  (JSON.parse(stdout) as { settings: { key: string; value: unknown; source: string }[] }).settings.find((s) => s.key === 'heapGrowingPercent');

describe('heapGrowingPercent: V8 heap growth for serve, chosen by the user', () => {
  it("is V8's own unless set; a file, SIM_HEAP_GROWING_PERCENT and --set name it", () => {
    expect(setting(runCli(['config', '--json']).stdout)).toMatchObject({ value: null, source: 'default' });
    const config = join(mkdtempSync(join(tmpdir(), 'sim-heap-')), 'sim.yaml');
    writeFileSync(config, 'heapGrowingPercent: 50\n');
    expect(setting(runCli(['config', '--json', '--config', config]).stdout)).toMatchObject({ value: 50 });
    expect(setting(runCli(['config', '--json', '--config', config], { env: { SIM_HEAP_GROWING_PERCENT: '80' } }).stdout)).toMatchObject({ value: 80 });
  });

  it('refuses a value out of range at start, naming the key, and serves with a good one', async () => {
    const bad = runCli(['serve', '--port', '0'], { env: { SIM_HEAP_GROWING_PERCENT: '5' } });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('heapGrowingPercent: a whole number from 10 to 300');
    const sim = await serveCli(['--set', 'heapGrowingPercent=50']);
    try {
      expect((await fetch(`${sim.url}/__sim/health`)).status).toBe(200);
    } finally {
      sim.child.kill('SIGKILL');
    }
  });

  it("keeps the factor Node's own command line chose, in either spelling", () => {
    expect(choseHeapGrowth(['--heap-growing-percent=20'])).toBe(true);
    expect(choseHeapGrowth(['--max-old-space-size=512', '--heap_growing_percent=300'])).toBe(true);
    expect(choseHeapGrowth(['--expose-gc', '--import', 'hook.mjs', '--max-semi-space-size=4'])).toBe(false);
  });
});
