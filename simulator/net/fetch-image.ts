import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { guardedLookup, REFUSED_CODE } from './guarded-lookup.js';
import { refuseAddress, refuseHost } from './policy.js';
import type { FetchImageOptions, FetchImageResult } from './types.js';

/**
 * The Node implementation of FetchImage: GET an image URL with a deadline over the whole fetch,
 * a byte cap enforced while the body streams, and the outbound guard (policy.ts) applied to the
 * URL, to every DNS answer and to the socket's real peer, on every redirect hop.
 */
export async function fetchImage(url: string, options: FetchImageOptions): Promise<FetchImageResult> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
  try {
    let current = url;
    for (let hop = 0; ; hop++) {
      const target = parseTarget(current);
      if (typeof target === 'string') return { kind: 'failed', reason: target };
      const refusal = refuseHost(target.hostname, options.policy);
      if (refusal) return { kind: 'refused', reason: refusal };
      const answer = await getOnce(target, options, deadline.signal);
      if (answer.kind !== 'redirect') return answer;
      if (hop >= options.maxRedirects) return { kind: 'failed', reason: `more than ${options.maxRedirects} redirects` };
      current = new URL(answer.location, target).href;
    }
  } finally {
    clearTimeout(timer);
  }
}

function parseTarget(text: string): URL | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `not a URL: ${text.slice(0, 100)}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${url.protocol} URLs are not fetched`;
  return url;
}

type HopResult = FetchImageResult | { kind: 'redirect'; location: string };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function getOnce(url: URL, options: FetchImageOptions, signal: AbortSignal): Promise<HopResult> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve({ kind: 'timeout' });
    let settled = false;
    const finish = (result: HopResult) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      resolve(result);
      req.destroy();
    };
    const onAbort = () => finish({ kind: 'timeout' });
    signal.addEventListener('abort', onAbort);

    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, {
      method: 'GET',
      agent: false, // a fresh socket per hop: no pooled connection skips the checks
      lookup: guardedLookup(options.policy),
      headers: { accept: 'image/jpeg, image/png, */*;q=0.1', 'user-agent': 'liveness-sim (verihubs image fetch)' },
    });
    req.on('socket', (socket: Socket) => {
      // The last word: whatever DNS said, refuse if the connected peer is forbidden.
      socket.once('connect', () => {
        const refusal = refuseAddress(socket.remoteAddress ?? '', options.policy);
        if (refusal) finish({ kind: 'refused', reason: refusal });
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      finish(error.code === REFUSED_CODE ? { kind: 'refused', reason: error.message } : { kind: 'failed', reason: error.message });
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status) && res.headers.location) return finish({ kind: 'redirect', location: res.headers.location });
      if (status < 200 || status > 299) return finish({ kind: 'failed', reason: `HTTP ${status}` });
      if (Number(res.headers['content-length']) > options.maxBytes) return finish({ kind: 'too-large' });
      const chunks: Buffer[] = [];
      let total = 0;
      res.on('data', (chunk: Buffer) => {
        total += chunk.byteLength;
        // Abort mid-stream: a body that never ends must not be buffered past the cap.
        if (total > options.maxBytes) return finish({ kind: 'too-large' });
        chunks.push(chunk);
      });
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        finish({ kind: 'ok', bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) });
      });
      res.on('error', (error) => finish({ kind: 'failed', reason: error.message }));
      res.on('close', () => finish({ kind: 'failed', reason: 'connection closed before the body ended' }));
    });
    req.end();
  });
}
