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
  const compiled = vendors.flatMap((vendor) =>
    pick(vendor).map((route) => {
      const keys: string[] = [];
      const segments = (prefix(vendor) + route.path).split('/');
      // A catch-all's last segment `*` stands for any rest of the path, or none.
      const rest = route.fallback && segments.at(-1) === '*' ? segments.pop() : undefined;
      const source = segments
        .map((segment) => {
          if (!segment.startsWith(':')) return segment.replace(/[.+*?^${}()|[\]\\]/g, '\\$&');
          keys.push(segment.slice(1));
          return '([^/]+)';
        })
        .join('/');
      if (rest !== undefined) keys.push('*');
      // A trailing slash is tolerated, as Express does by default.
      return { vendor, route, keys, pattern: new RegExp(rest === undefined ? `^${source}/?$` : `^${source}(?:/(.*))?$`) };
    }),
  );
  // Catch-alls last, so every real route (and its wrong method) is tried before them.
  return [...compiled.filter((c) => !c.route.fallback), ...compiled.filter((c) => c.route.fallback)];
}

export function matchRoute(routes: readonly CompiledRoute[], method: string, path: string): RouteMatch {
  let wrongMethod: RouteMatch | undefined;
  for (const { vendor, route, pattern, keys } of routes) {
    // A real route's path with a wrong method is that route's 405, never a catch-all's answer.
    if (route.fallback && wrongMethod) break;
    const found = pattern.exec(path);
    if (!found) continue;
    if (route.fallback || route.methods.includes(method)) {
      const params = Object.fromEntries(keys.map((key, i) => [key, safeDecode(found[i + 1] ?? '')]));
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
