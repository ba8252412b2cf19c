import { describe, expect, it } from 'vitest';
import { compileRoutes, matchRoute } from '../../simulator/engine/routes.js';
import type { AnyVendor, RouteDef } from '../../simulator/engine/vendor.js';

/** Two vendors' routes, each with a catch-all declared before its real routes. */
const vendor = (id: string, routes: RouteDef[]) => ({ id, routes }) as unknown as AnyVendor;
const first = vendor('first', [
  { name: 'first-rest', methods: [], path: '/api/*', fallback: true },
  { name: 'first-get', methods: ['GET'], path: '/api/items/:id' },
]);
const second = vendor('second', [{ name: 'second-post', methods: ['POST'], path: '/api/orders' }]);
const routes = compileRoutes([first, second], (v) => v.routes);
const nameOf = (method: string, path: string) => {
  const match = matchRoute(routes, method, path);
  return match.kind === 'none' ? 'none' : `${match.kind}:${match.route.name}`;
};

describe('route matching with catch-alls (RouteDef.fallback)', () => {
  it('tries every real route of every vendor before any catch-all', () => {
    expect(nameOf('GET', '/api/items/7')).toBe('found:first-get');
    expect(nameOf('POST', '/api/orders')).toBe('found:second-post');
  });

  it("lets a real route's wrong method win over a catch-all", () => {
    expect(nameOf('DELETE', '/api/items/7')).toBe('wrong-method:first-get');
    expect(nameOf('GET', '/api/orders/')).toBe('wrong-method:second-post');
  });

  it('catches any other path under the prefix, with any method, and the prefix itself, but not a longer segment', () => {
    expect(nameOf('PATCH', '/api/nope/deeper')).toBe('found:first-rest');
    expect(nameOf('GET', '/api')).toBe('found:first-rest');
    expect(nameOf('GET', '/api/')).toBe('found:first-rest');
    expect(nameOf('GET', '/apix/nope')).toBe('none');
    const match = matchRoute(routes, 'GET', '/api/a%20b/c');
    expect(match.kind === 'found' && match.params).toEqual({ '*': 'a b/c' });
  });
});
