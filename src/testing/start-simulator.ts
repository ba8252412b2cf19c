import { createAdminClient, type AdminClient } from '../admin-client/client.js';
import { startSimulator as startServer, type SimulatorOptions } from '../../simulator/server.js';

/**
 * liveness-sim/testing's `startSimulator` (README "In test suites"): the real HTTP server on a
 * free loopback port, for suites that want the wire (any language's client, a child process, a
 * proxy), with a typed client for its admin API. Small enough for vitest's or jest's global setup.
 */
export interface TestSimulator {
  /** `http://127.0.0.1:<port>`: point the client's base URL for every vendor here. */
  url: string;
  /** The admin API over HTTP: arm, disarm, journal, clock, advanceClock, reset. */
  admin: AdminClient;
  /** Stops the server at once, dropping whatever is in flight. */
  stop(): Promise<void>;
}

/** Options as the library's `startSimulator` (settings, scenarioDirs, configFile, adminToken, …); the port is always a free one. */
export type TestSimulatorOptions = Omit<SimulatorOptions, 'port' | 'host'>;

export async function startSimulator(options: TestSimulatorOptions = {}): Promise<TestSimulator> {
  const running = await startServer({ ...options, port: 0, host: '127.0.0.1' });
  const adminToken = options.adminToken;
  const admin = createAdminClient(async (method, path, body, contentType = 'application/json') => {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': contentType };
    if (adminToken) headers['x-sim-admin-token'] = adminToken;
    const response = await fetch(`${running.url}${path}`, { method, headers, body });
    return { status: response.status, text: await response.text() };
  });
  return { url: running.url, admin, stop: () => running.close() };
}
