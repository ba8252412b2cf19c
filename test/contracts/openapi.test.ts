import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { OPERATIONS, schemas, validateAgainst, type SchemaName } from '../../simulator/contracts/index.js';

/**
 * contracts/openapi/: one OpenAPI 3.1 document per vendor, assembled by reference from the schema
 * files (relative refs, so Postman, Insomnia and Prism resolve them from disk) and the examples.
 */
const contracts = new URL('../../contracts/', import.meta.url);
const VENDORS = ['fpt', 'verihubs', 'advance'] as const;
const documentOf = (vendor: string) => JSON.parse(readFileSync(new URL(`openapi/${vendor}.openapi.json`, contracts), 'utf8')) as Record<string, unknown>;
const docUrl = (vendor: string) => new URL(`openapi/${vendor}.openapi.json`, contracts);

/** Every value of `key` in a JSON tree, with the object holding it. */
function collect(node: unknown, key: string, out: { value: string; holder: Record<string, unknown> }[] = []) {
  if (Array.isArray(node)) node.forEach((item) => collect(item, key, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === key && typeof v === 'string') out.push({ value: v, holder: node as Record<string, unknown> });
      else collect(v, key, out);
    }
  }
  return out;
}

/** A schema file's name in the loader (`fpt/liveness.response`) from a file URL under contracts/. */
const schemaNameOf = (url: URL) => url.href.slice(contracts.href.length).replace(/\.schema\.json$/, '') as SchemaName;

/**
 * The validator resolves `$ref`s only by exact URI, so the test hands it copies with every relative
 * ref made absolute under the schemas' `$id`s; the committed files keep their relative refs.
 */
function absolutized(node: unknown, base: string): unknown {
  if (Array.isArray(node)) return node.map((item) => absolutized(item, base));
  if (!node || typeof node !== 'object') return node;
  const own = typeof (node as { $id?: unknown }).$id === 'string' ? (node as { $id: string }).$id : base;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && !v.startsWith('#') ? new URL(v, own).href : absolutized(v, own)]),
  );
}

describe('the OpenAPI documents', () => {
  it.each(VENDORS)('%s is a valid OpenAPI 3.1 document, its schema references included', async (vendor) => {
    const validator = new Validator();
    for (const schema of Object.values(schemas)) await validator.addSpecRef(absolutized(schema, schema.$id) as Record<string, unknown>, schema.$id);
    const result = await validator.validate(
      absolutized(documentOf(vendor), `https://liveness-sim.dev/contracts/openapi/${vendor}.openapi.json`) as Record<string, unknown>,
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('the validator refuses a broken document (so the check above can fail)', async () => {
    const broken = structuredClone(documentOf('fpt')) as { paths: Record<string, { post: Record<string, unknown> }> };
    broken.paths['/dmp/liveness/v3']!.post.requestBody = { content: 'multipart' };
    const validator = new Validator();
    for (const schema of Object.values(schemas)) await validator.addSpecRef(absolutized(schema, schema.$id) as Record<string, unknown>, schema.$id);
    expect(
      (await validator.validate(absolutized(broken, 'https://liveness-sim.dev/contracts/openapi/fpt.openapi.json') as Record<string, unknown>)).valid,
    ).toBe(false);
  });

  it.each(VENDORS)('%s refers to schema files and examples that exist, and each example keeps its response schema', (vendor) => {
    const doc = documentOf(vendor);
    for (const { value } of collect(doc, '$ref').filter((r) => !r.value.startsWith('#'))) {
      const [file, pointer = ''] = value.split('#');
      const url = new URL(file!, docUrl(vendor));
      const name = schemaNameOf(url);
      expect(schemas, value).toHaveProperty([name]);
      const target = pointer
        .split('/')
        .slice(1)
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], schemas[name]);
      expect(target, value).toBeDefined();
    }
    const checked = new Set<string>();
    // Each media type with examples: every example file is valid against that media type's schema.
    const mediaTypes = collect(doc, 'externalValue').map((e) => e.value);
    expect(mediaTypes.length).toBeGreaterThan(0);
    for (const content of collectContents(doc)) {
      const schemaRef = (content.schema as { $ref?: string } | undefined)?.$ref;
      if (!schemaRef || !content.examples) continue;
      const name = schemaNameOf(new URL(schemaRef, docUrl(vendor)));
      for (const { externalValue } of Object.values(content.examples)) {
        const body = JSON.parse(readFileSync(new URL(externalValue, docUrl(vendor)), 'utf8'));
        expect(validateAgainst(name, body).errors, externalValue).toEqual([]);
        checked.add(externalValue);
      }
    }
    expect([...checked].sort()).toEqual([...new Set(mediaTypes)].sort());
  });

  it("together refer to every operation's request and response schema", () => {
    const referred = new Set(
      VENDORS.flatMap((vendor) => collect(documentOf(vendor), '$ref').map((r) => schemaNameOf(new URL(r.value.split('#')[0]!, docUrl(vendor))))),
    );
    for (const { request, response } of Object.values(OPERATIONS)) {
      expect(referred).toContain(request);
      expect(referred).toContain(response);
    }
  });
});

function collectContents(node: unknown, out: { schema?: unknown; examples?: Record<string, { externalValue: string }> }[] = []) {
  if (Array.isArray(node)) node.forEach((item) => collectContents(item, out));
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.content && typeof record.content === 'object') out.push(...(Object.values(record.content) as typeof out));
    Object.values(record).forEach((v) => collectContents(v, out));
  }
  return out;
}
