// The simulator under test, in its own process (forked by run.mjs with IPC and --expose-gc),
// so its memory and CPU are measured apart from the load generator's. It uses the library
// entry point, startSimulator({ port: 0 }), from the built dist/.
import { performance } from 'node:perf_hooks';
import { startSimulator } from '../dist/simulator/server.js';

const sim = await startSimulator({ port: 0 });

function stats() {
  const elu = performance.eventLoopUtilization();
  return { memory: process.memoryUsage(), cpu: process.cpuUsage(), elu: { active: elu.active, idle: elu.idle } };
}

function journal() {
  const entries = sim.engine.journal.query();
  return { count: entries.length, capacity: sim.engine.journal.capacity, jsonBytes: Buffer.byteLength(JSON.stringify(entries)) };
}

process.on('message', async (message) => {
  const reply = (payload) => process.send({ id: message.id, ...payload });
  switch (message.type) {
    case 'stats':
      return reply(stats());
    case 'gc':
      if (typeof globalThis.gc === 'function') {
        // Two passes, with a turn of the event loop between: finalizers run, then their garbage goes.
        globalThis.gc();
        await new Promise((resolve) => setImmediate(resolve));
        globalThis.gc();
      }
      return reply({ gc: typeof globalThis.gc === 'function', ...stats() });
    case 'journal':
      return reply(journal());
    case 'close':
      await sim.close();
      reply({});
      process.disconnect();
      return;
  }
});
// If the bench dies, do not outlive it.
process.on('disconnect', () => setTimeout(() => process.exit(0), 100).unref());

process.send({ type: 'ready', url: sim.url });
