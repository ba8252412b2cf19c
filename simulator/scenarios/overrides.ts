/**
 * Scenario `set` overrides: dotted paths into a vendor body. A path must already exist and the
 * value must keep the JSON type found there (a string stays a string; null may become anything the
 * vendor documents there, and back): overrides can never add a key or change a type by accident.
 */
export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

export function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as JsonType;
}

/** Problems with `set` against an example body of the outcome; empty when all paths fit. */
export function checkOverrides(example: unknown, set: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [path, value] of Object.entries(set)) {
    const found = lookup(example, path);
    if (!found.exists) {
      problems.push(`${path}: the vendor body has no such field`);
      continue;
    }
    const [have, want] = [jsonType(found.value), jsonType(value)];
    if (have !== want && have !== 'null' && want !== 'null') {
      problems.push(`${path}: must be a ${have} like the vendor's (got a ${want})`);
    }
  }
  return problems;
}

/** A deep copy of `body` with the overrides applied. */
export function applyOverrides<T>(body: T, set: Record<string, unknown>): T {
  if (Object.keys(set).length === 0) return body;
  const copy = structuredClone(body) as Record<string, unknown>;
  for (const [path, value] of Object.entries(set)) {
    const keys = path.split('.');
    const last = keys.pop()!;
    let node: unknown = copy;
    for (const key of keys) node = (node as Record<string, unknown> | null)?.[key];
    if (node && typeof node === 'object' && Object.hasOwn(node, last)) {
      (node as Record<string, unknown>)[last] = value;
    }
  }
  return copy as T;
}

function lookup(body: unknown, path: string): { exists: boolean; value?: unknown } {
  let node: unknown = body;
  for (const key of path.split('.')) {
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, key)) return { exists: false };
    node = (node as Record<string, unknown>)[key];
  }
  return { exists: true, value: node };
}
