import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from './send.js';
import { startServerProcess, type SimProcess } from './sim-process.js';
import { stalls, watch } from './watch.js';

/**
 * The health watch of the reliability properties can fail: against a stand-in server whose
 * event loop one request blocks for 250 ms of CPU, it reports the stall; while nothing blocks, it reports none.
 */
const STAND_IN = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  // 250 ms of the process's own CPU time, however busy the machine is.
  if (req.url === '/block') { const from = process.cpuUsage(); for (let u = process.cpuUsage(from); u.user + u.system < 250000; u = process.cpuUsage(from)); }
  res.end('{}');
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
`;

describe('the reliability health watch', () => {
  let server: SimProcess;
  beforeAll(async () => {
    server = await startServerProcess(['-e', STAND_IN]);
  });
  afterAll(() => server?.kill());

  it('reports no stall while the server answers at once', async () => {
    const watcher = await watch(server, 100);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const report = await watcher.stop();
    expect(report.probes).toBeGreaterThan(0);
    expect(stalls(report, 100)).toEqual([]);
  });

  it('reports the stall of a request that blocks the event loop', async () => {
    const watcher = await watch(server, 100);
    await send(server.url, { method: 'GET', path: '/block', headers: {} });
    const report = await watcher.stop();
    expect(stalls(report, 100).length).toBeGreaterThan(0);
    expect(report.maxRss).toBeGreaterThan(0);
  });
});
