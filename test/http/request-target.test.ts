import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { fixture } from '../support/fixtures.js';
import { rawRequest } from '../support/raw-socket.js';

// The transport takes a plain path as it comes and parses anything else as a URL (http/app.ts):
// both ways must reach the same route, as they would behind the vendors' gateways.
const VERIHUBS = { 'app-id': 'target-app', 'api-key': 'k', 'content-type': 'application/json' };
const body = JSON.stringify({ image: Buffer.from(fixture('face-small-320x240.jpg')).toString('base64') });

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim?.close());

describe('request targets are read as URL paths', () => {
  it.each([
    ['/v1/face/liveness', '/v1/face/liveness'],
    ['/v1/face/./liveness', '/v1/face/liveness'],
    ['/v1/x/../face/liveness', '/v1/face/liveness'],
    ['/v1/face/liveness?trace=1', '/v1/face/liveness'],
  ])('%s reaches Verihubs and is journaled as %s', async (target, path) => {
    const answer = await rawRequest(sim.url, { path: target, headers: VERIHUBS, body });
    expect(answer.status).toBe(200);
    const journal = await (await fetch(`${sim.url}/__sim/requests?credential=target-app&limit=1`)).json();
    expect(journal.requests[0]).toMatchObject({ vendor: 'verihubs', path, status: 200 });
  });

  it('keeps an escape in the path as sent: /v1/face/%6civeness is no route', async () => {
    const answer = await rawRequest(sim.url, { path: '/v1/face/%6civeness', headers: VERIHUBS, body });
    expect(answer.status).toBe(404);
    expect(answer.body.toString('utf8')).toContain('POST /v1/face/%6civeness');
  });

  it('reads the query of a target, first value of a repeated name', async () => {
    const answer = await rawRequest(sim.url, { method: 'GET', path: '/__sim/requests?limit=1&limit=5' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString('utf8')).requests).toHaveLength(1);
  });
});
