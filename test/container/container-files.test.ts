import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The image itself is built and run by `npm run test:container` (podman, minutes); these are the
// fast checks of the files it relies on, run with every `npm test`.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'liveness-sim-container-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(script: string, args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'scripts', script), ...args], { cwd: ROOT, encoding: 'utf8' });
}

function scratchFile(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

describe('the Dockerfile linter (npm run lint)', () => {
  it('finds no problem in the Dockerfile', () => {
    const result = run('lint-dockerfile.mjs', ['Dockerfile']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails on each mistake, warnings included, naming the file and line', () => {
    const file = scratchFile(
      'Dockerfile.bad',
      ['from node:24-bookworm-slim', 'MAINTAINER someone', 'HEALTHCHECK --interval=10 CMD ["true"]', "CMD ['node']", 'WORKDIR app', 'COPY --chmown=1 a b'].join(
        '\n',
      ),
    );
    const result = run('lint-dockerfile.mjs', [file]);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines.map((line) => line.slice(0, line.indexOf(': ')))).toEqual([1, 2, 3, 4, 5, 6].map((n) => `${file}:${n}`));
    expect(lines[1]).toMatch(/MAINTAINER has been deprecated/);
    expect(lines[2]).toMatch(/missing unit in duration 10/);
    expect(lines[5]).toMatch(/Unknown flag: chmown/);
  });
});

describe('compose-run-args (the compose example as podman run arguments)', () => {
  const compose = 'examples/compose/docker-compose.yml';

  it("gives the simulator service's environment, volumes from the compose file's folder, and the built image", () => {
    const result = run('compose-run-args.mjs', [compose, 'liveness-sim', '--image', 'localhost/liveness-sim:t']);
    expect(result.status).toBe(0);
    const args = result.stdout.trim().split('\n');
    expect(args).toEqual(expect.arrayContaining(['-e', 'SIM_ADMIN_TOKEN=change-me', '-v', `${join(ROOT, 'examples/compose/scenarios')}:/scenarios:ro`]));
    expect(args.at(-1)).toBe('localhost/liveness-sim:t');
  });

  it("gives the app service's image, working folder and exec-form command, reaching the simulator by its service name", () => {
    const args = run('compose-run-args.mjs', [compose, 'app']).stdout.trim().split('\n');
    expect(args).toContain('SIM_URL=http://liveness-sim:8080');
    expect(args.slice(-3)).toEqual(['node:24-bookworm-slim', 'node', 'app.mjs']);
  });

  it('refuses a service key it does not turn into an argument, so the container test cannot skip a setting silently', () => {
    const file = scratchFile('compose.yml', 'services:\n  sim:\n    image: x\n    user: root\n');
    const result = run('compose-run-args.mjs', [file, 'sim']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/service sim: user not handled/);
  });
});
