/** The closest known names to a misspelt one, for "did you mean" answers. */
export function closest(name: string, known: readonly string[], max = 3): string[] {
  return known
    .map((candidate) => ({ candidate, distance: levenshtein(name, candidate) }))
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, max)
    .map((entry) => entry.candidate);
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The one known name close enough to a misspelt one to ask "did you mean", if any. */
export function didYouMean(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const [best] = closest(lower, known, 1);
  if (best === undefined) return undefined;
  const close = levenshtein(lower, best.toLowerCase()) <= Math.max(1, Math.floor(name.length / 3)) || (lower.length >= 3 && best.startsWith(lower));
  return close ? best : undefined;
}
