import { createHash } from 'node:crypto';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../server.js';
import { pactFilePaths, readPactFile, type PactFile } from './pact-files.js';
import { resolveProviderState, type StateArming } from './provider-states.js';

/**
 * Provider verification of a consumer's pacts against liveness-sim (README "Pact"): a simulator on
 * a free loopback port stands in for the vendors; each interaction's provider states arm the
 * scenario they name, then Pact's own verifier replays the interaction and compares.
 */
export interface VerifyPactsOptions {
  /** Pact files, or folders of them (their `*.json`). */
  pacts: string[];
  /** The simulator's own options: `configFile`, `scenarioDirs`, `settings`, `set`… (not `port`/`host`: a free loopback port). */
  simulator?: Omit<SimulatorOptions, 'port' | 'host'>;
  /** Pact's log level (default `warn`); its mismatch report is printed whatever the level. */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  /** The provider name Pact reports (default `liveness-sim`). */
  provider?: string;
  // A `broker: { url, token, consumerVersionSelectors }` source fits here later, beside `pacts`.
}

export interface VerifyPactsResult {
  passed: boolean;
  /** The pact files read, in order. */
  files: string[];
  interactions: number;
  /** Provider states that name no scenario, each with the closest ids (nothing was verified then). */
  stateProblems: string[];
  /** Pact's failure summary when a verification failed (the full report went to stdout). */
  failure?: string;
}

/** The access key pair ADVANCE.AI states sign with unless their params name another. */
const ADVANCE_DEMO = { accessKey: 'sampleaccesskey', secretKey: 'samplesecretkey' };

export async function verifyPacts(options: VerifyPactsOptions): Promise<VerifyPactsResult> {
  process.env.PACT_DO_NOT_TRACK ??= 'true';
  const files = pactFilePaths(options.pacts);
  const pacts = files.map(readPactFile);
  const interactions = pacts.reduce((sum, pact) => sum + pact.interactions.length, 0);

  const sim = await startSimulator({ ...options.simulator, port: 0, host: '127.0.0.1' });
  try {
    const scenarioIds = [...sim.engine.scenarios().keys()].sort();
    const { handlers, problems } = stateHandlers(pacts, scenarioIds, sim);
    if (problems.length > 0) return { passed: false, files, interactions, stateProblems: problems };

    const { Verifier } = await import('@pact-foundation/pact').catch(() => {
      throw new Error('verifyPacts needs @pact-foundation/pact: npm install --save-dev @pact-foundation/pact');
    });
    const reset = () => Promise.resolve(sim.engine.reset('*'));
    try {
      await new Verifier({
        provider: options.provider ?? 'liveness-sim',
        providerBaseUrl: sim.url,
        pactUrls: files,
        stateHandlers: handlers,
        beforeEach: reset,
        afterEach: reset,
        logLevel: options.logLevel ?? 'warn',
      }).verifyProvider();
      return { passed: true, files, interactions, stateProblems: [] };
    } catch (error) {
      return { passed: false, files, interactions, stateProblems: [], failure: (error as Error).message };
    }
  } finally {
    await sim.close();
  }
}

type Handler = (params?: unknown) => Promise<Record<string, string> | undefined>;

/** One handler per state name met in the pacts; every name is checked before anything runs. */
function stateHandlers(pacts: PactFile[], scenarioIds: string[], sim: RunningSimulator) {
  const handlers: Record<string, Handler> = {};
  const problems: string[] = [];
  for (const pact of pacts)
    for (const interaction of pact.interactions)
      for (const state of interaction.providerStates) {
        const resolved = resolveProviderState(state.name, state.params, scenarioIds);
        if (!resolved.ok) problems.push(`${pact.path}: interaction "${interaction.description}": ${resolved.message}`);
        else
          handlers[state.name] ??= async (params) => {
            // Params are per interaction: resolve again with this interaction's.
            const again = resolveProviderState(state.name, params as Record<string, unknown> | undefined, scenarioIds);
            const arming: StateArming = again.ok ? again.arming : resolved.arming;
            const values = await advanceValues(sim, params as Record<string, unknown> | undefined);
            if (arming.scenario !== null) sim.engine.arm(arming.scenario, { credential: arming.credential });
            return values;
          };
      }
  return { handlers, problems: [...new Set(problems)] };
}

/**
 * Values a pact can take from the state (`fromProviderState('${accessToken}', …)`): ADVANCE.AI's
 * signed `timestamp` and `signature` (README "The flow with curl") for a token request, and a
 * fresh `accessToken` for the calls after it, minted before any scenario is armed.
 */
async function advanceValues(sim: RunningSimulator, params: Record<string, unknown> | undefined): Promise<Record<string, string>> {
  const accessKey = typeof params?.accessKey === 'string' ? params.accessKey : ADVANCE_DEMO.accessKey;
  const secretKey = typeof params?.secretKey === 'string' ? params.secretKey : ADVANCE_DEMO.secretKey;
  const timestamp = String(sim.engine.clock.now());
  const signature = createHash('sha256')
    .update(accessKey + secretKey + timestamp)
    .digest('hex');
  const values: Record<string, string> = { timestamp, signature };
  try {
    const response = await fetch(`${sim.url}/openapi/auth/ticket/v1/generate-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accessKey, timestamp, signature, periodSecond: 3600 }),
    });
    const body = (await response.json()) as { data?: { token?: unknown } | null };
    if (typeof body.data?.token === 'string') values.accessToken = body.data.token;
  } catch {
    // No ADVANCE.AI in this simulator (or refused): the pact's own example token is sent then.
  }
  return values;
}
