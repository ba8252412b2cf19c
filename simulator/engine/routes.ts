import type { AnyVendor, RouteDef } from './vendor.js';

/** Vendor routes compiled once; `:name` segments capture one path segment. */
export interface CompiledRoute {
  vendor: AnyVendor;
  route: RouteDef;
  pattern: RegExp;
  keys: string[];
}

export type RouteMatch =
  | { kind: 'found'; vendor: AnyVendor; route: RouteDef; params: Record<string, string> }
  | { kind: 'wrong-method'; vendor: AnyVendor; route: RouteDef; allowed: string[] }
  | { kind: 'none' };

export function compileRoutes(vendors: readonly AnyVendor[], pick: (v: AnyVendor) => readonly RouteDef[], prefix = (_: AnyVendor) => ''): CompiledRoute[] {
  return vendors.flatMap((vendor) =>
    pick(vendor).map((route) => {
      const keys: string[] = [];
      const source = (prefix(vendor) + route.path)
        .split('/')
        .map((segment) => {
          if (!segment.startsWith(':')) return segment.replace(/[.+*?^${}()|[\]\\]/g, '\\$&');
          keys.push(segment.slice(1));
          return '([^/]+)';
        })
        .join('/');
      // A trailing slash is tolerated, as Express does by default.
      return { vendor, route, keys, pattern: new RegExp(`^${source}/?$`) };
    }),
  );
}

export function matchRoute(routes: readonly CompiledRoute[], method: string, path: string): RouteMatch {
  let wrongMethod: RouteMatch | undefined;
  for (const { vendor, route, pattern, keys } of routes) {
    const found = pattern.exec(path);
    if (!found) continue;
    if (route.methods.includes(method)) {
      const params = Object.fromEntries(keys.map((key, i) => [key, safeDecode(found[i + 1]!)]));
      return { kind: 'found', vendor, route, params };
    }
    wrongMethod ??= { kind: 'wrong-method', vendor, route, allowed: [...route.methods] };
  }
  return wrongMethod ?? { kind: 'none' };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed %-escape is the vendor's to refuse, not a crash
  }
}
