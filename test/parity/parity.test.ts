import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorId } from '../../simulator/engine/types.js';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { createLivenessHandlers } from '../../src/msw/node.js';
import { advanceTokenBody, parityCorpus, type CorpusRequest } from './corpus.js';

/**
 * Parity: one corpus (every shipped scenario, the realistic cases, the error paths, every vendor)
 * through the Express server and through msw, with the same seed and caps. The answers must be
 * identical: status, the headers the vendor sets, the body bytes after normalizing what is
 * generated (ids, tokens, times, the origin of served URLs) — or the same kind of failure for a
 * network fault. One suite, run once per transport through its `send` (STYLE.md).
 */
type Answer =
  { network: true } | { status: number; headers: Record<string, string>; body: string } | { status: number; headers: Record<string, string>; bodyError: true };

interface Transport {
  name: string;
  base: (vendor: VendorId) => string;
  send: (request: Request) => Promise<Response>;
}

/** Set by the connection or the HTTP library, not by the vendor: not compared. */
const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
const SEED = 7;
const CAPS = { maxHangMs: 100, maxWaitMs: 50 };

function normalize(text: string, base: string, token: string | undefined): string {
  let out = text.replaceAll(base, '<origin>');
  if (token) out = out.replaceAll(token, '<token>');
  return (
    out
      .replace(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?/g, '<time>')
      .replace(/\b\d{13}\b/g, '<ms>')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
      .replace(/\b[0-9a-f]{16,}\b/gi, '<hex>')
      // ADVANCE.AI's image names: a time to the millisecond and random digits.
      .replace(/random_\d+_\d+/g, 'random_<id>')
      // ADVANCE.AI's SDK license: random bytes as base64.
      .replace(/"license":"[^"]*"/g, '"license":"<license>"')
  );
}

async function answerOf(transport: Transport, request: CorpusRequest, token: string | undefined): Promise<Answer> {
  const base = transport.base(request.vendor);
  const url = new URL(`${base}${request.path}`);
  for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
  const headers = new Headers(request.headers);
  if (request.withToken && token) headers.set('X-ACCESS-TOKEN', token);
  let response: Response;
  try {
    response = await transport.send(new Request(url, { method: request.method, headers, body: request.body?.() }));
  } catch {
    return { network: true };
  }
  const vendorHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!TRANSPORT_HEADERS.has(name)) vendorHeaders[name] = normalize(value, base, token);
  });
  try {
    return { status: response.status, headers: vendorHeaders, body: normalize(await response.text(), base, token) };
  } catch {
    return { status: response.status, headers: vendorHeaders, bodyError: true };
  }
}

/** The whole corpus through one transport, in order; ADVANCE.AI requests use a token this transport minted. */
async function runCorpus(transport: Transport): Promise<Map<string, Answer>> {
  const minted = await transport.send(
    new Request(`${transport.base('advance')}/openapi/auth/ticket/v1/generate-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: advanceTokenBody(),
    }),
  );
  const token = ((await minted.json()) as { data: { token: string } }).data.token;
  const answers = new Map<string, Answer>();
  for (const request of parityCorpus()) answers.set(`${request.vendor}: ${request.what}`, await answerOf(transport, request, token));
  return answers;
}

const runs = new Map<string, Map<string, Answer>>();
let http: RunningSimulator;
const handlers = createLivenessHandlers({ seed: SEED, faultLimits: CAPS });
const msw = setupServer(...handlers);
beforeAll(async () => {
  http = await startSimulator({ port: 0, faults: { seed: SEED, ...CAPS } });
});
afterAll(() => http.close());

const MSW_BASES: Record<VendorId, string> = { fpt: 'https://api.fpt.ai', verihubs: 'https://api.verihubs.com', advance: 'https://sg-api.advance.ai' };
const transports: { name: string; around: (run: () => Promise<void>) => Promise<void>; make: () => Transport }[] = [
  { name: 'express', around: (run) => run(), make: () => ({ name: 'express', base: () => http.url, send: (request) => fetch(request) }) },
  {
    name: 'msw',
    around: async (run) => {
      msw.listen({ onUnhandledRequest: 'error' });
      try {
        await run();
      } finally {
        msw.close();
      }
    },
    make: () => ({ name: 'msw', base: (vendor) => MSW_BASES[vendor], send: (request) => fetch(request) }),
  },
];

describe('parity: the Express server and msw answer one corpus identically', () => {
  for (const transport of transports) {
    it(`runs the corpus through ${transport.name}`, async () => {
      await transport.around(async () => {
        runs.set(transport.name, await runCorpus(transport.make()));
      });
      expect(runs.get(transport.name)!.size).toBe(parityCorpus().length);
    }, 120_000);
  }

  it('every answer is the same: status, vendor headers, normalized body bytes, or the same failure', () => {
    const [express, mocked] = [runs.get('express')!, runs.get('msw')!];
    // msw 3 reads a response's body stream before answering: a body that breaks (malformed,
    // truncate) makes fetch itself reject there, its nearest equivalent (README "msw handlers").
    if (process.env.LIVENESS_SIM_MSW_MAJOR === '3') for (const [what, answer] of express) if ('bodyError' in answer) express.set(what, { network: true });
    const differences = [...express].filter(([what, answer]) => JSON.stringify(answer) !== JSON.stringify(mocked.get(what))).map(([what]) => what);
    if (process.env.PARITY_DEBUG) console.log(differences.join('\n'));
    for (const what of differences.slice(0, 3)) expect({ what, msw: mocked.get(what) }).toEqual({ what, msw: express.get(what) });
    expect(differences).toEqual([]);
  });

  it('the corpus covers every shipped scenario of every vendor', () => {
    const ids = new Set([...handlers.simulator.engine.scenarios().keys()]);
    const covered = new Set(
      parityCorpus().flatMap((r) =>
        Object.entries(r.headers)
          .filter(([name]) => name.toLowerCase() === 'x-sim-scenario')
          .map(([, id]) => id),
      ),
    );
    expect([...ids].filter((id) => !covered.has(id))).toEqual([]);
  });
});
