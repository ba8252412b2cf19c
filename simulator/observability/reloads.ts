import type { Logger } from 'pino';
import { describeReload, type ScenarioReload } from '../scenarios/scenario-set.js';

/**
 * A scenario reload (file watch or admin API) as one log line: `info` when it went through,
 * `warn` when it was refused and the last good set keeps serving. The message is the line the
 * simulator prints without a logger (describeReload); the fields say the same for machines.
 */
export function logScenarioReload(logger: Logger, reload: ScenarioReload): void {
  if (!reload.ok) {
    logger.warn({ trigger: reload.trigger, count: reload.count, errors: reload.errors }, describeReload(reload));
    return;
  }
  const disarmed = reload.disarmed.map((a) => ({ armId: a.armId, scenario: a.scenarioId, credential: a.credential }));
  logger.info(
    { trigger: reload.trigger, count: reload.count, added: reload.added, changed: reload.changed, removed: reload.removed, disarmed },
    describeReload(reload),
  );
}
