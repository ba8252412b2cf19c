import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/simulator/cli/main.js', import.meta.url));
const PACTS = fileURLToPath(new URL('../../contracts/pacts', import.meta.url));
const FPT_PACT = join(PACTS, 'fpt-example-client-fpt-liveness.json');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

function editedPact(edit: (pact: { interactions: Record<string, any>[] }) => void): string {
  const pact = JSON.parse(readFileSync(FPT_PACT, 'utf8'));
  edit(pact);
  const path = join(mkdtempSync(join(tmpdir(), 'pact-')), 'edited.json');
  writeFileSync(path, JSON.stringify(pact));
  return path;
}

describe('liveness-sim contracts check-pact', () => {
  it('passes the committed example pacts (exit 0)', () => {
    const result = run('contracts', 'check-pact', PACTS);
    expect(result.stdout).toContain("11 interaction(s) keep the vendors' contracts");
    expect(result.status).toBe(0);
  });

  it('flags a pact expecting FPT is_live as a JSON boolean, naming the interaction and the JSON path (exit 1)', () => {
    const path = editedPact((pact) => {
      pact.interactions.find((i) => i.description === 'a spoofed selfie video')!.response.body.content.liveness.is_live = false;
    });
    const result = run('contracts', 'check-pact', path);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('"a spoofed selfie video" (fpt.liveness) response: /liveness/is_live: must be one of "true", "false", "N/A"; saw false');
    expect(result.stdout).toContain('1 mismatch(es) in 4 interaction(s)');
  });

  it('flags a key the vendor never sends, a status it never answers and a request part it refuses', () => {
    const path = editedPact((pact) => {
      const live = pact.interactions.find((i) => i.description === 'a live selfie video')!;
      live.response.body.content.liveness.score = '0.9';
      live.response.status = 418;
      const spoof = pact.interactions.find((i) => i.description === 'a spoofed selfie video')!;
      spoof.request.body.content = Buffer.from(
        Buffer.from(spoof.request.body.content, 'base64').toString('latin1').replaceAll('name="video"', 'name="videos"'),
        'latin1',
      ).toString('base64');
    });
    const result = run('contracts', 'check-pact', path, '--json');
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    const seen = report.mismatches.map((m: Record<string, string>) => `${m.interaction} ${m.part} ${m.at}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'a live selfie video response /liveness/score',
        'a live selfie video response ',
        'a spoofed selfie video request /video',
        'a spoofed selfie video request /videos',
      ]),
    );
    expect(report.mismatches.find((m: Record<string, string>) => m.at === '' && m.part === 'response').message).toContain('HTTP 418');
  });
});
