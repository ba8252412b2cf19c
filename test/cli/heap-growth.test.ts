import { describe, expect, it } from 'vitest';
import { choseHeapGrowth } from '../../simulator/node/heap-growth.js';

describe('the CLI limits V8 heap growth unless Node was told otherwise', () => {
  it('keeps the factor a user chose with a Node flag or NODE_OPTIONS, in either spelling', () => {
    expect(choseHeapGrowth(['--heap-growing-percent=20'])).toBe(true);
    expect(choseHeapGrowth([], '--max-old-space-size=512 --heap_growing_percent=300')).toBe(true);
  });

  it('sets its own when Node options name other flags or none', () => {
    expect(choseHeapGrowth([])).toBe(false);
    expect(choseHeapGrowth(['--expose-gc', '--import', 'hook.mjs'], '--max-semi-space-size=4')).toBe(false);
  });
});
