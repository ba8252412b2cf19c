import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import scenarioSchema from '../../contracts/scenario.schema.json' with { type: 'json' };
import { parseScenarioText } from '../../simulator/scenarios/parse.js';
import { SimulatorConfigError, startSimulator } from '../../simulator/server.js';
import { allVendors } from '../../simulator/vendors/index.js';
import { fixture } from '../support/fixtures.js';
import { postFpt } from '../support/fpt-client.js';

const vendors = new Map(allVendors().map((v) => [v.id, v]));
const parse = (text: string) => parseScenarioText(text, 'my/file.yaml', vendors);

describe('scenario files are validated when loaded, errors name the file and the field', () => {
  it.each([
    ['an unknown field', 'version: 1\nid: fpt/x\ndescription: d\noutcome: live\nlatenc: 5\n', 'my/file.yaml: /: unknown field "latenc"'],
    [
      'both outcome and sequence',
      'version: 1\nid: fpt/x\ndescription: d\noutcome: live\nsequence: [{outcome: live}]\n',
      'give exactly one of "outcome" or "sequence"',
    ],
    ['an unknown vendor in the id', 'version: 1\nid: acme/x\ndescription: d\noutcome: live\n', 'my/file.yaml: /id: must match pattern'],
    ['a wrong version', 'version: 2\nid: fpt/x\ndescription: d\noutcome: live\n', 'my/file.yaml: /version: must be 1 (the only scenario format version)'],
    [
      'a misspelt outcome',
      'version: 1\nid: fpt/x\ndescription: d\noutcome: no-fase\n',
      'my/file.yaml: /outcome: "no-fase" is not a fpt outcome (closest: "no-face"',
    ],
    [
      'a misspelt outcome in a sequence',
      'version: 1\nid: fpt/x\ndescription: d\nsequence: [{outcome: live}, {outcome: lve}]\n',
      'my/file.yaml: /sequence/1/outcome: "lve"',
    ],
    [
      'an override of a field the vendor does not have',
      'version: 1\nid: fpt/x\ndescription: d\noutcome: live\nset: {liveness.score: "1"}\n',
      'my/file.yaml: /set/liveness.score: the vendor body has no such field',
    ],
    [
      'an override that changes a JSON type',
      'version: 1\nid: fpt/x\ndescription: d\noutcome: live\nset: {liveness.is_live: true}\n',
      "/set/liveness.is_live: must be a string like the vendor's (got a boolean)",
    ],
    [
      'a when on an unknown fact',
      'version: 1\nid: fpt/x\ndescription: d\noutcome: live\nwhen: {filenme: "*"}\n',
      '/when/filenme: fpt requests have no fact "filenme"',
    ],
    [
      'a skipRequestChecks that is not a boolean',
      'version: 1\nid: fpt/x\noutcome: live\nskipRequestChecks: "yes"\n',
      'my/file.yaml: /skipRequestChecks: must be boolean',
    ],
    [
      'a bad fault',
      'version: 1\nid: fpt/x\ndescription: d\noutcome: live\nfault: explode\n',
      'my/file.yaml: /fault: one of reset, hang, malformed, empty, truncate, drip (got "explode")',
    ],
  ])('refuses %s', (_name, text, message) => {
    const result = parse(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toContain(message);
  });

  it('reads skipRequestChecks: true onto the scenario, and leaves it off by default', () => {
    const lenient = parse('version: 1\nid: fpt/x\noutcome: live\nskipRequestChecks: true\n');
    const strict = parse('version: 1\nid: fpt/y\noutcome: live\n');
    expect(lenient.ok && lenient.scenario.skipRequestChecks).toBe(true);
    expect(strict.ok && strict.scenario.skipRequestChecks).toBeUndefined();
  });

  it('accepts a file without a description, describing it by its outcomes', () => {
    const result = parse('version: 1\nid: fpt/x\nsequence: [{outcome: no-face}, {outcome: live}]\n');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.scenario.description).toBe('no-face, then live');
  });

  it('says an empty file is empty', () => {
    expect(parse('# nothing yet\n')).toEqual({ ok: false, errors: [expect.stringMatching(/^my\/file\.yaml: the file is empty/)] });
  });

  it('reports every problem of a file at once, not only the first', () => {
    const result = parse('version: 2\nid: fpt/x\noutcome: no-fase\nset: {liveness.score: "1"}\nwhen: {filenme: "*"}\nlatenc: 5\n');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([
        'my/file.yaml: /: unknown field "latenc"',
        'my/file.yaml: /version: must be 1 (the only scenario format version)',
        expect.stringContaining('my/file.yaml: /outcome: "no-fase" is not a fpt outcome'),
        expect.stringContaining('my/file.yaml: /when/filenme: fpt requests have no fact "filenme"'),
      ]);
    }
  });

  it('reports the overrides that do not fit next to a schema error elsewhere', () => {
    const result = parse('version: 1\nid: fpt/x\noutcome: live\nset: {liveness.is_live: true}\nlatency: -1\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(/\/latency: a whole number of milliseconds[\s\S]*\/set\/liveness\.is_live: must be a string/);
  });

  it.each([
    ['an unclosed flow sequence', 'version: 1\nid: [fpt/x\noutcome: live\n', /^my\/file\.yaml:\d+:\d+: not valid YAML: Flow sequence .*: /],
    [
      'a construct the file ends inside',
      'version: 1\nid: [fpt/x\n',
      /^my\/file\.yaml:2:11: not valid YAML: Flow sequence .* before the file ends: id: \[fpt\/x$/,
    ],
    [
      'a tab as indentation',
      'version: 1\nid: fpt/x\nset:\n\tliveness.is_live: "true"\n',
      /^my\/file\.yaml:4:1: not valid YAML: Tabs are not allowed as indentation: liveness\.is_live: "true"$/,
    ],
    ['a duplicate key', 'version: 1\nid: fpt/x\nid: fpt/y\n', /^my\/file\.yaml:3:1: not valid YAML: Map keys must be unique: id: fpt\/y$/],
    ['an unclosed quote at the end', 'version: 1\nid: "fpt/x\n', /^my\/file\.yaml:\d+:\d+: not valid YAML: Missing closing "quote.*id: "fpt\/x/],
  ])('names file:line:column and quotes the offending line of %s, on one line', (_name, text, pattern) => {
    const result = parse(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      for (const line of result.errors) expect(line).not.toContain('\n');
      expect(result.errors[0]).toMatch(pattern);
    }
  });

  it('accepts a full file: sequence, latency, fault, overrides and when', () => {
    const result = parse(
      'version: 1\nid: fpt/x\ndescription: d\nsequence:\n  - outcome: no-face\n    latency: 10\n  - outcome: live\n    set: {liveness.spoof_prob: "0.0100"}\nloop: true\nwhen: {filename: ["*a*", "*b*"]}\n',
    );
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.scenario).toMatchObject({
        id: 'fpt/x',
        vendor: 'fpt',
        loop: true,
        when: { filename: ['*a*', '*b*'] },
        steps: [
          { outcome: 'no-face', latency: { latency: { form: 'fixed', ms: 10 }, probability: 1 } },
          { outcome: 'live', set: { 'liveness.spoof_prob': '0.0100' } },
        ],
      });
  });
});

