/** A copy of request headers without `names` (the simulator's own headers, taken out before a vendor sees the request). */
export function without(headers: Record<string, string>, ...names: string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name in headers) if (!names.includes(name)) kept[name] = headers[name]!;
  return kept;
}
