import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveSettings } from '../../simulator/config/settings.js';
import { createClock } from '../../simulator/engine/clock.js';
import { createEngine, type Engine } from '../../simulator/engine/engine.js';
import { createApp } from '../../simulator/http/app.js';
import { loadScenarioDirs } from '../../simulator/scenarios/load-dirs.js';
import { composeSimulator } from '../../simulator/simulator.js';
import { verihubs } from '../../simulator/vendors/verihubs/index.js';

/**
 * A real simulator on loopback serving only Verihubs, with the shipped verihubs scenarios and a
 * fixed clock (so `timestamp` can be asserted exactly). Settings go through the same validation
 * as a config file.
 */
export const NOW = 1717000000000;
export const AUTH = { 'App-ID': 'app-1', 'API-Key': 'key-1' };
const SCENARIOS_DIR = new URL('../../scenarios/verihubs', import.meta.url).pathname;

export interface Sim {
  url: string;
  engine: Engine;
  post(body: unknown, options?: { headers?: Record<string, string>; raw?: boolean }): Promise<Answer>;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  text: string;
  json: Record<string, unknown>;
  contentType: string | null;
}

export async function startVerihubs(settings: Record<string, unknown> = {}): Promise<Sim> {
  const resolved = resolveSettings([verihubs], [{ source: 'test', values: { verihubs: settings } }]);
  if (!resolved.ok) throw new Error(resolved.errors.join('\n'));
  const loaded = loadScenarioDirs([SCENARIOS_DIR], new Map([[verihubs.id, verihubs]]));
  if (loaded.errors.length > 0) throw new Error(loaded.errors.join('\n'));
  const engine = createEngine({ vendors: [verihubs], scenarios: loaded.scenarios, settings: resolved.settings, clock: createClock(() => NOW) });
  const server: Server = createServer(createApp(composeSimulator(engine)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    engine,
    async post(body, { headers = AUTH, raw = false } = {}) {
      const res = await fetch(`${url}/v1/face/liveness`, {
        method: 'POST',
        headers: raw ? headers : { 'Content-Type': 'application/json', ...headers },
        body: raw ? (body as string | Uint8Array<ArrayBuffer>) : JSON.stringify(body),
      });
      const text = await res.text();
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // not JSON: the test looks at text
      }
      return { status: res.status, text, json, contentType: res.headers.get('content-type') };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
export const base64Of = (name: string) => fixture(name).toString('base64');

/** The error body exactly as Verihubs writes it. */
export const errorText = (message: string, code: string) => JSON.stringify({ message, error_code: code });

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A minimal complete PNG (signature, IHDR, IDAT, IEND) of the given size and colour type. */
export function tinyPng(width: number, height: number, colourType = 2): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, 'ascii'), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colourType;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0, 0, 0, 1])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
