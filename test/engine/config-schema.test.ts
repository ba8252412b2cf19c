import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../simulator/server.js';
import { CONFIG_KEYS, configSchema } from '../../simulator/config/schema.js';
import { allVendors } from '../../simulator/vendors/index.js';

const committed = JSON.parse(readFileSync(new URL('../../contracts/config.schema.json', import.meta.url), 'utf8')) as {
  $id: string;
  properties: Record<string, { properties?: Record<string, { properties?: Record<string, unknown> }> }>;
};
const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(committed);

/** The schema's verdict: each error as `path: message`, '' when the file conforms. */
const schemaSays = (text: string) => (validate(parseYaml(text)) ? '' : (validate.errors ?? []).map((e) => `${e.instancePath}: ${e.message}`).join('\n'));

/** The simulator's own loader's verdict on the same file: '' when it starts. */
const loaderSays = (text: string, name = 'sim.yaml') => {
  const configFile = join(mkdtempSync(join(tmpdir(), 'sim-config-schema-')), name);
  writeFileSync(configFile, text);
  try {
    buildEngine({ configFile });
    return '';
  } catch (error) {
    return (error as Error).message;
  }
};

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const readmeExample = /## Settings[\s\S]*?```yaml\n([\s\S]*?)```/.exec(README)![1]!.replace(/^scenarios:.*\n/m, '');

/** Every top-level key and every vendor, each with a value the loader accepts. */
const FULL = `# yaml-language-server: $schema=https://liveness-sim.dev/contracts/config.schema.json
$schema: https://liveness-sim.dev/contracts/config.schema.json
adminToken: t0ken
journalCapacity: 50
cors: true
validateResponses: true
scenarios: []
credentialCapacity: 100
armedCapacity: 10
maxClockOffset: 30d
maxRequestBytes: 1048576
maxBodyBytesInFlight: 8388608
mediaWorkers: 1
mediaDeadline: 2s
mediaQueueCapacity: 8
seed: 42
maxHang: 90s
maxHungConnections: 5
maxWait: 1m
vendors:
  fpt:
    httpStatus: mirror
    apiKeys: [k1, { name: ci, key: k2 }]
    throttle: { requests: 5, window: 1s, outcome: invalid-video }
  verihubs:
    credentials: [{ appId: a, apiKey: b }]
    typing: { livenessStatus: string, probability: number }
    imageUrl: { timeoutMs: 1000, allowedHosts: ['*.example.com'] }
    throttle: { requests: 0, outcome: internal-server-error }
  advance:
    throttle: { requests: 10, window: 1m }
`;

describe('contracts/config.schema.json, the config file schema for editors', () => {
  it('is what simulator/config/schema.ts generates from the code (run scripts/make-config-schema.mjs after changing a setting)', () => {
    expect(committed).toEqual(configSchema(allVendors()));
  });

  it('names every key the loader accepts, and only those: top level, each vendor, each vendor setting and throttle', () => {
    expect(Object.keys(committed.properties).sort()).toEqual(['$schema', ...CONFIG_KEYS].sort());
    const vendors = committed.properties.vendors!.properties!;
    for (const vendor of allVendors()) {
      const own = (vendor.settings.schema as { properties: Record<string, unknown> }).properties;
      expect(Object.keys(vendors[vendor.id]!.properties!).sort()).toEqual([...Object.keys(own), 'throttle'].sort());
    }
    expect(Object.keys(vendors).sort()).toEqual(
      allVendors()
        .map((v) => v.id)
        .sort(),
    );
  });

  it('has an $id beside the other contracts and is a valid draft 2020-12 schema (ajv strict)', () => {
    expect(committed.$id).toBe('https://liveness-sim.dev/contracts/config.schema.json');
    expect(validate).toBeTypeOf('function');
  });

  it('accepts a config file with every key, and so does the simulator', () => {
    expect(schemaSays(FULL)).toBe('');
    expect(loaderSays(FULL)).toBe('');
  });

  it("accepts README's example, an empty file and a JSON file, and so does the simulator", () => {
    expect(readmeExample).toContain('vendors:');
    for (const [text, name] of [
      [readmeExample, 'readme.yaml'],
      ['', 'empty.yaml'],
      ['{"$schema":"../contracts/config.schema.json","vendors":{"fpt":{"httpStatus":"mirror"}}}', 'sim.json'],
    ] as const) {
      expect(schemaSays(text)).toBe('');
      expect(loaderSays(text, name)).toBe('');
    }
  });

  it.each([
    ['an unknown top-level key', 'jounalCapacity: 5\n', '', 'jounalCapacity'],
    ['a key of the wrong type', 'cors: yes please\n', '/cors', 'cors'],
    ['a duration that is not one', 'maxHang: forever\n', '/maxHang', 'maxHang'],
    ['a bound crossed', 'mediaWorkers: 65\n', '/mediaWorkers', 'mediaWorkers'],
    ['an unknown vendor', 'vendors: { acme: {} }\n', '/vendors', 'vendors.acme'],
    ['an unknown vendor setting', 'vendors: { fpt: { httpStatuss: mirror } }\n', '/vendors/fpt', 'vendors.fpt'],
    [
      'a bad vendor value',
      'vendors: { verihubs: { typing: { probability: float } } }\n',
      '/vendors/verihubs/typing/probability',
      'vendors.verihubs.typing.probability',
    ],
    [
      'a throttle outcome the vendor lacks',
      'vendors: { fpt: { throttle: { requests: 1, outcome: service-busy } } }\n',
      '/vendors/fpt/throttle',
      'vendors.fpt.throttle.outcome',
    ],
    [
      'a throttle without the outcome FPT.AI needs',
      'vendors: { fpt: { throttle: { requests: 1 } } }\n',
      '/vendors/fpt/throttle',
      'vendors.fpt.throttle.outcome',
    ],
  ])('refuses %s, naming the path, as the simulator does', (_, text, path, loaderPath) => {
    const said = schemaSays(text);
    expect(said).not.toBe('');
    expect(said.split('\n').some((line) => line.startsWith(`${path}:`))).toBe(true);
    expect(loaderSays(text)).toContain(loaderPath);
  });
});
