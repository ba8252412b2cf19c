// Preloaded with `--import` into every server the bench forks (the simulator's own CLI and the
// reference servers alike), so all of them are measured the same way: the bench asks over the
// IPC channel for memory, CPU and event-loop use, a forced GC (the servers run with
// --expose-gc), or the peak RSS between two points, sampled in the server itself.
import { performance } from 'node:perf_hooks';

const PEAK_SAMPLE_MS = 10;

if (process.send) {
  let peak = 0;
  let sampler;
  const stats = () => {
    const elu = performance.eventLoopUtilization();
    return { memory: process.memoryUsage(), cpu: process.cpuUsage(), elu: { active: elu.active, idle: elu.idle } };
  };
  process.on('message', async (message) => {
    if (typeof message !== 'object' || message === null || message.bench === undefined) return;
    const reply = (payload) => process.send({ bench: message.bench, ...payload });
    switch (message.type) {
      case 'stats':
        return reply(stats());
      case 'gc':
        if (typeof globalThis.gc === 'function') {
          // Two passes, a turn of the event loop between: finalizers run, then their garbage goes.
          globalThis.gc();
          await new Promise((resolve) => setImmediate(resolve));
          globalThis.gc();
        }
        return reply({ gc: typeof globalThis.gc === 'function', ...stats() });
      case 'peak-start':
        peak = process.memoryUsage.rss();
        clearInterval(sampler);
        sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), PEAK_SAMPLE_MS);
        sampler.unref();
        return reply({});
      case 'peak-stop':
        clearInterval(sampler);
        return reply({ peakRss: Math.max(peak, process.memoryUsage.rss()) });
    }
  });
  // The channel must not keep a server alive that was told to stop.
  process.channel?.unref();
  // If the bench dies, do not outlive it.
  process.on('disconnect', () => setTimeout(() => process.exit(0), 100).unref());
}
