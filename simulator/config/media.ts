import { parseDuration } from '../admin/input.js';
import type { VideoPoolOptions } from '../workers/video-pool.js';

/**
 * The video inspection pool's settings (README "Limits", simulator/workers/video-pool.ts) as
 * config-file keys, also settable as `--set <key>=<value>`. A bad value stops the start with its
 * source and key.
 */
export const MEDIA_LIMIT_KEYS = ['mediaWorkers', 'mediaDeadline', 'mediaQueueCapacity'] as const;

/** Past these a setting is a typo, not a choice: 64 threads, 10 minutes per video, 10,000 waiting. */
const BOUNDS = { workers: 64, deadlineMs: 600_000, queueCapacity: 10_000 };

export function readMediaLimits(values: Record<string, unknown>, source: string, problems: string[]): VideoPoolOptions {
  const options: VideoPoolOptions = {};
  const { mediaWorkers, mediaDeadline, mediaQueueCapacity } = values;
  if (mediaWorkers !== undefined) {
    if (Number.isInteger(mediaWorkers) && (mediaWorkers as number) >= 1 && (mediaWorkers as number) <= BOUNDS.workers) options.workers = mediaWorkers as number;
    else problems.push(`${source}: mediaWorkers: a whole number from 1 to ${BOUNDS.workers}`);
  }
  if (mediaDeadline !== undefined) {
    const ms = parseDuration(mediaDeadline);
    if (ms !== undefined && ms >= 1 && ms <= BOUNDS.deadlineMs) options.deadlineMs = ms;
    else problems.push(`${source}: mediaDeadline: milliseconds or a duration ("3s"), from 1 ms to 10m`);
  }
  if (mediaQueueCapacity !== undefined) {
    if (Number.isInteger(mediaQueueCapacity) && (mediaQueueCapacity as number) >= 0 && (mediaQueueCapacity as number) <= BOUNDS.queueCapacity)
      options.queueCapacity = mediaQueueCapacity as number;
    else problems.push(`${source}: mediaQueueCapacity: a whole number from 0 to ${BOUNDS.queueCapacity}`);
  }
  return options;
}
