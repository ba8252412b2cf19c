import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verifyPacts } from '../../src/testing/index.js';

// Runs after the example consumers wrote contracts/pacts/ (vitest.pact-provider.config.ts).
const CLI = fileURLToPath(new URL('../../dist/simulator/cli/main.js', import.meta.url));
const PACTS = fileURLToPath(new URL('../../contracts/pacts', import.meta.url));
const FPT_PACT = join(PACTS, 'fpt-example-client-fpt-liveness.json');
const VERIHUBS_PACT = join(PACTS, 'verihubs-example-client-verihubs-liveness.json');
// Pact's report is coloured: the assertions read it without the escape codes.
// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
const run = (...args: string[]) => {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, PACT_DO_NOT_TRACK: 'true' } });
  return { status: result.status, stdout: plain(result.stdout), stderr: plain(result.stderr) };
};

/** A copy of a pact, changed by `edit`, in a fresh temporary folder. */
function editedPact(source: string, edit: (pact: { interactions: Record<string, any>[] }) => void): string {
  const pact = JSON.parse(readFileSync(source, 'utf8'));
  edit(pact);
  const path = join(mkdtempSync(join(tmpdir(), 'pact-')), 'edited.json');
  writeFileSync(path, JSON.stringify(pact));
  return path;
}

describe('liveness-sim verify-pacts', () => {
  it('verifies every interaction of the committed example pacts (exit 0)', () => {
    const result = run('verify-pacts', PACTS);
    expect(result.stderr).not.toContain('failed');
    expect(result.stdout).toContain('verified 11 interaction(s) in 3 pact file(s)');
    expect(result.status).toBe(0);
  });

  it('fails a pact expecting HTTP 418, naming the interaction in the mismatch report (exit 1)', () => {
    const path = editedPact(FPT_PACT, (pact) => {
      const spoof = pact.interactions.find((i) => i.description === 'a spoofed selfie video')!;
      spoof.response.status = 418;
    });
    const result = run('verify-pacts', path);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/Failures:[\s\S]*Given scenario: fpt\/not-live - a spoofed selfie video[\s\S]*expected 418 but was 200/);
    expect(result.stderr).toContain('verification failed (4 interaction(s) in 1 pact file(s))');
  });

  it('refuses a provider state that names no scenario, listing the closest ids, before verifying (exit 1)', () => {
    const path = editedPact(VERIHUBS_PACT, (pact) => {
      pact.interactions[0]!.providerStates = [{ name: 'scenario: verihubs/fail-on-41' }];
    });
    const result = run('verify-pacts', path);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/provider state "scenario: verihubs\/fail-on-41" names no loaded scenario; closest: verihubs\/fail-on-/);
    expect(result.stderr).toContain('nothing verified: 1 unknown provider state(s)');
  });

  it('is a usage error without pacts, or with a path that is not there (exit 2)', () => {
    expect(run('verify-pacts').status).toBe(2);
    const missing = run('verify-pacts', join(PACTS, 'no-such.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no-such.json: no such file or folder');
  });
});

describe('verifyPacts()', () => {
  it("arms the scenario named in a state's params for the credential it names", async () => {
    const path = editedPact(VERIHUBS_PACT, (pact) => {
      pact.interactions = pact.interactions.filter((i) => i.description === 'an image without a face');
      pact.interactions[0]!.providerStates = [{ name: 'a face-less image', params: { scenario: 'verihubs/face-not-detected', credential: 'example-app' } }];
    });
    const result = await verifyPacts({ pacts: [path] });
    expect(result).toMatchObject({ passed: true, interactions: 1, stateProblems: [] });
  });

  it('reports a scenario armed for another credential as a failed verification', async () => {
    const path = editedPact(VERIHUBS_PACT, (pact) => {
      pact.interactions = pact.interactions.filter((i) => i.description === 'an image without a face');
      pact.interactions[0]!.providerStates = [{ name: 'verihubs/face-not-detected', params: { credential: 'another-app' } }];
    });
    const result = await verifyPacts({ pacts: [path] });
    expect(result.passed).toBe(false);
    expect(result.failure).toBeDefined();
  });
});
