import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../simulator/scenarios/parse.js';
import { allVendors } from '../../simulator/vendors/index.js';
import { createLivenessHandlers } from '../../src/msw/index.js';
import { AdminError, startSimulator as startTestSimulator } from '../../src/testing/index.js';
import { askVerihubs, listed, removeFolder, scenarioFolder, startWatching, until, verihubsScenario, writeFile, type ReloadingSimulator } from './support.js';

const running: ReloadingSimulator[] = [];
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
  folders.splice(0).forEach(removeFolder);
});

async function start(files: Record<string, string> = {}) {
  const dir = scenarioFolder(files);
  folders.push(dir);
  const sim = await startWatching([dir]);
  running.push(sim);
  return { dir, sim };
}

async function admin(url: string, method: string, path: string, body?: unknown, contentType = 'application/json') {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': contentType },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: text === '' ? null : JSON.parse(text) };
}

const livenessOf = async (url: string, id: string) => {
  const { status, body } = await askVerihubs(url, id);
  return status === 200 ? (body.liveness.status as boolean) : (body.type as string);
};

describe('runtime scenarios through the admin API', () => {
  it('adds a scenario sent as JSON: 201 with its listing, source "admin", answering at once', async () => {
    const { sim } = await start();
    const added = await admin(sim.url, 'POST', '/__sim/scenarios', { version: 1, id: 'verihubs/team-spoof', outcome: 'not-live', description: 'team spoof' });
    expect(added.status).toBe(201);
    const listing = (await listed(sim.url)).get('verihubs/team-spoof');
    expect(added.body).toEqual(listing);
    expect(listing).toMatchObject({ id: 'verihubs/team-spoof', outcomes: ['not-live'], description: 'team spoof', source: 'admin' });
    expect(await livenessOf(sim.url, 'verihubs/team-spoof')).toBe(false);
    expect(await admin(sim.url, 'GET', '/__sim/scenarios/verihubs/team-spoof')).toMatchObject({ status: 200, body: listing });
    expect(sim.reloads.at(-1)).toMatchObject({ ok: true, trigger: 'admin', added: ['verihubs/team-spoof'] });
  });

  it('adds a scenario sent as YAML with content-type application/yaml', async () => {
    const { sim } = await start();
    const added = await admin(sim.url, 'POST', '/__sim/scenarios', verihubsScenario('from-yaml', 'not-live'), 'application/yaml');
    expect(added).toMatchObject({ status: 201, body: { id: 'verihubs/from-yaml', source: 'admin' } });
    expect(await livenessOf(sim.url, 'verihubs/from-yaml')).toBe(false);
  });

  it('refuses an id that exists, naming where it comes from (409)', async () => {
    const { sim } = await start();
    const shipped = await admin(sim.url, 'POST', '/__sim/scenarios', { version: 1, id: 'verihubs/not-live', outcome: 'success' });
    expect(shipped.status).toBe(409);
    expect(shipped.contentType).toMatch(/^application\/problem\+json/);
    expect(shipped.body.detail).toContain(`defined by ${join('scenarios', 'verihubs', 'not-live.yaml')}`);
    expect(shipped.body.detail).toContain('PUT /__sim/scenarios/verihubs/not-live replaces it');
    await admin(sim.url, 'POST', '/__sim/scenarios', { version: 1, id: 'verihubs/mine', outcome: 'success' });
    const again = await admin(sim.url, 'POST', '/__sim/scenarios', { version: 1, id: 'verihubs/mine', outcome: 'not-live' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('added through the admin API');
    expect(await livenessOf(sim.url, 'verihubs/mine')).toBe(true);
    expect(await livenessOf(sim.url, 'verihubs/not-live')).toBe(false);
  });

  it('validates like a file: every problem at once with its field, as problem+json, and nothing changes', async () => {
    const { sim } = await start();
    const before = await admin(sim.url, 'GET', '/__sim/scenarios');
    const text = 'version: 2\nid: verihubs/bad\noutcome: not-lve\nwhen: {imag: "x"}\n';
    const refused = await admin(sim.url, 'POST', '/__sim/scenarios', text, 'application/yaml');
    const asFile = parseScenarioText(text, 'body', new Map(allVendors().map((v) => [v.id, v])));
    expect(asFile.ok).toBe(false);
    expect(refused.status).toBe(400);
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: 'urn:liveness-sim:problem:invalid-scenario', errors: !asFile.ok && asFile.errors });
    expect(refused.body.errors).toEqual([
      'body: /version: must be 1 (the only scenario format version)',
      expect.stringContaining('body: /outcome: "not-lve" is not a verihubs outcome'),
      expect.stringContaining('body: /when/imag: verihubs requests have no fact "imag"'),
    ]);
    expect(refused.body.detail).toContain('nothing changed');
    expect(await admin(sim.url, 'GET', '/__sim/scenarios')).toEqual(before);
    expect(sim.reloads.at(-1)).toMatchObject({ ok: false, trigger: 'admin', errors: refused.body.errors });
  });

  it.each([
    ['JSON that does not parse', '{"version": 1,', 'application/json', /^body: not valid JSON: /],
    ['YAML that does not parse', 'version: 1\nid: [verihubs/x\n', 'application/yaml', /^body:2:\d+: not valid YAML: /],
    ['a JSON array', '[1]', 'application/json', /^body: \/: must be object$/],
    [
      'an override that changes a JSON type',
      '{"version":1,"id":"verihubs/x","outcome":"success","set":{"liveness.status":"yes"}}',
      'application/json',
      /^body: \/set\/liveness\.status: must be a boolean/,
    ],
    ['a vendor that does not exist', '{"version":1,"id":"acme/x","outcome":"live"}', 'application/json', /^body: \/id: must match pattern/],
  ])('refuses %s with 400 naming the problem', async (_name, body, contentType, message) => {
    const { sim } = await start();
    const refused = await admin(sim.url, 'POST', '/__sim/scenarios', body, contentType);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatch(message);
  });

  it('refuses a body past 64 KiB with 413 before parsing it, and quotes at most a slice of a long bad YAML line; the server keeps serving', async () => {
    const { sim } = await start();
    const before = await admin(sim.url, 'GET', '/__sim/scenarios');
    const huge = await admin(sim.url, 'POST', '/__sim/scenarios', `a: ${'['.repeat(100_000)}`, 'application/yaml');
    expect(huge.status).toBe(413);
    expect(huge.body.detail).toContain('at most 65536 bytes');
    const nested = await admin(sim.url, 'POST', '/__sim/scenarios', `a: ${'['.repeat(60_000)}`, 'application/yaml');
    expect(nested.status).toBe(400);
    expect(nested.body.errors.length).toBeLessThanOrEqual(6);
    expect(nested.body.errors[0]).toMatch(/^body:1:\d+: not valid YAML: /);
    for (const line of nested.body.errors) expect(line.length).toBeLessThan(400);
    expect(await admin(sim.url, 'GET', '/__sim/scenarios')).toEqual(before);
    expect((await fetch(`${sim.url}/__sim/health`)).status).toBe(200);
  });

  it('PUT creates (201), replaces (200), overlays a file scenario until deleted, and refuses an id unlike the path', async () => {
    const { sim } = await start({ 'team.yaml': verihubsScenario('team', 'success') });
    expect(await admin(sim.url, 'PUT', '/__sim/scenarios/verihubs/put-me', { version: 1, outcome: 'not-live' })).toMatchObject({
      status: 201,
      body: { id: 'verihubs/put-me', source: 'admin' },
    });
    expect(await livenessOf(sim.url, 'verihubs/put-me')).toBe(false);
    expect((await admin(sim.url, 'PUT', '/__sim/scenarios/verihubs/put-me', verihubsScenario('put-me', 'success'), 'application/yaml')).status).toBe(200);
    expect(await livenessOf(sim.url, 'verihubs/put-me')).toBe(true);

    // Over a file's scenario: the runtime one answers while it exists; deleting it brings the file's back.
    expect((await admin(sim.url, 'PUT', '/__sim/scenarios/verihubs/team', { version: 1, outcome: 'not-live' })).status).toBe(200);
    expect(await livenessOf(sim.url, 'verihubs/team')).toBe(false);
    const deleted = await admin(sim.url, 'DELETE', '/__sim/scenarios/verihubs/team');
    expect(deleted).toMatchObject({ status: 200, body: { deleted: 'verihubs/team', disarmed: 0, restored: { id: 'verihubs/team', outcomes: ['success'] } } });
    expect(await livenessOf(sim.url, 'verihubs/team')).toBe(true);

    const unlike = await admin(sim.url, 'PUT', '/__sim/scenarios/verihubs/put-me', { version: 1, id: 'verihubs/other', outcome: 'success' });
    expect(unlike.status).toBe(400);
    expect(unlike.body.errors).toEqual(['body: /id: "verihubs/other" is not the id in the path ("verihubs/put-me"); leave it out or make them the same']);
  });

  it('DELETE removes a runtime scenario and its armings, 404 for an unknown one, 409 for a file scenario naming the file', async () => {
    const { dir, sim } = await start({ 'team.yaml': verihubsScenario('team', 'success') });
    await admin(sim.url, 'POST', '/__sim/scenarios', { version: 1, id: 'verihubs/short-lived', outcome: 'not-live' });
    expect((await admin(sim.url, 'POST', '/__sim/scenarios/armed', { scenario: 'verihubs/short-lived', credential: '*' })).status).toBe(201);
    expect(await admin(sim.url, 'DELETE', '/__sim/scenarios/verihubs/short-lived')).toMatchObject({
      status: 200,
      body: { deleted: 'verihubs/short-lived', disarmed: 1, restored: null },
    });
    expect((await admin(sim.url, 'GET', '/__sim/scenarios/armed')).body.armed).toEqual([]);
    expect(await livenessOf(sim.url, 'verihubs/short-lived')).toBe('urn:liveness-sim:problem:unknown-scenario');

    const unknown = await admin(sim.url, 'DELETE', '/__sim/scenarios/verihubs/short-lived');
    expect(unknown).toMatchObject({ status: 404, body: { type: 'urn:liveness-sim:problem:unknown-scenario' } });
    const fromFile = await admin(sim.url, 'DELETE', '/__sim/scenarios/verihubs/team');
    expect(fromFile.status).toBe(409);
    expect(fromFile.body.detail).toContain(`"verihubs/team" is defined by ${join(dir, 'team.yaml')}, not through the admin API`);
    expect(await livenessOf(sim.url, 'verihubs/team')).toBe(true);
  });

  it('keeps runtime scenarios across a file reload and a reset; they are tried before the files', async () => {
    const { dir, sim } = await start({ 'team.yaml': verihubsScenario('team', 'success') });
    await admin(sim.url, 'POST', '/__sim/scenarios', { version: 1, id: 'verihubs/runtime', outcome: 'not-live' });
    writeFile(dir, 'team.yaml', verihubsScenario('team', 'not-live'));
    await until(async () => (await livenessOf(sim.url, 'verihubs/team')) === false, 'the file reload');
    expect(await livenessOf(sim.url, 'verihubs/runtime')).toBe(false);
    expect((await admin(sim.url, 'POST', '/__sim/reset', { credential: '*' })).status).toBe(200);
    expect(await livenessOf(sim.url, 'verihubs/runtime')).toBe(false);
    expect([...(await listed(sim.url)).keys()][0]).toBe('verihubs/runtime');
  });
});

