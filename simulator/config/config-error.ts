/**
 * Thrown when the configuration or a scenario file is bad: nothing was started. `kind` is
 * `config` when the config file, a setting or a folder is wrong, `scenarios` when only files are.
 * Browser-safe (the msw entry throws it too).
 */
export class SimulatorConfigError extends Error {
  constructor(
    readonly problems: string[],
    readonly kind: 'config' | 'scenarios' = 'config',
  ) {
    super(`[liveness-sim] not started:\n  ${problems.join('\n  ')}`);
  }
}
