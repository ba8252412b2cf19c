/**
 * The origin (`http://host:port`) of the URLs the simulator serves (ADVANCE.AI's image and video
 * URLs), from the request's `Host` and `X-Forwarded-Proto`. Both are client input: only `http` or
 * `https` and a syntactically valid host[:port] are used, never a `javascript:` or a path; anything
 * else falls back (the proto to `http`, the host to the simulator's own).
 */
const LABEL = '[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?';
const HOST = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\\])(?::(\\d{1,5}))?$`);

export function originOf(headers: Readonly<Record<string, string>>, fallbackHost: string): string {
  const proto = headers['x-forwarded-proto']?.split(',')[0]?.trim().toLowerCase();
  const host = headers.host?.trim() ?? '';
  const found = HOST.exec(host);
  const validHost = found !== null && host.length <= 255 && (found[1] === undefined || Number(found[1]) <= 65535);
  return `${proto === 'https' ? 'https' : 'http'}://${validHost ? host : fallbackHost}`;
}
