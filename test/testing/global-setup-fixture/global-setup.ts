import type { TestProject } from 'vitest/node';
import { startSimulator } from '../../../src/testing/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    simUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const sim = await startSimulator({ settings: { fpt: { apiKeys: ['fixture-key'] } } });
  await sim.admin.arm('fpt/not-live', { times: 1 });
  project.provide('simUrl', sim.url);
  return () => sim.stop();
}