describe('user scenario folders (--scenarios DIR)', () => {
  const folder = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-scenarios-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  };

  it("adds a user's scenarios, and a user file with a shipped id replaces the shipped one", async () => {
    const dir = folder({
      'fpt/mine.yaml': 'version: 1\nid: fpt/mine\ndescription: mine\noutcome: multiple-faces\n',
      'fpt/no-face.yaml': 'version: 1\nid: fpt/no-face\ndescription: replaced\noutcome: face-too-small\n',
    });
    const sim = await startSimulator({ port: 0, scenarioDirs: [dir] });
    try {
      const video = { bytes: fixture('video-720p-25fps-5s.mp4') };
      expect((await postFpt(sim.url, { video }, { 'api-key': 'k', 'x-sim-scenario': 'fpt/mine' })).json.code).toBe('408');
      expect((await postFpt(sim.url, { video }, { 'api-key': 'k', 'x-sim-scenario': 'fpt/no-face' })).json.code).toBe('411');
    } finally {
      await sim.close();
    }
  });

  it('does not start with a bad file, and says which file and field', async () => {
    const dir = folder({ 'bad.yaml': 'version: 1\nid: fpt/bad\ndescription: d\noutcome: nope\n' });
    const attempt = startSimulator({ port: 0, scenarioDirs: [dir] });
    await expect(attempt).rejects.toBeInstanceOf(SimulatorConfigError);
    await expect(attempt).rejects.toThrow(/bad\.yaml: \/outcome: "nope" is not a fpt outcome/);
  });

  it('refuses the same id twice in one folder', async () => {
    const text = 'version: 1\nid: fpt/twice\ndescription: d\noutcome: live\n';
    const dir = folder({ 'a.yaml': text, 'b.yaml': text });
    await expect(startSimulator({ port: 0, scenarioDirs: [dir] })).rejects.toThrow(/b\.yaml: \/id: "fpt\/twice" is already defined by .*a\.yaml/);
  });

  it('refuses a missing folder and a bad setting, naming them', async () => {
    await expect(startSimulator({ port: 0, scenarioDirs: ['/nonexistent/dir'] })).rejects.toThrow(/\/nonexistent\/dir: cannot read the scenario folder/);
    await expect(startSimulator({ port: 0, set: ['fpt.httpStatus=sometimes'] })).rejects.toThrow(
      /--set: vendors\.fpt\.httpStatus: must be equal to one of the allowed values \(200, mirror\)/,
    );
    await expect(startSimulator({ port: 0, set: ['fpt.colour=blue'] })).rejects.toThrow(/vendors\.fpt: must NOT have additional properties "colour"/);
  });
});

describe('the scenario schema', () => {
  it('is a valid JSON Schema draft 2020-12 (the loader trusts it and skips this check at start-up)', () => {
    const ajv = new Ajv2020({ strict: false });
    expect(ajv.validateSchema(scenarioSchema), JSON.stringify(ajv.errors)).toBe(true);
  });
});
