import { describe, expect, it } from 'vitest';
import { envVariables, screamingSnake } from '../../simulator/config/env.js';
import { MASK, masked, SECRET_PATHS } from '../../simulator/config/effective.js';
import { CONFIG_KEYS } from '../../simulator/config/schema.js';
import { allVendors } from '../../simulator/vendors/index.js';

const table = envVariables(allVendors());

describe('every setting has an environment variable', () => {
  it('each top-level key as SIM_ and the key in SCREAMING_SNAKE_CASE', () => {
    for (const key of CONFIG_KEYS) expect(table.find((v) => v.path.join('.') === key)?.name).toBe(`SIM_${screamingSnake(key)}`);
    expect(table.find((v) => v.path.join('.') === 'journalCapacity')?.name).toBe('SIM_JOURNAL_CAPACITY');
    expect(table.find((v) => v.path.join('.') === 'maxBodyBytesInFlight')?.name).toBe('SIM_MAX_BODY_BYTES_IN_FLIGHT');
  });

  it('each vendor setting, nested ones included, as SIM_<VENDOR>_<KEY>', () => {
    for (const vendor of allVendors()) {
      const keys = Object.keys((vendor.settings.schema as { properties: object }).properties);
      for (const key of [...keys, 'throttle'])
        expect(table.find((v) => v.path.join('.') === `vendors.${vendor.id}.${key}`)?.name).toBe(`SIM_${vendor.id.toUpperCase()}_${screamingSnake(key)}`);
    }
    const name = (path: string) => table.find((v) => v.path.join('.') === path)?.name;
    expect(name('vendors.fpt.httpStatus')).toBe('SIM_FPT_HTTP_STATUS');
    expect(name('vendors.verihubs.imageUrl.allowPrivateAddresses')).toBe('SIM_VERIHUBS_IMAGE_URL_ALLOW_PRIVATE_ADDRESSES');
    expect(name('vendors.advance.throttle.requests')).toBe('SIM_ADVANCE_THROTTLE_REQUESTS');
  });

  it('no two settings share a variable', () => {
    const names = table.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('liveness-sim config masks secrets', () => {
  /** Names that look secret but are ids (README "Admin API", "Secrets"): shown as they are. */
  const IDS = ['vendors.verihubs.credentials.*.appId', 'vendors.advance.accounts.*.accessKey', 'vendors.fpt.apiKeys.*.name'];

  it('every vendor setting whose name says key, secret, token or password is masked, or is a documented id', () => {
    // The settings schemas' string leaves, lists as `*`.
    const leaves: string[] = [];
    const walk = (schema: Record<string, any>, path: string) => {
      if (schema.type === 'string') leaves.push(path);
      for (const [key, child] of Object.entries((schema.properties ?? {}) as Record<string, any>)) walk(child, `${path}.${key}`);
      if (schema.items) walk(schema.items, `${path}.*`);
      for (const branch of [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) walk(branch, path);
    };
    for (const vendor of allVendors()) walk(vendor.settings.schema as Record<string, any>, `vendors.${vendor.id}`);
    const sensitive = leaves.filter((path) => /key|secret|token|password/i.test(path));
    expect(sensitive.length).toBeGreaterThan(0);
    for (const path of sensitive) expect([...SECRET_PATHS, ...IDS]).toContain(path);
    expect(masked('vendors.fpt.apiKeys', ['a', { name: 'ci', key: 'b' }])).toEqual([MASK, { name: 'ci', key: MASK }]);
    expect(masked('adminToken', 't')).toBe(MASK);
  });
});
