import { mkdirSync, renameSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioDirs } from '../../simulator/scenarios/load-dirs.js';
import { describeReload, type ScenarioReload } from '../../simulator/scenarios/scenario-set.js';
import { allVendors } from '../../simulator/vendors/index.js';
import { askVerihubs, listed, removeFolder, scenarioFolder, startWatching, until, verihubsScenario, writeFile, type ReloadingSimulator } from './support.js';

const running: ReloadingSimulator[] = [];
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
  folders.splice(0).forEach(removeFolder);
});

async function start(files: Record<string, string>, options: Parameters<typeof startWatching>[1] = {}) {
  const dir = scenarioFolder(files);
  folders.push(dir);
  const sim = await startWatching([dir], options);
  running.push(sim);
  return { dir, sim };
}

/** What Verihubs says of liveness for the scenario `id`: true, false, or the problem's type. */
async function livenessOf(url: string, id: string): Promise<boolean | string> {
  const { status, body } = await askVerihubs(url, id);
  return status === 200 ? (body.liveness.status as boolean) : (body.type as string);
}

const failures = (sim: ReloadingSimulator) => sim.reloads.filter((r): r is Extract<ScenarioReload, { ok: false }> => !r.ok);

describe('hot reload of the scenario folders', () => {
  it('picks up an edited file without a restart, and reports what changed', async () => {
    const { dir, sim } = await start({ 'team.yaml': verihubsScenario('team', 'success') });
    expect(await livenessOf(sim.url, 'verihubs/team')).toBe(true);

    writeFile(dir, 'team.yaml', verihubsScenario('team', 'not-live'));
    await until(async () => (await livenessOf(sim.url, 'verihubs/team')) === false, 'the edited scenario to answer');
    expect(sim.reloads.at(-1)).toMatchObject({ ok: true, trigger: 'files', changed: ['verihubs/team'], added: [], removed: [] });
    expect(describeReload(sim.reloads.at(-1)!)).toMatch(/^scenario files reloaded: \d+ served \(changed verihubs\/team\)$/);
  });

  it('refuses a broken file with the message validate gives, keeps serving the last good set, and takes the fixed file', async () => {
    const { dir, sim } = await start({ 'team.yaml': verihubsScenario('team', 'success'), 'other.yaml': verihubsScenario('other', 'not-live') });

    writeFile(dir, 'team.yaml', verihubsScenario('team', 'not-lve'));
    const [refused] = await until(() => failures(sim).length > 0 && failures(sim), 'the broken file to be refused');
    const validateSays = loadScenarioDirs([dir], new Map(allVendors().map((v) => [v.id, v]))).errors;
    expect(validateSays).toEqual([expect.stringContaining('/outcome: "not-lve" is not a verihubs outcome (closest: "not-live"')]);
    expect(refused!.errors).toEqual(validateSays);
    const line = describeReload(refused!);
    expect(line).not.toContain('\n');
    expect(line).toContain(`${join(dir, 'team.yaml')}: /outcome: "not-lve"`);
    expect(line).toMatch(/^scenario files not reloaded, the last good set \(\d+ scenarios\) keeps serving: /);
    // The whole set was refused: the good file's neighbour and the broken file's last good version both still answer.
    expect(await livenessOf(sim.url, 'verihubs/team')).toBe(true);
    expect(await livenessOf(sim.url, 'verihubs/other')).toBe(false);

    writeFile(dir, 'team.yaml', verihubsScenario('team', 'not-live'));
    await until(async () => (await livenessOf(sim.url, 'verihubs/team')) === false, 'the fixed file to answer');
    expect(sim.reloads.at(-1)).toMatchObject({ ok: true, changed: ['verihubs/team'] });
    expect(failures(sim)).toHaveLength(1);
  });

  it('says the file is fixed even when it is fixed back to the content already served', async () => {
    const { dir, sim } = await start({ 'team.yaml': verihubsScenario('team', 'success') });
    writeFile(dir, 'team.yaml', 'version: 1\nid: [verihubs/team\n');
    await until(() => failures(sim).length > 0, 'the broken file to be refused');
    expect(failures(sim)[0]!.errors[0]).toMatch(/team\.yaml:\d+:\d+: not valid YAML: /);
    writeFile(dir, 'team.yaml', verihubsScenario('team', 'success'));
    await until(() => sim.reloads.at(-1)?.ok, 'the reload after the fix');
    expect(describeReload(sim.reloads.at(-1)!)).toMatch(/^scenario files reloaded: \d+ served, nothing changed$/);
  });

  it("drops a deleted file's scenario and disarms it where it was armed, saying so", async () => {
    const { dir, sim } = await start({ 'team.yaml': verihubsScenario('team', 'not-live'), 'keep.yaml': verihubsScenario('keep', 'success') });
    const arm = await fetch(`${sim.url}/__sim/scenarios/armed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'verihubs/team', credential: 'team-app' }),
    });
    expect(arm.status).toBe(201);
    const { armId } = (await arm.json()) as { armId: string };

    unlinkSync(join(dir, 'team.yaml'));
    await until(async () => !(await listed(sim.url)).has('verihubs/team'), 'the deleted scenario to disappear');
    expect(await livenessOf(sim.url, 'verihubs/team')).toBe('urn:liveness-sim:problem:unknown-scenario');
    expect(await livenessOf(sim.url, 'verihubs/keep')).toBe(true);
    const armed = (await (await fetch(`${sim.url}/__sim/scenarios/armed`)).json()) as { armed: unknown[] };
    expect(armed.armed).toEqual([]);
    const reload = sim.reloads.at(-1)!;
    expect(reload).toMatchObject({ ok: true, removed: ['verihubs/team'], disarmed: [{ armId, scenarioId: 'verihubs/team', credential: 'team-app' }] });
    expect(describeReload(reload)).toContain(`verihubs/team was armed (armId ${armId}, for team-app) and is disarmed: its definition is gone`);
  });

  it('loads a new file, in a folder created after the start too', async () => {
    const { dir, sim } = await start({ 'team.yaml': verihubsScenario('team', 'success') });
    writeFile(dir, 'new.yaml', verihubsScenario('new', 'not-live'));
    await until(async () => (await listed(sim.url)).has('verihubs/new'), 'the new file');
    mkdirSync(join(dir, 'later', 'deeper'), { recursive: true });
    writeFile(dir, 'later/deeper/late.yaml', verihubsScenario('late', 'not-live'));
    await until(async () => (await listed(sim.url)).has('verihubs/late'), 'the file in the new folder');
    expect(await livenessOf(sim.url, 'verihubs/late')).toBe(false);
  });

  it("takes an editor's save through a temporary file renamed over the original, and skips hidden files", async () => {
    const { dir, sim } = await start({ 'team.yaml': verihubsScenario('team', 'success') });
    writeFile(dir, '.team.yaml.swp.yaml', 'not: [a scenario');
    writeFile(dir, '.team.yaml.tmp', verihubsScenario('team', 'not-live'));
    renameSync(join(dir, '.team.yaml.tmp'), join(dir, 'team.yaml'));
    await until(async () => (await livenessOf(sim.url, 'verihubs/team')) === false, 'the renamed-over file to answer');
    expect(failures(sim)).toEqual([]);
  });

  it('keeps the last good set while its folder is gone, and reloads when the folder is back', async () => {
    const { dir, sim } = await start({ 'team.yaml': verihubsScenario('team', 'success') });
    rmSync(dir, { recursive: true });
    const [refused] = await until(() => failures(sim).length > 0 && failures(sim), 'the missing folder to be refused');
    expect(refused!.errors).toEqual([`${dir}: cannot read the scenario folder: no such folder`]);
    expect(await livenessOf(sim.url, 'verihubs/team')).toBe(true);

    writeFile(dir, 'team.yaml', verihubsScenario('team', 'not-live'));
    await until(async () => (await livenessOf(sim.url, 'verihubs/team')) === false, 'the recreated folder to be watched again');
  });

  it('does not watch with watchScenarios: false', async () => {
    const dir = scenarioFolder({ 'team.yaml': verihubsScenario('team', 'success') });
    folders.push(dir);
    const unwatched = await startWatching([dir], { watchScenarios: false });
    const watched = await startWatching([dir]);
    running.push(unwatched, watched);
    writeFile(dir, 'team.yaml', verihubsScenario('team', 'not-live'));
    await until(async () => (await livenessOf(watched.url, 'verihubs/team')) === false, 'the watching simulator to reload');
    expect(await livenessOf(unwatched.url, 'verihubs/team')).toBe(true);
    expect(unwatched.reloads).toEqual([]);
  });

  it('never answers from half a set while a reload swaps it under concurrent requests (a ConfigMap-style atomic swap)', async () => {
    // Kubernetes mounts a ConfigMap like this: the files are links through `..data`, a link to a
    // hidden folder of one generation, and an update swaps `..data` in one rename.
    const ids = Array.from({ length: 20 }, (_, i) => `gen-${String(i).padStart(2, '0')}`);
    const generation = (dir: string, n: number) => {
      for (const id of ids) writeFile(dir, `..g${n}/${id}.yaml`, verihubsScenario(id, n % 2 === 0 ? 'not-live' : 'success', `description: generation ${n}\n`));
    };
    const dir = scenarioFolder();
    folders.push(dir);
    generation(dir, 1);
    symlinkSync('..g1', join(dir, '..data'));
    for (const id of ids) symlinkSync(`..data/${id}.yaml`, join(dir, `${id}.yaml`));
    const sim = await startWatching([dir]);
    running.push(sim);
    const ownOf = (list: Awaited<ReturnType<typeof listed>>) => [...list.values()].filter((s) => s.id.startsWith('verihubs/gen-'));
    expect(ownOf(await listed(sim.url)).map((s) => s.description)).toEqual(ids.map(() => 'generation 1'));

    let swapping = true;
    const seen: string[] = [];
    const problems: string[] = [];
    const client = async (n: number) => {
      while (swapping) {
        const own = ownOf(await listed(sim.url));
        const generations = new Set(own.map((s) => s.description));
        if (own.length !== ids.length || generations.size !== 1) problems.push(`a listing of ${own.length} with ${[...generations].join(', ')}`);
        seen.push(...generations);
        const answer = await askVerihubs(sim.url, `verihubs/${ids[n % ids.length]!}`);
        if (answer.status !== 200 || typeof answer.body.liveness?.status !== 'boolean') problems.push(`HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
      }
    };
    const clients = Array.from({ length: 4 }, (_, n) => client(n));
    for (let n = 2; n <= 5; n++) {
      generation(dir, n);
      symlinkSync(`..g${n}`, join(dir, '..data_tmp'));
      renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
      await until(async () => ownOf(await listed(sim.url)).every((s) => s.description === `generation ${n}`), `generation ${n}`);
      rmSync(join(dir, `..g${n - 1}`), { recursive: true });
    }
    swapping = false;
    await Promise.all(clients);
    expect(problems).toEqual([]);
    expect(new Set(seen)).toContain('generation 5');
    expect(failures(sim)).toEqual([]);
  });
});
