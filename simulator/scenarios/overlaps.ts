import type { Scenario } from './types.js';

/**
 * Pairs of `when` scenarios of one vendor that one request can match both of: only the first in
 * selection order ever answers it, which is worth a line at start. Pure (no files), like select.ts.
 */
export function whenOverlaps(scenarios: readonly Scenario[]): Array<{ first: Scenario; second: Scenario }> {
  const withWhen = scenarios.filter((s) => s.when);
  const pairs: Array<{ first: Scenario; second: Scenario }> = [];
  withWhen.forEach((first, i) => {
    for (const second of withWhen.slice(i + 1)) {
      if (first.vendor === second.vendor && whensIntersect(first.when!, second.when!)) pairs.push({ first, second });
    }
  });
  return pairs;
}

/** A fact named by only one side does not constrain the other; a shared fact needs a common value. */
export function whensIntersect(a: Record<string, string[]>, b: Record<string, string[]>): boolean {
  return Object.entries(a).every(([fact, patterns]) => {
    const other = b[fact];
    return !other || patterns.some((p) => other.some((q) => globsIntersect(p, q)));
  });
}

/**
 * Whether some string matches both `*`-globs (select.ts's `globMatch` syntax): a walk over the
 * pairs of positions in the two patterns, reading one common character or skipping a `*`.
 */
export function globsIntersect(p: string, q: string): boolean {
  const seen = new Set<number>();
  const stack: Array<[number, number]> = [[0, 0]];
  while (stack.length > 0) {
    const [i, j] = stack.pop()!;
    if (i === p.length && j === q.length) return true;
    const key = i * (q.length + 1) + j;
    if (seen.has(key)) continue;
    seen.add(key);
    const a = p[i];
    const b = q[j];
    if (a === '*') stack.push([i + 1, j]);
    if (b === '*') stack.push([i, j + 1]);
    if (a === undefined || b === undefined) continue;
    if (a === '*' && b !== '*') stack.push([i, j + 1]);
    else if (a !== '*' && b === '*') stack.push([i + 1, j]);
    else if (a === b) stack.push([i + 1, j + 1]);
  }
  return false;
}