describe('the typed admin client adds, replaces and deletes scenarios, over HTTP and in-process', () => {
  it('over HTTP (liveness-sim/testing)', async () => {
    const sim = await startTestSimulator();
    try {
      expect(await sim.admin.addScenario(verihubsScenario('client-yaml', 'not-live'))).toMatchObject({ id: 'verihubs/client-yaml', source: 'admin' });
      expect(await sim.admin.addScenario({ version: 1, id: 'verihubs/client-json', outcome: 'not-live' })).toMatchObject({ source: 'admin' });
      expect(await sim.admin.putScenario('verihubs/client-json', { version: 1, outcome: 'success' })).toMatchObject({ outcomes: ['success'] });
      expect((await sim.admin.scenarios({ vendor: 'verihubs' })).slice(0, 2).map((s) => s.id)).toEqual(['verihubs/client-json', 'verihubs/client-yaml']);
      const refused = await sim.admin.addScenario({ version: 1, id: 'verihubs/client-yaml', outcome: 'success' }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(AdminError);
      expect((refused as AdminError).status).toBe(409);
      expect(await sim.admin.deleteScenario('verihubs/client-yaml')).toEqual({ deleted: 'verihubs/client-yaml', disarmed: 0, restored: null });
      expect(await livenessOf(sim.url, 'verihubs/client-json')).toBe(true);
    } finally {
      await sim.stop();
    }
  });

  it('in-process (liveness-sim/msw)', async () => {
    const handlers = createLivenessHandlers();
    await handlers.admin.addScenario(verihubsScenario('msw-yaml', 'not-live'));
    const invalid = await handlers.admin.addScenario({ version: 1, id: 'verihubs/msw-bad', outcome: 'nope' }).catch((error: unknown) => error);
    expect((invalid as AdminError).problem).toMatchObject({ errors: [expect.stringContaining('body: /outcome: "nope" is not a verihubs outcome')] });
    await handlers.admin.arm('verihubs/msw-yaml', { times: 1 });
    const answer = await handlers.simulator.handle({
      method: 'POST',
      path: '/v1/face/liveness',
      query: {},
      headers: { 'content-type': 'application/json', 'app-id': 'a', 'api-key': 'k' },
      body: { kind: 'bytes', contentType: 'application/json', bytes: new TextEncoder().encode('{"image":"LIVE_PERSON_A_1"}') },
    });
    expect(JSON.parse(answer.body as string).liveness.status).toBe(false);
    expect(await handlers.admin.deleteScenario('verihubs/msw-yaml')).toMatchObject({ deleted: 'verihubs/msw-yaml' });
    expect((await handlers.admin.scenarios()).some((s) => s.id === 'verihubs/msw-yaml')).toBe(false);
  });
});
