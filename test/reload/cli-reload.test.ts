import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serveCli, type ServingCli } from '../cli/spawn.js';
import { askVerihubs, removeFolder, scenarioFolder, until, verihubsScenario, writeFile } from './support.js';

const serving: ServingCli[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const cli of serving.splice(0)) {
    cli.child.kill('SIGKILL');
    await cli.exited;
  }
  folders.splice(0).forEach(removeFolder);
});

async function serve(args: string[], env: Record<string, string> = {}) {
  const cli = await serveCli(args, { env });
  serving.push(cli);
  return cli;
}

function folder() {
  const dir = scenarioFolder({ 'team.yaml': verihubsScenario('team', 'success') });
  folders.push(dir);
  return dir;
}

/** The JSON log records on stdout (stdout is a pipe: one JSON line each). */
const records = (cli: ServingCli) =>
  cli
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown> & { msg: string; level: number });

describe('liveness-sim serve reloads --scenarios folders', () => {
  it('says so at start, reloads an edit and logs one record per reload or refusal', async () => {
    const dir = folder();
    const cli = await serve(['--scenarios', dir]);
    expect(records(cli)[0]).toMatchObject({ scenarioFolders: [dir], watchScenarios: true });
    expect(records(cli)[0]!.routes).toContain(`your scenarios: ${dir} (reloaded when a file changes)`);

    writeFile(dir, 'team.yaml', verihubsScenario('team', 'not-live'));
    await until(async () => (await askVerihubs(cli.url, 'verihubs/team')).body.liveness?.status === false, 'the edit to answer');
    const reloaded = await until(() => records(cli).find((r) => r.msg.startsWith('scenario files reloaded')), 'the reload record');
    expect(reloaded).toMatchObject({ level: 30, trigger: 'files', changed: ['verihubs/team'] });
    expect(reloaded.msg).toMatch(/^scenario files reloaded: \d+ served \(changed verihubs\/team\)$/);

    writeFile(dir, 'team.yaml', verihubsScenario('team', 'nope'));
    await until(() => records(cli).some((r) => r.msg.includes('not reloaded')), 'the refusal record');
    const refusals = records(cli).filter((r) => r.msg.includes('not reloaded'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({
      level: 40,
      trigger: 'files',
      errors: [expect.stringContaining(`${join(dir, 'team.yaml')}: /outcome: "nope" is not a verihubs outcome`)],
    });
    expect(refusals[0]!.msg).toMatch(/^scenario files not reloaded, the last good set \(\d+ scenarios\) keeps serving: /);
    expect((await askVerihubs(cli.url, 'verihubs/team')).body.liveness.status).toBe(false);
  });

  it.each([
    ['--no-watch', ['--no-watch'], {}],
    ['SIM_WATCH_SCENARIOS=0', [], { SIM_WATCH_SCENARIOS: '0' }],
    ['watchScenarios: false in the config file', ['--config', 'CONFIG'], {}],
  ])('does not watch with %s, and says so', async (_name, extra, env) => {
    const dir = folder();
    const configDir = scenarioFolder();
    folders.push(configDir);
    const config = join(configDir, 'sim.yml');
    writeFileSync(config, 'watchScenarios: false\n');
    const cli = await serve(['--scenarios', dir, ...extra.map((arg) => (arg === 'CONFIG' ? config : arg))], env);
    expect(records(cli)[0]).toMatchObject({ scenarioFolders: [dir], watchScenarios: false });
    expect(records(cli)[0]!.routes).toContain(`your scenarios: ${dir} (not watched: --no-watch, SIM_WATCH_SCENARIOS=0 or watchScenarios: false)`);
  });
});
